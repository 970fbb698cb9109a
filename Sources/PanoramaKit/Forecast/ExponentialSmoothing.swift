import Foundation

/// Exponential smoothing state-space models with additive errors, fitted by maximum likelihood
/// (Hyndman, Koehler, Ord & Snyder 2008; FPP3 §8.5):
///
///     ŷ_t = ℓ_{t−1} + φ b_{t−1},   e_t = y_t − ŷ_t
///     ℓ_t = ℓ_{t−1} + φ b_{t−1} + α e_t
///     b_t = φ b_{t−1} + β e_t                    (ETS(A,Ad,N); ETS(A,N,N) drops b)
///
/// The concentrated log-likelihood is −n/2 (log(2π SSE/n) + 1), so the MLE minimises SSE. The
/// one-step errors are affine in the initial states (ℓ₀, b₀), which are therefore solved exactly
/// by least squares for each trial (α, β, φ); the smoothing parameters are searched by a bounded
/// Nelder–Mead within statsmodels' `ETSModel` bounds: α ∈ [1e-4, 1 − 1e-4], β = α β* with
/// β* ∈ [1e-4, 1 − 1e-4], φ ∈ [0.8, 0.98].
///
/// A gap (NaN) skips the update step: the state is propagated with e_t = 0 and the gap does not
/// count in n. Intervals use σ² = SSE/n and the analytic variance σ² (1 + Σ_{j<h} c_j²),
/// c_j = α + β φ (1 − φ^j)/(1 − φ), at the effective horizon.
enum ExponentialSmoothing {
    static let smoothingBounds = (lower: 1e-4, upper: 1 - 1e-4)
    static let dampingBounds = (lower: 0.8, upper: 0.98)

    struct Smoothing {
        var alpha: Double
        var beta: Double = 0
        var phi: Double = 1
        var trend: Bool
    }

    /// Runs the recursions, returning each one-step error (NaN at gaps) and the final state.
    static func filter(_ y: [Double], _ p: Smoothing, level0: Double, slope0: Double)
        -> (errors: [Double], level: Double, slope: Double)
    {
        var level = level0, slope = p.trend ? slope0 : 0
        var errors = [Double](repeating: .nan, count: y.count)
        for t in y.indices {
            let forecast = level + p.phi * slope
            if y[t].isNaN {
                level = forecast
                slope = p.phi * slope
            } else {
                let e = y[t] - forecast
                errors[t] = e
                level = forecast + p.alpha * e
                slope = p.phi * slope + p.beta * e
            }
        }
        return (errors, level, slope)
    }

    /// The initial states minimising SSE for given smoothing parameters, and that SSE.
    static func bestInitialStates(_ y: [Double], _ p: Smoothing) -> (level0: Double, slope0: Double, sse: Double) {
        let zeros = y.map { $0.isNaN ? Double.nan : 0 }
        let base = filter(y, p, level0: 0, slope0: 0).errors
        let gl = filter(zeros, p, level0: 1, slope0: 0).errors
        if !p.trend {
            var num = 0.0, den = 0.0
            for t in y.indices where !y[t].isNaN { num += base[t] * gl[t]; den += gl[t] * gl[t] }
            let l0 = den > 0 ? -num / den : 0
            var sse = 0.0
            for t in y.indices where !y[t].isNaN { let e = base[t] + l0 * gl[t]; sse += e * e }
            return (l0, 0, sse)
        }
        let gb = filter(zeros, p, level0: 0, slope0: 1).errors
        var a11 = 0.0, a12 = 0.0, a22 = 0.0, r1 = 0.0, r2 = 0.0
        for t in y.indices where !y[t].isNaN {
            a11 += gl[t] * gl[t]; a12 += gl[t] * gb[t]; a22 += gb[t] * gb[t]
            r1 -= gl[t] * base[t]; r2 -= gb[t] * base[t]
        }
        let det = a11 * a22 - a12 * a12
        var l0 = 0.0, b0 = 0.0
        if abs(det) > 1e-12 * max(a11 * a22, 1e-300) {
            l0 = (r1 * a22 - r2 * a12) / det
            b0 = (a11 * r2 - a12 * r1) / det
        } else if a11 > 0 {
            l0 = r1 / a11
        }
        var sse = 0.0
        for t in y.indices where !y[t].isNaN { let e = base[t] + l0 * gl[t] + b0 * gb[t]; sse += e * e }
        return (l0, b0, sse)
    }

    /// ETS(A,N,N): α and ℓ₀ by maximum likelihood.
    static func simple(_ y: [Double], horizon: Int) -> ForecastFit {
        let (lo, hi) = smoothingBounds
        let sse: ([Double]) -> Double = { bestInitialStates(y, Smoothing(alpha: $0[0], trend: false)).sse }
        let grid = [lo, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, hi]
        let start = grid.min { sse([$0]) < sse([$1]) }!
        let best = BoundedNelderMead(lower: [lo], upper: [hi]).minimize(sse, from: [start])
        let p = Smoothing(alpha: best.point[0], trend: false)
        return finish(.ses, y, p, horizon: horizon)
    }

    /// ETS(A,Ad,N): α, β, φ, ℓ₀, b₀ by maximum likelihood.
    static func dampedHolt(_ y: [Double], horizon: Int) -> ForecastFit {
        let (lo, hi) = smoothingBounds
        let (plo, phi) = dampingBounds
        func smoothing(_ x: [Double]) -> Smoothing {
            Smoothing(alpha: x[0], beta: x[0] * x[1], phi: x[2], trend: true)
        }
        let sse: ([Double]) -> Double = { bestInitialStates(y, smoothing($0)).sse }
        var starts: [([Double], Double)] = []
        for a in [0.1, 0.3, 0.5, 0.7, 0.9, hi] {
            for b in [lo, 0.1, 0.3, 0.6, hi] {
                for f in [plo, 0.9, phi] {
                    let x = [a, b, f]
                    starts.append((x, sse(x)))
                }
            }
        }
        starts.sort { $0.1 < $1.1 }
        let optimiser = BoundedNelderMead(lower: [lo, lo, plo], upper: [hi, hi, phi])
        var best = optimiser.minimize(sse, from: starts[0].0)
        for s in starts.dropFirst().prefix(3) {
            let run = optimiser.minimize(sse, from: s.0)
            if run.value < best.value { best = run }
        }
        return finish(.holt, y, smoothing(best.point), horizon: horizon)
    }

    /// The fit at the optimum: states, likelihood, fitted values and forecast distributions.
    static func finish(_ method: ForecastMethod, _ y: [Double], _ p: Smoothing, horizon: Int) -> ForecastFit {
        let initial = bestInitialStates(y, p)
        let run = filter(y, p, level0: initial.level0, slope0: initial.slope0)
        let n = y.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
        let sse = initial.sse
        let sigma2 = sse / Double(n)
        let fitted = zip(y, run.errors).map { $1.isNaN ? Double.nan : $0 - $1 }
        let last = y.lastIndex { !$0.isNaN }!
        let trailing = y.count - 1 - last
        var forecasts: [ForecastPoint] = []
        var damp = 0.0, power = 1.0
        for h in 1...horizon {
            power *= p.phi
            damp += power
            let he = h + trailing
            var relative = 1.0, phij = 1.0, sumPhi = 0.0
            for _ in stride(from: 1, to: he, by: 1) {
                phij *= p.phi
                sumPhi += phij
                // c_j = α + β (φ + … + φ^j)
                let c = p.alpha + p.beta * sumPhi
                relative += c * c
            }
            forecasts.append(ForecastPoint(mean: run.level + damp * run.slope, standardDeviation: (sigma2 * relative).squareRoot()))
        }
        let (ll, aicc) = ForecastFit.likelihood(sse: sse, n: n, k: method.parameterCount)
        var parameters = [ForecastParameter("alpha", p.alpha)]
        if p.trend {
            parameters += [ForecastParameter("beta", p.beta), ForecastParameter("phi", p.phi)]
        }
        parameters.append(ForecastParameter("l0", initial.level0))
        if p.trend { parameters.append(ForecastParameter("b0", initial.slope0)) }
        var warnings: [String] = []
        if sse <= 0 { warnings.append("the model fits the series exactly: no likelihood and zero-width intervals") }
        return ForecastFit(method: method, parameters: parameters, observationCount: n, logLikelihood: ll, aicc: aicc,
                           sigma: sigma2.squareRoot(), fitted: fitted, trailingGaps: trailing,
                           forecasts: forecasts, warnings: warnings)
    }
}
