import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

/// Responses for which no maximum-likelihood estimate exists: one outcome only, or a level of a
/// factor with zero counts only. They once gave an intercept of −76 with a standard error of
/// 1e16 (all-zero counts), blamed a predictor for a constant binomial response, and — worst —
/// returned a fit with fitted means 0.74 for a level whose counts are all 0 (its rows lost by
/// the last solve once their weights ran to 1e-31). Reference: generate_glm_degenerate_reference.py.

private func error(_ text: String) -> String {
    RegressionSession().run("d = frame(g=[\"a\", \"a\", \"a\", \"b\", \"b\", \"b\"], x=[1, 2, 3, 4, 5, 6], "
        + "zero=[0, 0, 0, 0, 0, 0], one=[1, 1, 1, 1, 1, 1], a0=[0, 0, 0, 2, 3, 1], b0=[2, 3, 1, 0, 0, 0])\n" + text).err
        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

@Test(arguments: [("zero", "binomial", "0"), ("one", "binomial", "1"), ("zero", "poisson", "0")])
func aResponseWithOneOutcomeOnlyIsAnErrorAboutTheResponseNotATerm(response: String, family: String, value: String) {
    let message = error("glm(\(response) ~ x, d, family=\"\(family)\")")
    #expect(message.hasPrefix("error: '\(response)' is \(value) in every row (6 rows)"), "\(message)")
    #expect(!message.contains("'x'"))
}

@Test(arguments: [("a0", "1, 2, 3"), ("b0", "4, 5, 6")])
func aPoissonLevelWithZeroCountsOnlyIsSeparationNamingItsRows(response: String, rows: String) {
    let message = error("glm(\(response) ~ g, d, family=\"poisson\")")
    #expect(message.contains("error: separation: '\(response)' is 0 in the 3 rows (\(rows))"), "\(message)")
}

@Test func aPoissonFitWithZerosButNoEmptyLevelStillMatchesStatsmodels() throws {
    let s = RegressionSession()
    s.run("d = frame(g=[\"a\", \"a\", \"a\", \"b\", \"b\", \"b\"], y=[2, 0, 1, 0, 1, 0])\nm = glm(y ~ g, d, family=\"poisson\")")
    let m = try #require(s.glm())
    // The saturated fit in closed form: means 1 and 1/3, β = (log 1, log 1/3), SE = √(1/(n μ)) per
    // level, deviance 2 log 12. statsmodels (the script) agrees to 2e-9, its own tolerance.
    let params = [0, log(1.0 / 3)], bse = [(1.0 / 3).squareRoot(), (1.0 / 3 + 1).squareRoot()]
    let statsmodels = (params: [-1.076708082024259e-16, -1.0986122886681091], bse: [0.5773502688044932, 1.1547005357695517])
    for k in 0..<2 {
        #expect(abs(m.coefficients[k] - params[k]) < 1e-12)
        #expect(abs(m.standardErrors[k] - bse[k]) < 1e-8 * bse[k])
        #expect(abs(m.coefficients[k] - statsmodels.params[k]) < 1e-8)
        #expect(abs(m.standardErrors[k] - statsmodels.bse[k]) < 1e-8 * bse[k])
    }
    #expect(abs(m.deviance - 2 * log(12.0)) < 1e-12 * m.deviance)
}
