import Foundation

/// The families `fit(kind, x)` knows, by the name users type.
public enum FitFamily: String, Sendable, CaseIterable {
    case normal, lognormal, uniform, triangular, pert, student_t, pareto, gpd
}

/// A maximum-likelihood fit: the distribution, the log-likelihood and any warnings about the
/// tail it found.
public struct DistributionFit: Sendable {
    public var distribution: Distribution
    public var logLikelihood: Double
    public var n: Int
    /// E.g. a Pareto shape ≤ 2 (infinite variance) or ≤ 1 (infinite mean).
    public var warnings: [String]
}

extension Distribution {
    /// Fits a family to `x` by maximum likelihood.
    ///
    /// Closed forms where they exist (scipy's conventions: normal and lognormal with the n
    /// denominator, lognormal and Pareto with location 0, Pareto's scale = min x, uniform =
    /// [min x, max x]); Student's t (df, location, scale) and the generalised Pareto of the
    /// exceedances over `threshold` (scale, shape) by Nelder–Mead on the log-likelihood with
    /// tight tolerances; the triangular's and PERT's (min, mode, max) likewise, the
    /// triangular's mode profiled exactly (see `fitTriangular`). Values must be finite (drop
    /// `na` first).
    /// - Throws: `KernelError` when there are too few values or values outside the support, and
    ///   when the likelihood has no maximum (`refuseDegenerateFit`: Student's t on tied values,
    ///   a generalised Pareto shape ≤ −1, a parameter running off).
    ///
    /// `fit(.normal, [1, 2, 3, 4]).distribution // normal(mean: 2.5, sd: 1.118…)`
    public static func fit(_ family: FitFamily, _ x: [Double], threshold: Double? = nil) throws -> DistributionFit {
        let name = family.rawValue
        guard x.allSatisfy(\.isFinite) else { throw KernelError("fit: values must be finite") }
        var data = x
        if family == .gpd {
            guard let u = threshold else { throw KernelError("fit: 'gpd' needs a threshold (threshold=)") }
            data = x.filter { $0 > u }
            guard data.count >= 3 else {
                throw KernelError("fit: only \(data.count) value\(data.count == 1 ? "" : "s") above the threshold \(NumberFormat().string(u)); need at least 3")
            }
        }
        let n = data.count
        guard n >= 2 else { throw KernelError("fit: '\(name)' needs at least 2 values, not \(n)") }
        let d: Distribution
        var warnings: [String] = []
        switch family {
        case .normal:
            let m = Descriptive.mean(data)
            let sd = (Descriptive.sampleVariance(data) * Double(n - 1) / Double(n)).squareRoot()
            guard sd > 0 else { throw KernelError("fit: the values are all equal; a normal needs some spread") }
            d = .normal(mean: m, sd: sd)
        case .lognormal:
            guard data.allSatisfy({ $0 > 0 }) else { throw KernelError("fit: 'lognormal' needs positive values") }
            let logs = data.map { log($0) }
            let sd = (Descriptive.sampleVariance(logs) * Double(n - 1) / Double(n)).squareRoot()
            guard sd > 0 else { throw KernelError("fit: the values are all equal; a lognormal needs some spread") }
            d = .lognormal(meanlog: Descriptive.mean(logs), sdlog: sd)
        case .uniform:
            let lo = data.min()!, hi = data.max()!
            guard lo < hi else { throw KernelError("fit: the values are all equal; a uniform needs some spread") }
            d = .uniform(min: lo, max: hi)
        case .pareto:
            guard data.allSatisfy({ $0 > 0 }) else { throw KernelError("fit: 'pareto' needs positive values") }
            let xm = data.min()!
            var s = 0.0
            for v in data { s += log(v / xm) }
            guard s > 0 else { throw KernelError("fit: the values are all equal; a pareto needs some spread") }
            let alpha = Double(n) / s
            d = .pareto(scale: xm, shape: alpha)
            warnings += tailWarnings(alpha)
        case .triangular:
            d = try fitTriangular(data)
        case .pert:
            d = try fitPERT(data)
        case .student_t:
            d = try fitStudentT(data)
        case .gpd:
            d = try fitGeneralizedPareto(data, threshold: threshold!)
            if case .generalizedPareto(_, _, let xi) = d, xi > 0 { warnings += tailWarnings(1 / xi) }
        }
        var ll = 0.0
        for v in data { ll += d.logPDF(v) }
        try refuseDegenerateFit(family, d, logLikelihood: ll, data: data)
        return DistributionFit(distribution: d, logLikelihood: ll, n: n, warnings: warnings)
    }

    /// The warnings for a tail index α: ≤ 2 infinite variance, ≤ 1 infinite mean.
    public static func tailWarnings(_ alpha: Double) -> [String] {
        let a = NumberFormat(significantDigits: 3).string(alpha)
        if alpha <= 1 {
            return ["tail index \(a) ≤ 1: the mean is infinite — sample averages never settle and normal or triangular models badly understate the risk"]
        }
        if alpha <= 2 {
            return ["tail index \(a) ≤ 2: the variance is infinite — standard deviations are unstable and normal or triangular models understate the risk"]
        }
        return []
    }

    /// Unbounded, with tight tolerances on both the values and the points.
    static let likelihoodOptimiser = NelderMead(pointTolerance: 1e-10, maxSearches: 6)

    /// Triangular (min a, mode c, max b) by maximum likelihood. For given a < x₍₁₎ and
    /// b > x₍ₙ₎ the likelihood's maximum over c is at an observation (van Dorp & Kotz 2002,
    /// "A novel extension of the triangular distribution and its parameter estimation", The
    /// Statistician 51): with c = x₍ᵣ₎, log L = n log(2/(b − a)) + Σᵢ₍<ᵣ₎ log((xᵢ − a)/(c − a))
    /// + Σᵢ₍>ᵣ₎ log((b − xᵢ)/(b − c)), every r in O(n) by running sums. The endpoints are
    /// then found by Nelder–Mead on a = x₍₁₎ − eᵘ, b = x₍ₙ₎ + eᵛ.
    static func fitTriangular(_ x: [Double]) throws -> Distribution {
        let sorted = x.sorted()
        let n = sorted.count
        let lo = sorted[0], hi = sorted[n - 1], range = hi - lo
        guard range > 0 else { throw KernelError("fit: the values are all equal; a triangular needs some spread") }
        func best(_ a: Double, _ b: Double) -> (logL: Double, mode: Double) {
            guard a < lo, b > hi else { return (-.infinity, lo) }
            // left[r] = Σ_{i<r} log(xᵢ − a), right[r] = Σ_{i>r} log(b − xᵢ).
            var right = [Double](repeating: 0, count: n)
            for r in stride(from: n - 2, through: 0, by: -1) { right[r] = right[r + 1] + log(b - sorted[r + 1]) }
            var left = 0.0
            var top = (logL: -Double.infinity, mode: lo)
            let base = Double(n) * log(2 / (b - a))
            for r in 0..<n {
                let c = sorted[r]
                let value = base + left - Double(r) * log(c - a) + right[r] - Double(n - 1 - r) * log(b - c)
                if value > top.logL { top = (value, c) }
                left += log(c - a)
            }
            return top
        }
        let f: ([Double]) -> Double = { p in -best(lo - exp(p[0]), hi + exp(p[1])).logL }
        let start = log(range / Double(n))
        let result = likelihoodOptimiser.minimize(f, from: [start, start], steps: [1, 1], restartSteps: [0.3, 0.3])
        let a = lo - exp(result.point[0]), b = hi + exp(result.point[1])
        return .triangular(min: a, mode: best(a, b).mode, max: b)
    }

    /// PERT (min a, mode c, max b; Beta with α = 1 + 4(c − a)/(b − a), β = 1 + 4(b − c)/(b − a))
    /// by maximum likelihood: Nelder–Mead on a = x₍₁₎ − eᵘ, b = x₍ₙ₎ + eᵛ and c = a + (b − a)·
    /// logistic(w), started from the mean's mode ((6·mean − a − b)/4).
    static func fitPERT(_ x: [Double]) throws -> Distribution {
        let lo = x.min()!, hi = x.max()!, range = hi - lo
        guard range > 0 else { throw KernelError("fit: the values are all equal; a pert needs some spread") }
        func distribution(_ p: [Double]) -> Distribution {
            let a = lo - exp(p[0]), b = hi + exp(p[1])
            return .pert(min: a, mode: a + (b - a) / (1 + exp(-p[2])), max: b)
        }
        let f: ([Double]) -> Double = { p in
            let d = distribution(p)
            var s = 0.0
            for v in x { s += d.logPDF(v) }
            return s.isNaN ? .infinity : -s
        }
        let a0 = lo - range / 10, b0 = hi + range / 10
        let mode0 = min(max((6 * Descriptive.mean(x) - a0 - b0) / 4, a0 + 0.05 * (b0 - a0)), b0 - 0.05 * (b0 - a0))
        let share = (mode0 - a0) / (b0 - a0)
        let result = likelihoodOptimiser.minimize(f, from: [log(range / 10), log(range / 10), log(share / (1 - share))],
                                                  steps: [1, 1, 0.5], restartSteps: [0.3, 0.3, 0.2])
        return distribution(result.point)
    }

    static func fitStudentT(_ x: [Double]) throws -> Distribution {
        let n = Double(x.count)
        let sorted = x.sorted()
        let median = Descriptive.quantile(sorted: sorted, 0.5)
        let mad = Descriptive.median(x.map { abs($0 - median) }) * 1.4826
        let sd = Descriptive.sampleStandardDeviation(x)
        let scale0 = mad > 0 ? mad : sd
        guard scale0 > 0 else { throw KernelError("fit: the values are all equal; a student_t needs some spread") }
        // Parameters: log df, location, log scale.
        func negLogLikelihood(_ p: [Double]) -> Double {
            let df = exp(p[0]), loc = p[1], scale = exp(p[2])
            guard df.isFinite, scale.isFinite, df > 1e-3, df < 1e7 else { return .infinity }
            let constant = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi) - log(scale)
            var s = 0.0
            for v in x {
                let z = (v - loc) / scale
                s += log1p(z * z / df)
            }
            return -(n * constant - (df + 1) / 2 * s)
        }
        // Restarts from the optimum until they stop improving (guards against early collapse).
        let best = likelihoodOptimiser.minimize(negLogLikelihood, from: [log(5.0), median, log(scale0)],
                                                steps: [1, scale0 / 2, 0.5], restartSteps: [0.3, scale0 / 10, 0.1])
        return .studentT(df: exp(best.point[0]), location: best.point[1], scale: exp(best.point[2]))
    }

    static func fitGeneralizedPareto(_ x: [Double], threshold u: Double) throws -> Distribution {
        let excess = x.map { $0 - u }
        let mean = Descriptive.mean(excess)
        let variance = Descriptive.sampleVariance(excess)
        guard mean > 0, variance > 0 else { throw KernelError("fit: the values above the threshold are all equal; a gpd needs some spread") }
        // Method-of-moments start (Hosking & Wallis 1987), then ML on (log scale, shape).
        var xi0 = 0.5 * (1 - mean * mean / max(variance, 1e-300))
        if !xi0.isFinite { xi0 = 0.1 }
        xi0 = min(max(xi0, -0.45), 0.9)
        let scale0 = max(mean * (1 - xi0), 1e-12)
        func negLogLikelihood(_ p: [Double]) -> Double {
            let scale = exp(p[0]), xi = p[1]
            var s = 0.0
            for e in excess {
                let z = e / scale
                if abs(xi) < 1e-12 {
                    s += z
                } else {
                    let b = 1 + xi * z
                    if b <= 0 { return .infinity }
                    s += (1 / xi + 1) * log(b)
                }
            }
            return Double(excess.count) * log(scale) + s
        }
        let best = likelihoodOptimiser.minimize(negLogLikelihood, from: [log(scale0), xi0],
                                                steps: [0.3, 0.1], restartSteps: [0.05, 0.02])
        return .generalizedPareto(threshold: u, scale: exp(best.point[0]), shape: best.point[1])
    }
}
