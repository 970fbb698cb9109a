import Foundation

/// The Hill estimate of a right tail's index α (P(X > x) ~ x^−α).
public struct TailIndex: Sendable, Equatable {
    /// α̂ = k / Σᵢ₌₁ᵏ log(x₍ᵢ₎ / x₍ₖ₊₁₎), the k largest values over the (k+1)-th.
    public var alpha: Double
    /// α̂ / √k (the estimator's asymptotic standard error).
    public var standardError: Double
    public var k: Int
    public var n: Int
    /// x₍ₖ₊₁₎: the tail starts above it.
    public var threshold: Double
    /// Set when α̂ ≤ 2 (infinite variance), stronger when α̂ ≤ 1 (infinite mean).
    public var warnings: [String]

    /// Hill (1975) on the positive values of `x` (NaN dropped by the caller).
    ///
    /// `k` defaults to ⌊√n⌋ (at least 2): a common compromise between bias (large k reaches
    /// into the body) and variance (small k); look at several k before trusting one.
    /// - Throws: `KernelError` with fewer than 3 positive values or k out of 1…n−1.
    ///
    /// `TailIndex.hill([1, 2, 4, 8, 16], k: 2).alpha // 2 / (log 4 + log 2) = 0.7213…`
    public static func hill(_ x: [Double], k: Int? = nil) throws -> TailIndex {
        let positive = x.filter { $0 > 0 && $0.isFinite }.sorted(by: >)
        let n = positive.count
        guard n >= 3 else {
            throw KernelError("tail_index needs at least 3 positive values, not \(n)")
        }
        let k = k ?? max(2, Int(Double(n).squareRoot()))
        guard k >= 1 && k < n else {
            throw KernelError("tail_index: 'k' must be between 1 and \(n - 1) (the number of positive values less one), not \(k)")
        }
        let threshold = positive[k]
        var s = 0.0
        for i in 0..<k { s += log(positive[i] / threshold) }
        guard s > 0 else { throw KernelError("tail_index: the \(k) largest values are all equal; no tail to measure") }
        let alpha = Double(k) / s
        return TailIndex(alpha: alpha, standardError: alpha / Double(k).squareRoot(), k: k, n: n,
                         threshold: threshold, warnings: Distribution.tailWarnings(alpha))
    }
}
