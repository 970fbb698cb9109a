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
/// count in n. The first error after k − 1 gaps is a k-step error, of variance σ² v_t with
/// v_t = 1 + Σ_{j<k} c_j² (1 for every error of a series without gaps): the likelihood weighs
/// it as such, −½ Σ (log(2π σ² v_t) + e_t²/(σ² v_t)), so σ² is estimated from Σ e_t²/v_t and the
/// concentrated objective is n log Σ e_t²/v_t + Σ log v_t (at α = 1, SES is the naive method
/// and both scale a difference across a gap alike). Intervals use the analytic variance σ² (1 + Σ_{j<h} c_j²),
/// c_j = α + β φ (1 − φ^j)/(1 − φ), at the effective horizon, with σ² = SSE/(n − p), p the
/// estimated parameters (α, ℓ₀ for SES; α, β, φ, ℓ₀, b₀ for Holt), as R's `forecast::ets`
/// does. statsmodels uses SSE/n, whose intervals are narrower by √((n − p)/n); on short series
/// that makes already optimistic intervals (they ignore parameter uncertainty) more so.
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

    /// The relative variance v_t of each observed value's one-step error (NaN at gaps): 1, or
    /// 1 + Σ_{j<k} c_j² for the first value after k − 1 gaps, c_j = α + β (φ + … + φ^j).
    static func errorVariances(_ y: [Double], _ p: Smoothing) -> [Double] {
        var v = [Double](repeating: .nan, count: y.count)
        var previous = -1
        for t in y.indices where !y[t].isNaN {
            v[t] = multiStepVariance(t - previous, p)
            previous = t
        }
        return v
    }

    /// 1 + Σ_{j<k} c_j²: the variance of a k-step error relative to a one-step error.
    static func multiStepVariance(_ k: Int, _ p: Smoothing) -> Double {
        var relative = 1.0, phij = 1.0, sumPhi = 0.0
        let phi = p.trend ? p.phi : 1
        for _ in stride(from: 1, to: k, by: 1) {
            phij *= phi
            sumPhi += phij
            let c = p.alpha + p.beta * sumPhi
            relative += c * c
        }
        return relative
    }

    /// What maximum likelihood minimises: n log Σ e²/v + Σ log v (the concentrated −2 log L
    /// up to a constant; without gaps, n log SSE).
    static func objective(_ y: [Double], _ p: Smoothing) -> Double {
        let v = errorVariances(y, p)
        let observed = v.filter { !$0.isNaN }
        let sse = bestInitialStates(y, p, variances: v).sse
        guard sse > 0 else { return -Double.greatestFiniteMagnitude }
        return Double(observed.count) * log(sse) + observed.reduce(0) { $0 + log($1) }
    }

    /// The initial states minimising the weighted SSE Σ e²/v for given smoothing parameters,
    /// and that weighted SSE.
    ///
    /// One pass runs three copies of the recursions at once — on y from a zero state, and on
    /// zeros from ℓ₀ = 1 and from b₀ = 1 — accumulating the 2×2 normal equations of the errors'
    /// affine dependence on (ℓ₀, b₀); a second pass evaluates the SSE at the solution exactly.
    static func bestInitialStates(_ y: [Double], _ p: Smoothing, variances: [Double]? = nil)
        -> (level0: Double, slope0: Double, sse: Double)
    {
        let v = variances ?? errorVariances(y, p)
        var l = 0.0, b = 0.0          // on y, from zero
        var ll = 1.0, lb = 0.0        // on zeros, from ℓ₀ = 1
        var bl = 0.0, bb = 1.0        // on zeros, from b₀ = 1
        var a11 = 0.0, a12 = 0.0, a22 = 0.0, r1 = 0.0, r2 = 0.0
        let phi = p.trend ? p.phi : 1
        for t in y.indices {
            let f = l + phi * b, fl = ll + phi * lb, fb = bl + phi * bb
            if y[t].isNaN {
                l = f; ll = fl; bl = fb
                b *= phi; lb *= phi; bb *= phi
                continue
            }
            let e = y[t] - f, el = -fl, eb = -fb, w = 1 / v[t]
            a11 += w * el * el; a12 += w * el * eb; a22 += w * eb * eb
            r1 -= w * el * e; r2 -= w * eb * e
            l = f + p.alpha * e; ll = fl + p.alpha * el; bl = fb + p.alpha * eb
            b = phi * b + p.beta * e; lb = phi * lb + p.beta * el; bb = phi * bb + p.beta * eb
        }
        var l0 = 0.0, b0 = 0.0
        if !p.trend {
            l0 = a11 > 0 ? r1 / a11 : 0
        } else {
            let det = a11 * a22 - a12 * a12
            if abs(det) > 1e-12 * max(a11 * a22, 1e-300) {
                l0 = (r1 * a22 - r2 * a12) / det
                b0 = (a11 * r2 - a12 * r1) / det
            } else if a11 > 0 {
                l0 = r1 / a11
            }
        }
        return (l0, b0, sumOfSquaredErrors(y, p, level0: l0, slope0: b0, variances: v))
    }

    /// Σ e_t²/v_t over the observed values, without storing the errors.
    static func sumOfSquaredErrors(_ y: [Double], _ p: Smoothing, level0: Double, slope0: Double, variances v: [Double]) -> Double {
        var level = level0, slope = p.trend ? slope0 : 0, sse = 0.0
        for t in y.indices {
            let f = level + p.phi * slope
            if y[t].isNaN {
                level = f
                slope *= p.phi
            } else {
                let e = y[t] - f
                sse += e * e / v[t]
                level = f + p.alpha * e
                slope = p.phi * slope + p.beta * e
            }
        }
        return sse
    }

    /// ETS(A,N,N): α and ℓ₀ by maximum likelihood.
    static func simple(_ y: [Double], horizon: Int) -> ForecastFit {
        let (lo, hi) = smoothingBounds
        let sse: ([Double]) -> Double = { objective(y, Smoothing(alpha: $0[0], trend: false)) }
        let grid = [lo, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, hi]
        let start = grid.min { sse([$0]) < sse([$1]) }!
        let best = NelderMead(lower: [lo], upper: [hi], maxEvaluations: 4000).minimize(sse, from: [start])
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
        let sse: ([Double]) -> Double = { objective(y, smoothing($0)) }
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
        let optimiser = NelderMead(lower: [lo, lo, plo], upper: [hi, hi, phi], maxEvaluations: 4000)
        var best = optimiser.minimize(sse, from: starts[0].0)
        for s in starts.dropFirst().prefix(2) {
            let run = optimiser.minimize(sse, from: s.0)
            if run.value < best.value { best = run }
        }
        return finish(.holt, y, smoothing(best.point), horizon: horizon)
    }

    /// The fit at the optimum: states, likelihood, fitted values and forecast distributions.
    static func finish(_ method: ForecastMethod, _ y: [Double], _ p: Smoothing, horizon: Int) -> ForecastFit {
        let variances = errorVariances(y, p)
        let initial = bestInitialStates(y, p, variances: variances)
        let run = filter(y, p, level0: initial.level0, slope0: initial.slope0)
        let n = y.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
        let sse = initial.sse
        let estimated = method.parameterCount - 1
        let sigma2 = sse / Double(max(n - estimated, 1))
        let fitted = zip(y, run.errors).map { $1.isNaN ? Double.nan : $0 - $1 }
        let last = y.lastIndex { !$0.isNaN }!
        let trailing = y.count - 1 - last
        var forecasts: [ForecastPoint] = []
        var damp = 0.0, power = 1.0
        for h in 1...horizon {
            power *= p.phi
            damp += power
            let relative = multiStepVariance(h + trailing, p)
            forecasts.append(ForecastPoint(mean: run.level + damp * run.slope, standardDeviation: (sigma2 * relative).squareRoot()))
        }
        let logVariances = variances.reduce(0) { $1.isNaN ? $0 : $0 + log($1) }
        let (ll, aicc) = ForecastFit.likelihood(sse: sse, n: n, k: method.parameterCount, logVariances: logVariances)
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
