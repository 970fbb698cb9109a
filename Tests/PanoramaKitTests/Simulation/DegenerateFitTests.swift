import Foundation
import Testing
@testable import PanoramaKit

// Maximum-likelihood fits without a maximum are refused with one line saying why and what to try.

/// Deterministic quantiles of a lognormal(0, 0.5): spread values with no ties.
private func spread(_ n: Int) -> [Double] {
    (1...n).map { exp(0.5 * NormalDistribution.standardQuantile(Double($0) / Double(n + 1))) }
}

@Test func aStudentTFitOnManyTiedValuesIsRefusedNamingTheTies() {
    // 120 of 200 values at exactly 1: the t likelihood grows without bound as df, scale → 0.
    let x = Array(repeating: 1.0, count: 120) + spread(80)
    #expect {
        try Distribution.fit(.student_t, x)
    } throws: { error in
        let message = (error as? KernelError)?.message ?? ""
        return message.hasPrefix("fit: 'student_t' has no maximum-likelihood fit: 120 of 200 values are tied at 1, ")
            && message.hasSuffix("try 'empirical' or 'lognormal', or fit the values without the ties")
    }
}

@Test func aStudentTFitOnSpreadValuesIsStillAccepted() throws {
    // The same spread values without the ties: an ordinary fit, df well above the floor.
    let fit = try Distribution.fit(.student_t, spread(80) + [3.5, 4.2, 6.0])
    guard case .studentT(let df, _, let scale) = fit.distribution else { Issue.record("not a t"); return }
    #expect(df > 1 && scale > 0.1)
    #expect(fit.logLikelihood.isFinite)
}

@Test func aGPDFitWhoseShapeRunsPastMinusOneIsRefused() {
    // Excesses piling up towards their maximum (quantiles of a GPD with shape −1.5): the
    // likelihood is unbounded as the upper endpoint reaches the largest value.
    let excesses = (1...60).map { i -> Double in
        let p = Double(i) / 61
        return (1 - pow(1 - p, 1.5)) / 1.5
    }
    #expect {
        try Distribution.fit(.gpd, excesses.map { 10 + $0 }, threshold: 10)
    } throws: { error in
        let message = (error as? KernelError)?.message ?? ""
        return message.hasPrefix("fit: 'gpd' has no maximum-likelihood fit: the shape reached ")
            && message.contains("≤ −1, where the density is infinite at the upper endpoint")
    }
}

@Test(arguments: FitFamily.allCases)
func aFitOfEqualValuesIsRefusedForEveryFamily(family: FitFamily) {
    // Zero spread: no scale to estimate. (For gpd the values above the threshold are equal.)
    #expect {
        try Distribution.fit(family, [2, 2, 2, 2], threshold: family == .gpd ? 1 : nil)
    } throws: { error in
        let message = (error as? KernelError)?.message ?? ""
        return message.hasPrefix("fit: the values") && message.contains("are all equal; a")
            && message.hasSuffix("needs some spread")
    }
}

@Test func theMostTiedValueAndItsCountAreFound() {
    let tied = Distribution.mostTied([3, 1, 2, 3, 1, 3]), none = Distribution.mostTied([5, 4])
    #expect(tied.value == 3 && tied.count == 3)
    #expect(none.value == 4 && none.count == 1)
}

@Test func aStudentTFitOnRoundedValuesWithFewTiesIsAccepted() throws {
    // Normal quantiles rounded to whole numbers: 20 of 500 values tied at 47, but the likelihood
    // has an interior maximum (the drift needs df below k/(n − k) ≈ 0.04), which the search finds.
    let x = (1...500).map { (50 + 10 * NormalDistribution.standardQuantile(Double($0) / 501)).rounded() }
    #expect(Distribution.mostTied(x).count == 20)
    let fit = try Distribution.fit(.student_t, x)
    guard case .studentT(let df, let location, let scale) = fit.distribution else { Issue.record("not a t"); return }
    #expect(df > 10 && abs(location - 50) < 1 && abs(scale - 10) < 1)
}
