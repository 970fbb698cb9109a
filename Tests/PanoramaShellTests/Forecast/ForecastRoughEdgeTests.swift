import Foundation
import Testing
import PanoramaKit
@testable import PanoramaShell

/// Runs `text` at 80 columns on the bundled datasets; stdout and stderr.
private func transcript(_ text: String) -> (out: String, err: String) {
    var out: [String] = [], err: [String] = []
    let session = Session(options: RenderOptions(width: 80), output: { out.append($0) }, diagnostics: { err.append($0) })
    session.run(text)
    return (out.joined(separator: "\n"), err.joined(separator: "\n"))
}

@Test func oneBacktestOriginIsSingular() {
    let (out, notes) = transcript("forecast(load(\"panorama_series\"), since=13)")
    #expect(out.contains("candidates for edition 21 (AICc picks naive; 1 one-step origin):"))
    // Issue 14.7: the note goes to stderr, not into the printed value.
    #expect(notes.contains("note: only 1 backtest origin: the choice uses AICc"))
    #expect(!out.contains("note:"))
    let (_, err) = transcript("backtest(load(\"panorama_series\"), since=13, min_train=6, methods=[\"naive\"])")
    #expect(err.hasPrefix("note: backtest of total_cost: 1 one-step forecast, edition 20 to edition 20,"))
}

@Test func theForecastParameterLineWrapsBetweenParametersNotInsideThem() {
    let (out, _) = transcript("forecast(load(\"panorama_series\"), since=6)")
    let lines = out.split(separator: "\n")
    #expect(lines[0] == "forecast of total_cost for edition 21: holt — damped-trend Holt ETS(A,Ad,N),")
    #expect(lines[1] == "  chosen by backtest MASE")
    #expect(lines[2] == "from 12 observed values, edition 6 to edition 20 (since 6); alpha = 0.6625,")
    #expect(lines[3] == "  beta = 0.6624, phi = 0.8, l0 = 3,174, b0 = -941.1")
}

@Test func theBacktestNoteWrapsUnderItself() {
    let (_, err) = transcript("backtest(load(\"panorama_series\"))")
    #expect(err == """
    note: backtest of total_cost: 11 one-step forecasts, edition 7 to edition 20,
          each from the editions before it (at least 6 observed); MASE scale = naive
          one-step MAE 241.9
    """)
}

@Test func theBridgePrintoutAndItsTableFormatAmountsAlike() {
    let (out, _) = transcript("b = bridge(load(\"panorama\"), from=13, to=14)\nb\nb.table |> select(step, amount, detail)")
    #expect(out.components(separatedBy: "PPN (121.7)").count == 3)
    #expect(!out.contains("121.66"))
    // An empty step is 0, not -0, and the waterfall draws no bar for it.
    #expect(out.contains("│ no longer costed  │     0.00 │"))
    #expect(!out.contains("-0.00"))
    #expect(out.split(separator: "\n").contains { $0.hasPrefix("no longer costed  │") && $0.hasSuffix("│                                                    0") })
}

@Test(arguments: ["[100, 110, 125]", "[100, 100, 100, 100, 100, 100, 100]"])
func aSeriesTooShortOrFlatForAICcAndABacktestDoesNotClaimAICcChoseTheMethod(series: String) {
    let (out, err) = transcript("forecast(\(series))")
    #expect(!out.contains("chosen by AICc"), "\(out)")
    #expect(out.contains("chosen by default"), "\(out)")
    #expect(err.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        .contains("neither AICc nor a backtest could rank the candidates: naive, the first, is shown"), "\(err)")
}
