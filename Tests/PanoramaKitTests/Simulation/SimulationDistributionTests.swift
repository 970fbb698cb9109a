import Foundation
import Testing
@testable import PanoramaKit

/// scipy reference values (see Fixtures/simulation_distributions.py).
struct ScipyFixtures: @unchecked Sendable {
    let object: [String: Any]

    static let shared: ScipyFixtures = {
        let url = Bundle.module.url(forResource: "simulation_distributions", withExtension: "json", subdirectory: "Fixtures")!
        let data = try! Data(contentsOf: url)
        return ScipyFixtures(object: try! JSONSerialization.jsonObject(with: data) as! [String: Any])
    }()

    var distributions: [[String: Any]] { object["distributions"] as! [[String: Any]] }
    var fits: [[String: Any]] { object["fits"] as! [[String: Any]] }

    static func distribution(_ name: String, _ p: [String: Double]) -> Distribution {
        switch name {
        case "normal": .normal(mean: p["mean"]!, sd: p["sd"]!)
        case "uniform": .uniform(min: p["min"]!, max: p["max"]!)
        case "triangular": .triangular(min: p["min"]!, mode: p["mode"]!, max: p["max"]!)
        case "pert": .pert(min: p["min"]!, mode: p["mode"]!, max: p["max"]!)
        case "lognormal": .lognormal(meanlog: p["meanlog"]!, sdlog: p["sdlog"]!)
        case "student_t": .studentT(df: p["df"]!, location: p["location"]!, scale: p["scale"]!)
        case "pareto": .pareto(scale: p["scale"]!, shape: p["shape"]!)
        case "gpd": .generalizedPareto(threshold: p["threshold"]!, scale: p["scale"]!, shape: p["shape"]!)
        default: fatalError(name)
        }
    }
}

func close(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
    if a == b { return true }
    return abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)
}

@Test func cdfQuantilePdfAndMomentsAgreeWithScipy() {
    for entry in ScipyFixtures.shared.distributions {
        let d = ScipyFixtures.distribution(entry["name"] as! String, entry["parameters"] as! [String: Double])
        let xs = entry["x"] as! [Double], cdfs = entry["cdf"] as! [Double], pdfs = entry["pdf"] as! [Double]
        for (x, c) in zip(xs, cdfs) {
            #expect(close(d.cdf(x), c, relative: 1e-11, absolute: 1e-15), "\(d) cdf(\(x))")
        }
        for (x, f) in zip(xs, pdfs) {
            #expect(close(d.pdf(x), f, relative: 1e-11, absolute: 1e-15), "\(d) pdf(\(x))")
        }
        for (p, q) in zip(entry["p"] as! [Double], entry["quantile"] as! [Double]) {
            #expect(close(d.quantile(p), q, relative: 1e-10, absolute: 1e-13), "\(d) quantile(\(p))")
            // The upper-tail form agrees where 1 − p loses no digits.
            if p >= 0.01 { #expect(close(d.upperQuantile(1 - p), q, relative: 1e-9, absolute: 1e-12), "\(d) upperQuantile(\(1 - p))") }
        }
        let mean = entry["mean"] as? Double ?? .infinity, sd = entry["sd"] as? Double ?? .infinity
        #expect(close(d.mean, mean, relative: 1e-13, absolute: 1e-15) || (mean.isInfinite && d.mean.isInfinite), "\(d) mean")
        #expect(close(d.standardDeviation, sd, relative: 1e-13, absolute: 1e-15) || (sd.isInfinite && d.standardDeviation.isInfinite), "\(d) sd")
    }
}

@Test func lognormalByMedianAndP90AndByMeanAndSd() throws {
    let a = try Distribution.lognormal(median: 2, p90: 3)
    #expect(close(a.quantile(0.5), 2, relative: 1e-14))
    #expect(close(a.quantile(0.9), 3, relative: 1e-14))
    let b = try Distribution.lognormal(mean: 1.27, sd: 0.6)
    #expect(close(b.mean, 1.27, relative: 1e-14))
    #expect(close(b.standardDeviation, 0.6, relative: 1e-13))
}

@Test(arguments: [
    (Distribution.normal(mean: 0, sd: -1), "normal: 'sd' must be positive, not -1"),
    (.uniform(min: 2, max: 1), "uniform: 'min' (2) must be below 'max' (1)"),
    (.triangular(min: 0, mode: 5, max: 4), "triangular: 'mode' (5) must lie between 'min' (0) and 'max' (4)"),
    (.pert(min: 3, mode: 3, max: 3), "pert: 'min' (3) must be below 'max' (3)"),
    (.lognormal(meanlog: .nan, sdlog: 1), "lognormal: 'meanlog' must be a finite number, not na"),
    (.studentT(df: 0, location: 0, scale: 1), "student_t: 'df' must be positive, not 0"),
    (.pareto(scale: 1, shape: -2), "pareto: 'shape' must be positive, not -2"),
    (.generalizedPareto(threshold: 0, scale: 0, shape: 0.2), "gpd: 'scale' must be positive, not 0"),
    (.empirical(sorted: []), "empirical: needs at least one value"),
])
func invalidParametersAreRejectedWithExactMessages(_ d: Distribution, _ message: String) {
    #expect(throws: KernelError(message)) { try Distribution.checked(d) }
}

@Test func lognormalByQuantilesRejectsAP90BelowTheMedian() {
    #expect(throws: KernelError("lognormal: 'p90' (1) must be above 'median' (2)")) {
        try Distribution.lognormal(median: 2, p90: 1)
    }
}

/// Sample means within 4 standard errors of the exact mean, for every sampler.
@Test func samplersHaveTheExactMeans() {
    let cases: [Distribution] = [
        .normal(mean: 1, sd: 2), .uniform(min: -1, max: 3), .triangular(min: 1, mode: 2, max: 5),
        .pert(min: 1, mode: 2, max: 5), .pert(min: 0, mode: 0.95, max: 1), .lognormal(meanlog: 0.1, sdlog: 0.35),
        .studentT(df: 5, location: 1, scale: 2), .pareto(scale: 2, shape: 3.5),
        .generalizedPareto(threshold: 1, scale: 0.5, shape: 0.2), .generalizedPareto(threshold: 0, scale: 1, shape: -0.3),
        .empirical(sorted: [1, 2, 2, 7]),
    ]
    var g = Xoshiro256StarStar(seed: 21)
    let n = 200_000
    for d in cases {
        let x = d.sample(n, using: &g)
        let se = d.standardDeviation / Double(n).squareRoot()
        #expect(abs(Descriptive.mean(x) - d.mean) < 4 * se, "\(d)")
        // And the sample median near the exact one (4 SEs of a quantile: √(p(1−p)/n) / f(q)).
        if case .empirical = d { continue }
        let q = d.quantile(0.5)
        let seMedian = 0.5 / (Double(n).squareRoot() * d.pdf(q))
        #expect(abs(Descriptive.median(x) - q) < 4 * seMedian, "\(d) median")
    }
}

@Test func empiricalBootstrapsItsValues() throws {
    let d = try Distribution.empirical([3, 1, 2, 2])
    #expect(d == .empirical(sorted: [1, 2, 2, 3]))
    #expect(d.cdf(2) == 0.75)
    #expect(d.quantile(0.5) == 2)
    #expect(d.mean == 2)
    #expect(close(d.standardDeviation, 0.5.squareRoot(), relative: 1e-15))
    var g = Xoshiro256StarStar(seed: 1)
    #expect(Set(d.sample(1000, using: &g)) == [1, 2, 3])
}

@Test func maximumLikelihoodFitsAgreeWithScipy() throws {
    for entry in ScipyFixtures.shared.fits {
        let family = FitFamily(rawValue: entry["family"] as! String)!
        let x = entry["x"] as! [Double]
        let fit = try Distribution.fit(family, x, threshold: entry["threshold"] as? Double)
        let expected = entry["parameters"] as! [String: Double]
        // Closed forms to 1e-12; numerical optima (t, gpd) to 1e-5; the triangular's and
        // PERT's endpoints sit where the likelihood is flat, to 1e-4.
        let tolerance: Double
        switch family {
        case .student_t, .gpd: tolerance = 1e-5
        case .triangular, .pert: tolerance = 1e-4
        default: tolerance = 1e-12
        }
        for (name, value) in fit.distribution.parameters {
            #expect(close(value, expected[name]!, relative: tolerance), "\(family) \(name)")
        }
        if let ll = entry["log_likelihood"] as? Double {
            // Our optimum is at least as good as scipy's.
            #expect(fit.logLikelihood >= ll - 1e-8, "\(family) log-likelihood")
        }
    }
}

@Test func fitsWarnAboutInfiniteMomentsInTheTail() throws {
    let heavy = (1...50).map { pow(Double($0) / 51, -1.0 / 0.8) }  // Pareto quantiles, α = 0.8
    let fit = try Distribution.fit(.pareto, heavy)
    #expect(fit.warnings.count == 1)
    #expect(fit.warnings[0].hasPrefix("tail index 0.8"))
    #expect(fit.warnings[0].contains("≤ 1: the mean is infinite"))
}

@Test func fitErrorsAreReadable() {
    #expect(throws: KernelError("fit: 'normal' needs at least 2 values, not 1")) { try Distribution.fit(.normal, [1]) }
    #expect(throws: KernelError("fit: 'lognormal' needs positive values")) { try Distribution.fit(.lognormal, [1, -2, 3]) }
    #expect(throws: KernelError("fit: 'gpd' needs a threshold (threshold=)")) { try Distribution.fit(.gpd, [1, 2, 3]) }
    #expect(throws: KernelError("fit: the values are all equal; a triangular needs some spread")) { try Distribution.fit(.triangular, [2, 2, 2]) }
    #expect(throws: KernelError("fit: the values are all equal; a pert needs some spread")) { try Distribution.fit(.pert, [5, 5]) }
}

@Test func aTriangularFitOfTwoValuesIsFinite() throws {
    // The smallest sample: the mode lands on one of the two values, the endpoints outside them.
    let fit = try Distribution.fit(.triangular, [1, 3])
    guard case .triangular(let a, let c, let b) = fit.distribution else { Issue.record("not a triangular"); return }
    #expect(a < 1 && b > 3 && (c == 1 || c == 3))
    #expect(fit.logLikelihood.isFinite)
}

@Test func hillEstimatorOnAnExactExample() throws {
    // k = 2 largest of [1, 2, 4, 8, 16] over x₍₃₎ = 4: 2 / (log 4 + log 2).
    let t = try TailIndex.hill([1, 2, 4, 8, 16], k: 2)
    #expect(close(t.alpha, 2 / (log(4.0) + log(2.0)), relative: 1e-15))
    #expect(close(t.standardError, t.alpha / 2.0.squareRoot(), relative: 1e-15))
    #expect(t.threshold == 4)
    #expect(t.warnings.count == 1 && t.warnings[0].contains("≤ 1: the mean is infinite"))
}

@Test func hillEstimatorRecoversAParetoIndexWithinItsStandardError() throws {
    var g = Xoshiro256StarStar(seed: 4)
    let d = Distribution.pareto(scale: 1, shape: 1.6)
    let x = d.sample(20_000, using: &g)
    let t = try TailIndex.hill(x, k: 2000)
    #expect(abs(t.alpha - 1.6) < 4 * t.standardError)
    #expect(t.warnings.count == 1 && t.warnings[0].contains("≤ 2: the variance is infinite"))
    let light = try TailIndex.hill(Distribution.pareto(scale: 1, shape: 4).sample(20_000, using: &g), k: 2000)
    #expect(light.warnings.isEmpty)
}

@Test func hillEstimatorErrors() {
    #expect(throws: KernelError("tail_index needs at least 3 positive values, not 2")) { try TailIndex.hill([1, 2, -3]) }
    #expect(throws: KernelError("tail_index: 'k' must be between 1 and 3 (the number of positive values less one), not 4")) {
        try TailIndex.hill([1, 2, 3, 4], k: 4)
    }
}
