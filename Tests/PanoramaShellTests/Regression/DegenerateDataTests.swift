import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

/// Degenerate data: an exact fit is reported as R does (σ = 0; t, F and p not defined), and the
/// rank decision does not depend on a column's magnitude.
private func data(scale: String = "1") -> String {
    "x = [1, 2, 3, 4, 5, 6, 7, 8]\nd = frame(x = x, xs = x * \(scale), z = [3, 1, 4, 1, 5, 9, 2, 6], y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1])"
}

@Test func aConstantResponseIsAnExactFitWithNoTOrFStatistics() throws {
    let s = RegressionSession()
    s.run("d = frame(a = [1, 2, 3, 4, 5], y = [7, 7, 7, 7, 7])\nm = ols(y ~ a, d)")
    let m = try #require(s.model())
    #expect(m.exactFit)
    #expect(m.sigma == 0)
    #expect(m.fStatistic.isNaN && m.fPValue.isNaN)
    #expect(m.tValues.allSatisfy(\.isNaN) && m.pValues.allSatisfy(\.isNaN))
    #expect(abs(m.coefficients[0] - 7) < 1e-12 && abs(m.coefficients[1]) < 1e-12)
    #expect(m.notes.contains("Exact fit: residuals are all zero, so t, F and their p-values are not defined."))
    let printed = s.run("m").out
    let row = printed.split(separator: "\n").first { $0.hasPrefix("a ") }.map(String.init) ?? ""
    #expect(row.contains(" na ") && !row.contains("*"), "\(printed)")
    #expect(printed.contains("Exact fit: residuals are all zero"))
}

@Test func anExactLinearRelationIsAnExactFitToo() throws {
    let s = RegressionSession()
    s.run("d = frame(a = [1, 2, 3, 4, 5], y = [3, 5, 7, 9, 11])\nm = ols(y ~ a, d)")
    let m = try #require(s.model())
    #expect(m.exactFit && m.sigma == 0 && m.rSquared == 1)
    #expect(abs(m.coefficients[1] - 2) < 1e-12)
}

@Test func aNoisyFitIsNotAnExactFit() throws {
    let s = RegressionSession()
    s.run(data() + "\nm = ols(y ~ x, d)")
    let m = try #require(s.model())
    #expect(!m.exactFit && m.sigma > 0 && m.fStatistic > 0)
}

@Test(arguments: ["1e160", "1e-160", "1e300", "1e-300", "1e100", "1e-100", "1e200", "1e-200"])
func theRankDecisionAndTheFitDoNotDependOnAColumnsMagnitude(_ scale: String) throws {
    let s = RegressionSession()
    s.run(data(scale: scale) + "\nplain = ols(y ~ x + z, d)\nscaled = ols(y ~ xs + z, d)")
    let plain = try #require(s.model("plain")), scaled = try #require(s.model("scaled"), "\(s.diagnostics)")
    let k = try #require(Double(scale))
    #expect(scaled.aliasedColumns.isEmpty)
    #expect(scaled.rank == 3)
    // The same model reparametrised: the slope scales by 1/k, t-values and fit are unchanged.
    #expect(abs(scaled.coefficients[1] * k / plain.coefficients[1] - 1) < 1e-9)
    #expect(abs(scaled.rSquared - plain.rSquared) < 1e-12)
}

/// The reference is the fit on the unscaled column, scaled back analytically: xs = k·x makes
/// SE(xs) = SE(x)/k and leaves the intercept's and z's standard errors and every t-value as
/// they are. `k·x` rounds each value by at most half an ulp, which moves these by ~1e-16
/// relative; the tolerance is 1e-12. Before the standard errors were taken from the scaled
/// covariance, the diagonal of (XᵀX)⁻¹ (which goes as 1/k²) overflowed or underflowed beyond
/// |log10 k| ≈ 154: t was 0 or na at 1e±160.
@Test(arguments: ["1e160", "1e-160", "1e300", "1e-300", "1e200", "1e-200", "1e100", "1e-100", "3"],
      ["", ", robust=\"HC1\"", ", robust=\"HC3\""])
func standardErrorsAreExactAtEveryMagnitudeOfAPredictor(_ scale: String, _ covariance: String) throws {
    let s = RegressionSession()
    s.run(data(scale: scale) + "\nplain = ols(y ~ x + z, d\(covariance))\nscaled = ols(y ~ xs + z, d\(covariance))")
    let plain = try #require(s.model("plain")), scaled = try #require(s.model("scaled"), "\(s.diagnostics)")
    let k = try #require(Double(scale))
    let expected = [plain.standardErrors[0], plain.standardErrors[1] / k, plain.standardErrors[2]]
    for j in 0..<3 {
        #expect(relative(scaled.standardErrors[j], expected[j]) < 1e-12, "SE \(j): \(scaled.standardErrors[j]) vs \(expected[j])")
        #expect(relative(scaled.tValues[j], plain.tValues[j]) < 1e-12, "t \(j)")
    }
}

/// The same with the offset column: xs = k·x + k·1000 makes the intercept absorb −1000·β(xs)
/// and leaves its standard error that of the plain model's intercept at x − 1000 (refitted
/// without scaling: the centring must carry the mean's share through S).
@Test(arguments: ["1e300", "1e-300", "1e160"])
func theInterceptsStandardErrorIsExactWithAHugeOffsetPredictor(_ scale: String) throws {
    let s = RegressionSession()
    s.run(data(scale: scale) + "\nd.xo = (x + 1000) * \(scale)\nd.xp = x + 1000"
          + "\nplain = ols(y ~ xp + z, d)\nscaled = ols(y ~ xo + z, d)")
    let plain = try #require(s.model("plain"), "\(s.diagnostics)"), scaled = try #require(s.model("scaled"), "\(s.diagnostics)")
    let k = try #require(Double(scale))
    #expect(relative(scaled.standardErrors[0], plain.standardErrors[0]) < 1e-10)
    #expect(relative(scaled.standardErrors[1] * k, plain.standardErrors[1]) < 1e-10)
    #expect(relative(scaled.coefficients[0], plain.coefficients[0]) < 1e-10)
}

@Test func aScaledCopyOfAColumnIsStillAliasedAtEveryMagnitude() throws {
    let s = RegressionSession()
    s.run(data(scale: "1e160") + "\nm = ols(y ~ x + xs, d)")
    let m = try #require(s.model())
    #expect(m.aliasedColumns == ["xs"])
}

@Test func anExactFitWithAsManyRowsAsCoefficientsHasNoResidualShapeStatistics() throws {
    // Three rows, three coefficients: the residuals are rounding noise, whose skew and
    // Jarque–Bera once printed as if they described the errors (0.201, 0.3014).
    let s = RegressionSession()
    s.run("d = frame(a=[1.2, 2.0, 0.8], b=[1, 4, 2], y=[1.5, 2.1, 1.4])\nm = ols(y ~ a + b, d)")
    let m = try #require(s.model())
    #expect(m.exactFit)
    #expect(m.skew.isNaN && m.kurtosis.isNaN && m.jarqueBera.isNaN && m.jarqueBeraPValue.isNaN)
}
