import Foundation
import PanoramaKit

/// A quantile regression as a value of the language (kind `qreg`): one coefficient table per τ
/// in the printout, DESIGN §4's JSON, `coef(m)` with one column per τ, `predict(m, data)`.
struct QuantileModelValue: LinearFitLine {
    let model: QuantileModel
    /// The formula's factors, kept to evaluate new data the same way (`predict`).
    let structure: FormulaStructure

    var kind: String { "qreg" }

    /// The column name of τ's estimates or predictions: `P50`, `P80`, `P97.5`.
    static func columnName(_ tau: Double) -> String { "P" + String(format: "%g", tau * 100) }

    func summary(_ options: RenderOptions) -> String {
        "qreg \(model.formula) · n = \(options.numbers.string(Double(model.observations))) · tau "
            + model.taus.map { String(format: "%g", $0) }.joined(separator: ", ")
    }

    func render(_ options: RenderOptions) -> String {
        if options.mode == .csv { return renderTable(coefficientFrame, options) }
        let m = model, markdown = options.mode == .markdown, ascii = options.charset == .ascii
        let width = max(options.width, 40)
        var out: [String] = []
        let title = (m.design.weights == nil ? "Quantile" : "Weighted quantile") + " regression: " + m.formula
        var facts = "\(options.numbers.string(Double(m.observations))) \(Prose.noun(m.observations, "observation"))"
        if m.design.droppedRows > 0 { facts += " (\(options.numbers.string(Double(m.design.droppedRows))) with na dropped)" }
        facts += (ascii ? " | " : " · ") + Prose.glued("df", "residual", "\(m.dfResidual)") + (ascii ? " | " : " · ")
            + Prose.glued("standard", "errors", m.options.standardErrors.rawValue)
        if markdown {
            out += ["**\(title)**", "", facts, ""]
        } else {
            out += RegressionSummary.wrap(title, width: width, indent: 2) + RegressionSummary.wrap(facts, width: width, indent: 2)
            out.append(String(repeating: ascii ? "=" : "═", count: min(width, 100)))
        }
        let header = ["", "estimate", "std. error", "t", "P>|t|", "", "2.5 %", "97.5 %"]
        for k in m.taus.indices {
            let ci = m.confidenceIntervals(k), t = m.tValues(k), p = m.pValues(k)
            let rows = m.design.columnNames.indices.map { j in
                [m.design.columnNames[j], RegressionSummary.number(m.coefficients[k][j]),
                 RegressionSummary.number(m.standardErrors[k][j]), RegressionSummary.number(t[j], digits: 4),
                 RegressionSummary.pValue(p[j]), RegressionSummary.stars(p[j]),
                 RegressionSummary.number(ci[j].low), RegressionSummary.number(ci[j].high)]
            }
            let objective = "tau = \(String(format: "%g", m.taus[k]))   (objective \(RegressionSummary.number(m.objectives[k], digits: 6)))"
            out.append(markdown ? "*\(objective)*" : objective)
            if markdown { out.append("") }
            out += RegressionSummary.coefficientTable(header: header, rows: rows, width: width, markdown: markdown,
                                                      rule: ascii ? "-" : "─")
            out.append("")
        }
        out += RegressionSummary.wrap("Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
                                      width: markdown ? Int.max : width, indent: 15)
        out += ["", "Notes:"]
        for (i, note) in m.notes.enumerated() {
            let prefix = markdown ? "\(i + 1). " : "[\(i + 1)] "
            let text = ascii ? note.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "±", with: "+/-") : note
            out += RegressionSummary.wrap(prefix + text, width: markdown ? Int.max : width, indent: prefix.count)
        }
        return out.joined(separator: "\n")
    }

    func json(_ options: RenderOptions) -> JSON {
        let m = model
        var rows: [JSON] = []
        for k in m.taus.indices {
            let ci = m.confidenceIntervals(k), t = m.tValues(k), p = m.pValues(k)
            for (j, name) in m.design.columnNames.enumerated() {
                rows.append(.object([("term", .string(name)), ("tau", .number(m.taus[k])),
                                     ("estimate", .finite(m.coefficients[k][j])), ("std_error", .finite(m.standardErrors[k][j])),
                                     ("t", .finite(t[j])), ("p", .finite(p[j])),
                                     ("ci_low", .finite(ci[j].low)), ("ci_high", .finite(ci[j].high))]))
            }
        }
        return .object([
            ("kind", .string("qreg")), ("formula", .string(m.formula)), ("n", .number(Double(m.observations))),
            ("df_residual", .number(Double(m.dfResidual))), ("taus", .array(m.taus.map { .number($0) })),
            ("coefficients", .array(rows)), ("se_method", .string(m.options.standardErrors.rawValue)),
            ("objective", .array(m.objectives.map { .finite($0) })),
            ("non_unique", .array(m.nonUnique.map { .bool($0) })),
            ("notes", .array(m.notes.map { .string($0) })),
        ])
    }

    /// One row per term per τ: term, tau, estimate, std_error, t, p, ci_low, ci_high.
    var coefficientFrame: Frame {
        let m = model
        var term: [String?] = [], tau: [Double] = [], est: [Double] = [], se: [Double] = []
        var t: [Double] = [], p: [Double] = [], low: [Double] = [], high: [Double] = []
        for k in m.taus.indices {
            let ci = m.confidenceIntervals(k)
            term += m.design.columnNames.map { Optional($0) }
            tau += m.design.columnNames.map { _ in m.taus[k] }
            est += m.coefficients[k]
            se += m.standardErrors[k]
            t += m.tValues(k)
            p += m.pValues(k)
            low += ci.map(\.low)
            high += ci.map(\.high)
        }
        return Frame(columns: [
            Column(name: "term", .text(Categorical(term))), Column(name: "tau", .number(tau)),
            Column(name: "estimate", .number(est)), Column(name: "std_error", label: "std. error", .number(se)),
            Column(name: "t", .number(t)), Column(name: "p", label: "P>|t|", .number(p)),
            Column(name: "ci_low", label: "2.5 %", .number(low)), Column(name: "ci_high", label: "97.5 %", .number(high)),
        ])
    }

    /// `coef(m)`: term and one column of estimates per τ (`P50`, `P80`, …).
    var coefficientColumns: Frame {
        Frame(columns: [Column(name: "term", .text(Categorical(model.design.columnNames.map { Optional($0) })))]
              + model.taus.indices.map { Column(name: Self.columnName(model.taus[$0]), .number(model.coefficients[$0])) })
    }

    var tableView: Frame? { coefficientFrame }

    /// `confint(m, level)`: term, tau and the Wald interval at `level`.
    func intervals(level: Double) -> Frame {
        var term: [String?] = [], tau: [Double] = [], low: [Double] = [], high: [Double] = []
        for k in model.taus.indices {
            let ci = model.confidenceIntervals(k, level: level)
            term += model.design.columnNames.map { Optional($0) }
            tau += ci.map { _ in model.taus[k] }
            low += ci.map(\.low)
            high += ci.map(\.high)
        }
        return Frame(columns: [
            Column(name: "term", .text(Categorical(term))), Column(name: "tau", .number(tau)),
            Column(name: "lower", label: RegressionSummary.percentLabel((1 - level) / 2), .number(low)),
            Column(name: "upper", label: RegressionSummary.percentLabel((1 + level) / 2), .number(high)),
        ])
    }

    /// Values per τ (residuals, fitted values): a vector for one τ, else one column per τ.
    func perTau(_ values: [[Double]], _ name: String) throws -> Value {
        if values.count == 1 { return .vector(Column(name: name, .number(values[0]))) }
        return .frame(Frame(columns: model.taus.indices.map { Column(name: Self.columnName(model.taus[$0]), .number(values[$0])) }))
    }

    /// One line per τ when the model is `y ~ x` (an intercept and one numeric predictor).
    var fittedLine: (intercept: Double, slope: Double)? { fittedLines?.first.map { ($0.intercept, $0.slope) } }

    var fittedLines: [(label: String, intercept: Double, slope: Double)]? {
        let coding = model.design.coding
        guard coding.intercept, coding.terms.count == 1, coding.terms[0].factors.count == 1,
              case .numeric = coding.factors[coding.terms[0].factors[0]],
              model.coefficients.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isFinite) }) else { return nil }
        return model.taus.indices.map { ("tau \(String(format: "%g", model.taus[$0]))", model.coefficients[$0][0], model.coefficients[$0][1]) }
    }

    static let members = ["coefficients", "formula", "n", "df_residual", "taus", "se_method", "objective", "non_unique",
                          "residuals", "notes"]
    var memberNames: [String] { Self.members }

    func member(_ name: String) -> Value? {
        let m = model
        switch name {
        case "coefficients": return .frame(coefficientColumns)
        case "formula": return .string(m.formula)
        case "n": return .number(Double(m.observations))
        case "df_residual": return .number(Double(m.dfResidual))
        case "taus": return .vector(Column(name: "taus", .number(m.taus)))
        case "se_method": return .string(m.options.standardErrors.rawValue)
        case "objective": return .vector(Column(name: "objective", .number(m.objectives)))
        case "non_unique": return .vector(Column(name: "non_unique", .number(m.nonUnique.map { $0 ? 1 : 0 })))
        case "residuals":
            guard let r = try? m.taus.indices.map({ try m.residuals($0) }) else { return nil }
            return try? perTau(r, "residuals")
        case "notes": return .vector(Column(name: "notes", .text(Categorical(m.notes.map { Optional($0) }))))
        default: return nil
        }
    }
}
