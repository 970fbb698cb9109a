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
        let markdown = options.mode == .markdown
        // ASCII terminals: the summary's own glyphs become plain characters.
        let ascii = options.charset == .ascii
        func text(_ s: String) -> String {
            ascii ? s.replacingOccurrences(of: "²", with: "^2").replacingOccurrences(of: "–", with: "-")
                .replacingOccurrences(of: "·", with: "|") : s
        }
        let width = max(options.width, 40)
        let heavy = ascii ? "=" : "═", light = ascii ? "-" : "─"
        let grouping = options.numbers
        var out: [String] = []

        // Header.
        let title = (m.design.weights == nil ? "OLS" : "WLS") + " regression: " + m.formula
        let n = grouping.string(Double(m.observations))
        var facts = "\(n) \(Prose.noun(m.observations, "observation"))"
        if m.design.droppedRows > 0 { facts += " (\(grouping.string(Double(m.design.droppedRows))) with na dropped)" }
        facts += text(" · " + Prose.glued("df", "model", "\(m.dfModel),") + " " + Prose.glued("residual", "\(m.dfResidual)")
                      + " · " + Prose.glued("covariance", m.covarianceType.rawValue))
        if markdown {
            out.append("**\(title)**")
            out.append("")
            out.append(contentsOf: wrap(facts, width: Int.max, indent: 0))
            out.append("")
        } else {
            out.append(contentsOf: wrap(title, width: width, indent: 2))
            out.append(contentsOf: wrap(facts, width: width, indent: 2))
            out.append(String(repeating: heavy, count: min(width, 100)))
        }

        // Coefficient table.
        let ci = m.confidenceIntervals()
        let aliased = Set(m.solution.aliased)
        var rows: [[String]] = []
        for j in m.design.columnNames.indices {
            let name = m.design.columnNames[j]
            if aliased.contains(j) {
                rows.append([name, "aliased", "", "", "", "", "", ""])
                continue
            }
            rows.append([name, number(m.coefficients[j]), number(m.standardErrors[j]), number(m.tValues[j], digits: 4),
                         pValue(m.pValues[j]), stars(m.pValues[j]), number(ci[j].low), number(ci[j].high)])
        }
        let header = ["", "estimate", "std. error", "t", "P>|t|", "", "2.5 %", "97.5 %"]
        out.append(contentsOf: coefficientTable(header: header, rows: rows, width: width, markdown: markdown, rule: light))
        out.append(markdown ? "" : String(repeating: light, count: min(width, 100)))
        out.append(contentsOf: wrap("Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
                                    width: markdown ? Int.max : width, indent: 15))
        out.append("")

        // Fit statistics.
        let r2Label = m.hasIntercept ? "R²" : "R² (uncentred)"
        let adjLabel = m.hasIntercept ? "Adj. R²" : "Adj. R² (uncentred)"
        let stats: [(String, String)] = [
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
        ].map { (text($0.0), $0.1) }
        if markdown {
            out.append("| statistic | value | statistic | value |")
            out.append("|---|--:|---|--:|")
            for k in stride(from: 0, to: stats.count, by: 2) {
                let right = k + 1 < stats.count ? stats[k + 1] : ("", "")
                out.append("| \(stats[k].0) | \(stats[k].1) | \(right.0) | \(right.1) |")
            }
        } else {
            let labelWidth = stats.map { $0.0.count }.max()!
            let valueWidth = stats.map { $0.1.count }.max()!
            let cell = labelWidth + 1 + valueWidth
            let perLine = max(1, min(3, (width + 3) / (cell + 3)))
            for k in stride(from: 0, to: stats.count, by: perLine) {
                let cells = stats[k..<min(k + perLine, stats.count)].map { pad($0.0, labelWidth) + " " + pad($0.1, valueWidth, right: true) }
                out.append(cells.joined(separator: "   "))
            }
        }

        // Notes.
        out.append("")
        out.append(markdown ? "Notes:" : "Notes:")
        for (i, note) in m.notes.enumerated() {
            let prefix = markdown ? "\(i + 1). " : "[\(i + 1)] "
            out.append(contentsOf: wrap(prefix + text(note), width: markdown ? Int.max : width, indent: prefix.count))
        }
        return out.joined(separator: "\n")
    }

    /// The coefficient rows, dropping the interval columns and then shortening term names
    /// until the table fits the width.
    static func coefficientTable(header: [String], rows: [[String]], width: Int, markdown: Bool, rule: String) -> [String] {
        if markdown {
            var lines = ["| term | " + header.dropFirst().map { h in h.isEmpty ? " " : h.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"]
            lines.append("|---|" + header.indices.dropFirst().map { c in c == 5 ? ":-" : "--:" }.joined(separator: "|") + "|")
            for r in rows {
                lines.append("| " + r.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
            }
            return lines
        }
        return fittedTable(header: header, rows: rows, width: width, right: [1, 2, 3, 4, 6, 7], droppable: [6, 7])
    }

    /// An aligned table whose first column holds term names, fitted to `width`: term names are
    /// shortened (keeping their end) down to 18 characters; if that is not enough, the
    /// `droppable` columns are left out and names shortened down to 8.
    static func fittedTable(header: [String], rows: [[String]], width: Int, right: Set<Int>, droppable: [Int]) -> [String] {
        var columns = Array(0..<header.count)
        func widths(_ cols: [Int]) -> [Int] {
            cols.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max()! }
        }
        func total(_ cols: [Int]) -> Int { widths(cols).reduce(0, +) + 2 * (cols.count - 1) }
        func fitted(_ cols: [Int], minimum: Int) -> Int? {
            let excess = total(cols) - width
            if excess <= 0 { return widths(cols)[0] }
            let w = widths(cols)[0] - excess
            return w >= minimum ? w : nil
        }
        let nameWidth: Int
        if let w = fitted(columns, minimum: 18) {
            nameWidth = w
        } else {
            columns.removeAll { droppable.contains($0) }
            nameWidth = fitted(columns, minimum: 8) ?? 8
        }
        func cell(_ text: String, _ c: Int, _ w: Int) -> String {
            var t = text
            if c == 0 && t.count > w { t = shorten(t, to: w) }
            return pad(t, w, right: right.contains(c))
        }
        var w = widths(columns)
        w[0] = nameWidth
        var lines = [zip(columns, w).map { cell(header[$0], $0, $1) }.joined(separator: "  ")]
        for r in rows {
            lines.append(zip(columns, w).map { cell(r[$0], $0, $1) }.joined(separator: "  "))
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }

    /// A small aligned table of a frame (bootstrap results), numbers right-aligned, fitted to
    /// the width like the coefficient table (the `dropping` columns go first).
    static func table(_ frame: Frame, _ options: RenderOptions, dropping droppable: [String] = []) -> String {
        let header = frame.columns.map(\.label)
        let rows: [[String]] = (0..<frame.rowCount).map { r in
            frame.columns.map { c in
                switch c.data {
                case .number(let v): return number(v[r])
                case .text(let t): return t[r] ?? "na"
                default: return Display.element(c, r, options)
                }
            }
        }
        if options.mode == .markdown {
            var lines = ["| " + header.joined(separator: " | ") + " |",
                         "|" + header.indices.map { $0 == 0 ? "---" : "--:" }.joined(separator: "|") + "|"]
            for r in rows { lines.append("| " + r.joined(separator: " | ") + " |") }
            return lines.joined(separator: "\n")
        }
        let drop = frame.columns.indices.filter { droppable.contains(frame.columns[$0].name) }
        return fittedTable(header: header, rows: rows, width: max(options.width, 40), right: Set(header.indices.dropFirst()),
                           droppable: drop).joined(separator: "\n")
    }

    /// A term name cut to `w` characters keeping its end (the level of a dummy tells terms
    /// apart): `C(phase, ref="Intérieur")[T.Déploiement]` → `…ur")[T.Déploiement]`.
    static func shorten(_ name: String, to w: Int) -> String {
        guard name.count > w, w > 1 else { return name }
        if let bracket = name.lastIndex(of: "["), name.distance(from: bracket, to: name.endIndex) < w - 1 {
            let tail = String(name[bracket...])
            let head = w - 1 - tail.count
            return String(name.prefix(head)) + "…" + tail
        }
        return String(name.prefix(w - 1)) + "…"
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
