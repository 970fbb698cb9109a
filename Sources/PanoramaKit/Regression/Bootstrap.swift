import Foundation
import Dispatch
import LinearAlgebra

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator for resampling.
///
/// Interim: the project's random source lives in Simulation/; this one keeps regression
/// reproducible on its own. `var g = SplitMix64(seed: 7); g.next() // 0x…`
public struct SplitMix64: Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator of replicate `index` of a run seeded with `seed`: its own stream, started
    /// from the `index`-th output of `SplitMix64(seed:)`, so replicates can be computed in any
    /// order or on any number of threads and give the same numbers.
    public static func stream(_ index: Int, of seed: UInt64) -> SplitMix64 {
        var root = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        return SplitMix64(seed: root.next())
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound by Lemire's multiply-and-reject (unbiased).
    public mutating func next(below bound: Int) -> Int {
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }
}

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
    /// - Parameter isCancelled: polled every few replicates; throws `CancellationError`.
    public static func run(_ model: LinearModel, replications: Int, seed: UInt64, level: Double = 0.95,
                           isCancelled: @Sendable () -> Bool = { false }) throws -> BootstrapResult {
        let design = model.design
        let n = design.response.count, p = design.columnNames.count
        guard replications > 0 else { throw RegressionError("'reps' must be at least 1") }
        var settings = LeastSquares.Options()
        settings.covariance = false
        settings.conditionNumbers = false
        let options = settings
        // Replicates in chunks over the cores; each replicate has its own stream, so the result
        // does not depend on the number of threads.
        let draws = DrawBuffer(count: replications * p)
        let chunk = 256
        let chunks = (replications + chunk - 1) / chunk
        let failure = FailureBox()
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            if failure.error != nil || isCancelled() { failure.set(CancellationError()); return }
            var indices = [Int](repeating: 0, count: n)
            for r in (c * chunk)..<min(replications, (c + 1) * chunk) {
                var rng = SplitMix64.stream(r, of: seed)
                for i in 0..<n { indices[i] = rng.next(below: n) }
                let problem = LeastSquares.Problem(
                    design: design.matrix.rows(indices), designLow: design.matrixLow?.rows(indices),
                    response: indices.map { design.response[$0] },
                    weights: design.weights.map { w in indices.map { w[$0] } },
                    intercept: design.interceptColumn)
                do {
                    let fit = try LeastSquares.fit(problem, options: options)
                    for j in 0..<p { draws.pointer[r * p + j] = fit.coefficients[j] }
                } catch {
                    failure.set(error)
                    return
                }
            }
        }
        if let error = failure.error { throw error }
        let values = Array(draws.pointer)
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

/// Replicate results written by several threads, each to its own slots.
private final class DrawBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Double>
    init(count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: .nan)
    }
    deinit { pointer.deallocate() }
}

/// The first error a worker met (or a cancellation), shared by the workers.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }
    func set(_ e: Error) { lock.lock(); if stored == nil { stored = e }; lock.unlock() }
}
