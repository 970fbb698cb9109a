import Foundation
import LinearAlgebra

/// A generalized linear model (binomial or Poisson) fitted by IRLS, with the statistics R's
/// `summary.glm` reports.
///
/// Conventions (R's): the dispersion is 1, so tests are z tests and Wald intervals use the
/// normal quantile; AIC = −2 log L + 2·rank, BIC = −2 log L + rank·log n; the null deviance is
/// that of the intercept-only model (with the offset), or of η = offset without an intercept,
/// on n − 1 or n degrees of freedom. For the binomial the response is 0/1 (or true/false), or
/// a proportion with `weights` the numbers of trials.
public struct GeneralizedLinearModel: Sendable {
    public let design: ModelDesign
    public let formula: String
    public let family: GLMFamily
    public let link: GLMLink
    /// The offset of each row used (nil for none).
    public let offset: [Double]?
    public let covarianceType: CovarianceType
    /// The weighted least-squares fit of the last IRLS step.
    public let solution: LeastSquaresSolution

    /// β, one per design column; NaN for aliased columns.
    public var coefficients: [Double] { solution.coefficients }
    public let covariance: Matrix
    public let standardErrors: [Double]
    public let zValues: [Double]
    public let pValues: [Double]

    public let observations: Int
    public let rank: Int
    public let hasIntercept: Bool
    public let dfResidual: Int
    public let dfNull: Int
    public let deviance: Double
    public let nullDeviance: Double
    public let logLikelihood: Double
    public let aic: Double
    public let bic: Double
    /// Fisher scoring iterations to R's convergence criterion.
    public let iterations: Int
    /// μ̂ and η̂ for each row used.
    public let fitted: [Double]
    public let linearPredictor: [Double]
    /// The working weights and residuals of the last step.
    let workingWeights: [Double]
    let workingResiduals: [Double]
    public let unitLeverageRows: [Int]
    public let undefinedColumns: [Int]

    /// The names of aliased columns, in order.
    public var aliasedColumns: [String] { solution.aliased.map { design.columnNames[$0] } }
    /// The response's name (left of `~`).
    public var responseName: String { GeneralizedLinearModel.responseName(formula) }

    /// Fisher scoring iterations allowed unless the caller says otherwise (R's `glm.control`
    /// has 25; more costs nothing on a model that converges).
    public static let defaultMaximumIterations = IRLS.maximumIterations

    static func responseName(_ formula: String) -> String {
        formula.split(separator: "~", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "y"
    }

    /// Fits `design` (its weights are prior weights: trials for a binomial proportion).
    /// - Throws: `RegressionError` for a response outside the family's range, a link the family
    ///   does not take, separation (binomial), or no convergence.
    public static func fit(_ design: ModelDesign, formula: String, family: GLMFamily, link: GLMLink? = nil,
                           offset: [Double]? = nil, covariance: CovarianceType = .nonrobust,
                           maximumIterations: Int = GeneralizedLinearModel.defaultMaximumIterations,
                           isCancelled: () -> Bool = { false }) throws -> GeneralizedLinearModel {
        let link = link ?? family.links[0]
        guard family.links.contains(link) else {
            let names = family.links.map { "\"\($0.rawValue)\"" }
            throw RegressionError("the \(family.rawValue) family takes link \(LinearModel.list(names).replacingOccurrences(of: " and ", with: " or ")), not \"\(link.rawValue)\"")
        }
        if let offset, offset.count != design.response.count {
            throw RegressionError("the offset has \(offset.count) values but the model has \(design.response.count) rows")
        }
        if let offset, let bad = offset.firstIndex(where: { !$0.isFinite }) {
            throw RegressionError("the offset must be finite; row \(design.rows[bad] + 1) is \(shown(offset[bad]))")
        }
        try checkResponse(design, formula: formula, family: family)
        let problem = IRLS.Problem(design: design.matrix, response: design.response, prior: design.weights,
                                   offset: offset, intercept: design.interceptColumn, family: family, link: link)
        let result = try IRLS.fit(problem, maximumIterations: maximumIterations, isCancelled: isCancelled)
        if family == .binomial {
            try Separation.check(design, result: result, responseName: responseName(formula))
        } else {
            try Separation.checkPoisson(design, result: result, responseName: responseName(formula))
        }
        guard result.converged else {
            throw RegressionError("glm did not converge in \(maximumIterations) iterations (deviance \(String(format: "%.6g", result.deviance))); "
                                  + (maximumIterations < defaultMaximumIterations ? "raise maxit=" : "simplify the model or rescale the predictors"))
        }
        return try GeneralizedLinearModel(design: design, formula: formula, problem: problem, result: result,
                                          covarianceType: covariance)
    }

    /// Binomial: 0 ≤ y ≤ 1, and 0/1 unless weights give the trials; Poisson: y ≥ 0.
    static func checkResponse(_ design: ModelDesign, formula: String, family: GLMFamily) throws {
        let y = design.response
        let name = responseName(formula)
        func row(_ i: Int) -> Int { design.rows[i] + 1 }
        switch family {
        case .binomial:
            if let i = y.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                throw RegressionError("a binomial response must be 0/1, true/false or a proportion in [0, 1]; '\(name)' is \(shown(y[i])) in row \(row(i))")
            }
            if design.weights == nil, let i = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                throw RegressionError("a binomial response must be 0/1 or true/false ('\(name)' is \(shown(y[i])) in row \(row(i))); "
                                      + "for proportions give the numbers of trials as weights=")
            }
        case .poisson:
            if let i = y.firstIndex(where: { $0 < 0 }) {
                throw RegressionError("a Poisson response must be counts ≥ 0; '\(name)' is \(shown(y[i])) in row \(row(i))")
            }
        }
        // One outcome only: the likelihood rises without bound as the fitted mean runs to 0 (or 1)
        // whatever the predictors, so no term is to blame and no estimate exists.
        let rows = "\(y.count) row\(y.count == 1 ? "" : "s")"
        if family == .binomial, let v = y.first, v == 0 || v == 1, y.allSatisfy({ $0 == v }) {
            throw RegressionError("'\(name)' is \(shown(v)) in every row (\(rows)): a binomial model needs both outcomes, "
                                  + "its fitted probabilities run to \(shown(v)) and no estimate exists")
        }
        if family == .poisson, !y.isEmpty, y.allSatisfy({ $0 == 0 }) {
            throw RegressionError("'\(name)' is 0 in every row (\(rows)): a Poisson model needs some positive counts, "
                                  + "its fitted means run to 0 and no estimate exists")
        }
    }

    /// A value quoted in a message: `3`, `-1`, `0.25`.
    static func shown(_ v: Double) -> String { String(format: "%g", v) }

    init(design: ModelDesign, formula: String, problem: IRLS.Problem, result: IRLS.Result,
         covarianceType: CovarianceType) throws {
        self.design = design
        self.formula = formula
        family = problem.family
        link = problem.link
        offset = problem.offset
        self.covarianceType = covarianceType
        let solution = result.solution
        self.solution = solution
        let n = design.response.count, p = design.columnNames.count
        let rank = solution.kept.count
        observations = n
        self.rank = rank
        hasIntercept = design.interceptColumn.map { solution.kept.contains($0) } ?? false
        dfResidual = n - rank
        dfNull = n - (design.interceptColumn != nil ? 1 : 0)
        deviance = result.deviance
        iterations = result.iterations
        fitted = result.mu
        linearPredictor = result.eta
        workingWeights = result.weights
        workingResiduals = result.workingResiduals

        var cov: Matrix
        switch covarianceType {
        case .nonrobust:
            cov = solution.covariance ?? Matrix(rows: p, columns: p, repeating: .nan)
            unitLeverageRows = []
            undefinedColumns = []
        default:
            let robust = try RobustCovariance(covarianceType, solution: solution, design: design.matrix,
                                              weights: result.weights, residuals: result.workingResiduals,
                                              dfResidual: dfResidual)
            cov = robust.matrix
            unitLeverageRows = robust.unitLeverageRows
            undefinedColumns = robust.undefinedColumns
        }
        covariance = cov
        standardErrors = (0..<p).map { cov[$0, $0].squareRoot() }
        let z = (0..<p).map { solution.coefficients[$0] / cov[$0, $0].squareRoot() }
        zValues = z
        pValues = z.map { $0.isNaN ? .nan : 2 * NormalDistribution.standardCDF(-abs($0)) }

        var logL = 0.0
        for i in 0..<n { logL += problem.family.logLikelihood(design.response[i], result.mu[i], weight: design.weights?[i] ?? 1) }
        logLikelihood = logL
        aic = -2 * logL + 2 * Double(rank)
        bic = -2 * logL + Foundation.log(Double(n)) * Double(rank)
        nullDeviance = try GeneralizedLinearModel.nullDeviance(problem)
    }

    /// The deviance of the intercept-only model (with the offset), or of η = offset.
    static func nullDeviance(_ problem: IRLS.Problem) throws -> Double {
        let n = problem.response.count
        guard problem.intercept != nil else {
            let eta = problem.offset ?? [Double](repeating: 0, count: n)
            return IRLS.totalDeviance(problem, eta.map(problem.link.inverse))
        }
        guard problem.offset != nil else {
            // The weighted mean of y fits the intercept-only model exactly.
            let w = problem.prior ?? [Double](repeating: 1, count: n)
            var s = 0.0, t = 0.0
            for i in 0..<n { s += w[i] * problem.response[i]; t += w[i] }
            return IRLS.totalDeviance(problem, [Double](repeating: s / t, count: n))
        }
        var null = problem
        null.design = Matrix(rows: n, columns: 1, repeating: 1)
        null.intercept = 0
        return try IRLS.fit(null, full: false).deviance
    }

    /// The numbered notes a summary shows.
    public var notes: [String] {
        var out: [String] = []
        switch covarianceType {
        case .nonrobust:
            out.append("Dispersion parameter for the \(family.rawValue) family taken to be 1.")
        default:
            out.append("Standard errors are heteroscedasticity robust (\(covarianceType.rawValue), sandwich on the working residuals).")
        }
        var extra: [String] = []
        if design.weights != nil {
            extra.append(family == .binomial ? "The response is a proportion of weights= trials."
                                             : "Each row's log-likelihood counts by its weight.")
        }
        if offset != nil { extra.append("The linear predictor includes an offset.") }
        out += design.commonNotes(observations: observations, solution: solution, covariance: covarianceType,
                                  unitLeverageRows: unitLeverageRows, undefinedColumns: undefinedColumns, extra: extra)
        out.append("AIC and BIC count \(rank) parameters (the coefficients estimated).")
        return out
    }

    /// Wald intervals β ± z(1 − α/2) · SE.
    public func confidenceIntervals(level: Double = 0.95) -> [(low: Double, high: Double)] {
        let q = NormalDistribution.standardQuantile(0.5 + level / 2)
        return (0..<coefficients.count).map { j in
            (coefficients[j] - q * standardErrors[j], coefficients[j] + q * standardErrors[j])
        }
    }
}
