/// The furniture around a plotting area: title, y label and ticks, the L-shaped axes, x ticks
/// and label, labels in the right margin, a legend and footnotes.
///
/// ```
///              Title
/// ylabel
///   300 ┤      ⢀⠔⠁     series
///   200 ┤   ⢀⠔⠁
///   100 ┼⠤⠒⠁
///       └┬──────┬──────┬
///        0     10     20
///              xlabel
///        n = 50 · 2 na skipped
/// ```
/// A chart sizes its plot with `plotColumns`, draws into `plot`, then calls `render()`.
struct PlotFrame {
    struct YTick {
        /// The plot row (0 at the top); `plotRows` is the x-axis line itself.
        var row: Int
        var label: String
    }
    struct XTick {
        var column: Int
        var label: String
    }
    struct MarginLabel {
        var row: Int
        var text: String
        var color: ChartColor?
    }
    struct LegendEntry {
        var glyph: String
        var text: String
        var color: ChartColor?
    }

    let layout: ChartLayout
    /// Width of the y tick labels (or of the category labels of a bar chart).
    let gutter: Int
    /// Columns right of the plot for direct labels or value labels.
    let rightMargin: Int
    var plotRows: Int
    var plot: CellGrid
    var yTicks: [YTick] = []
    var xTicks: [XTick] = []
    /// Labels written left of the axis instead of y ticks (bar charts), by row.
    var rowLabels: [Int: String] = [:]
    var marginLabels: [MarginLabel] = []
    var legend: [LegendEntry] = []
    /// Free-standing text rows just above the plot (S-curve markers), by column.
    var headerRows: [[XTick]] = []
    var footnotes: [String] = []
    /// Whether the axes are drawn (bar charts draw only the left one).
    var showXAxis = true
    var showYAxis = true

    var glyphs: ChartGlyphs { layout.glyphs }

    /// A frame whose plot fills the layout's width after a gutter and a right margin.
    /// `plotColumns` fixes the plot's width instead (a histogram's whole bins).
    init(layout: ChartLayout, gutter: Int, rightMargin: Int = 0, plotRows: Int, minimumPlotColumns: Int = 10,
         plotColumns: Int? = nil) {
        self.layout = layout
        self.gutter = max(0, gutter)
        self.rightMargin = max(0, rightMargin)
        self.plotRows = max(1, plotRows)
        let columns = plotColumns ?? max(minimumPlotColumns, layout.width - self.gutter - 2 - self.rightMargin)
        plot = CellGrid(width: columns, height: self.plotRows)
    }

    var plotColumns: Int { plot.width }
    /// The column where the plot starts in the whole chart.
    var plotStart: Int { gutter + 2 }
    var totalWidth: Int { plotStart + plotColumns + rightMargin }

    /// Whether x tick labels centred on their columns fit side by side (three blanks apart)
    /// within the chart's width.
    func xTicksFit(_ ticks: [XTick]) -> Bool {
        var end = -100
        let width = max(layout.width, totalWidth)
        for t in ticks {
            let centred = plotStart + t.column - (t.label.count - 1) / 2
            // A label may lean inwards at the ends by up to half its width, not more.
            let start = min(max(centred, 0), width - t.label.count)
            if start < end + 3 || abs(start - centred) > t.label.count / 2 { return false }
            end = start + t.label.count
        }
        return true
    }

    /// The chart as text lines.
    func render() -> String {
        let width = max(layout.width, totalWidth)
        var out: [String] = []
        var grid = CellGrid(width: width, height: 0)
        func flush(_ g: CellGrid) { out += g.lines(color: layout.color) }

        if let title = layout.title, !title.isEmpty {
            var g = CellGrid(width: width, height: 1)
            let text = PlotFrame.truncate(title, to: width, glyphs: glyphs)
            let start = min(max(0, plotStart + (plotColumns - text.count) / 2), width - text.count)
            g.write(text, row: 0, column: max(0, start))
            flush(g)
        }
        if !legend.isEmpty {
            var g = CellGrid(width: width, height: 1)
            var c = plotStart
            for entry in legend {
                if c + entry.glyph.count + 1 + entry.text.count > width && c > plotStart { break }
                g.write(entry.glyph, row: 0, column: c, color: entry.color)
                c += entry.glyph.count + 1
                g.write(entry.text, row: 0, column: c)
                c += entry.text.count + 3
            }
            flush(g)
        }
        if let ylabel = layout.ylabel, !ylabel.isEmpty {
            var g = CellGrid(width: width, height: 1)
            g.write(PlotFrame.truncate(ylabel, to: width, glyphs: glyphs), row: 0, column: 0)
            flush(g)
        }
        for row in headerRows {
            var g = CellGrid(width: width, height: 1)
            for t in row { g.write(t.label, row: 0, column: plotStart + t.column, color: nil) }
            flush(g)
        }

        // The plot rows with the y axis and the right margin.
        grid = CellGrid(width: width, height: plotRows)
        let tickRows = Dictionary(yTicks.filter { $0.row < plotRows }.map { ($0.row, $0.label) }, uniquingKeysWith: { a, _ in a })
        for r in 0..<plotRows {
            if let label = tickRows[r] ?? rowLabels[r] {
                let text = PlotFrame.truncate(label, to: gutter, glyphs: glyphs)
                let pad = rowLabels[r] != nil && tickRows[r] == nil ? 0 : gutter - text.count
                grid.write(text, row: r, column: max(0, pad))
            }
            if showYAxis {
                grid.put(tickRows[r] != nil ? glyphs.leftTick : glyphs.vertical, row: r, column: gutter + 1)
            }
            for c in 0..<plotColumns {
                let cell = plot[r, c]
                if cell.character != " " { grid.put(cell.character, row: r, column: plotStart + c, color: cell.color) }
            }
        }
        for m in marginLabels where m.row >= 0 && m.row < plotRows {
            let room = width - (plotStart + plotColumns + 1)
            grid.write(PlotFrame.truncate(m.text, to: room, glyphs: glyphs), row: m.row,
                       column: plotStart + plotColumns + 1, color: m.color)
        }
        flush(grid)

        if showXAxis {
            var axis = CellGrid(width: width, height: 1)
            if let zero = yTicks.first(where: { $0.row >= plotRows }) {
                axis.write(zero.label, row: 0, column: max(0, gutter - zero.label.count))
                axis.put(glyphs.cornerTick, row: 0, column: gutter + 1)
            } else {
                axis.put(showYAxis ? glyphs.corner : glyphs.horizontal, row: 0, column: gutter + 1)
            }
            for c in 0..<plotColumns { axis.put(glyphs.horizontal, row: 0, column: plotStart + c) }
            for t in xTicks where t.column >= 0 && t.column < plotColumns {
                axis.put(glyphs.bottomTick, row: 0, column: plotStart + t.column)
            }
            flush(axis)
            if !xTicks.isEmpty {
                var labels = CellGrid(width: width, height: 1)
                var end = -2
                for t in xTicks {
                    var start = plotStart + t.column - (t.label.count - 1) / 2
                    start = max(start, end + 2, 0)
                    start = min(start, width - t.label.count)
                    guard start >= end + 1 else { continue }
                    labels.write(t.label, row: 0, column: start)
                    end = start + t.label.count
                }
                flush(labels)
            }
        }
        if let xlabel = layout.xlabel, !xlabel.isEmpty {
            var g = CellGrid(width: width, height: 1)
            let text = PlotFrame.truncate(xlabel, to: width, glyphs: glyphs)
            g.write(text, row: 0, column: min(max(0, plotStart + (plotColumns - text.count) / 2), width - text.count))
            flush(g)
        }
        for note in footnotes {
            // Under the plot when it fits there, else from the left edge.
            let indent = note.count <= width - plotStart ? plotStart : (note.count <= width - 1 ? 1 : 0)
            for line in PlotFrame.wrap(note, width: width - indent) {
                var g = CellGrid(width: width, height: 1)
                g.write(line, row: 0, column: indent, color: .gray)
                flush(g)
            }
        }
        return out.joined(separator: "\n")
    }

    /// The text cut to `width` characters, ending with an ellipsis when cut.
    static func truncate(_ text: String, to width: Int, glyphs: ChartGlyphs) -> String {
        guard text.count > width else { return text }
        guard width > glyphs.ellipsis.count else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - glyphs.ellipsis.count)) + glyphs.ellipsis
    }

    /// Words wrapped to lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 10 else { return [text] }
        return Prose.wrap(text, width: width)
    }

    /// Joins footnote parts with a middle dot (`n = 50 · 2 na skipped`).
    static func joinNotes(_ parts: [String], ascii: Bool) -> String {
        parts.joined(separator: ascii ? "; " : " · ")
    }
}
