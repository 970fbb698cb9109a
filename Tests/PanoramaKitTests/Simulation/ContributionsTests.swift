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

/// The second pass (rank proxies from the Φ table, fused sums, radix-sorted ranks) against a
/// direct computation from the draws themselves: each project's uniform is its overrun's CDF
/// at the drawn factor (normal and lognormal marginals map the latent normal exactly), the
/// total's rank its mid-rank among the sorted totals, and every statistic its textbook
/// formula. Three chunks (the last with a remainder) on two threads; the lognormal model takes
/// the fused path, the mixed one the general path with groups.
@Test(arguments: [false, true])
func contributionsEqualADirectComputationFromTheDraws(mixed: Bool) throws {
    let costs: [Double] = [10, 25, 40, 15]
    let overruns: [Distribution] = mixed
        ? [.normal(mean: 1.1, sd: 0.2), .lognormal(meanlog: 0, sdlog: 0.35), .normal(mean: 1, sd: 0.3),
           .lognormal(meanlog: 0.1, sdlog: 0.5)]
        : [.lognormal(meanlog: 0, sdlog: 0.35), .lognormal(meanlog: 0.05, sdlog: 0.2),
           .lognormal(meanlog: 0, sdlog: 0.5), .lognormal(meanlog: 0.1, sdlog: 0.3)]
    let m = PortfolioModel(names: ["a", "b", "c", "d"], costs: costs, overruns: overruns,
                           copula: .gaussian(.common(mixed ? 0.4 : 0.3)),
                           groupLabels: mixed ? ["g1", "g2"] : [], groupOfProject: mixed ? [0, 1, 0, 1] : [])
    let trials = 3 * ParallelChunks.trialsPerChunk + 123
    let s = try MonteCarlo.simulate(m, SimulationSettings(trials: trials, seed: 42, threads: 2))
    let c = try s.contributions()
    let draws = try MonteCarlo.draws(m, trials: trials, seed: 42)
    let totalRanks = directMidRanks(s.totals)
    for j in 0..<4 {
        let u = draws[j].map { overruns[j].cdf($0 / costs[j]) }
        let direct = directRow(draws[j], u, totals: s.totals, totalRanks: totalRanks)
        for (k, (got, want)) in zip(fields(c.projects[j]), direct).enumerated() {
            #expect(abs(got - want) <= 1e-9 * abs(want), "project \(j) field \(k): \(got) vs \(want)")
        }
    }
    guard mixed else { return }
    for g in 0..<2 {
        let members = (0..<4).filter { m.groupOfProject[$0] == g }
        let subtotal = (0..<trials).map { t in members.reduce(0.0) { $0 + draws[$1][t] } }
        let direct = directRow(subtotal, directMidRanks(subtotal), totals: s.totals, totalRanks: totalRanks)
        for (k, (got, want)) in zip(fields(c.groups[g]), direct).enumerated() {
            #expect(abs(got - want) <= 1e-9 * abs(want), "group \(g) field \(k): \(got) vs \(want)")
        }
    }
}

/// The Φ table against `fastStandardCDF` (what the rank proxies used before): a dense grid
/// over the table and beyond, the nodes themselves, and the band edges, where the proxy must
/// be exactly the old value so that no draw changes band.
@Test func normalCDFTableAgreesWithErfcEverywhere() {
    let table = NormalCDFTable.shared
    var worstAbsolute = 0.0, worstRelative = 0.0
    var y = -9.0
    while y <= 9.0 {
        let old = NormalDistribution.fastStandardCDF(y), new = table.cdf(y)
        worstAbsolute = max(worstAbsolute, abs(new - old))
        worstRelative = max(worstRelative, abs(new - old) / old)
        y += 0.000_731
    }
    #expect(worstAbsolute <= 3.4e-16)
    #expect(worstRelative <= 2e-12)
    for k in 0...544 {
        let node = -8.5 + Double(k) / 32
        #expect(table.cdf(node) == NormalDistribution.fastStandardCDF(node))
    }
    for p in [0.05, 0.15, 0.85, 0.95] {
        let edge = NormalDistribution.standardQuantile(p)
        var v = edge.nextDown.nextDown
        for _ in 0..<5 {
            #expect(table.rankProxy(v) == NormalDistribution.fastStandardCDF(v))
            v = v.nextUp
        }
    }
    #expect(table.cdf(.nan).isNaN)
    #expect(table.cdf(-40) == NormalDistribution.fastStandardCDF(-40))
}
