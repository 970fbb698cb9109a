import Foundation

/// Φ(y) for the loops that run once per draw (the contributions' rank proxies: 50 M calls for
/// 50 projects × 10⁶ trials, where `erfc` took a third of the pass), about five times faster
/// than `NormalDistribution.fastStandardCDF`, and half as fast again two at a time.
///
/// A Taylor table: nodes yₖ = −8.5 + k/32 on [−8.5, 8.5], and for y the nearest node (|d| ≤ 1/64)
/// Φ(yₖ + d) = Σₘ cₘ dᵐ, m = 0…7, with c₀ = Φ(yₖ) (`fastStandardCDF` itself, so the table is
/// exact at its nodes) and cₘ = (−1)ᵐ⁻¹ Heₘ₋₁(yₖ) φ(yₖ) / m! (Φ's m-th derivative over m!, Heₙ the
/// probabilists' Hermite polynomials). The truncation is below d⁸/8! · max|He₇ φ| < 1e-18; the
/// terms after c₀ are relative to φ(yₖ) ≈ |yₖ| Φ(yₖ) in the lower tail, so the relative
/// precision holds there too. Outside the table (|y| > 8.5, Φ < 1e-17 or > 1 − 1e-17) and for
/// NaN, `fastStandardCDF`. Agreement with it: within 3.4e-16 absolute and 2e-12 relative
/// everywhere (the bound is reached only in the far lower tail), pinned by a test.
struct NormalCDFTable: @unchecked Sendable {
    static let limit = 8.5, perUnit = 32.0, degree = 7
    static let shared = NormalCDFTable()

    /// 8 coefficients per node, node k at 8k.
    let coefficients: UnsafeMutablePointer<Double>
    let last: Double
    let lastIndex: Int

    private init() {
        let nodes = Int(2 * NormalCDFTable.limit * NormalCDFTable.perUnit) + 1
        last = Double(nodes - 1)
        lastIndex = nodes - 1
        coefficients = .allocate(capacity: nodes * 8)
        for k in 0..<nodes {
            let y = -NormalCDFTable.limit + Double(k) / NormalCDFTable.perUnit
            let density = exp(-0.5 * y * y) / (2 * Double.pi).squareRoot()
            // He₀ … He₆ by He₍ₙ₊₁₎ = y Heₙ − n Heₙ₋₁.
            var hermite = [1.0, y]
            for n in 1..<(NormalCDFTable.degree - 1) { hermite.append(y * hermite[n] - Double(n) * hermite[n - 1]) }
            let c = coefficients + 8 * k
            c[0] = NormalDistribution.fastStandardCDF(y)
            var factorial = 1.0
            for m in 1...NormalCDFTable.degree {
                factorial *= Double(m)
                c[m] = (m % 2 == 1 ? 1 : -1) * hermite[m - 1] * density / factorial
            }
        }
    }

    /// Φ(y).
    @inline(__always)
    func cdf(_ y: Double) -> Double { cdf(SIMD2(repeating: y))[0] }

    /// Φ of two values at once: the nearest node by adding 1.5 · 2⁵² (round to nearest, no
    /// conversion trap), the two nodes' coefficients paired lane by lane, the polynomial in both
    /// lanes. A lane outside the table (or NaN) is redone by `fastStandardCDF`: a branch that
    /// normal draws never take (|y| > 8.5 has probability 2e-17), the index clamped meanwhile.
    @inline(__always)
    func cdf(_ y: SIMD2<Double>) -> SIMD2<Double> {
        typealias V = SIMD2<Double>
        let s = (y + NormalCDFTable.limit) * NormalCDFTable.perUnit
        let shifter = 0x1.8p52
        let rounded = s + shifter
        let a = coefficients + 8 * min(Int(truncatingIfNeeded: rounded[0].bitPattern & 0xFFFF), lastIndex)
        let b = coefficients + 8 * min(Int(truncatingIfNeeded: rounded[1].bitPattern & 0xFFFF), lastIndex)
        let d = y - (V(repeating: -NormalCDFTable.limit) + (rounded - shifter) * (1 / NormalCDFTable.perUnit))
        let d2 = d * d, d4 = d2 * d2
        let p01 = V(a[0], b[0]) + V(a[1], b[1]) * d
        let p23 = V(a[2], b[2]) + V(a[3], b[3]) * d
        let p45 = V(a[4], b[4]) + V(a[5], b[5]) * d
        let p67 = V(a[6], b[6]) + V(a[7], b[7]) * d
        var p = (p01 + d2 * p23) + d4 * (p45 + d2 * p67)
        let inside = (s .>= 0) .& (s .<= last)
        if !all(inside) {
            for lane in 0..<2 where !inside[lane] { p[lane] = NormalDistribution.fastStandardCDF(y[lane]) }
        }
        return p
    }
}
