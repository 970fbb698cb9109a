import Foundation
import LinearAlgebra
import Testing
@testable import PanoramaKit

private func model(_ costs: [Double], _ overruns: [Distribution], _ copula: Copula = .gaussian(.none),
                   groups: [String] = [], of: [Int] = []) -> PortfolioModel {
    PortfolioModel(names: costs.indices.map { "p\($0 + 1)" }, costs: costs, overruns: overruns, copula: copula,
                   groupLabels: groups, groupOfProject: of)
}

private let z90 = 1.2815515655446004

/// Independent normal overruns: the total is normal with mean Σcᵢμᵢ and sd √Σcᵢ²σᵢ².
@Test func independentNormalsGiveANormalTotal() throws {
    let costs: [Double] = [10, 20, 35, 5, 50]
    let sds: [Double] = [0.1, 0.3, 0.2, 0.5, 0.15]
    let m = model(costs, sds.map { .normal(mean: 1.1, sd: $0) })
    let s = try MonteCarlo.simulate(m, SimulationSettings(trials: 200_000, seed: 1, threads: 2))
    let mean = 1.1 * costs.reduce(0, +)
    let sd = zip(costs, sds).map { $0 * $0 * $1 * $1 }.reduce(0, +).squareRoot()
    #expect(abs(s.mean - mean) < 4 * s.meanStandardError)
    #expect(abs(s.standardDeviation - sd) < 4 * sd / (2.0 * Double(s.trials)).squareRoot())
    let p50 = s.percentile(50)!, p90 = s.percentile(90)!
    #expect(abs(p50.value - mean) < 4 * p50.standardError)
    #expect(abs(p90.value - (mean + z90 * sd)) < 4 * p90.standardError)
    // The order-statistic bounds bracket the estimate.
    #expect(p90.lower < p90.value && p90.value < p90.upper)
    #expect(s.pointEstimate == costs.reduce(0, +))
}

/// Equicorrelated normals: sd = √(Σσᵢ² + 2ρ Σ_{i<j} σᵢσⱼ), by the one-factor path and by the
/// full-matrix (Cholesky) path.
@Test(arguments: [0.3, 0.8, -0.2])
func equicorrelatedNormalsHaveTheExactStandardDeviation(rho: Double) throws {
    let costs: [Double] = [10, 20, 30, 40, 15, 25]
    let sigma = costs.map { $0 * 0.25 }
    var variance = sigma.map { $0 * $0 }.reduce(0, +)
    for i in 0..<costs.count { for j in (i + 1)..<costs.count { variance += 2 * rho * sigma[i] * sigma[j] } }
    let exact = variance.squareRoot()
    let overruns = Array(repeating: Distribution.normal(mean: 1, sd: 0.25), count: costs.count)
    for copula in [Copula.gaussian(.common(rho)), .gaussian(.matrix(Correlation.common(rho).matrix(projects: costs.count)))] {
        let s = try MonteCarlo.simulate(model(costs, overruns, copula), SimulationSettings(trials: 100_000, seed: 3))
        #expect(abs(s.standardDeviation - exact) < 4 * exact / (2.0 * Double(s.trials)).squareRoot(), "\(copula)")
        #expect(abs(s.mean - costs.reduce(0, +)) < 4 * s.meanStandardError)
    }
}

@Test func theMeanOfASumOfCorrelatedLognormalsIsExact() throws {
    let costs: [Double] = [100, 250, 75, 310]
    let overruns: [Distribution] = [.lognormal(meanlog: 0.05, sdlog: 0.35), .lognormal(meanlog: 0, sdlog: 0.6),
                                    .lognormal(meanlog: 0.1, sdlog: 0.2), .lognormal(meanlog: -0.05, sdlog: 0.45)]
    let exact = zip(costs, overruns).map { $0 * $1.mean }.reduce(0, +)
    let s = try MonteCarlo.simulate(model(costs, overruns, .gaussian(.common(0.4))),
                                    SimulationSettings(trials: 200_000, seed: 5))
    #expect(abs(s.mean - exact) < 4 * s.meanStandardError)
}

@Test func triangularAndPertMeansAreExact() throws {
    for d in [Distribution.triangular(min: 0.9, mode: 1.1, max: 2), .pert(min: 0.9, mode: 1.1, max: 2)] {
        let s = try MonteCarlo.simulate(model([100, 60], [d, d], .gaussian(.common(0.5))),
                                        SimulationSettings(trials: 100_000, seed: 8))
        #expect(abs(s.mean - 160 * d.mean) < 4 * s.meanStandardError, "\(d)")
        // One project alone: its percentiles are the distribution's quantiles.
        let one = try MonteCarlo.simulate(model([1], [d]), SimulationSettings(trials: 100_000, seed: 9))
        for p in one.percentiles {
            #expect(abs(p.value - d.quantile(p.percent / 100)) < 4 * p.standardError, "\(d) \(p.label)")
        }
    }
}

@Test func everyMarginalSurvivesTheGaussianAndTCopulas() throws {
    let overruns: [Distribution] = [.normal(mean: 1, sd: 0.1), .uniform(min: 0.9, max: 1.5),
                                    .triangular(min: 0.9, mode: 1, max: 2), .pert(min: 0.8, mode: 1, max: 2.5),
                                    .lognormal(meanlog: 0, sdlog: 0.3), .studentT(df: 5, location: 1.2, scale: 0.1),
                                    .pareto(scale: 1, shape: 3.5), .generalizedPareto(threshold: 1, scale: 0.2, shape: 0.1),
                                    .empirical(sorted: [0.9, 1, 1.2, 1.3, 2.5])]
    let costs = Array(repeating: 10.0, count: overruns.count)
    let exact = overruns.map { 10 * $0.mean }.reduce(0, +)
    for copula in [Copula.gaussian(.common(0.3)), .studentT(.common(0.3), df: 4), .imanConover(.common(0.3))] {
        let s = try MonteCarlo.simulate(model(costs, overruns, copula), SimulationSettings(trials: 60_000, seed: 2))
        #expect(abs(s.mean - exact) < 4 * s.meanStandardError, "\(copula.name)")
    }
}

private func ranks(_ x: [Double]) -> [Double] {
    let order = x.indices.sorted { x[$0] < x[$1] }
    var r = [Double](repeating: 0, count: x.count)
    for (k, i) in order.enumerated() { r[i] = Double(k) }
    return r
}

private func spearman(_ a: [Double], _ b: [Double]) -> Double { Descriptive.correlation(ranks(a), ranks(b)) }

/// Iman–Conover: every pair's Spearman correlation near the target (mean over pairs within
/// 4 SEs of a Spearman estimate, ≈ (1 − ρ²)/√n).
@Test(arguments: [0.3, 0.7])
func imanConoverReachesItsTargetRankCorrelation(target: Double) throws {
    let overruns: [Distribution] = [.lognormal(meanlog: 0, sdlog: 0.5), .pert(min: 1, mode: 1.2, max: 3),
                                    .pareto(scale: 1, shape: 2.5), .uniform(min: 0, max: 1)]
    let m = model([1, 1, 1, 1], overruns, .imanConover(.common(target)))
    let draws = try MonteCarlo.draws(m, trials: 20_000, seed: 4)
    let se = (1 - target * target) / Double(20_000).squareRoot()
    for i in 0..<4 {
        for j in (i + 1)..<4 {
            let r = spearman(draws[i], draws[j])
            #expect(abs(r - target) < 4 * se + 0.005, "pair \(i) \(j): \(r)")
        }
    }
    // The marginals are untouched: each column is a sample of its distribution.
    #expect(abs(Descriptive.mean(draws[3]) - 0.5) < 4 * (1.0 / 12 / 20_000).squareRoot())
}

/// The Gaussian copula's Spearman correlation is (6/π) asin(ρ/2).
@Test func gaussianCopulaHasTheExactRankCorrelation() throws {
    let rho = 0.6
    let m = model([1, 1], [.pareto(scale: 1, shape: 2), .pert(min: 0, mode: 0.2, max: 1)], .gaussian(.common(rho)))
    let draws = try MonteCarlo.draws(m, trials: 40_000, seed: 6)
    let exact = 6 / Double.pi * asin(rho / 2)
    #expect(abs(spearman(draws[0], draws[1]) - exact) < 4 * (1 - exact * exact) / 200)
}

@Test func aSeedGivesIdenticalResultsWithOneTwoAndThreeThreads() throws {
    let overruns = (0..<12).map { Distribution.lognormal(meanlog: 0.02 * Double($0), sdlog: 0.35) }
    let costs = (0..<12).map { 10 + Double($0) }
    for copula in [Copula.gaussian(.common(0.3)), .studentT(.common(0.2), df: 5), .imanConover(.common(0.4)),
                   .gaussian(.matrix(Correlation.common(0.25).matrix(projects: 12)))] {
        let m = model(costs, overruns, copula)
        let one = try MonteCarlo.simulate(m, SimulationSettings(trials: 30_000, seed: 77, threads: 1))
        let two = try MonteCarlo.simulate(m, SimulationSettings(trials: 30_000, seed: 77, threads: 2))
        let three = try MonteCarlo.simulate(m, SimulationSettings(trials: 30_000, seed: 77, threads: 3))
        #expect(one.totals == two.totals, "\(copula.name)")
        #expect(one.totals == three.totals, "\(copula.name)")
        #expect(one.percentiles == two.percentiles)
        let other = try MonteCarlo.simulate(m, SimulationSettings(trials: 30_000, seed: 78, threads: 2))
        #expect(other.totals != one.totals)
        #expect(try one.contributions().projects == two.contributions().projects)
    }
}

@Test func resultStatisticsFollowTheirDefinitions() throws {
    let m = model([40, 60], [.lognormal(meanlog: 0, sdlog: 0.3), .lognormal(meanlog: 0.1, sdlog: 0.4)], .gaussian(.common(0.2)))
    let s = try MonteCarlo.simulate(m, SimulationSettings(trials: 9_999, seed: 1))
    let sorted = s.totals.sorted()
    for p in s.percentiles {
        #expect(p.value == Descriptive.quantile(sorted: sorted, p.percent / 100))
        #expect(p.value == s.quantile(p.percent / 100))
    }
    let below = s.totals.filter { $0 <= 100 }.count
    #expect(s.pointEstimatePercentile == 100 * Double(below) / 9_999)
    #expect(s.contingencyP80 == s.percentile(80)!.value - 100)
    let tail = s.totals.filter { $0 >= s.percentile(95)!.value }
    #expect(abs(s.expectedShortfall95 - tail.reduce(0, +) / Double(tail.count)) < 1e-9)
}

/// Independent normals: variance shares cᵢ²σᵢ²/Σ, rank correlations (6/π) asin(rᵢ/2) with
/// rᵢ = cᵢσᵢ/σ_T; group rows add their projects.
@Test func contributionsOfIndependentNormalsAreExact() throws {
    let costs: [Double] = [10, 20, 40]
    let sds: [Double] = [0.3, 0.2, 0.25]
    let m = model(costs, sds.map { .normal(mean: 1, sd: $0) }, groups: ["a", "b"], of: [0, 0, 1])
    let s = try MonteCarlo.simulate(m, SimulationSettings(trials: 200_000, seed: 10))
    let c = try s.contributions()
    let variances = zip(costs, sds).map { $0 * $0 * $1 * $1 }
    let total = variances.reduce(0, +)
    for j in 0..<3 {
        let row = c.projects[j]
        #expect(abs(row.varianceShare - variances[j] / total) < 0.01, "share \(j)")
        let r = (variances[j] / total).squareRoot()
        let exact = 6 / Double.pi * asin(r / 2)
        #expect(abs(row.rankCorrelation - exact) < 4 * (1 - exact * exact) / 200_000.0.squareRoot() + 0.002, "rank \(j)")
        #expect(abs(row.mean - costs[j]) < 4 * costs[j] * sds[j] / 200_000.0.squareRoot())
    }
    #expect(abs(c.projects.map(\.varianceShare).reduce(0, +) - 1) < 1e-9)
    // The tornado's ends: E[Z | Φ(Z) ∈ [0.05, 0.15]] = (φ(a) − φ(b)) / 0.1 with a, b the
    // normal quantiles of 0.05 and 0.15; symmetric for the high band.
    let a = -1.6448536269514729, b = -1.0364333894937898
    let phi = { (x: Double) in exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    let shift = (phi(a) - phi(b)) / 0.1
    let sdT = total.squareRoot()
    for j in 0..<3 {
        let tolerance = 4 * sdT / (0.1 * 200_000).squareRoot()
        #expect(abs(c.projects[j].lowTotal - (70 + shift * costs[j] * sds[j])) < tolerance, "low \(j)")
        #expect(abs(c.projects[j].highTotal - (70 - shift * costs[j] * sds[j])) < tolerance, "high \(j)")
    }
    #expect(c.groups.map(\.name) == ["a", "b"])
    #expect(c.groups[0].baseCost == 30)
    #expect(abs(c.groups[0].varianceShare - (variances[0] + variances[1]) / total) < 0.01)
    let rb = (variances[2] / total).squareRoot()
    #expect(abs(c.groups[1].rankCorrelation - 6 / Double.pi * asin(rb / 2)) < 0.01)
    #expect(c.ranked.first?.name == "p3")
}

@Test func cancellationStopsTheRunAndProgressReachesOne() throws {
    let m = model([1, 2], [.normal(mean: 1, sd: 0.1), .normal(mean: 1, sd: 0.1)])
    #expect(throws: Cancelled.self) {
        try MonteCarlo.simulate(m, SimulationSettings(trials: 100_000, seed: 1, isCancelled: { true }))
    }
    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var values: [Double] = []
    }
    let box = Box()
    _ = try MonteCarlo.simulate(m, SimulationSettings(trials: 50_000, seed: 1, threads: 2, progress: { f in
        box.lock.lock(); box.values.append(f); box.lock.unlock()
    }))
    #expect(box.values.count == ChunkGenerator.chunks(trials: 50_000).count)
    #expect(box.values.max() == 1)
}

@Test func chunksCoverTheTrialsWithTheRemainderInTheLastOne() {
    #expect(ChunkGenerator.chunks(trials: 10) == [0..<10])
    #expect(ChunkGenerator.chunks(trials: 4096 * 2 + 5) == [0..<4096, 4096..<8197])
}

@Test func invalidModelsAndSettingsAreRejected() {
    #expect(throws: KernelError("there are no projects to simulate")) {
        try MonteCarlo.simulate(model([], []), SimulationSettings(trials: 10, seed: 1))
    }
    #expect(throws: KernelError("'trials' must be at least 2, not 1")) {
        try MonteCarlo.simulate(model([1], [.normal(mean: 1, sd: 1)]), SimulationSettings(trials: 1, seed: 1))
    }
    #expect(throws: KernelError("the base cost of 'p2' is na; costs must be finite")) {
        try MonteCarlo.simulate(model([1, .nan], [.normal(mean: 1, sd: 1), .normal(mean: 1, sd: 1)]), SimulationSettings(trials: 10, seed: 1))
    }
    #expect(throws: KernelError("iman-conover needs more trials than projects (3 trials for 4 projects)")) {
        try MonteCarlo.simulate(model([1, 1, 1, 1], Array(repeating: .normal(mean: 1, sd: 1), count: 4), .imanConover(.common(0.2))),
                                SimulationSettings(trials: 3, seed: 1))
    }
}

/// The t copula's table of normal scores agrees with the exact transform.
@Test(arguments: [1.0, 2.5, 4.0, 30.0])
func tScoreTableMatchesTheExactTransform(df: Double) {
    let table = TScoreTable(df: df)
    var g = Xoshiro256StarStar(seed: 1)
    for _ in 0..<20_000 {
        let v = Distribution.studentT(df: df, location: 0, scale: 1).sample(using: &g) * 3
        #expect(abs(table.score(v) - TScoreTable.exact(v, df)) < 1e-8, "v = \(v)")
    }
    #expect(table.score(1e12) == TScoreTable.exact(1e12, df))
}

/// Marginals and the Hermite quantile table: PERT and Student's t draws through the
/// Gaussian copula match the exact quantile function.
@Test func hermiteQuantileTablesMatchTheExactQuantiles() {
    for d in [Distribution.pert(min: 0.8, mode: 1, max: 2.5), .studentT(df: 3, location: 1, scale: 0.2)] {
        let table = HermiteTable(d)
        for y in stride(from: -8.9, through: 8.9, by: 0.0137) {
            let exact = Marginal.quantile(d, normal: y)
            #expect(abs(table.value(y)! - exact) <= 1e-9 * max(1, abs(exact)), "\(d) y = \(y)")
        }
    }
}
