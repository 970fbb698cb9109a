import Dispatch

/// The steps of `LeastSquares.fit` (see its documentation for the method).
struct LeastSquaresSolver {
    let problem: LeastSquares.Problem
    let options: LeastSquares.Options
    let n: Int
    let p: Int
    /// √wᵢ in double-double (ones without weights).
    let root: [DoubleDouble]?

    init(_ problem: LeastSquares.Problem, options: LeastSquares.Options) throws {
        self.problem = problem
        self.options = options
        n = problem.design.rows
        p = problem.design.columns
        guard problem.response.count == n else {
            throw ShapeError("the response has \(problem.response.count) values but the design has \(n) rows")
        }
        if let low = problem.designLow, low.rows != n || low.columns != p {
            throw ShapeError("the low-order design parts are \(low.rows)×\(low.columns), not \(n)×\(p)")
        }
        // The design's columns are checked in the first pass over them (`solve`).
        guard problem.response.allSatisfy(\.isFinite) else { throw LeastSquaresSolver.notFinite }
        if let w = problem.weights {
            guard w.count == n else { throw ShapeError("there are \(w.count) weights for \(n) rows") }
            guard w.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw ShapeError("weights must be positive and finite") }
            root = w.map { DoubleDouble($0).squareRoot }
        } else {
            root = nil
        }
        if let k = problem.intercept {
            guard k >= 0, k < p else { throw ShapeError("intercept column \(k) is out of range") }
        }
    }

    // MARK: The steps

    func solve() throws -> LeastSquaresSolution {
        let x = problem.design
        let weights = problem.weights
        // 1. Means and norms; columns that vanish once centred are aliased with the intercept.
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 0, count: p)
        var aliased = Set<Int>()
        let totalWeight = weights.map { w in w.reduce(0, +) } ?? Double(n)
        // Columns are independent: a tall design's run on all cores.
        var moments = [(mean: Double, centred: Double, raw: Double, finite: Bool)](repeating: (0, 0, 0, true), count: p)
        x.storage.withUnsafeBufferPointer { xs in
            moments.withUnsafeMutableBufferPointer { out in
                let source = SharedPointer(readOnly: xs.baseAddress!)
                let target = SharedPointer(out.baseAddress!)
                let intercept = problem.intercept
                @Sendable func column(_ j: Int) {
                    let column = UnsafeBufferPointer(start: source.base + j * n, count: n)
                    let (mean, centred, raw) = LeastSquaresSolver.moments(column, weights: weights, totalWeight: totalWeight,
                                                                          centre: intercept.map { $0 != j && n > 0 } ?? false)
                    let finite = (raw.isFinite && mean.isFinite) || column.allSatisfy(\.isFinite)
                    target.base[j] = (mean, centred, raw, finite)
                }
                if n * p >= 1 << 20 {
                    DispatchQueue.concurrentPerform(iterations: p) { column($0) }
                } else {
                    for j in 0..<p { column(j) }
                }
            }
        }
        for (j, m) in moments.enumerated() {
            guard m.finite else { throw LeastSquaresSolver.notFinite }
            means[j] = m.mean
            scales[j] = m.centred
            if !(m.centred > 0) || m.centred <= options.tolerance * m.raw {
                aliased.insert(j)
            }
        }
        // 2. Factor in formula order, dropping the first negligible column until none is left.
        //    A tall problem is factored block by block with the response as a last column
        //    (`TallSkinnyQR`): R, Qᵀb and the residual norm without a scaled copy of X; the
        //    full factorisation is formed only if refinement needs Q.
        let blocked = n >= options.blockedRows && n >= 4 * (p + 1)
        let rootValues = root?.map(\.value)
        // With an intercept, the response is centred on its (weighted) mean ȳ, whose share
        // (ȳ d_k along the intercept's column) is added back to x̃ exactly: Qᵀb̂ then carries no
        // rounding of the order of ε‖ȳ‖, which for a response near 1e9 left the slopes and the
        // residuals only 8 digits.
        var responseMean = problem.intercept.map { aliased.contains($0) ? 0 : centredResponseMoments().mean } ?? 0
        var response = responseMean == 0 ? problem.response : problem.response.map { $0 - responseMean }
        var candidates = (0..<p).filter { !aliased.contains($0) }
        var transform = ScaleTransform(kept: candidates, interceptPosition: nil, means: [], scales: [])
        var qr: QRFactorization?
        var augmented: Matrix?
        while true {
            transform = ScaleTransform(kept: candidates,
                                       interceptPosition: problem.intercept.flatMap { candidates.firstIndex(of: $0) },
                                       means: candidates.map { means[$0] }, scales: candidates.map { scales[$0] })
            let diagonal: [Double]
            if blocked {
                let a = try transform.augmentedTriangle(x, response: response, roots: rootValues)
                augmented = a
                diagonal = Array(a.diagonal.prefix(candidates.count))
            } else {
                let f = try QRFactorization(transform.scaledDesign(x, weights: weights), pivoting: .none)
                qr = f
                diagonal = f.rDiagonal
            }
            var drop: Int?
            for k in 0..<candidates.count {
                if k >= n || !(abs(diagonal[k]) >= options.tolerance) { drop = k; break }
            }
            guard let drop else { break }
            aliased.insert(candidates[drop])
            candidates.remove(at: drop)
            if candidates.firstIndex(of: problem.intercept ?? -1) == nil && responseMean != 0 {
                // The intercept itself was aliased (terms before it span a constant): no centring.
                responseMean = 0
                response = problem.response
            }
        }
        let r = candidates.count

        // 3. Plain solve: x̃ = R⁻¹ (Qᵀb)[0..<r], and the norms of b̂ and of its residual.
        let rFactor: Matrix
        let qtbTop: [Double]
        let residualNorm: Double
        let responseNorm: Double
        if let a = augmented {
            rFactor = a.leading(r)
            let last = (0...r).map { a[$0, r] }
            qtbTop = Array(last.prefix(r))
            residualNorm = abs(last[r])
            // ‖b̂‖ = ‖Qᵀb̂‖, all of which is in the last column of the augmented R.
            responseNorm = last.reduce(0) { $0 + $1 * $1 }.squareRoot()
        } else {
            let f = qr!
            rFactor = f.r(r)
            let bHat: [Double] = (0..<n).map { i in (rootValues?[i] ?? 1) * response[i] }
            let qtb = try f.applyQTranspose(bHat)
            qtbTop = Array(qtb.prefix(r))
            var sum = 0.0
            for i in r..<max(r, n) { sum += qtb[i] * qtb[i] }
            residualNorm = sum.squareRoot()
            responseNorm = bHat.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        var xCentred = Matrix(rows: r, columns: 1, storage: qtbTop)
        try Matrix.solveTriangular(rFactor, &xCentred, upper: true)
        // x̃ with ȳ's share added back, in double-double (and rounded, for the tests below).
        var xTilde = xCentred.storage.map { DoubleDouble($0) }
        if let k = transform.interceptPosition, responseMean != 0 {
            xTilde[k] = xTilde[k] + DoubleDouble(responseMean) * transform.scales[k]
        }
        let xPlain = xTilde.map(\.value)

        // Condition numbers: of R (scaled) and of R S⁻¹ (= W^½ X, as statsmodels reports).
        let scaledCondition: Double
        let condition: Double
        if options.conditionNumbers {
            scaledCondition = r > 0 ? try rFactor.conditionNumber() : .nan
            condition = r > 0 ? try rawFactor(rFactor, transform).conditionNumber() : .nan
        } else {
            scaledCondition = r > 0 ? LeastSquaresSolver.oneNormCondition(rFactor) : .nan
            condition = .nan
        }

        // 4. Refine when the estimated loss of digits calls for it (with an intercept, b̂ is
        //    the centred response: its mean is fitted exactly).
        let lossy = needsRefinement(kappa: scaledCondition, residual: residualNorm, response: responseNorm)
            || interceptCancellation(xPlain, transform) >= options.refinementThreshold
        let refine: Bool
        switch options.refinement {
        case .always: refine = r > 0
        case .never: refine = false
        case .automatic: refine = r > 0 && lossy
        }
        var steps = 0
        if refine, qr == nil, scaledCondition < LeastSquaresSolver.seminormalConditionLimit {
            (xTilde, steps) = try refineSeminormal(r: rFactor, transform: transform, start: xTilde)
        } else if refine {
            let f = try qr ?? QRFactorization(transform.scaledDesign(x, weights: weights), pivoting: .none)
            (xTilde, steps) = try refineSolution(qr: f, transform: transform, start: xTilde)
        }

        // 5. Coefficients, residuals, RSS.
        let betaKept = transform.apply(xTilde)
        var beta = [Double](repeating: .nan, count: p)
        var betaExtended = [DoubleDouble](repeating: .zero, count: p)
        for (k, j) in candidates.enumerated() {
            beta[j] = betaKept[k].value
            betaExtended[j] = betaKept[k]
        }
        var residuals: [Double]
        var rss: Double
        if refine || problem.designLow != nil {
            let fitted = applyX(betaKept, kept: candidates)
            residuals = [Double](repeating: 0, count: n)
            var sum = DoubleDouble.zero
            for i in 0..<n {
                let e = DoubleDouble(problem.response[i]) - fitted[i]
                residuals[i] = e.value
                let we = root.map { $0[i] * e } ?? e
                sum = sum + we * we
            }
            rss = sum.value
        } else {
            residuals = transform.residuals(x, response: response, solution: xCentred.storage)
            rss = 0
            if let weights {
                for i in 0..<n { rss += weights[i] * residuals[i] * residuals[i] }
            } else {
                for i in 0..<n { rss += residuals[i] * residuals[i] }
            }
        }

        // 6. Covariance.
        var covariance: Matrix?
        var scaledCovariance: Matrix?
        var covarianceRoots: [Double]?
        var extended = false
        if options.covariance && r > 0 {
            var c: ExtendedMatrix?
            // C from R is accurate to about κε; the intercept's cancellation or a near-exact
            // fit, which call for refining x̃, leave C as accurate as κ says.
            if scaledCondition >= options.refinementThreshold && r <= 400 {
                c = extendedGram(transform).symmetricPositiveDefiniteInverse()
                extended = c != nil
            }
            if c == nil { c = try Matrix.gramInverse(upperFactor: rFactor).extended }
            covariance = transform.unscale(c!, columns: p)
            scaledCovariance = c!.rounded
            covarianceRoots = transform.standardDeviations(c!, columns: p)
        } else if options.covariance {
            covariance = Matrix(rows: p, columns: p, repeating: .nan)
            covarianceRoots = [Double](repeating: .nan, count: p)
        }

        return LeastSquaresSolution(
            kept: candidates, aliased: aliased.sorted(), coefficients: beta,
            coefficientsExtended: betaExtended, residuals: residuals, residualSumOfSquares: rss,
            covariance: covariance, conditionNumber: condition, scaledConditionNumber: scaledCondition,
            refinementSteps: steps, extendedCovariance: extended, covarianceRoots: covarianceRoots,
            transform: transform, scaledCovariance: scaledCovariance)
    }

    static let notFinite = ShapeError("the design and response must be finite")

    /// Below this scaled condition number a tall problem is refined by the seminormal
    /// equations (error shrinking by κ²ε ≤ 1e-8 a step); above, by Björck's augmented system.
    static let seminormalConditionLimit = 1e4

    /// The response's weighted mean ȳ and ‖W^½ (y − ȳ)‖.
    func centredResponseMoments() -> (mean: Double, centred: Double) {
        let totalWeight = problem.weights.map { $0.reduce(0, +) } ?? Double(n)
        let m = problem.response.withUnsafeBufferPointer {
            LeastSquaresSolver.moments($0, weights: problem.weights, totalWeight: totalWeight, centre: true)
        }
        return (m.mean, m.centred)
    }

    /// The (weighted) mean of a column when `centre` (else 0), √Σ wᵢ(xᵢ − mean)² and √Σ wᵢxᵢ².
    ///
    /// A column of values far from 1 (beyond 1e±100) is scaled by a power of two first, so its
    /// squares neither overflow (1e160² is ∞) nor underflow (1e-160² is 0): the rank decision
    /// is then the same at every magnitude a Double holds.
    static func moments(_ x: UnsafeBufferPointer<Double>, weights: [Double]?, totalWeight: Double,
                        centre: Bool) -> (mean: Double, centred: Double, raw: Double) {
        var largest = 0.0
        for v in x { largest = max(largest, abs(v)) }
        guard largest.isFinite, largest > 0, largest > 1e100 || largest < 1e-100 else {
            let (mean, centred, raw) = squaredMoments(x, weights: weights, totalWeight: totalWeight, centre: centre)
            return (mean, max(0, centred).squareRoot(), raw.squareRoot())
        }
        let e = Int(largest.exponent)
        let scaled = x.map { Double(sign: .plus, exponent: -e, significand: $0) }
        let (mean, centred, raw) = scaled.withUnsafeBufferPointer {
            squaredMoments($0, weights: weights, totalWeight: totalWeight, centre: centre)
        }
        func unscale(_ v: Double) -> Double { Double(sign: .plus, exponent: e, significand: v) }
        return (unscale(mean), unscale(max(0, centred).squareRoot()), unscale(raw.squareRoot()))
    }

    /// The mean, Σ wᵢ(xᵢ − mean)² and Σ wᵢxᵢ², in two passes: the sum, then the deviations with
    /// the mean's rounding correction c = Σ wᵢ(xᵢ − m) folded in (mean = m + c/W,
    /// Σ wᵢ(xᵢ − mean)² = Σ wᵢ(xᵢ − m)² − c²/W).
    private static func squaredMoments(_ x: UnsafeBufferPointer<Double>, weights: [Double]?, totalWeight: Double,
                                       centre: Bool) -> (mean: Double, centred: Double, raw: Double) {
        let n = x.count
        var m = 0.0
        if centre {
            var s = 0.0
            if let weights {
                for i in 0..<n { s += weights[i] * x[i] }
            } else {
                for i in 0..<n { s += x[i] }
            }
            m = s / totalWeight
        }
        var c = 0.0, squares = 0.0, raw = 0.0
        if let weights {
            for i in 0..<n {
                let w = weights[i], v = x[i], d = v - m
                c += w * d
                squares += w * d * d
                raw += w * v * v
            }
        } else {
            for i in 0..<n {
                let v = x[i], d = v - m
                c += d
                squares += d * d
                raw += v * v
            }
        }
        guard centre else { return (0, raw, raw) }
        return (m + c / totalWeight, squares - c * c / totalWeight, raw)
    }

    /// κ₁(R) = ‖R‖₁ ‖R⁻¹‖₁ for an upper triangular R, R⁻¹ by back substitution (∞ if singular).
    static func oneNormCondition(_ r: Matrix) -> Double {
        let n = r.columns
        var inverse = Matrix(rows: n, columns: n)
        for j in 0..<n {
            guard r[j, j] != 0 else { return .infinity }
            inverse[j, j] = 1 / r[j, j]
            for i in stride(from: j - 1, through: 0, by: -1) {
                var s = 0.0
                for k in (i + 1)...j { s += r[i, k] * inverse[k, j] }
                inverse[i, j] = -s / r[i, i]
            }
        }
        func norm(_ m: Matrix) -> Double {
            (0..<n).map { j in (0..<n).reduce(0) { $0 + abs(m[$1, j]) } }.max() ?? 0
        }
        return norm(r) * norm(inverse)
    }

    /// Whether the plain solve needs refining in extended precision. The solution loses up to
    /// log10(κ + κ²·‖r‖/‖b‖) digits (Golub & Van Loan, least-squares perturbation bound), b
    /// the centred response when there is an intercept:
    /// - refine when κ reaches `refinementThreshold` (100: two digits, e.g. NIST's Longley);
    /// - the κ²‖r‖/‖b‖ term is reached only when the rounding errors line up with the
    ///   residual, and is at most ε κ² √(n − p) standard errors: refine for it only from
    ///   `refinementThreshold`². Below κ = 100 it stays under that for every fit, so an
    ///   ordinary regression with correlated predictors and a modest R² (κ 38, R² 0.986: a
    ///   term of 175) takes the fast path, as it did not when this term counted from 100;
    /// - the residuals lose about log10(‖b‖/‖r‖) digits by cancellation — they feed only σ,
    ///   R² and the diagnostics — so refine for them from `refinementThreshold`² (a near-exact
    ///   fit, such as NIST's Wampler1), not for every fit with a high R².
    func needsRefinement(kappa: Double, residual: Double, response: Double) -> Bool {
        guard response > 0 else { return false }
        let relative = residual / response
        let squared = options.refinementThreshold * options.refinementThreshold
        let residualLoss = relative > 0 ? 1 / relative : .infinity
        return kappa >= options.refinementThreshold || kappa * kappa * relative >= squared || residualLoss >= squared
    }

    /// How many times the intercept is smaller than the terms it is recovered from: β₀ =
    /// x̃₀/d₀ − Σ mⱼβⱼ loses about log10(Σ|mⱼβⱼ| / |β₀|) digits of x̃'s accuracy when the
    /// predictors' means are far from zero and the intercept is not (NIST's Norris and Pontius:
    /// 2–3 digits, which the refinement gives back). 0 without an intercept.
    func interceptCancellation(_ x: [Double], _ t: ScaleTransform) -> Double {
        guard let k = t.interceptPosition else { return 0 }
        var spread = 0.0, shift = 0.0
        for j in 0..<x.count where j != k {
            let term = t.means[j] * x[j] / t.scales[j]
            spread += abs(term)
            shift += term
        }
        let intercept = x[k] / t.scales[k] - shift
        return spread == 0 ? 0 : spread / abs(intercept)
    }

    /// R S⁻¹, whose singular values are those of W^½ X (kept columns).
    func rawFactor(_ r: Matrix, _ t: ScaleTransform) -> Matrix {
        // S⁻¹ = D T⁻¹: column j is d_j e_j, plus d_int m_j e_int for a centred column.
        var out = Matrix(rows: r.rows, columns: r.columns)
        for j in 0..<r.columns {
            for i in 0..<r.rows {
                var v = r[i, j] * t.scales[j]
                if let k = t.interceptPosition, k != j { v += r[i, k] * t.scales[k] * t.means[j] }
                out[i, j] = v
            }
        }
        return out
    }
}
