import Foundation
import LinearAlgebra

/// What each project (and each group) contributes to the uncertainty of the total.
///
/// - `rankCorrelation`: Spearman's correlation between the project's cost and the total (what
///   @RISK and Crystal Ball show in tornado charts). The project's rank is taken as its
///   copula uniform F(x) (the population rank, exact for Gaussian and t copulas; the
///   within-chunk rank under Iman–Conover); the total's as its mid-rank among all trials.
///   Groups are ranked among all trials too.
/// - `varianceShare`: cov(cost, total) / var(total), an additive split (the shares add to 1).
/// - `lowTotal`, `highTotal`: the mean total over the trials where the project sits near its
///   P10 (its rank in the P5–P15 band) and near its P90 (P85–P95): a tornado's bar ends.
///
/// No trials × projects matrix is held: the simulation run took each project's Σx, Σx², Σx·T
/// chunk by chunk, and a second pass over the same chunks and streams regenerates only the
/// copula latents (bit-identical to the run's) for the sums that need the totals' ranks, seven
/// per project and chunk (`Contributions+Sums.swift`). Groups regenerate the draws too and keep
/// their per-trial subtotals (8 bytes × trials × groups) to rank them.
public struct Contributions: Sendable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var baseCost: Double
        public var mean: Double
        public var standardDeviation: Double
        public var varianceShare: Double
        public var rankCorrelation: Double
        /// Mean total when this input is in its P5–P15 band.
        public var lowTotal: Double
        /// Mean total when this input is in its P85–P95 band.
        public var highTotal: Double
    }

    /// One row per project, in the model's order.
    public var projects: [Row]
    /// One row per group (empty without `by=`).
    public var groups: [Row]

    /// Projects sorted by decreasing |rank correlation| (a tornado's order).
    public var ranked: [Row] {
        projects.sorted { abs($0.rankCorrelation) > abs($1.rankCorrelation) }
    }

    static func compute(_ s: SimulationResult, isCancelled: @escaping @Sendable () -> Bool) throws -> Contributions {
        let model = s.model
        let n = model.projectCount
        let trials = s.trials
        let generator = try ChunkGenerator(model)
        let chunkCount = ChunkGenerator.chunks(trials: trials).count
        // Mid-ranks of the totals, scaled to (0, 1).
        let totalRanks = midRanks(of: s.totals, threads: s.threads)
        let groupCount = model.groupLabels.count
        // Per chunk: each project's seven `latentSums` (7 n), then for each group Σg, Σg², Σg·T
        // (3 G). The projects' Σx, Σx², Σx·T were taken by the run (`s.drawSums`).
        let stride = 7
        let width = stride * n + 3 * groupCount
        let normal = generator.latentIsNormal ? NormalLatent.shared : nil
        var sums = [Double](repeating: 0, count: chunkCount * width)
        var groupTotals = [Double](repeating: 0, count: groupCount * trials)
        try sums.withUnsafeMutableBufferPointer { sumBuffer in
            try groupTotals.withUnsafeMutableBufferPointer { groupBuffer in
              try totalRanks.withUnsafeBufferPointer { rankBuffer in
                try s.totals.withUnsafeBufferPointer { totalBuffer in
                  let out = SharedPointer(sumBuffer.baseAddress!)
                  let groupOut = SharedPointer(groupBuffer.baseAddress!)
                  let rankIn = SharedPointer(readOnly: rankBuffer.baseAddress!)
                  let totalIn = SharedPointer(readOnly: totalBuffer.baseAddress!)
                  try ParallelChunks.runTrials(trials, seed: s.seed, threads: s.threads, isCancelled: isCancelled,
                                               makeWorkspace: { generator.workspace(trials: trials) }) { c, range, rng, ws in
                      let m = range.count
                      // Draws only for the groups' subtotals; the latents always.
                      try generator.generate(&rng, count: m, workspace: ws, totals: ws.chunkTotals,
                                             draws: groupCount > 0, latent: true)
                      let row = out.base + c * width
                      let ranks = rankIn + range.lowerBound, chunkTotals = totalIn + range.lowerBound
                      for j in 0..<n {
                          let y = ws.y + j * ws.capacity, r = row + stride * j
                          if let normal {
                              latentSums(normal, latent: y, totals: chunkTotals, ranks: ranks, count: m, into: r)
                          } else {
                              latentSums(UniformLatent(), latent: y, totals: chunkTotals, ranks: ranks, count: m, into: r)
                          }
                      }
                      if groupCount > 0 {
                          for g in 0..<groupCount {
                              let gt = groupOut.base + g * trials + range.lowerBound
                              for t in 0..<m { gt[t] = 0 }
                          }
                          for j in 0..<n {
                              let gt = groupOut.base + model.groupOfProject[j] * trials + range.lowerBound
                              let x = ws.x + j * ws.capacity
                              for t in 0..<m { gt[t] += x[t] }
                          }
                          for g in 0..<groupCount {
                              let gt = groupOut.base + g * trials + range.lowerBound
                              var sg = 0.0, sgg = 0.0, sgt = 0.0
                              for t in 0..<m {
                                  sg += gt[t]
                                  sgg += gt[t] * gt[t]
                                  sgt += gt[t] * chunkTotals[t]
                              }
                              row[stride * n + 3 * g] = sg
                              row[stride * n + 3 * g + 1] = sgg
                              row[stride * n + 3 * g + 2] = sgt
                          }
                      }
                  }
                }
              }
            }
        }
        // Reduce in chunk order (deterministic).
        var total = [Double](repeating: 0, count: width)
        for c in 0..<chunkCount {
            for k in 0..<width { total[k] += sums[c * width + k] }
        }
        let nT = Double(trials)
        let meanT = s.mean
        let varT = s.standardDeviation * s.standardDeviation * (nT - 1) / nT
        let meanR = totalRanks.reduce(0, +) / nT
        var ssR = 0.0
        for r in totalRanks { ssR += (r - meanR) * (r - meanR) }
        func row(name: String, base: Double, sx: Double, sxx: Double, sxt: Double, rank: Double,
                 low: Double, high: Double) -> Row {
            let mean = sx / nT
            let variance = max(0, sxx / nT - mean * mean)
            let covariance = sxt / nT - mean * meanT
            return Row(name: name, baseCost: base, mean: mean,
                       standardDeviation: (variance * nT / (nT - 1)).squareRoot(),
                       varianceShare: varT > 0 ? covariance / varT : .nan, rankCorrelation: rank,
                       lowTotal: low, highTotal: high)
        }
        var projects: [Row] = []
        for j in 0..<n {
            let k = stride * j
            let su = total[k], suu = total[k + 1], sur = total[k + 2]
            let cov = sur - su * meanR
            let varU = suu - su * su / nT
            let rho = varU > 0 && ssR > 0 ? cov / (varU * ssR).squareRoot() : .nan
            let x = s.drawSums
            projects.append(row(name: model.names[j], base: model.costs[j], sx: x[3 * j], sxx: x[3 * j + 1],
                                sxt: x[3 * j + 2], rank: rho,
                                low: total[k + 4] > 0 ? total[k + 3] / total[k + 4] : .nan,
                                high: total[k + 6] > 0 ? total[k + 5] / total[k + 6] : .nan))
        }
        var groups: [Row] = []
        for g in 0..<groupCount {
            let column = Array(groupTotals[(g * trials)..<((g + 1) * trials)])
            let ranks = midRanks(of: column, threads: s.threads)
            let mg = ranks.reduce(0, +) / nT
            var sgr = 0.0, sgg = 0.0
            var lowSum = 0.0, lowCount = 0.0, highSum = 0.0, highCount = 0.0
            for t in 0..<trials {
                sgr += (ranks[t] - mg) * (totalRanks[t] - meanR)
                sgg += (ranks[t] - mg) * (ranks[t] - mg)
                if ranks[t] >= 0.05 && ranks[t] <= 0.15 {
                    lowSum += s.totals[t]
                    lowCount += 1
                } else if ranks[t] >= 0.85 && ranks[t] <= 0.95 {
                    highSum += s.totals[t]
                    highCount += 1
                }
            }
            let rho = sgg > 0 && ssR > 0 ? sgr / (sgg * ssR).squareRoot() : .nan
            var base = 0.0
            for j in 0..<n where model.groupOfProject[j] == g { base += model.costs[j] }
            let k = stride * n + 3 * g
            groups.append(row(name: model.groupLabels[g], base: base, sx: total[k], sxx: total[k + 1],
                              sxt: total[k + 2], rank: rho,
                              low: lowCount > 0 ? lowSum / lowCount : .nan, high: highCount > 0 ? highSum / highCount : .nan))
        }
        return Contributions(projects: projects, groups: groups)
    }
}
