/// One named series of a line chart.
public struct LineSeries: Sendable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// Several series drawn as braille lines over a shared x (numbers, dates or categories).
///
/// `na` breaks a line and is counted in the footnote, as are infinite values. With more than
/// one series each line is labelled at its right end (in its colour when colour is on), so the
/// series can be told apart without colour.
public struct LineChart: Sendable {
    public var x: [Double]
    public var xKind: ChartXKind
    public var series: [LineSeries]

    public init(x: [Double], xKind: ChartXKind = .numbers, series: [LineSeries]) {
        self.x = x
        self.xKind = xKind
        self.series = series
    }

    public func render(_ layout: ChartLayout) -> String {
        var skipped = Skipped()
        let xScale: AxisScale = xKind == .numbers ? layout.xscale : .linear
        // The points each series can draw, nil where the line breaks.
        var points: [[(Double, Double)?]] = []
        for s in series {
            var pts: [(Double, Double)?] = []
            pts.reserveCapacity(min(s.values.count, x.count))
            for i in 0..<min(s.values.count, x.count) {
                let okX = skipped.admit(x[i], scale: xScale)
                let okY = okX && skipped.admit(s.values[i], scale: layout.yscale)
                pts.append(okX && okY ? (x[i], s.values[i]) : nil)
            }
            points.append(pts)
        }
        let xr = XYPlot.range(points.joined().compactMap { $0?.0 }, scale: xScale)
        let yr = XYPlot.range(points.joined().compactMap { $0?.1 }, scale: layout.yscale)
        let labelled = series.count > 1
        let margin = labelled ? min(20, series.map(\.name.count).max() ?? 0) + 1 : 0
        var layout = layout
        layout.xscale = xScale
        var plot = XYPlot(layout: layout, xRange: xr ?? (0, 1), yRange: yr ?? (0, 1), xKind: xKind, rightMargin: margin,
                          expandX: false)
        var ends: [(row: Int, name: String, color: ChartColor)] = []
        for (k, pts) in points.enumerated() {
            let color = ChartColor.series(k)
            var previous: (Int, Int)?
            var last: (Int, Int)?
            // Consecutive points in one dot column join by a vertical run: draw that run once
            // (its lowest to highest dot) instead of a segment per point, so a million points
            // cost a pass, not a million lines.
            var run: (x: Int, low: Int, high: Int)?
            func flush() {
                if let r = run { plot.canvas.line(r.x, r.low, r.x, r.high, color: color) }
                run = nil
            }
            for p in pts {
                guard let p, let dx = plot.dotX(p.0), let dy = plot.dotY(p.1) else { flush(); previous = nil; continue }
                if let (px, py) = previous {
                    if px == dx, var r = run, r.x == dx {
                        r.low = min(r.low, dy)
                        r.high = max(r.high, dy)
                        run = r
                    } else if px == dx {
                        run = (dx, min(py, dy), max(py, dy))
                    } else {
                        flush()
                        plot.canvas.line(px, py, dx, dy, color: color)
                    }
                } else {
                    plot.canvas.set(dx, dy, color: color)
                }
                previous = (dx, dy)
                last = (dx, dy)
            }
            flush()
            if labelled, let last { ends.append((last.1 / plot.canvas.dotsPerRow, series[k].name, color)) }
        }
        plot.frame.marginLabels = PlotFrame.spread(ends.map { PlotFrame.MarginLabel(row: $0.row, text: $0.name, color: $0.color) },
                                                   rows: plot.frame.plotRows)
        var notes = skipped.notes(ascii: layout.ascii)
        if xr == nil || yr == nil { notes.insert("no values to draw", at: 0) }
        if !notes.isEmpty { plot.frame.footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)] }
        return plot.render()
    }
}

/// Points drawn as braille dots, optionally with fitted lines across the plot (red, then
/// green, magenta… for a quantile regression's one line per τ).
public struct ScatterChart: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var fits: [Fit]

    /// A line to draw over the points: y = f(x), and how the footnote names it.
    public struct Fit: Sendable {
        public var label: String
        public var function: @Sendable (Double) -> Double

        public init(label: String, function: @escaping @Sendable (Double) -> Double) {
            self.label = label
            self.function = function
        }

        /// The straight line y = intercept + slope·x; `name` (like `tau 0.8`) replaces "fit".
        public static func line(intercept: Double, slope: Double, name: String = "",
                                numbers: NumberFormat = NumberFormat(significantDigits: 4)) -> Fit {
            let sign = slope < 0 ? "-" : "+"
            let head = name.isEmpty ? "fit" : name
            return Fit(label: "\(head): y = \(numbers.string(intercept)) \(sign) \(numbers.string(abs(slope))) x") { intercept + slope * $0 }
        }
    }

    public init(x: [Double], y: [Double], fit: Fit? = nil) {
        self.init(x: x, y: y, fits: fit.map { [$0] } ?? [])
    }

    public init(x: [Double], y: [Double], fits: [Fit]) {
        self.x = x
        self.y = y
        self.fits = fits
    }

    public func render(_ layout: ChartLayout) -> String {
        var skipped = Skipped()
        let n = min(x.count, y.count)
        var lo = (Double.infinity, Double.infinity), hi = (-Double.infinity, -Double.infinity)
        var keep = [Bool](repeating: false, count: n)
        for i in 0..<n {
            guard skipped.admit(x[i], scale: layout.xscale), skipped.admit(y[i], scale: layout.yscale) else { continue }
            keep[i] = true
            lo = (min(lo.0, x[i]), min(lo.1, y[i]))
            hi = (max(hi.0, x[i]), max(hi.1, y[i]))
        }
        let any = lo.0 <= hi.0
        var plot = XYPlot(layout: layout, xRange: any ? (lo.0, hi.0) : (0, 1), yRange: any ? (lo.1, hi.1) : (0, 1), xKind: .numbers)
        for (k, fit) in fits.enumerated() {
            let color = ChartColor.series(k + 1)
            var previous: (Int, Int)?
            let w = plot.canvas.dotWidth
            for dx in 0..<w {
                let v = plot.xAxis.value(atFraction: Double(dx) / Double(max(1, w - 1)))
                let fy = fit.function(v)
                guard fy.isFinite, let f = Optional(plot.yAxis.fraction(fy)), f.isFinite else { previous = nil; continue }
                let dy = XYPlot.clampDot((1 - f) * Double(plot.canvas.dotHeight - 1))
                if let (px, py) = previous { plot.canvas.line(px, py, dx, dy, color: color) } else { plot.canvas.set(dx, dy, color: color) }
                previous = (dx, dy)
            }
        }
        for i in 0..<n where keep[i] {
            if let dx = plot.dotX(x[i]), let dy = plot.dotY(y[i]) { plot.canvas.set(dx, dy, color: .blue) }
        }
        var notes: [String] = []
        if !any { notes.append("no points to draw") }
        let shown = keep.lazy.filter { $0 }.count
        if shown > 0 { notes.append("n = \(layout.numbers.string(Double(shown)))") }
        notes += skipped.notes(ascii: layout.ascii)
        notes += fits.map(\.label)
        plot.frame.footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)]
        return plot.render()
    }
}

extension PlotFrame {
    /// Labels moved to free rows near their own, in order, so none overlaps another.
    static func spread(_ labels: [MarginLabel], rows: Int) -> [MarginLabel] {
        var taken = Set<Int>()
        var out: [MarginLabel] = []
        for label in labels.sorted(by: { $0.row < $1.row }) {
            var best: Int?
            for d in 0..<rows {
                for r in [label.row + d, label.row - d] where r >= 0 && r < rows && !taken.contains(r) {
                    best = r
                    break
                }
                if best != nil { break }
            }
            guard let row = best else { continue }
            taken.insert(row)
            var l = label
            l.row = row
            out.append(l)
        }
        return out
    }
}
