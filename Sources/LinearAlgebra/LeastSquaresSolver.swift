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
            scales[j] = m.centred.squareRoot()
            if !(m.centred > 0) || m.centred.squareRoot() <= options.tolerance * m.raw.squareRoot() {
                aliased.insert(j)
            }
        }
        // 2. Factor in formula order, dropping the first negligible column until none is left.
        //    A tall problem is factored block by block with the response as a last column
        //    (`TallSkinnyQR`): R, Qᵀb and the residual norm without a scaled copy of X; the
        //    full factorisation is formed only if refinement needs Q.
        let blocked = n >= options.blockedRows && n >= 4 * (p + 1)
        let rootValues = root?.map(\.value)
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
                let a = try transform.augmentedTriangle(x, response: problem.response, roots: rootValues)
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
            let bHat: [Double] = (0..<n).map { i in (rootValues?[i] ?? 1) * problem.response[i] }
            let qtb = try f.applyQTranspose(bHat)
            qtbTop = Array(qtb.prefix(r))
            var sum = 0.0
            for i in r..<max(r, n) { sum += qtb[i] * qtb[i] }
            residualNorm = sum.squareRoot()
            responseNorm = bHat.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        var xPlain = Matrix(rows: r, columns: 1, storage: qtbTop)
        try Matrix.solveTriangular(rFactor, &xPlain, upper: true)

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

        // 4. Refine when the estimated loss of digits calls for it.
        let lossy = needsRefinement(kappa: scaledCondition, residual: residualNorm, response: responseNorm)
            || interceptCancellation(xPlain.storage, transform) >= options.refinementThreshold
        let refine: Bool
        switch options.refinement {
        case .always: refine = r > 0
        case .never: refine = false
        case .automatic: refine = r > 0 && lossy
        }
        var xTilde = xPlain.storage.map { DoubleDouble($0) }
        var steps = 0
        if refine {
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
            residuals = try x.residuals(problem.response, beta.map { $0.isNaN ? 0 : $0 })
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
        var extended = false
        if options.covariance && r > 0 {
            var c: ExtendedMatrix?
            if (refine || scaledCondition >= options.refinementThreshold) && r <= 400 {
                c = extendedGram(transform).symmetricPositiveDefiniteInverse()
                extended = c != nil
            }
            if c == nil { c = try Matrix.gramInverse(upperFactor: rFactor).extended }
            covariance = transform.unscale(c!, columns: p)
            scaledCovariance = c!.rounded
        } else if options.covariance {
            covariance = Matrix(rows: p, columns: p, repeating: .nan)
        }

        return LeastSquaresSolution(
            kept: candidates, aliased: aliased.sorted(), coefficients: beta,
            coefficientsExtended: betaExtended, residuals: residuals, residualSumOfSquares: rss,
            covariance: covariance, conditionNumber: condition, scaledConditionNumber: scaledCondition,
            refinementSteps: steps, extendedCovariance: extended, transform: transform,
            scaledCovariance: scaledCovariance)
    }

    static let notFinite = ShapeError("the design and response must be finite")

    /// The (weighted) mean of a column when `centre` (else 0), Σ wᵢ(xᵢ − mean)² and Σ wᵢxᵢ²,
    /// in two passes: the sum, then the deviations with the mean's rounding correction
    /// c = Σ wᵢ(xᵢ − m) folded in (mean = m + c/W, Σ wᵢ(xᵢ − mean)² = Σ wᵢ(xᵢ − m)² − c²/W).
    static func moments(_ x: UnsafeBufferPointer<Double>, weights: [Double]?, totalWeight: Double,
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

    /// Whether the plain solve needs refining in extended precision. The solution loses about
    /// log10(κ + κ²·‖r‖/‖b‖) digits (Golub & Van Loan, least-squares perturbation bound): refine
    /// when that factor reaches `refinementThreshold`. The residuals b − Ax lose about
    /// log10(‖b‖/‖r‖) digits by cancellation — they feed only σ, R² and the diagnostics, so
    /// refine for them only when that factor reaches `refinementThreshold`² (a near-exact fit,
    /// such as NIST's Wampler1), not for every fit with a high R².
    func needsRefinement(kappa: Double, residual: Double, response: Double) -> Bool {
        guard response > 0 else { return false }
        let relative = residual / response
        let solutionLoss = max(kappa, kappa * kappa * relative)
        let residualLoss = relative > 0 ? 1 / relative : .infinity
        return solutionLoss >= options.refinementThreshold
            || residualLoss >= options.refinementThreshold * options.refinementThreshold
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

    // MARK: Extended-precision pieces

    /// X β (kept columns) in double-double, with the low-order design parts when given.
    func applyX(_ beta: [DoubleDouble], kept: [Int]) -> [DoubleDouble] {
        var out = [DoubleDouble](repeating: .zero, count: n)
        let x = problem.design.storage
        let low = problem.designLow?.storage
        for (k, j) in kept.enumerated() {
            let b = beta[k]
            let base = j * n
            if let low {
                for i in 0..<n { out[i] = out[i] + DoubleDouble(hi: x[base + i], lo: 0) * b + b * low[base + i] }
            } else {
                for i in 0..<n { out[i] = out[i] + b * x[base + i] }
            }
        }
        return out
    }

    /// B v = W^½ X S v in double-double.
    func applyB(_ v: [DoubleDouble], _ t: ScaleTransform) -> [DoubleDouble] {
        var out = applyX(t.apply(v), kept: t.kept)
        if let root { for i in 0..<n { out[i] = out[i] * root[i] } }
        return out
    }

    /// Bᵀ u = Sᵀ Xᵀ W^½ u in double-double.
    func applyBTranspose(_ u: [DoubleDouble], _ t: ScaleTransform) -> [DoubleDouble] {
        let wu = root.map { r in (0..<n).map { u[$0] * r[$0] } } ?? u
        let x = problem.design.storage
        let low = problem.designLow?.storage
        var xtu = [DoubleDouble](repeating: .zero, count: t.kept.count)
        for (k, j) in t.kept.enumerated() {
            let base = j * n
            var s = DoubleDouble.zero
            if let low {
                for i in 0..<n { s = s + wu[i] * x[base + i] + wu[i] * low[base + i] }
            } else {
                for i in 0..<n { s = s + wu[i] * x[base + i] }
            }
            xtu[k] = s
        }
        return t.applyTranspose(xtu)
    }

    /// Björck's refinement on the augmented system with c = 0: returns x̃ and the steps taken.
    func refineSolution(qr: QRFactorization, transform t: ScaleTransform,
                        start: [DoubleDouble]) throws -> ([DoubleDouble], Int) {
        let r = t.kept.count
        var x = start
        var res = [DoubleDouble](repeating: .zero, count: n)
        let b: [DoubleDouble] = (0..<n).map { i in
            let y = DoubleDouble(problem.response[i])
            return root.map { $0[i] * y } ?? y
        }
        var previous = Double.infinity
        var steps = 0
        for _ in 0..<30 {
            let bx = applyB(x, t)
            let f = (0..<n).map { i in (b[i] - res[i] - bx[i]).value }
            let g = applyBTranspose(res, t).map { (-$0).value }
            let (dr, dx) = try correction(qr: qr, order: r, f: f, g: g)
            for i in 0..<n { res[i] = res[i] + dr[i] }
            for k in 0..<r { x[k] = x[k] + dx[k] }
            steps += 1
            let size = dx.reduce(0) { max($0, abs($1)) }
            let scale = x.reduce(0) { max($0, $1.magnitude) }
            if size <= 1e-30 * scale { break }
            if steps > 2 && size > 0.5 * previous { break }
            previous = size
        }
        return (x, steps)
    }

    /// Solves `[I B̂; B̂ᵀ 0][δr; δx] = [f; g]` with the QR factors of B̂.
    func correction(qr: QRFactorization, order r: Int, f: [Double], g: [Double]) throws -> ([Double], [Double]) {
        var u = Matrix(rows: r, columns: 1, storage: g)
        try qr.solveR(&u, transpose: true, order: r)
        let d = try qr.applyQTranspose(f)
        var dx = Matrix(rows: r, columns: 1, storage: (0..<r).map { d[$0] - u.storage[$0] })
        try qr.solveR(&dx, order: r)
        var z = d
        for k in 0..<r { z[k] = u.storage[k] }
        let dr = try qr.applyQ(z)
        return (dr, dx.storage)
    }

    /// Bᵀ B in double-double from the exactly centred columns: Σ wᵢ zᵢⱼ zᵢₖ / (dⱼ dₖ).
    func extendedGram(_ t: ScaleTransform) -> ExtendedMatrix {
        let r = t.kept.count
        let x = problem.design.storage
        let low = problem.designLow?.storage
        // Centred columns in double-double (x − m is exact as a pair).
        var z = [[DoubleDouble]](repeating: [], count: r)
        for (k, j) in t.kept.enumerated() {
            let base = j * n
            z[k] = (0..<n).map { i in
                var v = DoubleDouble.twoSum(x[base + i], -t.means[k])
                if let low { v = v + low[base + i] }
                if let root { v = v * root[i] }
                return v
            }
        }
        var g = ExtendedMatrix(rows: r, columns: r)
        for a in 0..<r {
            for c in a..<r {
                var s = DoubleDouble.zero
                let za = z[a], zc = z[c]
                for i in 0..<n { s = s + za[i] * zc[i] }
                s = s / DoubleDouble(t.scales[a]) / DoubleDouble(t.scales[c])
                g[a, c] = s
                g[c, a] = s
            }
        }
        return g
    }
}
