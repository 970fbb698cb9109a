import Foundation
import Testing
@testable import PanoramaKit

/// The Monte Carlo standard error of the simulated sd against brute force: the spread of the
/// sd over many independent simulations of a heavy-tailed portfolio (two lognormal overruns,
/// sdlog 0.5, costs 10 and 20: kurtosis ≈ 7, so sd/√(2N), the normal theory, is about 1.75 times
/// too small; numpy's version of this experiment gives 0.97 and 0.57 for the two ratios).
@Test func theStandardErrorOfTheSDMatchesTheSpreadOfRepeatedSimulations() throws {
    let model = PortfolioModel(names: ["a", "b"], costs: [10, 20],
                               overruns: [.lognormal(meanlog: 0, sdlog: 0.5), .lognormal(meanlog: 0, sdlog: 0.5)])
    let trials = 2_000, runs = 300
    var sds: [Double] = [], errors: [Double] = [], normalTheory: [Double] = []
    for seed in 1...runs {
        let s = try MonteCarlo.simulate(model, SimulationSettings(trials: trials, seed: UInt64(seed), threads: 1))
        sds.append(s.standardDeviation)
        errors.append(s.standardDeviationStandardError)
        normalTheory.append(s.standardDeviation / (2 * Double(trials)).squareRoot())
    }
    let bruteForce = Descriptive.sampleStandardDeviation(sds)
    // The brute-force sd of 300 values is itself uncertain by about 1/√600 ≈ 4 % (more with the
    // sd's own skew): 15 % is wide enough for that and far narrower than the normal theory's 43 % shortfall.
    #expect(abs(Descriptive.mean(errors) / bruteForce - 1) < 0.15, "\(Descriptive.mean(errors)) vs \(bruteForce)")
    #expect(Descriptive.mean(normalTheory) / bruteForce < 0.75)
}

@Test func normalTotalsHaveKurtosisThreeAndTheNormalTheoryError() throws {
    let model = PortfolioModel(names: ["a"], costs: [1], overruns: [.normal(mean: 0, sd: 1)])
    let s = try MonteCarlo.simulate(model, SimulationSettings(trials: 200_000, seed: 7, threads: 2))
    // The sample kurtosis of 200,000 normals has s.e. √(24/N) ≈ 0.011.
    #expect(abs(s.kurtosis - 3) < 0.05)
    let normalTheory = s.standardDeviation / (2 * Double(s.trials)).squareRoot()
    #expect(abs(s.standardDeviationStandardError / normalTheory - 1) < 0.02)
}
