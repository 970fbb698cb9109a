import Foundation

/// Horizontal bars with their values written at their ends, one row a label (UnicodePlots'
/// `barplot`): eighth-of-a-cell lengths, negative values to the left of a zero line.
///
/// `na` and infinite values leave their bar out and are counted in the footnote; labels wider
/// than a third of the chart are cut with an ellipsis.
public struct BarChart: Sendable {
    public var labels: [String]
    public var values: [Double]
    /// Said under the chart (e.g. `sum of cost by ministry`).
    public var note: String?

    public init(labels: [String], values: [Double], note: String? = nil) {
        self.labels = labels
        self.values = values
        self.note = note
    }

    public func render(_ layout: ChartLayout) -> String {
        var skipped = Skipped()
        var rows: [(label: String, value: Double)] = []
        for (label, v) in zip(labels, values) where skipped.admit(v, scale: layout.xscale) {
            rows.append((label, v))
        }
        rows = skipped.firstItems(rows, noun: "bar")
        let numbers = NumberFormat(significantDigits: min(5, layout.numbers.significantDigits),
                                   groupSeparator: layout.numbers.groupSeparator, ascii: layout.ascii)
        let texts = rows.map { numbers.string($0.value) }
        let gutter = BarChart.labelWidth(rows.map(\.label), width: layout.width)
        var frame = PlotFrame(layout: layout, gutter: gutter, plotRows: max(1, rows.count))
        frame.showXAxis = false
        let columns = frame.plotColumns
        let valueWidth = (texts.map(\.count).max() ?? 1) + 1
        let log = layout.xscale == .log
        let positive = rows.map { log ? log10($0.value) : max(0, $0.value) }
        let negative = log ? [] : rows.map { min(0, $0.value) }
        var lowest = (positive.min() ?? 0)
        if log { lowest = (lowest - 1e-9).rounded(.down) }
        let maxPos = max(0, (positive.max() ?? 0) - (log ? lowest : 0))
        let maxNeg = -(negative.min() ?? 0)
        // The zero line takes a column of its own when there are negative bars.
        let room = Double(columns - valueWidth - (maxNeg > 0 ? valueWidth + 3 : 0))
        // Halves keep the sum finite for ±1e308, and dividing before scaling keeps 1e-310 a full bar.
        let half = maxPos / 2 + maxNeg / 2
        func length(_ v: Double) -> Double { half > 0 ? v / 2 / half * max(1, room) : 0 }
        let zeroColumn = maxNeg > 0 ? valueWidth + Int(saturating: length(maxNeg).rounded(.up)) : -1
        if maxNeg > 0 {
            for r in 0..<max(1, rows.count) { frame.plot.put(layout.glyphs.vertical, row: r, column: zeroColumn) }
        }
        let zero = Double(zeroColumn + 1)
        for (r, row) in rows.enumerated() {
            frame.rowLabels[r] = row.label
            let v = log ? log10(row.value) - lowest : row.value
            if v >= 0 {
                let end = zero + length(v)
                HorizontalBars.span(from: zero, to: end, row: r, in: &frame.plot, glyphs: layout.glyphs,
                                    color: .blue, minimumVisible: row.value != 0)
                frame.plot.write(" " + texts[r], row: r, column: HorizontalBars.endColumn(end, glyphs: layout.glyphs, from: zero))
            } else {
                let start = Double(zeroColumn) + length(v)
                HorizontalBars.span(from: start, to: Double(zeroColumn), row: r, in: &frame.plot, glyphs: layout.glyphs,
                                    color: .red, minimumVisible: true)
                let first = HorizontalBars.startColumn(start, glyphs: layout.glyphs)
                frame.plot.write(texts[r] + " ", row: r, column: max(0, first - texts[r].count - 1))
            }
        }
        var notes: [String] = []
        if rows.isEmpty { notes.append("no values to draw") }
        if let note { notes.append(note) }
        if log { notes.append("log scale: bars start at \(numbers.string(pow(10, lowest)))") }
        notes += skipped.notes(ascii: layout.ascii)
        if !notes.isEmpty { frame.footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)] }
        return frame.render()
    }

    /// Room for the row labels: the longest, but at most a third of the chart (at least 6).
    static func labelWidth(_ labels: [String], width: Int) -> Int {
        min(labels.map(\.count).max() ?? 1, max(6, width / 3))
    }
}

/// Horizontal spans drawn with blocks: the right end to an eighth of a cell, the left end to a
/// half (`▐`); ASCII rounds both ends to whole cells.
enum HorizontalBars {
    /// The first column after a span ending at `b` (where a value label may start).
    static func endColumn(_ b: Double, glyphs: ChartGlyphs, from a: Double) -> Int {
        let last = Int(saturating: b.rounded(.down))
        if glyphs.eighthsLeft.isEmpty { return max(Int(saturating: b.rounded()), Int(saturating: a.rounded()) + (b > a ? 1 : 0)) }
        return Int(saturating: ((b - Double(last)) * 8).rounded()) > 0 || b - a < 0.125 && b > a ? last + 1 : last
    }

    /// The first column a span starting at `a` fills.
    static func startColumn(_ a: Double, glyphs: ChartGlyphs) -> Int {
        let c = Int(saturating: a.rounded(.down))
        if glyphs.eighthsLeft.isEmpty { return Int(saturating: a.rounded()) }
        return a - Double(c) >= 0.75 ? c + 1 : c
    }

    /// Fills row `row` from column position `a` to `b` (cells, fractional; a ≤ b).
    /// With `minimumVisible`, a span thinner than an eighth still shows as `▏` (ASCII `|`).
    static func span(from a: Double, to b: Double, row: Int, in grid: inout CellGrid, glyphs: ChartGlyphs,
                     color: ChartColor?, fill: Character? = nil, minimumVisible: Bool = false) {
        guard a.isFinite, b.isFinite, b > a || b == a && minimumVisible else { return }
        // Only the grid's columns are drawn: a far end costs nothing to walk to.
        let edge = Double(grid.width + 1)
        let a = min(max(a, -1), edge), b = min(max(b, -1), edge)
        let full = fill ?? glyphs.full
        if glyphs.eighthsLeft.isEmpty || fill != nil {
            var start = Int(saturating: a.rounded()), end = Int(saturating: b.rounded())
            if end == start && minimumVisible && b > a { end = start + 1 }
            if end <= start && minimumVisible { start = Int(saturating: a.rounded(.down)); end = start + 1; grid.put("|", row: row, column: start, color: color); return }
            for c in start..<max(start, end) { grid.put(full, row: row, column: c, color: color) }
            return
        }
        var c = Int(saturating: a.rounded(.down))
        let leftFraction = a - Double(c)
        if leftFraction >= 0.75 { c += 1 } else if leftFraction >= 0.25, let half = glyphs.rightHalf, b - a >= 0.5 {
            grid.put(half, row: row, column: c, color: color)
            c += 1
        }
        let last = Int(saturating: b.rounded(.down))
        while c < last {
            grid.put(full, row: row, column: c, color: color)
            c += 1
        }
        let eighths = Int(saturating: ((b - Double(last)) * 8).rounded())
        if c == last {
            if eighths >= 8 { grid.put(full, row: row, column: c, color: color) }
            else if eighths > 0 { grid.put(glyphs.eighthsLeft[eighths - 1], row: row, column: c, color: color) }
            else if minimumVisible && b - a < 1 && grid.isBlank(row: row, column: c) && c == Int(saturating: a.rounded(.down)) {
                grid.put(glyphs.eighthsLeft[0], row: row, column: c, color: color)
            }
        }
    }
}
