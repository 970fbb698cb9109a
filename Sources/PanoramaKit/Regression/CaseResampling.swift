import Foundation
import LinearAlgebra

/// The engine of the pairs (case-resampling) bootstraps: `ols`'s `bootstrap(m)` and `qreg`'s
/// `se="boot"`. Replicates run in fixed chunks of 256 over the cores; chunk c draws its row
/// indices from the c-th jumped xoshiro256** stream of the seed, so the result does not depend
/// on the number of threads.
enum CaseResampling {
    /// Calls `replicate` with the row indices of each of `replications` resamples of `rows` rows
    /// (drawn with replacement) and returns its `width` values per replicate, replicate-major;
    /// a replicate that returns nil (could not be estimated) leaves NaN.
    /// - Throws: what `replicate` throws; `Cancelled` when `isCancelled` says so.
    static func run(rows n: Int, replications: Int, width: Int, seed: UInt64,
                    isCancelled: @Sendable () -> Bool,
                    replicate: @Sendable ([Int]) throws -> [Double]?) throws -> [Double] {
        let chunk = 256
        let chunks = (replications + chunk - 1) / chunk
        let streams = Xoshiro256StarStar.streams(seed: seed, count: chunks)
        var values = [Double](repeating: .nan, count: replications * width)
        try values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let draws = SharedPointer(base)
            try ParallelChunks.run(count: chunks, threads: ProcessInfo.processInfo.activeProcessorCount,
                                   isCancelled: isCancelled, progress: nil,
                                   makeWorkspace: {}) { c, _ in
                var rng = streams[c]
                var indices = [Int](repeating: 0, count: n)
                for r in (c * chunk)..<min(replications, (c + 1) * chunk) {
                    for i in 0..<n { indices[i] = rng.next(below: n) }
                    guard let estimates = try replicate(indices) else { continue }
                    for j in 0..<width { draws.base[r * width + j] = estimates[j] }
                }
            }
        }
        return values
    }
}
