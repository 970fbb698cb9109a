import Foundation
import Testing
import PanoramaKit
@testable import PanoramaShell

// Issue 19.3 for the top-down builtin: `forecast(…, calibrate=true)`.

/// Runs `text` in a fresh session at `width` columns, returning stdout and stderr.
private func shell(_ text: String, json: Bool = false, width: Int = 80) -> (out: String, err: String) {
    var out: [String] = [], err: [String] = []
    let session = Session(options: RenderOptions(mode: json ? .json : .box, width: width), output: { out.append($0) },
                          diagnostics: { err.append($0) })
    session.run(text)
    return (out.joined(separator: "\n"), err.joined(separator: "\n"))
}

private func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

private let series = "s = load(\"panorama_series\")\n"

/// The table notebook 04 recorded for Holt before `calibrate=` existed: the default (false)
/// and an explicit `calibrate=false` must still print exactly it, and JSON must not change shape.
@Test func calibrateFalseLeavesTheForecastAsItWas() throws {
    let recorded = """
        ┌────────────┬──────────┬──────────┬──────────┬──────────┬──────────┐
        │ target     │    point │    lo_80 │    hi_80 │    lo_95 │    hi_95 │
        ├────────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
        │ edition 21 │ 3,204.25 │ 2,744.93 │ 3,663.56 │ 2,501.78 │ 3,906.71 │
        └────────────┴──────────┴──────────┴──────────┴──────────┴──────────┘
        """
    let plain = shell(series + "forecast(s, method=\"holt\")"), off = shell(series + "forecast(s, method=\"holt\", calibrate=false)")
    #expect(plain.out.contains(recorded), "\(plain.out)")
    #expect(off.out == plain.out && off.err == plain.err)
    for call in ["forecast(s)", "forecast(s, method=\"drift\", h=2)"] {
        let json = shell(series + call, json: true).out
        let offJSON = shell(series + call.dropLast() + ", calibrate=false)", json: true).out
        #expect(json == offJSON)
        #expect(!json.contains("calibrat") && !json.contains("model_intervals"), "\(json)")
    }
}

/// Calibrated, the intervals shown (table, members, JSON `intervals`, the fan chart) are the
/// calibrated ones; the model's own stay beside them (text, JSON `model_intervals`, `f.model`).
@Test func aCalibratedForecastShowsBothIntervals() throws {
    let text = shell(series + "f = forecast(s, method=\"naive\", calibrate=true)\nf\nfan(f)\nfan(f.model)")
    #expect(text.out.contains("│ edition 21    │ 3,300 │ 2,703.68 │ 3,896.32 │ 2,388.01 │ 4,211.99 │"), "\(text.out)")
    #expect(text.out.contains("│   model's own │ 3,300 │ 2,871.69 │ 3,728.31 │ 2,644.95 │ 3,955.05 │"), "\(text.out)")
    #expect(text.out.contains("edition 21: 3,300; 80 % 2,704 to 3,896; 95 % 2,388 to 4,212"))
    #expect(text.out.contains("edition 21: 3,300; 80 % 2,872 to 3,728; 95 % 2,645 to 3,955"))
    #expect(text.err.contains("note: intervals calibrated on the misses of 11 past one-step forecasts: 80 %:\n      ×1.39 the model's width; 95 %: too few past forecasts (11, 19 needed),\n      ×1.39 as at 80 %"), "\(text.err)")
    let members = shell(series + "f = forecast(s, method=\"naive\", calibrate=true)\n[f.lo_80, f.model.lo_80, forecast(s, method=\"naive\").lo_80]", json: true)
    let lows = try #require(try JSONSerialization.jsonObject(with: Data(members.out.utf8)) as? [Double])
    #expect(lows[1] == lows[2] && lows[0] < lows[1], "\(lows)")
    let doc = try object(shell(series + "forecast(s, method=\"naive\", calibrate=true)", json: true).out)
    let shown = try #require((doc["intervals"] as? [String: [Double]])?["80"])
    let model = try #require((doc["model_intervals"] as? [String: [Double]])?["80"])
    #expect(shown[0] == lows[0] && model[0] == lows[1])
    let calibration = try #require(doc["calibration"] as? [String: Any])
    #expect(calibration["errors"] as? Int == 11)
    #expect((calibration["multipliers"] as? [String: Any])?["95"] is NSNull)
}

/// The backtest reports both coverages, as counts with their Wilson range in the text and
/// `f.coverage`, as shares in `f.backtest`, and as counts and ranges in JSON.
@Test func theBacktestScoresTheModelsAndTheCalibratedIntervals() throws {
    let out = shell(series + "f = forecast(s, calibrate=true)\nf.coverage\nf.backtest |> select(method, coverage_80, calibrated_80) |> head(1)").out
    #expect(out.contains("│ naive       │ model      │ 7 of 11 (64 %; 35–85)  │ 10 of 11 (91 %; 62–98) │"), "\(out)")
    #expect(out.contains("│ naive       │ calibrated │ 10 of 11 (91 %; 62–98) │ 10 of 11 (91 %; 62–98) │"), "\(out)")
    #expect(out.contains("│ naive  │     64 % │   91 % │"), "\(out)")
    let doc = try object(shell(series + "forecast(s, calibrate=true)", json: true).out)
    let methods = try #require((doc["calibration"] as? [String: Any])?["methods"] as? [[String: Any]])
    #expect(methods.map { $0["method"] as? String } == ["naive", "drift", "mean", "trend", "ses", "holt", "combination"])
    let naive80 = try #require((methods[0]["coverage"] as? [String: Any])?["80"] as? [String: [String: Double]])
    #expect(naive80["model"]?["inside"] == 7 && naive80["calibrated"]?["inside"] == 10 && naive80["calibrated"]?["scored"] == 11)
    #expect(abs((naive80["model"]?["low"] ?? 0) - 0.3538) < 1e-4)
}

/// By date or by edition number, the same misses calibrate the same forecast; a gap's miss is
/// among them. Beyond one step the note says which misses were used.
@Test func calibrationIsTheSameByDateAndSaysHowLaterHorizonsAreScaled() throws {
    func multipliers(_ call: String) throws -> [String: Double] {
        let doc = try object(shell(series + call, json: true).out)
        let m = try #require((doc["calibration"] as? [String: Any])?["multipliers"] as? [String: Any])
        return m.compactMapValues { $0 as? Double }
    }
    let byEdition = try multipliers("forecast(s, method=\"ses\", calibrate=true)")
    #expect(try multipliers("forecast(s, method=\"ses\", time=edition_date, calibrate=true)") == byEdition)
    #expect(byEdition["80"] != nil)
    let err = shell(series + "forecast(s, method=\"naive\", h=3, calibrate=true)").err.replacingOccurrences(of: "\n      ", with: " ")
    #expect(err.contains("only one-step misses exist: edition 22 … edition 23 use the same quantiles"), "\(err)")
}

@Test func aCalibratedForecastFitsEightyColumns() {
    let out = shell(series + "forecast(s, method=\"holt\", h=3, calibrate=true)\nforecast(s, calibrate=true)").out
    #expect(out.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(out)")
    #expect(!out.contains("more column"), "\(out)")
}

@Test(arguments: [
    ("forecast(s, calibrate=\"yes\")", "error: 'calibrate' must be true or false, not a string"),
    ("forecast(s, calibrate=1)", "error: 'calibrate' must be true or false, not a number"),
])
func aCalibrateThatIsNotABooleanIsAnError(_ input: String, _ message: String) {
    #expect(shell(series + input).err.split(separator: "\n").first.map(String.init) == message)
}

/// Seen in a 100-column terminal: a calibrated fan drew calibrated bands without saying so,
/// and an outlook's summary mixed `3,300` with `3,488.153`.
@Test func aCalibratedFanSaysSoAndTheOutlookSummaryRoundsLikeItsTable() throws {
    let fans = shell(series + "f = forecast(s, method=\"naive\", calibrate=true)\nfan(f)\nfan(f.model)").out
    #expect(fans.components(separatedBy: "      calibrated bands (the forecast's .model draws the model's own)\n").count == 2, "\(fans)")
    let session = Session(options: RenderOptions(mode: .box), output: { _ in }, diagnostics: { _ in })
    session.run(series + "f = forecast(s, method=\"naive\", calibrate=true)\no = outlook(trials=1000)")
    guard case .object(let f)? = session.interpreter.variables["f"], case .object(let o)? = session.interpreter.variables["o"] else {
        Issue.record("no forecast or outlook")
        return
    }
    #expect(f.summary(RenderOptions()) == "forecast naive for edition 21: 3,300 [2,388.006, 4,211.994] at 95 %, calibrated")
    let summary = o.summary(RenderOptions())
    #expect(summary.hasPrefix("outlook: top-down edition 21 P50 3,300; bottom-up edition 21 P50 "), "\(summary)")
    #expect(!summary.dropFirst(60).contains("."), "\(summary)")
}

/// Seen in a 100-column terminal: `?forecast`'s usage line and its `calibrate=` description ran
/// past the edge; a help page wraps to the width, each description under itself.
@Test func theForecastHelpPageFitsTheTerminal() {
    for width in [80, 100] {
        let page = shell(".help forecast", width: width).out.split(separator: "\n")
        let arguments = page.prefix { !$0.hasPrefix("example:") }
        #expect(arguments.allSatisfy { $0.count <= width }, "\(arguments.joined(separator: "\n"))")
        #expect(arguments.contains { $0.hasPrefix("  calibrate=    widen or narrow") })
        #expect(arguments.contains { $0.hasPrefix("                ") }, "a wrapped description is indented under itself")
    }
}

/// Seen in a 100-column terminal: under a calibrated 80 % interval, the per-ministry P10–P90
/// were the simulation's own without saying so.
@Test func theBreakdownByGroupSaysItsPercentilesAreTheSimulations() {
    let phrase = "the simulation's own percentiles: only the total is calibrated"
    let calibrated = shell("outlook(trials=500, by=\"ministry\")", width: 200).out
    let own = shell("outlook(trials=500, by=\"ministry\", calibrate=false)", width: 200).out
    #expect(calibrated.contains("bottom-up by ministry for edition 21 (\(phrase)):"), "\(calibrated)")
    #expect(own.contains("bottom-up by ministry for edition 21:") && !own.contains(phrase))
}

/// `backtest(…, calibrate=true)` adds the calibrated coverage `forecast(…, calibrate=true)`
/// reports, method by method; on a panel it says calibration is outlook's.
@Test func theBacktestBuiltinScoresCalibratedIntervalsLikeTheForecast() throws {
    let table = try object(shell(series + "backtest(s, calibrate=true)", json: true).out)
    let columns = try #require(table["columns"] as? [String])
    #expect(columns.suffix(2) == ["calibrated_80", "calibrated_95"])
    let rows = try #require(table["rows"] as? [[Any]])
    let doc = try object(shell(series + "forecast(s, calibrate=true)", json: true).out)
    let methods = try #require((doc["calibration"] as? [String: Any])?["methods"] as? [[String: Any]])
    for (row, m) in zip(rows, methods) {
        let c = try #require((m["coverage"] as? [String: Any])?["80"] as? [String: [String: Double]])
        let share = (c["calibrated"]?["inside"] ?? .nan) / (c["calibrated"]?["scored"] ?? .nan)
        #expect(row[0] as? String == m["method"] as? String)
        #expect(abs((row[columns.count - 2] as? Double ?? .nan) - share) < 1e-12, "\(row)")
    }
    #expect(shell("backtest(load(\"panorama\"), calibrate=true)").err.hasPrefix("error: calibrate= is for a series of totals"))
}
