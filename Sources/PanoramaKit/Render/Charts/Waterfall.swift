/// A waterfall (bridge): the start total, each signed step floating from the running total,
/// and the end total, one row each with its value; increases solid, decreases shaded.
///
/// The axis starts at 0 unless the steps would be too thin to read next to the totals; then
/// it starts near the smallest running total and the footnote says so. Steps that do not add
/// up to the end get an `other` row holding the difference.
public struct Waterfall: Sendable {
    public var startLabel: String
    public var start: Double
    public var steps: [(label: String, delta: Double)]
    public var endLabel: String
    public var end: Double

    public init(startLabel: String, start: Double, steps: [(label: String, delta: Double)], endLabel: String, end: Double) {
        self.startLabel = startLabel
        self.start = start
        self.steps = steps
        self.endLabel = endLabel
        self.end = end
    }

    public func render(_ layout: ChartLayout) -> String {
        var layout = layout
        layout.xscale = .linear
        var skipped = Skipped()
        var steps = self.steps.filter { skipped.admit($0.delta, scale: .linear) }
        let numbers = NumberFormat(significantDigits: 5, groupSeparator: layout.numbers.groupSeparator, ascii: layout.ascii)
        var notes: [String] = []
        let start = self.start.isFinite ? self.start : 0, end = self.end.isFinite ? self.end : 0
        let sum = steps.reduce(start) { $0 + $1.delta }
        let tolerance = 1e-9 * max(abs(start), abs(end), 1)
        if abs(end - sum) > tolerance {
            steps.append(("other", end - sum))
            notes.append("'other' is what the steps leave unexplained")
        }
        // Rows: (label, from, to, kind) with kind 0 total, 1 up, -1 down.
        var rows: [(label: String, from: Double, to: Double, kind: Int, text: String)] = [(startLabel, 0, start, 0, numbers.string(start))]
        var running = start
        for s in steps {
            // A zero step keeps its row and says 0, with no bar and no sign.
            let sign = s.delta > 0 ? "+" : s.delta < 0 ? "-" : ""
            rows.append((s.label, running, running + s.delta, s.delta >= 0 ? 1 : -1, sign + numbers.string(abs(s.delta))))
            running += s.delta
        }
        rows.append((endLabel, 0, end, 0, numbers.string(end)))
        let runningValues = rows.flatMap { $0.kind == 0 ? [$0.to] : [$0.from, $0.to] }
        var lo = runningValues.min()!, hi = runningValues.max()!
        let stepSpan = rows.filter { $0.kind != 0 }.map { abs($0.to - $0.from) }.max() ?? 0
        let gutter = BarChart.labelWidth(rows.map(\.label), width: layout.width)
        var frame = PlotFrame(layout: layout, gutter: gutter, plotRows: rows.count)
        let valueWidth = (rows.map(\.text.count).max() ?? 1) + 1
        let columns = frame.plotColumns
        let inner = Double(max(4, columns - valueWidth - 1))
        let place: (Double) -> Int = { Int(saturating: ($0 * inner).rounded()) }
        // From 0 unless the largest step would be thinner than six columns there.
        let truncated = lo > 0 && stepSpan / hi * inner < 6
        if truncated {
            lo -= (hi - lo) * 0.15
        } else {
            lo = min(lo, 0)
            hi = max(hi, 0)
        }
        let axis = XYPlot.fitXAxis((lo, hi), kind: .numbers, frame: frame, scale: .linear, expand: truncated,
                                   numbers: layout.numbers, columnOf: place)
        frame.xTicks = axis.ticks.map { PlotFrame.XTick(column: place(axis.fraction($0.value)), label: $0.label) }
        func position(_ v: Double) -> Double { max(0, axis.fraction(v)) * inner }
        let g = layout.glyphs
        let down: Character = layout.ascii ? "=" : g.mediumShade
        for (r, row) in rows.enumerated() {
            frame.rowLabels[r] = row.label
            let a = position(min(row.from, row.to)), b = position(max(row.from, row.to))
            let color: ChartColor = row.kind == 0 ? .blue : row.kind > 0 ? .red : .green
            if row.kind == 0 || row.from != row.to {
                HorizontalBars.span(from: row.kind == 0 ? 0 : a, to: b, row: r, in: &frame.plot, glyphs: g, color: color,
                                    fill: row.kind < 0 ? down : nil, minimumVisible: row.from != row.to)
            }
            frame.plot.write(" " + row.text, row: r, column: HorizontalBars.endColumn(b, glyphs: row.kind < 0 ? .ascii : g, from: a))
        }
        frame.legend = [PlotFrame.LegendEntry(glyph: String(g.full), text: "total or increase", color: .blue),
                        PlotFrame.LegendEntry(glyph: String(down), text: "decrease", color: .green)]
        if truncated { notes.append("the axis starts at \(layout.numbers.string(axis.ticks.first?.value ?? lo)), not 0") }
        notes += skipped.notes(ascii: layout.ascii)
        if !notes.isEmpty { frame.footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)] }
        return frame.render()
    }
}
