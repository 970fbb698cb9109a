import PanoramaKit

/// A distribution as a language value: `lognormal(0, 0.35)`, `fit("pareto", x)`.
///
/// Its kind is the family name (`lognormal`), its JSON `{"kind": "lognormal", "parameters":
/// {"meanlog": 0, "sdlog": 0.35}, "mean": …, "sd": …}`; `mean`, `sd`, `median` and
/// `quantile` work on it (QuantileValue); members are its parameters plus `mean`, `sd`.
public struct DistributionValue: QuantileValue {
    public var distribution: Distribution
    /// Set when the value came from `fit`: the sample size and log-likelihood.
    public var fit: (n: Int, logLikelihood: Double)?

    public init(_ distribution: Distribution, fit: (n: Int, logLikelihood: Double)? = nil) {
        self.distribution = distribution
        self.fit = fit
    }

    public var kind: String { distribution.name }
    public func quantile(_ p: Double) -> Double { distribution.quantile(p) }
    public var mean: Double { distribution.mean }
    public var standardDeviation: Double { distribution.standardDeviation }

    public func summary(_ options: RenderOptions) -> String {
        distribution.description(options.numbers)
    }

    public func render(_ options: RenderOptions) -> String {
        let f = options.numbers
        var lines = [distribution.description(f)]
        var moments = "mean \(f.string(distribution.mean)), sd \(f.string(distribution.standardDeviation))"
        if case .empirical = distribution {} else {
            moments += "; P5 \(f.string(quantile(0.05))), median \(f.string(quantile(0.5))), P95 \(f.string(quantile(0.95)))"
        }
        lines.append(moments)
        if let fit {
            lines.append("fitted by maximum likelihood to \(Prose.counted(fit.n, "value", numbers: f)), log-likelihood \(f.string(fit.logLikelihood))")
        }
        return lines.map { options.prose($0) }.joined(separator: "\n")
    }

    public func json(_ options: RenderOptions) -> JSON {
        var pairs: [(String, JSON)] = [("kind", .string(distribution.name))]
        if case .empirical(let v) = distribution {
            pairs.append(("parameters", .object([("values", .array(v.map { .finite($0) }))])))
        } else {
            pairs.append(("parameters", .object(distribution.parameters.map { ($0.name, .finite($0.value)) })))
        }
        pairs.append(("mean", .finite(distribution.mean)))
        pairs.append(("sd", .finite(distribution.standardDeviation)))
        if let fit {
            pairs.append(("n", .number(Double(fit.n))))
            pairs.append(("log_likelihood", .finite(fit.logLikelihood)))
        }
        return .object(pairs)
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "mean": return .number(distribution.mean)
        case "sd": return .number(distribution.standardDeviation)
        case "median": return .number(distribution.quantile(0.5))
        case "log_likelihood": return fit.map { .number($0.logLikelihood) }
        case "n": return fit.map { .number(Double($0.n)) }
        default:
            if case .empirical(let v) = distribution, name == "values" {
                return .vector(Column(name: "values", .number(v)))
            }
            return distribution.parameters.first { $0.name == name }.map { .number($0.value) }
        }
    }

    public var memberNames: [String] {
        var names = distribution.parameters.map(\.name) + ["mean", "sd", "median"]
        if case .empirical = distribution { names.append("values") }
        if fit != nil { names += ["n", "log_likelihood"] }
        return names
    }
}

/// One overrun distribution per group (`per_group(…)` or `fit(kind, x, by=g)`), used by
/// `simulate(…, overrun=, by=)`.
public struct DistributionSetValue: ObjectValue {
    public var labels: [String]
    public var distributions: [Distribution]

    public init(labels: [String], distributions: [Distribution]) {
        self.labels = labels
        self.distributions = distributions
    }

    public var kind: String { "distributions" }

    public func distribution(for label: String) -> Distribution? {
        labels.firstIndex(of: label).map { distributions[$0] }
    }

    public var tableView: Frame? {
        Frame(columns: [
            Column(name: "group", .text(Categorical(labels.map { Optional($0) }))),
            Column(name: "distribution", .text(Categorical(distributions.map { Optional($0.description()) }))),
            Column(name: "mean", .number(distributions.map(\.mean))),
            Column(name: "sd", .number(distributions.map(\.standardDeviation))),
        ])
    }

    public func summary(_ options: RenderOptions) -> String {
        "distributions for \(labels.count) group\(labels.count == 1 ? "" : "s"): " + labels.prefix(4).joined(separator: ", ")
            + (labels.count > 4 ? ", …" : "")
    }

    public func render(_ options: RenderOptions) -> String { renderTable(tableView!, options) }

    public func json(_ options: RenderOptions) -> JSON {
        .object([("kind", .string("distributions")),
                 ("groups", .array(zip(labels, distributions).map { label, d in
                     .object([("group", .string(label))] + { () -> [(String, JSON)] in
                         guard case .object(let pairs) = DistributionValue(d).json(options) else { return [] }
                         return pairs
                     }())
                 }))])
    }
}

/// The Hill estimate as a value: `tail_index(x)`.
public struct TailIndexValue: ObjectValue {
    public var estimate: TailIndex

    public var kind: String { "tail_index" }

    public func summary(_ options: RenderOptions) -> String {
        let f = options.numbers
        return "tail index \(f.string(estimate.alpha)) (s.e. \(f.string(estimate.standardError)), k = \(estimate.k) of \(estimate.n))"
    }

    public func render(_ options: RenderOptions) -> String {
        // The warnings go to stderr as notes when it is computed (not repeated here).
        let f = options.numbers
        return options.prose("Hill tail index α = \(f.string(estimate.alpha)), s.e. \(f.string(estimate.standardError))\n"
            + "from the \(estimate.k) largest of \(Prose.counted(estimate.n, "positive value")) (above \(f.string(estimate.threshold)))")
    }

    public func json(_ options: RenderOptions) -> JSON {
        .object([("kind", .string("tail_index")), ("alpha", .finite(estimate.alpha)),
                 ("std_error", .finite(estimate.standardError)), ("k", .number(Double(estimate.k))),
                 ("n", .number(Double(estimate.n))), ("threshold", .finite(estimate.threshold)),
                 ("warnings", .array(estimate.warnings.map { .string($0) }))])
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "alpha": .number(estimate.alpha)
        case "std_error", "se": .number(estimate.standardError)
        case "k": .number(Double(estimate.k))
        case "n": .number(Double(estimate.n))
        case "threshold": .number(estimate.threshold)
        default: nil
        }
    }

    public var memberNames: [String] { ["alpha", "std_error", "k", "n", "threshold"] }
}
