import Foundation
import Testing
@testable import PanoramaKit
@testable import PanoramaShell

// Stand-ins for the simulation, forecast, bridge and model values of other areas, conforming
// to the chart seams the way those values will.

struct FakeSimulation: ChartableSimulation {
    var totals: [Double]
    var pointEstimate: Double
    var contributions: [(name: String, low: Double, high: Double)]
    var kind: String { "simulation" }
    func summary(_ options: RenderOptions) -> String { "simulation" }
    func render(_ options: RenderOptions) -> String { "simulation" }
    func json(_ options: RenderOptions) -> JSON { .null }
    func quantile(_ p: Double) -> Double { Descriptive.quantile(sorted: totals.sorted(), p) }
    var mean: Double { Descriptive.mean(totals) }
    var standardDeviation: Double { Descriptive.sampleStandardDeviation(totals) }
}

struct FakeForecast: ChartableForecast {
    var history: [(label: String, value: Double)]
    var forecastPoints: [FanChart.Point]
    var kind: String { "forecast" }
    func summary(_ options: RenderOptions) -> String { "forecast" }
    func render(_ options: RenderOptions) -> String { "forecast" }
    func json(_ options: RenderOptions) -> JSON { .null }
}

struct FakeBridge: ChartableBridge {
    var start: (label: String, value: Double)
    var steps: [(label: String, delta: Double)]
    var end: (label: String, value: Double)
    var kind: String { "bridge" }
    func summary(_ options: RenderOptions) -> String { "bridge" }
    func render(_ options: RenderOptions) -> String { "bridge" }
    func json(_ options: RenderOptions) -> JSON { .null }
}

struct FakeModel: LinearFitLine {
    var fittedLine: (intercept: Double, slope: Double)?
    var kind: String { "model" }
    func summary(_ options: RenderOptions) -> String { "model" }
    func render(_ options: RenderOptions) -> String { "model" }
    func json(_ options: RenderOptions) -> JSON { .null }
}

/// A session with captured output, a fixed width and the fakes bound to s, f, b, m and flat.
func chartSession(width: Int = 60) -> (Session, () -> (out: String, err: String)) {
    final class Sink: @unchecked Sendable { var out: [String] = []; var err: [String] = [] }
    let sink = Sink()
    let session = Session(options: RenderOptions(width: width), output: { sink.out.append($0) }, diagnostics: { sink.err.append($0) })
    let totals = (1...2_000).map { 1_000 + 300 * Foundation.sin(Double($0) * 0.7) * Foundation.sin(Double($0) * 0.3) }
    session.interpreter.set("s", .object(FakeSimulation(totals: totals, pointEstimate: 980,
        contributions: [("Projet A", 950, 1_100), ("Projet B", 990, 1_020), ("Projet C", 1_010, 960)])))
    session.interpreter.set("f", .object(FakeForecast(history: [("2020-S1", 10), ("2020-S2", 11), ("2021-S1", 12.5)],
        forecastPoints: [FanChart.Point(label: "2021-S2", point: 13, low80: 12.2, high80: 13.8, low95: 11.7, high95: 14.3)])))
    session.interpreter.set("b", .object(FakeBridge(start: ("2020-11", 100), steps: [("growth", 12), ("exits", -7)], end: ("2021-11", 105))))
    session.interpreter.set("m", .object(FakeModel(fittedLine: (1, 2))))
    session.interpreter.set("flat", .object(FakeModel(fittedLine: nil)))
    return (session, {
        defer { sink.out = []; sink.err = [] }
        return (sink.out.joined(separator: "\n"), sink.err.joined(separator: "\n"))
    })
}

@Test func histOfASimulationDrawsItsTotals() {
    let (session, take) = chartSession()
    session.run("hist(s, bins=20)")
    let (out, err) = take()
    #expect(err.isEmpty)
    let sim = session.interpreter.variables["s"]!
    guard case .object(let o) = sim, let s = o as? FakeSimulation else { Issue.record("no simulation"); return }
    var layout = ChartLayout(width: 60, height: ChartValue.defaultHeight(width: 60))
    layout.xlabel = "s"
    #expect(out == Histogram(values: s.totals, bins: 20).render(layout))
}

@Test func scurveMarksTheSimulationsPercentilesAndPointEstimate() {
    let (session, take) = chartSession()
    session.run("scurve(s)")
    let (out, err) = take()
    #expect(err.isEmpty)
    #expect(out.contains("P50 "))
    #expect(out.contains("P80 "))
    #expect(out.contains("point 980"))
    #expect(out.contains("share of trials ≤ x"))
}

@Test func tornadoDivergesFromTheSimulationsMean() {
    let (session, take) = chartSession()
    session.run("tornado(s)")
    let (out, err) = take()
    #expect(err.isEmpty)
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("Projet A") })
    #expect(out.contains("mean 1,0") || out.contains("mean 99"))
    #expect(out.contains("bars: the total with each input at its P10 and P90"))
    // Widest swing first.
    let order = ["Projet A", "Projet C", "Projet B"].map { name in lines.firstIndex { $0.hasPrefix(name) } ?? -1 }
    #expect(order == order.sorted() && !order.contains(-1))
}

@Test func fanAndWaterfallDrawForecastsAndBridges() {
    let (session, take) = chartSession()
    session.run("fan(f, title=\"Total\")")
    let fan = take()
    #expect(fan.err.isEmpty)
    #expect(fan.out.contains("2021-S2: 13; 80 % 12.2 to 13.8; 95 % 11.7 to 14.3"))
    #expect(fan.out.contains("▒"))
    session.run("waterfall(b)")
    let w = take()
    #expect(w.err.isEmpty)
    for text in ["2020-11", "growth", "+12", "exits", "-7", "2021-11", "105"] { #expect(w.out.contains(text)) }
}

@Test func scatterDrawsAModelsLineOrSaysWhyNot() {
    let (session, take) = chartSession()
    session.run("scatter([1, 2, 3], [3, 5, 7.5], fit=m)")
    #expect(take().out.contains("fit: y = 1 + 2 x"))
    session.run("scatter([1, 2, 3], [3, 5, 7.5], fit=flat)")
    #expect(take().err.contains("error: the model is not a straight line in one numeric predictor; scatter can only draw such a fit"))
    session.run("scatter([1, 2, 3], [3, 5, 7], fit=true)")
    #expect(take().out.contains("fit: y = 1 + 2 x"))
}

@Test func aChartRedrawsAtTheCurrentWidthAndCharset() {
    let (session, take) = chartSession(width: 80)
    session.run("h = hist([1, 2, 2, 3, 3, 3, 4, 4, 5], height=4)")
    session.run("h")
    let wide = take().out
    session.run(".width 40\n.charset ascii\nh")
    let narrow = take().out
    #expect(wide.split(separator: "\n").map(\.count).max()! > 60)
    #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 40 })
    #expect(narrow.contains("#") && !narrow.contains("█"))
    #expect(wide.contains("█"))
}

@Test func aChartInJSONIsItsTypeAndText() throws {
    let (session, take) = chartSession()
    session.run(".mode json\nbar([\"a\", \"b\"], [1, 2], width=30)")
    let (out, err) = take()
    #expect(err.isEmpty)
    let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    #expect(object?["kind"] as? String == "chart")
    #expect(object?["type"] as? String == "bar")
    let text = object?["text"] as? String ?? ""
    #expect(text == BarChart(labels: ["a", "b"], values: [1, 2]).render(ChartLayout(width: 30)))
    #expect(!out.contains("\n"))
}

@Test func barOfAFrameSumsValuesByLabel() {
    let (session, take) = chartSession()
    let frame = Frame(columns: [Column(name: "ministry", .text(Categorical(["A", "B", "A", nil].map { $0 }))),
                                Column(name: "cost", .number([1, 2, 3, 4]))])
    session.interpreter.set("p", .frame(frame))
    session.run("p |> bar(ministry, cost, sort=true)")
    let (out, err) = take()
    #expect(err.contains("'ministry' has na labels"))
    #expect(out.isEmpty)
    session.interpreter.set("q", .frame(frame.rows([0, 1, 2])))
    session.run("q |> bar(ministry, cost, sort=true)")
    let second = take()
    #expect(second.err.isEmpty)
    #expect(second.out.contains(" 4\n") && second.out.contains("sum of cost by ministry (3 rows)"))
    #expect(second.out.firstRange(of: "A │")!.lowerBound < second.out.firstRange(of: "B │")!.lowerBound)
}

@Test func boxGroupsValuesBy() {
    let (session, take) = chartSession()
    session.run("box([1, 2, 3, 4, 10, 11, 12, 13], by=[\"x\", \"x\", \"x\", \"x\", \"y\", \"y\", \"y\", \"y\"])")
    let (out, err) = take()
    #expect(err.isEmpty)
    #expect(out.contains("x │") && out.contains("y │") && out.contains("n = 4"))
}

@Test(arguments: [
    ("hist(\"a\")", "error: \"a\" must be numbers, not text"),
    ("bar([\"a\"], [1, 2])", "error: labels and values have different lengths (1 and 2)"),
    ("hist([1, 2], xscale=\"ln\")", "error: 'xscale' must be \"linear\" or \"log\", not \"ln\""),
    ("fan([1, 2])", "error: 'forecast' must be a forecast, not a vector"),
    ("line([1, 2, 3], [1, 2])", "error: '[1, 2]' has 2 values but x has 3"),
    ("hist([1, 2], width=5)", "error: 'width' must be between 20 and 1000, not 5"),
    ("tornado([1, 2])", "error: tornado() needs a simulation, or names, low and high"),
    ("waterfall([\"a\"], [1])", "error: waterfall() needs as many labels as values, at least a start and an end"),
    ("seq(1, 2, by=-1)", "error: 'by' must go from 1 towards 2"),
])
func chartErrorsSayWhatIsWrong(_ code: String, _ message: String) {
    let (session, take) = chartSession()
    session.run(code)
    let err = take().err
    #expect(err.hasPrefix(message), "\(err)")
}

@Test func everyChartHelpExampleRuns() {
    for builtin in BuiltinRegistry.chartBuiltins where !builtin.example.isEmpty {
        let (session, take) = chartSession()
        #expect(session.run(builtin.example).outcome == .ok, "\(builtin.name): \(take().err)")
    }
}

@Test func seqMakesEvenSteps() {
    let (session, take) = chartSession()
    session.run(".mode json\nseq(0, 1, by=0.25)\nseq(1, 2, length=3)\nseq_len(3)\nseq(3, 1)")
    #expect(take().out == "[0, 0.25, 0.5, 0.75, 1]\n[1, 1.5, 2]\n[1, 2, 3]\n[3, 2, 1]")
}

/// Issue 14.7: an na end is computed from the start and the steps, never drawn as 0.
@Test func aWaterfallWithAnNAEndComputesIt() {
    let (session, take) = chartSession(width: 40)
    session.run("waterfall([\"a\", \"b\", \"c\"], [10, 5, na])")
    let computed = take().out
    session.run("waterfall([\"a\", \"b\", \"c\"], [10, 5, 15])")
    #expect(computed == take().out)
    #expect(computed.contains("c │") && computed.contains(" 15"))
    session.run("waterfall([\"a\", \"b\", \"c\"], [10, na, na])")
    #expect(take().err.hasPrefix("error: waterfall() needs a number for the start and every step"))
}
