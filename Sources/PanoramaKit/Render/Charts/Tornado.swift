/// A tornado: for each input, a bar from the total at the input's low to the total at its high,
/// around a base line; widest swing on top, at most `height` bars.
///
/// The part of a bar reached with the input at its high is solid (█, ASCII `#`), the part
/// reached at its low shaded (▒, ASCII `=`), so the direction shows without colour. The low
/// and high totals are written at the bar's ends.
public struct TornadoChart: Sendable {
    public struct Bar: Sendable {
        public var name: String
        public var low: Double
        public var high: Double

        public init(name: String, low: Double, high: Double) {
            self.name = name
            self.low = low
            self.high = high
        }
    }

    public var bars: [Bar]
    public var base: Double
    /// What the base is (`mean`), written over its line.
    public var baseName: String
    /// Said under the chart (what low and high stand for).
    public var note: String?

    public init(bars: [Bar], base: Double, baseName: String = "base", note: String? = nil) {
        self.bars = bars
        self.base = base
        self.baseName = baseName
        self.note = note
    }

    public func render(_ layout: ChartLayout) -> String {
        var layout = layout
        layout.xscale = .linear
        var skipped = Skipped()
        var shown = bars.filter { skipped.admit($0.low, scale: .linear) && skipped.admit($0.high, scale: .linear) }
        shown.sort { abs($0.high - $0.low) > abs($1.high - $1.low) }
        let limit = max(1, layout.height)
        let hidden = max(0, shown.count - limit)
        shown = Array(shown.prefix(limit))
        let numbers = NumberFormat(significantDigits: 4, groupSeparator: layout.numbers.groupSeparator, ascii: layout.ascii)
        let gutter = BarChart.labelWidth(shown.map(\.name), width: layout.width)
        var frame = PlotFrame(layout: layout, gutter: gutter, plotRows: max(1, shown.count))
        let lows = shown.map { min($0.low, $0.high) }, highs = shown.map { max($0.low, $0.high) }
        let base = base.isFinite ? base : 0
        let range = ((lows + [base]).min()!, (highs + [base]).max()!)
        let valueWidth = (shown.flatMap { [numbers.string($0.low), numbers.string($0.high)] }.map(\.count).max() ?? 1) + 1
        let columns = frame.plotColumns
        let inner = Double(max(4, columns - 2 * valueWidth - 1))
        let place: (Double) -> Int = { Int(saturating: (Double(valueWidth) + $0 * inner).rounded()) }
        let axis = XYPlot.fitXAxis(range, kind: .numbers, frame: frame, scale: .linear, expand: false,
                                   numbers: layout.numbers, columnOf: place)
        frame.xTicks = axis.ticks.map { PlotFrame.XTick(column: place(axis.fraction($0.value)), label: $0.label) }
        func position(_ v: Double) -> Double { Double(valueWidth) + axis.fraction(v) * inner }
        let g = layout.glyphs
        let baseColumn = Int(saturating: position(base).rounded())
        for r in 0..<max(1, shown.count) { frame.plot.put(g.dashedVertical, row: r, column: baseColumn, color: .gray) }
        let lowFill: Character = layout.ascii ? "=" : g.mediumShade
        for (r, bar) in shown.enumerated() {
            frame.rowLabels[r] = bar.name
            let (lowPos, highPos, basePos) = (position(bar.low), position(bar.high), position(base))
            // The part from the base (or the nearer end) to each end.
            let lowStart = bar.low <= base ? lowPos : max(basePos, min(lowPos, highPos))
            let lowEnd = bar.low <= base ? min(basePos, max(lowPos, highPos)) : lowPos
            let highStart = bar.high >= base ? max(basePos, min(lowPos, highPos)) : highPos
            let highEnd = bar.high >= base ? highPos : min(basePos, max(lowPos, highPos))
            HorizontalBars.span(from: Double(Int(saturating: lowStart.rounded())), to: Double(Int(saturating: lowEnd.rounded())), row: r, in: &frame.plot,
                                glyphs: g, color: .red, fill: lowFill)
            HorizontalBars.span(from: Double(Int(saturating: highStart.rounded())), to: Double(Int(saturating: highEnd.rounded())), row: r, in: &frame.plot,
                                glyphs: g, color: .blue, fill: g.full)
            let left = Int(saturating: min(lowPos, highPos).rounded()), right = Int(saturating: max(lowPos, highPos).rounded())
            let (leftText, rightText) = bar.low <= bar.high ? (numbers.string(bar.low), numbers.string(bar.high))
                                                            : (numbers.string(bar.high), numbers.string(bar.low))
            frame.plot.write(leftText, row: r, column: max(0, left - leftText.count - 1))
            frame.plot.write(rightText, row: r, column: right + 1)
        }
        let baseLabel = "\(baseName) \(numbers.string(base))"
        frame.headerRows = [[PlotFrame.XTick(column: max(0, min(columns - baseLabel.count, baseColumn - baseLabel.count / 2)), label: baseLabel)]]
        frame.legend = [PlotFrame.LegendEntry(glyph: String(g.full), text: "input high", color: .blue),
                        PlotFrame.LegendEntry(glyph: String(lowFill), text: "input low", color: .red)]
        var notes: [String] = []
        if shown.isEmpty { notes.append("no inputs to draw") }
        if let note { notes.append(note) }
        if hidden > 0 { notes.append("\(hidden) smaller swing\(hidden == 1 ? "" : "s") not shown") }
        notes += skipped.notes(ascii: layout.ascii)
        if !notes.isEmpty { frame.footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)] }
        return frame.render()
    }
}
