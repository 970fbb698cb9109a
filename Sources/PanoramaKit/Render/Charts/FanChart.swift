/// A forecast fan: the observed series as a line, then the forecast's point line (dashed)
/// inside its 80 % and 95 % bands, periods at equal steps (the edition sequence).
///
/// The bands open from the last observation, where the future is known to be that value, so a
/// one-step forecast shows as a widening wedge. ▒ is the 80 % band, ░ the 95 % band (ASCII
/// `:` and `.`).
public struct FanChart: Sendable {
    /// One forecast period: its label, the point forecast and the two intervals.
    public struct Point: Sendable {
        public var label: String
        public var point: Double
        public var low80: Double
        public var high80: Double
        public var low95: Double
        public var high95: Double

        public init(label: String, point: Double, low80: Double, high80: Double, low95: Double, high95: Double) {
            self.label = label
            self.point = point
            self.low80 = low80
            self.high80 = high80
            self.low95 = low95
            self.high95 = high95
        }
    }

    public var historyLabels: [String]
    public var history: [Double]
    public var forecast: [Point]
    /// Lines printed under the chart after the forecast's figures (what the bands are, when
    /// they are not the model's own intervals).
    public var notes: [String] = []

    public init(historyLabels: [String], history: [Double], forecast: [Point]) {
        self.historyLabels = historyLabels
        self.history = history
        self.forecast = forecast
    }

    public func render(_ layout: ChartLayout) -> String {
        var skipped = Skipped()
        let labels = historyLabels + forecast.map(\.label)
        let n = history.count
        var ys: [Double] = []
        for v in history where skipped.admit(v, scale: layout.yscale) { ys.append(v) }
        for p in forecast {
            for v in [p.point, p.low80, p.high80, p.low95, p.high95] where v.isFinite && (layout.yscale == .linear || v > 0) {
                ys.append(v)
            }
        }
        let yr = XYPlot.range(ys, scale: layout.yscale) ?? (0, 1)
        var layout = layout
        layout.xscale = .linear
        var plot = XYPlot(layout: layout, xRange: (0, Double(max(1, labels.count - 1))), yRange: yr,
                          xKind: .categories(labels), expandX: false)
        let g = layout.glyphs

        // Anchors of the bands: the last observation (zero width), then each forecast period.
        var anchors: [(x: Double, Point)] = []
        if let last = history.indices.last(where: { history[$0].isFinite }) {
            let v = history[last]
            anchors.append((Double(last), Point(label: "", point: v, low80: v, high80: v, low95: v, high95: v)))
        }
        for (j, p) in forecast.enumerated() { anchors.append((Double(n + j), p)) }
        var grid = plot.frame.plot
        let rowsPerDot = plot.canvas.dotsPerRow
        if !anchors.isEmpty {
            let columns = grid.width
            for c in 0..<columns {
                // The band at the cell's two dot columns: the widest of the two.
                var band: [(top: Int, bottom: Int, inner: Bool)] = []
                for dx in [2 * c, 2 * c + 1] {
                    let x = plot.xAxis.value(atFraction: Double(dx) / Double(max(1, plot.canvas.dotWidth - 1)))
                    guard let p = FanChart.interpolate(anchors, at: x) else { continue }
                    for (lo, hi, inner) in [(p.low95, p.high95, false), (p.low80, p.high80, true)] {
                        guard let top = plot.dotY(hi), let bottom = plot.dotY(lo), top <= bottom else { continue }
                        band.append((top / rowsPerDot, bottom / rowsPerDot, inner))
                    }
                }
                for b in band where !b.inner {
                    for r in max(0, b.top)...min(grid.height - 1, max(0, b.bottom)) { grid.put(g.lightShade, row: r, column: c, color: .cyan) }
                }
                for b in band where b.inner {
                    for r in max(0, b.top)...min(grid.height - 1, max(0, b.bottom)) { grid.put(g.mediumShade, row: r, column: c, color: .cyan) }
                }
            }
        }
        // The observed line, then the forecast's dashed point line from the last observation.
        var previous: (Int, Int)?
        for (i, v) in history.enumerated() {
            guard v.isFinite, let dx = plot.dotX(Double(i)), let dy = plot.dotY(v) else { previous = nil; continue }
            if let (px, py) = previous { plot.canvas.line(px, py, dx, dy, color: .blue) } else { plot.canvas.set(dx, dy, color: .blue) }
            previous = (dx, dy)
        }
        previous = anchors.first.flatMap { a in plot.dotX(a.x).flatMap { x in plot.dotY(a.1.point).map { (x, $0) } } }
        for (j, p) in forecast.enumerated() {
            guard p.point.isFinite, let dx = plot.dotX(Double(n + j)), let dy = plot.dotY(p.point) else { continue }
            if let (px, py) = previous { plot.canvas.line(px, py, dx, dy, color: .magenta, dashed: true) }
            plot.canvas.set(dx, dy, color: .magenta)
            previous = (dx, dy)
        }
        plot.canvas.draw(into: &grid)
        plot.frame.plot = grid
        plot.frame.legend = [
            PlotFrame.LegendEntry(glyph: layout.ascii ? "--" : "⠒⠒", text: "history", color: .blue),
            PlotFrame.LegendEntry(glyph: layout.ascii ? "- -" : "⠒ ⠒", text: "forecast", color: .magenta),
            PlotFrame.LegendEntry(glyph: String(g.mediumShade), text: "80 %", color: .cyan),
            PlotFrame.LegendEntry(glyph: String(g.lightShade), text: "95 %", color: .cyan),
        ]
        var notes: [String] = []
        let numbers = NumberFormat(significantDigits: 4, groupSeparator: layout.numbers.groupSeparator, ascii: layout.ascii)
        for p in [forecast.first, forecast.count > 1 ? forecast.last : nil].compactMap({ $0 }) {
            notes.append("\(p.label): \(numbers.string(p.point)); 80 % \(numbers.string(p.low80)) to \(numbers.string(p.high80)); "
                         + "95 % \(numbers.string(p.low95)) to \(numbers.string(p.high95))")
        }
        if forecast.isEmpty { notes.append("no forecast to draw") }
        notes += self.notes + skipped.notes(ascii: layout.ascii)
        plot.frame.footnotes = notes
        return plot.frame.render()
    }

    /// The bands at position x, linearly between the anchors; nil outside them.
    static func interpolate(_ anchors: [(x: Double, Point)], at x: Double) -> Point? {
        guard let first = anchors.first, let last = anchors.last, x >= first.x - 0.25, x <= last.x + 0.25 else { return nil }
        if anchors.count == 1 || x <= first.x { return first.1 }
        if x >= last.x { return last.1 }
        let k = anchors.firstIndex { $0.x >= x }!
        let (a, b) = (anchors[k - 1], anchors[k])
        let t = (x - a.x) / (b.x - a.x)
        func mix(_ u: Double, _ v: Double) -> Double { u + t * (v - u) }
        return Point(label: "", point: mix(a.1.point, b.1.point), low80: mix(a.1.low80, b.1.low80), high80: mix(a.1.high80, b.1.high80),
                     low95: mix(a.1.low95, b.1.low95), high95: mix(a.1.high95, b.1.high95))
    }
}
