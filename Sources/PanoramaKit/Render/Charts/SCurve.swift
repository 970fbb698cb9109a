import Foundation

/// An S-curve: the empirical CDF of simulated totals as stairs, with P50, P80 and the point
/// estimate marked by guides from the y axis and down to the x axis, each labelled.
///
/// The footnote gives the point estimate's own percentile and how far P80 lies above it (the
/// contingency a P80 budget needs). The curve is drawn from per-column counts, so a million
/// values need no sort; P50 and P80 come from the caller (a simulation knows them) or from an
/// O(n) selection.
public struct SCurve: Sendable {
    public var values: [Double]
    public var pointEstimate: Double?
    /// Known P50 and P80 (a simulation's); computed from `values` (R type 7) when nil.
    public var p50: Double?
    public var p80: Double?
    /// What the values are, for the default y label: `trials` gives "share of trials ≤ x".
    public var subject: String

    public init(values: [Double], pointEstimate: Double? = nil, p50: Double? = nil, p80: Double? = nil,
                subject: String = "values") {
        self.values = values
        self.subject = subject
        self.pointEstimate = pointEstimate
        self.p50 = p50
        self.p80 = p80
    }

    public func render(_ layout: ChartLayout) -> String {
        var layout = layout
        layout.yscale = .linear
        if layout.ylabel == nil { layout.ylabel = "share of \(subject) \(layout.ascii ? "<=" : "≤") x" }
        var skipped = Skipped()
        var finite: [Double] = []
        finite.reserveCapacity(values.count)
        for v in values where skipped.admit(v, scale: layout.xscale) { finite.append(v) }
        let n = finite.count
        let rows = max(4, layout.height)
        let percent = { (p: Double) in "\(Int(saturating: (p * 100).rounded()))%" }
        let yTicks: [Double] = rows >= 10 ? [0, 0.2, 0.4, 0.6, 0.8, 1] : [0, 0.5, 1]
        let yAxis = Axis(scale: .linear, lo: 0, hi: 1, ticks: yTicks.map { Axis.Tick(value: $0, label: percent($0)) })
        guard n > 0 else {
            let plot = XYPlot(layout: layout, xRange: (0, 1), yRange: (0, 1), xKind: .numbers, yAxis: yAxis)
            var frame = plot.frame
            frame.footnotes = [PlotFrame.joinNotes(["no values to draw"] + skipped.notes(ascii: layout.ascii), ascii: layout.ascii)]
            return frame.render()
        }
        var scratch = finite
        let q50 = p50 ?? Selection.quantile(&scratch, 0.5)
        let q80 = p80 ?? Selection.quantile(&scratch, 0.8)
        var lo = finite.min()!, hi = finite.max()!
        // The extreme trials would squash the curve: with many, the axis spans P0.1 to P99.9.
        var clipped = false
        if n >= 1000 {
            (lo, hi, clipped) = (Selection.quantile(&scratch, 0.001), Selection.quantile(&scratch, 0.999), true)
        }
        let point = pointEstimate.flatMap { $0.isFinite && (layout.xscale == .linear || $0 > 0) ? $0 : nil }
        if let point { lo = min(lo, point); hi = max(hi, point) }
        layout.height = rows
        var plot = XYPlot(layout: layout, xRange: (lo, hi), yRange: (0, 1), xKind: .numbers, expandX: false, yAxis: yAxis)
        let width = plot.canvas.dotWidth

        // Counts per dot column, then the stairs of their running sum.
        var counts = [Int](repeating: 0, count: width)
        for v in finite {
            if let dx = plot.dotX(v) { counts[min(max(dx, 0), width - 1)] += 1 }
        }
        var seen = 0
        var previous = plot.dotY(0)!
        for dx in 0..<width {
            seen += counts[dx]
            let dy = plot.dotY(Double(seen) / Double(n))!
            plot.canvas.line(dx, previous, dx, dy, color: .blue)
            previous = dy
        }

        // Guides: across from the y axis at the percentile, then down to the x axis.
        let below = point.map { pe in Double(finite.lazy.filter { $0 <= pe }.count) / Double(n) }
        var markers: [(label: String, value: Double, p: Double, color: ChartColor)] = [
            ("P50 " + layout.numbers.string(SCurve.rounded(q50)), q50, 0.5, .green),
            ("P80 " + layout.numbers.string(SCurve.rounded(q80)), q80, 0.8, .red),
        ]
        if let point, let below {
            markers.append(("point " + layout.numbers.string(SCurve.rounded(point)), point, below, .magenta))
        }
        let glyphs = layout.glyphs
        var grid = plot.frame.plot
        plot.canvas.draw(into: &grid)
        var labelsByRow: [Int: (column: Int, texts: [String], color: ChartColor)] = [:]
        for m in markers {
            guard let dx = plot.dotX(m.value), let dy = plot.dotY(m.p) else { continue }
            let column = min(max(dx / 2, 0), grid.width - 1), row = dy / plot.canvas.dotsPerRow
            for c in 0..<column where grid.isBlank(row: row, column: c) { grid.put(glyphs.dottedHorizontal, row: row, column: c, color: m.color) }
            for r in row..<grid.height where grid.isBlank(row: r, column: column) { grid.put(glyphs.dashedVertical, row: r, column: column, color: m.color) }
            if var existing = labelsByRow[row] {
                existing.texts.append(m.label)
                existing.column = max(existing.column, column)
                labelsByRow[row] = existing
            } else {
                labelsByRow[row] = (column, [m.label], m.color)
            }
        }
        for (row, entry) in labelsByRow {
            let text = entry.texts.joined(separator: ", ")
            // Right of the curve on that row when it fits, else left of the guide's corner.
            var last = -1
            for c in 0..<grid.width where !grid.isBlank(row: row, column: c) && grid[row, c].character != glyphs.dottedHorizontal {
                last = c
            }
            let right = max(last, entry.column) + 2
            let start = right + text.count <= grid.width ? right : max(0, min(entry.column, last) - text.count - 1)
            grid.write(text, row: row, column: start, color: entry.color)
        }
        plot.frame.plot = grid
        var notes = ["n = \(layout.numbers.string(Double(n)))"]
        if clipped { notes.append("x axis from P0.1 to P99.9") }
        notes += skipped.notes(ascii: layout.ascii)
        var footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)]
        if let point, let below {
            // The contingency a P80 budget needs over the point estimate.
            let gap = q80 - point
            var text = "P80 \(layout.ascii ? "-" : "−") point = \(layout.numbers.string(SCurve.rounded(gap)))"
            if point > 0 { text += " (\(gap < 0 ? "-" : "+")\(layout.numbers.string((abs(gap) / point * 1000).rounded() / 10))%)" }
            footnotes.append(PlotFrame.joinNotes(["point estimate \(layout.numbers.string(SCurve.rounded(point))) is P\(Int(saturating: (below * 100).rounded()))",
                                                  text], ascii: layout.ascii))
        }
        plot.frame.footnotes = footnotes
        return plot.frame.render()
    }

    /// Four significant digits, enough for a label.
    static func rounded(_ x: Double, digits: Int = 4) -> Double { Axis.round(x, digits: digits) }
}

/// Order statistics without a full sort (Hoare's quickselect, median-of-three pivots).
enum Selection {
    /// The quantile of R's type 7, reordering `x` in place. NaN for an empty array.
    /// - Complexity: O(n) on average.
    static func quantile(_ x: inout [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let h = Double(x.count - 1) * p
        let k = Int(saturating: h.rounded(.down))
        let a = select(&x, k)
        guard k + 1 < x.count, h > Double(k) else { return a }
        var b = Double.infinity
        for v in x[(k + 1)...] where v < b { b = v }
        return a + (h - Double(k)) * (b - a)
    }

    /// The k-th smallest value (0-based); afterwards x[k] holds it, smaller ones before it.
    static func select(_ x: inout [Double], _ k: Int) -> Double {
        var lo = 0, hi = x.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if x[mid] < x[lo] { x.swapAt(mid, lo) }
            if x[hi] < x[lo] { x.swapAt(hi, lo) }
            if x[hi] < x[mid] { x.swapAt(hi, mid) }
            let pivot = x[mid]
            var i = lo, j = hi
            while i <= j {
                while x[i] < pivot { i += 1 }
                while x[j] > pivot { j -= 1 }
                if i <= j { x.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return x[k] }
        }
        return x[k]
    }
}
