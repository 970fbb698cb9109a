import Foundation

/// Standard normal and exponential draws by the Marsaglia–Tsang ziggurat (2000), 256 layers.
///
/// One 64-bit draw picks the layer (bits 0–7), the sign (bit 8) and a 53-bit uniform (bits
/// 11–63), so the layer and the value are independent (the flaw Doornik (2005) found in the
/// 32-bit original cannot occur). About 99 % of normal draws cost one `next()`, one multiply and
/// one compare; the rest take the wedge or the tail (Marsaglia's tail method beyond r).
///
/// ```
/// var rng = Xoshiro256StarStar(seed: 1)
/// let z = Ziggurat.normal(using: &rng)       // N(0, 1)
/// let e = Ziggurat.exponential(using: &rng)  // Exp(1)
/// ```
public enum Ziggurat {
    /// The layer tables, computed once. `x[i]` are the layers' right edges (x[0] the base
    /// strip's pseudo-width V/f(r), x[1] = r, x[256] = 0), `f[i] = f(x[i])`, and
    /// `ratio[i] = x[i+1] / x[i]` the fraction of layer i fully under the curve.
    struct Tables: @unchecked Sendable {
        let x: UnsafeMutablePointer<Double>
        let f: UnsafeMutablePointer<Double>
        let ratio: UnsafeMutablePointer<Double>
        /// Interleaved for the fast path: (⌊ratio[i]·2⁵³⌋ as bits, x[i] · 2⁻⁵³), one cache line
        /// for both, the acceptance test done on integers.
        let fast: UnsafeMutablePointer<(UInt64, Double)>
        let r: Double

        init(r: Double, area v: Double, density: (Double) -> Double, inverse: (Double) -> Double) {
            x = .allocate(capacity: 257)
            f = .allocate(capacity: 257)
            ratio = .allocate(capacity: 256)
            self.r = r
            x[0] = v / density(r)
            x[1] = r
            for i in 1..<255 {
                x[i + 1] = inverse(v / x[i] + density(x[i]))
            }
            x[256] = 0
            for i in 0...256 { f[i] = density(x[i]) }
            f[256] = 1
            for i in 0..<256 { ratio[i] = x[i + 1] / x[i] }
            fast = .allocate(capacity: 256)
            for i in 0..<256 {
                // j · 2⁻⁵³ < ratio  ⇔  j < ratio · 2⁵³ (exact: both sides are integers or the
                // product is exact in binary), so the integer test accepts the same draws.
                fast[i] = (UInt64((ratio[i] * 0x1p53).rounded(.up)), x[i] * 0x1p-53)
            }
        }
    }

    static let normalTables = Tables(r: 3.6541528853610088, area: 0.00492867323399,
                                     density: { exp(-0.5 * $0 * $0) },
                                     inverse: { (-2 * log($0)).squareRoot() })
    static let exponentialTables = Tables(r: 7.69711747013104972, area: 0.0039496598225815571993,
                                          density: { exp(-$0) }, inverse: { -log($0) })

    /// A standard normal draw.
    @inline(__always)
    public static func normal<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        normal(using: &rng, tables: normalTables)
    }

    @inline(__always)
    static func normal<G: RandomNumberGenerator>(using rng: inout G, tables t: Tables) -> Double {
        // The rectangle inline (about 99 % of draws); the rest out of line.
        let bits = rng.next()
        let i = Int(bits & 0xFF)
        let u = Double(Int64(bits >> 11)) * 0x1p-53
        if u < t.ratio[i] { return (bits & 0x100 == 0 ? 1 : -1) * u * t.x[i] }
        return normal(startingWith: bits, using: &rng, tables: t)
    }

    /// A normal draw whose first 64 bits are `first`: the rectangle, and failing it the wedge
    /// or the tail (Marsaglia's tail method beyond r) with fresh draws.
    @inline(never)
    static func normal<G: RandomNumberGenerator>(startingWith first: UInt64, using rng: inout G, tables t: Tables) -> Double {
        var bits = first
        while true {
            let i = Int(bits & 0xFF)
            let sign: Double = bits & 0x100 == 0 ? 1 : -1
            let u = Double(Int64(bits >> 11)) * 0x1p-53
            if u < t.ratio[i] { return sign * u * t.x[i] }
            if i == 0 {
                // The tail beyond r (Marsaglia 1964).
                while true {
                    let a = -log(openUniform(&rng)) / t.r
                    let b = -log(openUniform(&rng))
                    if 2 * b > a * a { return sign * (t.r + a) }
                }
            }
            let x = u * t.x[i]
            let y = t.f[i] + (t.f[i + 1] - t.f[i]) * Double(Int64(rng.next() >> 11)) * 0x1p-53
            if y < exp(-0.5 * x * x) { return sign * x }
            bits = rng.next()
        }
    }

    /// Fills `out[0..<count]` with standard normal draws — the same values, in the same
    /// order, as `count` calls of `normal(using:)`, with the tables loaded once.
    @inline(never)
    package static func fillNormals(_ out: UnsafeMutablePointer<Double>, count: Int, using rng: inout Xoshiro256StarStar) {
        let t = normalTables
        let fast = t.fast
        // A local copy keeps the generator's state in registers.
        var g = rng
        defer { rng = g }
        for k in 0..<count {
            let bits = g.next()
            let i = Int(bits & 0xFF)
            let j = bits >> 11
            let (limit, width) = fast[i]
            if j < limit {
                // Bit 8 becomes the sign bit: no unpredictable branch.
                let v = Double(Int64(j)) * width
                out[k] = Double(bitPattern: v.bitPattern ^ ((bits & 0x100) << 55))
            } else {
                // The slow path takes and returns the state by value so that the fast path's
                // state can stay in registers (an inout would pin it to memory).
                let (value, next) = normalSlowPath(bits: bits, state: g, tables: t)
                out[k] = value
                g = next
            }
        }
    }

    /// The wedge and tail of `normal(using:)` after a first draw `bits` fell outside its
    /// layer's rectangle; continues the same sequence as `normal(using:)`.
    @inline(never)
    static func normalSlowPath(bits first: UInt64, state: Xoshiro256StarStar, tables t: Tables) -> (Double, Xoshiro256StarStar) {
        var rng = state
        let value = normal(startingWith: first, using: &rng, tables: t)
        return (value, rng)
    }

    /// A standard exponential draw (mean 1).
    public static func exponential<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        let t = exponentialTables
        var shift = 0.0
        while true {
            let bits = rng.next()
            let i = Int(bits & 0xFF)
            let u = Double(Int64(bits >> 11)) * 0x1p-53
            if u < t.ratio[i] { return shift + u * t.x[i] }
            if i == 0 {
                // Memoryless tail: r plus a fresh exponential.
                shift += t.r
                continue
            }
            let x = u * t.x[i]
            let y = t.f[i] + (t.f[i + 1] - t.f[i]) * Double(Int64(rng.next() >> 11)) * 0x1p-53
            if y < exp(-x) { return shift + x }
        }
    }

    /// A uniform in (0, 1), never 0.
    @inline(__always)
    static func openUniform<G: RandomNumberGenerator>(_ rng: inout G) -> Double {
        (Double(Int64(rng.next() >> 12)) + 0.5) * 0x1p-52
    }
}

// MARK: Draws built on the ziggurat's normals

extension Ziggurat {
    /// A Gamma(shape, 1) draw by Marsaglia & Tsang (2000), shape > 0; shape < 1 by boosting,
    /// G(a) = G(a + 1) · U^(1/a).
    ///
    /// `Ziggurat.gamma(2.5, using: &rng) // mean 2.5, variance 2.5`
    public static func gamma<G: RandomNumberGenerator>(_ shape: Double, using rng: inout G) -> Double {
        if shape < 1 {
            let u = openUniform(&rng)
            return gamma(shape + 1, using: &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal(using: &rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = openUniform(&rng)
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A Poisson(λ) count: by inversion of the CDF for λ ≤ 50 (one uniform), above that the
    /// normal approximation λ + √λ·Z rounded (its error is below 1 % of a standard deviation).
    public static func poisson<G: RandomNumberGenerator>(_ lambda: Double, using rng: inout G) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda > 50 { return max(0, Int((lambda + lambda.squareRoot() * normal(using: &rng)).rounded())) }
        var k = 0, p = exp(-lambda), cdf = p
        let u = openUniform(&rng)
        while u > cdf && k < 10_000 { k += 1; p *= lambda / Double(k); cdf += p }
        return k
    }
}
