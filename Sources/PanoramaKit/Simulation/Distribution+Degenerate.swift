import Foundation

extension Distribution {
    /// Refuses a maximum-likelihood fit that has no maximum: a parameter ran to a bound of the
    /// search, the likelihood grows without bound, or the scale collapsed. `simulate` then never
    /// sees such a distribution.
    ///
    /// - Student's t: with k ≥ 2 values tied at v, the likelihood at location v grows like
    ///   σ^(ν(n − k) − k) as the scale σ → 0, without bound once ν < k/(n − k): the search drifts
    ///   to df → 0 and σ → 0 (df = 0.007 and log L = 76,303 on data with many ties). Refused when
    ///   df falls below 0.05 or the scale below the data's spread × 1e-9.
    /// - Generalised Pareto: for shape ξ ≤ −1 the density at the upper endpoint is infinite
    ///   (Smith 1985), so the likelihood is unbounded as the endpoint reaches the largest value.
    /// - Every family: parameters and log-likelihood must be finite.
    /// - Throws: `KernelError`, one line: why, and what to try.
    static func refuseDegenerateFit(_ family: FitFamily, _ d: Distribution, logLikelihood: Double, data: [Double]) throws {
        let name = family.rawValue
        let f = NumberFormat(significantDigits: 3)
        for (parameter, value) in d.parameters where !value.isFinite {
            throw KernelError("fit: '\(name)' has no maximum-likelihood fit to these values ('\(parameter)' ran to \(f.string(value))); try 'empirical'")
        }
        guard logLikelihood.isFinite else {
            throw KernelError("fit: '\(name)' has no maximum-likelihood fit to these values (the log-likelihood is \(f.string(logLikelihood))); try 'empirical'")
        }
        switch d {
        case .studentT(let df, let location, let scale):
            let spread = (data.max() ?? 0) - (data.min() ?? 0)
            guard df < studentTDegreesOfFreedomFloor || scale < spread * 1e-9 else { return }
            let (value, count) = mostTied(data)
            let reached = "the search reached df = \(f.string(df)), scale = \(f.string(scale))"
            if count >= 2 {
                throw KernelError("fit: 'student_t' has no maximum-likelihood fit: \(count) of \(data.count) values are tied at "
                                  + "\(f.string(value)), and the likelihood grows without bound as df and scale shrink around them "
                                  + "(\(reached)); try 'empirical' or 'lognormal', or fit the values without the ties")
            }
            throw KernelError("fit: 'student_t' has no maximum-likelihood fit: the likelihood keeps growing as df and scale shrink "
                              + "around \(f.string(location)) (\(reached)); try 'empirical', or 'pareto'/'gpd' for a heavy tail")
        case .generalizedPareto(let u, let scale, let xi) where xi <= -1:
            throw KernelError("fit: 'gpd' has no maximum-likelihood fit: the shape reached \(f.string(xi)) ≤ −1, where the density "
                              + "is infinite at the upper endpoint (\(f.string(u - scale / xi)), the largest value) and the likelihood "
                              + "unbounded; try 'uniform' or 'triangular' for a bounded tail, or a lower threshold")
        default:
            return
        }
    }

    /// Below this the t's search has run off towards df → 0 (a t with df 0.05 has a 1e-8
    /// quantile beyond 1e150): no data fit by maximum likelihood sits there.
    static let studentTDegreesOfFreedomFloor = 0.05

    /// The value repeated most often and its count (ties broken by the smaller value).
    static func mostTied(_ x: [Double]) -> (value: Double, count: Int) {
        let sorted = x.sorted()
        var best = (value: sorted.first ?? .nan, count: sorted.isEmpty ? 0 : 1)
        var run = 1
        for i in sorted.indices.dropFirst() {
            run = sorted[i] == sorted[i - 1] ? run + 1 : 1
            if run > best.count { best = (sorted[i], run) }
        }
        return best
    }
}
