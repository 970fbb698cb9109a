import Foundation
import LinearAlgebra

/// The normal distribution N(μ, σ²).
///
/// The CDF is `½ erfc(−z/√2)` with the argument's rounding error carried as a first-order
/// correction, so lower tails keep full relative accuracy down to 1e-300. The quantile starts
/// from Acklam's rational approximation (2003, relative error 1.2e-9) and takes two Halley
/// steps on the CDF, which brings it to the accuracy of the CDF itself.
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

    static func logDensity(_ z: Double) -> Double {
        let sq = DoubleDouble.twoProduct(z, z)
        return -0.5 * sq.hi - 0.5 * sq.lo - SpecialFunctions.logSqrtTwoPi
    }

    /// Φ⁻¹(p).
    public static func standardQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p > 0.5 { return -standardQuantile(1 - p) }
        var x = acklam(p)
        for _ in 0..<2 {
            let e = standardCDF(x) / p - 1
            // u = (Φ(x) − p)/φ(x), computed in logs so the far tail neither over- nor underflows.
            let u = e * Foundation.exp(Foundation.log(p) - logDensity(x))
            x -= u / (1 + 0.5 * x * u)
        }
        return x
    }

    /// Acklam's rational approximation of Φ⁻¹ for p ≤ ½.
    static func acklam(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        if p < 0.02425 {
            let q = (-2 * Foundation.log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}

/// Student's t distribution with ν degrees of freedom (ν may be fractional; ∞ is normal).
///
/// P(|T| > t) = I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz & Stegun 26.7.1); the quantile
/// solves the tail equation by safeguarded Newton steps on its logarithm.
public struct StudentTDistribution: Sendable {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }

    /// P(T > |t|) for t ≥ 0 as (one tail, the rest).
    func tails(_ t: Double) -> (small: Double, large: Double) {
        let nu = degreesOfFreedom
        if nu.isInfinite {
            let s = NormalDistribution.standardCDF(-abs(t))
            return (s, 1 - s)
        }
        let t2 = t * t
        let x = nu / (nu + t2), y = t2 / (nu + t2)
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
        let logD = -(nu + 1) / 2 * Foundation.log1p(t * t / nu) - 0.5 * Foundation.log(nu)
            - SpecialFunctions.logBeta(nu / 2, 0.5)
        return Foundation.exp(logD)
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
        if degreesOfFreedom.isInfinite { return -NormalDistribution.standardQuantile(tail) * sign }
        let nu = degreesOfFreedom
        // Start: the normal quantile with Cornish–Fisher terms, or the power-law tail.
        let z = -NormalDistribution.standardQuantile(tail)
        var start = z + (z * z * z + z) / (4 * nu)
        let powerTail = Foundation.exp((Foundation.log(tail * nu) + SpecialFunctions.logBeta(nu / 2, 0.5)
                                        + Foundation.log(nu) * (nu - 1) / 2) / nu)
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
