import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

/// A response of extreme magnitude (costs in a tiny or huge unit): squared residuals underflow
/// or overflow Double, which once turned a noisy fit at 1e-300 into an "exact fit" with zero
/// standard errors. Reference: statsmodels at scale 1 (generate_extreme_scale_fixture.py); a
/// response multiplied by c scales β, SEs and σ by c and leaves t, R² and F unchanged.
private enum Reference {
    static let params = [-0.4032591707272227, 1.4168658637491958]
    static let bse = [0.30241192927723626, 0.1015877201375055]
    static let sigma = 0.6116953101273026
    static let rSquared = 0.9511061813004528
    static let fValue = 194.5248308676821
    static let logLikelihood = -10.035081301148349
    static let bseHC3 = [0.27970116954481383, 0.1387280464738296]
    static let fValueHC3 = 104.31071749489743
}

private let portfolio = "d = frame(budget=[1.2, 2.0, 0.8, 3.5, 5.1, 0.5, 1.7, 2.2, 4.0, 0.9, 6.0, 1.1], "
    + "actual=[1.5, 2.1, 1.4, 3.2, 6.9, 0.55, 2.4, 2.0, 5.5, 0.9, 8.8, 1.0])"

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * abs(b)
}

@Test(arguments: ["1e-300", "1e-170", "1e170", "1e300"])
func aResponseOfExtremeMagnitudeKeepsItsResidualSpread(scale: String) throws {
    let s = RegressionSession()
    s.run(portfolio + "\nm = ols(I(actual * \(scale)) ~ budget, d)\nh = ols(I(actual * \(scale)) ~ budget, d, robust=\"HC3\")")
    let c = try #require(Double(scale))
    let m = try #require(s.model())
    #expect(!m.exactFit)
    for k in 0..<2 {
        #expect(close(m.coefficients[k], Reference.params[k] * c))
        #expect(close(m.standardErrors[k], Reference.bse[k] * c), "\(m.standardErrors)")
    }
    #expect(close(m.sigma, Reference.sigma * c))
    #expect(close(m.rSquared, Reference.rSquared))
    #expect(close(m.fStatistic, Reference.fValue))
    #expect(close(m.logLikelihood, Reference.logLikelihood - 12 * log(c)))
    let h = try #require(s.model("h"))
    for k in 0..<2 { #expect(close(h.standardErrors[k], Reference.bseHC3[k] * c), "\(h.standardErrors)") }
    #expect(close(h.fStatistic, Reference.fValueHC3))
    #expect(!s.run("m").out.contains("Exact fit"))
}
