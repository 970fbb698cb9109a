import PanoramaKit

/// A fitted linear model as a value of the language (kind `model`).
///
/// Prints as a statsmodels/R-style summary, renders as DESIGN §4's JSON, and answers members:
/// `m.r_squared`, `m.coefficients` (a frame), `m.residuals`, ….
struct ModelValue: LinearFitLine {
    let model: LinearModel
    /// The formula's factors, kept to evaluate new data the same way (`predict`).
    let structure: FormulaStructure

    var kind: String { "model" }

    func summary(_ options: RenderOptions) -> String {
        let f = options.numbers
        return "ols \(model.formula) · n = \(f.string(Double(model.observations))) · R² = "
            + RegressionSummary.number(model.rSquared, digits: 4)
            + (model.aliasedColumns.isEmpty ? "" : " · \(model.aliasedColumns.count) aliased")
    }

    func render(_ options: RenderOptions) -> String {
        options.mode == .csv ? renderTable(coefficientFrame, options) : RegressionSummary.render(model, options)
    }

    func json(_ options: RenderOptions) -> JSON {
        let m = model
        let rows = ModelValue.coefficientRows(names: m.design.columnNames, aliased: Set(m.solution.aliased), statistic: "t",
                                              estimates: m.coefficients, errors: m.standardErrors, statistics: m.tValues,
                                              pValues: m.pValues, intervals: m.confidenceIntervals())
        var pairs: [(String, JSON)] = [
            ("kind", .string("ols")), ("formula", .string(m.formula)),
            ("n", .number(Double(m.observations))), ("df_model", .number(Double(m.dfModel))),
            ("df_residual", .number(Double(m.dfResidual))), ("coefficients", .array(rows)),
            ("r_squared", .finite(m.rSquared)),
        ]
        if !m.hasIntercept {
            pairs += [("r_squared_centered", .bool(m.centred)), ("spans_constant", .bool(m.spansConstant))]
            if m.spansConstant { pairs.append(("r_squared_uncentered", .finite(m.uncentredRSquared))) }
        }
        if m.design.zeroWeightRows > 0 { pairs.append(("zero_weight_rows", .number(Double(m.design.zeroWeightRows)))) }
        pairs += [
            ("adj_r_squared", .finite(m.adjustedRSquared)), ("sigma", .finite(m.sigma)),
            ("f_statistic", .finite(m.fStatistic)), ("f_p", .finite(m.fPValue)),
            ("log_likelihood", .finite(m.logLikelihood)), ("aic", .finite(m.aic)), ("bic", .finite(m.bic)),
            ("information_criteria", .string(LinearModel.informationCriteriaConvention)),
            ("information_criteria_k", .number(Double(m.rank))),
            ("durbin_watson", .finite(m.durbinWatson)), ("jarque_bera", .finite(m.jarqueBera)),
            ("jarque_bera_p", .finite(m.jarqueBeraPValue)), ("skew", .finite(m.skew)), ("kurtosis", .finite(m.kurtosis)),
            ("condition_number", .finite(m.conditionNumber)),
            ("covariance", .string(m.covarianceType.rawValue)),
            ("notes", .array(m.notes.map { .string($0) })),
        ]
        return .object(pairs)
    }

    /// The JSON coefficient entries (DESIGN §4): term, estimate, std_error, the test statistic
    /// (`t` or `z`), p, ci_low, ci_high; an aliased term has nulls and `"aliased": true`.
    static func coefficientRows(names: [String], aliased: Set<Int>, statistic: String, estimates: [Double], errors: [Double],
                                statistics: [Double], pValues: [Double], intervals: [(low: Double, high: Double)]) -> [JSON] {
        names.enumerated().map { j, name in
            var pairs: [(String, JSON)] = [("term", .string(name))]
            if aliased.contains(j) {
                pairs += [("estimate", .null), ("std_error", .null), (statistic, .null), ("p", .null),
                          ("ci_low", .null), ("ci_high", .null), ("aliased", .bool(true))]
            } else {
                pairs += [("estimate", .finite(estimates[j])), ("std_error", .finite(errors[j])),
                          (statistic, .finite(statistics[j])), ("p", .finite(pValues[j])),
                          ("ci_low", .finite(intervals[j].low)), ("ci_high", .finite(intervals[j].high))]
            }
            return .object(pairs)
        }
    }

    /// The coefficient table: term, estimate, std_error, t, p, ci_low, ci_high (na when aliased).
    var coefficientFrame: Frame {
        let m = model
        let ci = m.confidenceIntervals()
        func col(_ name: String, _ label: String, _ v: [Double]) -> Column {
            Column(name: name, label: label, .number(v))
        }
        return Frame(columns: [
            Column(name: "term", .text(Categorical(m.design.columnNames.map { Optional($0) }))),
            col("estimate", "estimate", m.coefficients),
            col("std_error", "std. error", m.standardErrors),
            col("t", "t", m.tValues),
            col("p", "P>|t|", m.pValues),
            col("ci_low", "2.5 %", ci.map(\.low)),
            col("ci_high", "97.5 %", ci.map(\.high)),
        ])
    }

    var tableView: Frame? { coefficientFrame }

    /// The fitted line when the model is `y ~ x` (an intercept and one numeric predictor, not
    /// a dummy, estimated); nil otherwise.
    var fittedLine: (intercept: Double, slope: Double)? {
        let m = model
        let coding = m.design.coding
        guard coding.intercept, m.hasIntercept, coding.terms.count == 1, coding.terms[0].factors.count == 1,
              case .numeric = coding.factors[coding.terms[0].factors[0]],
              m.coefficients.count == 2, m.solution.aliased.isEmpty,
              m.coefficients.allSatisfy(\.isFinite) else { return nil }
        return (m.coefficients[0], m.coefficients[1])
    }

    static let members = ["coefficients", "formula", "n", "df_model", "df_residual", "r_squared", "adj_r_squared",
                          "sigma", "f_statistic", "f_p", "log_likelihood", "aic", "bic", "durbin_watson",
                          "jarque_bera", "jarque_bera_p", "skew", "kurtosis", "condition_number", "covariance",
                          "residuals", "fitted", "notes", "aliased", "rss"]
    var memberNames: [String] { ModelValue.members }

    func member(_ name: String) -> Value? {
        let m = model
        func number(_ x: Double) -> Value { x.isNaN ? .na : .number(x) }
        switch name {
        case "coefficients": return .frame(coefficientFrame)
        case "formula": return .string(m.formula)
        case "n": return .number(Double(m.observations))
        case "df_model": return .number(Double(m.dfModel))
        case "df_residual": return .number(Double(m.dfResidual))
        case "r_squared": return number(m.rSquared)
        case "adj_r_squared": return number(m.adjustedRSquared)
        case "sigma": return number(m.sigma)
        case "f_statistic": return number(m.fStatistic)
        case "f_p": return number(m.fPValue)
        case "log_likelihood": return number(m.logLikelihood)
        case "aic": return number(m.aic)
        case "bic": return number(m.bic)
        case "durbin_watson": return number(m.durbinWatson)
        case "jarque_bera": return number(m.jarqueBera)
        case "jarque_bera_p": return number(m.jarqueBeraPValue)
        case "skew": return number(m.skew)
        case "kurtosis": return number(m.kurtosis)
        case "condition_number": return number(m.conditionNumber)
        case "covariance": return .string(m.covarianceType.rawValue)
        case "rss": return number(m.residualSumOfSquares)
        case "residuals": return .vector(Column(name: "residuals", .number(m.residuals)))
        case "fitted": return .vector(Column(name: "fitted", .number(m.fitted)))
        case "notes": return .vector(Column(name: "notes", .text(Categorical(m.notes.map { Optional($0) }))))
        case "aliased": return .vector(Column(name: "aliased", .text(Categorical(m.aliasedColumns.map { Optional($0) }))))
        default: return nil
        }
    }
}

/// The result of `bootstrap(m, …)`: percentile intervals for every coefficient.
struct BootstrapValue: ObjectValue {
    let result: BootstrapResult
    let formula: String

    var kind: String { "bootstrap" }

    func summary(_ options: RenderOptions) -> String {
        "bootstrap of ols \(formula) · \(Prose.counted(result.replications, "resample", numbers: options.numbers)) · seed \(result.seed)"
    }

    var frame: Frame {
        let r = result
        let low = RegressionSummary.percentLabel((1 - r.level) / 2), high = RegressionSummary.percentLabel((1 + r.level) / 2)
        var columns = [
            Column(name: "term", .text(Categorical(r.terms.map { Optional($0) }))),
            Column(name: "estimate", .number(r.estimates)),
            Column(name: "boot_se", label: "bootstrap se", .number(r.standardErrors)),
            Column(name: "ci_low", label: low, .number(r.lower)),
            Column(name: "ci_high", label: high, .number(r.upper)),
        ]
        if r.failures.contains(where: { $0 > 0 }) {
            columns.append(Column(name: "failed", .number(r.failures.map(Double.init))))
        }
        return Frame(columns: columns)
    }

    var tableView: Frame? { frame }

    func render(_ options: RenderOptions) -> String {
        if options.mode == .csv { return renderTable(frame, options) }
        let r = result
        var lines = [options.prose("Bootstrap of ols \(formula): \(Prose.counted(r.replications, "case resample", numbers: options.numbers)), "
                                   + "seed \(r.seed), \(RegressionSummary.percentLabel(r.level)) percentile intervals"), ""]
        lines.append(RegressionSummary.table(frame, options, secondary: ["boot_se"]))
        let failed = r.failures.max() ?? 0
        if failed > 0 {
            lines.append("")
            lines.append(options.prose("Note: in \(Prose.counted(failed, "resample")) a coefficient was aliased (a level or value missing from the resample); its interval uses the others.", indent: 6))
        }
        return lines.joined(separator: "\n")
    }

    func json(_ options: RenderOptions) -> JSON {
        let r = result
        let rows: [JSON] = r.terms.indices.map { j in
            .object([("term", .string(r.terms[j])), ("estimate", .finite(r.estimates[j])),
                     ("std_error", .finite(r.standardErrors[j])), ("ci_low", .finite(r.lower[j])),
                     ("ci_high", .finite(r.upper[j])), ("failed", .number(Double(r.failures[j])))])
        }
        return .object([("kind", .string("bootstrap")), ("formula", .string(formula)),
                        ("reps", .number(Double(r.replications))), ("seed", .number(Double(r.seed))),
                        ("level", .number(r.level)), ("coefficients", .array(rows))])
    }

    var memberNames: [String] { ["coefficients", "reps", "seed", "level"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "coefficients": return .frame(frame)
        case "reps": return .number(Double(result.replications))
        case "seed": return .number(Double(result.seed))
        case "level": return .number(result.level)
        default: return nil
        }
    }
}
