import Foundation

/// The per-chunk sums behind `Contributions`, split by when they can be taken:
///
/// - `drawSums` (Σx, Σx², Σx·T per project) need the draws and the chunk's totals, both at hand
///   in the simulation pass itself, which takes them (`SimulationResult.drawSums`); the
///   contributions then never recompute the draws (the exponentials of the lognormal path).
/// - `latentSums` (Σu, Σu², Σu·R and the tornado bands' ΣT and counts) need the totals' ranks R
///   over all trials, known only after the run: the contributions' second pass regenerates
///   each chunk's copula latents from the chunk's stream and takes them.
///
/// Both run in two lanes (even and odd trials, added at the end, then the odd trial left
/// over), the order of summation of the single pass they replace, so the results are the same
/// to the bit.
extension Contributions {
    typealias Lanes = SIMD2<Double>

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>, _ t: Int) -> Lanes {
        UnsafeRawPointer(p + t).loadUnaligned(as: Lanes.self)
    }

    /// One project's Σx, Σx², Σx·T over a chunk into r[0..<3].
    @inline(__always)
    static func drawSums(x: UnsafePointer<Double>, totals: UnsafePointer<Double>, count m: Int,
                         into r: UnsafeMutablePointer<Double>) {
        var sx = Lanes(), sxx = Lanes(), sxt = Lanes()
        var t = 0
        while t + 2 <= m {
            let xv = load(x, t), total = load(totals, t)
            sx += xv
            sxx += xv * xv
            sxt += xv * total
            t += 2
        }
        var out = (sx[0] + sx[1], sxx[0] + sxx[1], sxt[0] + sxt[1])
        if t < m {
            let v = x[t]
            out.0 += v
            out.1 += v * v
            out.2 += v * totals[t]
        }
        (r[0], r[1], r[2]) = out
    }

    /// One project's seven latent sums over a chunk into r[0..<7]: Σu, Σu², Σu·R, then ΣT and
    /// the count over the trials whose u is in [0.05, 0.15], and over u in [0.85, 0.95]; u is
    /// the draw's copula uniform, `Scale.uniform` of its latent.
    @inline(__always)
    static func latentSums<Scale: LatentScale>(_ scale: Scale, latent y: UnsafePointer<Double>,
                                               totals: UnsafePointer<Double>, ranks: UnsafePointer<Double>,
                                               count m: Int, into r: UnsafeMutablePointer<Double>) {
        var su = Lanes(), suu = Lanes(), sur = Lanes()
        var lowSum = Lanes(), lowCount = Lanes(), highSum = Lanes(), highCount = Lanes()
        let zero = Lanes(), one = Lanes(repeating: 1)
        let b = scale.bands
        var t = 0
        while t + 2 <= m {
            let yv = load(y, t), total = load(totals, t), rank = load(ranks, t)
            let uv = scale.uniform(yv)
            su += uv
            suu += uv * uv
            sur += uv * rank
            let low = zero.replacing(with: one, where: (yv .>= b.lowFrom) .& (yv .<= b.lowTo))
            let high = zero.replacing(with: one, where: (yv .>= b.highFrom) .& (yv .<= b.highTo))
            lowSum += low * total
            lowCount += low
            highSum += high * total
            highCount += high
            t += 2
        }
        var out = [su, suu, sur, lowSum, lowCount, highSum, highCount].map { $0[0] + $0[1] }
        if t < m {
            let v = y[t], total = totals[t]
            let w = scale.uniform(Lanes(repeating: v))[0]
            let low: Double = v >= b.lowFrom && v <= b.lowTo ? 1 : 0
            let high: Double = v >= b.highFrom && v <= b.highTo ? 1 : 0
            let last = [w, w * w, w * ranks[t], low * total, low, high * total, high]
            for k in 0..<7 { out[k] += last[k] }
        }
        for k in 0..<7 { r[k] = out[k] }
    }
}

/// How a latent maps to its copula uniform, and the tornado's bands (u in [0.05, 0.15] and in
/// [0.85, 0.95]) as closed intervals of the latent.
protocol LatentScale {
    var bands: LatentBands { get }
    func uniform(_ y: Contributions.Lanes) -> Contributions.Lanes
}

struct LatentBands: Sendable {
    var lowFrom, lowTo, highFrom, highTo: Double
}

/// Latents that are the uniforms themselves (Iman–Conover's within-chunk ranks).
struct UniformLatent: LatentScale {
    let bands = LatentBands(lowFrom: 0.05, lowTo: 0.15, highFrom: 0.85, highTo: 0.95)

    @inline(__always)
    func uniform(_ y: Contributions.Lanes) -> Contributions.Lanes { y }
}

/// Standard normal latents (Gaussian and t copulas): u = Φ(y) from `NormalCDFTable`, and the
/// bands as the latents whose Φ by `fastStandardCDF` is in them, so a draw is in a band
/// exactly when the textbook Φ puts it there, and no Φ is needed to decide it.
struct NormalLatent: LatentScale {
    static let shared = NormalLatent()
    let table = NormalCDFTable.shared
    let bands: LatentBands

    private init() {
        func first(_ p: Double, _ inside: (Double) -> Bool) -> Double {
            NormalLatent.first(near: NormalDistribution.standardQuantile(p), where: inside)
        }
        let cdf = NormalDistribution.fastStandardCDF
        bands = LatentBands(lowFrom: first(0.05) { cdf($0) >= 0.05 }, lowTo: first(0.15) { cdf($0) > 0.15 }.nextDown,
                            highFrom: first(0.85) { cdf($0) >= 0.85 }, highTo: first(0.95) { cdf($0) > 0.95 }.nextDown)
    }

    /// The least double within 1e-6 of `guess` where `predicate` holds, for a predicate false
    /// below some point and true from it on (checked by a test near the band edges).
    static func first(near guess: Double, where predicate: (Double) -> Bool) -> Double {
        var below = guess - 1e-6, atOrAbove = guess + 1e-6
        while below.nextUp < atOrAbove {
            let mid = below + (atOrAbove - below) / 2
            if predicate(mid) { atOrAbove = mid } else { below = mid }
        }
        return atOrAbove
    }

    @inline(__always)
    func uniform(_ y: Contributions.Lanes) -> Contributions.Lanes { table.cdf(y) }
}
