import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

/// Every rich value kind, as printed at 80 columns (the notebooks' width): values and their
/// notes on stderr alike must fit.
private let richValues: [(kind: String, code: String)] = [
    ("model", "ols(cost_growth ~ C(phase) + log(cost_before) + age + C(ministry), d, robust=\"HC3\")"),
    ("bootstrap", "bootstrap(ols(cost_growth ~ C(phase) + log(cost_before) + age, d), reps=100, seed=10)"),
    ("simulation", "s"),
    ("contributions", "contributions(s)"),
    ("forecast", "forecast(series, value=total_cost, time=edition, since=6)"),
    ("forecast", "forecast(series, value=total_cost, time=edition, method=\"auto\")"),
    ("backtest", "backtest(series, value=total_cost, time=edition)"),
    ("bridge", "bridge(p, from=13, to=14)"),
    ("outlook", "outlook(p, series, trials=500, seed=1)"),
    ("distribution", "fit(\"lognormal\", d.cost_before)"),
    ("distribution", "gpd(1, 0.4, 0.5)"),
]

private let setup = """
p = load("panorama")
series = load("panorama_series")
g = load("panorama_growth")
steps = g |> where(edition_gap == 1 and not is_na(cost_growth))
before = p |> select(edition, key, phase, ministry, cost) |> rename(previous_edition=edition, cost_before=cost)
d = steps |> join(before, by=["previous_edition", "key"])
s = simulate(p |> where(edition == 14 and not is_na(cost)), cost=cost, overrun=lognormal(0, 0.3), corr=0.3, \
trials=2000, seed=1)
"""

@Test(arguments: richValues.indices)
func everyRichValueFitsEightyColumns(_ index: Int) {
    let (kind, code) = richValues[index]
    var out: [String] = [], err: [String] = []
    let session = Session(options: RenderOptions(width: 80), output: { out.append($0) }, diagnostics: { err.append($0) })
    session.run(setup)
    #expect(!err.contains { $0.contains("error") }, "setup: \(err)")
    out = []; err = []
    session.run(code)
    #expect(!err.contains { $0.contains("error") }, "\(kind): \(err)")
    #expect(!out.isEmpty)
    let long = (out + err).flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.filter { $0.count > 80 }
    #expect(long.isEmpty, "\(kind) `\(code)`: lines longer than 80:\n\(long.joined(separator: "\n"))")
}

@Test(arguments: [
    ("d = frame(x=[1])\n.vars", "frame 1 row × 1 column: x"),
    ("d = frame(x=[1, 2], y=[3, 4])\n.vars", "frame 2 rows × 2 columns: x, y"),
    ("d = frame(x=[1, 2])\nd.y = [1]\nd.z = [1, 2, 3]", "the new column has 3 values but 'd' has 2 rows"),
    ("stack(frame(x=[1]), frame(x=[2]), id=\"k\", ids=[\"a\"])", "ids= has 1 value but 2 frames are stacked"),
])
func countsAreSingularForOne(_ code: String, _ text: String) {
    let t = run(code)
    #expect((t.stdout + t.stderr).contains(text), "\(code): \(t.stdout) \(t.stderr)")
}
