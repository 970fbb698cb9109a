import Foundation

/// The benchmark methods (naive, drift, mean) and the linear trend, as FPP3 defines them, on an
/// equally spaced series whose gaps are NaN.
///
/// Gaps: a random walk over k steps has variance kσ², so naive and drift scale a difference
/// spanning k positions by √k when estimating σ and in the likelihood (as SES does with its
/// multi-step error variances), use the last observed value, and widen the interval by the
/// effective horizon (h plus any trailing gaps). Without gaps every formula is
/// exactly FPP3's §5.5 table.
enum Benchmarks {
    /// Consecutive observed pairs: (earlier index, later index, span k, difference y_t − y_s).
    static func observedPairs(_ y: [Double]) -> [(s: Int, t: Int, k: Double, d: Double)] {
        var pairs: [(Int, Int, Double, Double)] = []
        var previous: Int?
        for t in y.indices where !y[t].isNaN {
            if let s = previous { pairs.append((s, t, Double(t - s), y[t] - y[s])) }
            previous = t
        }
        return pairs
    }

    static func observedIndices(_ y: [Double]) -> [Int] { y.indices.filter { !y[$0].isNaN } }

    /// ŷ_{T+h} = y_last; σ² = Σ (dᵢ²/kᵢ) / m over the m observed differences; σ_h = σ √h_e.
    static func naive(_ y: [Double], horizon: Int) -> ForecastFit {
        let obs = observedIndices(y)
        let last = obs.last!
        let pairs = observedPairs(y)
        var scaled = 0.0, logSpans = 0.0
        var fitted = [Double](repeating: .nan, count: y.count)
        for p in pairs {
            scaled += p.d * p.d / p.k
            logSpans += log(p.k)
            fitted[p.t] = y[p.s]
        }
        let sigma = (scaled / Double(pairs.count)).squareRoot()
        let trailing = y.count - 1 - last
        let forecasts = (1...horizon).map { h in
            ForecastPoint(mean: y[last], standardDeviation: sigma * Double(h + trailing).squareRoot())
        }
        let (ll, aicc) = ForecastFit.likelihood(sse: scaled, n: obs.count, k: ForecastMethod.naive.parameterCount, logVariances: logSpans)
        return ForecastFit(method: .naive, parameters: [], observationCount: obs.count, logLikelihood: ll,
                           aicc: aicc, sigma: sigma, fitted: fitted, trailingGaps: trailing,
                           forecasts: forecasts, warnings: sigma == 0 ? ["the series is constant: the interval has zero width"] : [])
    }

    /// b = (y_last − y_first)/(t_last − t_first); σ² = Σ ((dᵢ − kᵢ b)²/kᵢ) / (m − 1);
    /// σ_h² = σ² (h_e + h_e²/(t_last − t_first)).
    static func drift(_ y: [Double], horizon: Int) -> ForecastFit {
        let obs = observedIndices(y)
        let first = obs.first!, last = obs.last!
        let span = Double(last - first)
        let slope = (y[last] - y[first]) / span
        let pairs = observedPairs(y)
        var scaled = 0.0, logSpans = 0.0
        var fitted = [Double](repeating: .nan, count: y.count)
        for p in pairs {
            let e = p.d - p.k * slope
            scaled += e * e / p.k
            logSpans += log(p.k)
            fitted[p.t] = y[p.s] + p.k * slope
        }
        let sigma = (scaled / Double(pairs.count - 1)).squareRoot()
        let trailing = y.count - 1 - last
        let forecasts = (1...horizon).map { h -> ForecastPoint in
            let he = Double(h + trailing)
            return ForecastPoint(mean: y[last] + he * slope, standardDeviation: sigma * (he + he * he / span).squareRoot())
        }
        let (ll, aicc) = ForecastFit.likelihood(sse: scaled, n: obs.count, k: ForecastMethod.drift.parameterCount, logVariances: logSpans)
        return ForecastFit(method: .drift, parameters: [ForecastParameter("drift", slope)], observationCount: obs.count,
                           logLikelihood: ll, aicc: aicc, sigma: sigma, fitted: fitted, trailingGaps: trailing,
                           forecasts: forecasts, warnings: [])
    }

    /// ŷ = ȳ; σ_h = s √(1 + 1/n), s the sample standard deviation; intervals from Student t
    /// with n − 1 degrees of freedom (R forecast::meanf).
    static func mean(_ y: [Double], horizon: Int) -> ForecastFit {
        let obs = observedIndices(y)
        let values = obs.map { y[$0] }
        let m = Descriptive.mean(values)
        let s = Descriptive.sampleStandardDeviation(values)
        let n = Double(values.count)
        var fitted = [Double](repeating: .nan, count: y.count)
        for i in obs { fitted[i] = m }
        let sse = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        let (ll, aicc) = ForecastFit.likelihood(sse: sse, n: values.count, k: ForecastMethod.mean.parameterCount)
        // Student t with n − 1 degrees of freedom, as R forecast::meanf (and `trend`, with n − 2).
        let point = ForecastPoint(mean: m, standardDeviation: s * (1 + 1 / n).squareRoot(), degreesOfFreedom: n - 1)
        return ForecastFit(method: .mean, parameters: [ForecastParameter("mean", m)], observationCount: values.count,
                           logLikelihood: ll, aicc: aicc, sigma: s, fitted: fitted, trailingGaps: y.count - 1 - obs.last!,
                           forecasts: Array(repeating: point, count: horizon), warnings: [])
    }

    /// y = a + b·t by least squares on the observed positions; the interval at t₀ is
    /// ŷ ± t_{n−2} s √(1 + 1/n + (t₀ − t̄)²/Sₜₜ), s² = SSE/(n − 2).
    static func trend(_ y: [Double], horizon: Int) -> ForecastFit {
        let obs = observedIndices(y)
        let t = obs.map(Double.init), v = obs.map { y[$0] }
        let n = Double(obs.count)
        let tm = Descriptive.mean(t), vm = Descriptive.mean(v)
        var stt = 0.0, stv = 0.0
        for i in t.indices {
            stt += (t[i] - tm) * (t[i] - tm)
            stv += (t[i] - tm) * (v[i] - vm)
        }
        let slope = stv / stt
        let intercept = vm - slope * tm
        var fitted = [Double](repeating: .nan, count: y.count)
        var sse = 0.0
        for (i, p) in obs.enumerated() {
            fitted[p] = intercept + slope * t[i]
            sse += (v[i] - fitted[p]) * (v[i] - fitted[p])
        }
        let s = (sse / (n - 2)).squareRoot()
        let end = Double(y.count - 1)
        let forecasts = (1...horizon).map { h -> ForecastPoint in
            let t0 = end + Double(h)
            let scale = s * (1 + 1 / n + (t0 - tm) * (t0 - tm) / stt).squareRoot()
            return ForecastPoint(mean: intercept + slope * t0, standardDeviation: scale, degreesOfFreedom: n - 2)
        }
        let (ll, aicc) = ForecastFit.likelihood(sse: sse, n: obs.count, k: ForecastMethod.trend.parameterCount)
        return ForecastFit(method: .trend, parameters: [ForecastParameter("intercept", intercept), ForecastParameter("slope", slope)],
                           observationCount: obs.count, logLikelihood: ll, aicc: aicc, sigma: s, fitted: fitted,
                           trailingGaps: y.count - 1 - obs.last!, forecasts: forecasts, warnings: [])
    }
}
