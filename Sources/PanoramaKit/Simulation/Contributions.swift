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
/// Computed by a second pass over the same chunks and streams (bit-identical draws), so no
/// trials × projects matrix is held: per chunk it accumulates ten sums per project. Groups
/// keep their per-trial subtotals (8 bytes × trials × groups) to rank them.
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
        var totalRanks = midRanks(of: s.totals)
        let groupCount = model.groupLabels.count
        // Per chunk: for each project Σx, Σx², Σx·T, Σu, Σu², Σu·R, then ΣT and count over the
        // trials with u in [0.05, 0.15] and in [0.85, 0.95] (10 n); for each group Σg, Σg², Σg·T (3 G).
        let stride = 10
        let width = stride * n + 3 * groupCount
        var sums = [Double](repeating: 0, count: chunkCount * width)
        var groupTotals = [Double](repeating: 0, count: groupCount * trials)
        try sums.withUnsafeMutableBufferPointer { sumBuffer in
            try groupTotals.withUnsafeMutableBufferPointer { groupBuffer in
              try totalRanks.withUnsafeMutableBufferPointer { rankBuffer in
                let out = SharedPointer(sumBuffer.baseAddress!)
                let groupOut = SharedPointer(groupBuffer.baseAddress!)
                let rankOut = SharedPointer(rankBuffer.baseAddress!)
                try ParallelChunks.runTrials(trials, seed: s.seed, threads: s.threads, isCancelled: isCancelled,
                                             makeWorkspace: { generator.workspace(trials: trials) }) { c, range, rng, ws in
                    let chunkTotals = ws.chunkTotals
                    let m = range.count
                    try generator.generate(&rng, count: m, workspace: ws, totals: chunkTotals, rankProxies: true)
                    let row = out.base + c * width
                    let ranks = rankOut.base + range.lowerBound
                    for j in 0..<n {
                        projectSums(x: ws.x + j * ws.capacity, u: ws.z + j * ws.capacity, totals: chunkTotals,
                                    ranks: ranks, count: m, into: row + stride * j)
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
            let su = total[k + 3], suu = total[k + 4], sur = total[k + 5]
            let cov = sur - su * meanR
            let varU = suu - su * su / nT
            let rho = varU > 0 && ssR > 0 ? cov / (varU * ssR).squareRoot() : .nan
            projects.append(row(name: model.names[j], base: model.costs[j], sx: total[k], sxx: total[k + 1],
                                sxt: total[k + 2], rank: rho,
                                low: total[k + 7] > 0 ? total[k + 6] / total[k + 7] : .nan,
                                high: total[k + 9] > 0 ? total[k + 8] / total[k + 9] : .nan))
        }
        var groups: [Row] = []
        for g in 0..<groupCount {
            let column = Array(groupTotals[(g * trials)..<((g + 1) * trials)])
            let ranks = midRanks(of: column)
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

    /// One project's ten sums over a chunk into r[0..<10]: Σx, Σx², Σx·T, Σu, Σu², Σu·R, then ΣT
    /// and the count over the trials with u in [0.05, 0.15], and over u in [0.85, 0.95]. Two
    /// lanes (even and odd trials) added at the end: the loop is bound by its ten additions
    /// per draw, and SIMD2 halves them.
    @inline(__always)
    static func projectSums(x: UnsafePointer<Double>, u: UnsafePointer<Double>, totals: UnsafePointer<Double>,
                            ranks: UnsafePointer<Double>, count m: Int, into r: UnsafeMutablePointer<Double>) {
        typealias V = SIMD2<Double>
        func load(_ p: UnsafePointer<Double>, _ t: Int) -> V { UnsafeRawPointer(p + t).loadUnaligned(as: V.self) }
        var sx = V(), sxx = V(), sxt = V(), su = V(), suu = V(), sur = V()
        var lowSum = V(), lowCount = V(), highSum = V(), highCount = V()
        let zero = V(), one = V(repeating: 1)
        var t = 0
        while t + 2 <= m {
            let xv = load(x, t), uv = load(u, t), total = load(totals, t), rank = load(ranks, t)
            sx += xv
            sxx += xv * xv
            sxt += xv * total
            su += uv
            suu += uv * uv
            sur += uv * rank
            let low = zero.replacing(with: one, where: (uv .>= 0.05) .& (uv .<= 0.15))
            let high = zero.replacing(with: one, where: (uv .>= 0.85) .& (uv .<= 0.95))
            lowSum += low * total
            lowCount += low
            highSum += high * total
            highCount += high
            t += 2
        }
        var out = [sx, sxx, sxt, su, suu, sur, lowSum, lowCount, highSum, highCount].map { $0[0] + $0[1] }
        if t < m {
            let v = x[t], w = u[t], total = totals[t]
            let low: Double = w >= 0.05 && w <= 0.15 ? 1 : 0, high: Double = w >= 0.85 && w <= 0.95 ? 1 : 0
            let last = [v, v * v, v * total, w, w * w, w * ranks[t], low * total, low, high * total, high]
            for k in 0..<10 { out[k] += last[k] }
        }
        for k in 0..<10 { r[k] = out[k] }
    }

    /// Each value's mid-rank among `values` (ties share the mean rank), divided by the count:
    /// (number below + number at or below) / 2 / n. One radix sort of the positions (linear
    /// time; binary searches of a million sorted totals took four times the simulation).
    static func midRanks(of values: [Double]) -> [Double] {
        let n = values.count
        guard n > 0, n <= Int(Int32.max) else { return midRanksBySearch(of: values) }
        var ranks = [Double](repeating: 0, count: n)
        let order = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer { order.deallocate() }
        values.withUnsafeBufferPointer { v in
            RadixSort.order(v.baseAddress!, count: n, into: order, scratch: RadixSort.Scratch(capacity: n))
            var i = 0
            while i < n {
                let value = v[Int(order[i])]
                var j = i + 1
                while j < n && v[Int(order[j])] == value { j += 1 }
                let rank = (Double(i) + Double(j)) / 2 / Double(n)
                for r in i..<j { ranks[Int(order[r])] = rank }
                i = j
            }
        }
        return ranks
    }

    /// The same by two binary searches per value (for more than 2³¹ values).
    static func midRanksBySearch(of values: [Double]) -> [Double] {
        let sorted = values.sorted()
        let n = sorted.count
        return values.map { v in
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            let below = lo
            hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] <= v { lo = mid + 1 } else { hi = mid }
            }
            return (Double(below) + Double(lo)) / 2 / Double(n)
        }
    }
}
