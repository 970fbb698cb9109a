import Foundation

/// What an x axis shows: numbers, dates (day numbers) or categories at equal steps.
public enum ChartXKind: Sendable, Equatable {
    case numbers
    /// Day numbers since 1970-01-01; ticks on month, semester or year starts.
    case dates
    /// Labels at positions 0, 1, 2…
    case categories([String])
}

/// A dot canvas inside a plot frame with a y axis and an x axis: the shared base of line,
/// scatter, S-curve and fan charts.
struct XYPlot {
    var frame: PlotFrame
    var canvas: DotCanvas
    let xAxis: Axis
    let yAxis: Axis

    /// Builds the axes for the data ranges and sizes the canvas to the layout.
    /// - Parameters:
    ///   - xRange, yRange: the finite data ranges (in data units; positive for log scales).
    ///   - yAxis: a ready-made y axis (the S-curve's 0–100 %), instead of one fitted to `yRange`.
    init(layout: ChartLayout, xRange: (Double, Double), yRange: (Double, Double), xKind: ChartXKind,
         rightMargin: Int = 0, expandX: Bool = true, yAxis fixedY: Axis? = nil) {
        let rows = max(2, layout.height)
        let y = fixedY ?? XYPlot.fitYAxis(yRange, rows: rows, scale: layout.yscale, numbers: layout.numbers, dotsPerRow: layout.ascii ? 3 : 4)
        var frame = PlotFrame(layout: layout, gutter: max(1, y.maxLabelWidth), rightMargin: rightMargin, plotRows: rows)
        let columns = frame.plotColumns
        let x = XYPlot.fitXAxis(xRange, kind: xKind, frame: frame, scale: layout.xscale, expand: expandX, numbers: layout.numbers)
        let canvas = DotCanvas(columns: columns, rows: rows, ascii: layout.ascii)
        frame.xTicks = x.ticks.map { PlotFrame.XTick(column: XYPlot.column(of: x.fraction($0.value), canvasColumns: columns), label: $0.label) }
        frame.yTicks = y.ticks.map { PlotFrame.YTick(row: XYPlot.row(of: y.fraction($0.value), rows: rows, dotsPerRow: canvas.dotsPerRow), label: $0.label) }
        self.canvas = canvas
        self.frame = frame
        xAxis = x
        yAxis = y
    }

    /// The dot column of a value, nil when it cannot be placed (na, not positive on a log axis).
    func dotX(_ v: Double) -> Int? {
        let f = xAxis.fraction(v)
        guard f.isFinite else { return nil }
        return Int(saturating: (f * Double(canvas.dotWidth - 1)).rounded())
    }

    func dotY(_ v: Double) -> Int? {
        let f = yAxis.fraction(v)
        guard f.isFinite else { return nil }
        return Int(saturating: ((1 - f) * Double(canvas.dotHeight - 1)).rounded())
    }

    /// Clamps a dot coordinate to a range the canvas can clip cheaply.
    static func clampDot(_ v: Double) -> Int { Int(saturating: max(-1e6, min(1e6, v)).rounded()) }

    static func column(of fraction: Double, canvasColumns: Int) -> Int {
        Int(saturating: (fraction * Double(canvasColumns * 2 - 1)).rounded()) / 2
    }

    static func row(of fraction: Double, rows: Int, dotsPerRow: Int) -> Int {
        Int(saturating: ((1 - fraction) * Double(rows * dotsPerRow - 1)).rounded()) / dotsPerRow
    }

    /// The text of the chart: the canvas copied into the frame.
    func render() -> String {
        var frame = self.frame
        canvas.draw(into: &frame.plot)
        return frame.render()
    }

    /// A y axis whose ticks fall on distinct rows, as many as fit about every three rows.
    static func fitYAxis(_ range: (Double, Double), rows: Int, scale: AxisScale, numbers: NumberFormat, dotsPerRow: Int) -> Axis {
        var count = max(2, rows / 3 + 1)
        while true {
            let axis = scale == .log
                ? Axis.log(range.0, range.1, count: count, expand: true, numbers: numbers)
                : Axis.linear(range.0, range.1, count: count, expand: true, numbers: numbers)
            let tickRows = axis.ticks.map { row(of: axis.fraction($0.value), rows: rows, dotsPerRow: dotsPerRow) }
            let spaced = zip(tickRows, tickRows.dropFirst()).allSatisfy { abs($0 - $1) >= 2 } || rows < 4
            if spaced || count <= 2 { return axis }
            count -= 1
        }
    }

    /// An x axis whose labels fit side by side under the plot: the finest step that fits.
    /// `columnOf` maps a fraction of the axis to a plot column (by default the dot grid's).
    static func fitXAxis(_ range: (Double, Double), kind: ChartXKind, frame: PlotFrame, scale: AxisScale,
                         expand: Bool, numbers: NumberFormat, columnOf: ((Double) -> Int)? = nil) -> Axis {
        let columns = frame.plotColumns
        let place = columnOf ?? { column(of: $0, canvasColumns: columns) }
        func fits(_ axis: Axis) -> Bool {
            frame.xTicksFit(axis.ticks.map { PlotFrame.XTick(column: place(axis.fraction($0.value)), label: $0.label) })
        }
        switch kind {
        case .dates:
            let axes = Axis.dateSteps.map { Axis.dates(range.0, range.1, months: $0) }
            if let a = axes.first(where: { $0.ticks.count >= 2 && fits($0) }) { return a }
            if let a = axes.first(where: { $0.ticks.count >= 1 && fits($0) }) { return a }
            return axes.last!
        case .categories(let labels):
            for every in 1...max(1, labels.count) {
                let axis = Axis.categories(labels, every: every)
                if fits(axis) { return axis }
            }
            return Axis.categories(labels, every: max(1, labels.count))
        case .numbers:
            var count = max(2, columns / 5)
            while true {
                let axis = scale == .log
                    ? Axis.log(range.0, range.1, count: count, expand: expand, numbers: numbers)
                    : Axis.linear(range.0, range.1, count: count, expand: expand, numbers: numbers)
                if fits(axis) || count <= 2 {
                    if fits(axis) { return axis }
                    // Too narrow even for two ticks: keep the axis, label only its ends.
                    var ends = axis
                    ends.ticks = [axis.ticks.first, axis.ticks.count > 1 ? axis.ticks.last : nil].compactMap { $0 }
                    if !fits(ends) { ends.ticks = Array(ends.ticks.prefix(1)) }
                    return ends
                }
                count -= 1
            }
        }
    }

    /// The finite range of values (log axes: of the positive ones), nil when there is none.
    static func range<S: Sequence>(_ values: S, scale: AxisScale) -> (Double, Double)? where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (scale == .linear || v > 0) {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return lo <= hi ? (lo, hi) : nil
    }
}
