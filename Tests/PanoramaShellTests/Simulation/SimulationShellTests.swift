import Foundation
import PanoramaKit
import Testing
@testable import PanoramaShell

/// Runs text through a session and returns (stdout, stderr), lines joined by newlines.
private func run(_ text: String, json: Bool = false, variables: [String: Value] = [:]) -> (out: String, err: String) {
    final class Sink: @unchecked Sendable { var out: [String] = []; var err: [String] = [] }
    let sink = Sink()
    var options = RenderOptions()
    if json { options.mode = .json }
    let session = Session(options: options, output: { sink.out.append($0) }, diagnostics: { sink.err.append($0) })
    for (k, v) in variables { session.interpreter.set(k, v) }
    session.run(text)
    return (sink.out.joined(separator: "\n"), sink.err.joined(separator: "\n"))
}

private func object(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
}

private let portfolio = Frame(columns: [
    Column(name: "project", .text(Categorical(["SIRH", "Cadastre", "Portail", "Paie", "Impôts"]))),
    Column(name: "cost", .number([120, 45, 300, 80, 210])),
    Column(name: "phase", .text(Categorical(["En cours", "Terminé", "En cours", "Cadrage", "En cours"]))),
])

@Test func simulateReturnsTheDesignedJSONShape() throws {
    let (out, err) = run("simulate(cost=[120, 45, 300], overrun=lognormal(0.05, 0.35), corr=0.3, trials=5000, seed=7)", json: true)
    #expect(err == "")
    let keys = ["kind", "trials", "seed", "projects", "copula", "mean", "sd", "percentiles", "standard_errors",
                "percentile_bounds_95", "point_estimate", "point_estimate_percentile", "contingency_p80",
                "expected_shortfall_p95", "contributions"]
    // Keys in this order (DESIGN §4).
    var position = out.startIndex
    for key in keys {
        let r = out.range(of: "\"\(key)\": ", range: position..<out.endIndex)
        #expect(r != nil, "missing or out of order: \(key)")
        if let r { position = r.upperBound }
    }
    let o = try object(out)
    #expect(o["kind"] as? String == "simulation")
    #expect(o["trials"] as? Int == 5000)
    #expect(o["seed"] as? Int == 7)
    #expect(o["point_estimate"] as? Double == 465)
    let percentiles = o["percentiles"] as! [String: Double]
    #expect(Set(percentiles.keys) == ["P5", "P10", "P50", "P80", "P90", "P95"])
    #expect(percentiles["P5"]! < percentiles["P50"]! && percentiles["P50"]! < percentiles["P95"]!)
    let copula = o["copula"] as! [String: Any]
    #expect(copula["type"] as? String == "gaussian" && copula["correlation"] as? Double == 0.3)
    #expect((o["contributions"] as! [[String: Any]]).count == 3)
}

@Test func aSeededSimulationIsIdenticalWithOneAndTwoThreads() {
    let code = "simulate(cost=[120, 45, 300, 80], overrun=pert(0.9, 1, 2), corr=0.4, copula=\"t\", df=5, trials=12000, seed=3, threads="
    let one = run(code + "1)", json: true).out
    let two = run(code + "2)", json: true).out
    #expect(!one.isEmpty)
    #expect(one == two)
    // .seed gives the default seed.
    #expect(run(".seed 3\nsimulate(cost=[120, 45, 300, 80], overrun=pert(0.9, 1, 2), corr=0.4, copula=\"t\", df=5, trials=12000)", json: true).out == one)
}

@Test func aggregatesAndMembersWorkOnSimulationsAndDistributions() {
    let (out, err) = run("""
    s = simulate(cost=[100, 100], overrun=normal(1, 0.1), trials=40000, seed=1)
    abs(mean(s) - 200) < 0.5
    abs(sd(s) - sqrt(200)) < 0.5
    quantile(s, 0.8) == s.p80
    median(s) == quantile(s, 0.5)
    d = lognormal(0, 0.35)
    quantile(d, [0.5])
    mean(pert(1, 2, 5))
    d.sdlog
    cdf(normal(0, 1), [0])
    """)
    #expect(err == "")
    #expect(out == "true\ntrue\ntrue\ntrue\n[1]\n2.333333\n0.35\n[0.5]")
}

/// Values checked against scipy (lognorm, beta, triang).
@Test func distributionsPrintTheirParametersAndMoments() {
    let (out, _) = run("lognormal(median=1, p90=1.5)\npert(0.9, 1, 1.6)")
    #expect(out == """
    lognormal(meanlog=0, sdlog=0.3163861)
    mean 1.051324, sd 0.3411244; P5 0.5942775, median 1, P95 1.682715
    pert(min=0.9, mode=1, max=1.6)
    mean 1.083333, sd 0.116326; P5 0.9289726, median 1.064027, P95 1.304083
    """)
    let (json, _) = run("triangular(0.9, 1, 1.6)", json: true)
    #expect(json == #"{"kind": "triangular", "parameters": {"min": 0.9, "mode": 1, "max": 1.6}, "mean": 1.1666666666666667, "sd": 0.15456030825826184}"#)
}

@Test(arguments: [
    ("normal(0, -1)", "error: normal: 'sd' must be positive, not -1"),
    ("lognormal(0)", "error: 'meanlog' and 'sdlog' go together; give both\nusage: lognormal(meanlog, sdlog, median=, p90=, mean=, sd=)"),
    ("lognormal(median=2, p90=1)", "error: lognormal: 'p90' (1) must be above 'median' (2)"),
    ("simulate(cost=[1, 2], overrun=normal(1, 0.1), copula=\"gausian\")",
     "error: unknown copula 'gausian'; use \"gaussian\", \"t\" or \"iman-conover\". Did you mean 'gaussian'?\nusage: simulate(data, cost=, overrun=, corr=, copula=, df=, by=, label=, trials=100000, seed=, repair=false, threads=)"),
    ("simulate(cost=[1, 2, 3], overrun=normal(1, 0.1), corr=-0.7)",
     "error: a common correlation of -0.7 is impossible for 3 projects: it must be at least -1/(n - 1) = -0.5"),
    ("simulate(cost=[1, 2], overrun=3)",
     "error: 'overrun' must be a distribution, per_group(…) or a model of log(factor), not a number\nusage: simulate(data, cost=, overrun=, corr=, copula=, df=, by=, label=, trials=100000, seed=, repair=false, threads=)"),
    ("fit(\"weibull\", [1, 2, 3])", "error: cannot fit 'weibull'; fit knows normal, lognormal, uniform, triangular, pert, student_t, pareto, gpd\nusage: fit(kind, x, threshold=, by=)"),
    ("tail_index([1, 2])", "error: tail_index needs at least 3 positive values, not 2"),
] as [(String, String)])
func mistakesGetExactMessages(_ code: String, _ message: String) {
    let (_, err) = run(code)
    #expect(err == message)
}

@Test func aCorrelationMatrixFromAFrameIsValidatedAndRepairedOnRequest() throws {
    let bad = Frame(columns: [
        Column(name: "a", .number([1, 0.9, -0.9])),
        Column(name: "b", .number([0.9, 1, 0.9])),
        Column(name: "c", .number([-0.9, 0.9, 1])),
    ])
    let code = "simulate(cost=[1, 2, 3], overrun=normal(1, 0.1), corr=m, trials=2000, seed=1"
    let (_, err) = run(code + ")", variables: ["m": .frame(bad)])
    #expect(err == "error: the correlation matrix is not positive semi-definite (smallest eigenvalue -0.8); repair=true replaces it by the nearest correlation matrix")
    let (out, note) = run(code + ", repair=true)", json: true, variables: ["m": .frame(bad)])
    #expect(note == "note: the correlation matrix was not positive semi-definite; using the nearest\n      correlation matrix (Higham)")  // wrapped at the width, 80
    let copula = try object(out)["copula"] as! [String: Any]
    #expect(copula["repaired"] as? Bool == true)
    let asymmetric = Frame(columns: [Column(name: "a", .number([1, 0.2])), Column(name: "b", .number([0.3, 1]))])
    #expect(run("simulate(cost=[1, 2], overrun=normal(1, 0.1), corr=m)", variables: ["m": .frame(asymmetric)]).err
            == "error: the correlation matrix is not symmetric: [2, 1] is 0.2 but [1, 2] is 0.3")
}

@Test func aFrameOfProjectsWithPerGroupOverrunsAndGroupContributions() throws {
    let (out, err) = run("""
    s = simulate(p, cost=cost, overrun=per_group(["En cours", "Terminé", "Cadrage"], lognormal(0.1, 0.4), lognormal(0, 0.05), pareto(1, 2.5)), by=phase, corr=0.2, trials=20000, seed=5)
    contributions(s)
    contributions(s, groups=true)
    """, json: true, variables: ["p": .frame(portfolio)])
    #expect(err == "")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    let projects = try object(lines[0])
    let rows = projects["rows"] as! [[Any]]
    #expect(projects["columns"] as! [String] == ["project", "base_cost", "rank_correlation", "variance_share", "total_at_p10", "total_at_p90", "mean", "sd"])
    #expect(rows.count == 5)
    #expect(rows[0][0] as? String == "Portail")  // the largest uncertain project leads
    let groups = try object(lines[1])["rows"] as! [[Any]]
    #expect(Set(groups.map { $0[0] as! String }) == ["En cours", "Terminé", "Cadrage"])
    let shares = groups.map { $0[3] as! Double }.reduce(0, +)
    #expect(abs(shares - 1) < 1e-9)
    // A group with no distribution is named.
    let (_, missing) = run("simulate(p, cost=cost, overrun=per_group([\"En cours\"], lognormal(0, 0.1)), by=phase)",
                           variables: ["p": .frame(portfolio)])
    #expect(missing == "error: no overrun distribution for group 'Terminé'")
}

@Test func aListOfCorrelationsRunsASensitivitySweep() throws {
    let (out, err) = run("simulate(cost=[100, 100, 100], overrun=lognormal(0, 0.3), corr=[0, 0.5, 0.9], trials=20000, seed=2)", json: true)
    #expect(err == "")
    let o = try object(out)
    #expect(o["columns"] as! [String] == ["corr", "mean", "p50", "p80", "p95", "contingency_p80"])
    let rows = o["rows"] as! [[Double]]
    #expect(rows.map { $0[0] } == [0, 0.5, 0.9])
    // More correlation, fatter right tail: P95 rises.
    #expect(rows[0][4] < rows[1][4] && rows[1][4] < rows[2][4])
    let (dfOut, _) = run("simulate(cost=[100, 100, 100], overrun=lognormal(0, 0.3), corr=0.3, copula=\"t\", df=[3, 30], trials=20000, seed=2)", json: true)
    #expect(try object(dfOut)["columns"] as! [String] == ["df", "mean", "p50", "p80", "p95", "contingency_p80"])
}

@Test func fittingWarnsAboutHeavyTailsOnStderr() {
    let heavy = (1...40).map { pow(Double($0) / 41, -1.0 / 0.9) }
    let list = "[" + heavy.map { "\($0)" }.joined(separator: ", ") + "]"
    let (_, err) = run("f = fit(\"pareto\", \(list))")
    #expect(err.hasPrefix("note: tail index 0.9"))
    #expect(err.contains("≤ 1: the mean is infinite"))
    let (_, hill) = run("t = tail_index(\(list), k=30)")
    #expect(hill.contains("the mean is infinite"))
}

@Test func fitByGroupGivesPerGroupDistributions() {
    let (out, err) = run("fit(\"lognormal\", [1.1, 1.3, 0.9, 2.5, 1.05, 1.2], by=[\"a\", \"a\", \"a\", \"b\", \"b\", \"b\"])", json: true)
    #expect(err == "")
    #expect(out.hasPrefix(#"{"kind": "distributions", "groups": [{"group": "a", "kind": "lognormal""#))
}

@Test func everyExampleInTheHelpRuns() {
    for b in BuiltinRegistry.distributionBuiltins + BuiltinRegistry.simulationBuiltins {
        let (out, err) = run(b.example)
        #expect(!out.isEmpty, "\(b.name)")
        #expect(!err.contains("error"), "\(b.name): \(err)")
    }
}

@Test func contributionsReadInFullAtEightyColumns() {
    // The measures come first with labels as narrow as their numbers; each project's own mean
    // and sd are what gives way at 80 columns.
    let (out, _) = run("""
    p = load("panorama")
    s = simulate(p |> where(edition == 14 and not is_na(cost)), cost=cost, overrun=lognormal(0, 0.3), corr=0.3, trials=2000, seed=1)
    contributions(s) |> head(3)
    """)
    let lines = out.split(separator: "\n")
    #expect(lines[1] == "│ project         │ base cost │ rank corr │ var. share │ P10 total │ P90 total │")
    #expect(lines.last == "… 2 more columns: mean, sd (.width 116 or --format csv shows them)")
    #expect(lines.allSatisfy { $0.count <= 80 })
}

/// Issue 14.7: percentiles are in percent; probabilities draw a warning.
@Test func percentilesGivenAsProbabilitiesGetAWarning() {
    let (out, err) = run("s = simulate(cost=[100, 50], overrun=lognormal(0, 0.3), trials=2000, seed=1)\npercentiles(s, [0.5, 0.8])")
    #expect(out.contains("P0.5"))
    #expect(err == "note: percentiles takes percents; did you mean 50, 80?")
    #expect(run("s = simulate(cost=[100, 50], overrun=lognormal(0, 0.3), trials=2000, seed=1)\npercentiles(s, [0.5, 80])").err == "")
}

/// Issue 14.7: a group with no values or only skipped projects is skipped with a note naming it.
@Test func fitByGroupSkipsAGroupWithoutValuesNamingIt() {
    let (out, err) = run("fit(\"lognormal\", [1.1, 1.2, 1.5, na, na, 1.3, 1.2], by=[\"a\", \"a\", \"a\", \"b\", \"b\", \"c\", \"c\"])")
    #expect(err == "note: fit skipped group 'b': all its values are na")
    #expect(out.contains("│ a ") && out.contains("│ c ") && !out.contains("│ b "))
    #expect(run("fit(\"lognormal\", [na, na], by=[\"a\", \"b\"])").err.hasPrefix("note: fit skipped group 'a'"))
}

@Test func simulateByGroupSkipsAGroupWhoseProjectsAreAllSkipped() {
    let code = """
    f = frame(cost=[10, 20, na, 5], g=["a", "a", "b", "c"], x=[1.1, 1.3, na, 1.2])
    d = fit("lognormal", [1.1, 1.2, 1.5, na, 1.3, 1.2], by=["a", "a", "a", "b", "c", "c"]);
    s = simulate(f, cost=cost, overrun=d, by=g, trials=1000, seed=1)
    nrow(contributions(s, groups=true))
    """
    let (out, err) = run(code)
    #expect(err == "note: fit skipped group 'b': all its values are na\nnote: simulate skipped 1 project with na cost (all of group 'b')")
    #expect(out == "2")
}
