import Foundation

/// Element-wise maths over buffers, written so the compiler vectorises the loops.
///
/// eˣ: range reduction x = k·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite, two-part ln 2), eʳ by
/// its Taylor polynomial to degree 13 (truncation < 2e-16) evaluated by Estrin's scheme, and 2ᵏ
/// built in the exponent bits: no table and no branch, so each step maps to SIMD
/// instructions; within 2 ulp of `Foundation.exp` on [−708, 709]. A loop that meets an
/// argument outside that range (or NaN) redoes its buffer with `Foundation.exp`.
enum VectorMath {
    /// eᵛ for v in [−708, 709]; garbage outside (callers check the range).
    @inline(__always)
    static func expInRange(_ v: Double) -> Double {
        let log2e = 1.4426950408889634
        let ln2Hi = 6.93147180369123816490e-01
        let ln2Lo = 1.90821492927058770002e-10
        let shifter = 0x1.8p52
        let kd = v * log2e + shifter
        let kBits = kd.bitPattern &- shifter.bitPattern
        let k = kd - shifter
        let r = (v - k * ln2Hi) - k * ln2Lo
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let c01 = 1 + r
        let c23 = 0.5 + r * (1.0 / 6)
        let c45 = 1.0 / 24 + r * (1.0 / 120)
        let c67 = 1.0 / 720 + r * (1.0 / 5040)
        let c89 = 1.0 / 40320 + r * (1.0 / 362880)
        let c1011 = 1.0 / 3628800 + r * (1.0 / 39916800)
        let c1213 = 1.0 / 479001600 + r * (1.0 / 6227020800)
        let low = (c01 + r2 * c23) + r4 * (c45 + r2 * c67)
        let high = (c89 + r2 * c1011) + r4 * c1213
        return (low + r8 * high) * Double(bitPattern: (kBits &+ 1023) << 52)
    }

    /// out[i] ← e^(a + b·y[i]).
    static func exp(affine a: Double, _ b: Double, _ y: UnsafePointer<Double>,
                    into out: UnsafeMutablePointer<Double>, count: Int) {
        var outside: UInt64 = 0
        for i in 0..<count {
            let v = a + b * y[i]
            outside |= (v > -708 && v < 709) ? 0 : 1
            out[i] = expInRange(v)
        }
        if outside != 0 {
            for i in 0..<count { out[i] = Foundation.exp(a + b * y[i]) }
        }
    }

    /// out[i] ← e^(α + β·c[i] + γ·z[i]) and totals[i] += out[i]: one lognormal project of a
    /// one-factor Gaussian copula, its base cost folded into α, in a single pass.
    static func expAccumulate(_ alpha: Double, _ beta: Double, _ c: UnsafePointer<Double>,
                              _ gamma: Double, _ z: UnsafePointer<Double>,
                              into out: UnsafeMutablePointer<Double>, totals: UnsafeMutablePointer<Double>, count: Int) {
        var outside: UInt64 = 0
        for i in 0..<count {
            let v = alpha + beta * c[i] + gamma * z[i]
            outside |= (v > -708 && v < 709) ? 0 : 1
            out[i] = expInRange(v)
        }
        if outside != 0 {
            for i in 0..<count { out[i] = Foundation.exp(alpha + beta * c[i] + gamma * z[i]) }
        }
        for i in 0..<count { totals[i] += out[i] }
    }
}
