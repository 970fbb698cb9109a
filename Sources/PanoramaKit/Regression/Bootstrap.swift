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
        // Replicates on the shared engine (threads do not change the result).
        let values = try CaseResampling.run(rows: n, replications: replications, width: p, seed: seed,
                                            isCancelled: isCancelled) { indices in
            let problem = LeastSquares.Problem(
                design: design.matrix.rows(indices), designLow: design.matrixLow?.rows(indices),
                response: indices.map { design.response[$0] },
                weights: design.weights.map { w in indices.map { w[$0] } },
                intercept: design.interceptColumn)
            return try LeastSquares.fit(problem, options: options).coefficients
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
