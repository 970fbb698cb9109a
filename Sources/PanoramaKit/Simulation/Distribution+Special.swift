import Foundation

extension Distribution {
    /// The special functions the distributions need, kept inside `Distribution` so they do not
    /// clash with other areas' helpers. Each is accurate to about 1e-14 relative unless noted.
    enum Special {
        /// log Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; Numerical Recipes 3rd
        /// ed. §6.1), with the reflection formula below 0.5.
        ///
        /// `logGamma(5) // 3.1780538303479458 (= log 24)`
        static func logGamma(_ x: Double) -> Double {
            if x < 0.5 {
                return log(Double.pi / abs(sin(Double.pi * x))) - logGamma(1 - x)
            }
            let g = 7.0
            let c: [Double] = [0.99999999999980993, 676.5203681218851, -1259.1392167224028,
                               771.32342877765313, -176.61502916214059, 12.507343278686905,
                               -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
            let z = x - 1
            var a = c[0]
            let t = z + g + 0.5
            for i in 1..<9 { a += c[i] / (z + Double(i)) }
            return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(a)
        }

        /// log B(a, b).
        static func logBeta(_ a: Double, _ b: Double) -> Double {
            logGamma(a) + logGamma(b) - logGamma(a + b)
        }

        /// Φ(x), the standard normal CDF, by `erfc` (accurate in both tails).
        static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

        /// 1 − Φ(x), accurate far in the upper tail.
        static func normalSurvival(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }

        /// Φ⁻¹(p) by Wichura's algorithm AS241 (PPND16), about 1e-16 relative.
        ///
        /// `normalQuantile(0.975) // 1.959963984540054`
        static func normalQuantile(_ p: Double) -> Double {
            if p.isNaN || p < 0 || p > 1 { return .nan }
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
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
            var r = q < 0 ? p : 1 - p
            r = (-log(r)).squareRoot()
            var x: Double
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

        /// The regularised incomplete beta function I_x(a, b), by its continued fraction
        /// (modified Lentz; Numerical Recipes §6.4) on the side where it converges fast.
        static func incompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
            if x.isNaN || a <= 0 || b <= 0 { return .nan }
            if x <= 0 { return 0 }
            if x >= 1 { return 1 }
            let front = exp(a * log(x) + b * log1p(-x) - logBeta(a, b))
            if x < (a + 1) / (a + b + 2) {
                return front * betaContinuedFraction(a, b, x) / a
            }
            return 1 - front * betaContinuedFraction(b, a, 1 - x) / b
        }

        static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
            let tiny = 1e-300
            let qab = a + b, qap = a + 1, qam = a - 1
            var c = 1.0
            var d = 1 - qab * x / qap
            if abs(d) < tiny { d = tiny }
            d = 1 / d
            var h = d
            for m in 1...10_000 {
                let m = Double(m), m2 = 2 * m
                var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
                d = 1 + aa * d
                if abs(d) < tiny { d = tiny }
                c = 1 + aa / c
                if abs(c) < tiny { c = tiny }
                d = 1 / d
                h *= d * c
                aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
                d = 1 + aa * d
                if abs(d) < tiny { d = tiny }
                c = 1 + aa / c
                if abs(c) < tiny { c = tiny }
                d = 1 / d
                let delta = d * c
                h *= delta
                if abs(delta - 1) < 1e-16 { break }
            }
            return h
        }

        /// The x with I_x(a, b) = p: Newton–Halley steps from Numerical Recipes' starting
        /// guess, safeguarded by bisection so it always converges.
        static func inverseIncompleteBeta(_ a: Double, _ b: Double, _ p: Double) -> Double {
            if p.isNaN || p < 0 || p > 1 { return .nan }
            if p == 0 { return 0 }
            if p == 1 { return 1 }
            // Starting guess (NR §6.4, invbetai).
            var x: Double
            if a >= 1 && b >= 1 {
                let pp = p < 0.5 ? p : 1 - p
                let t = (-2 * log(pp)).squareRoot()
                var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
                if p < 0.5 { z = -z }
                let al = (z * z - 3) / 6
                let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
                let w = z * (al + h).squareRoot() / h
                    - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
                x = a / (a + b * exp(2 * w))
            } else {
                let lna = log(a / (a + b)), lnb = log(b / (a + b))
                let t = exp(a * lna) / a, u = exp(b * lnb) / b
                let w = t + u
                x = p < t / w ? pow(a * w * p, 1 / a) : 1 - pow(b * w * (1 - p), 1 / b)
            }
            if !(x > 0 && x < 1) { x = 0.5 }
            var lo = 0.0, hi = 1.0
            let logB = logBeta(a, b)
            for _ in 0..<200 {
                let f = incompleteBeta(a, b, x) - p
                if f < 0 { lo = x } else { hi = x }
                if f == 0 { return x }
                let density = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - logB)
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

        /// The CDF of Student's t with ν degrees of freedom.
        static func studentTCDF(_ t: Double, _ df: Double) -> Double {
            if t.isNaN { return .nan }
            if t.isInfinite { return t > 0 ? 1 : 0 }
            let x = df / (df + t * t)
            let tail = 0.5 * incompleteBeta(df / 2, 0.5, x)
            return t > 0 ? 1 - tail : tail
        }

        /// The quantile of Student's t with ν degrees of freedom (closed forms for ν = 1, 2).
        static func studentTQuantile(_ p: Double, _ df: Double) -> Double {
            if p.isNaN || p < 0 || p > 1 { return .nan }
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            if p == 0.5 { return 0 }
            if df == 1 { return tan(Double.pi * (p - 0.5)) }
            if df == 2 { return (2 * p - 1) * (2 / (4 * p * (1 - p))).squareRoot() }
            let tail = p < 0.5 ? p : 1 - p
            let x = inverseIncompleteBeta(df / 2, 0.5, 2 * tail)
            let t = (df * (1 - x) / x).squareRoot()
            return p < 0.5 ? -t : t
        }

        /// A Gamma(shape, 1) draw by Marsaglia & Tsang (2000); shape < 1 by boosting,
        /// G(a) = G(a + 1) · U^(1/a).
        static func gamma<G: RandomNumberGenerator>(_ shape: Double, using rng: inout G) -> Double {
            if shape < 1 {
                let u = Ziggurat.openUniform(&rng)
                return gamma(shape + 1, using: &rng) * pow(u, 1 / shape)
            }
            let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
            while true {
                var x: Double, v: Double
                repeat {
                    x = Ziggurat.normal(using: &rng)
                    v = 1 + c * x
                } while v <= 0
                v = v * v * v
                let u = Ziggurat.openUniform(&rng)
                if u < 1 - 0.0331 * x * x * x * x { return d * v }
                if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
            }
        }
    }
}
