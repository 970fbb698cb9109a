import Foundation
import LinearAlgebra

/// How projects' overrun factors depend on each other.
public enum Copula: Sendable, Equatable {
    /// Latent normals with this correlation; `Correlation.none` is independence.
    case gaussian(Correlation)
    /// Latent multivariate t (ν degrees of freedom) with this correlation: joint extremes are
    /// likelier than under the Gaussian copula, even with ρ = 0.
    case studentT(Correlation, df: Double)
    /// Iman–Conover (1982): independent draws reordered so that their Spearman rank
    /// correlation hits this target, chunk by chunk (any marginal, no latent model).
    case imanConover(Correlation)

    public var name: String {
        switch self {
        case .gaussian: "gaussian"
        case .studentT: "t"
        case .imanConover: "iman-conover"
        }
    }

    public var correlation: Correlation {
        switch self {
        case .gaussian(let c), .studentT(let c, _), .imanConover(let c): c
        }
    }

    /// The same copula with another correlation (for sensitivity sweeps).
    public func with(_ correlation: Correlation) -> Copula {
        switch self {
        case .gaussian: .gaussian(correlation)
        case .studentT(_, let df): .studentT(correlation, df: df)
        case .imanConover: .imanConover(correlation)
        }
    }
}

/// A portfolio to simulate: each project's cost is its base cost times an overrun factor drawn
/// from its distribution; the factors are joined by a copula. Optional groups (`by=`) give
/// per-group contributions.
public struct PortfolioModel: Sendable {
    public var names: [String]
    public var costs: [Double]
    /// One overrun distribution per project.
    public var overruns: [Distribution]
    public var copula: Copula
    /// Group labels and each project's group index (empty when there are no groups).
    public var groupLabels: [String]
    public var groupOfProject: [Int]

    public init(names: [String], costs: [Double], overruns: [Distribution], copula: Copula = .gaussian(.none),
                groupLabels: [String] = [], groupOfProject: [Int] = []) {
        self.names = names
        self.costs = costs
        self.overruns = overruns
        self.copula = copula
        self.groupLabels = groupLabels
        self.groupOfProject = groupOfProject
    }

    public var projectCount: Int { costs.count }

    /// The point estimate: the sum of base costs.
    public var pointEstimate: Double { costs.reduce(0, +) }

    /// Checks sizes and values; throws a user-facing message.
    func validate() throws {
        let n = costs.count
        guard n > 0 else { throw KernelError("there are no projects to simulate") }
        guard names.count == n, overruns.count == n else {
            throw KernelError("internal: \(names.count) names and \(overruns.count) overrun distributions for \(n) projects")
        }
        if let i = costs.firstIndex(where: { !$0.isFinite }) {
            throw KernelError("the base cost of '\(names[i])' is \(NumberFormat().string(costs[i])); costs must be finite")
        }
        if !groupLabels.isEmpty {
            guard groupOfProject.count == n, groupOfProject.allSatisfy({ $0 >= 0 && $0 < groupLabels.count }) else {
                throw KernelError("internal: bad group indices")
            }
        }
        switch copula.correlation {
        case .common(let rho): _ = try Correlation.validated(common: rho, projects: n)
        case .matrix(let m): _ = try Correlation.validated(m, projects: n)
        }
        if case .studentT(_, let df) = copula, !(df > 0 && df.isFinite) {
            throw KernelError("the t copula's 'df' must be a positive number, not \(NumberFormat().string(df))")
        }
    }
}

/// How to run a simulation: trials, seed, threads, cancellation and progress.
public struct SimulationSettings: Sendable {
    public var trials: Int
    public var seed: UInt64
    /// Worker threads; the result does not depend on it.
    public var threads: Int
    /// Polled before each chunk; when it returns true the run stops and throws `Cancelled`.
    public var isCancelled: @Sendable () -> Bool
    /// Called from worker threads with the fraction of chunks done (0…1).
    public var progress: (@Sendable (Double) -> Void)?

    public init(trials: Int, seed: UInt64, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                isCancelled: @escaping @Sendable () -> Bool = { false },
                progress: (@Sendable (Double) -> Void)? = nil) {
        self.trials = trials
        self.seed = seed
        self.threads = max(1, threads)
        self.isCancelled = isCancelled
        self.progress = progress
    }
}
