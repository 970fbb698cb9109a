import Foundation

/// Renders a frame as a table in the given mode (DESIGN §4).
///
/// - `box` (default): Unicode box drawing (ASCII `+-|` with `.charset ascii`), labels as
///   headers (with the unit: `Coût estimé (M€)`), numbers right-aligned with grouped thousands,
///   at most `maxRows` rows then `… N more rows` and how to see them; columns fitted to `width`: long text is cut
///   with `…`, and columns that still do not fit are left out and named in a footer (all of
///   them, wrapped) that says how to see them: the shell's `.width N` or `--format csv`.
/// - `markdown`: a GitHub table (numbers right-aligned), `maxRows` applies.
/// - `csv`: RFC 4180, every row, LF line ends.
/// - `json`: `{"columns": […], "rows": […]}`, every row.
public func renderTable(_ frame: Frame, _ options: RenderOptions) -> String {
    switch options.mode {
    case .box: return TableRenderer(frame: frame, options: options).box()
    case .markdown: return TableRenderer(frame: frame, options: options).markdown()
    case .csv:
        var text = CSVWriter.text(frame, lineEnding: "\n")
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    case .json: return frame.json().text
    }
}

struct TableRenderer {
    let frame: Frame
    let options: RenderOptions
    var ascii: Bool { options.charset == .ascii }
    var ellipsis: String { ascii ? "..." : "…" }

    /// The rows shown and how many are left out.
    var shownRows: (Int, Int) {
        let n = frame.rowCount
        let shown = options.maxRows > 0 ? min(n, options.maxRows) : n
        return (shown, n - shown)
    }

    /// The column's label (with its unit), control characters escaped.
    func header(_ c: Column) -> String {
        if let unit = c.unit, !c.label.contains(unit) { return "\(c.label) (\(unit))".controlsEscaped }
        return c.label.controlsEscaped
    }

    func cell(_ c: Column, _ r: Int, decimals: Int? = nil) -> String {
        var f = options.numbers
        f.ascii = ascii
        switch c.data {
        case .number(let v) where !c.data.isNA(r):
            if case .percent(let d) = c.display, v[r].isFinite { return f.fixed(100 * v[r], decimals: d) + " %" }
            if let decimals, v[r].isFinite { return f.fixed(v[r], decimals: decimals) }
        case .text where !c.data.isNA(r): return flatten(c.text(at: r)).controlsEscaped
        default: break
        }
        return c.text(at: r, numbers: f)
    }

    /// One line: newlines and tabs become spaces.
    func flatten(_ s: String) -> String {
        guard s.contains(where: { $0.isNewline || $0 == "\t" }) else { return s }
        var out = ""
        var lastSpace = false
        for ch in s {
            if ch.isNewline || ch == "\t" {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(ch)
                lastSpace = ch == " "
            }
        }
        return out
    }

    func cut(_ s: String, _ width: Int) -> String {
        guard s.count > width else { return s }
        guard width > ellipsis.count else { return String(s.prefix(width)) }
        return String(s.prefix(width - ellipsis.count)) + ellipsis
    }

    /// The decimals a number column shows, the same on every row so that the points line up
    /// (as pandas and R print a column): the most any shown value needs at display precision,
    /// at most enough for 6 significant digits of the largest value, or the column's own `display`.
    /// Nil keeps each value's own format: whole numbers, and columns of very large or very small
    /// magnitudes.
    func columnDecimals(_ c: Column, rows: Int) -> Int? {
        if case .decimals(let d) = c.display { return d }
        guard case .number(let v) = c.data else { return nil }
        var maxAbs = 0.0
        var needed = 0
        var f = options.numbers
        f.groupSeparator = ""
        for r in 0..<min(rows, v.count) where v[r].isFinite {
            maxAbs = max(maxAbs, Swift.abs(v[r]))
            let text = f.string(v[r])
            if text.contains("e") { return nil }
            if let dot = text.firstIndex(of: ".") { needed = max(needed, text.distance(from: dot, to: text.endIndex) - 1) }
        }
        guard needed > 0, maxAbs < 1e15, maxAbs >= 1e-4 else { return nil }
        let integerDigits = maxAbs >= 1 ? String(Int64(maxAbs)).count : 0
        return min(needed, max(0, 6 - integerDigits), 6)
    }

    /// `… 12 more rows (.maxrows 0 or .last shows them)`: the rows left out and how to see them
    /// (the shell's commands).
    func rowsFooter(_ more: Int) -> String {
        "\(ellipsis) \(NumberFormat(ascii: ascii).string(Double(more))) more row\(more == 1 ? "" : "s") (.maxrows 0 or .last shows them)"
    }

    func isNumeric(_ c: Column) -> Bool {
        if case .number = c.data { return true }
        return false
    }

    func box() -> String {
        guard frame.columnCount > 0 else { return "(a frame with no columns)" }
        let (shown, more) = shownRows
        let headers = frame.columns.map(header)
        var cells = frame.columns.map { c in
            let decimals = columnDecimals(c, rows: shown)
            return (0..<shown).map { cell(c, $0, decimals: decimals) }
        }
        // Natural widths, text capped at 40 characters.
        var widths = frame.columns.indices.map { j in
            max(headers[j].count, cells[j].map(\.count).max() ?? 0, 1)
        }
        for j in widths.indices where !isNumeric(frame.columns[j]) { widths[j] = min(widths[j], 40) }
        // The narrowest each column may get: numbers keep their digits (headers may be cut),
        // text keeps 12 characters.
        let minimum = frame.columns.indices.map { j -> Int in
            let cellWidth = cells[j].map(\.count).max() ?? 0
            return isNumeric(frame.columns[j]) ? max(cellWidth, min(widths[j], 8)) : min(widths[j], 12)
        }
        func total(_ ws: some Collection<Int>) -> Int { ws.reduce(1) { $0 + $1 + 3 } }
        let budget = max(options.width, 20)
        // Keep the columns (from the left) that fit at their narrowest, then narrow the widest
        // columns one character at a time until the table fits.
        let fullWidth = total(widths)
        var kept = 0
        var used = 1
        while kept < widths.count && (kept == 0 || used + minimum[kept] + 3 <= budget) {
            used += minimum[kept] + 3
            kept += 1
        }
        let left = frame.columns.count - kept
        widths = Array(widths.prefix(kept))
        cells = Array(cells.prefix(kept))
        while total(widths) > budget {
            guard let j = widths.indices.filter({ widths[$0] > minimum[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[j] -= 1
        }

        let h = ascii ? "-" : "─", v = ascii ? "|" : "│"
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: h, count: $0 + 2) }.joined(separator: m) + r
        }
        func line(_ items: [String], numericAlignment: Bool) -> String {
            var parts: [String] = []
            for (j, item) in items.enumerated() {
                let text = cut(item, widths[j])
                let pad = String(repeating: " ", count: widths[j] - text.count)
                parts.append(numericAlignment && isNumeric(frame.columns[j]) ? pad + text : text + pad)
            }
            return v + " " + parts.joined(separator: " \(v) ") + " " + v
        }
        var lines: [String] = []
        lines.append(ascii ? rule("+", "+", "+") : rule("┌", "┬", "┐"))
        lines.append(line(Array(headers.prefix(kept)), numericAlignment: true))
        lines.append(ascii ? rule("+", "+", "+") : rule("├", "┼", "┤"))
        for r in 0..<shown { lines.append(line(cells.map { $0[r] }, numericAlignment: true)) }
        lines.append(ascii ? rule("+", "+", "+") : rule("└", "┴", "┘"))
        if frame.rowCount == 0 { lines.append("(0 rows)") }
        if more > 0 {
            lines.append(rowsFooter(more))
        }
        if left > 0 {
            // Every column left out is named (wrapped, never cut), with how to see it.
            let names = frame.columns.suffix(left).map(\.name.controlsEscaped).joined(separator: ", ")
            let text = "\(ellipsis) \(left) more column\(left == 1 ? "" : "s"): \(names) "
                + "(.width \(fullWidth) or --format csv shows them)"
            lines += Prose.wrap(text, width: budget, indent: 2)
        }
        return lines.joined(separator: "\n")
    }

    func markdown() -> String {
        guard frame.columnCount > 0 else { return "(a frame with no columns)" }
        let (shown, more) = shownRows
        func escape(_ s: String) -> String {
            var out = ""
            for ch in s { if ch == "|" { out += "\\|" } else { out.append(ch) } }
            return out
        }
        let decimals = frame.columns.map { columnDecimals($0, rows: shown) }
        var lines: [String] = []
        lines.append("| " + frame.columns.map { escape(header($0)) }.joined(separator: " | ") + " |")
        lines.append("|" + frame.columns.map { isNumeric($0) ? "---:|" : "---|" }.joined())
        for r in 0..<shown {
            lines.append("| " + zip(frame.columns, decimals).map { escape(cell($0, r, decimals: $1)) }.joined(separator: " | ") + " |")
        }
        if more > 0 {
            lines.append("")
            lines.append(rowsFooter(more))
        }
        return lines.joined(separator: "\n")
    }
}

