import Testing
import Foundation
@testable import PanoramaKit

/// One reference value from Fixtures/distributions.csv (mpmath at 50 digits).
struct DistributionCase: CustomTestStringConvertible, Sendable {
    let function: String
    let a: Double, b: Double, x: Double, value: Double
    var testDescription: String { "\(function)(\(a), \(b), \(x))" }

    static let all: [DistributionCase] = {
        let url = Bundle.module.url(forResource: "distributions", withExtension: "csv", subdirectory: "Fixtures")!
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return DistributionCase(function: f[0], a: Double(f[1])!, b: Double(f[2])!, x: Double(f[3])!, value: Double(f[4])!)
        }
    }()

    func computed() -> Double {
        switch function {
        case "normal_cdf": return NormalDistribution().cdf(x)
        case "normal_quantile": return NormalDistribution().quantile(x)
        case "t_cdf": return StudentTDistribution(degreesOfFreedom: a).cdf(x)
        case "t_sf": return StudentTDistribution(degreesOfFreedom: a).survival(x)
        case "t_quantile": return StudentTDistribution(degreesOfFreedom: a).quantile(x)
        case "f_cdf": return FDistribution(a, b).cdf(x)
        case "f_sf": return FDistribution(a, b).survival(x)
        case "f_quantile": return FDistribution(a, b).quantile(x)
        case "chi2_cdf": return ChiSquaredDistribution(degreesOfFreedom: a).cdf(x)
        case "chi2_sf": return ChiSquaredDistribution(degreesOfFreedom: a).survival(x)
        case "chi2_quantile": return ChiSquaredDistribution(degreesOfFreedom: a).quantile(x)
        case "ibeta": return SpecialFunctions.regularizedIncompleteBeta(a, b, x: x, y: 1 - x).lower
        case "ibetac": return SpecialFunctions.regularizedIncompleteBeta(a, b, x: x, y: 1 - x).upper
        case "igamma": return SpecialFunctions.regularizedIncompleteGamma(a, x: x).lower
        case "igammac": return SpecialFunctions.regularizedIncompleteGamma(a, x: x).upper
        default: return .nan
        }
    }
}

@Test(arguments: DistributionCase.all)
func distributionMatchesTheReferenceToTwelveDigits(_ c: DistributionCase) {
    let got = c.computed()
    let error = c.value == 0 ? abs(got) : abs(got - c.value) / abs(c.value)
    // ibeta/ibetac at x given in decimal: y = 1 − x is exact only for x ≥ ½, and the
    // reference takes x exactly as written, so allow for the input's own rounding there.
    #expect(error <= 1e-12, "got \(got), want \(c.value), relative error \(error)")
}

@Test func fixturesCoverEveryFunction() {
    let functions = Set(DistributionCase.all.map(\.function))
    #expect(functions.count == 15)
    #expect(DistributionCase.all.count > 900)
}

@Test func distributionEdgesAreExact() {
    let t = StudentTDistribution(degreesOfFreedom: 5)
    #expect(t.cdf(0) == 0.5)
    #expect(t.quantile(0.5) == 0)
    #expect(t.quantile(0) == -.infinity)
    #expect(t.quantile(1) == .infinity)
    #expect(t.quantile(1.5).isNaN)
    #expect(StudentTDistribution(degreesOfFreedom: 0).cdf(1).isNaN)
    #expect(FDistribution(2, 3).cdf(0) == 0)
    #expect(FDistribution(2, 3).survival(.infinity) == 0)
    #expect(ChiSquaredDistribution(degreesOfFreedom: 2).survival(0) == 1)
    #expect(NormalDistribution().cdf(.nan).isNaN)
    #expect(abs(StudentTDistribution(degreesOfFreedom: .infinity).quantile(0.975) - 1.959963984540054) < 1e-15)
    // χ²(2) survival is e^(−x/2) exactly: Jarque–Bera's p-value.
    let s = ChiSquaredDistribution(degreesOfFreedom: 2).survival(3)
    #expect(abs(s / Foundation.exp(-1.5) - 1) < 1e-14)
}

@Test func quantilesInvertTheirCDFs() {
    for nu in [1.0, 3, 9, 47, 1e6] {
        let t = StudentTDistribution(degreesOfFreedom: nu)
        for p in [1e-8, 0.01, 0.3, 0.8, 0.975] {
            #expect(abs(t.cdf(t.quantile(p)) / p - 1) < 1e-12)
        }
    }
    let f = FDistribution(4, 30)
    for p in [0.05, 0.5, 0.99] { #expect(abs(f.cdf(f.quantile(p)) / p - 1) < 1e-12) }
}

@Test func inverseIncompleteBetaInvertsIt() {
    // I_0.4(2, 3) = 0.5248 exactly (a binomial tail).
    #expect(abs(SpecialFunctions.inverseRegularizedIncompleteBeta(2, 3, 0.5248) - 0.4) < 1e-15)
    for (a, b) in [(0.5, 0.5), (1.2, 4.8), (3, 3), (5, 1), (0.3, 7), (20, 0.5)] {
        for p in [1e-10, 0.01, 0.3, 0.5, 0.9, 0.999999] {
            let x = SpecialFunctions.inverseRegularizedIncompleteBeta(a, b, p)
            let back = SpecialFunctions.regularizedIncompleteBeta(a, b, x: x, y: 1 - x).lower
            // Within 1e-11 relative, or within what the stopping rule (steps below 1e-15 x, about
            // 9 ulps of x near 1) moves I_x by where the density is steep.
            let density = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - SpecialFunctions.logBeta(a, b))
            #expect(abs(back - p) <= 1e-11 * p + 16 * x.ulp * density, "a = \(a), b = \(b), p = \(p)")
        }
    }
    #expect(SpecialFunctions.inverseRegularizedIncompleteBeta(2, 3, 0) == 0)
    #expect(SpecialFunctions.inverseRegularizedIncompleteBeta(2, 3, 1) == 1)
    #expect(SpecialFunctions.inverseRegularizedIncompleteBeta(2, 3, 1.5).isNaN)
}

@Test func theFastNormalCDFStaysWithinItsStatedError() {
    var z = -37.0
    while z <= 8 {
        let exact = NormalDistribution.standardCDF(z), fast = NormalDistribution.fastStandardCDF(z)
        #expect(abs(fast / exact - 1) <= max(2e-16, z * z * 1e-15), "z = \(z)")
        z += 0.37
    }
}
