import Testing
import PanoramaKit
@testable import PanoramaShell

/// Requests larger than the memory the process may use are refused with one line saying what they
/// would take; a small budget is injected so that no test allocates gigabytes.
private func underBudget(_ bytes: Int, _ code: String) -> Transcript {
    MemoryBudget.$injected.withValue(MemoryBudget(available: bytes)) { run(code) }
}

@Test func aBillionTrialsAreRefusedBeforeAnythingIsAllocated() {
    let t = underBudget(4_000_000_000, "simulate(cost=[1, 2], overrun=lognormal(0, 0.3), trials=1e9, seed=1)")
    #expect(t.outcome == .failed)
    #expect(t.stderr.contains("1,000,000,000 trials would take 24.0 GB of memory but about 3.0 GB is available; use fewer trials (trials=)"), "\(t.stderr)")
    #expect(!t.stderr.contains("\n"))
}

@Test func aJoinThatMultipliesRowsIsRefusedWithItsRowCount() {
    let code = "a = frame(k = seq_len(20000) * 0, x = seq_len(20000))\nb = frame(k = seq_len(20000) * 0, y = seq_len(20000))\njoin(a, b, by=\"k\")"
    let t = underBudget(1_000_000_000, code)
    #expect(t.stderr.contains("the join's 400000000 rows would take 19.2 GB of memory"), "\(t.stderr)")
    #expect(t.stderr.contains("join on more key columns, or make the keys unique first (distinct)"))
}

@Test func aDesignMatrixWithTooManyLevelsIsRefused() {
    let t = underBudget(100_000_000, "d = frame(x = seq_len(5000), y = seq_len(5000))\nols(y ~ C(x), d)")
    #expect(t.stderr.contains("the design matrix (5000 rows × 5000 columns) would take 600 MB of memory but about 75.0 MB is available"), "\(t.stderr)")
}

@Test func aHighDegreeFormulaExpandsQuicklyAndIsRefusedBySize() {
    let names = (0..<16).map { "v\($0)" }
    let frame = "d = frame(" + names.enumerated().map { "\($1) = seq_len(200) * \($0 + 2)" }.joined(separator: ", ") + ", y = seq_len(200))"
    let t = underBudget(100_000_000, frame + "\nols(y ~ (" + names.joined(separator: " + ") + ")^8, d)")
    #expect(t.stderr.contains("the design matrix (200 rows × 39203 columns) would take"), "\(t.stderr)")
}

@Test func theBudgetIsTheSmallerOfPhysicalMemoryAndTheAddressLimitLessWhatIsHeld() {
    #expect(MemoryBudget(available: 8_000, addressLimit: nil, held: 0).limit == 6_000)
    #expect(MemoryBudget(available: 8_000, addressLimit: 5_000, held: 1_000).limit == 3_000)
    #expect(MemoryBudget(available: 8_000, addressLimit: 5_000, held: 6_000).limit == 0)
    #expect(MemoryBudget.bytes(Int.max / 2, 3) == Int.max)
    #expect(MemoryBudget.system().limit > 0)
}
