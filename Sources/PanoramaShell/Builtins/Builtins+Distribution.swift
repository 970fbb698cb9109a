import Foundation
import PanoramaKit

extension BuiltinRegistry {
    /// The distribution builtins: constructors, `fit`, `cdf`, `draw`, `tail_index`, `per_group`.
    /// `quantile(d, p)`, `mean(d)`, `sd(d)` and `median(d)` work through `QuantileValue`.
    static let distributionBuiltins: [Builtin] = [
        Builtin("normal", .distributions, summary: "the normal distribution",
                parameters: [Parameter("mean", "the mean (default 0)", default: "0"), Parameter("sd", "the standard deviation (default 1)", default: "1")],
                example: "normal(1, 0.2)") { ctx in
            try distribution(.normal(mean: try ctx.requiredNumber("mean"), sd: try ctx.requiredNumber("sd")))
        },
        Builtin("uniform", .distributions, summary: "the uniform distribution on [min, max]",
                parameters: [Parameter("min", "lower bound (default 0)", default: "0"), Parameter("max", "upper bound (default 1)", default: "1")],
                example: "uniform(0.9, 1.5)") { ctx in
            try distribution(.uniform(min: try ctx.requiredNumber("min"), max: try ctx.requiredNumber("max")))
        },
        Builtin("triangular", .distributions, summary: "the triangular distribution",
                parameters: [.required("min", "the lowest possible value"), .required("mode", "the most likely value"),
                             .required("max", "the highest possible value")],
                example: "triangular(0.9, 1, 1.6)") { ctx in
            try distribution(.triangular(min: try ctx.requiredNumber("min"), mode: try ctx.requiredNumber("mode"), max: try ctx.requiredNumber("max")))
        },
        Builtin("pert", .distributions, summary: "the Beta-PERT distribution (λ = 4): mean (min + 4 mode + max) / 6",
                parameters: [.required("min", "the lowest possible value"), .required("mode", "the most likely value"),
                             .required("max", "the highest possible value")],
                example: "pert(0.9, 1, 1.6)") { ctx in
            try distribution(.pert(min: try ctx.requiredNumber("min"), mode: try ctx.requiredNumber("mode"), max: try ctx.requiredNumber("max")))
        },
        Builtin("lognormal", .distributions,
                summary: "the lognormal distribution, by its log's mean and sd, by its median and P90, or by its mean and sd",
                parameters: [Parameter("meanlog", "mean of log(x)"), Parameter("sdlog", "sd of log(x)"),
                             .keyword("median", "the median (with p90=)"), .keyword("p90", "the 90th percentile (with median=)"),
                             .keyword("mean", "the mean of x (with sd=)"), .keyword("sd", "the sd of x (with mean=)")],
                example: "lognormal(0, 0.35)\nlognormal(median=1.1, p90=1.8)") { ctx in
            let byLog = ctx.has("meanlog") || ctx.has("sdlog")
            let byQuantiles = ctx.has("median") || ctx.has("p90")
            let byMoments = ctx.has("mean") || ctx.has("sd")
            guard [byLog, byQuantiles, byMoments].filter({ $0 }).count == 1 else {
                throw ctx.fail("give meanlog and sdlog, or median= and p90=, or mean= and sd=")
            }
            func both(_ a: String, _ b: String) throws -> (Double, Double) {
                guard let x = try ctx.number(a), let y = try ctx.number(b) else {
                    throw ctx.fail("'\(a)' and '\(b)' go together; give both")
                }
                return (x, y)
            }
            do {
                if byLog {
                    let (m, s) = try both("meanlog", "sdlog")
                    return try distribution(.lognormal(meanlog: m, sdlog: s))
                }
                if byQuantiles {
                    let (m, p) = try both("median", "p90")
                    return .object(DistributionValue(try Distribution.lognormal(median: m, p90: p)))
                }
                let (m, s) = try both("mean", "sd")
                return .object(DistributionValue(try Distribution.lognormal(mean: m, sd: s)))
            }
        },
        Builtin("student_t", .distributions, summary: "Student's t distribution, shifted and scaled",
                parameters: [.required("df", "degrees of freedom"), Parameter("location", "default 0", default: "0"), Parameter("scale", "default 1", default: "1")],
                example: "student_t(3, 1.1, 0.2)") { ctx in
            try distribution(.studentT(df: try ctx.requiredNumber("df"), location: try ctx.requiredNumber("location"),
                                       scale: try ctx.requiredNumber("scale")))
        },
        Builtin("pareto", .distributions, summary: "the Pareto distribution: P(X > x) = (scale / x)^shape for x ≥ scale",
                parameters: [.required("scale", "the minimum value"), .required("shape", "the tail index α")],
                example: "pareto(1, 1.5)") { ctx in
            try distribution(.pareto(scale: try ctx.requiredNumber("scale"), shape: try ctx.requiredNumber("shape")))
        },
        Builtin("gpd", .distributions, summary: "the generalised Pareto distribution of values above a threshold (tail index 1/shape)",
                parameters: [.required("threshold", "the value the excesses are measured from (the lowest possible value)"),
                             .required("scale", "σ > 0: the spread of the excesses over the threshold"),
                             .required("shape", "ξ; > 0 is a power-law tail")],
                example: "gpd(1, 0.4, 0.5)") { ctx in
            try distribution(.generalizedPareto(threshold: try ctx.requiredNumber("threshold"), scale: try ctx.requiredNumber("scale"),
                                                shape: try ctx.requiredNumber("shape")))
        },
        Builtin("empirical", .distributions, summary: "the bootstrap distribution of observed values (each drawn with probability 1/n)",
                parameters: [.required("x", "observed values; na skipped")],
                example: "empirical([1.02, 1.1, 1.35, 0.97, 2.4])") { ctx in
            let x = try present(ctx, "x", builtin: "empirical")
            return .object(DistributionValue(try Distribution.empirical(x)))
        },
        Builtin("fit", .distributions, summary: "fit a distribution by maximum likelihood (normal, lognormal, uniform, triangular, pert, student_t, pareto, gpd)",
                parameters: [Parameter("kind", "\"normal\", \"lognormal\", \"uniform\", \"triangular\", \"pert\", \"student_t\", \"pareto\" or \"gpd\"",
                                       required: true, values: FitFamily.allCases.map(\.rawValue)),
                             .required("x", "the values; na skipped"),
                             .keyword("threshold", "for \"gpd\": fit the values above it"),
                             .keyword("by", "groups, one fit per group (for simulate's overrun=): a column of x's frame by name, or a vector as long as x")],
                example: "fit(\"lognormal\", [1.02, 1.1, 1.35, 0.97, 2.4, 1.2])", quoted: ["by"]) { ctx in
            let kind = try ctx.requiredString("kind")
            guard let family = FitFamily(rawValue: kind) else {
                let names = FitFamily.allCases.map(\.rawValue)
                let hint = suggestion(for: kind, among: names).map { ". Did you mean '\($0)'?" } ?? ""
                throw ctx.fail("cannot fit '\(kind)'; fit knows \(names.joined(separator: ", "))\(hint)")
            }
            let threshold = try ctx.number("threshold")
            let x = try ctx.requiredNumbers("x")
            if let by = try ctx.groupingColumn(of: "x") {
                guard by.count == x.count else {
                    throw ctx.fail("'by' has \(by.count) values but 'x' has \(x.count)")
                }
                let (labels, index) = groupLabels(by)
                var distributions: [Distribution] = []
                var fitted: [String] = []
                for (g, label) in labels.enumerated() {
                    let values = x.indices.filter { index[$0] == g && !x[$0].isNaN }.map { x[$0] }
                    // A group with no values (all na) has nothing to fit: skip it, named.
                    if values.isEmpty {
                        ctx.note("fit skipped group '\(label)': all its values are na")
                        continue
                    }
                    fitted.append(label)
                    do {
                        let f = try Distribution.fit(family, values, threshold: threshold)
                        for w in f.warnings { ctx.note("\(label): \(w)") }
                        distributions.append(f.distribution)
                    } catch let e as KernelError {
                        throw ctx.failure("group '\(label)': \(e.message)", argument: "x")
                    }
                }
                guard !distributions.isEmpty else { throw ctx.failure("every group's values are na", argument: "x") }
                return .object(DistributionSetValue(labels: fitted, distributions: distributions))
            }
            let values = try present(ctx, "x", builtin: "fit")
            let f = try Distribution.fit(family, values, threshold: threshold)
            for w in f.warnings { ctx.note(w) }
            return .object(DistributionValue(f.distribution, fit: (f.n, f.logLikelihood)))
        },
        Builtin("cdf", .distributions, summary: "P(X ≤ x) for a distribution (or the share of a simulation's totals ≤ x)",
                parameters: [.required("d", "a distribution or simulation"), .required("x", "values")],
                example: "cdf(normal(0, 1), [-1.96, 0, 1.96])") { ctx in
            let xs = try ctx.requiredNumbers("x")
            let f: (Double) -> Double
            if let d = try? ctx.object("d", as: DistributionValue.self, kind: "distribution") {
                f = { d.distribution.cdf($0) }
            } else if let s = try? ctx.object("d", as: SimulationValue.self, kind: "simulation") {
                let sorted = s.result.sortedTotals
                f = { x in
                    var lo = 0, hi = sorted.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if sorted[mid] <= x { lo = mid + 1 } else { hi = mid }
                    }
                    return Double(lo) / Double(sorted.count)
                }
            } else {
                throw ctx.fail("'d' must be a distribution or a simulation, not a \(try ctx.required("d").kindName)")
            }
            let out = xs.map { $0.isNaN ? .nan : f($0) }
            if case .vector? = ctx["x"] { return .vector(Column(name: "cdf", .number(out))) }
            return out[0].isNaN ? .na : .number(out[0])
        },
        Builtin("draw", .distributions, summary: "n random draws from a distribution",
                parameters: [.required("d", "a distribution"), .required("n", "how many"),
                             .keyword("seed", "for a reproducible draw (default: .seed, else random)")],
                example: "draw(pert(0.9, 1, 1.6), 5, seed=1)") { ctx in
            let d = try ctx.requiredObject("d", as: DistributionValue.self, kind: "distribution")
            let n = try ctx.requiredInt("n", in: 0...100_000_000)
            var rng = Xoshiro256StarStar(seed: try seed(ctx))
            // In blocks, polling Ctrl-C between them (10^8 draws take seconds); same stream.
            var draws: [Double] = []
            draws.reserveCapacity(n)
            while draws.count < n {
                if ctx.cancellation() { throw PanoramaError.interrupted }
                draws += d.distribution.sample(min(1 << 16, n - draws.count), using: &rng)
            }
            return .vector(Column(name: "draw", .number(draws)))
        },
        Builtin("tail_index", .distributions, summary: "the Hill estimate of a right tail's index α, with its standard error; warns when α ≤ 2",
                parameters: [.required("x", "positive values (others skipped)"),
                             .keyword("k", "how many of the largest values (default ⌊√n⌋)")],
                example: "tail_index([1.1, 1.3, 0.9, 2.5, 1.05, 4.2, 1.6, 1.2, 9.8, 1.4, 1.15, 3.1])") { ctx in
            let x = try present(ctx, "x", builtin: "tail_index")
            let t = try TailIndex.hill(x, k: try ctx.int("k"))
            for w in t.warnings { ctx.note(w) }
            return .object(TailIndexValue(estimate: t))
        },
        Builtin("uplift", .distributions, summary: "Flyvbjerg's reference-class uplift: the p-th percentile of past overrun factors, less 1, with class size and tail",
                parameters: [.required("growth", "overrun factors of a reference class (actual / estimated cost; 1.2 is +20 %)"),
                             .keyword("p", "the chance in percent of staying within the uplifted budget", default: "80"),
                             .keyword("by", "a class per project (phase, size class…) for one uplift per class: a column of growth's frame by name, or a vector")],
                example: "uplift([1, 1.02, 0.97, 1.3, 1.1, 1, 2.4, 1.05, 1.15, 1.6], p=80)", quoted: ["by"]) { ctx in
            let growth = try ctx.requiredNumbers("growth")
            var groups: [String?]?
            if let by = try ctx.groupingColumn(of: "growth") {
                switch by.data {
                case .text(let t): groups = t.strings
                case .number(let xs): groups = xs.map { $0.isNaN ? nil : NumberFormat().string($0) }
                case .bool(let bs): groups = bs.map { $0 < 0 ? nil : ($0 == 1 ? "true" : "false") }
                default: throw ctx.fail("'by' must be text, numbers or booleans, not \(by.data.typeName)")
                }
            }
            let u = try ReferenceClassUplift.make(growth, groups: groups, p: try ctx.requiredNumber("p"))
            for row in u.rows where !row.warnings.isEmpty {
                ctx.note((row.group.map { "class \($0): " } ?? "") + row.warnings.joined(separator: "; "))
            }
            return .frame(u.frame)
        },
        Builtin("per_group", .distributions, summary: "one distribution per group, for simulate(…, overrun=, by=)",
                parameters: [.required("groups", "the group names, in the order of the distributions"),
                             Parameter("distributions", "one distribution per group", variadic: true, required: true, forms: ["d1, d2, …"])],
                example: "per_group([\"Terminé\", \"En cours\"], lognormal(0, 0.1), lognormal(0.1, 0.4))") { ctx in
            guard let c = try ctx.column("groups"), case .text = c.data else {
                throw ctx.fail("'groups' must be a vector of names")
            }
            let labels = (0..<c.count).map { c.text(at: $0) }
            guard Set(labels).count == labels.count else { throw ctx.fail("'groups' has a name twice") }
            guard ctx.rest.count == labels.count else {
                throw ctx.fail("\(labels.count) group\(labels.count == 1 ? "" : "s") but \(ctx.rest.count) distribution\(ctx.rest.count == 1 ? "" : "s")")
            }
            let ds = try ctx.rest.map { argument -> Distribution in
                guard case .object(let o)? = argument.value, let d = o as? DistributionValue else {
                    throw ctx.fail("each argument after 'groups' must be a distribution, not a \(argument.value?.kindName ?? "value")")
                }
                return d.distribution
            }
            return .object(DistributionSetValue(labels: labels, distributions: ds))
        },
    ]

    static func distribution(_ d: Distribution) throws -> Value {
        .object(DistributionValue(try Distribution.checked(d)))
    }

    /// The seed argument, else `.seed`, else a fresh random one.
    static func seed(_ ctx: CallContext) throws -> UInt64 {
        if let s = try ctx.number("seed") {
            guard s.isFinite, s >= 0, s == s.rounded(), s < 1.8e19 else {
                throw ctx.fail("'seed' must be a whole number ≥ 0, not \(NumberFormat().string(s))")
            }
            return UInt64(s)
        }
        return ctx.defaultSeed ?? UInt64.random(in: 0..<(1 << 53))
    }

    /// A grouping vector's distinct labels (in order of appearance) and each element's index.
    static func groupLabels(_ c: Column) -> ([String], [Int]) {
        var labels: [String] = []
        var index: [Int] = []
        var position: [String: Int] = [:]
        for i in 0..<c.count {
            let label = c.text(at: i, numbers: RenderOptions().numbers)
            if let k = position[label] {
                index.append(k)
            } else {
                position[label] = labels.count
                index.append(labels.count)
                labels.append(label)
            }
        }
        return (labels, index)
    }
}
