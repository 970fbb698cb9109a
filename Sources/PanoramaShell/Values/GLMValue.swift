import PanoramaKit

/// A fitted generalized linear model as a value of the language (kind `model`).
///
/// Prints as R's `summary.glm` (z tests, null and residual deviance with their degrees of
/// freedom, AIC, Fisher scoring iterations) in the layout of the `ols` summary, renders as
/// DESIGN §4's glm JSON, and answers members: `m.deviance`, `m.aic`, `m.coefficients`, ….
struct GLMValue: ObjectValue {
    let model: GeneralizedLinearModel
    /// The formula's factors, kept to evaluate new data the same way (`predict`).
    let structure: FormulaStructure
    /// The offset expression as written, evaluated again on new data (`predict`).
    let offsetExpression: Expr?

    var kind: String { "model" }

    /// `binomial (logit)`.
    var familyName: String { "\(model.family.rawValue) (\(model.link.rawValue))" }

    func summary(_ options: RenderOptions) -> String {
        "glm \(familyName) \(model.formula) · n = \(options.numbers.string(Double(model.observations))) · deviance = "
            + RegressionSummary.number(model.deviance, digits: 5)
            + (model.aliasedColumns.isEmpty ? "" : " · \(model.aliasedColumns.count) aliased")
    }

    func render(_ options: RenderOptions) -> String {
        if options.mode == .csv { return renderTable(coefficientFrame, options) }
        let m = model
        let layout = RegressionSummary.Layout(options)
        let grouping = options.numbers
        var facts = "\(grouping.string(Double(m.observations))) \(Prose.noun(m.observations, "observation"))"
        if m.design.droppedRows > 0 { facts += " (\(grouping.string(Double(m.design.droppedRows))) with na dropped)" }
        facts += " · " + Prose.glued("df", "null", "\(m.dfNull),") + " " + Prose.glued("residual", "\(m.dfResidual)")
            + " · " + Prose.glued("covariance", m.covarianceType.rawValue)
        var out = layout.heading("GLM \(familyName): \(m.formula)", facts)
        out += layout.coefficients(names: m.design.columnNames, aliased: Set(m.solution.aliased), statistic: "z",
                                   estimates: m.coefficients, errors: m.standardErrors, statistics: m.zValues,
                                   pValues: m.pValues, intervals: m.confidenceIntervals())
        let number = RegressionSummary.number
        out += layout.statistics([
            ("Null deviance", number(m.nullDeviance, 6) + " on \(m.dfNull) df"),
            ("Residual deviance", number(m.deviance, 6) + " on \(m.dfResidual) df"),
            ("Log-likelihood", number(m.logLikelihood, 6)),
            ("AIC", number(m.aic, 6)),
            ("BIC", number(m.bic, 6)),
            ("Fisher scoring iterations", String(m.iterations)),
        ])
        out += layout.notes(m.notes)
        return out.joined(separator: "\n")
    }

    func json(_ options: RenderOptions) -> JSON {
        let m = model
        let rows = ModelValue.coefficientRows(names: m.design.columnNames, aliased: Set(m.solution.aliased), statistic: "z",
                                              estimates: m.coefficients, errors: m.standardErrors, statistics: m.zValues,
                                              pValues: m.pValues, intervals: m.confidenceIntervals())
        return .object([
            ("kind", .string("glm")), ("formula", .string(m.formula)),
            ("family", .string(m.family.rawValue)), ("link", .string(m.link.rawValue)),
            ("n", .number(Double(m.observations))), ("df_null", .number(Double(m.dfNull))),
            ("df_residual", .number(Double(m.dfResidual))), ("coefficients", .array(rows)),
            ("deviance", .finite(m.deviance)), ("null_deviance", .finite(m.nullDeviance)),
            ("log_likelihood", .finite(m.logLikelihood)), ("aic", .finite(m.aic)), ("bic", .finite(m.bic)),
            ("iterations", .number(Double(m.iterations))), ("covariance", .string(m.covarianceType.rawValue)),
            ("notes", .array(m.notes.map { .string($0) })),
        ])
    }

    /// The coefficient table: term, estimate, std_error, z, p, ci_low, ci_high (na when aliased).
    var coefficientFrame: Frame {
        let m = model
        let ci = m.confidenceIntervals()
        func col(_ name: String, _ label: String, _ v: [Double]) -> Column { Column(name: name, label: label, .number(v)) }
        return Frame(columns: [
            Column(name: "term", .text(Categorical(m.design.columnNames.map { Optional($0) }))),
            col("estimate", "estimate", m.coefficients), col("std_error", "std. error", m.standardErrors),
            col("z", "z", m.zValues), col("p", "P>|z|", m.pValues),
            col("ci_low", "2.5 %", ci.map(\.low)), col("ci_high", "97.5 %", ci.map(\.high)),
        ])
    }

    var tableView: Frame? { coefficientFrame }

    /// Deviance residuals sign(y − μ̂) √dᵢ, R's default `residuals(glm)`.
    var devianceResiduals: [Double] {
        let m = model
        return m.fitted.indices.map { i in
            let y = m.design.response[i], mu = m.fitted[i]
            let d = max(m.family.deviance(y, mu, weight: m.design.weights?[i] ?? 1), 0).squareRoot()
            return y >= mu ? d : -d
        }
    }

    static let members = ["coefficients", "formula", "family", "link", "n", "df_null", "df_residual", "deviance",
                          "null_deviance", "log_likelihood", "aic", "bic", "iterations", "covariance", "residuals",
                          "fitted", "linear_predictor", "notes", "aliased"]
    var memberNames: [String] { GLMValue.members }

    func member(_ name: String) -> Value? {
        let m = model
        func number(_ x: Double) -> Value { x.isNaN ? .na : .number(x) }
        func vector(_ name: String, _ v: [Double]) -> Value { .vector(Column(name: name, .number(v))) }
        switch name {
        case "coefficients": return .frame(coefficientFrame)
        case "formula": return .string(m.formula)
        case "family": return .string(m.family.rawValue)
        case "link": return .string(m.link.rawValue)
        case "n": return .number(Double(m.observations))
        case "df_null": return .number(Double(m.dfNull))
        case "df_residual": return .number(Double(m.dfResidual))
        case "deviance": return number(m.deviance)
        case "null_deviance": return number(m.nullDeviance)
        case "log_likelihood": return number(m.logLikelihood)
        case "aic": return number(m.aic)
        case "bic": return number(m.bic)
        case "iterations": return .number(Double(m.iterations))
        case "covariance": return .string(m.covarianceType.rawValue)
        case "residuals": return vector("residuals", devianceResiduals)
        case "fitted": return vector("fitted", m.fitted)
        case "linear_predictor": return vector("linear_predictor", m.linearPredictor)
        case "notes": return .vector(Column(name: "notes", .text(Categorical(m.notes.map { Optional($0) }))))
        case "aliased": return .vector(Column(name: "aliased", .text(Categorical(m.aliasedColumns.map { Optional($0) }))))
        default: return nil
        }
    }
}
