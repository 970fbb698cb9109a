import Foundation

/// Point-forecast accuracy of a set of forecasts against what happened (FPP3 §5.8).
public struct Accuracy: Sendable, Equatable {
    /// Forecasts scored (pairs where both the actual and the forecast are numbers).
    public var count: Int
    /// Mean absolute error: mean |y − ŷ|.
    public var mae: Double
    /// Root mean squared error: √mean (y − ŷ)².
    public var rmse: Double
    /// Mean absolute percentage error, in percent: 100 · mean |(y − ŷ)/y| (NaN if some y = 0).
    public var mape: Double
    /// Mean absolute scaled error: MAE / scale, the scale being the in-sample naive one-step MAE.
    public var mase: Double

    /// Scores `forecasts` against `actuals`; `scale` is the MASE denominator.
    ///
    /// `Accuracy(actuals: [10, 12], forecasts: [11, 11], scale: 2).mase // 0.5`
    public init(actuals: [Double], forecasts: [Double], scale: Double) {
        var n = 0
        var abs = 0.0, sq = 0.0, pct = 0.0
        for (y, f) in zip(actuals, forecasts) where !y.isNaN && !f.isNaN {
            let e = y - f
            n += 1
            abs += Swift.abs(e)
            sq += e * e
            pct += y == 0 ? .nan : Swift.abs(e / y)
        }
        count = n
        let nn = Double(n)
        mae = n > 0 ? abs / nn : .nan
        rmse = n > 0 ? (sq / nn).squareRoot() : .nan
        mape = n > 0 ? 100 * pct / nn : .nan
        mase = n > 0 && scale > 0 ? mae / scale : .nan
    }

    /// The MASE scale: the mean absolute one-step difference over consecutive observed positions
    /// (editions k and k+1 both present). NaN when there is no such pair.
    ///
    /// `Accuracy.naiveScale([1, 3, .nan, 4, 8]) // 3` (|3 − 1| and |8 − 4|)
    public static func naiveScale(_ y: [Double]) -> Double {
        var sum = 0.0, n = 0
        for t in y.indices.dropFirst() where !y[t].isNaN && !y[t - 1].isNaN {
            sum += Swift.abs(y[t] - y[t - 1])
            n += 1
        }
        return n > 0 ? sum / Double(n) : .nan
    }

    /// The share of actuals inside their [lower, upper] interval (ends included), over the pairs
    /// where all three are numbers.
    ///
    /// `Accuracy.coverage(actuals: [1, 5], lower: [0, 0], upper: [2, 4]) // 0.5`
    public static func coverage(actuals: [Double], lower: [Double], upper: [Double]) -> Double {
        let c = coverageCount(actuals: actuals, lower: lower, upper: upper)
        return c.scored > 0 ? Double(c.inside) / Double(c.scored) : .nan
    }

    /// The counts behind `coverage`: actuals inside their interval, out of the pairs scored.
    ///
    /// `Accuracy.coverageCount(actuals: [1, 5], lower: [0, 0], upper: [2, 4]) // (1, 2)`
    public static func coverageCount(actuals: [Double], lower: [Double], upper: [Double]) -> (inside: Int, scored: Int) {
        var inside = 0, n = 0
        for i in actuals.indices where !actuals[i].isNaN && !lower[i].isNaN && !upper[i].isNaN {
            n += 1
            if actuals[i] >= lower[i] && actuals[i] <= upper[i] { inside += 1 }
        }
        return (inside, n)
    }

    /// The Wilson score interval of a coverage proportion (95 % by default): how sure a
    /// backtest's `7 of 11` is about the interval's true coverage. With so few forecasts it is
    /// wide (7 of 11: 35 %–85 %), which is the point of showing it. nil when nothing was scored.
    ///
    /// `Accuracy.coverageInterval(inside: 7, scored: 11)  // (0.3538…, 0.8483…)`
    public static func coverageInterval(inside: Int, scored: Int, level: Double = 95) -> (lower: Double, upper: Double)? {
        guard scored > 0, inside >= 0, inside <= scored else { return nil }
        let z = NormalDistribution.standardQuantile(0.5 + level / 200)
        let n = Double(scored), p = Double(inside) / n
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
