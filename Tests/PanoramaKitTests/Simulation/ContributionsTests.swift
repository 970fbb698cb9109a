import Foundation
import Testing
@testable import PanoramaKit

/// Each value's mid-rank among `values` over n, from the sorted values (the definition).
private func directMidRanks(_ values: [Double]) -> [Double] {
    let sorted = values.sorted()
    var below: [Double: Int] = [:], atOrBelow: [Double: Int] = [:]
    for (i, v) in sorted.enumerated() {
        if below[v] == nil { below[v] = i }
        atOrBelow[v] = i + 1
    }
    return values.map { (Double(below[$0]!) + Double(atOrBelow[$0]!)) / 2 / Double(values.count) }
}

private func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for (x, y) in zip(a, b) {
        sab += (x - ma) * (y - mb)
        saa += (x - ma) * (x - ma)
        sbb += (y - mb) * (y - mb)
    }
    return sab / (saa * sbb).squareRoot()
}

/// A contributions row computed the obvious way from a column of costs and its uniforms.
private func directRow(_ x: [Double], _ u: [Double], totals: [Double], totalRanks: [Double]) -> [Double] {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n, meanT = totals.reduce(0, +) / n
    var sxx = 0.0, sxt = 0.0, stt = 0.0
    for (v, t) in zip(x, totals) {
        sxx += (v - mean) * (v - mean)
        sxt += (v - mean) * (t - meanT)
        stt += (t - meanT) * (t - meanT)
    }
    func bandMean(_ lo: Double, _ hi: Double) -> Double {
        let inBand = zip(u, totals).filter { $0.0 >= lo && $0.0 <= hi }.map(\.1)
        return inBand.reduce(0, +) / Double(inBand.count)
    }
    return [mean, (sxx / (n - 1)).squareRoot(), sxt / stt, pearson(u, totalRanks),
            bandMean(0.05, 0.15), bandMean(0.85, 0.95)]
}

private func fields(_ r: Contributions.Row) -> [Double] {
    [r.mean, r.standardDeviation, r.varianceShare, r.rankCorrelation, r.lowTotal, r.highTotal]
}

/// The small portfolios the fast path is checked on, one per way the second pass gets its
/// latents: the fused lognormal path, the general path (normal and lognormal marginals, with
/// groups, so the draws are regenerated too), the t copula (latents are the t's normal scores)
/// and Iman–Conover (latents are the within-chunk ranks).
enum ReferencePortfolio: String, CaseIterable, Sendable {
    case lognormal, mixedWithGroups, studentT, imanConover

    static let costs: [Double] = [10, 25, 40, 15, 30]

    var model: PortfolioModel {
        let lognormals: [Distribution] = [.lognormal(meanlog: 0, sdlog: 0.35), .lognormal(meanlog: 0.05, sdlog: 0.2),
                                          .lognormal(meanlog: 0, sdlog: 0.5), .lognormal(meanlog: 0.1, sdlog: 0.3),
                                          .lognormal(meanlog: 0, sdlog: 0.25)]
        let names = ["a", "b", "c", "d", "e"]
        switch self {
        case .lognormal:
            return PortfolioModel(names: names, costs: Self.costs, overruns: lognormals, copula: .gaussian(.common(0.3)))
        case .mixedWithGroups:
            let mixed: [Distribution] = [.normal(mean: 1.1, sd: 0.2), lognormals[1], .normal(mean: 1, sd: 0.3),
                                         lognormals[3], lognormals[4]]
            return PortfolioModel(names: names, costs: Self.costs, overruns: mixed, copula: .gaussian(.common(0.4)),
                                  groupLabels: ["g1", "g2"], groupOfProject: [0, 1, 0, 1, 1])
        case .studentT:
            return PortfolioModel(names: names, costs: Self.costs, overruns: lognormals,
                                  copula: .studentT(.common(0.3), df: 4))
        case .imanConover:
            let triangulars = Array(repeating: Distribution.triangular(min: 0.9, mode: 1, max: 2), count: 5)
            return PortfolioModel(names: names, costs: Self.costs, overruns: triangulars,
                                  copula: .imanConover(.common(0.3)))
        }
    }

    /// Project j's copula uniforms, from its draws alone: F(x) for the latent-normal copulas
    /// (normal and lognormal marginals map the latent exactly), the within-chunk rank
    /// (r + ½)/m for Iman–Conover.
    func uniforms(_ draws: [Double], project j: Int) -> [Double] {
        guard self == .imanConover else {
            let overrun = model.overruns[j]
            return draws.map { overrun.cdf($0 / Self.costs[j]) }
        }
        var u = [Double](repeating: 0, count: draws.count)
        for chunk in ParallelChunks.trialChunks(draws.count) {
            let order = chunk.sorted { draws[$0] < draws[$1] }
            for (r, t) in order.enumerated() { u[t] = (Double(r) + 0.5) / Double(chunk.count) }
        }
        return u
    }
}

/// The fast path (Σx, Σx², Σx·T taken by the run; the latents regenerated, Φ two at a time
/// from the table, bands decided on the latent; radix-sorted ranks) against a direct
/// computation from the draws themselves: each project's uniform from its draw, the total's
/// rank its mid-rank among the sorted totals, and every statistic its textbook formula. Five
/// projects, 10,001 trials (two chunks, the last with an odd count), several seeds and thread
/// counts.
@Test(arguments: ReferencePortfolio.allCases, [(seed: UInt64(1), threads: 1), (seed: 42, threads: 2), (seed: 7, threads: 3)])
func contributionsEqualADirectComputationFromTheDraws(portfolio: ReferencePortfolio, run: (seed: UInt64, threads: Int)) throws {
    let m = portfolio.model
    let trials = 10_001
    let s = try MonteCarlo.simulate(m, SimulationSettings(trials: trials, seed: run.seed, threads: run.threads))
    let c = try s.contributions()
    let draws = try MonteCarlo.draws(m, trials: trials, seed: run.seed)
    let totalRanks = directMidRanks(s.totals)
    for j in 0..<m.projectCount {
        let direct = directRow(draws[j], portfolio.uniforms(draws[j], project: j), totals: s.totals, totalRanks: totalRanks)
        for (k, (got, want)) in zip(fields(c.projects[j]), direct).enumerated() {
            #expect(abs(got - want) <= 1e-9 * abs(want), "project \(j) field \(k): \(got) vs \(want)")
        }
    }
    for g in 0..<m.groupLabels.count {
        let members = (0..<m.projectCount).filter { m.groupOfProject[$0] == g }
        let subtotal = (0..<trials).map { t in members.reduce(0.0) { $0 + draws[$1][t] } }
        let direct = directRow(subtotal, directMidRanks(subtotal), totals: s.totals, totalRanks: totalRanks)
        for (k, (got, want)) in zip(fields(c.groups[g]), direct).enumerated() {
            #expect(abs(got - want) <= 1e-9 * abs(want), "group \(g) field \(k): \(got) vs \(want)")
        }
    }
}

/// The sums are taken per chunk and combined in chunk order, so the thread count changes no
/// bit of the contributions.
@Test(arguments: ReferencePortfolio.allCases)
func contributionsAreTheSameToTheBitOnOneTwoAndFourThreads(portfolio: ReferencePortfolio) throws {
    let results = try [1, 2, 4].map { threads in
        try MonteCarlo.simulate(portfolio.model, SimulationSettings(trials: 3 * ParallelChunks.trialsPerChunk + 7,
                                                                    seed: 5, threads: threads)).contributions()
    }
    for other in results.dropFirst() {
        #expect(other.projects == results[0].projects)
        #expect(other.groups == results[0].groups)
    }
}

/// The tornado bands are decided on the latent normal by thresholds: a latent is in a band
/// exactly when `fastStandardCDF` puts its Φ there, checked over 2¹⁷ doubles on each side of
/// every edge (which also checks that `fastStandardCDF` is monotone there, as the bisection
/// that found the thresholds assumes).
@Test func bandThresholdsOnTheLatentMatchTheBandsOfItsPhi() {
    let b = NormalLatent.shared.bands
    var disagreements: [Double] = []
    for edge in [b.lowFrom, b.lowTo, b.highFrom, b.highTo] {
        var y = edge
        for _ in 0..<(1 << 17) { y = y.nextDown }
        for _ in 0..<(1 << 18) {
            let p = NormalDistribution.fastStandardCDF(y)
            if (y >= b.lowFrom && y <= b.lowTo) != (p >= 0.05 && p <= 0.15)
                || (y >= b.highFrom && y <= b.highTo) != (p >= 0.85 && p <= 0.95) { disagreements.append(y) }
            y = y.nextUp
        }
    }
    #expect(disagreements.isEmpty, "latents whose band differs: \(disagreements.prefix(5))")
    #expect(abs(NormalDistribution.fastStandardCDF(b.lowFrom) - 0.05) < 1e-15)
    #expect(abs(NormalDistribution.fastStandardCDF(b.highTo) - 0.95) < 1e-15)
}

/// The Φ table against `fastStandardCDF`: a dense grid over the table and beyond, one and two
/// at a time (lanes paired with values outside the table and NaN, which are redone exactly),
/// and the nodes themselves.
@Test func normalCDFTableAgreesWithErfcEverywhere() {
    let table = NormalCDFTable.shared
    var worstAbsolute = 0.0, worstRelative = 0.0
    var pairMismatches: [(Double, Double)] = []
    var y = -9.0
    while y <= 9.0 {
        let old = NormalDistribution.fastStandardCDF(y), new = table.cdf(y)
        worstAbsolute = max(worstAbsolute, abs(new - old))
        worstRelative = max(worstRelative, abs(new - old) / old)
        for partner in [-y, 0.3, -40, 40, .nan] {
            let pair = table.cdf(SIMD2(y, partner)), alone = table.cdf(partner)
            if pair[0] != new || !(pair[1] == alone || pair[1].isNaN && alone.isNaN) { pairMismatches.append((y, partner)) }
        }
        y += 0.000_731
    }
    #expect(pairMismatches.isEmpty, "pairs that differ from one at a time: \(pairMismatches.prefix(5))")
    #expect(worstAbsolute <= 3.4e-16)
    #expect(worstRelative <= 2e-12)
    for k in 0...544 {
        let node = -8.5 + Double(k) / 32
        #expect(table.cdf(node) == NormalDistribution.fastStandardCDF(node))
    }
    #expect(table.cdf(.nan).isNaN)
    #expect(table.cdf(-40) == NormalDistribution.fastStandardCDF(-40))
    #expect(table.cdf(.infinity) == 1 && table.cdf(-.infinity) == 0)
}
