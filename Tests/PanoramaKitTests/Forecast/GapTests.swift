import Foundation
import Testing
@testable import PanoramaKit

// Issue 19.4: an error after a gap is a multi-step error, in the likelihood and σ of every
// method. References: Fixtures/forecast/generate_gaps.py (scipy on the full likelihood).

@Test(arguments: ["gaps_bundled", "gaps_nile"])
func sesAcrossGapsMatchesTheFullLikelihoodMaximum(_ name: String) throws {
    let ref = try ETSReference(name)
    let fit = try ForecastFit.estimate(.ses, on: ref["series"], horizon: 1)
    let alpha = try #require(fit.parameter("alpha"))
    #expect(abs(alpha - ref.scalar("ses_alpha")) < 2e-3, "alpha \(alpha)")
    #expect(abs(try #require(fit.logLikelihood) - ref.scalar("ses_llf")) < 1e-4)
    #expect(relativeDifference(fit.sigma, ref.scalar("ses_sigma")) < 1e-3, "sigma \(fit.sigma)")
    let i = fit.forecasts[0].interval(95)
    #expect(relativeDifference(fit.forecasts[0].mean, ref.scalar("ses_forecast")) < 1e-4)
    #expect(relativeDifference(i.lower, ref.scalar("ses_lo95")) < 1e-3 && relativeDifference(i.upper, ref.scalar("ses_hi95")) < 1e-3)
}

@Test(arguments: ["gaps_bundled", "gaps_nile"])
func naiveAcrossGapsMatchesItsClosedForm(_ name: String) throws {
    let ref = try ETSReference(name)
    let fit = try ForecastFit.estimate(.naive, on: ref["series"], horizon: 1)
    #expect(relativeDifference(fit.sigma, ref.scalar("naive_sigma")) < 1e-12)
    #expect(abs(try #require(fit.logLikelihood) - ref.scalar("naive_llf")) < 1e-9)
    let i = fit.forecasts[0].interval(95)
    #expect(relativeDifference(i.lower, ref.scalar("naive_lo95")) < 1e-9 && relativeDifference(i.upper, ref.scalar("naive_hi95")) < 1e-9)
}

/// SES at α ≈ 1 is the naive method: on the bundled totals (three missing editions) both give
/// nearly the same interval (before the fix SES's was ±770 against naive's ±655).
@Test func sesAtAlphaOneAgreesWithNaiveAcrossGaps() throws {
    let y = try ETSReference("gaps_bundled")["series"]
    let ses = try ForecastFit.estimate(.ses, on: y, horizon: 1)
    let naive = try ForecastFit.estimate(.naive, on: y, horizon: 1)
    #expect(try #require(ses.parameter("alpha")) > 0.99)
    let a = ses.forecasts[0].interval(95), b = naive.forecasts[0].interval(95)
    let halfA = (a.upper - a.lower) / 2, halfB = (b.upper - b.lower) / 2
    #expect(relativeDifference(halfA, halfB) < 0.05, "±\(halfA) against ±\(halfB)")
    #expect(abs(try #require(ses.logLikelihood) - (try #require(naive.logLikelihood))) < 0.01)
}
