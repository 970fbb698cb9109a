import Foundation
import LinearAlgebra

/// A heteroscedasticity-consistent (sandwich) covariance of a weighted least-squares fit:
/// `(XᵀWX)⁻¹ (Σ ωᵢ wᵢ xᵢ xᵢᵀ) (XᵀWX)⁻¹` with ωᵢ = wᵢ eᵢ² (HC0), times n/(n − rank) (HC1), or
/// divided by (1 − hᵢ) (HC2) or (1 − hᵢ)² (HC3), hᵢ the leverage of W^½ X (White 1980;
/// MacKinnon & White 1985). A GLM uses the same formula on its last IRLS step — working
/// residuals and working weights — which is R's `sandwich::vcovHC` for a `glm`.
struct RobustCovariance {
    var matrix: Matrix
    /// The square roots of the diagonal (the standard errors), computed in scaled coordinates
    /// so that they are exact at every magnitude of the columns; na where undefined.
    var roots: [Double]
    /// HC2/HC3 only: the rows whose leverage is 1, and the columns whose standard error they
    /// leave undefined (na), as statsmodels' inf/nan.
    var unitLeverageRows: [Int] = []
    var undefinedColumns: [Int] = []

    /// - Parameters: the fitted solution, its design and weights, the residuals eᵢ (raw, not
    ///   whitened) and the residual degrees of freedom (for HC1).
    init(_ type: CovarianceType, solution: LeastSquaresSolution, design: Matrix, weights w: [Double]?,
         residuals: [Double], dfResidual: Int) throws {
        let n = residuals.count, p = design.columns
        var omega = (0..<n).map { i in (w?[i] ?? 1) * residuals[i] * residuals[i] }
        switch type {
        case .hc1:
            let factor = dfResidual > 0 ? Double(n) / Double(dfResidual) : .nan
            omega = omega.map { $0 * factor }
        case .hc2, .hc3:
            let h = try solution.leverage(design: design, weights: w)
            let power = type == .hc2 ? 1.0 : 2.0
            // A row with leverage 1 (e.g. the only row of a level) has residual 0 and
            // eᵢ²/(1 − hᵢ)ᵏ = 0/0: the coefficients it alone determines get no standard
            // error. It adds nothing to the others, so its ωᵢ is set to 0 for them.
            unitLeverageRows = (0..<n).filter { 1 - h[$0] <= 1e-10 }
            let unit = Set(unitLeverageRows)
            omega = (0..<n).map { unit.contains($0) ? 0 : omega[$0] / Foundation.pow(1 - h[$0], power) }
            if !unit.isEmpty {
                // Column j depends on those rows when their share of (XᵀWX)⁻¹ Xᵀ is not zero.
                let exposed = try solution.sandwich(design: design, weights: w,
                                                    omega: (0..<n).map { unit.contains($0) ? 1 : 0 })
                let all = try solution.sandwich(design: design, weights: w,
                                                omega: [Double](repeating: 1, count: n))
                undefinedColumns = (0..<p).filter { exposed[$0, $0] > 1e-10 * all[$0, $0] }
            }
        default: break
        }
        (matrix, roots) = try solution.sandwichWithRoots(design: design, weights: w, omega: omega)
        for j in undefinedColumns {
            roots[j] = .nan
            for k in 0..<p {
                matrix[j, k] = .nan
                matrix[k, j] = .nan
            }
        }
    }
}
