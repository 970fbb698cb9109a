import Testing
import PanoramaKit

@Test(arguments: [RenderOptions.Charset.unicode, .ascii])
func aZeroStepKeepsItsRowAndZeroButDrawsNoBar(_ charset: RenderOptions.Charset) {
    // 107.42 puts the running total mid-cell, where a zero-width span used to draw "▌".
    let chart = Waterfall(startLabel: "start", start: 1_881.78, steps: [("growth", 107.42), ("none", -0.0), ("exits", -71.84)],
                          endLabel: "end", end: 1_917.36)
    let text = chart.render(ChartLayout(width: 80, height: 10, charset: charset))
    let row = text.split(separator: "\n").first { $0.hasPrefix("none") }!
    let plot = row.drop { $0 != (charset == .ascii ? "|" : "│") }.dropFirst()
    #expect(plot.trimmingCharacters(in: .whitespaces) == "0", "\(row)")
    #expect(text.split(separator: "\n").contains { $0.hasPrefix("growth") && $0.hasSuffix(" +107.42") })
}
