import Foundation

/// A histogram: equal-width bins (equal in log10 with `xscale = log`) drawn as vertical block
/// bars, eighth-of-a-row tall steps, counts on the y axis.
///
/// Bins are round, as R's `hist` and UnicodePlots make them: a target count is chosen, the width
/// it implies is rounded to the nearest 1, 2, 2.5 or 5 × 10ᵏ, and the edges are the multiples of
/// that width from ⌊min / width⌋ · width on, so that every value falls in a bin and the edges
/// are round numbers (`0, 20, 40, …`). Without `bins` the target is Freedman–Diaconis's count,
/// kept between Sturges's and the columns available, and of the nice widths around it the one
/// whose bars best fill the width is taken (`HistogramBins.fit`); `bins = N` is a suggestion, as in R's
/// `hist(breaks = N)`: the width is the nice one nearest range / N, so the count may differ from
/// N. When the bins would not fit the width, the next wider nice width is taken (and a note
/// says so). Whole numbers get whole widths (1, 2, 5, 10, 20, 25, …) and bins that hold the
/// same number of whole values ([0, 20) holds 0…19); other data get numpy's last bin, closed on
/// the right. On a log scale the width is nice in decades (0.1, 0.2, 0.25, 0.5, 1, …).
///
/// Every bin takes the same whole number of columns (the plot is narrower than the layout when
/// they do not divide it), and the x ticks stand on bin edges: a linear axis labels every
/// edge whose value is a multiple of a nice step. A bin holding any value shows at least one
/// eighth, so lone values in the tails stay visible. `na`, infinite values (and values ≤ 0 on a
/// log scale) are counted in the footnote, which gives the width (`bins 20 wide`).
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
        var wholeNumbers = !log
        for v in values where skipped.admit(v, scale: layout.xscale) {
            let t = log ? log10(v) : v
            if t < lo { lo = t }
            if t > hi { hi = t }
            if wholeNumbers && !(t == t.rounded() && abs(t) < 9e15) { wholeNumbers = false }
            n += 1
        }
        var notes: [String] = []
        if n == 0 { (lo, hi) = (0, 1); wholeNumbers = false; notes.append("no values to draw") }
        let allEqual = n > 0 && lo == hi
        if allEqual {
            let value = layout.numbers.string(log ? pow(10, lo) : lo)
            notes.append(n == 1 ? "one value: \(value)" : "all \(layout.numbers.string(Double(n))) values equal \(value)")
        }
        let rows = max(2, layout.height)
        // Bins depend on the columns left by the count labels, which depend on the counts: guess
        // the labels as wide as n's, then once more with the labels' real width.
        var gutter = max(1, layout.numbers.string(Axis.niceStep(Double(max(n, 1))) * 10).count)
        var bins = HistogramBins(width: NiceWidth(mantissa: 1, exponent: 0), first: 0, count: 1, closedLast: false)
        var counts: [Int] = [], y = Axis(scale: .linear, lo: 0, hi: 1, ticks: []), binNote: String?
        for attempt in 0..<2 {
            // One column is kept past the last bin so that the last edge has a tick of its own.
            let available = max(4, layout.width - gutter - 2)
            let most = available - 1
            binNote = nil
            if allEqual {
                let pad = log ? 0.05 : (lo == 0 ? 0.5 : abs(lo) * 0.05)
                bins = HistogramBins.around(lo, spread: 2 * pad, wholeNumbers: wholeNumbers, maxCount: most)
            } else {
                let target = self.bins.map { max(1, $0) }
                    ?? (n <= 1 ? 10 : Histogram.automaticBins(values, n: n, lo: lo, hi: hi, log: log, available: most))
                bins = HistogramBins.fit(lo: lo, hi: hi, target: target, wholeNumbers: wholeNumbers, maxCount: most,
                                         fillColumns: self.bins == nil)
                if let asked = self.bins, asked > most {
                    binNote = "\(asked) bins asked, \(bins.count) fit the width"
                }
            }
            counts = [Int](repeating: 0, count: bins.count)
            for v in values where v.isFinite && (!log || v > 0) {
                counts[bins.bin(of: log ? log10(v) : v)] += 1
            }
            y = BarLevels.fitAxis(maxValue: max(Double(counts.max() ?? 0), 1), rows: rows, scale: layout.yscale, numbers: layout.numbers)
            if attempt == 0 && max(1, y.maxLabelWidth) < gutter { gutter = max(1, y.maxLabelWidth) } else { break }
        }
        if let binNote { notes.append(binNote) }
        let available = max(4, layout.width - gutter - 2)
        let perBin = max(1, (available - 1) / bins.count)
        var frame = PlotFrame(layout: layout, gutter: gutter, plotRows: rows, plotColumns: bins.count * perBin + 1)
        frame.yTicks = BarLevels.ticks(y, rows: rows)
        frame.xTicks = Histogram.xTicks(bins, perBin: perBin, frame: frame, log: log, numbers: layout.numbers)
        for (i, c) in counts.enumerated() where c > 0 {
            let eighths = BarLevels.eighths(Double(c), axis: y, rows: rows)
            for col in (i * perBin)..<((i + 1) * perBin) {
                BarLevels.drawColumn(eighths: eighths, column: col, in: &frame.plot, glyphs: layout.glyphs, color: .blue)
            }
        }
        if n > 0 {
            let width = bins.width.value
            var binText: String
            if log {
                binText = "bins ×\(layout.numbers.string(Axis.round(pow(10, width), digits: 3))) wide"
                if width < 1, (1 / width).rounded() == 1 / width { binText += " (\(Int(saturating: 1 / width)) a decade)" }
            } else {
                binText = "bins \(layout.numbers.string(width)) wide"
            }
            notes.insert("n = \(layout.numbers.string(Double(n)))", at: 0)
            if !allEqual { notes.insert(binText, at: 1) }
        }
        notes += skipped.notes(ascii: layout.ascii)
        frame.footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)]
        return frame.render()
    }

    /// Ticks on bin edges. A linear axis takes the finest nice step that is a multiple of the bin
    /// width and whose labels fit (`0, 50, 100` for bins 25 wide); a log axis takes its usual
    /// powers of ten (and 2, 5 between them), which are edges whenever a decade holds whole bins.
    static func xTicks(_ bins: HistogramBins, perBin: Int, frame: PlotFrame, log: Bool, numbers: NumberFormat) -> [PlotFrame.XTick] {
        let span = Double(bins.count * perBin)
        if log {
            let range = (pow(10, bins.edge(0)), pow(10, bins.edge(bins.count)))
            let axis = Axis(scale: .log, lo: bins.edge(0), hi: bins.edge(bins.count), ticks: [])
            let place: (Double) -> Int = { f in Int(saturating: max(0, min(span, (f * span).rounded()))) }
            let x = XYPlot.fitXAxis(range, kind: .numbers, frame: frame, scale: .log, expand: false, numbers: numbers, columnOf: place)
            return x.ticks.map { PlotFrame.XTick(column: place(axis.fraction($0.value)), label: $0.label) }
        }
        func ticks(every q: Int, step: NiceWidth) -> [PlotFrame.XTick] {
            (0...bins.count).compactMap { i in
                let j = bins.first + Double(i)
                guard j.truncatingRemainder(dividingBy: Double(q)) == 0 else { return nil }
                return PlotFrame.XTick(column: i * perBin, label: Axis.linearLabel(bins.edge(i), step: step.value, numbers: numbers))
            }
        }
        var step = bins.width, fallback: [PlotFrame.XTick]?
        for _ in 0..<64 {
            let ratio = step.value / bins.width.value
            if abs(ratio - ratio.rounded()) <= 1e-9 * ratio {
                let q = Int(saturating: ratio.rounded())
                if q > bins.count * 2 { break }
                let t = ticks(every: q, step: step)
                if frame.xTicksFit(t) {
                    if t.count >= 2 { return t }
                    if fallback == nil && !t.isEmpty { fallback = t }
                }
            }
            step = step.next
        }
        if let fallback { return fallback }
        // Too narrow for two labels: the ends, or the first edge alone.
        let ends = [0, bins.count].map { PlotFrame.XTick(column: $0 * perBin, label: Axis.linearLabel(bins.edge($0), step: bins.width.value, numbers: numbers)) }
        return frame.xTicksFit(ends) ? ends : [ends[0]]
    }

    /// Freedman–Diaconis bins (2·IQR·n^(-1/3) wide) between Sturges's ⌈log2 n⌉ + 1 and both four
    /// times that and the columns available: the target count, before the width is made nice.
    /// The quartiles come from a 1,024-cell sketch, exact enough to choose a bin count.
    static func automaticBins(_ values: [Double], n: Int, lo: Double, hi: Double, log: Bool, available: Int) -> Int {
        let sturges = Int(saturating: Foundation.log2(Double(n)).rounded(.up)) + 1
        let cells = 1024
        var sketch = [Int](repeating: 0, count: cells)
        let scale = Double(cells) / (hi - lo)
        for v in values where v.isFinite && (!log || v > 0) {
            let t = log ? log10(v) : v
            sketch[min(max(Int(saturating: (t - lo) * scale), 0), cells - 1)] += 1
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
            bins = Int(saturating: ((hi - lo) / width).rounded(.up))
        }
        return max(1, min(available, max(sturges, min(bins, 4 * sturges))))
    }
}

/// A nice number: 1, 2, 2.5 or 5 × 10ᵏ, kept as its mantissa and exponent so that its multiples
/// come out as the decimals they name (3 × 0.1 is 0.3, not 0.30000000000000004).
struct NiceWidth: Equatable, Sendable {
    static let mantissas: [Double] = [1, 2, 2.5, 5]

    let mantissa: Double
    let exponent: Int
    /// 10^|exponent|, computed once: `times` runs for every value binned.
    private let scale: Double

    init(mantissa: Double, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
        scale = Foundation.pow(10, Double(abs(exponent)))
    }

    /// `j` times the width: j·m scaled by an exact power of ten, so one rounding.
    func times(_ j: Double) -> Double {
        exponent >= 0 ? j * mantissa * scale : j * mantissa / scale
    }

    var value: Double { times(1) }

    /// The next nice number up: 1 → 2 → 2.5 → 5 → 10.
    var next: NiceWidth {
        let i = NiceWidth.mantissas.firstIndex(of: mantissa) ?? 0
        return i + 1 < NiceWidth.mantissas.count ? NiceWidth(mantissa: NiceWidth.mantissas[i + 1], exponent: exponent)
                                                  : NiceWidth(mantissa: 1, exponent: exponent + 1)
    }

    /// The next nice number down: 1 → 0.5 → 0.25 → 0.2 → 0.1.
    var previous: NiceWidth {
        let i = NiceWidth.mantissas.firstIndex(of: mantissa) ?? 0
        return i > 0 ? NiceWidth(mantissa: NiceWidth.mantissas[i - 1], exponent: exponent)
                     : NiceWidth(mantissa: 5, exponent: exponent - 1)
    }

    /// Whether its multiples are whole numbers: 1, 2, 5, 10, 20, 25, … but not 2.5 or 0.5.
    var isWhole: Bool { exponent >= 1 || (exponent == 0 && mantissa != 2.5) }

    /// The nice number nearest `raw` on a log scale (`nearest(22.3) // 20`, `nearest(0.47) // 0.5`);
    /// with `wholeNumbers`, the nearest whole one (at least 1).
    static func nearest(_ raw: Double, wholeNumbers: Bool = false) -> NiceWidth {
        guard raw.isFinite, raw > 0 else { return NiceWidth(mantissa: 1, exponent: 0) }
        let exponent = Int(saturating: Foundation.log10(raw).rounded(.down))
        var best = NiceWidth(mantissa: 1, exponent: exponent), distance = Double.infinity
        for candidate in (mantissas.map { NiceWidth(mantissa: $0, exponent: exponent) } + [NiceWidth(mantissa: 1, exponent: exponent + 1)]) {
            let d = abs(Foundation.log(candidate.value / raw))
            if d < distance { (best, distance) = (candidate, d) }
        }
        if wholeNumbers { while !best.isWhole { best = best.next } }
        return best
    }
}

/// Equal bins whose edges are multiples of a nice width: bin i spans
/// [(first + i) · width, (first + i + 1) · width), the last one closed when `closedLast`.
struct HistogramBins: Equatable, Sendable {
    var width: NiceWidth
    /// The first edge, in widths (a whole number).
    var first: Double
    var count: Int
    var closedLast: Bool

    /// Edge i, 0 ≤ i ≤ count.
    func edge(_ i: Int) -> Double { width.times(first + Double(i)) }

    var edges: [Double] { (0...count).map(edge) }

    /// The bin holding t, a value between the first and the last edge (values outside go to the
    /// nearest end bin).
    func bin(of t: Double) -> Int {
        let i = HistogramBins.index(of: t, width: width) - first
        guard i.isFinite else { return 0 }
        return Int(saturating: max(0, min(Double(count - 1), i)))
    }

    /// The multiple j of the width with j·width ≤ t < (j + 1)·width, exact at the edges.
    static func index(of t: Double, width: NiceWidth) -> Double {
        var j = (t / width.value).rounded(.down)
        guard j.isFinite else { return j }
        for _ in 0..<2 where width.times(j) > t { j -= 1 }
        for _ in 0..<2 where width.times(j + 1) <= t { j += 1 }
        return j
    }

    /// Bins for values in [lo, hi], about `target` of them (see `Histogram`), at most `maxCount`.
    /// With `fillColumns`, the nice widths either side of the nearest one compete too, and the
    /// one whose whole-column bars best fill `maxCount` columns while staying near the target
    /// wins (by |ln(count / target)| + |ln(columns used / maxCount)|): 45 bins two columns wide
    /// beat 58 one column wide in 94 columns.
    static func fit(lo: Double, hi: Double, target: Int, wholeNumbers: Bool, maxCount: Int, fillColumns: Bool = false) -> HistogramBins {
        let raw = (hi * 0.5 - lo * 0.5) / Double(max(1, target)) * 2
        let nearest = NiceWidth.nearest(raw, wholeNumbers: wholeNumbers)
        let most = max(1, maxCount)
        if fillColumns {
            let candidates = [nearest.previous, nearest, nearest.next]
                .filter { !wholeNumbers || $0.isWhole }
                .map { spanning(lo, hi, width: $0, wholeNumbers: wholeNumbers) }
                .filter { $0.count <= most }
            func score(_ b: HistogramBins) -> Double {
                let used = b.count * (most / b.count)
                return abs(Foundation.log(Double(b.count) / Double(max(1, target)))) + abs(Foundation.log(Double(used) / Double(most)))
            }
            if let best = candidates.min(by: { score($0) < score($1) }) { return best }
        }
        var width = nearest
        var bins = spanning(lo, hi, width: width, wholeNumbers: wholeNumbers)
        for _ in 0..<400 where bins.count > most {
            width = width.next
            bins = spanning(lo, hi, width: width, wholeNumbers: wholeNumbers)
        }
        return bins
    }

    /// The bins of one width from the edge at or below lo to the one above hi.
    static func spanning(_ lo: Double, _ hi: Double, width: NiceWidth, wholeNumbers: Bool) -> HistogramBins {
        let first = index(of: lo, width: width), last = index(of: hi, width: width)
        guard first.isFinite, last.isFinite else { return HistogramBins(width: width, first: 0, count: 1, closedLast: false) }
        var bins = HistogramBins(width: width, first: first, count: Int(saturating: min(1e9, max(0, last - first))) + 1, closedLast: false)
        // numpy's closed last bin, so that a maximum on an edge does not open a bin of its own;
        // whole numbers keep [a, a + width) so that every bin holds as many of them.
        if !wholeNumbers && last > first && width.times(last) == hi {
            bins.count -= 1
            bins.closedLast = true
        }
        return bins
    }

    /// Nine bins about `spread` wide in all, the value in the middle one (one value, or all equal).
    static func around(_ value: Double, spread: Double, wholeNumbers: Bool, maxCount: Int) -> HistogramBins {
        let count = max(1, min(9, maxCount))
        let width = NiceWidth.nearest(spread / 9, wholeNumbers: wholeNumbers)
        let j = index(of: value, width: width)
        return HistogramBins(width: width, first: j - Double(count / 2), count: count, closedLast: false)
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
            let fromBottom = (axis.scale == .linear && t.value == 0) || l <= 0 ? -1 : min(rows - 1, Int(saturating: l.rounded(.down)))
            return PlotFrame.YTick(row: rows - 1 - fromBottom, label: t.label)
        }
    }

    /// The bar's height in eighths of a row; at least one for a positive value.
    static func eighths(_ v: Double, axis: Axis, rows: Int) -> Int {
        max(v > 0 ? 1 : 0, Int(saturating: (level(v, axis: axis, rows: rows) * 8).rounded()))
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
