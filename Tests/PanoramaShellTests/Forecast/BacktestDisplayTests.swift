import Foundation
import Testing
import PanoramaKit
@testable import PanoramaShell

/// Runs `text` in a fresh session at `width` columns, returning stdout and stderr.
private func shell(_ text: String, mode: RenderOptions.Mode = .box, width: Int = 80) -> (out: String, err: String) {
    var out: [String] = [], err: [String] = []
    let session = Session(options: RenderOptions(mode: mode, width: width), output: { out.append($0) }, diagnostics: { err.append($0) })
    session.run(text)
    return (out.joined(separator: "\n"), err.joined(separator: "\n"))
}

private let calibrated = "f = forecast(load(\"panorama_series\"), calibrate=true)\n"

/// `f.backtest` of a calibrated forecast has ten columns: at 100 columns all of them show, the
/// errors in the series' units (whole M€), MASE to 2 decimals, coverage in %.
@Test func aCalibratedForecastsBacktestShowsEveryColumnAtOneHundredColumns() {
    let out = shell(calibrated + "f.backtest", width: 100).out
    let lines = out.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 100 }, "\(out)")
    #expect(!out.contains("more column"), "\(out)")
    #expect(out.contains("│ method      │  n │ mae │ rmse │ mape (%) │ mase │ cover 80 │ cover 95 │ cal 80 │ cal 95 │"), "\(out)")
    // naive: MAE 347.818, RMSE 441.0, MAPE 13.913 %, MASE 1.43811, 7 and 10 of 11 covered, calibrated 10 and 10.
    #expect(out.contains("│ naive       │ 11 │ 348 │  441 │     13.9 │ 1.44 │     64 % │     91 % │   91 % │   91 % │"), "\(out)")
}

/// The formatting is the table's only: the values, the names, CSV and JSON keep every digit.
@Test func theBacktestsNumbersKeepTheirPrecisionOutsideTheTable() {
    let mae = shell(calibrated + "f.backtest.mae[1]").out
    #expect(mae.hasPrefix("347.8"), "\(mae)")
    let csv = shell(calibrated + "f.backtest |> select(method, mase, coverage_80, calibrated_80) |> head(1)", mode: .csv).out
    #expect(csv.hasSuffix("naive,1.4381") || csv.contains("naive,1.438"), "\(csv)")
    #expect(csv.contains(",0.63636"), "\(csv)")
    let json = shell(calibrated + "f.backtest", mode: .json).out
    #expect(json.contains("\"calibrated_80\"") && json.contains("0.636363"), "\(json)")
}

/// The plain `backtest(series)` and an outlook's backtest print the same way, and verbs keep it.
@Test func everyBacktestTablePrintsErrorsInUnitsAndCoverageInPercent() {
    let bt = shell("backtest(load(\"panorama_series\")) |> where(method == \"naive\")").out
    #expect(bt.contains("│ naive  │ 11 │ 348 │  441 │     13.9 │ 1.44 │     64 % │     91 % │"), "\(bt)")
    let o = shell("o = outlook(load(\"panorama\"), load(\"panorama_series\"), trials=500, seed=1);\no.backtest |> head(1)").out
    #expect(o.contains("│ top-down │ naive  │ 11 │ 348 │"), "\(o)")
}
