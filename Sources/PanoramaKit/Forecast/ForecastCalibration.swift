import Foundation

/// A top-down method's intervals calibrated on its own rolling-origin backtest (issue 19.3):
/// `ConformalCalibration` on the backtest's one-step misses of that method, each in units of
/// the forecast's predictive standard deviation. `forecast(…, calibrate=true)` and the top-down
/// view of `outlook` both calibrate through this type.
///
/// Gaps and horizons: a backtest target after a gap is forecast at its effective horizon, so
/// its miss is scored in the multi-step standard deviation the model claimed for it (the gap
/// rule of every method). Only such one-step-from-the-last-observation scores exist, so a
/// forecast h editions ahead uses the same quantile in units of its own h-step standard
/// deviation: the model's growth of uncertainty with h is kept and only its scale corrected.
public struct ForecastCalibration: Sendable {
    /// The backtest row calibrated (`naive`, …, `combination`).
    public var method: String
    /// The calibration on every scored miss: what the forecast itself uses.
    public var conformal: ConformalCalibration
    /// Each backtest target's score (NaN where the method made no forecast).
    public var scores: [Double]
    /// The calibrated intervals replayed on the backtest, each target calibrated on the misses
    /// of the targets before it only: per level, bounds aligned with the backtest's targets.
    public var replayed: (lower: [[Double]], upper: [[Double]])
    /// Those replayed intervals scored like the model's (its coverage is the calibrated coverage).
    public var row: Backtest.Row

    /// Calibrates `method`'s row of `backtest`; `rowName` names the scored row (default the
    /// method). Nil when the backtest has no such row with forecasts.
    public init?(_ backtest: Backtest, method: String, rowName: String? = nil) {
        guard let model = backtest.row(method), model.forecasts.count == backtest.actuals.count else { return nil }
        let points = model.forecasts.map { $0?.mean ?? .nan }, units = model.forecasts.map { $0?.standardDeviation ?? .nan }
        let scores = backtest.actuals.indices.map {
            ConformalCalibration.score(actual: backtest.actuals[$0], point: points[$0], unit: units[$0])
        }
        let raw = backtest.levels.map { level in model.forecasts.map { $0?.interval(level) ?? (.nan, .nan) } }
        self.method = method
        self.scores = scores
        conformal = ConformalCalibration(scores: scores, levels: backtest.levels)
        replayed = ConformalCalibration.rolling(actuals: backtest.actuals, points: points, units: units, raw: raw,
                                                levels: backtest.levels)
        row = Backtest.Row(method: rowName ?? method, actuals: backtest.actuals, points: points,
                           lower: replayed.lower, upper: replayed.upper, scale: backtest.scale)
    }

    /// The calibrated interval of a forecast of this method at `level` (any horizon). A level
    /// outside the backtest's (the fan chart's 80 % and 95 % after `level=[90]`) is calibrated
    /// on the same scores by the same rule, beside the backtest's levels.
    public func interval(_ level: Double, of p: ForecastPoint) -> (lower: Double, upper: Double) {
        let c = conformal.levels.contains(level) ? conformal
            : ConformalCalibration(scores: scores, levels: (conformal.levels + [level]).sorted())
        return c.interval(level, point: p.mean, unit: p.standardDeviation, raw: p.interval)
    }

    /// What the calibration did to `p`'s intervals, for a note: `intervals calibrated on the
    /// misses of 11 past one-step forecasts: 80 %: ×1.39 the model's width; 95 %: …`.
    public func note(_ p: ForecastPoint) -> String {
        "intervals calibrated on the misses of \(Prose.counted(conformal.scoreCount, "past one-step forecast")): "
            + conformal.summary(point: p.mean, unit: p.standardDeviation, raw: p.interval)
    }
}
