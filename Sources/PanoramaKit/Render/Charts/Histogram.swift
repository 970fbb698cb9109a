import Foundation

/// A histogram: equal-width bins (equal in log10 with `xscale = log`) drawn as vertical block
/// bars, eighth-of-a-row tall steps, counts on the y axis.
///
/// Bins run from the smallest to the largest value (numpy's rule); without `bins` their number
/// is Freedman–Diaconis's, kept between Sturges's and the columns available, and rounded so
/// that each bin takes the same whole number of columns. A bin holding any value shows at least one eighth, so lone
/// values in the tails stay visible. `na`, infinite values (and values ≤ 0 on a log scale) are
/// counted in the footnote.
/// - Complexity: O(n) — two passes over the values plus one over a 1,024-cell sketch.
public struct Histogram: Sendable {
    public var values: [Double]
    public var bins: Int?

    public init(values: [Double], bins: Int? = nil) {
        self.values = values
        self.bins = bins
    }

    public func render(_ layout: ChartLayout) -> String {
        let log = layout.xscale == .log
        var skipped = Skipped()
        var lo = Double.infinity, hi = -Double.infinity, n = 0
        for v in values where skipped.admit(v, scale: layout.xscale) {
            let t = log ? log10(v) : v
            if t < lo { lo = t }
            if t > hi { hi = t }
            n += 1
        }
        var notes: [String] = []
        if n == 0 { (lo, hi) = (0, 1); notes.append("no values to draw") }
        let allEqual = n > 0 && lo == hi
        if allEqual {
            let value = layout.numbers.string(log ? pow(10, lo) : lo)
            notes.append(n == 1 ? "one value: \(value)" : "all \(layout.numbers.string(Double(n))) values equal \(value)")
            let pad = log ? 0.05 : (lo == 0 ? 0.5 : abs(lo) * 0.05)
            (lo, hi) = (lo - pad, hi + pad)
        }
        let rows = max(2, layout.height)
        // Bins depend on the columns left by the count labels, which depend on the counts: guess
        // the labels as wide as n's, then once more with the labels' real width.
        var gutter = max(1, layout.numbers.string(Axis.niceStep(Double(max(n, 1))) * 10).count)
        var binCount = 1, counts: [Int] = [], y = Axis(scale: .linear, lo: 0, hi: 1, ticks: []), binNote: String?
        for attempt in 0..<2 {
            let available = max(4, layout.width - gutter - 2)
            binNote = nil
            if let bins {
                binCount = max(1, bins)
            } else if allEqual || n <= 1 {
                binCount = min(available, 9)
            } else {
                binCount = Histogram.automaticBins(values, n: n, lo: lo, hi: hi, log: log, available: available)
                if available / binCount < 3 {
                    // Whole columns per bin, so that bars keep one width.
                    binCount = available / max(1, Int((Double(available) / Double(binCount)).rounded()))
                }
            }
            if binCount > available {
                binNote = "\(binCount) bins asked, \(available) fit the width"
                binCount = available
            }
            counts = [Int](repeating: 0, count: binCount)
            let scale = Double(binCount) / (hi - lo)
            for v in values where v.isFinite && (!log || v > 0) {
                let t = log ? log10(v) : v
                let i = Int((t - lo) * scale)
                counts[min(max(i, 0), binCount - 1)] += 1
            }
            y = BarLevels.fitAxis(maxValue: max(Double(counts.max() ?? 0), 1), rows: rows, scale: layout.yscale, numbers: layout.numbers)
            if attempt == 0 && max(1, y.maxLabelWidth) < gutter { gutter = max(1, y.maxLabelWidth) } else { break }
        }
        if let binNote { notes.append(binNote) }
        var frame = PlotFrame(layout: layout, gutter: gutter, plotRows: rows, plotColumns: max(4, layout.width - gutter - 2))
        frame.yTicks = BarLevels.ticks(y, rows: rows)
        let columns = frame.plotColumns
        let xAxis = Axis(scale: layout.xscale, lo: lo, hi: hi, ticks: [])
        let place: (Double) -> Int = { min(columns - 1, max(0, Int(($0 * Double(columns)).rounded(.down)))) }
        let x = XYPlot.fitXAxis(log ? (pow(10, lo), pow(10, hi)) : (lo, hi), kind: .numbers, frame: frame, scale: layout.xscale,
                                expand: false, numbers: layout.numbers, columnOf: place)
        frame.xTicks = x.ticks.map { PlotFrame.XTick(column: place(xAxis.fraction($0.value)), label: $0.label) }
        for (i, c) in counts.enumerated() where c > 0 {
            let eighths = BarLevels.eighths(Double(c), axis: y, rows: rows)
            for col in (i * columns / binCount)..<((i + 1) * columns / binCount) {
                BarLevels.drawColumn(eighths: eighths, column: col, in: &frame.plot, glyphs: layout.glyphs, color: .blue)
            }
        }
        if n > 0 {
            let width = (hi - lo) / Double(binCount)
            let binText = log ? "bins ×\(layout.numbers.string(Axis.round(pow(10, width), digits: 3))) wide"
                              : "bins \(layout.numbers.string(Axis.round(width, digits: 4))) wide"
            notes.insert("n = \(layout.numbers.string(Double(n)))", at: 0)
            if !allEqual { notes.insert(binText, at: 1) }
        }
        notes += skipped.notes(ascii: layout.ascii)
        frame.footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)]
        return frame.render()
    }

    /// Freedman–Diaconis bins (2·IQR·n^(-1/3) wide) between Sturges's ⌈log2 n⌉ + 1 and both four
    /// times that and the columns available. The quartiles come from a 1,024-cell sketch, exact
    /// enough to choose a bin count.
    static func automaticBins(_ values: [Double], n: Int, lo: Double, hi: Double, log: Bool, available: Int) -> Int {
        let sturges = Int(Foundation.log2(Double(n)).rounded(.up)) + 1
        let cells = 1024
        var sketch = [Int](repeating: 0, count: cells)
        let scale = Double(cells) / (hi - lo)
        for v in values where v.isFinite && (!log || v > 0) {
            let t = log ? log10(v) : v
            sketch[min(max(Int((t - lo) * scale), 0), cells - 1)] += 1
        }
        func quantile(_ p: Double) -> Double {
            let target = p * Double(n)
            var seen = 0
            for (i, c) in sketch.enumerated() {
                seen += c
                if Double(seen) >= target { return lo + (Double(i) + 0.5) / scale }
            }
            return hi
        }
        let iqr = quantile(0.75) - quantile(0.25)
        var bins = sturges
        if iqr > 0 {
            let width = 2 * iqr * pow(Double(n), -1.0 / 3)
            bins = Int(((hi - lo) / width).rounded(.up))
        }
        return max(1, min(available, max(sturges, min(bins, 4 * sturges))))
    }
}

/// Vertical block bars: values to eighths of a row, and the y axis that reads them.
///
/// A value v fills v / hi × (rows − ½) rows, so the top tick sits in the middle of the top row
/// and each tick's `┤` is on the row its level falls in; 0 is the x axis line itself.
enum BarLevels {
    static func fitAxis(maxValue: Double, rows: Int, scale: AxisScale, numbers: NumberFormat, wholeSteps: Bool = true) -> Axis {
        var count = max(2, rows / 3 + 1)
        while true {
            let axis = scale == .log ? Axis.log(1, max(maxValue, 10), count: count, expand: true, numbers: numbers)
                                     : Axis.linear(0, maxValue, count: count, expand: true, numbers: numbers, includeZero: true,
                                                   minimumStep: wholeSteps ? 1 : 0)
            let tickRows = ticks(axis, rows: rows).map(\.row)
            if zip(tickRows, tickRows.dropFirst()).allSatisfy({ abs($0 - $1) >= 2 }) || count <= 2 { return axis }
            count -= 1
        }
    }

    /// The level of a value, in rows above the axis line.
    static func level(_ v: Double, axis: Axis, rows: Int) -> Double {
        let f = axis.fraction(v)
        return f.isFinite ? max(0, f) * (Double(rows) - 0.5) : 0
    }

    static func ticks(_ axis: Axis, rows: Int) -> [PlotFrame.YTick] {
        axis.ticks.map { t in
            let l = level(t.value, axis: axis, rows: rows)
            let fromBottom = (axis.scale == .linear && t.value == 0) || l <= 0 ? -1 : min(rows - 1, Int(l.rounded(.down)))
            return PlotFrame.YTick(row: rows - 1 - fromBottom, label: t.label)
        }
    }

    /// The bar's height in eighths of a row; at least one for a positive value.
    static func eighths(_ v: Double, axis: Axis, rows: Int) -> Int {
        max(v > 0 ? 1 : 0, Int((level(v, axis: axis, rows: rows) * 8).rounded()))
    }

    /// Fills one column from the bottom: full blocks, then the partial top (in ASCII `#`, with
    /// `=` or `_` for a top more or less than half full).
    static func drawColumn(eighths: Int, column: Int, in grid: inout CellGrid, glyphs: ChartGlyphs, color: ChartColor?) {
        let rows = grid.height
        let full = min(rows, eighths / 8)
        for r in 0..<full { grid.put(glyphs.full, row: rows - 1 - r, column: column, color: color) }
        let rest = eighths % 8
        guard rest > 0, full < rows else { return }
        let glyph: Character = glyphs.eighthsUp.isEmpty ? (rest >= 7 ? "#" : rest >= 4 ? "=" : "_") : glyphs.eighthsUp[rest - 1]
        grid.put(glyph, row: rows - 1 - full, column: column, color: color)
    }
}

extension Axis {
    /// `round(1234.5678, digits: 3) // 1230` — significant digits, for footnotes.
    static func round(_ x: Double, digits: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        let e = Foundation.pow(10, Double(digits) - (Foundation.log10(Swift.abs(x))).rounded(.up))
        return (x * e).rounded() / e
    }
}
