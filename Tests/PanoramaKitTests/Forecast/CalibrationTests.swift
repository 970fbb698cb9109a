import Foundation
import Testing
@testable import PanoramaKit

// Issue 19.3: intervals calibrated by rolling conformal quantiles of past one-step errors.

@Test func theConformalQuantileIsTheFiniteSampleRank() {
    // n = 9 scores: 80 % takes the ⌈10 × 0.8⌉ = 8th smallest; 95 % needs 19 scores.
    let c = ConformalCalibration(scores: [0.1, 0.9, 0.3, 0.7, 0.5, 0.2, 0.8, 0.4, 0.6], levels: [80, 95])
    #expect(c.multipliers[0] == 0.8)
    #expect(c.multipliers[1] == nil)
    #expect(ConformalCalibration.minimumScores(80) == 4 && ConformalCalibration.minimumScores(95) == 19)
}

/// The last forecast's error is huge; scored out of sample it must be a miss. A calibration
/// that used its own error would stretch the interval over it and count it covered.
@Test func aForecastIsNeverCalibratedOnItsOwnError() {
    let actuals = [1.0, -1, 1, -1, 1, 100]
    let points = [Double](repeating: 0, count: 6), units = [Double](repeating: 1, count: 6)
    let raw = [actuals.map { _ in (lower: -1.5, upper: 1.5) }]
    let row = ConformalCalibration.row("m", actuals: actuals, points: points, units: units, raw: raw, levels: [80], scale: 1)
    #expect(row.covered[0].inside == 5 && row.covered[0].scored == 6)
    let r = ConformalCalibration.rolling(actuals: actuals, points: points, units: units, raw: raw, levels: [80])
    // Targets 1–4 have fewer than 4 earlier errors: the model's interval; 5 and 6 use the 4
    // or 5 errors before them (all 1), never their own.
    #expect(r.upper[0] == [1.5, 1.5, 1.5, 1.5, 1, 1])
}

/// Errors twice as wide as the model claims: its 80 % interval covers about 48 %; the
/// calibrated one, replayed out of sample, covers close to 80 % (and 95 % close to 95 %):
/// 1,000 forecasts, tolerances about three binomial standard errors.
@Test func calibratedCoverageApproachesNominalOnAKnownErrorDistribution() {
    var random = TestRandom(seed: 19)
    let n = 1000
    let actuals = (0..<n).map { _ in 2 * random.normal() }
    let points = [Double](repeating: 0, count: n), units = [Double](repeating: 1, count: n)
    let levels = [80.0, 95]
    let raw = levels.map { level in points.map { _ in ForecastPoint(mean: 0, standardDeviation: 1).interval(level) } }
    let model = Backtest.Row(method: "m", actuals: actuals, points: points, lower: raw.map { $0.map(\.lower) },
                             upper: raw.map { $0.map(\.upper) }, scale: 1)
    let calibrated = ConformalCalibration.row("m", actuals: actuals, points: points, units: units, raw: raw, levels: levels, scale: 1)
    #expect(abs(model.coverage[0] - 0.4839) < 0.05, "model 80 %: \(model.coverage[0])")
    #expect(abs(calibrated.coverage[0] - 0.80) < 0.04, "calibrated 80 %: \(calibrated.coverage[0])")
    #expect(abs(calibrated.coverage[1] - 0.95) < 0.025, "calibrated 95 %: \(calibrated.coverage[1])")
}

/// A level with too few errors to calibrate is widened by the factor of the widest calibrated
/// level below it, so the intervals stay nested.
@Test func anUncalibratedLevelTakesTheFactorOfTheLevelBelow() {
    let c = ConformalCalibration(scores: [2, 2, 2, 2, 2], levels: [80, 95])
    let p = ForecastPoint(mean: 10, standardDeviation: 1)
    let i80 = c.interval(80, point: 10, unit: 1, raw: p.interval)
    let i95 = c.interval(95, point: 10, unit: 1, raw: p.interval)
    #expect(i80 == (lower: 8, upper: 12))
    let factor = 2 / p.interval(80).upper.distance(to: 10).magnitude
    #expect(abs(i95.upper - (10 + factor * (p.interval(95).upper - 10))) < 1e-12)
    #expect(i95.lower < i80.lower && i95.upper > i80.upper)
}
