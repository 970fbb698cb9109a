import Foundation
import PanoramaKit

/// The printed summary of a linear model: statsmodels' header and diagnostics with R's
/// coefficient table (significance stars, confidence intervals) and numbered notes, fitted to
/// `options.width`. Markdown mode prints the same content as Markdown tables and a list.
enum RegressionSummary {
    /// A number with `digits` significant digits, `na` for NaN, plain (no grouping).
    static func number(_ x: Double, digits: Int = 5) -> String {
        if x.isNaN { return "na" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if x == x.rounded() && magnitude < 1e9 { return String(Int(x)) }
        if magnitude >= 1e9 || magnitude < 1e-4 {
            return String(format: "%.\(max(digits - 2, 1))e", x)
        }
        let exponent = Int(floor(log10(magnitude)))
        let decimals = max(0, digits - 1 - exponent)
        return String(format: "%.\(decimals)f", x)
    }

    /// R's way of printing p-values: `<2e-16`, `3.1e-05`, `0.0123`, `0.93`.
    static func pValue(_ p: Double) -> String {
        if p.isNaN { return "na" }
        if p < 2.2e-16 { return "<2e-16" }
        if p < 1e-4 { return String(format: "%.1e", p) }
        return String(format: "%.3g", p)
    }

    static func stars(_ p: Double) -> String {
        if p.isNaN { return "" }
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        if p < 0.1 { return "." }
        return ""
    }

    /// `2.5 %`, `97.5 %`, `95 %`.
    static func percentLabel(_ p: Double) -> String {
        let v = p * 100
        return (v == v.rounded() ? String(Int(v)) : String(format: "%g", v)) + " %"
    }

    static func render(_ m: LinearModel, _ options: RenderOptions) -> String {
        let layout = Layout(options)
        let grouping = options.numbers
        // Header.
        let title = (m.design.weights == nil ? "OLS" : "WLS") + " regression: " + m.formula
        let n = grouping.string(Double(m.observations))
        var facts = "\(n) \(Prose.noun(m.observations, "observation"))"
        if m.design.droppedRows > 0 { facts += " (\(grouping.string(Double(m.design.droppedRows))) with na dropped)" }
        if m.design.zeroWeightRows > 0 { facts += " (\(grouping.string(Double(m.design.zeroWeightRows))) with weight 0 left out)" }
        facts += " · " + Prose.glued("df", "model", "\(m.dfModel),") + " " + Prose.glued("residual", "\(m.dfResidual)")
            + " · " + Prose.glued("covariance", m.covarianceType.rawValue)
        var out = layout.heading(title, facts)

        // Coefficient table.
        let ci = m.confidenceIntervals()
        out += layout.coefficients(names: m.design.columnNames, aliased: Set(m.solution.aliased), statistic: "t",
                                   estimates: m.coefficients, errors: m.standardErrors, statistics: m.tValues,
                                   pValues: m.pValues, intervals: ci)

        // Fit statistics.
        let r2Label = m.centred ? "R²" : "R² (uncentred)"
        let adjLabel = m.centred ? "Adj. R²" : "Adj. R² (uncentred)"
        out += layout.statistics([
            (r2Label, number(m.rSquared, digits: 4)),
            (adjLabel, number(m.adjustedRSquared, digits: 4)),
            ("Residual SE", number(m.sigma, digits: 4)),
            ("F(\(m.dfModel), \(m.dfResidual))", number(m.fStatistic, digits: 4)),
            ("Prob (F)", pValue(m.fPValue)),
            ("Log-likelihood", number(m.logLikelihood, digits: 5)),
            ("AIC", number(m.aic, digits: 5)),
            ("BIC", number(m.bic, digits: 5)),
            ("Durbin–Watson", number(m.durbinWatson, digits: 4)),
            ("Jarque–Bera", number(m.jarqueBera, digits: 4)),
            ("Prob (JB)", pValue(m.jarqueBeraPValue)),
            ("Skew", number(m.skew, digits: 3)),
            ("Kurtosis", number(m.kurtosis, digits: 3)),
            ("Cond. no.", number(m.conditionNumber, digits: 3)),
        ])
        out += layout.notes(m.notes)
        return out.joined(separator: "\n")
    }

    /// The parts of a model summary (header, coefficient table, statistics, notes) in one
    /// output mode and width: shared by `ols` and `glm`.
    struct Layout {
        let markdown: Bool
        let ascii: Bool
        let width: Int
        let heavy: String, light: String

        init(_ options: RenderOptions) {
            markdown = options.mode == .markdown
            // ASCII terminals: the summary's own glyphs become plain characters.
            ascii = options.charset == .ascii
            width = max(options.width, 40)
            heavy = ascii ? "=" : "═"
            light = ascii ? "-" : "─"
        }

        func text(_ s: String) -> String {
            ascii ? s.replacingOccurrences(of: "²", with: "^2").replacingOccurrences(of: "–", with: "-")
                .replacingOccurrences(of: "·", with: "|") : s
        }

        /// The title and facts lines, then a heavy rule.
        func heading(_ title: String, _ facts: String) -> [String] {
            if markdown { return ["**\(title)**", ""] + wrap(text(facts), width: Int.max, indent: 0) + [""] }
            return wrap(title, width: width, indent: 2) + wrap(text(facts), width: width, indent: 2)
                + [String(repeating: heavy, count: min(width, 100))]
        }

        /// The coefficient table (estimate, error, statistic, p, stars, interval), a rule and
        /// the significance codes.
        func coefficients(names: [String], aliased: Set<Int>, statistic: String, estimates: [Double], errors: [Double],
                          statistics: [Double], pValues: [Double], intervals: [(low: Double, high: Double)]) -> [String] {
            var rows: [[String]] = []
            for j in names.indices {
                if aliased.contains(j) {
                    rows.append([names[j], "aliased", "", "", "", "", "", ""])
                    continue
                }
                rows.append([names[j], number(estimates[j]), number(errors[j]), number(statistics[j], digits: 4),
                             pValue(pValues[j]), stars(pValues[j]), number(intervals[j].low), number(intervals[j].high)])
            }
            let header = ["", "estimate", "std. error", statistic, "P>|\(statistic)|", "", "2.5 %", "97.5 %"]
            var out = coefficientTable(header: header, rows: rows, width: width, markdown: markdown, rule: light)
            out.append(markdown ? "" : String(repeating: light, count: min(width, 100)))
            out += wrap("Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
                        width: markdown ? Int.max : width, indent: 15)
            out.append("")
            return out
        }

        /// Label–value pairs, up to three a line (a two-pair Markdown table).
        func statistics(_ pairs: [(String, String)]) -> [String] {
            let stats = pairs.map { (text($0.0), $0.1) }
            var out: [String] = []
            if markdown {
                out.append("| statistic | value | statistic | value |")
                out.append("|---|--:|---|--:|")
                for k in stride(from: 0, to: stats.count, by: 2) {
                    let right = k + 1 < stats.count ? stats[k + 1] : ("", "")
                    out.append("| \(stats[k].0) | \(stats[k].1) | \(right.0) | \(right.1) |")
                }
                return out
            }
            let labelWidth = stats.map { $0.0.count }.max() ?? 0
            let valueWidth = stats.map { $0.1.count }.max() ?? 0
            let cell = labelWidth + 1 + valueWidth
            let perLine = max(1, min(3, (width + 3) / (cell + 3)))
            for k in stride(from: 0, to: stats.count, by: perLine) {
                let cells = stats[k..<min(k + perLine, stats.count)].map { pad($0.0, labelWidth) + " " + pad($0.1, valueWidth, right: true) }
                out.append(cells.joined(separator: "   "))
            }
            return out
        }

        /// A blank line, `Notes:` and the numbered notes.
        func notes(_ notes: [String]) -> [String] {
            var out = ["", "Notes:"]
            for (i, note) in notes.enumerated() {
                let prefix = markdown ? "\(i + 1). " : "[\(i + 1)] "
                out += wrap(prefix + text(note), width: markdown ? Int.max : width, indent: prefix.count)
            }
            return out
        }
    }

    /// The coefficient rows, fitted to the width without losing a column (see `fittedTable`).
    static func coefficientTable(header: [String], rows: [[String]], width: Int, markdown: Bool, rule: String) -> [String] {
        if markdown {
            var lines = ["| term | " + header.dropFirst().map { h in h.isEmpty ? " " : h.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"]
            lines.append("|---|" + header.indices.dropFirst().map { c in c == 5 ? ":-" : "--:" }.joined(separator: "|") + "|")
            for r in rows {
                lines.append("| " + r.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
            }
            return lines
        }
        // P>|t| keeps its stars and the interval its two ends; the interval moves to a second block first.
        return fittedTable(header: header, rows: rows, width: width, right: [1, 2, 3, 4, 6, 7],
                           groups: [[1], [2], [3], [4, 5], [6, 7]], secondary: [6, 7])
    }

    /// An aligned table whose first column holds term names, fitted to `width` without losing a
    /// column: names get the room the primary columns leave (at least 18 characters, shortened
    /// readably by `shorten`), and the column `groups` that do not fit beside them continue in
    /// further blocks below, each repeating the names — as R prints a matrix too wide for the
    /// console. A block is separated from the next by a blank line.
    static func fittedTable(header: [String], rows: [[String]], width: Int, right: Set<Int>,
                            groups: [[Int]], secondary: Set<Int> = []) -> [String] {
        func columnWidth(_ c: Int) -> Int { ([header[c]] + rows.map { $0[c] }).map(\.count).max()! }
        func groupWidth(_ g: [Int]) -> Int { g.map(columnWidth).reduce(0, +) + 2 * g.count }
        let longest = columnWidth(0)
        let primary = groups.filter { !$0.allSatisfy(secondary.contains) }.map(groupWidth).reduce(0, +)
        let room = min(longest, max(18, width - primary))
        let nameWidth = ([header[0]] + rows.map { $0[0] }).map { shorten($0, to: room).count }.max()!
        // Pack the groups into blocks, left to right; each block holds at least one group.
        var blocks: [[Int]] = [[]]
        var used = nameWidth
        for g in groups {
            if !blocks[blocks.count - 1].isEmpty && used + groupWidth(g) > width {
                blocks.append([])
                used = nameWidth
            }
            blocks[blocks.count - 1] += g
            used += groupWidth(g)
        }
        func cell(_ text: String, _ c: Int, _ w: Int) -> String {
            pad(c == 0 && text.count > w ? shorten(text, to: w) : text, w, right: right.contains(c))
        }
        var lines: [String] = []
        for (b, block) in blocks.enumerated() {
            if b > 0 { lines.append("") }
            let columns = [0] + block
            let w = [nameWidth] + block.map(columnWidth)
            lines.append(zip(columns, w).map { cell(header[$0], $0, $1) }.joined(separator: "  "))
            for r in rows { lines.append(zip(columns, w).map { cell(r[$0], $0, $1) }.joined(separator: "  ")) }
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }

    /// A small aligned table of a frame (bootstrap results), numbers right-aligned, fitted to
    /// the width like the coefficient table (the `secondary` columns move to a later block first).
    static func table(_ frame: Frame, _ options: RenderOptions, secondary: [String] = []) -> String {
        let header = frame.columns.map(\.label)
        let rows: [[String]] = (0..<frame.rowCount).map { r in
            frame.columns.map { c in
                if case .number(let v) = c.data { return number(v[r]) }
                return c.text(at: r, numbers: options.numbers)
            }
        }
        if options.mode == .markdown {
            var lines = ["| " + header.joined(separator: " | ") + " |",
                         "|" + header.indices.map { $0 == 0 ? "---" : "--:" }.joined(separator: "|") + "|"]
            for r in rows { lines.append("| " + r.joined(separator: " | ") + " |") }
            return lines.joined(separator: "\n")
        }
        let later = Set(frame.columns.indices.filter { secondary.contains(frame.columns[$0].name) })
        return fittedTable(header: header, rows: rows, width: max(options.width, 40), right: Set(header.indices.dropFirst()),
                           groups: header.indices.dropFirst().map { [$0] }, secondary: later).joined(separator: "\n")
    }

    /// A term name fitted to `w` characters keeping the variable and the level readable: a
    /// `C(…)` term drops its options first (the reference level is in the formula above), then
    /// the level and the variable lose their middles, never their ends:
    /// `C(phase, ref="design_build")[T.completed]` → `C(phase, …)[T.completed]` → `C(phase, …)[T.com…ted]`;
    /// `phase[T.design_build]` in 18 → `phase[T.desi…uild]`.
    static func shorten(_ name: String, to w: Int) -> String {
        guard name.count > w, w > 1 else { return name }
        // `head[T.level]`: `open` is `[T.` (or `[`), kept whole like the closing `]`.
        var head = name, open = "", level = ""
        if name.hasSuffix("]"), let bracket = name.lastIndex(of: "[") {
            head = String(name[..<bracket])
            level = String(name[name.index(after: bracket)..<name.index(before: name.endIndex)])
            open = level.hasPrefix("T.") ? "[T." : "["
            level = String(level.dropFirst(open.count - 1))
        }
        if head.hasPrefix("C("), head.hasSuffix(")"), let comma = head.firstIndex(of: ",") {
            head = String(head[..<comma]) + ", …)"
        }
        func joined() -> String { open.isEmpty ? head : head + open + level + "]" }
        if joined().count <= w { return joined() }
        if !open.isEmpty { level = middleCut(level, to: max(5, w - head.count - open.count - 1)) }
        if joined().count <= w { return joined() }
        head = middleCut(head, to: max(5, w - (open.isEmpty ? 0 : open.count + level.count + 1)))
        let text = joined()
        return text.count <= w ? text : String(text.prefix(w - 1)) + "…"
    }

    /// `s` in `n` characters: its start and end around a `…` (`design_build`, 7 → `des…ild`).
    static func middleCut(_ s: String, to n: Int) -> String {
        guard s.count > n, n >= 3 else { return s }
        let keep = n - 1
        return String(s.prefix((keep + 1) / 2)) + "…" + String(s.suffix(keep / 2))
    }

    static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        let n = s.count
        guard n < w else { return s }
        let fill = String(repeating: " ", count: w - n)
        return right ? fill + s : s + fill
    }

    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        Prose.wrap(text, width: width, indent: indent)
    }
}
