import Foundation
import LinearAlgebra

/// Special functions behind the distributions used for inference, accurate to about 1e-14
/// relative over the parameter ranges regression output needs (degrees of freedom up to 10⁷).
///
/// Incomplete beta and gamma follow Numerical Recipes' continued fractions (modified Lentz)
/// and series, with the front factors `xᵃ yᵇ / B(a, b)` and `xᵃ e⁻ˣ / Γ(a)` computed as
/// DiDonato & Morris do in TOMS 708 (`brcomp`, `rcomp`): Stirling's series with its correction
/// δ(z) and `log1p(u) − u`, so that large parameters do not cancel in `lgamma` differences.
public enum SpecialFunctions {
    static let logSqrtTwoPi = 0.91893853320467274178032973640562

    /// `log(1 + u) − u`, accurate for small u.
    ///
    /// `log1pMinusX(1e-10) // -5e-21` (to 15 digits)
    public static func log1pMinusX(_ u: Double) -> Double {
        guard abs(u) <= 0.3 else { return Foundation.log1p(u) - u }
        // s = u / (2 + u): log1p(u) = 2s (1 + s²/3 + s⁴/5 + …) and u − 2s = s u.
        let s = u / (2 + u)
        let s2 = s * s
        var term = s2, sum = 0.0
        var k = 1.0
        while true {
            let add = term / (2 * k + 1)
            sum += add
            if abs(add) <= 1e-17 * abs(sum) { break }
            term *= s2
            k += 1
        }
        return 2 * s * sum - s * u
    }

    /// Stirling's correction δ(z) = log Γ(z) − [(z − ½) log z − z + ½ log 2π], z > 0.
    public static func stirlingCorrection(_ z: Double) -> Double {
        if z >= 10 {
            let r = 1 / z, r2 = r * r
            // Σ B₂ₖ / (2k (2k − 1) z²ᵏ⁻¹)
            let c: [Double] = [1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
                               -691.0 / 360360, 1.0 / 156, -3617.0 / 122400]
            var sum = 0.0
            for coefficient in c.reversed() { sum = sum * r2 + coefficient }
            return sum * r
        }
        return Foundation.lgamma(z) - ((z - 0.5) * Foundation.log(z) - z + logSqrtTwoPi)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), without cancellation for large a or b.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        let (small, large) = a < b ? (a, b) : (b, a)
        if large < 10 {
            return Foundation.lgamma(a) + Foundation.lgamma(b) - Foundation.lgamma(a + b)
        }
        // (L − ½) log L + (s − ½) log s − (L + s − ½) log(L + s) = −(L − ½) log1p(s/L) − s log(L + s) + (s − ½) log s
        let delta = stirlingCorrection(large) - stirlingCorrection(large + small)
        if small < 10 {
            return Foundation.lgamma(small) + delta - (large - 0.5) * Foundation.log1p(small / large)
                - small * Foundation.log(large + small) + small
        }
        return -(large - 0.5) * Foundation.log1p(small / large) - small * Foundation.log(large + small)
            + (small - 0.5) * Foundation.log(small) + logSqrtTwoPi + stirlingCorrection(small) + delta
    }

    /// log(xᵃ yᵇ / B(a, b)) with y = 1 − x given separately (TOMS 708's `brcomp`).
    public static func logBetaPowerTerm(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        if min(a, b) < 10 {
            // The terms are of the small parameter's size; what matters is log x and log y
            // taken from whichever of x, y is accurate, and log B without cancellation.
            let logX = x < 0.5 ? Foundation.log(x) : Foundation.log1p(-y)
            let logY = y < 0.5 ? Foundation.log(y) : Foundation.log1p(-x)
            return a * logX + b * logY - logBeta(a, b)
        }
        // Both large: a log(x (a+b)/a) + b log(y (a+b)/b) with d = x(a+b) − a = x b − y a,
        // so the leading ±d cancel exactly and only log1p(u) − u terms remain.
        let d = x * b - y * a
        return scaledLog1pMinusX(a, u: d / a, ratio: x * ((a + b) / a))
            + scaledLog1pMinusX(b, u: -d / b, ratio: y * ((a + b) / b))
            + 0.5 * Foundation.log(a * b / (a + b)) - logSqrtTwoPi
            - stirlingCorrection(a) - stirlingCorrection(b) + stirlingCorrection(a + b)
    }

    /// `a (log(1 + u) − u)` where `ratio = 1 + u` is also known directly: the series near 0,
    /// and `a log(ratio) − a u` away from it, where forming 1 + u from u would lose digits.
    static func scaledLog1pMinusX(_ a: Double, u: Double, ratio: Double) -> Double {
        abs(u) <= 0.3 ? a * log1pMinusX(u) : a * Foundation.log(ratio) - a * u
    }

    /// The regularised incomplete beta function and its complement, `(Iₓ(a, b), 1 − Iₓ(a, b))`,
    /// each accurate in relative terms; `y = 1 − x` is passed separately so that x near 1
    /// loses nothing.
    ///
    /// `regularizedIncompleteBeta(2, 3, x: 0.4, y: 0.6).lower // 0.5248`
    public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, x >= 0, y >= 0, x.isFinite, y.isFinite else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        // x > (a+1)/(a+b+2), tested on whichever of x, y is exact: with a huge a (Student t
        // with ν = 1e25) x rounds to 1 and only y still says which side converges.
        if x < 0.5 ? x > (a + 1) / (a + b + 2) : y < (b + 1) / (a + b + 2) {
            let swapped = regularizedIncompleteBeta(b, a, x: y, y: x)
            return (swapped.upper, swapped.lower)
        }
        let front = Foundation.exp(logBetaPowerTerm(a, b, x: x, y: y)) / a
        let lower = front * betaContinuedFraction(a, b, x: x, y: y)
        return (lower, 1 - lower)
    }

    /// The x with Iₓ(a, b) = p: Halley steps from Numerical Recipes' starting guess (`invbetai`,
    /// §6.4), safeguarded by bisection so it always converges.
    ///
    /// `inverseRegularizedIncompleteBeta(2, 3, 0.5248) // 0.4`
    public static func inverseRegularizedIncompleteBeta(_ a: Double, _ b: Double, _ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 || !(a > 0) || !(b > 0) { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        var x: Double
        if a >= 1 && b >= 1 {
            let pp = p < 0.5 ? p : 1 - p
            let t = (-2 * Foundation.log(pp)).squareRoot()
            var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p < 0.5 { z = -z }
            let al = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * (al + h).squareRoot() / h
                - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
            x = a / (a + b * Foundation.exp(2 * w))
        } else {
            let lna = Foundation.log(a / (a + b)), lnb = Foundation.log(b / (a + b))
            let t = Foundation.exp(a * lna) / a, u = Foundation.exp(b * lnb) / b
            let w = t + u
            x = p < t / w ? Foundation.pow(a * w * p, 1 / a) : 1 - Foundation.pow(b * w * (1 - p), 1 / b)
        }
        if !(x > 0 && x < 1) { x = 0.5 }
        var lo = 0.0, hi = 1.0
        let logB = logBeta(a, b)
        for _ in 0..<200 {
            let f = regularizedIncompleteBeta(a, b, x: x, y: 1 - x).lower - p
            if f < 0 { lo = x } else { hi = x }
            if f == 0 { return x }
            let density = Foundation.exp((a - 1) * Foundation.log(x) + (b - 1) * Foundation.log1p(-x) - logB)
            var step = f / density
            // Halley's correction.
            let curvature = (a - 1) / x - (b - 1) / (1 - x)
            step /= max(0.5, 1 - 0.5 * min(1, step * curvature))
            var next = x - step
            if !(next > lo && next < hi) || !next.isFinite { next = 0.5 * (lo + hi) }
            if abs(next - x) <= 1e-15 * max(x, 1e-300) || hi - lo < 1e-300 { return next }
            x = next
        }
        return x
    }

    /// Numerical Recipes' `betacf` by the modified Lentz method.
    ///
    /// Near x ≈ 1 with a large (Student t with many degrees of freedom) the fraction's terms
    /// cancel to the size of 1 − x, so above x = ½ x is formed as 1 − y from the accurate y and
    /// the recurrence carried in double-double; it then keeps full double accuracy. At x ≤ ½
    /// nothing cancels and the recurrence runs in double, about six times faster (the
    /// simulation's quantile tables call this thousands of times).
    static func betaContinuedFraction(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        if x <= 0.5 { return betaContinuedFractionDouble(a, b, x: x) }
        let tiny = DoubleDouble(1e-300)
        let one = DoubleDouble(1)
        let xx = x <= 0.5 ? DoubleDouble(x) : one - DoubleDouble(y)
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = one
        var d = one - xx * qab / DoubleDouble(qap)
        if d.magnitude < 1e-300 { d = tiny }
        d = one / d
        var h = d
        var m = 1.0
        func step(_ aa: DoubleDouble) -> DoubleDouble {
            d = one + aa * d; if d.magnitude < 1e-300 { d = tiny }
            c = one + aa / c; if c.magnitude < 1e-300 { c = tiny }
            d = one / d
            return d * c
        }
        while m < 1e6 {
            let m2 = 2 * m
            h = h * step(xx * (m * (b - m)) / DoubleDouble((qam + m2) * (a + m2)))
            let delta = step(xx * (-(a + m) * (qab + m)) / DoubleDouble((a + m2) * (qap + m2)))
            h = h * delta
            if abs((delta - one).value) <= 1e-17 { break }
            m += 1
        }
        return h.value
    }

    /// `betaContinuedFraction` in double precision, for x ≤ ½.
    static func betaContinuedFractionDouble(_ a: Double, _ b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 1e6 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 3e-16 { break }
            m += 1
        }
        return h
    }

    /// log(xᵃ e⁻ˣ / Γ(a)) (TOMS 708's `rcomp`).
    public static func logGammaPowerTerm(_ a: Double, x: Double) -> Double {
        if a < 10 { return a * Foundation.log(x) - x - Foundation.lgamma(a) }
        let u = (x - a) / a
        return scaledLog1pMinusX(a, u: u, ratio: x / a) + 0.5 * Foundation.log(a) - logSqrtTwoPi - stirlingCorrection(a)
    }

    /// The regularised incomplete gamma functions `(P(a, x), Q(a, x))`.
    ///
    /// Series for x < a + 1, Legendre's continued fraction otherwise (Numerical Recipes §6.2).
    /// `regularizedIncompleteGamma(1, x: 2).upper // e⁻² = 0.1353…`
    public static func regularizedIncompleteGamma(_ a: Double, x: Double) -> (lower: Double, upper: Double) {
        guard a > 0, x >= 0, !x.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        let front = Foundation.exp(logGammaPowerTerm(a, x: x))
        if x < a + 1 {
            var term = 1 / a, sum = term, n = 1.0
            while n < 1e7 {
                term *= x / (a + n)
                sum += term
                if abs(term) <= abs(sum) * 1e-17 { break }
                n += 1
            }
            let lower = front * sum
            return (lower, 1 - lower)
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 1e7 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 3e-16 { break }
            i += 1
        }
        let upper = front * h
        return (1 - upper, upper)
    }

    /// The complementary error function at `z + dz`, `dz` a small correction to z (first order).
    static func erfc(_ z: Double, correction dz: Double) -> Double {
        let base = Foundation.erfc(z)
        guard dz != 0 else { return base }
        return base - dz * 1.1283791670955126 * Foundation.exp(-z * z)
    }
}
