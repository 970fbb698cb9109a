import Foundation

/// Rolling conformal calibration of forecast intervals (split conformal prediction on a rolling
/// origin; FPP3 §5.5 on prediction-interval coverage, Vovk et al. on conformal prediction).
///
/// Each past one-step forecast leaves a score: its absolute error in units of the forecast's own
/// scale — the predictive standard deviation for the top-down methods, the point itself for the
/// bottom-up simulation (a relative error). The calibrated interval at level L is the point ±
/// q_L units, q_L the ⌈(n + 1) L⌉-th smallest of the n scores (the finite-sample conformal
/// quantile). That needs n ≥ L/(1 − L) scores (4 at 80 %, 19 at 95 %); with fewer
/// (`multipliers` says so with nil), the model's own interval is widened or narrowed by the
/// factor found at the widest level below it that could be calibrated (so the intervals stay
/// nested), or stands as it is when there is none.
///
/// Out of sample, strictly: a forecast is calibrated on the scores of the forecasts made before
/// it (`rolling`), never on its own error.
public struct ConformalCalibration: Sendable, Equatable {
    public var levels: [Double]
    /// Per level, q_L in units of the forecast's scale; nil when too few scores.
    public var multipliers: [Double?]
    /// How many past scores the multipliers come from.
    public var scoreCount: Int

    /// The calibration on `scores` (NaN scores, from forecasts that were not made, are skipped).
    public init(scores: [Double], levels: [Double]) {
        let sorted = scores.filter(\.isFinite).sorted()
        self.levels = levels
        scoreCount = sorted.count
        multipliers = levels.map { level in
            let n = sorted.count
            let rank = (Double(n + 1) * level / 100).rounded(.up)
            guard n > 0, rank <= Double(n) else { return nil }
            return sorted[max(0, Int(rank) - 1)]
        }
    }

    /// The fewest scores that calibrate a level: ⌈L/(1 − L)⌉ (4 at 80 %, 19 at 95 %).
    public static func minimumScores(_ level: Double) -> Int {
        let fraction = min(max(level / 100, 0), 0.999)
        return Int((fraction / (1 - fraction) - 1e-9).rounded(.up))  // 0.8/0.2 is 4.000…1 in binary
    }

    /// A forecast's score: |actual − point| / unit (NaN when either is missing or the unit is 0).
    public static func score(actual: Double, point: Double, unit: Double) -> Double {
        guard actual.isFinite, point.isFinite, unit.isFinite, unit > 0 else { return .nan }
        return abs(actual - point) / unit
    }

    /// The calibrated interval at `level` around `point` (scale `unit`); `raw` gives the model's
    /// own interval at a level.
    public func interval(_ level: Double, point: Double, unit: Double, raw: (Double) -> (lower: Double, upper: Double))
        -> (lower: Double, upper: Double)
    {
        let own = raw(level)
        guard let i = levels.firstIndex(of: level), unit.isFinite, unit > 0 else { return own }
        if let q = multipliers[i] { return (point - q * unit, point + q * unit) }
        guard let f = factor(below: level, point: point, unit: unit, raw: raw) else { return own }
        return (point - f * (point - own.lower), point + f * (own.upper - point))
    }

    /// How much the widest calibrated level below `level` widened the model's interval.
    func factor(below level: Double, point: Double, unit: Double, raw: (Double) -> (lower: Double, upper: Double)) -> Double? {
        let below = zip(levels, multipliers).filter { $0.0 < level && $0.1 != nil }.max { $0.0 < $1.0 }
        guard let (l, q) = below, let q else { return nil }
        let r = raw(l)
        let half = (r.upper - r.lower) / 2
        guard half > 0, half.isFinite else { return nil }
        return q * unit / half
    }

    /// The rolling-origin replay: for each forecast in order, its interval calibrated on the
    /// scores of the forecasts before it only. Returns per level the lower and upper bounds.
    public static func rolling(actuals: [Double], points: [Double], units: [Double], raw: [[(lower: Double, upper: Double)]],
                               levels: [Double]) -> (lower: [[Double]], upper: [[Double]]) {
        let scores = actuals.indices.map { score(actual: actuals[$0], point: points[$0], unit: units[$0]) }
        return rolling(points: points, units: units, raw: raw, levels: levels, targets: Array(actuals.indices),
                       pool: zip(actuals.indices, scores).map { (target: $0, score: $1) })
    }

    /// The rolling replay on a pool of scores: forecast j (of target `targets[j]`) calibrated on
    /// the pool's scores whose target comes strictly before its own, so on outcomes known when
    /// it was made and never on its own. Returns per level the lower and upper bounds.
    public static func rolling(points: [Double], units: [Double], raw: [[(lower: Double, upper: Double)]], levels: [Double],
                               targets: [Int], pool: [(target: Int, score: Double)]) -> (lower: [[Double]], upper: [[Double]]) {
        var lower = levels.map { _ in [Double]() }, upper = lower
        for j in points.indices {
            let calibration = ConformalCalibration(scores: pool.filter { $0.target < targets[j] }.map(\.score), levels: levels)
            for (k, level) in levels.enumerated() {
                let i = calibration.interval(level, point: points[j], unit: units[j]) { l in levels.firstIndex(of: l).map { raw[$0][j] } ?? (.nan, .nan) }
                lower[k].append(i.lower)
                upper[k].append(i.upper)
            }
        }
        return (lower, upper)
    }

    /// A backtest row for the calibrated intervals of a row's forecasts (named `method`).
    public static func row(_ method: String, actuals: [Double], points: [Double], units: [Double],
                           raw: [[(lower: Double, upper: Double)]], levels: [Double], scale: Double) -> Backtest.Row {
        let r = rolling(actuals: actuals, points: points, units: units, raw: raw, levels: levels)
        return Backtest.Row(method: method, actuals: actuals, points: points, lower: r.lower, upper: r.upper, scale: scale)
    }

    /// What the calibration did, for a note: `80 %: ×1.39 the model's width; 95 %: too few past
    /// errors (11, 19 needed), ×1.39 as at 80 %`.
    public func summary(point: Double, unit: Double, raw: (Double) -> (lower: Double, upper: Double)) -> String {
        let f = NumberFormat(significantDigits: 3)
        return zip(levels, multipliers).map { level, q in
            let key = ForecastFormat.level(level)
            let r = raw(level)
            let half = (r.upper - r.lower) / 2
            if let q { return half > 0 ? "\(key) %: ×\(f.string(q * unit / half)) the model's width" : "\(key) %: ±\(f.string(q * unit))" }
            let few = "\(key) %: too few past forecasts (\(scoreCount), \(Self.minimumScores(level)) needed)"
            guard let factor = factor(below: level, point: point, unit: unit, raw: raw),
                  let l = zip(levels, multipliers).filter({ $0.0 < level && $0.1 != nil }).map(\.0).max() else {
                return few + ", the model's own interval"
            }
            return few + ", ×\(f.string(factor)) as at \(ForecastFormat.level(l)) %"
        }.joined(separator: "; ")
    }
}
