import Foundation
import LinearAlgebra

/// The Monte Carlo engine: a portfolio's total cost over many trials.
public enum MonteCarlo {
    /// The percentiles every result reports.
    public static let reportedPercentiles: [Double] = [5, 10, 50, 80, 90, 95]

    /// Simulates `settings.trials` totals of `model` and summarises them.
    ///
    /// Trials run in chunks of 4,096, each with its own jumped xoshiro256** stream, on
    /// `settings.threads` workers: a seed gives bit-identical totals whatever the thread count.
    /// Only the totals are kept (8 bytes a trial) plus each worker's chunk buffers (see
    /// `ChunkGenerator`); never a trials × projects matrix.
    /// - Throws: `KernelError` for an invalid model, `Cancelled` when cancelled.
    ///
    /// ```
    /// let model = PortfolioModel(names: ["a", "b"], costs: [10, 20],
    ///                            overruns: Array(repeating: .lognormal(meanlog: 0, sdlog: 0.35), count: 2),
    ///                            copula: .gaussian(.common(0.3)))
    /// let s = try MonteCarlo.simulate(model, SimulationSettings(trials: 100_000, seed: 1))
    /// s.mean   // ≈ 31.9 (= 30 × e^(0.35²/2))
    /// ```
    public static func simulate(_ model: PortfolioModel, _ settings: SimulationSettings) throws -> SimulationResult {
        try model.validate()
        guard settings.trials >= 2 else {
            throw KernelError("'trials' must be at least 2, not \(settings.trials)")
        }
        let (totals, moments, drawSums) = try runTotals(model, settings)
        return SimulationResult(model: model, settings: settings, totals: totals, moments: moments, drawSums: drawSums)
    }

    /// The totals in trial order, their moments, and each project's Σx, Σx², Σx·T (for its
    /// contributions, `Contributions.drawSums`), accumulated chunk by chunk by the workers.
    static func runTotals(_ model: PortfolioModel, _ settings: SimulationSettings) throws -> ([Double], Moments, [Double]) {
        let generator = try ChunkGenerator(model)
        let chunkCount = ChunkGenerator.chunks(trials: settings.trials).count
        let width = 3 * model.projectCount
        var totals = [Double](repeating: 0, count: settings.trials)
        var chunkMoments = [Moments](repeating: Moments(), count: chunkCount)
        var chunkSums = [Double](repeating: 0, count: chunkCount * width)
        let point = model.pointEstimate
        try totals.withUnsafeMutableBufferPointer { buffer in
          try chunkMoments.withUnsafeMutableBufferPointer { momentBuffer in
            try chunkSums.withUnsafeMutableBufferPointer { sumBuffer in
              let out = SharedPointer(buffer.baseAddress!)
              let momentsOut = SharedPointer(momentBuffer.baseAddress!)
              let sumsOut = SharedPointer(sumBuffer.baseAddress!)
              let trials = settings.trials
              try ParallelChunks.runTrials(trials, seed: settings.seed, threads: settings.threads,
                                           isCancelled: settings.isCancelled, progress: settings.progress,
                                           makeWorkspace: { generator.workspace(trials: trials) }) { c, range, rng, ws in
                  let chunkTotals = out + range.lowerBound
                  try generator.generate(&rng, count: range.count, workspace: ws, totals: chunkTotals)
                  momentsOut[c] = Moments(chunkTotals, count: range.count, atOrBelow: point)
                  for j in 0..<generator.n {
                      Contributions.drawSums(x: ws.x + j * ws.capacity, totals: chunkTotals, count: range.count,
                                             into: sumsOut + c * width + 3 * j)
                  }
              }
            }
          }
        }
        // Combined in chunk order: the same numbers whatever the thread count.
        var moments = chunkMoments[0]
        for m in chunkMoments.dropFirst() { moments.merge(m) }
        var drawSums = [Double](repeating: 0, count: width)
        for c in 0..<chunkCount {
            for k in 0..<width { drawSums[k] += chunkSums[c * width + k] }
        }
        return (totals, moments, drawSums)
    }

    /// The draws themselves (trials × projects, project costs = base × factor), for tests and
    /// small diagnostics; holds the whole matrix, so only for modest sizes.
    public static func draws(_ model: PortfolioModel, trials: Int, seed: UInt64) throws -> [[Double]] {
        try model.validate()
        let generator = try ChunkGenerator(model)
        let chunks = ChunkGenerator.chunks(trials: trials)
        var streams = Xoshiro256StarStar.streams(seed: seed, count: chunks.count)
        let workspace = generator.workspace(trials: trials)
        var columns = Array(repeating: [Double](), count: model.projectCount)
        var totals = [Double](repeating: 0, count: trials)
        for (c, range) in chunks.enumerated() {
            try totals.withUnsafeMutableBufferPointer { t in
                try generator.generate(&streams[c], count: range.count, workspace: workspace,
                                       totals: t.baseAddress! + range.lowerBound)
            }
            for j in 0..<model.projectCount {
                let x = workspace.x + j * workspace.capacity
                columns[j] += UnsafeBufferPointer(start: x, count: range.count)
            }
        }
        return columns
    }
}

/// Count, mean and sum of squared deviations of some totals (Chan, Golub & LeVeque's pairwise
/// update to merge them), and how many are at most the point estimate.
struct Moments: Sendable {
    var count = 0.0
    var mean = 0.0
    var sumSquares = 0.0
    var atOrBelow = 0.0

    init() {}

    /// The moments of x[0..<count], two passes (the second with its rounding correction).
    init(_ x: UnsafePointer<Double>, count n: Int, atOrBelow point: Double) {
        count = Double(n)
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var k = 0
        while k + 4 <= n {
            s0 += x[k]; s1 += x[k + 1]; s2 += x[k + 2]; s3 += x[k + 3]
            k += 4
        }
        while k < n { s0 += x[k]; k += 1 }
        let m = ((s0 + s1) + (s2 + s3)) / count
        var q0 = 0.0, q1 = 0.0, c0 = 0.0, c1 = 0.0, below = 0.0
        k = 0
        while k + 2 <= n {
            let d0 = x[k] - m, d1 = x[k + 1] - m
            q0 += d0 * d0; q1 += d1 * d1; c0 += d0; c1 += d1
            below += (x[k] <= point ? 1 : 0) + (x[k + 1] <= point ? 1 : 0)
            k += 2
        }
        if k < n {
            let d = x[k] - m
            q0 += d * d; c0 += d
            below += x[k] <= point ? 1 : 0
        }
        let c = c0 + c1
        mean = m + c / count
        sumSquares = (q0 + q1) - c * c / count
        atOrBelow = below
    }

    mutating func merge(_ other: Moments) {
        let n = count + other.count
        let delta = other.mean - mean
        mean += delta * other.count / n
        sumSquares += other.sumSquares + delta * delta * count * other.count / n
        atOrBelow += other.atOrBelow
        count = n
    }
}
