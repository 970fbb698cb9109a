import Foundation

/// The few special functions the forecast kernel needs for its intervals: the normal and
/// Student-t quantiles.
///
/// Kept here, namespaced, so the kernel's forecasting does not wait on the distributions area;
/// they can move to `Stats/` once a shared home exists.
enum ForecastMath {
    /// The standard normal quantile Φ⁻¹(p), Wichura's AS241 (PPND16), about 1e-16 relative.
    ///
    /// `normalQuantile(0.975) // 1.959963984540054`. ±∞ at 0 and 1, NaN outside [0, 1].
    static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1.0)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
            let den = (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1.0)
            value = num / den
        } else {
            r -= 5
            let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
            let den = (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1.0)
            value = num / den
        }
        return q < 0 ? -value : value
    }

    /// The Student-t quantile with `df` degrees of freedom (df > 0), by Newton's method on the
    /// t CDF started from the normal quantile; a normal quantile when `df` is nil or infinite.
    ///
    /// `studentQuantile(0.975, df: 10) // 2.2281388519649385`
    static func studentQuantile(_ p: Double, df: Double?) -> Double {
        guard let df, df.isFinite else { return normalQuantile(p) }
        guard p > 0, p < 1, df > 0 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p == 0.5 { return 0 }
        // Work in the upper tail for accuracy, then restore the sign.
        let upper = p > 0.5
        let tail = upper ? 1 - p : p
        // Bracket then bisect-Newton on the upper tail probability S(t) = P(T > t).
        var lo = 0.0
        var hi = max(1.0, -normalQuantile(tail) * 2)
        while studentUpperTail(hi, df: df) > tail { lo = hi; hi *= 2; if hi > 1e300 { break } }
        var t = min(max(-normalQuantile(tail), lo), hi)
        for _ in 0..<200 {
            let s = studentUpperTail(t, df: df)
            let f = s - tail
            if abs(f) <= 1e-15 * tail { break }
            if f > 0 { lo = t } else { hi = t }
            let density = studentDensity(t, df: df)
            var next = t + f / density
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 1e-15 * max(1, abs(t)) { t = next; break }
            t = next
        }
        return upper ? t : -t
    }

    /// P(T > t) for t ≥ 0: ½ I_{df/(df+t²)}(df/2, ½).
    static func studentUpperTail(_ t: Double, df: Double) -> Double {
        0.5 * regularizedIncompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
    }

    static func studentDensity(_ t: Double, df: Double) -> Double {
        let logC = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi)
        return exp(logC - (df + 1) / 2 * log1p(t * t / df))
    }

    /// I_x(a, b) by the continued fraction (modified Lentz), as in Numerical Recipes' `betai`.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
