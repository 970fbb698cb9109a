/// Weighted linear least squares by Householder QR, with an aliasing decision as R makes it and
/// extended-precision refinement when the problem needs it.
///
/// The method, in order:
/// 1. **Centre and scale.** With an intercept column, every other column is centred on its
///    (weighted) mean; then every column is scaled to unit norm. This is a reparametrisation
///    `X S` (S upper triangular), so it changes no answer, but it makes the rank decision
///    scale- and offset-invariant and the factorisation better conditioned.
/// 2. **Aliasing.** A column whose centred norm is below `tolerance` × its raw norm is aliased
///    with the intercept; the rest are factored in formula order (`dgeqp3` with every column
///    fixed) and the first column with `|R_jj| < tolerance` is aliased and the factorisation
///    redone without it — a term that is a linear combination of terms before it is aliased,
///    as R's `dqrdc2` decides. The default tolerance 1e-11 keeps NIST's Filip (smallest
///    |R_jj| 6e-8 after centring, which R's 1e-7 drops) and catches exact collinearity, whose
///    |R_jj| is rounding noise (~1e-16).
/// 3. **Solve.** `x̃ = R⁻¹ Qᵀ b` (`dormqr`, `dtrtrs`); never the normal equations.
///    With an intercept the response is centred on its mean too (its share added back exactly),
///    and the residuals of an unrefined fit are taken from the centred columns, so a regressor
///    near 1e9 costs no digits of σ or the standard errors.
/// 4. **Refine when ill-conditioned.** When the estimated loss of digits is large (the scaled
///    condition number reaching 100; an intercept recovered by cancellation losing two digits;
///    the κ²‖r‖/‖b‖ term of least-squares perturbation theory or a nearly exact fit reaching
///    100², see `needsRefinement`), the solution is refined on Björck's augmented system
///    `[I B; Bᵀ 0][r; x] = [b; 0]` with residuals accumulated in double-double
///    (Björck 1967, "Iterative refinement of linear least squares solutions I"; Higham,
///    *Accuracy and Stability of Numerical Algorithms*, §20.5), converging at a rate of about
///    κ ε per step — or, for a tall problem factored without Q and κ below 1e4, by the
///    corrected seminormal equations on its R. The covariance `(XᵀWX)⁻¹` of an
///    ill-conditioned problem (κ ≥ 100) is computed from the centred Gram matrix accumulated in
///    double-double and its Cholesky factorisation and inverse in double-double; otherwise from
///    R (`dpotri`). Standard errors are taken from it in scaled coordinates, exact at every
///    magnitude of the columns.
public enum LeastSquares {
    /// When to refine the solution in extended precision.
    public enum Refinement: Sendable {
        /// When the estimated loss of accuracy reaches two digits.
        case automatic
        case always
        case never
    }

    /// A least-squares problem `min ‖W^½ (y − X β)‖`.
    public struct Problem: Sendable {
        /// X, n × p.
        public var design: Matrix
        /// Optional low-order parts of X, for columns known beyond double precision (e.g.
        /// powers of a predictor computed in double-double): X = design + designLow.
        public var designLow: Matrix?
        /// y, n values.
        public var response: [Double]
        /// Positive weights, or nil for ordinary least squares.
        public var weights: [Double]?
        /// The index of the column of ones, if the model has an intercept.
        public var intercept: Int?

        public init(design: Matrix, designLow: Matrix? = nil, response: [Double],
                    weights: [Double]? = nil, intercept: Int? = nil) {
            self.design = design
            self.designLow = designLow
            self.response = response
            self.weights = weights
            self.intercept = intercept
        }
    }

    public struct Options: Sendable {
        /// Relative size below which a centred, unit-norm column's |R_jj| means aliased.
        public var tolerance: Double = 1e-11
        public var refinement: Refinement = .automatic
        /// Whether to compute `(XᵀWX)⁻¹` (a bootstrap refit does not need it).
        public var covariance: Bool = true
        /// Refinement is considered when the loss factor reaches this.
        public var refinementThreshold: Double = 100
        /// Whether to compute the 2-norm condition numbers by SVD (`dgesdd`). Without them (a
        /// bootstrap refit), the scaled condition number that decides refinement is the exact
        /// 1-norm one of R, within a factor p of the 2-norm one, and `conditionNumber` is NaN.
        public var conditionNumbers: Bool = true
        /// From this many rows on, the factorisation is a tall-skinny QR of blocks
        /// (`TallSkinnyQR`), which never writes a scaled copy of X; below, one Householder QR
        /// of the scaled design. Both give R to rounding; tests lower it to check that.
        public var blockedRows: Int = 32_768

        public init(tolerance: Double = 1e-11, refinement: Refinement = .automatic, covariance: Bool = true) {
            self.tolerance = tolerance
            self.refinement = refinement
            self.covariance = covariance
        }
    }

    /// Fits the problem.
    /// - Throws: `ShapeError` for mismatched lengths, non-finite data or non-positive weights;
    ///   `LAPACKError` if LAPACK fails.
    /// - Complexity: O(n p²) for the factorisation; refinement adds O(n p) per step, and an
    ///   ill-conditioned covariance O(n p²) double-double operations.
    public static func fit(_ problem: Problem, options: Options = Options()) throws -> LeastSquaresSolution {
        try LeastSquaresSolver(problem, options: options).solve()
    }
}

/// The result of `LeastSquares.fit`.
public struct LeastSquaresSolution: Sendable {
    /// Columns kept in the fit, in formula order.
    public let kept: [Int]
    /// Columns found to be linear combinations of columns before them (or of the intercept).
    public let aliased: [Int]
    /// β, one per column of X; NaN for aliased columns.
    public let coefficients: [Double]
    /// β as double-double (what the refinement reached), zero for aliased columns.
    public let coefficientsExtended: [DoubleDouble]
    /// Raw residuals y − X β.
    public let residuals: [Double]
    /// Σ wᵢ eᵢ².
    public let residualSumOfSquares: Double
    /// `(XᵀWX)⁻¹` over all columns (NaN in aliased rows and columns), when asked for.
    public let covariance: Matrix?
    /// The 2-norm condition number of W^½ X (kept columns), as statsmodels reports it.
    public let conditionNumber: Double
    /// The condition number after centring and scaling: what accuracy actually depends on.
    public let scaledConditionNumber: Double
    /// Whether the solution was refined in extended precision, and in how many steps.
    public let refinementSteps: Int
    /// Whether the covariance was computed in double-double.
    public let extendedCovariance: Bool
    /// √[(XᵀWX)⁻¹]ⱼⱼ, one per column (NaN for aliased ones), taken from the scaled covariance
    /// (`ScaleTransform.standardDeviations`): exact at every magnitude of the columns, where
    /// the diagonal of `covariance` overflows or underflows beyond about 1e±154.
    public let covarianceRoots: [Double]?

    // What robust covariances need.
    let transform: ScaleTransform
    /// (B̂ᵀB̂)⁻¹ in scaled coordinates, kept × kept.
    let scaledCovariance: Matrix?

    /// Diagonal of the hat matrix of W^½ X: hᵢ = bᵢᵀ (BᵀB)⁻¹ bᵢ.
    /// - Parameters: the same design and weights that were fitted.
    public func leverage(design: Matrix, weights: [Double]?) throws -> [Double] {
        guard let c = scaledCovariance else { throw ShapeError("the fit was made without its covariance") }
        let b = transform.scaledDesign(design, weights: weights)
        let bc = try b.multiplied(by: c)
        var h = [Double](repeating: 0, count: b.rows)
        for j in 0..<b.columns {
            let base = j * b.rows
            for i in 0..<b.rows { h[i] += bc.storage[base + i] * b.storage[base + i] }
        }
        return h
    }

    /// The sandwich covariance `(XᵀWX)⁻¹ (Σ ωᵢ wᵢ xᵢ xᵢᵀ) (XᵀWX)⁻¹` over all columns (NaN
    /// for aliased ones): with ωᵢ = wᵢ eᵢ² this is White's HC0; HC1–HC3 rescale ωᵢ.
    public func sandwich(design: Matrix, weights: [Double]?, omega: [Double]) throws -> Matrix {
        try sandwichWithRoots(design: design, weights: weights, omega: omega).covariance
    }

    /// The sandwich covariance (see `sandwich`) and the square roots of its diagonal, these
    /// computed in scaled coordinates so that they are exact at every magnitude of the columns.
    public func sandwichWithRoots(design: Matrix, weights: [Double]?,
                                  omega: [Double]) throws -> (covariance: Matrix, roots: [Double]) {
        let scaled = try scaledSandwich(design: design, weights: weights, omega: omega).extended
        return (transform.unscale(scaled, columns: coefficients.count),
                transform.standardDeviations(scaled, columns: coefficients.count))
    }

    /// The sandwich in scaled coordinates: C (B̂ᵀ Ω B̂) C.
    func scaledSandwich(design: Matrix, weights: [Double]?, omega: [Double]) throws -> Matrix {
        guard let c = scaledCovariance else { throw ShapeError("the fit was made without its covariance") }
        var b = transform.scaledDesign(design, weights: weights)
        guard omega.count == b.rows else { throw ShapeError("omega has \(omega.count) values, not \(b.rows)") }
        for j in 0..<b.columns {
            let base = j * b.rows
            for i in 0..<b.rows { b.storage[base + i] *= omega[i].squareRoot() }
        }
        let meat = b.gram()
        return try c.multiplied(by: meat).multiplied(by: c)
    }
}
