import Foundation
import LinearAlgebra

/// Case-resampling (pairs) bootstrap of a least-squares fit, with percentile intervals.
public struct BootstrapResult: Sendable {
    public let replications: Int
    public let seed: UInt64
    public let level: Double
    /// Column names and the original estimates.
    public let terms: [String]
    public let estimates: [Double]
    /// Per column: the standard deviation of the replicates, and the percentile interval.
    public let standardErrors: [Double]
    public let lower: [Double]
    public let upper: [Double]
    /// Replicates in which a column could not be estimated (aliased in the resample), per column.
    public let failures: [Int]
    /// The replicate coefficients, replicate-major (`replications × columns`).
    public let draws: [Double]

    /// Refits `model` on `replications` resamples of its rows (drawn with replacement, seeded)
    /// and takes the percentile interval at `level` (R type 7 quantiles) for every coefficient.
    /// - Parameter isCancelled: polled every few replicates; throws `Cancelled`.
    public static func run(_ model: LinearModel, replications: Int, seed: UInt64, level: Double = 0.95,
                           isCancelled: @Sendable () -> Bool = { false }) throws -> BootstrapResult {
        let design = model.design
        let n = design.response.count, p = design.columnNames.count
        guard replications > 0 else { throw RegressionError("'reps' must be at least 1") }
        var settings = LeastSquares.Options()
        settings.covariance = false
        settings.conditionNumbers = false
        let options = settings
        // Replicates in fixed chunks of 256 over the cores; chunk c draws from the c-th jumped
        // xoshiro256** stream of the seed, so the result does not depend on the number of threads.
        let chunk = 256
        let chunks = (replications + chunk - 1) / chunk
        let streams = Xoshiro256StarStar.streams(seed: seed, count: chunks)
        var values = [Double](repeating: .nan, count: replications * p)
        try values.withUnsafeMutableBufferPointer { buffer in
            let draws = SharedPointer(buffer.baseAddress!)
            try ParallelChunks.run(count: chunks, threads: ProcessInfo.processInfo.activeProcessorCount,
                                   isCancelled: isCancelled, progress: nil,
                                   makeWorkspace: {}) { c, _ in
                var rng = streams[c]
                var indices = [Int](repeating: 0, count: n)
                for r in (c * chunk)..<min(replications, (c + 1) * chunk) {
                    for i in 0..<n { indices[i] = rng.next(below: n) }
                    let problem = LeastSquares.Problem(
                        design: design.matrix.rows(indices), designLow: design.matrixLow?.rows(indices),
                        response: indices.map { design.response[$0] },
                        weights: design.weights.map { w in indices.map { w[$0] } },
                        intercept: design.interceptColumn)
                    let fit = try LeastSquares.fit(problem, options: options)
                    for j in 0..<p { draws.base[r * p + j] = fit.coefficients[j] }
                }
            }
        }
        var se = [Double](), lower = [Double](), upper = [Double](), failures = [Int]()
        let alpha = (1 - level) / 2
        for j in 0..<p {
            let column = (0..<replications).map { values[$0 * p + j] }.filter { !$0.isNaN }
            failures.append(replications - column.count)
            let sorted = column.sorted()
            se.append(Descriptive.sampleStandardDeviation(column))
            lower.append(Descriptive.quantile(sorted: sorted, alpha))
            upper.append(Descriptive.quantile(sorted: sorted, 1 - alpha))
        }
        return BootstrapResult(replications: replications, seed: seed, level: level, terms: design.columnNames,
                               estimates: model.coefficients, standardErrors: se, lower: lower, upper: upper,
                               failures: failures, draws: values)
    }
}
