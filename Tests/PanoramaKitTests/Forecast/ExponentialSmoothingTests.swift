import Foundation
import Testing
@testable import PanoramaKit

/// SES and damped Holt against statsmodels' `ETSModel` (MLE). Optimisers differ, so the
/// criteria are: our log-likelihood at least statsmodels' own fit's − 1e-6 (`default_llf`; on
/// these series its optimiser often stops short), and, against statsmodels' log-likelihood
/// maximised thoroughly by scipy (`llf`, see generate_ets.py), the same optimum (≥ llf − 1e-6),
/// forecasts within 1e-3 relative and interval half-widths within 2e-3 once statsmodels'
/// σ² = SSE/n is put on our SSE/(n − p) basis.
@Test(arguments: ["ets_nile_ses", "ets_co2_ses"])
func simpleExponentialSmoothingMatchesStatsmodels(_ name: String) throws {
    let ref = try ETSReference(name)
    let fit = try ForecastFit.estimate(.ses, on: ref["series"], horizon: 5)
    #expect(fit.logLikelihood! >= ref.scalar("default_llf") - 1e-6)
    #expect(fit.logLikelihood! >= ref.scalar("llf") - 1e-6)
    #expect(relativeDifference(fit.parameter("alpha")!, ref["params"][0]) < 1e-3)
    checkForecasts(fit, ref)
}

@Test(arguments: ["ets_simulated_damped", "ets_longley_damped", "ets_co2_damped", "ets_nile_damped"])
func dampedHoltMatchesStatsmodels(_ name: String) throws {
    let ref = try ETSReference(name)
    let fit = try ForecastFit.estimate(.holt, on: ref["series"], horizon: 5)
    #expect(fit.logLikelihood! >= ref.scalar("default_llf") - 1e-6)
    #expect(fit.logLikelihood! >= ref.scalar("llf") - 1e-6)
    checkForecasts(fit, ref)
}

@Test func interiorDampedHoltParametersMatchStatsmodels() throws {
    let ref = try ETSReference("ets_simulated_damped")
    let fit = try ForecastFit.estimate(.holt, on: ref["series"], horizon: 1)
    let names = ["alpha", "beta", "phi", "l0", "b0"]
    for (i, name) in names.enumerated() {
        #expect(abs(fit.parameter(name)! - ref["params"][i]) < 2e-3 * max(1, abs(ref["params"][i])), "\(name)")
    }
    #expect(abs(fit.aicc! - ref.scalar("aicc")) < 1e-4)
    let n = Double(ref["series"].count)
    #expect(relativeDifference(fit.sigma * fit.sigma * (n - 5) / n, ref.scalar("mse")) < 1e-4)
}

private func checkForecasts(_ fit: ForecastFit, _ ref: ETSReference, sourceLocation: SourceLocation = #_sourceLocation) {
    for h in 0..<5 {
        let point = fit.forecasts[h]
        #expect(relativeDifference(point.mean, ref["forecast"][h]) < 1e-3, "h = \(h + 1)", sourceLocation: sourceLocation)
        let i80 = point.interval(80), i95 = point.interval(95)
        // Interval half-widths, relative: a stricter check than the ends themselves.
        let n = Double(ref["series"].count), p = Double(fit.method.parameterCount - 1)
        let basis = (n / (n - p)).squareRoot()
        let w80 = basis * (ref["hi80"][h] - ref["lo80"][h]) / 2, w95 = basis * (ref["hi95"][h] - ref["lo95"][h]) / 2
        #expect(relativeDifference((i80.upper - i80.lower) / 2, w80) < 2e-3, "80 % width, h = \(h + 1)", sourceLocation: sourceLocation)
        #expect(relativeDifference((i95.upper - i95.lower) / 2, w95) < 2e-3, "95 % width, h = \(h + 1)", sourceLocation: sourceLocation)
    }
}

@Test func aGapSkipsTheUpdateAndWidensTheInterval() throws {
    let ref = try ETSReference("ets_nile_ses")
    var y = Array(ref["series"].prefix(60))
    let full = try ForecastFit.estimate(.ses, on: y, horizon: 1)
    y[30] = .nan
    y[31] = .nan
    let gapped = try ForecastFit.estimate(.ses, on: y, horizon: 1)
    #expect(gapped.observationCount == 58)
    #expect(gapped.fitted[30].isNaN && gapped.fitted[31].isNaN)
    #expect(!gapped.fitted[32].isNaN)
    // Trailing gaps: the forecast is the same as from the last observation, two steps further.
    let trailing = y.prefix(58) + [Double.nan, .nan]
    let fromLast = try ForecastFit.estimate(.ses, on: Array(y.prefix(58)), horizon: 3)
    let after = try ForecastFit.estimate(.ses, on: Array(trailing), horizon: 1)
    #expect(after.trailingGaps == 2)
    #expect(abs(after.forecasts[0].mean - fromLast.forecasts[2].mean) < 1e-9 * abs(fromLast.forecasts[2].mean))
    #expect(abs(after.forecasts[0].standardDeviation - fromLast.forecasts[2].standardDeviation) < 1e-9 * fromLast.forecasts[2].standardDeviation)
    #expect(full.observationCount == 60)
}

@Test func holtOnAGappedSeriesMatchesTheUngappedFitClosely() throws {
    let ref = try ETSReference("ets_simulated_damped")
    var y = ref["series"]
    let complete = try ForecastFit.estimate(.holt, on: y, horizon: 1)
    y[20] = .nan
    let gapped = try ForecastFit.estimate(.holt, on: y, horizon: 1)
    #expect(gapped.observationCount == y.count - 1)
    #expect(relativeDifference(gapped.forecasts[0].mean, complete.forecasts[0].mean) < 0.05)
}
