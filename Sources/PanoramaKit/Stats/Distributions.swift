import Foundation
import LinearAlgebra

/// The normal distribution N(μ, σ²).
///
/// The CDF is `½ erfc(−z/√2)` with the argument's rounding error carried as a first-order
/// correction, so lower tails keep full relative accuracy down to 1e-300. The quantile is
/// Wichura's AS241.
public struct NormalDistribution: Sendable {
    public var mean: Double
    public var standardDeviation: Double

    public init(mean: Double = 0, standardDeviation: Double = 1) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    static let invSqrt2 = DoubleDouble(1) / DoubleDouble(2).squareRoot

    /// P(X ≤ x): `NormalDistribution().cdf(1.96) // 0.9750021…`
    public func cdf(_ x: Double) -> Double { NormalDistribution.standardCDF((x - mean) / standardDeviation) }
    /// P(X > x), accurate in the upper tail.
    public func survival(_ x: Double) -> Double { NormalDistribution.standardCDF(-(x - mean) / standardDeviation) }
    public func density(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return Foundation.exp(-0.5 * z * z - SpecialFunctions.logSqrtTwoPi) / standardDeviation
    }
    /// The p-quantile: `NormalDistribution().quantile(0.975) // 1.959963984540054`
    public func quantile(_ p: Double) -> Double { mean + standardDeviation * NormalDistribution.standardQuantile(p) }

    /// Φ(z).
    public static func standardCDF(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        // t = −z/√2 as an exact-ish pair, then erfc(t) with the first-order correction.
        let t = DoubleDouble(-z) * invSqrt2
        if z < 0 { return 0.5 * SpecialFunctions.erfc(t.hi, correction: t.lo) }
        return 1 - 0.5 * Foundation.erfc(-t.hi)
    }

    /// Φ(z) as ½ erfc(−z/√2) without `standardCDF`'s correction for the rounding of z/√2: a
    /// relative error of about z²·1e-16 (1e-14 at z = −8, 3e-13 at Φ = 1e-300) for half the
    /// cost, for loops that run once per draw (copula uniforms, rank proxies).
    @inline(__always)
    public static func fastStandardCDF(_ z: Double) -> Double { 0.5 * Foundation.erfc(-z / 2.0.squareRoot()) }

    /// Φ⁻¹(p) by Wichura's algorithm AS241 (PPND16, 1988): rational approximations in three
    /// ranges, about 1e-16 relative down to p = 1e-300; one logarithm and no iteration, so it
    /// serves hot loops (normal scores, copulas) as well as intervals.
    public static func standardQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r
                + 67265.770927008700853) * r + 45921.953931549871457) * r
                + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
                / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r
                + 39307.89580009271061) * r + 21213.794301586595867) * r
                + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1)
        }
        var r = (-Foundation.log(q < 0 ? p : 1 - p)).squareRoot()
        let x: Double
        if r <= 5 {
            r -= 1.6
            x = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r
                + 0.24178072517745061177) * r + 1.27045825245236838258) * r
                + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r
                + 0.0151986665636164571966) * r + 0.14810397642748007459) * r
                + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1)
        } else {
            r -= 5
            x = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r
                + 0.0012426609473880784386) * r + 0.026532189526576123093) * r
                + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
                + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r
                + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1)
        }
        return q < 0 ? -x : x
    }
}

/// Student's t distribution with ν degrees of freedom (ν may be fractional; ∞ is normal).
///
/// P(|T| > t) = I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz & Stegun 26.7.1); the quantile
/// solves the tail equation by safeguarded Newton steps on its logarithm.
public struct StudentTDistribution: Sendable {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }

    /// Above this many degrees of freedom t is the normal plus its first-order term in 1/ν
    /// (the next is below 1e-9 relative for |t| < 40), as the incomplete beta's continued
    /// fraction needs about √ν steps there: ν = 1e25 hung, and rounded x = ν/(ν+t²) to 1.
    static let normalLimit = 1e10

    /// P(T > |t|) for t ≥ 0 as (one tail, the rest).
    func tails(_ t: Double) -> (small: Double, large: Double) {
        let nu = degreesOfFreedom
        if nu > StudentTDistribution.normalLimit {
            // F(t) = Φ(t) − φ(t)(t³ + t)/(4ν) + O(ν⁻²) (Abramowitz & Stegun 26.7.5).
            let a = abs(t), correction = NormalDistribution().density(a) * (a * a * a + a) / (4 * nu)
            return (NormalDistribution.standardCDF(-a) + correction, NormalDistribution.standardCDF(a) - correction)
        }
        // x = ν/(ν + t²), y = t²/(ν + t²); past t = 1 through r = ν/t², so that t beyond
        // √DBL_MAX (df < 1, far tails) gives x ≈ ν/t² instead of t² overflowing.
        let x: Double, y: Double
        if t > 1 {
            let logX = Foundation.log(nu) - 2 * Foundation.log(t)
            if logX < -460 {
                // x < 1e-200 (subnormal or zero as a double): I_x(a, ½) = x^a/(a B(a, ½))·(1 + O(x)).
                let a = nu / 2
                let small = 0.5 * Foundation.exp(a * logX - Foundation.log(a) - SpecialFunctions.logBeta(a, 0.5))
                return (small, 1 - small)
            }
            let r = nu / t / t
            (x, y) = (r / (1 + r), 1 / (1 + r))
        } else {
            let t2 = t * t
            (x, y) = (nu / (nu + t2), t2 / (nu + t2))
        }
        let (twoTail, rest) = SpecialFunctions.regularizedIncompleteBeta(nu / 2, 0.5, x: x, y: y)
        return (0.5 * twoTail, 0.5 + 0.5 * rest)
    }

    /// P(T ≤ t): `StudentTDistribution(degreesOfFreedom: 9).cdf(2.262157) // 0.975`
    public func cdf(_ t: Double) -> Double {
        if t.isNaN || degreesOfFreedom.isNaN || !(degreesOfFreedom > 0) { return .nan }
        let (small, large) = tails(abs(t))
        return t < 0 ? small : large
    }

    /// P(T > t).
    public func survival(_ t: Double) -> Double { cdf(-t) }

    /// P(|T| > |t|), the two-sided p-value of a t statistic.
    public func twoSidedPValue(_ t: Double) -> Double {
        if t.isNaN || !(degreesOfFreedom > 0) { return .nan }
        return min(1, 2 * tails(abs(t)).small)
    }

    public func density(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        if nu.isInfinite { return NormalDistribution().density(t) }
        return Foundation.exp(logDensity(t))
    }

    /// log f(t) = −(ν + 1)/2 · log(1 + t²/ν) − ½ log ν − log B(ν/2, ½), finite for any finite t.
    public func logDensity(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        // log(1 + t²/ν) = 2 log|t| − log ν + log1p(ν/t²) once t²/ν would overflow.
        let a = abs(t), q = a * a / nu
        let logTerm = q.isFinite ? Foundation.log1p(q) : 2 * Foundation.log(a) - Foundation.log(nu) + Foundation.log1p(nu / a / a)
        return -(nu + 1) / 2 * logTerm - 0.5 * Foundation.log(nu) - SpecialFunctions.logBeta(nu / 2, 0.5)
    }

    /// The p-quantile: `StudentTDistribution(degreesOfFreedom: 9).quantile(0.975) // 2.262157…`
    public func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1, degreesOfFreedom > 0 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p == 0.5 { return 0 }
        let tail = p < 0.5 ? p : 1 - p
        let sign: Double = p < 0.5 ? -1 : 1
        let nu = degreesOfFreedom
        if nu > StudentTDistribution.normalLimit {
            // Cornish–Fisher: t = z + (z³ + z)/(4ν) + O(ν⁻²).
            let z = -NormalDistribution.standardQuantile(tail)
            return sign * (nu.isInfinite ? z : z + (z * z * z + z) / (4 * nu))
        }
        // Start: the normal quantile with Cornish–Fisher terms, or the power-law tail.
        let z = -NormalDistribution.standardQuantile(tail)
        var start = z + (z * z * z + z) / (4 * nu)
        // The power-law tail P(T < −t) ≈ (ν/t²)^(ν/2)/(ν B(ν/2, ½)), solved for t (in logs: for
        // df < 1 the far quantiles lie beyond √DBL_MAX and up to DBL_MAX).
        let powerTail = Foundation.exp((nu / 2 * Foundation.log(nu) - Foundation.log(tail) - Foundation.log(nu)
                                        - SpecialFunctions.logBeta(nu / 2, 0.5)) / nu)
        if nu < 3 || start > powerTail { start = max(start, powerTail) }
        let t = RootFinder.solveTail(target: tail, start: start, lower: 0, upper: .infinity,
                                     tail: { self.tails($0).small }, slope: { -self.density($0) })
        return sign * t
    }
}

/// The F distribution with (d₁, d₂) degrees of freedom: P(F ≤ f) = I_x(d₁/2, d₂/2),
/// x = d₁f/(d₁f + d₂) (Abramowitz & Stegun 26.6.2).
public struct FDistribution: Sendable {
    public var numeratorDegreesOfFreedom: Double
    public var denominatorDegreesOfFreedom: Double

    public init(_ d1: Double, _ d2: Double) {
        numeratorDegreesOfFreedom = d1
        denominatorDegreesOfFreedom = d2
    }

    func both(_ f: Double) -> (lower: Double, upper: Double) {
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        guard d1 > 0, d2 > 0, !f.isNaN else { return (.nan, .nan) }
        if f <= 0 { return (0, 1) }
        if f.isInfinite { return (1, 0) }
        let s = d1 * f + d2
        return SpecialFunctions.regularizedIncompleteBeta(d1 / 2, d2 / 2, x: d1 * f / s, y: d2 / s)
    }

    /// P(F ≤ f).
    public func cdf(_ f: Double) -> Double { both(f).lower }
    /// P(F > f), the p-value of an F statistic: `FDistribution(6, 9).survival(330.285) // 4.98e-10`
    public func survival(_ f: Double) -> Double { both(f).upper }

    public func density(_ f: Double) -> Double {
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        guard f > 0 else { return 0 }
        let s = d1 * f + d2
        return Foundation.exp(SpecialFunctions.logBetaPowerTerm(d1 / 2, d2 / 2, x: d1 * f / s, y: d2 / s)) / f
    }

    public func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1, numeratorDegreesOfFreedom > 0, denominatorDegreesOfFreedom > 0 else {
            if p == 0 { return 0 }
            if p == 1 { return .infinity }
            return .nan
        }
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        // Start from the mean-ish value and let the solver bracket.
        let start = d2 > 2 ? d2 / (d2 - 2) : 1
        if p <= 0.5 {
            return RootFinder.solveTail(target: p, start: start, lower: 0, upper: .infinity,
                                        tail: { self.cdf($0) }, slope: { self.density($0) }, increasing: true)
        }
        _ = d1
        return RootFinder.solveTail(target: 1 - p, start: start, lower: 0, upper: .infinity,
                                    tail: { self.survival($0) }, slope: { -self.density($0) })
    }
}

/// The χ² distribution with k degrees of freedom: P(X ≤ x) = P(k/2, x/2).
public struct ChiSquaredDistribution: Sendable {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }

    func both(_ x: Double) -> (lower: Double, upper: Double) {
        guard degreesOfFreedom > 0, !x.isNaN else { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        return SpecialFunctions.regularizedIncompleteGamma(degreesOfFreedom / 2, x: x / 2)
    }

    public func cdf(_ x: Double) -> Double { both(x).lower }
    /// P(X > x): `ChiSquaredDistribution(degreesOfFreedom: 2).survival(2) // e⁻¹`
    public func survival(_ x: Double) -> Double { both(x).upper }

    public func density(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        return Foundation.exp(SpecialFunctions.logGammaPowerTerm(degreesOfFreedom / 2, x: x / 2)) / x
    }

    public func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1, degreesOfFreedom > 0 else {
            if p == 0 { return 0 }
            if p == 1 { return .infinity }
            return .nan
        }
        let k = degreesOfFreedom
        // Wilson–Hilferty start.
        let z = NormalDistribution.standardQuantile(p)
        let h = 2 / (9 * k)
        let start = max(k * Foundation.pow(max(1 - h + z * h.squareRoot(), 0.05), 3), 1e-3)
        if p <= 0.5 {
            return RootFinder.solveTail(target: p, start: start, lower: 0, upper: .infinity,
                                        tail: { self.cdf($0) }, slope: { self.density($0) }, increasing: true)
        }
        return RootFinder.solveTail(target: 1 - p, start: start, lower: 0, upper: .infinity,
                                    tail: { self.survival($0) }, slope: { -self.density($0) })
    }
}

/// Inverts a monotone tail probability by Newton steps on its logarithm, safeguarded by
/// bisection inside a bracket (geometric when the bracket spans orders of magnitude).
enum RootFinder {
    /// Solves `tail(x) = target` on (lower, upper); `slope` is tail's derivative.
    static func solveTail(target: Double, start: Double, lower: Double, upper: Double,
                          tail: (Double) -> Double, slope: (Double) -> Double,
                          increasing: Bool = false) -> Double {
        let logTarget = Foundation.log(target)
        var lo = lower, hi = upper
        var x = min(max(start, lower), upper)
        if !(x > lo && x < hi) { x = lo.isFinite && hi.isFinite ? (lo + hi) / 2 : max(lo, 0) + 1 }
        for _ in 0..<200 {
            let value = tail(x)
            let g = Foundation.log(value) - logTarget
            if g == 0 { return x }
            // Shrink the bracket: for a decreasing tail, g > 0 means x is too small.
            if (g > 0) != increasing { lo = x } else { hi = x }
            let derivative = slope(x) / value
            var next = x - g / derivative
            if !(next > lo && next < hi) || !next.isFinite {
                if hi.isInfinite { next = x * 2 + 1 }
                else if lo > 0 && hi / lo > 4 { next = (lo * hi).squareRoot() }
                else { next = (lo + hi) / 2 }
            }
            if abs(next - x) <= 4e-16 * abs(x) || next == x { return next }
            x = next
        }
        return x
    }
}
