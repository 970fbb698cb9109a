import Foundation

/// Box plots by group, sharing one x axis: quartiles (R type 7) as the box, the median inside,
/// whiskers to the most extreme values within 1.5 IQR of the box (Tukey), and outliers as dots.
///
/// Up to eight groups get three rows each (`┌─┬─┐` boxes); more get one row each
/// (`├──▒▒█▒▒──┤`). Each group's count is written on its right.
public struct BoxPlot: Sendable {
    public struct Group: Sendable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The five numbers and outliers of one group's sorted values.
    struct Summary {
        var q1, median, q3, low, high: Double
        var outliers: [Double]
        var n: Int

        init?(sorted x: [Double]) {
            guard !x.isEmpty else { return nil }
            n = x.count
            let q1 = Descriptive.quantile(sorted: x, 0.25), q3 = Descriptive.quantile(sorted: x, 0.75)
            let fence = 1.5 * (q3 - q1)
            self.q1 = q1
            self.q3 = q3
            median = Descriptive.quantile(sorted: x, 0.5)
            low = x.first { $0 >= q1 - fence } ?? q1
            high = x.last { $0 <= q3 + fence } ?? q3
            outliers = x.filter { $0 < q1 - fence || $0 > q3 + fence }
        }
    }

    public var groups: [Group]

    public init(groups: [Group]) {
        self.groups = groups
    }

    public func render(_ layout: ChartLayout) -> String {
        var skipped = Skipped()
        let groups = skipped.firstItems(self.groups, noun: "group")
        let summaries: [Summary?] = groups.map { g in
            Summary(sorted: g.values.filter { skipped.admit($0, scale: layout.xscale) }.sorted())
        }
        let all = summaries.compactMap { $0 }
        let range = all.isEmpty ? (0.0, 1.0)
            : (all.map { min($0.low, $0.outliers.first ?? $0.low) }.min()!, all.map { max($0.high, $0.outliers.last ?? $0.high) }.max()!)
        let compact = groups.count > 8
        let perGroup = compact ? 1 : 3
        let counts = summaries.map { "n = " + layout.numbers.string(Double($0?.n ?? 0)) }
        let margin = (counts.map(\.count).max() ?? 0) + 1
        let gutter = BarChart.labelWidth(groups.map(\.name), width: layout.width)
        var frame = PlotFrame(layout: layout, gutter: gutter, rightMargin: margin, plotRows: max(1, groups.count * perGroup))
        let columns = frame.plotColumns
        let axis = XYPlot.fitXAxis(range, kind: .numbers, frame: frame, scale: layout.xscale, expand: true, numbers: layout.numbers,
                                   columnOf: { Int(saturating: ($0 * Double(columns - 1)).rounded()) })
        frame.xTicks = axis.ticks.map { PlotFrame.XTick(column: Int(saturating: (axis.fraction($0.value) * Double(columns - 1)).rounded()), label: $0.label) }
        func col(_ v: Double) -> Int { Int(saturating: (axis.fraction(v) * Double(columns - 1)).rounded()) }
        let g = layout.glyphs
        for (i, s) in summaries.enumerated() {
            let mid = i * perGroup + perGroup / 2
            frame.rowLabels[mid] = groups[i].name
            frame.marginLabels.append(PlotFrame.MarginLabel(row: mid, text: counts[i], color: nil))
            guard let s else { continue }
            let color = ChartColor.series(0)
            let (lw, a, m, b, hw) = (col(s.low), col(s.q1), col(s.median), col(s.q3), col(s.high))
            if compact {
                for c in lw...hw { frame.plot.put(g.horizontal, row: mid, column: c, color: color) }
                frame.plot.put(layout.ascii ? "|" : "├", row: mid, column: lw, color: color)
                frame.plot.put(layout.ascii ? "|" : "┤", row: mid, column: hw, color: color)
                for c in a...b { frame.plot.put(layout.ascii ? "=" : "▒", row: mid, column: c, color: color) }
                frame.plot.put(g.full, row: mid, column: m, color: color)
            } else {
                let top = mid - 1, bottom = mid + 1
                for c in lw...hw { frame.plot.put(g.horizontal, row: mid, column: c, color: color) }
                for c in a...b {
                    frame.plot.put(g.horizontal, row: top, column: c, color: color)
                    frame.plot.put(g.horizontal, row: bottom, column: c, color: color)
                    if c > a && c < b { frame.plot.put(" ", row: mid, column: c) }
                }
                if layout.ascii {
                    for c in [lw, hw] { frame.plot.put("|", row: mid, column: c, color: color) }
                    for c in [a, b, m] {
                        frame.plot.put("+", row: top, column: c, color: color)
                        frame.plot.put("+", row: bottom, column: c, color: color)
                        frame.plot.put("|", row: mid, column: c, color: color)
                    }
                } else {
                    if lw < a {
                        frame.plot.put("╷", row: top, column: lw, color: color)
                        frame.plot.put("├", row: mid, column: lw, color: color)
                        frame.plot.put("╵", row: bottom, column: lw, color: color)
                    }
                    if hw > b {
                        frame.plot.put("╷", row: top, column: hw, color: color)
                        frame.plot.put("┤", row: mid, column: hw, color: color)
                        frame.plot.put("╵", row: bottom, column: hw, color: color)
                    }
                    frame.plot.put(a == b ? "┬" : "┌", row: top, column: a, color: color)
                    frame.plot.put(a == b ? "┴" : "└", row: bottom, column: a, color: color)
                    frame.plot.put(lw < a ? "┤" : "│", row: mid, column: a, color: color)
                    if b > a {
                        frame.plot.put("┐", row: top, column: b, color: color)
                        frame.plot.put("┘", row: bottom, column: b, color: color)
                        frame.plot.put(hw > b ? "├" : "│", row: mid, column: b, color: color)
                    }
                    frame.plot.put("┬", row: top, column: m, color: color)
                    frame.plot.put("┴", row: bottom, column: m, color: color)
                    frame.plot.put(m == a ? (lw < a ? "┤" : "│") : m == b ? (hw > b ? "├" : "│") : "│", row: mid, column: m, color: color)
                    if a == b { frame.plot.put(lw < a || hw > b ? "┼" : "│", row: mid, column: a, color: color) }
                }
            }
            for o in s.outliers { frame.plot.put(g.outlier, row: mid, column: col(o), color: .red) }
        }
        var notes = [layout.ascii ? "quartile boxes, | median, whiskers to 1.5 IQR, o outliers"
                                  : "quartile boxes, │ median, whiskers to 1.5 IQR, • outliers"]
        if compact { notes[0] = notes[0].replacingOccurrences(of: layout.ascii ? "|" : "│", with: String(g.full)) }
        if all.isEmpty { notes.insert("no values to draw", at: 0) }
        notes += skipped.notes(ascii: layout.ascii)
        frame.footnotes = [PlotFrame.joinNotes(notes, ascii: layout.ascii)]
        return frame.render()
    }
}
