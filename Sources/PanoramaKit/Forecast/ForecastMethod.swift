import Foundation

/// A top-down forecasting method for a series of totals (Hyndman & Athanasopoulos, FPP3).
public enum ForecastMethod: String, CaseIterable, Sendable {
    /// ŷ = last value; σ_h = σ √h.
    case naive
    /// Random walk with drift: ŷ = y_T + h (y_T − y_1)/(T − 1); σ_h = σ √(h (1 + h/(T − 1))).
    case drift
    /// ŷ = ȳ; σ_h = s √(1 + 1/T).
    case mean
    /// Least-squares line on the time index, with the regression prediction interval (Student t).
    case trend
    /// Simple exponential smoothing, ETS(A,N,N), by maximum likelihood.
    case ses
    /// Damped-trend Holt, ETS(A,Ad,N), by maximum likelihood (φ in [0.8, 0.98]).
    case holt

    /// The methods `auto` and `backtest` consider, in display order.
    public static let candidates: [ForecastMethod] = allCases

    /// A readable name: `simple exponential smoothing ETS(A,N,N)`.
    public var title: String {
        switch self {
        case .naive: "naive (last value)"
        case .drift: "random walk with drift"
        case .mean: "mean"
        case .trend: "linear trend"
        case .ses: "simple exponential smoothing ETS(A,N,N)"
        case .holt: "damped-trend Holt ETS(A,Ad,N)"
        }
    }

    /// Parameters counted by AICc, σ included (as R's `ets` and statsmodels do): naive is
    /// ETS(A,N,N) with α = 1 (ℓ₀, σ), drift adds the slope, SES estimates α and ℓ₀, damped Holt
    /// α, β, φ, ℓ₀, b₀.
    public var parameterCount: Int {
        switch self {
        case .naive, .mean: 2
        case .drift, .trend, .ses: 3
        case .holt: 6
        }
    }

    /// The fewest observations the method can be fitted on at all.
    public var minimumObservations: Int {
        switch self {
        case .naive, .mean: 2
        case .drift, .trend, .ses: 3
        case .holt: 6
        }
    }

    /// Below this many observations AICc is undefined (n − k − 1 ≤ 0) and the fit gets a warning.
    public var comfortableObservations: Int { parameterCount + 2 }
}

/// The predictive distribution of one future value: normal, or Student t when the method's
/// interval uses estimated-variance regression theory (`trend`).
public struct ForecastPoint: Sendable, Equatable {
    public var mean: Double
    /// The standard deviation of the forecast error (the scale, for Student t).
    public var standardDeviation: Double
    /// Degrees of freedom of a Student-t interval; nil for a normal one.
    public var degreesOfFreedom: Double?

    public init(mean: Double, standardDeviation: Double, degreesOfFreedom: Double? = nil) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The p-quantile of the predictive distribution.
    public func quantile(_ p: Double) -> Double {
        guard standardDeviation > 0 else { return mean }
        return mean + standardDeviation * StudentTDistribution(degreesOfFreedom: degreesOfFreedom ?? .infinity).quantile(p)
    }

    /// The central interval with the given coverage in percent: `interval(95)`.
    public func interval(_ level: Double) -> (lower: Double, upper: Double) {
        let tail = (1 - level / 100) / 2
        return (quantile(tail), quantile(1 - tail))
    }
}

/// A named estimate of a fitted method (`alpha`, `phi`, `l0`, `slope`…).
public struct ForecastParameter: Sendable, Equatable {
    public var name: String
    public var value: Double
    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}

/// A method fitted to a series, and its forecasts for horizons 1…H.
///
/// The series is equally spaced (one value per edition); NaN marks a gap. Horizons count from
/// the series' last position, observed or not: when the last k positions are gaps, horizon h is
/// forecast h + k steps from the last observation (the "effective horizon").
public struct ForecastFit: Sendable {
    public var method: ForecastMethod
    public var parameters: [ForecastParameter]
    /// Observed (non-NaN) values the fit used.
    public var observationCount: Int
    /// Gaussian log-likelihood of the observed values (σ² at its MLE, SSE/n); nil when the fit is
    /// exact (σ = 0).
    public var logLikelihood: Double?
    /// Akaike's criterion with small-sample correction; nil when n − k − 1 ≤ 0.
    public var aicc: Double?
    /// The residual standard deviation the intervals use.
    public var sigma: Double
    /// One-step in-sample forecasts, aligned with the series (NaN where there is none).
    public var fitted: [Double]
    /// Trailing gaps: how far the last observation lies before the series' end.
    public var trailingGaps: Int
    /// Predictive distributions for horizons 1…H.
    public var forecasts: [ForecastPoint]
    /// Things the reader should know (too short a series, a boundary estimate…).
    public var warnings: [String]

    /// y − ŷ for each observed value that has a one-step forecast (NaN elsewhere).
    public func residuals(_ series: [Double]) -> [Double] {
        zip(series, fitted).map { $0 - $1 }
    }

    /// The value of a parameter by name.
    public func parameter(_ name: String) -> Double? {
        parameters.first { $0.name == name }?.value
    }
}

/// An error of the forecast kernel, for a person to read.
public struct ForecastError: UserFacingError, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension ForecastFit {
    /// Fits `method` to `series` (NaN = gap) and forecasts horizons 1…`horizon`.
    ///
    /// - Throws: `ForecastError` when the series has fewer observations than the method needs,
    ///   or the horizon is below 1.
    public static func estimate(_ method: ForecastMethod, on series: [Double], horizon: Int = 1) throws -> ForecastFit {
        guard horizon >= 1 else { throw ForecastError("the horizon must be at least 1, not \(horizon)") }
        let n = series.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
        guard n >= method.minimumObservations else {
            throw ForecastError("'\(method.rawValue)' needs at least \(method.minimumObservations) observed values; the series has \(n)")
        }
        var fit: ForecastFit
        switch method {
        case .naive: fit = Benchmarks.naive(series, horizon: horizon)
        case .drift: fit = Benchmarks.drift(series, horizon: horizon)
        case .mean: fit = Benchmarks.mean(series, horizon: horizon)
        case .trend: fit = Benchmarks.trend(series, horizon: horizon)
        case .ses: fit = ExponentialSmoothing.simple(series, horizon: horizon)
        case .holt: fit = ExponentialSmoothing.dampedHolt(series, horizon: horizon)
        }
        if n < method.comfortableObservations {
            fit.warnings.insert("the series has \(Prose.counted(n, "observed value")), too few for '\(method.rawValue)' with \(method.parameterCount) parameters (at least \(method.comfortableObservations) wanted): its estimates and intervals are unreliable", at: 0)
        }
        return fit
    }

    /// The Gaussian log-likelihood at σ² = SSE/n, and AICc for k parameters. Errors after a gap
    /// are multi-step errors of variance σ² v_t: `sse` is then Σ e_t²/v_t and `logVariances`
    /// Σ log v_t (0 without gaps).
    static func likelihood(sse: Double, n: Int, k: Int, logVariances: Double = 0) -> (logLikelihood: Double?, aicc: Double?) {
        guard sse > 0, n > 0 else { return (nil, nil) }
        let nn = Double(n)
        let ll = -nn / 2 * (log(2 * Double.pi * sse / nn) + 1) - logVariances / 2
        let kk = Double(k)
        guard nn - kk - 1 > 0 else { return (ll, nil) }
        return (ll, -2 * ll + 2 * kk + 2 * kk * (kk + 1) / (nn - kk - 1))
    }
}
