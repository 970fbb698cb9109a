import Foundation
import LinearAlgebra

/// How coefficient standard errors are estimated.
public enum CovarianceType: String, Sendable, CaseIterable {
    case nonrobust
    /// White's heteroscedasticity-consistent estimator and MacKinnon & White's variants.
    case hc0 = "HC0", hc1 = "HC1", hc2 = "HC2", hc3 = "HC3"
}

/// An ordinary or weighted least-squares fit with the statistics statsmodels and R report.
///
/// Conventions (statsmodels'): without an intercept R² is uncentred; AIC = −2 log L + 2k and
/// BIC = −2 log L + k log n with k the rank (σ not counted); skew, kurtosis, Jarque–Bera and
/// Durbin–Watson are computed on the whitened residuals √wᵢ eᵢ; t tests use n − rank degrees
/// of freedom, robust or not; with a robust covariance the F statistic is the Wald test of all
/// non-intercept coefficients.
public struct LinearModel: Sendable {
    public let design: ModelDesign
    /// The formula as the user wrote it.
    public let formula: String
    public let covarianceType: CovarianceType
    public let solution: LeastSquaresSolution

    /// β, one per design column; NaN for aliased columns.
    public var coefficients: [Double] { solution.coefficients }
    /// The coefficient covariance of the chosen type (σ² included), NaN for aliased columns.
    public let covariance: Matrix
    public let standardErrors: [Double]
    public let tValues: [Double]
    public let pValues: [Double]

    public let observations: Int
    public let rank: Int
    public let hasIntercept: Bool
    /// No intercept term, but the kept columns span a constant (say the dummies of every
    /// level of a factor, `y ~ C(g) - 1`): R², adjusted R² and F are then centred and
    /// df_model is rank − 1, as statsmodels reads such a model (its implicit constant).
    public let spansConstant: Bool
    /// Whether R², adjusted R² and F are about the mean (an intercept, explicit or spanned).
    public var centred: Bool { hasIntercept || spansConstant }
    public let dfModel: Int
    public let dfResidual: Int
    public let residualSumOfSquares: Double
    /// The residuals are zero to rounding (‖e‖ ≤ 1e-13 ‖y‖): σ is 0, and t, F and their p-values
    /// are not defined (na), as R reports an exact fit instead of dividing rounding noise.
    public let exactFit: Bool
    public let totalSumOfSquares: Double
    public let rSquared: Double
    /// 1 − RSS / Σ wᵢyᵢ²: R² about zero, what a model without a constant reports.
    public let uncentredRSquared: Double
    public let adjustedRSquared: Double
    public let sigma: Double
    public let fStatistic: Double
    public let fPValue: Double
    public let logLikelihood: Double
    public let aic: Double
    public let bic: Double
    public let durbinWatson: Double
    public let jarqueBera: Double
    public let jarqueBeraPValue: Double
    public let skew: Double
    public let kurtosis: Double
    public let conditionNumber: Double
    /// Raw residuals y − ŷ and fitted values, one per row used.
    public let residuals: [Double]
    public let fitted: [Double]

    /// HC2/HC3 only: the rows (indices into the rows used) whose leverage is 1, and the columns
    /// whose standard error they leave undefined (na), as statsmodels' inf/nan.
    public let unitLeverageRows: [Int]
    public let undefinedColumns: [Int]

    /// The names of aliased columns, in order.
    public var aliasedColumns: [String] { solution.aliased.map { design.columnNames[$0] } }

    /// Fits `design` by least squares (weighted when the design has weights).
    /// - Throws: `RegressionError` when the fit is impossible; `LAPACKError` should not occur.
    public static func fit(_ design: ModelDesign, formula: String,
                           covariance: CovarianceType = .nonrobust) throws -> LinearModel {
        let problem = LeastSquares.Problem(design: design.matrix, designLow: design.matrixLow,
                                           response: design.response, weights: design.weights,
                                           intercept: design.interceptColumn)
        let solution = try LeastSquares.fit(problem)
        return try LinearModel(design: design, formula: formula, covarianceType: covariance, solution: solution)
    }

    init(design: ModelDesign, formula: String, covarianceType: CovarianceType, solution: LeastSquaresSolution) throws {
        self.design = design
        self.formula = formula
        self.covarianceType = covarianceType
        self.solution = solution
        let n = design.response.count
        let p = design.columnNames.count
        let rank = solution.kept.count
        let w = design.weights
        observations = n
        self.rank = rank
        let intercept = design.interceptColumn.map { solution.kept.contains($0) } ?? false
        hasIntercept = intercept
        spansConstant = !intercept && rank > 0 && LinearModel.spansConstant(design.matrix.columns(solution.kept))
        let centred = intercept || spansConstant
        dfModel = rank - (centred ? 1 : 0)
        dfResidual = n - rank
        residuals = solution.residuals
        fitted = (0..<n).map { design.response[$0] - solution.residuals[$0] }
        // Sums of squares in units of the response's size when it is extreme (1e-300, 1e300):
        // squared residuals would underflow to an "exact fit" or overflow to na.
        let unit = LinearModel.responseUnit(design.response, weights: w)
        let y = design.response.map { $0 / unit }
        let e = solution.residuals.map { $0 / unit }
        var rss = 0.0
        if unit == 1 { rss = solution.residualSumOfSquares } else {
            for i in 0..<n { rss += (w?[i] ?? 1) * e[i] * e[i] }
        }
        var responseSquares = 0.0
        for i in 0..<n { responseSquares += (w?[i] ?? 1) * y[i] * y[i] }
        exactFit = rss <= 1e-26 * responseSquares || (rss == 0 && n > rank)
        if exactFit { rss = 0 }
        residualSumOfSquares = rss * unit * unit

        // Total sum of squares: centred on the weighted mean with an intercept, else about 0.
        var tss = 0.0
        uncentredRSquared = responseSquares > 0 ? 1 - rss / responseSquares : .nan
        if centred {
            let totalWeight = w?.reduce(0, +) ?? Double(n)
            var mean = 0.0
            for i in 0..<n { mean += (w?[i] ?? 1) * y[i] }
            mean /= totalWeight
            var correction = 0.0
            for i in 0..<n { correction += (w?[i] ?? 1) * (y[i] - mean) }
            mean += correction / totalWeight
            for i in 0..<n { tss += (w?[i] ?? 1) * (y[i] - mean) * (y[i] - mean) }
        } else {
            for i in 0..<n { tss += (w?[i] ?? 1) * y[i] * y[i] }
        }
        totalSumOfSquares = tss * unit * unit
        rSquared = tss > 0 ? 1 - rss / tss : .nan
        adjustedRSquared = dfResidual > 0 ? 1 - (1 - rSquared) * Double(n - (centred ? 1 : 0)) / Double(dfResidual) : .nan
        let scaledSigma2 = dfResidual > 0 ? rss / Double(dfResidual) : .nan
        let sd = unit * scaledSigma2.squareRoot()
        sigma = sd

        // Coefficient covariance.
        let unscaled = solution.covariance ?? Matrix(rows: p, columns: p, repeating: .nan)
        var cov: Matrix
        var robustInUnits = unscaled
        // Standard errors from the scaled covariance: exact at every magnitude of a predictor.
        var se: [Double]
        var unitRows: [Int] = [], undefined: [Int] = []
        switch covarianceType {
        case .nonrobust:
            cov = unscaled
            for k in 0..<cov.storage.count { cov.storage[k] = cov.storage[k] * scaledSigma2 * unit * unit }
            se = (solution.covarianceRoots ?? [Double](repeating: .nan, count: p)).map { sd * $0 }
        case .hc0, .hc1, .hc2, .hc3:
            let robust = try RobustCovariance(covarianceType, solution: solution, design: design.matrix, weights: w,
                                              residuals: e, dfResidual: n - rank)
            cov = robust.matrix
            robustInUnits = robust.matrix
            for k in 0..<cov.storage.count { cov.storage[k] = cov.storage[k] * unit * unit }
            se = robust.roots.map { $0 * unit }
            unitRows = robust.unitLeverageRows
            undefined = robust.undefinedColumns
        }
        unitLeverageRows = unitRows
        undefinedColumns = undefined
        covariance = cov
        standardErrors = se
        let exact = exactFit
        let t = (0..<p).map { exact ? .nan : solution.coefficients[$0] / se[$0] }
        tValues = t
        let residualDF = n - rank
        let tDistribution = StudentTDistribution(degreesOfFreedom: Double(residualDF))
        pValues = t.map { residualDF > 0 ? tDistribution.twoSidedPValue($0) : .nan }

        // Overall F test.
        let interceptColumn = design.interceptColumn
        let slopes = solution.kept.filter { $0 != interceptColumn }
        // A robust F with a spanned constant would test that the fit is constant, not that
        // chosen coefficients are zero: not computed (na), as it is not defined by a column.
        if dfModel > 0 && dfResidual > 0 && !exactFit && !(spansConstant && covarianceType != .nonrobust) {
            if covarianceType == .nonrobust {
                fStatistic = ((tss - rss) / Double(dfModel)) / scaledSigma2
            } else {
                // In the response's unit (β/unit, V/unit²), where neither under- nor overflows.
                fStatistic = LinearModel.waldStatistic(slopes.map { solution.coefficients[$0] / unit },
                                                       robustInUnits.columns(slopes).rows(slopes))
            }
            fPValue = FDistribution(Double(dfModel), Double(dfResidual)).survival(fStatistic)
        } else {
            fStatistic = .nan
            fPValue = .nan
        }

        // Likelihood and information criteria.
        let nd = Double(n)
        let logWeights = w.map { $0.reduce(0) { $0 + Foundation.log($1) } } ?? 0
        logLikelihood = -nd / 2 * (Foundation.log(2 * Double.pi) + Foundation.log(rss / nd) + 2 * Foundation.log(unit) + 1) + 0.5 * logWeights
        aic = -2 * logLikelihood + 2 * Double(rank)
        bic = -2 * logLikelihood + Foundation.log(nd) * Double(rank)

        // Residual diagnostics on whitened residuals.
        let whitened = w.map { w in (0..<n).map { i in w[i].squareRoot() * e[i] } } ?? e
        var num = 0.0, den = 0.0
        for i in 0..<n {
            den += whitened[i] * whitened[i]
            if i > 0 { num += (whitened[i] - whitened[i - 1]) * (whitened[i] - whitened[i - 1]) }
        }
        durbinWatson = den > 0 && !exactFit ? num / den : .nan
        let mean = Descriptive.mean(whitened)
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in whitened {
            let d = v - mean
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
        }
        m2 /= nd; m3 /= nd; m4 /= nd
        skew = m2 > 0 && !exactFit ? m3 / Foundation.pow(m2, 1.5) : .nan
        kurtosis = m2 > 0 && !exactFit ? m4 / (m2 * m2) : .nan
        jarqueBera = nd / 6 * (skew * skew + (kurtosis - 3) * (kurtosis - 3) / 4)
        jarqueBeraPValue = jarqueBera.isNaN ? .nan : ChiSquaredDistribution(degreesOfFreedom: 2).survival(jarqueBera)
        conditionNumber = solution.conditionNumber
    }

    /// The numbered notes a summary shows: covariance type, dropped rows, aliased terms, an
    /// uncentred R², a large condition number, weights.
    public var notes: [String] {
        var out: [String] = []
        switch covarianceType {
        case .nonrobust:
            out.append("Standard errors assume that the covariance matrix of the errors is correctly specified.")
        default:
            out.append("Standard errors are heteroscedasticity robust (\(covarianceType.rawValue)).")
        }
        var extra: [String] = []
        if exactFit { extra.append("Exact fit: residuals are all zero, so t, F and their p-values are not defined.") }
        if design.weights != nil { extra.append("Weighted least squares: each row counts by its weight.") }
        out += design.commonNotes(observations: observations, solution: solution, covariance: covarianceType,
                                  unitLeverageRows: unitLeverageRows, undefinedColumns: undefinedColumns, extra: extra)
        if spansConstant {
            out.append("The terms span a constant (no explicit intercept): R², adjusted R² and F are centred, as statsmodels "
                       + "reports them; the uncentred R² is \(String(format: "%.4f", uncentredRSquared)).")
        } else if !hasIntercept {
            out.append("R² is uncentred: the model has no intercept.")
        }
        if dfResidual == 0 { out.append("No residual degrees of freedom: standard errors and tests are not available.") }
        if conditionNumber > 1000 {
            out.append("The condition number is large (\(String(format: "%.3g", conditionNumber))): the predictors may be strongly collinear.")
        }
        return out
    }

    /// Whether the columns of `x` span the constant vector: the least-squares fit of a column
    /// of ones on them leaves a residual below 1e-12 of its norm (exact spans leave rounding,
    /// ~1e-15; a column set that merely comes close, such as a predictor 1e9 + i, leaves its
    /// relative spread, ~1e-8).
    static func spansConstant(_ x: Matrix) -> Bool {
        guard x.rows > x.columns else { return x.rows > 0 }
        var options = LeastSquares.Options(covariance: false)
        options.conditionNumbers = false
        options.refinement = .never
        let ones = [Double](repeating: 1, count: x.rows)
        guard let fit = try? LeastSquares.fit(.init(design: x, response: ones), options: options) else { return false }
        return fit.residualSumOfSquares <= 1e-24 * Double(x.rows)
    }

    /// A power of two near the largest |√wᵢ yᵢ| when that is beyond 1e±100, else 1: dividing by
    /// it is exact and keeps squares of residuals and responses within Double's range.
    static func responseUnit(_ y: [Double], weights: [Double]?) -> Double {
        var largest = 0.0
        for i in y.indices { largest = Swift.max(largest, Swift.abs(y[i]) * (weights?[i] ?? 1).squareRoot()) }
        guard largest.isFinite, largest > 0, largest < 1e-100 || largest > 1e100 else { return 1 }
        return Double(sign: .plus, exponent: largest.exponent, significand: 1)
    }

    /// How AIC and BIC count parameters, for help and JSON.
    public static let informationCriteriaConvention =
        "AIC = -2 log L + 2k, BIC = -2 log L + k log n, k = the rank (σ not counted, as statsmodels; R's AIC counts σ: k + 1)"

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// βᵀ V⁻¹ β / q: the Wald F statistic that all the given coefficients are zero.
    static func waldStatistic(_ beta: [Double], _ v: Matrix) -> Double {
        guard !beta.isEmpty, let l = try? v.cholesky() else { return .nan }
        // Solve L z = β; the statistic is ‖z‖² / q.
        guard let z = try? l.solveTriangular(beta, upper: false) else { return .nan }
        return z.reduce(0) { $0 + $1 * $1 } / Double(beta.count)
    }

    /// Confidence intervals β ± t(1 − α/2, n − rank) · SE for every column.
    public func confidenceIntervals(level: Double = 0.95) -> [(low: Double, high: Double)] {
        let q = dfResidual > 0 ? StudentTDistribution(degreesOfFreedom: Double(dfResidual)).quantile(0.5 + level / 2) : .nan
        return (0..<coefficients.count).map { j in
            (coefficients[j] - q * standardErrors[j], coefficients[j] + q * standardErrors[j])
        }
    }

    /// What `predict` adds around each prediction.
    public enum Interval: String, Sendable {
        case none, confidence, prediction
    }

    /// Predictions for a design built with this model's coding (`design.coding.matrix`).
    ///
    /// The confidence interval uses the model's covariance type (`x₀ᵀ V x₀`); the prediction
    /// interval adds σ² (a new observation of weight 1). Rows with `na` predict `na`.
    public func predict(_ design: ModelDesign, interval: Interval = .none, level: Double = 0.95)
        -> (fit: [Double], lower: [Double], upper: [Double]) {
        let x = design.matrix
        let m = x.rows
        var fit = [Double](repeating: 0, count: m)
        let beta = solution.coefficientsExtended
        for i in 0..<m {
            var s = DoubleDouble.zero
            var missing = false
            for j in solution.kept {
                let v = x[i, j]
                if v.isNaN { missing = true; break }
                s = s + beta[j] * v
            }
            fit[i] = missing ? .nan : s.value
        }
        guard interval != .none else { return (fit, [], []) }
        let q = dfResidual > 0 ? StudentTDistribution(degreesOfFreedom: Double(dfResidual)).quantile(0.5 + level / 2) : .nan
        var lower = [Double](repeating: .nan, count: m), upper = lower
        for i in 0..<m where !fit[i].isNaN {
            let half = q * fitVariance(x, row: i, newObservation: interval == .prediction).squareRoot()
            lower[i] = fit[i] - half
            upper[i] = fit[i] + half
        }
        return (fit, lower, upper)
    }

    /// The predictive distribution of a new observation at each row of `design`: its mean x̂ᵀβ
    /// and standard deviation √(xᵀΣx + σ²) (parameter and residual uncertainty, under the
    /// model's covariance type). Rows with `na` predictors give NaN.
    public func predictive(_ design: ModelDesign) -> (mean: [Double], sd: [Double]) {
        let mean = predict(design).fit
        let sd = mean.indices.map { i in
            mean[i].isNaN ? Double.nan : fitVariance(design.matrix, row: i, newObservation: true).squareRoot()
        }
        return (mean, sd)
    }

    /// xᵢᵀΣxᵢ (+ σ² for a new observation), never negative.
    func fitVariance(_ x: Matrix, row i: Int, newObservation: Bool) -> Double {
        var variance = 0.0
        for a in solution.kept { for b in solution.kept { variance += x[i, a] * covariance[a, b] * x[i, b] } }
        if newObservation { variance += sigma * sigma }
        return max(variance, 0)
    }

    /// Variance inflation factors, one per column (NaN for the intercept and aliased columns):
    /// 1 / (1 − R²ⱼ) from regressing column j on the others, R² centred when the model has an
    /// intercept (statsmodels' `variance_inflation_factor`), computed as
    /// `[(XᵀX)⁻¹]ⱼⱼ · Σ(xⱼ − x̄ⱼ)²` on the unweighted design.
    public func varianceInflationFactors() throws -> [Double] {
        let p = design.columnNames.count
        var out = [Double](repeating: .nan, count: p)
        let x = design.matrix.columns(solution.kept)
        let intercept = design.interceptColumn.flatMap { solution.kept.firstIndex(of: $0) }
        let fit = try LeastSquares.fit(.init(design: x, response: Array(repeating: 0, count: x.rows), intercept: intercept))
        guard let inverse = fit.covariance else { return out }
        for (k, j) in solution.kept.enumerated() where k != intercept {
            let column = x.column(k)
            let center = intercept != nil ? Descriptive.mean(column) : 0
            let ss = column.reduce(0) { $0 + ($1 - center) * ($1 - center) }
            out[j] = inverse[k, k] * ss
        }
        return out
    }
}
