import Testing
import PanoramaKit
@testable import PanoramaShell

// summarize's direct aggregates (sum(col), mean(col)… run on each group's numbers) against the
// general path (the same call evaluated on each group's rows, forced by `col + 0`), and by= of
// the group-wise functions taking bare column names as summarize does.

/// A frame literal with na, ties and an empty-after-na group, built from a seed.
private func randomFrameCode(rows: Int, seed: UInt64) -> String {
    var rng = Xoshiro256StarStar(seed: seed)
    let ministries = ["\"Intérieur\"", "\"Armées\"", "\"Culture\"", "na"]
    let phases = ["\"Cadrage\"", "\"Terminé\""]
    func pick(_ xs: [String]) -> String { xs.randomElement(using: &rng)! }
    let m = (0..<rows).map { _ in pick(ministries) }
    let ph = (0..<rows).map { _ in pick(phases) }
    let cost = (0..<rows).map { i in i % 5 == 3 ? "na" : String(Double(Int.random(in: 0...40, using: &rng)) / 4) }
    // One ministry whose costs are all na: its sum is 0, its mean na, with notes.
    return "f = frame(ministry=[\(m.joined(separator: ", ")), \"Mer\"], phase=[\(ph.joined(separator: ", ")), \"Cadrage\"], "
        + "cost=[\(cost.joined(separator: ", ")), na])\n"
}

@Test(arguments: ["sum", "mean", "median", "sd", "var", "min", "max", "n"])
func summarizeAggregatesGiveWhatTheGeneralPathGives(aggregate: String) {
    for (rows, seed) in [(0, UInt64(1)), (1, 2), (40, 3), (200, 4)] {
        let code = randomFrameCode(rows: rows, seed: seed)
        for by in ["ministry", "[ministry, phase]", "[phase, ministry]"] {
            let direct = run(code + "summarize(f, by=\(by), v=\(aggregate)(cost))", mode: .json)
            let general = run(code + "summarize(f, by=\(by), v=\(aggregate)(cost + 0))", mode: .json)
            #expect(direct.stdout == general.stdout, "\(aggregate) by \(by), \(rows) rows")
            #expect(direct.stderr == general.stderr.replacingOccurrences(of: "cost + 0", with: "cost"), "\(aggregate) by \(by)")
        }
    }
}

@Test func summarizeWithoutByIsOneRowEvenOfAnEmptyFrame() {
    #expect(json("f = frame(x=[1, na, 3])\nsummarize(f, s=sum(x), m=mean(x))") == #"{"columns": ["s", "m"], "rows": [[4, 2]]}"#)
    #expect(json("f = frame(x=[1])\nsummarize(head(f, 0), s=sum(x), m=mean(x))") == #"{"columns": ["s", "m"], "rows": [[0, null]]}"#)
}

@Test func aUserFunctionNamedLikeAnAggregateIsCalledBySummarize() {
    #expect(json("sum = function(x) 42\nf = frame(g=[\"a\", \"b\"], x=[1, 2])\nsummarize(f, by=g, s=sum(x))")
            == #"{"columns": ["g", "s"], "rows": [["a", 42], ["b", 42]]}"#)
}

@Test(arguments: [
    ("cumsum(g.cost, by=ministry)", "cumsum(g.cost, by=g.ministry)"),
    ("diff(g.cost, by=ministry)", "diff(g.cost, by=g.ministry)"),
    ("lag(g.cost, by=ministry)", "lag(g.cost, by=g.ministry)"),
    ("lag(g.cost, by=\"ministry\")", "lag(g.cost, by=g.ministry)"),
    ("cumsum(g.cost, by=[ministry, phase])", "cumsum(g.cost, by=paste(g.ministry, g.phase))"),
])
func windowFunctionsTakeByAsAColumnNameOfTheirFrame(named: String, vector: String) {
    let g = "g = frame(ministry=[\"A\", \"B\", \"A\", \"B\", \"A\"], phase=[\"x\", \"x\", \"y\", \"x\", \"y\"], cost=[10, 20, 15, 18, 1])\n"
    let expected = run(g + vector, mode: .json)
    #expect(expected.stderr == "")
    let got = run(g + named, mode: .json)
    #expect(got.stdout == expected.stdout, "\(named)")
    #expect(got.stderr == "", "\(named)")
}

@Test func aNewColumnComputedByGroupReadsByAsAColumn() {
    let code = "g = frame(ministry=[\"A\", \"B\", \"A\"], cost=[10, 20, 15])\ng.running = cumsum(cost, by=ministry)\ng.running"
    #expect(json(code) == "[10, 20, 25]")
}

@Test func fitAndUpliftTakeByAsAColumnName() {
    let f = "f = frame(phase=[\"a\", \"a\", \"a\", \"b\", \"b\", \"b\"], growth=[1.1, 1.3, 1.2, 2, 1.5, 1.7])\n"
    #expect(run(f + "uplift(f.growth, by=phase)", mode: .json).stdout == run(f + "uplift(f.growth, by=f.phase)", mode: .json).stdout)
    #expect(run(f + "fit(\"normal\", f.growth, by=phase)", mode: .json).stdout
            == run(f + "fit(\"normal\", f.growth, by=f.phase)", mode: .json).stdout)
    #expect(run(f + "uplift(f.growth, by=[phase, phase])").stderr.hasPrefix("error: 'by' takes one column here, not 2"))
}

@Test func aByNameThatIsNoColumnIsStillAnUnknownName() {
    let t = run("g = frame(ministry=[\"A\", \"B\"], cost=[1, 2])\ncumsum(g.cost, by=ministre)")
    #expect(t.stderr.hasPrefix("error: "))
    #expect(t.stderr.contains("ministre"))
}

/// `first` and `last` take a vector's ends as they are (na included, any type, na when empty),
/// and in summarize(by=) a group's first and latest rows in the frame's order.
@Test func firstAndLastTakeTheEndsOfEachGroupInRowOrder() {
    #expect(json("[first([na, 2, 3]), last([1, 2, na])]") == "[null, null]")
    #expect(json("x = [4, 5]\n[first(x[x > 9]), first(x), last(x)]") == "[null, 4, 5]")
    #expect(json("last([\"a\", \"é\"])") == #""é""#)
    let code = "f = frame(key=[\"b\", \"a\", \"b\", \"a\", \"b\"], cost=[1, 10, 2, na, 3], phase=[\"x\", \"y\", \"z\", \"y\", \"w\"])\n"
    #expect(json(code + "summarize(f, by=key, c0=first(cost), c1=last(cost), ph=last(phase))")
            == #"{"columns": ["key", "c0", "c1", "ph"], "rows": [["a", 10, null, "y"], ["b", 1, 3, "w"]]}"#)
    #expect(run("first(frame(a=1))").stderr.contains("error: 'x' must be a vector, not a frame"))
}
