import Foundation
import Testing
@testable import PanoramaKit

/// Issue 19.5: Flyvbjerg's reference-class uplift. Reference values: Fixtures/generate_uplift.py (numpy).
@Suite struct UpliftTests {
    static let factors = [1, 1.02, 0.97, 1.3, 1.1, 1, 2.4, 1.05, 1.15, 1.6]

    @Test(arguments: [(50.0, 0.07500000000000018), (80, 0.3600000000000001), (90, 0.6799999999999997)])
    func upliftIsThePercentileOfTheFactorsLessOne(p: Double, expected: Double) throws {
        let u = try ReferenceClassUplift.make(Self.factors, p: p)
        #expect(u.rows.count == 1)
        #expect(abs(u.rows[0].uplift - expected) < 1e-12)
        #expect(abs(u.rows[0].median - 1.0750000000000002) < 1e-12)
        #expect(u.rows[0].n == 10)
    }

    @Test func eachClassGetsItsOwnUpliftSizeAndWarning() throws {
        let groups: [String?] = Array(repeating: ["a", "b"], count: 5).flatMap { $0 }
        let u = try ReferenceClassUplift.make(Self.factors, groups: groups, p: 80)
        #expect(u.rows.map(\.group) == ["a", "b"])
        #expect(abs(u.rows[0].uplift - 0.40000000000000013) < 1e-12)
        #expect(abs(u.rows[1].uplift - 0.3600000000000001) < 1e-12)
        #expect(u.rows[0].warnings.contains("a class of 5 projects: its P80 rests on the largest alone"))
    }

    @Test func aFatTailIsFlagged() throws {
        // Pareto-like factors with α ≈ 1: the Hill estimate says the mean is infinite.
        let x = (1...40).map { 40.0 / Double($0) }
        let u = try ReferenceClassUplift.make(x, p: 80)
        let alpha = try #require(u.rows[0].tail?.alpha)
        #expect(alpha <= 2)
        #expect(u.rows[0].warnings.first?.hasPrefix("tail index") == true)
    }

    @Test func badInputIsAnError() {
        #expect(throws: KernelError("uplift: 'p' must be between 0 and 100 (exclusive), not 100")) {
            try ReferenceClassUplift.make(Self.factors, p: 100)
        }
        #expect(throws: KernelError("uplift: no positive overrun factor in 'growth'")) {
            try ReferenceClassUplift.make([.nan, -1], p: 80)
        }
        #expect(throws: KernelError("uplift: 'by' has 1 values but growth has 10")) {
            try ReferenceClassUplift.make(Self.factors, groups: ["a"], p: 80)
        }
    }
}

/// The outlook's "what past projects say": each key's last cost over its first, from the panel.
@Test func thePanelsOverrunFactorsAreLastCostOverFirst() throws {
    let frame = Frame(columns: [
        Column(name: "edition", .number([1, 1, 1, 2, 2, 3])),
        Column(name: "key", .text(Categorical(["a", "b", "c", "a", "b", "a"]))),
        Column(name: "cost", .number([10, 20, .nan, 12, 30, 15])),
    ])
    let panel = try PortfolioPanel(frame, columns: PortfolioColumns())
    // a: 15 / 10; b: 30 / 20; c never costed.
    #expect(panel.overrunFactors == [1.5, 1.5])
}
