import Foundation

/// `method = "auto"`: every candidate fitted, ranked by AICc and by rolling-origin one-step MASE,
/// and combined with equal weights.
///
/// AICc compares likelihoods of the same observations: mean and trend are Gaussian regressions,
/// SES and damped Holt ETS models, and naive and drift the ETS special cases α = 1 (with a fixed
/// slope for drift), so all six are on one footing. MASE comes from `Backtest` on common origins.
/// The method chosen is the MASE winner when at least three origins were scored (out-of-sample
/// evidence first), else the AICc winner.
public struct ForecastSelection: Sendable {
    /// Every candidate that could be fitted, in `ForecastMethod.candidates` order.
    public var fits: [ForecastFit]
    public var backtest: Backtest?
    public var byAICc: ForecastMethod?
    public var byMASE: ForecastMethod?
    public var chosen: ForecastMethod
    /// The equal-weight combination of all fitted candidates, horizons 1…H.
    public var combination: [ForecastPoint]
    public var notes: [String]

    /// The fit of a method, when it was fitted.
    public func fit(_ method: ForecastMethod) -> ForecastFit? { fits.first { $0.method == method } }

    /// Fits and ranks every candidate on `series` (NaN = gap).
    ///
    /// - Throws: `ForecastError` when no method can be fitted (fewer than two observations).
    public static func select(_ series: [Double], horizon: Int = 1, levels: [Double] = [80, 95],
                              minimumTraining: Int? = nil, cancelled: () -> Bool = { false }) throws -> ForecastSelection {
        let n = series.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
        var notes: [String] = []
        let candidates = ForecastMethod.candidates.filter { n >= $0.minimumObservations }
        guard !candidates.isEmpty else {
            throw ForecastError("the series has \(n) observed value\(n == 1 ? "" : "s"): forecasting needs at least 2")
        }
        let left = ForecastMethod.candidates.filter { !candidates.contains($0) }
        if !left.isEmpty {
            notes.append("left out (too few observations): " + left.map(\.rawValue).joined(separator: ", "))
        }
        let fits = try candidates.map { try ForecastFit.estimate($0, on: series, horizon: horizon) }
        let byAICc = fits.filter { $0.aicc != nil }.min { $0.aicc! < $1.aicc! }?.method

        var backtest: Backtest?
        do {
            backtest = try Backtest.run(series, methods: candidates, levels: levels,
                                        minimumTraining: minimumTraining, cancelled: cancelled)
        } catch let cancelled as Cancelled {
            throw cancelled
        } catch {
            notes.append("no backtest: \((error as? ForecastError)?.message ?? "too short a series")")
        }
        var byMASE: ForecastMethod?
        if let backtest {
            if backtest.targets.count >= 3 {
                byMASE = candidates.min { a, b in
                    let x = backtest.row(a.rawValue)?.accuracy.mase ?? .infinity
                    let y = backtest.row(b.rawValue)?.accuracy.mase ?? .infinity
                    return (x.isNaN ? .infinity : x) < (y.isNaN ? .infinity : y)
                }
            } else {
                notes.append("only \(backtest.targets.count) backtest origin\(backtest.targets.count == 1 ? "" : "s"): the choice uses AICc")
            }
        }
        let chosen = byMASE ?? byAICc ?? candidates[0]
        let combination = ForecastCombination.combine(fits, series: series)
        return ForecastSelection(fits: fits, backtest: backtest, byAICc: byAICc, byMASE: byMASE, chosen: chosen,
                                 combination: combination, notes: notes)
    }
}
