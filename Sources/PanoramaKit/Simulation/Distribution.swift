import Foundation

/// A probability distribution as a value: its parameters, CDF, quantile, moments and sampler.
///
/// Parameters follow the usual conventions (R, scipy): `lognormal(meanlog, sdlog)` is the mean
/// and sd of the log; `pert(min, mode, max)` is the Beta-PERT with λ = 4; `pareto(scale, shape)`
/// has CDF 1 − (scale/x)^shape for x ≥ scale; `gpd(threshold, scale, shape)` is the generalised
/// Pareto distribution of values above a threshold (shape ξ, tail index 1/ξ); `empirical`
/// resamples its values (the bootstrap). Values built from user input go through `checked(_:)`
/// (or `lognormal(median:p90:)`, `lognormal(mean:sd:)`, `empirical(_:)`), which throw
/// `KernelError` with a user-facing message.
///
/// ```
/// let d = try Distribution.checked(.lognormal(meanlog: 0, sdlog: 0.35))
/// d.mean              // 1.0631...
/// d.quantile(0.5)     // 1
/// d.cdf(1)            // 0.5
/// ```
public enum Distribution: Sendable, Equatable {
    case normal(mean: Double, sd: Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    case pert(min: Double, mode: Double, max: Double)
    case lognormal(meanlog: Double, sdlog: Double)
    case studentT(df: Double, location: Double, scale: Double)
    case pareto(scale: Double, shape: Double)
    case generalizedPareto(threshold: Double, scale: Double, shape: Double)
    /// The values, sorted ascending.
    case empirical(sorted: [Double])

    // MARK: Names and parameters

    /// The name users type: `normal`, `lognormal`, `student_t`, `gpd`, …
    public var name: String {
        switch self {
        case .normal: "normal"
        case .uniform: "uniform"
        case .triangular: "triangular"
        case .pert: "pert"
        case .lognormal: "lognormal"
        case .studentT: "student_t"
        case .pareto: "pareto"
        case .generalizedPareto: "gpd"
        case .empirical: "empirical"
        }
    }

    /// The parameters by name, in the order of the constructor (`empirical` gives its size).
    public var parameters: [(name: String, value: Double)] {
        switch self {
        case .normal(let m, let s): [("mean", m), ("sd", s)]
        case .uniform(let a, let b): [("min", a), ("max", b)]
        case .triangular(let a, let c, let b), .pert(let a, let c, let b): [("min", a), ("mode", c), ("max", b)]
        case .lognormal(let m, let s): [("meanlog", m), ("sdlog", s)]
        case .studentT(let df, let loc, let scale): [("df", df), ("location", loc), ("scale", scale)]
        case .pareto(let scale, let shape): [("scale", scale), ("shape", shape)]
        case .generalizedPareto(let u, let s, let xi): [("threshold", u), ("scale", s), ("shape", xi)]
        case .empirical(let x): [("n", Double(x.count))]
        }
    }

    /// `lognormal(meanlog=0, sdlog=0.35)`, numbers at display precision.
    public func description(_ format: NumberFormat = NumberFormat()) -> String {
        "\(name)(" + parameters.map { "\($0.name)=\(format.string($0.value))" }.joined(separator: ", ") + ")"
    }

    // MARK: Validating constructors

    /// The distribution after checking its parameters; throws a user-facing message when
    /// they are invalid: `try Distribution.checked(.normal(mean: 0, sd: -1))` throws
    /// "normal: 'sd' must be positive, not -1".
    public static func checked(_ d: Distribution) throws -> Distribution {
        for (name, v) in d.parameters where !v.isFinite {
            throw KernelError("\(d.name): '\(name)' must be a finite number, not \(text(v))")
        }
        func positive(_ name: String, _ x: Double) throws {
            guard x > 0 else { throw KernelError("\(d.name): '\(name)' must be positive, not \(text(x))") }
        }
        switch d {
        case .normal(_, let s): try positive("sd", s)
        case .uniform(let a, let b):
            guard a < b else { throw KernelError("uniform: 'min' (\(text(a))) must be below 'max' (\(text(b)))") }
        case .triangular(let a, let c, let b), .pert(let a, let c, let b): try threePoint(d.name, a, c, b)
        case .lognormal(_, let s): try positive("sdlog", s)
        case .studentT(let df, _, let scale):
            try positive("df", df)
            try positive("scale", scale)
        case .pareto(let scale, let shape):
            try positive("scale", scale)
            try positive("shape", shape)
        case .generalizedPareto(_, let scale, _): try positive("scale", scale)
        case .empirical(let v):
            guard !v.isEmpty else { throw KernelError("empirical: needs at least one value") }
            guard v.allSatisfy(\.isFinite) else { throw KernelError("empirical: values must be finite") }
            return .empirical(sorted: v.sorted())
        }
        return d
    }

    /// The lognormal with this median and 90th percentile: meanlog = log(median),
    /// sdlog = (log p90 − log median) / z₀.₉.
    ///
    /// `lognormal(median: 1, p90: 1.5) // lognormal(meanlog=0, sdlog=0.3163868)`
    public static func lognormal(median: Double, p90: Double) throws -> Distribution {
        try finite([("median", median), ("p90", p90)])
        guard median > 0 else { throw KernelError("lognormal: 'median' must be positive, not \(text(median))") }
        guard p90 > median else {
            throw KernelError("lognormal: 'p90' (\(text(p90))) must be above 'median' (\(text(median)))")
        }
        let z90 = NormalDistribution.standardQuantile(0.9)
        return .lognormal(meanlog: log(median), sdlog: (log(p90) - log(median)) / z90)
    }

    /// The lognormal with this mean and standard deviation (of the variable, not its log):
    /// sdlog² = log(1 + sd²/mean²), meanlog = log(mean) − sdlog²/2.
    public static func lognormal(mean: Double, sd: Double) throws -> Distribution {
        try finite([("mean", mean), ("sd", sd)])
        guard mean > 0 else { throw KernelError("lognormal: 'mean' must be positive, not \(text(mean))") }
        guard sd > 0 else { throw KernelError("lognormal: 'sd' must be positive, not \(text(sd))") }
        let variance = log1p((sd / mean) * (sd / mean))
        return .lognormal(meanlog: log(mean) - variance / 2, sdlog: variance.squareRoot())
    }

    /// The bootstrap distribution of `values` (NaN dropped by the caller).
    public static func empirical(_ values: [Double]) throws -> Distribution {
        try checked(.empirical(sorted: values))
    }

    static func threePoint(_ name: String, _ a: Double, _ c: Double, _ b: Double) throws {
        guard a < b else { throw KernelError("\(name): 'min' (\(text(a))) must be below 'max' (\(text(b)))") }
        guard a <= c && c <= b else {
            throw KernelError("\(name): 'mode' (\(text(c))) must lie between 'min' (\(text(a))) and 'max' (\(text(b)))")
        }
    }

    static func finite(_ values: [(String, Double)]) throws {
        for (name, v) in values where !v.isFinite {
            throw KernelError("lognormal: '\(name)' must be a finite number, not \(text(v))")
        }
    }

    static func text(_ x: Double) -> String { NumberFormat().string(x) }

    // MARK: Moments

    /// The mean; +∞ when it is infinite (Pareto with shape ≤ 1…), NaN when undefined (Cauchy).
    public var mean: Double {
        switch self {
        case .normal(let m, _): return m
        case .uniform(let a, let b): return (a + b) / 2
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .pert(let a, let c, let b): return (a + 4 * c + b) / 6
        case .lognormal(let m, let s): return exp(m + s * s / 2)
        case .studentT(let df, let loc, _): return df > 1 ? loc : .nan
        case .pareto(let xm, let alpha): return alpha > 1 ? alpha * xm / (alpha - 1) : .infinity
        case .generalizedPareto(let u, let s, let xi): return xi < 1 ? u + s / (1 - xi) : .infinity
        case .empirical(let x): return Descriptive.mean(x)
        }
    }

    /// The variance; +∞ when infinite, NaN when undefined.
    public var variance: Double {
        switch self {
        case .normal(_, let s): return s * s
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .triangular(let a, let c, let b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .pert(let a, _, let b):
            let m = mean
            return (m - a) * (b - m) / 7
        case .lognormal(let m, let s): return expm1(s * s) * exp(2 * m + s * s)
        case .studentT(let df, _, let scale):
            if df > 2 { return scale * scale * df / (df - 2) }
            return df > 1 ? .infinity : .nan
        case .pareto(let xm, let alpha):
            if alpha > 2 { return xm * xm * alpha / ((alpha - 1) * (alpha - 1) * (alpha - 2)) }
            return .infinity
        case .generalizedPareto(_, let s, let xi):
            if xi < 0.5 { return s * s / ((1 - xi) * (1 - xi) * (1 - 2 * xi)) }
            return .infinity
        case .empirical(let x):
            // The bootstrap distribution's variance: the population variance (n denominator).
            let n = Double(x.count)
            return x.count > 1 ? Descriptive.sampleVariance(x) * (n - 1) / n : 0
        }
    }

    public var standardDeviation: Double { variance.squareRoot() }

    // MARK: CDF and quantile

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        switch self {
        case .normal(let m, let s): return NormalDistribution.standardCDF((x - m) / s)
        case .uniform(let a, let b): return min(1, max(0, (x - a) / (b - a)))
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .pert(let a, _, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            let (alpha, beta) = pertShape
            return SpecialFunctions.regularizedIncompleteBeta(alpha, beta, x: (x - a) / (b - a), y: (b - x) / (b - a)).lower
        case .lognormal(let m, let s): return x <= 0 ? 0 : NormalDistribution.standardCDF((log(x) - m) / s)
        case .studentT(let df, let loc, let scale): return StudentTDistribution(degreesOfFreedom: df).cdf((x - loc) / scale)
        case .pareto(let xm, let alpha):
            return x <= xm ? 0 : -expm1(-alpha * Distribution.logRatio(x, xm))
        case .generalizedPareto(let u, let s, let xi):
            if x <= u { return 0 }
            let z = (x - u) / s
            if xi == 0 { return -expm1(-z) }
            // 1 − (1 + ξz)^(−1/ξ), with log1p: 1 + ξz rounds to 1 when |ξz| < 1e-16.
            if xi * z <= -1 { return 1 }
            return -expm1(-log1p(xi * z) / xi)
        case .empirical(let v):
            // Fraction of values ≤ x (binary search: upper bound).
            var lo = 0, hi = v.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if v[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return Double(lo) / Double(v.count)
        }
    }

    /// The p-quantile, the inverse CDF: the smallest x with cdf(x) ≥ p (for `empirical`, R's
    /// type 7 as `quantile(x, p)` on a vector). NaN outside [0, 1].
    public func quantile(_ p: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        switch self {
        case .normal(let m, let s): return m + s * NormalDistribution.standardQuantile(p)
        case .uniform(let a, let b): return a + (b - a) * p
        case .triangular(let a, let c, let b):
            if p < (c - a) / (b - a) { return a + (p * (b - a) * (c - a)).squareRoot() }
            return b - ((1 - p) * (b - a) * (b - c)).squareRoot()
        case .pert(let a, _, let b):
            let (alpha, beta) = pertShape
            return a + (b - a) * SpecialFunctions.inverseRegularizedIncompleteBeta(alpha, beta, p)
        case .lognormal(let m, let s): return exp(m + s * NormalDistribution.standardQuantile(p))
        case .studentT(let df, let loc, let scale): return loc + scale * StudentTDistribution(degreesOfFreedom: df).quantile(p)
        case .pareto(let xm, let alpha): return p == 1 ? .infinity : xm * exp(-log1p(-p) / alpha)
        case .generalizedPareto(let u, let s, let xi):
            if p == 1 { return xi < 0 ? u - s / xi : .infinity }
            let e = -log1p(-p)
            return xi == 0 ? u + s * e : u + s * expm1(xi * e) / xi
        case .empirical(let v): return Descriptive.quantile(sorted: v, p)
        }
    }

    /// The density (for `empirical`, NaN: it has none).
    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    /// log f(x); −∞ outside the support.
    public func logPDF(_ x: Double) -> Double {
        switch self {
        case .normal(let m, let s):
            let z = (x - m) / s
            return -0.5 * z * z - log(s) - 0.5 * log(2 * Double.pi)
        case .uniform(let a, let b): return x >= a && x <= b ? -log(b - a) : -.infinity
        case .triangular(let a, let c, let b):
            if x < a || x > b { return -.infinity }
            if x < c { return log(2 * (x - a) / ((b - a) * (c - a))) }
            if x == c { return log(2 / (b - a)) }
            return log(2 * (b - x) / ((b - a) * (b - c)))
        case .pert(let a, _, let b):
            if x < a || x > b { return -.infinity }
            let (alpha, beta) = pertShape
            let t = (x - a) / (b - a)
            return (alpha - 1) * log(t) + (beta - 1) * log1p(-t) - SpecialFunctions.logBeta(alpha, beta) - log(b - a)
        case .lognormal(let m, let s):
            if x <= 0 { return -.infinity }
            let z = (log(x) - m) / s
            return -0.5 * z * z - log(s) - log(x) - 0.5 * log(2 * Double.pi)
        case .studentT(let df, let loc, let scale):
            return StudentTDistribution(degreesOfFreedom: df).logDensity((x - loc) / scale) - log(scale)
        case .pareto(let xm, let alpha):
            // log(α/xm) − (α + 1) log(x/xm), without α log xm − (α + 1) log x cancelling.
            return x < xm ? -.infinity : log(alpha) - log(xm) - (alpha + 1) * Distribution.logRatio(x, xm)
        case .generalizedPareto(let u, let s, let xi):
            if x < u { return -.infinity }
            let z = (x - u) / s
            if xi == 0 { return -log(s) - z }
            if xi * z <= -1 { return -.infinity }
            return -log(s) - (1 / xi + 1) * log1p(xi * z)
        case .empirical: return .nan
        }
    }

    /// log(x/xm) for x ≥ xm > 0 to full precision: log1p((x − xm)/xm), as x − xm is exact near
    /// xm (1 − (xm/x)^α = −expm1(−α·logRatio) keeps its digits as x → xm); log x − log xm
    /// when the ratio overflows.
    static func logRatio(_ x: Double, _ xm: Double) -> Double {
        let r = (x - xm) / xm
        return r.isFinite ? log1p(r) : log(x) - log(xm)
    }

    /// The Beta shape parameters of a PERT: α = 1 + 4(mode − min)/(max − min), β = 6 − α.
    var pertShape: (Double, Double) {
        guard case .pert(let a, let c, let b) = self else { return (.nan, .nan) }
        let alpha = 1 + 4 * (c - a) / (b - a)
        return (alpha, 6 - alpha)
    }

    /// The support's bounds (may be infinite).
    public var support: ClosedRange<Double> {
        switch self {
        case .normal, .studentT: return -Double.infinity...Double.infinity
        case .uniform(let a, let b), .triangular(let a, _, let b), .pert(let a, _, let b): return a...b
        case .lognormal: return 0...Double.infinity
        case .pareto(let xm, _): return xm...Double.infinity
        case .generalizedPareto(let u, let s, let xi): return u...(xi < 0 ? u - s / xi : .infinity)
        case .empirical(let v): return v.first!...v.last!
        }
    }

    // MARK: Sampling

    /// One draw.
    ///
    /// Normal and lognormal by the ziggurat, Pareto and GPD from an exponential, PERT from two
    /// gamma draws (Marsaglia–Tsang), Student's t as Z/√(χ²/ν), the rest by inversion.
    @inline(__always)
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        switch self {
        case .normal(let m, let s): return m + s * Ziggurat.normal(using: &rng)
        case .lognormal(let m, let s): return exp(m + s * Ziggurat.normal(using: &rng))
        case .uniform(let a, let b): return a + (b - a) * Double(Int64(rng.next() >> 11)) * 0x1p-53
        case .triangular: return quantile(Double(Int64(rng.next() >> 11)) * 0x1p-53)
        case .pert(let a, _, let b):
            let (alpha, beta) = pertShape
            let x = Ziggurat.gamma(alpha, using: &rng)
            let y = Ziggurat.gamma(beta, using: &rng)
            return a + (b - a) * x / (x + y)
        case .studentT(let df, let loc, let scale):
            let z = Ziggurat.normal(using: &rng)
            let chi2 = 2 * Ziggurat.gamma(df / 2, using: &rng)
            return loc + scale * z / (chi2 / df).squareRoot()
        case .pareto(let xm, let alpha): return xm * exp(Ziggurat.exponential(using: &rng) / alpha)
        case .generalizedPareto(let u, let s, let xi):
            let e = Ziggurat.exponential(using: &rng)
            return xi == 0 ? u + s * e : u + s * expm1(xi * e) / xi
        case .empirical(let v):
            // Lemire's multiply-shift: an unbiased-enough index for n ≪ 2⁶⁴.
            let i = Int(rng.next().multipliedFullWidth(by: UInt64(v.count)).high)
            return v[i]
        }
    }

    /// `count` draws.
    public func sample<G: RandomNumberGenerator>(_ count: Int, using rng: inout G) -> [Double] {
        (0..<count).map { _ in sample(using: &rng) }
    }
}
