import Foundation

/// The error distribution of a generalized linear model: its variance function, deviance and
/// log-likelihood (R's `binomial()` and `poisson()`; dispersion fixed at 1).
public enum GLMFamily: String, Sendable, CaseIterable {
    case binomial, poisson

    /// The links this family accepts, the canonical one first.
    public var links: [GLMLink] {
        switch self {
        case .binomial: [.logit, .probit, .cloglog]
        case .poisson: [.log, .identity, .sqrt]
        }
    }

    /// V(μ): μ(1 − μ) or μ.
    public func variance(_ mu: Double) -> Double {
        switch self {
        case .binomial: mu * (1 - mu)
        case .poisson: mu
        }
    }

    /// R's starting values: (w y + ½)/(w + 1) for binomial, y + 0.1 for Poisson.
    func start(_ y: Double, weight w: Double) -> Double {
        switch self {
        case .binomial: (w * y + 0.5) / (w + 1)
        case .poisson: y + 0.1
        }
    }

    /// Whether μ is inside the family's range.
    func validMean(_ mu: Double) -> Bool {
        switch self {
        case .binomial: mu > 0 && mu < 1
        case .poisson: mu > 0 && mu.isFinite
        }
    }

    /// The unit deviance times the prior weight: 2w[y log(y/μ) + (1−y) log((1−y)/(1−μ))] or
    /// 2w[y log(y/μ) − (y − μ)], with 0 log 0 = 0.
    public func deviance(_ y: Double, _ mu: Double, weight w: Double) -> Double {
        func ylog(_ a: Double, _ b: Double) -> Double { a == 0 ? 0 : a * Foundation.log(a / b) }
        switch self {
        case .binomial: return 2 * w * (ylog(y, mu) + ylog(1 - y, 1 - mu))
        case .poisson: return 2 * w * (ylog(y, mu) - (y - mu))
        }
    }

    /// The log-likelihood of one row: log dbinom(round(w y), round(w), μ) (w the trials) or
    /// w · log dpois(y, μ), as R's `aic` functions count it.
    public func logLikelihood(_ y: Double, _ mu: Double, weight w: Double) -> Double {
        switch self {
        case .binomial:
            let m = w.rounded(), k = (w * y).rounded()
            let choose = m == 1 ? 0 : lgamma(m + 1) - lgamma(k + 1) - lgamma(m - k + 1)
            let success = k == 0 ? 0 : k * Foundation.log(mu)
            let failure = m - k == 0 ? 0 : (m - k) * Foundation.log1p(-mu)
            return choose + success + failure
        case .poisson:
            let term = y == 0 ? 0 : y * Foundation.log(mu)
            return w * (term - mu - lgamma(y + 1))
        }
    }
}

/// The link g(μ) = η of a generalized linear model.
public enum GLMLink: String, Sendable, CaseIterable {
    case logit, probit, cloglog, log, identity, sqrt

    // R's thresholds keep a binomial mean strictly inside (0, 1).
    static let epsilon = Double.ulpOfOne

    public func link(_ mu: Double) -> Double {
        switch self {
        case .logit: Foundation.log(mu / (1 - mu))
        case .probit: NormalDistribution.standardQuantile(mu)
        case .cloglog: Foundation.log(-Foundation.log1p(-mu))
        case .log: Foundation.log(mu)
        case .identity: mu
        case .sqrt: mu.squareRoot()
        }
    }

    /// g⁻¹(η), clamped as R's `make.link` does for the binomial links.
    public func inverse(_ eta: Double) -> Double {
        let e = GLMLink.epsilon
        switch self {
        case .logit:
            if eta < -30 { return e }
            if eta > 30 { return 1 - e }
            return 1 / (1 + Foundation.exp(-eta))
        case .probit:
            let t = -NormalDistribution.standardQuantile(e)
            return NormalDistribution.standardCDF(min(max(eta, -t), t))
        case .cloglog:
            return max(min(-Foundation.expm1(-Foundation.exp(eta)), 1 - e), e)
        case .log: return max(Foundation.exp(eta), Double.leastNormalMagnitude)
        case .identity: return eta
        case .sqrt: return eta * eta
        }
    }

    /// dμ/dη, bounded away from 0 for the binomial links as in R.
    public func derivative(_ eta: Double) -> Double {
        let e = GLMLink.epsilon
        switch self {
        case .logit:
            let a = Foundation.exp(-abs(eta))
            return max(a / ((1 + a) * (1 + a)), e)
        case .probit: return max(NormalDistribution().density(eta), e)
        case .cloglog:
            let t = min(eta, 700)
            return max(Foundation.exp(t) * Foundation.exp(-Foundation.exp(t)), e)
        case .log: return max(Foundation.exp(eta), Double.leastNormalMagnitude)
        case .identity: return 1
        case .sqrt: return 2 * eta
        }
    }

    /// Whether η is admissible (R's `valideta`): √μ needs η > 0.
    func validLinear(_ eta: Double) -> Bool {
        self == .sqrt ? eta > 0 && eta.isFinite : eta.isFinite
    }
}
