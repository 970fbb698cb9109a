import Foundation

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
    /// - Throws: `KernelError` for an invalid model, `SimulationCancelled` when cancelled.
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
        let totals = try runTotals(model, settings)
        return SimulationResult(model: model, settings: settings, totals: totals)
    }

    /// The totals in trial order.
    static func runTotals(_ model: PortfolioModel, _ settings: SimulationSettings) throws -> [Double] {
        let generator = try ChunkGenerator(model)
        let chunks = ChunkGenerator.chunks(trials: settings.trials)
        let streams = Xoshiro256StarStar.streams(seed: settings.seed, count: chunks.count)
        var totals = [Double](repeating: 0, count: settings.trials)
        try totals.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(base: buffer.baseAddress!)
            let trials = settings.trials
            try ParallelChunks.run(count: chunks.count, threads: settings.threads,
                                   isCancelled: settings.isCancelled, progress: settings.progress,
                                   makeWorkspace: { generator.workspace(trials: trials) }) { c, workspace in
                var rng = streams[c]
                let range = chunks[c]
                try generator.generate(&rng, count: range.count, workspace: workspace,
                                       totals: out.base + range.lowerBound)
            }
        }
        return totals
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
