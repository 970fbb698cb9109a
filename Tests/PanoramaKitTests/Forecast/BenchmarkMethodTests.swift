import Foundation
import Testing
@testable import PanoramaKit

// Hand-computed cases for FPP3's benchmark methods (§5.2, §5.5) and the linear trend.

@Test func naiveForecastsTheLastValueWithRootHWidth() throws {
    let fit = try ForecastFit.estimate(.naive, on: [1, 3, 2, 5], horizon: 2)
    // Differences 2, −1, 3: σ² = 14/3.
    #expect(fit.forecasts[0].mean == 5)
    #expect(abs(fit.forecasts[0].standardDeviation - (14.0 / 3).squareRoot()) < 1e-12)
    #expect(abs(fit.forecasts[1].standardDeviation - (28.0 / 3).squareRoot()) < 1e-12)
    #expect(fit.fitted[1] == 1 && fit.fitted[3] == 2 && fit.fitted[0].isNaN)
    let i95 = fit.forecasts[0].interval(95)
    #expect(abs(i95.upper - (5 + 1.959963984540054 * (14.0 / 3).squareRoot())) < 1e-9)
}

@Test func naiveScalesADifferenceAcrossAGapByItsSpan() throws {
    // Pairs (1 → 3, span 1) and (3 → 5, span 2): σ² = (4/1 + 4/2)/2 = 3.
    let fit = try ForecastFit.estimate(.naive, on: [1, 3, .nan, 5], horizon: 1)
    #expect(fit.forecasts[0].mean == 5)
    #expect(abs(fit.forecasts[0].standardDeviation - 3.0.squareRoot()) < 1e-12)
    #expect(fit.observationCount == 3)
}

@Test func trailingGapsForecastAtTheEffectiveHorizon() throws {
    let fit = try ForecastFit.estimate(.naive, on: [1, 3, 2, 5, .nan], horizon: 1)
    #expect(fit.trailingGaps == 1)
    #expect(fit.forecasts[0].mean == 5)
    #expect(abs(fit.forecasts[0].standardDeviation - (2 * 14.0 / 3).squareRoot()) < 1e-12)
    let drift = try ForecastFit.estimate(.drift, on: [1, 3, 2, 5, .nan], horizon: 1)
    #expect(abs(drift.forecasts[0].mean - (5 + 2 * 4.0 / 3)) < 1e-12)
}

@Test func driftFollowsTheLineFromFirstToLast() throws {
    let fit = try ForecastFit.estimate(.drift, on: [1, 3, 2, 5], horizon: 2)
    // b = 4/3; residuals 2/3, −7/3, 5/3: σ² = (26/3)/2 = 13/3; σ₁² = σ²(1 + 1/3).
    #expect(abs(fit.forecasts[0].mean - 19.0 / 3) < 1e-12)
    #expect(abs(fit.forecasts[1].mean - 23.0 / 3) < 1e-12)
    #expect(abs(fit.forecasts[0].standardDeviation - (13.0 / 3 * 4 / 3).squareRoot()) < 1e-12)
    #expect(abs(fit.forecasts[1].standardDeviation - (13.0 / 3 * (2 + 4.0 / 3)).squareRoot()) < 1e-12)
    #expect(fit.parameter("drift") == 4.0 / 3)
}

@Test func meanForecastsTheAverageWithSampleVariance() throws {
    let fit = try ForecastFit.estimate(.mean, on: [1, 3, 2, 5], horizon: 3)
    #expect(fit.forecasts.count == 3)
    #expect(fit.forecasts[2].mean == 2.75)
    #expect(abs(fit.forecasts[0].standardDeviation - (8.75 / 3 * 1.25).squareRoot()) < 1e-12)
}

/// Issue 19.4: `mean` intervals use Student t with n − 1 degrees of freedom, as R's meanf does
/// (the normal quantile made the 95 % interval about 5 % too narrow on twelve values).
/// Reference: Fixtures/forecast/generate_mean_intervals.py (numpy/scipy, meanf's formula).
@Test func meanIntervalsUseStudentTWithNMinusOneDegrees() throws {
    let y = [2.29, 2.51, 2.56, 2.63, 2.83, 2.55, 1.78, 1.64, 1.58, 1.56, .nan, .nan, 2.35, 2.62]
    let p = try ForecastFit.estimate(.mean, on: y, horizon: 1).forecasts[0]
    #expect(abs(p.mean - 2.2416666666666667) < 1e-12)
    #expect(abs(p.interval(80).lower - 1.5787814136181468) < 1e-9)
    #expect(abs(p.interval(80).upper - 2.9045519197151863) < 1e-9)
    #expect(abs(p.interval(95).lower - 1.1715711982590158) < 1e-9)
    #expect(abs(p.interval(95).upper - 3.311762135074318) < 1e-9)
}

/// statsmodels OLS on the observed positions of the published totals (editions 1–10, 13, 14;
/// 11 and 12 missing), `get_prediction(...).summary_frame()` obs intervals at positions 14, 15.
@Test func trendMatchesStatsmodelsOLSPredictionIntervals() throws {
    let y = [2.29, 2.51, 2.56, 2.63, 2.83, 2.55, 1.78, 1.64, 1.58, 1.56, .nan, .nan, 2.35, 2.62]
    let fit = try ForecastFit.estimate(.trend, on: y, horizon: 2)
    let reference: [(mean: Double, lo80: Double, hi80: Double, lo95: Double, hi95: Double)] = [
        (1.9735588752196815, 1.2033199510250716, 2.7437977994142915, 0.7228521761357194, 3.2242655743036437),
        (1.9407293497363773, 1.1463420745055939, 2.735116624967161, 0.650810786042542, 3.2306479134302126),
    ]
    for h in 0..<2 {
        let p = fit.forecasts[h], r = reference[h]
        #expect(abs(p.mean - r.mean) < 1e-12)
        #expect(abs(p.interval(80).lower - r.lo80) < 1e-9)
        #expect(abs(p.interval(80).upper - r.hi80) < 1e-9)
        #expect(abs(p.interval(95).lower - r.lo95) < 1e-9)
        #expect(abs(p.interval(95).upper - r.hi95) < 1e-9)
    }
    #expect(abs(fit.parameter("slope")! - -0.032829525483304214) < 1e-12)
    // statsmodels: llf −6.836959500122472 (k = 2 without σ; ours counts σ, as ETS does).
    #expect(abs(fit.logLikelihood! - -6.836959500122472) < 1e-9)
}

@Test func quantilesMatchScipy() {
    #expect(abs(NormalDistribution.standardQuantile(0.975) - 1.959963984540054) < 1e-15)
    #expect(abs(NormalDistribution.standardQuantile(1e-10) - -6.361340902404056) < 1e-13)
    let cases: [(Double, Double, Double)] = [
        (0.975, 10, 2.228138851986274), (0.9, 3, 1.637744353696209), (0.995, 1, 63.656741162871526),
        (0.1, 2.5, -1.7302509288071761), (0.975, 200, 1.9718962236339088), (0.999999, 5, 24.771029720372493),
    ]
    for (p, df, q) in cases {
        #expect(relativeDifference(StudentTDistribution(degreesOfFreedom: df).quantile(p), q) < 1e-10, "p = \(p), df = \(df)")
    }
}

@Test(arguments: ForecastMethod.allCases)
func tooShortASeriesIsAnErrorOrAWarning(_ method: ForecastMethod) throws {
    let short = Array([4.0, 5, 7, 6, 8, 9, 12, 11, 13].prefix(method.minimumObservations - 1))
    #expect(throws: ForecastError("'\(method.rawValue)' needs at least \(method.minimumObservations) observed values; the series has \(short.count)")) {
        try ForecastFit.estimate(method, on: short + [.nan], horizon: 1)
    }
    let barely = Array([4.0, 5, 7, 6, 8, 9, 12, 11, 13].prefix(method.minimumObservations))
    let fit = try ForecastFit.estimate(method, on: barely, horizon: 1)
    #expect(fit.warnings.first?.hasPrefix("the series has \(barely.count) observed values, too few for '\(method.rawValue)'") == true)
    let long = try ForecastFit.estimate(method, on: [4.0, 5, 7, 6, 8, 9, 12, 11, 13], horizon: 1)
    #expect(long.warnings.isEmpty)
}

@Test func horizonBelowOneIsAnError() {
    #expect(throws: ForecastError("the horizon must be at least 1, not 0")) {
        try ForecastFit.estimate(.naive, on: [1, 2, 3], horizon: 0)
    }
}

@Test func aicCountsSigmaAsAParameter() throws {
    // mean on [1, 3, 2, 5]: SSE = 8.75, n = 4, k = 2: AICc = −2ℓ + 4 + 12/1.
    let fit = try ForecastFit.estimate(.mean, on: [1, 3, 2, 5], horizon: 1)
    let ll = -2.0 * (log(2 * Double.pi * 8.75 / 4) + 1)
    #expect(abs(fit.logLikelihood! - ll) < 1e-12)
    #expect(abs(fit.aicc! - (-2 * ll + 4 + 12)) < 1e-12)
}
