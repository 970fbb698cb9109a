import Foundation
import Testing
import PanoramaKit
@testable import PanoramaShell

/// Runs `text` in a fresh session (with `frames` defined), returning stdout and stderr.
private func transcript(_ text: String, json: Bool = false, frames: [String: Frame] = [:]) -> (out: String, err: String) {
    var out: [String] = [], err: [String] = []
    let session = Session(options: RenderOptions(mode: json ? .json : .box), output: { out.append($0) },
                          diagnostics: { err.append($0) })
    for (name, frame) in frames { session.interpreter.set(name, .frame(frame)) }
    session.run(text)
    return (out.joined(separator: "\n"), err.joined(separator: "\n"))
}

/// Published totals by edition (Md€), editions 11, 12 and 15 unknown, as a frame with rows
/// for the known editions only: the missing numbers must become gaps.
private let totals: Frame = {
    let editions: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 16, 17, 18, 19, 20]
    let cost = [2.29, 2.51, 2.56, 2.63, 2.83, 2.55, 1.78, 1.64, 1.58, 1.56, 2.35, 2.62, 3.09, 3.65, 3.602, 3.8, 3.3]
    return Frame(columns: [Column(name: "edition", .number(editions)), Column(name: "total_cost", .number(cost))])
}()

private func object(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
}

@Test func forecastJSONHasTheDesignShape() throws {
    let (out, err) = transcript("forecast(totals, method=\"naive\")", json: true, frames: ["totals": totals])
    #expect(err == "note: 3 missing editions treated as gaps: edition 11, edition 12, edition 15")
    let doc = try object(out)
    #expect(doc["kind"] as? String == "forecast")
    #expect(doc["method"] as? String == "naive")
    #expect(doc["target"] as? String == "edition 21")
    #expect(doc["point"] as? Double == 3.3)
    let intervals = doc["intervals"] as! [String: [Double]]
    #expect(Set(intervals.keys) == ["80", "95"])
    #expect(intervals["80"]![0] < 3.3 && intervals["95"]![0] < intervals["80"]![0])
    #expect((doc["notes"] as! [String]).first == "3 missing editions treated as gaps: edition 11, edition 12, edition 15")
}

@Test func forecastOfSeveralEditionsGivesArrays() throws {
    let (out, _) = transcript("forecast(totals, method=\"drift\", h=3)", json: true, frames: ["totals": totals])
    let doc = try object(out)
    #expect(doc["target"] as? [String] == ["edition 21", "edition 22", "edition 23"])
    let point = doc["point"] as! [Double]
    #expect(point.count == 3)
    // Drift from edition 1 (2.29) to edition 20 (3.3): slope 1.01/19 per edition.
    #expect(abs(point[0] - (3.3 + 1.01 / 19)) < 1e-12)
    let i95 = (doc["intervals"] as! [String: [[Double]]])["95"]!
    #expect(i95.count == 3 && i95[2][1] - i95[2][0] > i95[0][1] - i95[0][0])
}

@Test func autoShowsCandidatesAndTheCombination() throws {
    let (out, _) = transcript("forecast(totals)", json: true, frames: ["totals": totals])
    let doc = try object(out)
    let candidates = doc["candidates"] as! [[String: Any]]
    #expect(candidates.map { $0["method"] as! String } == ["naive", "drift", "mean", "trend", "ses", "holt"])
    #expect((doc["combination"] as! [String: Any])["point"] is Double)
    let selection = doc["selection"] as! [String: Any]
    #expect(selection["mase"] as? String == doc["method"] as? String)
    #expect(doc["chosen_by"] as? String == "backtest MASE")
    let backtest = doc["backtest"] as! [String: Any]
    #expect(backtest["columns"] as? [String] == ["method", "n", "mae", "rmse", "mape", "mase", "coverage_80", "coverage_95"])
}

@Test func sinceKeepsTheEditionsFromTheBreakOn() throws {
    let (out, _) = transcript("f = forecast(totals, method=\"mean\", since=13); f.point", frames: ["totals": totals])
    let recent = [2.35, 2.62, 3.09, 3.65, 3.602, 3.8, 3.3]
    #expect(out == NumberFormat().string(recent.reduce(0, +) / 7))
    let (json, _) = transcript("forecast(totals, method=\"mean\", since=13)", json: true, frames: ["totals": totals])
    let doc = try object(json)
    #expect(doc["n"] as? Int == 7)
    #expect(doc["since"] as? String == "13")
}

@Test func forecastPrintsAReadableTable() {
    let (out, _) = transcript("forecast([1, 3, 2, 5], method=\"naive\")")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines[0] == "forecast of series for t = 5: naive — naive (last value)")
    #expect(lines[1] == "from 4 observed values, t = 1 to t = 4")
    #expect(out.contains("t = 5"))
    // The 80 % lower bound, 5 − z₀.₉·√(14/3), at the table's common 5 decimals (6 significant
    // digits of the column's largest value, 9.23).
    #expect(out.contains(NumberFormat().fixed(5 - 1.2815515655446004 * (14.0 / 3).squareRoot(), decimals: 5)))
}

@Test func forecastMembersReachPointsAndIntervals() {
    let (out, err) = transcript("f = forecast([1, 3, 2, 5], method=\"naive\")\nf.point\nf.method\nf.hi_95 > f.lo_95")
    #expect(err.isEmpty)
    #expect(out == "5\n\"naive\"\ntrue")
}

@Test func backtestReturnsAFrameAndSaysWhatItScored() throws {
    let (out, err) = transcript("backtest(totals, methods=[\"naive\", \"drift\"], min_train=4)", json: true, frames: ["totals": totals])
    let doc = try object(out)
    #expect(doc["columns"] as? [String] == ["method", "n", "mae", "rmse", "mape", "mase", "coverage_80", "coverage_95"])
    let rows = doc["rows"] as! [[Any]]
    #expect(rows.map { $0[0] as! String } == ["naive", "drift"])
    #expect(rows[0][1] as? Int == 13)
    #expect(err.hasPrefix("note: backtest of total_cost: 13 one-step forecasts, edition 5 to edition 20"))
}

@Test(arguments: [
    ("forecast(totals, method=\"arima\")",
     "error: unknown method 'arima'; methods are 'auto', 'combination', 'naive', 'drift', 'mean', 'trend', 'ses', 'holt'"),
    ("forecast([1], method=\"naive\")", "error: 'naive' needs at least 2 observed values; the series has 1"),
    ("forecast(totals, value=\"totl_cost\")", "error: no column named 'totl_cost'. Did you mean 'total_cost'?"),
    ("forecast(totals, since=30)", "error: nothing in the series from 30 on (it ends at edition 20)"),
    ("forecast(totals, h=0)", "error: 'h' must be between 1 and 1000, not 0"),
    ("forecast(totals, level=[80, 120])", "error: 'level' must be percentages between 0 and 100, not 120"),
    ("forecast(\"x\")", "error: 'series' must be a frame or a numeric vector, not a string"),
    ("backtest([1, 2, 3, 4])", "error: the series has 4 observed values: a backtest needs more than the 6 the first training window holds"),
])
func forecastErrorsReadWell(_ input: String, _ message: String) {
    let (_, err) = transcript(input, frames: ["totals": totals])
    #expect(err.split(separator: "\n").first.map(String.init) == message)
}

@Test func theHelpExamplesRun() {
    for name in ["forecast", "backtest", "bridge", "outlook"] {
        let builtin = BuiltinRegistry.byName[name]!
        let (out, err) = transcript(builtin.example)
        #expect(!out.isEmpty, "\(name)")
        #expect(!err.contains("error"), "\(name): \(err)")
    }
}

// MARK: Bottom-up, bridge and outlook on the bundled datasets

@Test func outlookWithNoArgumentsForecastsBothViewsOfTheBundledData() throws {
    let (out, err) = transcript("outlook()", json: true)
    #expect(!err.contains("error"), "\(err)")
    let doc = try object(out)
    #expect(doc["kind"] as? String == "outlook")
    let top = doc["top_down"] as! [String: Any]
    #expect(top["kind"] as? String == "forecast")
    #expect(top["target"] as? String == "edition 21")
    let bottom = doc["bottom_up"] as! [String: Any]
    // One target: the bottom-up view rolls the table of edition 14 through the published
    // totals of editions 15–20 and forecasts edition 21, as the top-down view does.
    #expect(bottom["target"] as? String == "edition 21")
    #expect(bottom["from"] as? String == "table 14, totals 20")
    let steps = bottom["roll_forward"] as! [[String: Any]]
    #expect(steps.map { $0["edition"] as! Double } == [15, 16, 17, 18, 19, 20])
    #expect(steps[0]["ess"] is NSNull && steps[0]["published_total"] is NSNull)
    #expect(steps.dropFirst().allSatisfy { ($0["ess"] as! Double) > 0 })
    #expect(steps.last?["published_total"] as? Double == 3300 && steps.last?["published_count"] as? Double == 45)
    #expect(bottom["kind"] as? String == "simulation")
    let percentiles = bottom["percentiles"] as! [String: Double]
    #expect(Set(percentiles.keys) == ["P5", "P10", "P50", "P80", "P90", "P95"])
    #expect(percentiles["P10"]! < percentiles["P50"]! && percentiles["P50"]! < percentiles["P90"]!)
    // Edition 20 published 3,300 M€: the median of the table sum one edition on stays within a
    // tenth of it (the table of edition 14 summed 2,512 M€, a quarter below).
    #expect(abs(percentiles["P50"]! / 3300 - 1) < 0.1)
    #expect((bottom["intervals"] as! [String: [Double]])["95"]!.count == 2)
    let backtest = doc["backtest"] as! [String: Any]
    #expect(backtest["columns"] as? [String] == ["view", "method", "n", "mae", "rmse", "mape", "mase", "coverage_80", "coverage_95"])
    let views = (backtest["rows"] as! [[Any]]).map { $0[0] as! String }
    #expect(views.contains("top-down") && views.contains("bottom-up"))
    let notes = doc["notes"] as! [String]
    #expect(notes.contains { $0.hasPrefix("the per-project tables stop at edition 14: the bottom-up view was rolled forward through editions 15–20 conditioned on their published totals and project counts") })
    #expect(notes.contains { $0.hasPrefix("roll-forward effective sample size per edition: 16: ") })
    #expect(!notes.contains { $0.contains("the top-down view edition") })
}

@Test func outlookPrintsBothViewsSideBySideWithAFan() {
    let (out, _) = transcript("outlook(trials=2000)")
    #expect(out.hasPrefix("outlook for the portfolio's next total"))
    #expect(out.contains("top-down") && out.contains("bottom-up"))
    #expect(out.contains("P50") && out.contains("80 % interval"))
    #expect(out.contains("80 %   ░ 95 %"))
}

/// Runs `text` at a given width and charset (box mode), returning stdout.
private func printed(_ text: String, width: Int, charset: RenderOptions.Charset = .unicode) -> String {
    var options = RenderOptions(width: width, charset: charset)
    options.numbers.ascii = charset == .ascii
    var out: [String] = []
    Session(options: options, output: { out.append($0) }, diagnostics: { _ in }).run(text)
    return out.joined(separator: "\n")
}

@Test func outlookTableReadsLikeAReportAtEightyColumns() {
    let lines = printed("outlook(trials=2000)", width: 80).split(separator: "\n", omittingEmptySubsequences: false)
    let expected = """
        outlook for the portfolio's next total: top-down (series of totals) and
          bottom-up (projects rolled forward)
        ┌───────────────────────────┬────────────────────────┬────────────────────────┐
        │ measure                   │ top-down               │ bottom-up              │
        ├───────────────────────────┼────────────────────────┼────────────────────────┤
        │ target                    │ edition 21             │ edition 21             │
        │ from                      │ edition 20             │ table 14, totals 20    │
        │ method                    │ naive (backtest MASE)  │ Monte Carlo            │
        │ trials                    │                        │ 2,000                  │
        │ P10, model                │ 2,872                  │ 2,973                  │
        │ P50                       │ 3,300                  │ 3,538                  │
        │ P90, model                │ 3,728                  │ 4,167                  │
        │ 80 % interval, calibrated │ 2,704 – 3,896          │ 2,288 – 4,788          │
        │ 95 % interval, calibrated │ 2,388 – 4,212          │ 1,794 – 5,652          │
        │ backtest n                │ 11                     │ 6                      │
        │ backtest MASE             │ 1.44                   │ 1.61                   │
        │ coverage 80 %, model      │ 7 of 11 (64 %; 35–85)  │ 2 of 6 (33 %; 10–70)   │
        │ coverage 95 %, model      │ 10 of 11 (91 %; 62–98) │ 4 of 6 (67 %; 30–90)   │
        │ coverage 80 %, calibrated │ 10 of 11 (91 %; 62–98) │ 3 of 6 (50 %; 19–81)   │
        │ coverage 95 %, calibrated │ 10 of 11 (91 %; 62–98) │ 6 of 6 (100 %; 61–100) │
        └───────────────────────────┴────────────────────────┴────────────────────────┘
        backtest, one edition ahead from each past edition; 'rolled' from the table two
          or more editions before, through the published totals between (editions 3→5,
          4→6, 5→7, 6→8, 8→13, 8→14):
        ┌───────────┬───────────────────┬────┬─────┬──────┬──────────┬──────────┐
        │ view      │ method            │  n │ mae │ mase │ cover 80 │ cover 95 │
        ├───────────┼───────────────────┼────┼─────┼──────┼──────────┼──────────┤
        │ top-down  │ naive             │ 11 │ 348 │ 1.44 │     64 % │     91 % │
        """.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(Array(lines.prefix(expected.count)) == expected)
}

@Test(arguments: [(80, RenderOptions.Charset.unicode), (120, .unicode), (80, .ascii), (120, .ascii)])
func outlookTablesFitWithoutCuttingACell(_ width: Int, _ charset: RenderOptions.Charset) {
    let text = printed("outlook(trials=1000)", width: width, charset: charset)
    let tables = text.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("|") }
    #expect(tables.count >= 18)
    #expect(!tables.contains { $0.contains("…") || $0.contains("...") }, "\(tables.joined(separator: "\n"))")
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= width })
    #expect(tables.contains { $0.contains(charset == .ascii ? "2,704 - 3,896" : "2,704 – 3,896") })
    let nonASCII = tables.filter { !$0.unicodeScalars.allSatisfy { $0.isASCII } }
    if charset == .ascii { #expect(nonASCII.isEmpty, "\(nonASCII)") }
}

@Test func outlookJSONKeepsFullPrecisionAndTheCoverageIdentifiers() throws {
    let doc = try object(transcript("outlook(trials=1000)", json: true).out)
    let top = doc["top_down"] as! [String: Any]
    let interval = (top["intervals"] as! [String: [Double]])["80"]!
    #expect(interval[0] != interval[0].rounded())
    let backtest = doc["backtest"] as! [String: Any]
    let columns = backtest["columns"] as! [String]
    let naive = (backtest["rows"] as! [[Any]]).first { $0[0] as? String == "top-down" && $0[1] as? String == "naive" }!
    #expect(abs((naive[columns.firstIndex(of: "coverage_80")!] as! Double) - 7.0 / 11) < 1e-12)
    #expect(naive[columns.firstIndex(of: "mase")!] as? Double != 1.44)
}

@Test func outlookOfASmallScaleSeriesKeepsThreeSignificantDigits() {
    let out = transcript("outlook(series=totals, method=\"naive\", calibrate=false)", frames: ["totals": totals]).out
    #expect(out.contains("│ P50                    │ 3.30 "), "\(out)")
    #expect(out.contains("│ 80 % interval          │ 2.87 – 3.73 "), "\(out)")
    #expect(out.contains("│ method                 │ naive (as asked) "), "\(out)")
}

@Test func outlookIsReproducibleWithASeedAndBreaksDownByMinistry() throws {
    let a = transcript("outlook(trials=2000, seed=3, by=\"ministry\")", json: true).out
    let b = transcript("outlook(trials=2000, seed=3, by=\"ministry\")", json: true).out
    #expect(a == b)
    let bottom = try object(a)["bottom_up"] as! [String: Any]
    let by = bottom["by"] as! [String: Any]
    #expect(by["columns"] as? [String] == ["ministry", "p10", "p50", "p90"])
    #expect((by["rows"] as! [[Any]]).contains { $0[0] as? String == "Intérieur" })
}

@Test func outlookOnAPanelAloneForecastsTheSameEditionTwice() throws {
    let (out, err) = transcript("p = load(\"panorama\")\noutlook(p, trials=1000)", json: true)
    #expect(err.contains("note: top-down view on the panel's per-edition totals"))
    let doc = try object(out.split(separator: "\n").last.map(String.init) ?? "")
    #expect((doc["top_down"] as! [String: Any])["target"] as? String == "edition 15")
    #expect((doc["bottom_up"] as! [String: Any])["target"] as? String == "edition 15")
}

@Test func bridgeNamesTheFlowsOfNovember2021() throws {
    let (out, err) = transcript("bridge(load(\"panorama\"), from=13, to=14)", json: true)
    #expect(err.isEmpty)
    let doc = try object(out)
    #expect(doc["kind"] as? String == "bridge")
    let exited = (doc["exited"] as! [[String: Any]]).map { $0["key"] as! String }
    let entered = (doc["entered"] as! [[String: Any]]).map { $0["key"] as! String }
    // DINUM: "4 projets sortants, 5 entrants"; the fourth leaver (FranceConnect phase II) had no cost.
    #expect(Set(exited) == ["adamant", "oshimae", "scribe"])
    #expect(Set(entered) == ["france_sesame", "geoplateforme", "intelligence_emploi", "ppn", "siv"])
    let costed = (doc["costed"] as! [[String: Any]]).map { $0["key"] as! String }
    #expect(Set(costed) == ["si_samu", "sgin", "kiosques", "sparta"])
    #expect(abs((doc["newly_costed"] as! Double) - 286.9) < 1e-9)
    let steps = ["continuing_growth", "entries", "newly_costed", "exits", "no_longer_costed"].map { doc[$0] as! Double }
    #expect(abs((doc["start"] as! Double) + steps.reduce(0, +) - (doc["end"] as! Double)) < 1e-9)
}

@Test func bridgeDrawsAWaterfallAndTakesColumnNames() {
    let (out, _) = transcript("bridge(load(\"panorama\"), from=7, to=8)")
    #expect(out.contains("continuing growth") && out.contains("█ total or increase"))
    let renamed = transcript("""
        p = rename(load("panorama"), projet=key, semestre=edition, montant=cost)
        b = bridge(p, key="projet", time="semestre", cost="montant")
        b.end
        """)
    #expect(renamed.err == "", "\(renamed.err)")
    #expect(renamed.out.hasSuffix(NumberFormat().string(2511.8558475919826)))
}

@Test(arguments: [
    ("bridge(load(\"panorama\"), from=9, to=10)", "error: the panel has no table for edition 9; editions with tables: 1, 2, 3, 4, 5, 6, 7, 8, 13, 14"),
    ("bridge(load(\"panorama\"), cost=\"amount\")", "error: the panel has no column 'amount' (cost); name it with cost="),
    ("outlook(load(\"panorama\"), by=\"region\")", "error: the panel has no column 'region' (by); name it with by="),
])
func bottomUpErrorsReadWell(_ input: String, _ message: String) {
    let (_, err) = transcript(input)
    #expect(err.split(separator: "\n").first.map(String.init) == message)
}

@Test func backtestOfAPanelReplaysTheBottomUpView() throws {
    let (out, err) = transcript("backtest(load(\"panorama\"), trials=500)", json: true)
    let doc = try object(out)
    let rows = doc["rows"] as! [[Any]]
    #expect(rows.map { $0[0] as! String } == ["bottom-up", "naive (tables)"])
    #expect(rows[0][1] as? Int == 6)
    #expect(err.hasPrefix("note: bottom-up backtest: 6 editions (4, 5, 6, 7, 8, 14)"))
}

@Test func aDateTimeColumnMakesEachRowAnEdition() throws {
    let (out, err) = transcript("forecast(load(\"panorama_series\"), time=\"edition_date\", method=\"naive\")", json: true)
    #expect(!err.contains("error"), "\(err)")
    let doc = try object(out)
    #expect(doc["target"] as? String == "2025-S1")
    #expect(doc["point"] as? Double == 3300)
    // Editions 12 and 15 have a date but no total: gaps. Edition 11 has neither: it keeps its
    // place with an interpolated date, and says so (issue 19.4: never dropped silently).
    let notes = doc["notes"] as! [String]
    #expect(notes.first == "1 row with no 'edition_date' kept in place with an interpolated date: row 11 (~2020-07, between 2020-02 and 2020-11)")
    #expect(notes.dropFirst().first == "3 missing editions treated as gaps: ~2020-07, 2020-11, 2022-06")
}

/// Issue 19.4: the time axis by edition date gives the same forecast as by edition number.
@Test(arguments: ["naive", "ses", "holt", "auto"])
func forecastingByDateOrByEditionNumberAgrees(_ method: String) throws {
    let byDate = try object(transcript("forecast(load(\"panorama_series\"), time=\"edition_date\", method=\"\(method)\")", json: true).out)
    let byNumber = try object(transcript("forecast(load(\"panorama_series\"), time=\"edition\", method=\"\(method)\")", json: true).out)
    #expect(byDate["point"] as? Double == byNumber["point"] as? Double)
    #expect(byDate["intervals"] as? NSDictionary == byNumber["intervals"] as? NSDictionary)
    #expect(byDate["method"] as? String == byNumber["method"] as? String)
}

@Test func theFanChartOfADatedSeriesReadsInSemesters() {
    let (out, err) = transcript("fan(forecast(load(\"panorama_series\"), time=\"edition_date\", method=\"naive\"))")
    #expect(out.contains("2016-S2") && out.contains("2025-S1: 3,300"), "\(out)")
    #expect(!out.contains("2016-11"), "\(out)")
    #expect(err.contains("interpolated date"))
}

@Test func outlookNotesGoToStderrAndItsPrintoutHasNone() {
    let (out, err) = transcript("outlook(trials=1000)")
    #expect(err.contains("note: the per-project tables stop at"), "\(err)")
    #expect(!out.contains("note:"), "\(out)")
}

@Test func anOutlookWritesCoverageAsHitsWithTheirWilsonRange() {
    #expect(Accuracy.hits((7, 11), NumberFormat()) == "7 of 11 (64 %; 35–85)")
    #expect(Accuracy.hits((0, 0), NumberFormat()) == "na")
}

/// Issue 19.4: a series by edition number whose frame has dates shows semesters on the fan
/// chart's axis; its target stays the edition (editions are not semesters: 2017 had three).
@Test func theFanChartByEditionReadsInSemestersWhenTheFrameHasDates() {
    let (out, _) = transcript("fan(forecast(load(\"panorama_series\"), time=\"edition\", method=\"naive\"))")
    #expect(out.contains("2016-S2") && !out.contains("edition 1 "), "\(out)")
    #expect(out.contains("edition 21: 3,300"), "\(out)")
}

/// Issue 19.3: `outlook` shows calibrated intervals by default; `calibrate=false` gives the
/// models' own back, and the backtest scores both.
@Test func outlookCalibratesItsIntervalsAndKeepsTheModelsOwnRecoverable() throws {
    let calibrated = try object(transcript("outlook(trials=1000)", json: true).out)
    let own = try object(transcript("outlook(trials=1000, calibrate=false)", json: true).out)
    let topDown = try #require(own["top_down"] as? [String: Any])
    let modelInterval = try #require((topDown["intervals"] as? [String: Any])?["80"] as? [Double])
    let c = try #require((calibrated["calibration"] as? [String: Any])?["top_down"] as? [String: Any])
    let shown = try #require((c["intervals"] as? [String: Any])?["80"] as? [Double])
    #expect(shown != modelInterval)
    #expect(own["calibration"] is NSNull)
    let rows = try #require((calibrated["backtest"] as? [String: Any])?["rows"] as? [[Any]])
    let methods = rows.compactMap { ($0[0] as? String ?? "") + "/" + ($0[1] as? String ?? "") }
    #expect(methods.prefix(2) == ["top-down/naive", "top-down/calibrated"], "\(methods)")
    #expect(methods.contains("bottom-up/calibrated"), "\(methods)")
    let (text, _) = transcript("outlook(trials=1000, calibrate=false)")
    #expect(!text.contains("calibrated") && !text.contains("model"), "\(text)")
    #expect(text.contains("│ P10                       │") || text.contains("│ P10     "), "\(text)")
}

/// Issue 19.3: the S-curve of `o.bottom_up` shows the calibrated distribution: its P10 and P90
/// are the calibrated 80 % interval; with calibrate=false, the simulation's own.
@Test func theBottomUpTotalsCarryTheCalibratedInterval() throws {
    let session = Session(options: RenderOptions(mode: .box), output: { _ in }, diagnostics: { _ in })
    session.run("o = outlook(trials=2000)\nraw = outlook(trials=2000, calibrate=false)")
    guard case .object(let o)? = session.interpreter.variables["o"], let value = o as? OutlookValue,
          case .object(let r)? = session.interpreter.variables["raw"], let own = r as? OutlookValue else {
        Issue.record("no outlook")
        return
    }
    let shown = try #require(value.outlook.bottomUpInterval(80))
    let totals = value.outlook.bottomUpTotals.sorted()
    #expect(abs(Descriptive.quantile(sorted: totals, 0.1) - shown.lower) < 1e-6 * shown.lower)
    #expect(abs(Descriptive.quantile(sorted: totals, 0.9) - shown.upper) < 1e-6 * shown.upper)
    #expect(own.outlook.bottomUpTotals == own.outlook.bottomUp?.totals)
    #expect(totals != own.outlook.bottomUpTotals.sorted())
}
