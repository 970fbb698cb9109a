import Foundation

/// How one project's latent standard normal becomes its draw: x = F⁻¹(Φ(y)), the marginal of a
/// copula. Normal and lognormal marginals skip Φ (x = μ + σy, x = e^(μ+σy)); closed-form
/// quantiles use Φ or, above the median, its complement (so a Pareto's far tail stays finite);
/// PERT and Student's t, whose quantiles need an iterative inverse, read a cubic Hermite table
/// of F⁻¹(Φ(y)) on y ∈ [−9, 9] with step 1/128 (exact derivatives φ(y)/f(x); relative error
/// below 1e-9), and fall back to the exact quantile outside it.
struct Marginal: Sendable {
    enum Kind: Sendable {
        case normal(mean: Double, sd: Double)
        case lognormal(meanlog: Double, sdlog: Double)
        case closedForm(Distribution)
        case table(HermiteTable, Distribution)
    }

    let kind: Kind
    let distribution: Distribution

    init(_ d: Distribution) {
        distribution = d
        switch d {
        case .normal(let m, let s): kind = .normal(mean: m, sd: s)
        case .lognormal(let m, let s): kind = .lognormal(meanlog: m, sdlog: s)
        case .pert, .studentT: kind = .table(HermiteTable(d), d)
        default: kind = .closedForm(d)
        }
    }

    /// out[i] ← F⁻¹(Φ(y[i])).
    func fromNormal(_ y: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
        switch kind {
        case .normal(let m, let s):
            for i in 0..<count { out[i] = m + s * y[i] }
        case .lognormal(let m, let s):
            VectorMath.exp(affine: m, s, y, into: out, count: count)
        case .closedForm(let d):
            for i in 0..<count { out[i] = Marginal.quantile(d, normal: y[i]) }
        case .table(let t, let d):
            for i in 0..<count { out[i] = t.value(y[i]) ?? Marginal.quantile(d, normal: y[i]) }
        }
    }

    /// F⁻¹(Φ(y)), using the upper tail's complement above the median. For `empirical`, the
    /// inverse of the empirical CDF (its values, each with probability 1/n, as the bootstrap
    /// draws them), not the interpolated type-7 quantile.
    static func quantile(_ d: Distribution, normal y: Double) -> Double {
        if case .empirical(let v) = d {
            let u = NormalDistribution.fastStandardCDF(y)
            return v[min(v.count - 1, Int(u * Double(v.count)))]
        }
        if y <= 0 { return d.quantile(NormalDistribution.fastStandardCDF(y)) }
        return d.upperQuantile(NormalDistribution.fastStandardCDF(-y))
    }
}

/// A cubic Hermite table of g(y) = F⁻¹(Φ(y)) on [−9, 9].
struct HermiteTable: Sendable {
    static let lower = -9.0, upper = 9.0, step = 1.0 / 128
    let values: [Double]
    let slopes: [Double]

    init(_ d: Distribution) {
        let n = Int((HermiteTable.upper - HermiteTable.lower) / HermiteTable.step) + 1
        var values = [Double](repeating: 0, count: n)
        var slopes = [Double](repeating: 0, count: n)
        // Student's t is symmetric about its location and the nodes about 0: the upper half
        // mirrors the lower one (half the quantile evaluations, an exactly odd table).
        var centre: Double?
        if case .studentT(_, let location, _) = d { centre = location }
        for k in 0..<n {
            if let c = centre, k > (n - 1) / 2 {
                values[k] = 2 * c - values[n - 1 - k]
                slopes[k] = slopes[n - 1 - k]
                continue
            }
            let y = HermiteTable.lower + Double(k) * HermiteTable.step
            let x = Marginal.quantile(d, normal: y)
            values[k] = x
            // dg/dy = φ(y) / f(x), in logs to stay finite in the tails.
            let logPhi = -0.5 * y * y - 0.5 * log(2 * Double.pi)
            let slope = exp(logPhi - d.logPDF(x))
            slopes[k] = slope.isFinite ? slope : 0
        }
        self.values = values
        self.slopes = slopes
    }

    /// g(y), or nil outside the table.
    @inline(__always)
    func value(_ y: Double) -> Double? {
        HermiteTable.interpolate(values, slopes, at: (y - HermiteTable.lower) / HermiteTable.step, step: HermiteTable.step)
    }

    /// Cubic Hermite interpolation between nodes `step` apart with these values and
    /// derivatives, at `position` counted in nodes from the first; nil outside the nodes.
    @inline(__always)
    static func interpolate(_ values: [Double], _ slopes: [Double], at position: Double, step h: Double) -> Double? {
        guard position >= 0, position < Double(values.count - 1) else { return nil }
        let k = Int(position)
        let t = position - Double(k)
        let p0 = values[k], p1 = values[k + 1]
        let m0 = slopes[k] * h, m1 = slopes[k + 1] * h
        let t2 = t * t, t3 = t2 * t
        return (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * p1 + (t3 - t2) * m1
    }
}

extension Distribution {
    /// The quantile at 1 − s, computed from s so that the far upper tail keeps its precision.
    public func upperQuantile(_ s: Double) -> Double {
        guard s >= 0 && s <= 1 else { return .nan }
        switch self {
        case .normal(let m, let sd): return m - sd * NormalDistribution.standardQuantile(s)
        case .lognormal(let m, let sd): return exp(m - sd * NormalDistribution.standardQuantile(s))
        case .uniform(let a, let b): return b - (b - a) * s
        case .triangular(let a, let c, let b):
            if s <= (b - c) / (b - a) { return b - (s * (b - a) * (b - c)).squareRoot() }
            return quantile(1 - s)
        case .studentT(let df, let loc, let scale): return loc - scale * StudentTDistribution(degreesOfFreedom: df).quantile(s)
        case .pareto(let xm, let alpha): return s == 0 ? .infinity : xm * exp(-log(s) / alpha)
        case .generalizedPareto(let u, let sc, let xi):
            if s == 0 { return xi < 0 ? u - sc / xi : .infinity }
            let e = -log(s)
            return xi == 0 ? u + sc * e : u + sc * expm1(xi * e) / xi
        case .pert(let a, _, let b):
            let (alpha, beta) = pertShape
            // 1 − I⁻¹(β, α; s) by the Beta's symmetry.
            return b - (b - a) * SpecialFunctions.inverseRegularizedIncompleteBeta(beta, alpha, s)
        case .empirical: return quantile(1 - s)
        }
    }
}
