import Foundation
import LinearAlgebra
import LineEditing
import PanoramaKit
import Synchronization

extension BuiltinRegistry {
    /// What `simulate`'s `copula=` accepts.
    static let copulaNames = ["gaussian", "t", "iman-conover"]

    /// The simulation builtins: `simulate`, `percentiles`, `contributions`.
    static let simulationBuiltins: [Builtin] = [
        Builtin("simulate", .simulation,
                summary: "Monte Carlo of a portfolio's total: each project's cost × an overrun factor, joined by a copula",
                parameters: [
                    Parameter("data", "a frame of projects (optional: cost= may be a plain vector)"),
                    .keyword("cost", "base costs, one per project (a column of data, or a vector)"),
                    .keyword("overrun", "the overrun factor: a distribution, per_group(…)/fit(…, by=) with by=, or a model ols(log(factor) ~ …) predicting each project's factor from its columns"),
                    .keyword("corr", "correlation of the latent normals: one ρ, a frame holding the matrix, or a vector of ρ for a sensitivity table"),
                    .choice("copula", "\"gaussian\" (default), \"t\" or \"iman-conover\" (corr= is then the target rank correlation)", copulaNames),
                    .keyword("df", "the t copula's degrees of freedom (default 4); a vector gives a sensitivity table"),
                    .keyword("by", "each project's group: chooses per-group overruns and gives group contributions"),
                    .keyword("label", "project names (default: the frame's project/name column, else 1, 2, …)"),
                    .keyword("trials", "number of trials (default 100,000)", default: "100000"),
                    .keyword("seed", "random seed (default: .seed, else random; the result shows it)"),
                    .keyword("repair", "replace a non-PSD correlation matrix by the nearest one (Higham)", default: "false"),
                    .keyword("threads", "worker threads (default: all cores; results do not depend on it)"),
                ],
                example: "s = simulate(cost=[120, 45, 300, 80], overrun=lognormal(0.05, 0.35), corr=0.3, trials=20000, seed=7)\ns\nsimulate(cost=[120, 45, 300, 80], overrun=pert(0.9, 1, 2), corr=[0, 0.3, 0.6], trials=20000, seed=7)") { ctx in
            try simulateBuiltin(&ctx)
        },
        Builtin("percentiles", .simulation, summary: "a simulation's percentiles with Monte Carlo standard errors and 95 % order-statistic bounds",
                parameters: [.required("s", "a simulation"), Parameter("p", "percentiles, in percent (0 < p < 100)",
                                                                         default: "[" + MonteCarlo.reportedPercentiles.map(JSON.numberText).joined(separator: ", ") + "]")],
                example: "s = simulate(cost=[120, 45, 300], overrun=lognormal(0, 0.3), trials=20000, seed=1)\npercentiles(s, [50, 70, 80])") { ctx in
            let s = try ctx.requiredObject("s", as: SimulationValue.self, kind: "simulation")
            let ps = try ctx.requiredNumbers("p")
            for p in ps where !(p > 0 && p < 100) {
                throw ctx.fail("'p' must be percentiles strictly between 0 and 100, not \(NumberFormat().string(p))")
            }
            // Probabilities given for percents (quantile's habit) are almost surely a slip.
            if ps.allSatisfy({ $0 <= 1 }) {
                let meant = ps.map { NumberFormat().string(($0 * 100 * 1e9).rounded() / 1e9) }.joined(separator: ", ")
                ctx.note("percentiles takes percents; did you mean \(meant)?")
            }
            let estimates = ps.map { p in s.result.percentile(p) ?? s.result.percentileEstimate(p / 100) }
            return .frame(Frame(columns: [
                Column(name: "percentile", .text(Categorical(estimates.map { Optional($0.label) }))),
                Column(name: "value", .number(estimates.map(\.value))),
                Column(name: "std_error", label: "MC s.e.", .number(estimates.map(\.standardError))),
                Column(name: "lower_95", label: "95 % low", .number(estimates.map(\.lower))),
                Column(name: "upper_95", label: "95 % high", .number(estimates.map(\.upper))),
            ]))
        },
        Builtin("contributions", .simulation, summary: "each project's (or group's) contribution to the total's uncertainty: rank correlation, variance share, total at its P10/P90, its own mean and sd",
                parameters: [.required("s", "a simulation"),
                             .keyword("groups", "true: one row per group of simulate's by=", default: "false")],
                example: "s = simulate(cost=[120, 45, 300], overrun=lognormal(0, 0.3), corr=0.2, trials=20000, seed=1)\ncontributions(s)") { ctx in
            let s = try ctx.requiredObject("s", as: SimulationValue.self, kind: "simulation")
            let byGroup = try ctx.requiredBool("groups")
            let c = try s.result.contributions(isCancelled: ctx.cancellation)
            if byGroup && c.groups.isEmpty { throw ctx.fail("this simulation has no groups; give simulate a by= argument") }
            let rows = byGroup ? c.groups.sorted { abs($0.rankCorrelation) > abs($1.rankCorrelation) } : c.ranked
            // The measures of contribution first, each labelled no wider than its numbers, so that
            // at 80 columns they all show; each project's own mean and sd come last.
            return .frame(Frame(columns: [
                Column(name: byGroup ? "group" : "project", .text(Categorical(rows.map { Optional($0.name) }))),
                Column(name: "base_cost", label: "base cost", .number(rows.map(\.baseCost))),
                Column(name: "rank_correlation", label: "rank corr", .number(rows.map(\.rankCorrelation))),
                Column(name: "variance_share", label: "var. share", .number(rows.map(\.varianceShare))),
                Column(name: "total_at_p10", label: "P10 total", .number(rows.map(\.lowTotal))),
                Column(name: "total_at_p90", label: "P90 total", .number(rows.map(\.highTotal))),
                Column(name: "mean", .number(rows.map(\.mean))),
                Column(name: "sd", .number(rows.map(\.standardDeviation))),
            ]))
        },
    ]

    /// `simulate(…)`: builds the model from the arguments, runs it (or a sweep), returns the value.
    static func simulateBuiltin(_ ctx: inout CallContext) throws -> Value {
        let data = try ctx.frame("data")
        guard let costColumn = try ctx.column("cost") else {
            throw ctx.fail("give the base costs: cost=<column or vector>")
        }
        guard var allCosts = costColumn.data.numbers else {
            throw ctx.fail("'cost' must be numeric, not \(costColumn.data.typeName)")
        }
        if let data, data.rowCount != allCosts.count, allCosts.count != 1 {
            throw ctx.fail("'cost' has \(allCosts.count) values but the frame has \(data.rowCount) rows")
        }
        // Project names.
        var names: [String]
        if let label = try ctx.column("label") {
            guard label.count == allCosts.count else { throw ctx.fail("'label' has \(label.count) values but 'cost' has \(allCosts.count)") }
            names = (0..<label.count).map { groupText(label, $0) }
        } else if let data, let c = data.column("project") ?? data.column("name"), case .text = c.data {
            names = (0..<c.count).map { groupText(c, $0) }
        } else {
            names = allCosts.indices.map { String($0 + 1) }
        }
        let naCost = allCosts.map(\.isNaN)
        // Groups.
        var groupOf: [Int] = []
        var groupNames: [String] = []
        if let by = try ctx.column("by") {
            guard by.count == allCosts.count else { throw ctx.fail("'by' has \(by.count) values but 'cost' has \(allCosts.count)") }
            (groupNames, groupOf) = groupLabels(by)
        }
        // Overruns, one per project.
        guard let overrunValue = ctx["overrun"] else {
            throw ctx.fail("give the overrun factor's distribution: overrun=lognormal(0, 0.35), or per_group(…) with by=")
        }
        var overruns: [Distribution]
        switch overrunValue {
        case .object(let o as DistributionValue):
            overruns = Array(repeating: o.distribution, count: allCosts.count)
        case .object(let set as DistributionSetValue):
            guard !groupNames.isEmpty else {
                throw ctx.fail("overrun= gives one distribution per group; say which group each project is in with by=")
            }
            overruns = []
            // A project skipped for its na cost needs no distribution, so a group whose
            // projects are all skipped (or that fit(…, by=) left out for having no values) is
            // no error; it is named in the na-cost note below.
            for (i, g) in groupOf.enumerated() {
                if let d = set.distribution(for: groupNames[g]) { overruns.append(d); continue }
                guard allCosts[i].isNaN else {
                    let hint = suggestion(for: groupNames[g], among: set.labels).map { ". Did you mean '\($0)'?" } ?? ""
                    throw ctx.failure("no overrun distribution for group '\(groupNames[g])'\(hint)", argument: "overrun")
                }
                overruns.append(.lognormal(meanlog: 0, sdlog: 1))  // never drawn: the project is skipped
            }
        case .object(let m as ModelValue):
            guard let data else {
                throw ctx.fail("overrun=model predicts each project's factor from its columns: give the frame first, simulate(data, cost=…, overrun=m)")
            }
            let predicted = try RegressionBridge.overrunFactors(m, for: data, ctx)
            let missing = predicted.indices.filter { predicted[$0] == nil && !allCosts[$0].isNaN }
            if !missing.isEmpty {
                ctx.note("simulate skipped \(Prose.counted(missing.count, "project")) whose overrun the model cannot predict (na or an unseen category in its predictors)")
                for i in missing { allCosts[i] = .nan }
            }
            overruns = predicted.map { $0 ?? .lognormal(meanlog: 0, sdlog: 1) }
        case .object(is GLMValue):
            throw ctx.fail("'overrun' must be an ols model of log(factor), not a glm: a glm predicts a probability or a count, not a factor")
        default:
            throw ctx.fail("'overrun' must be a distribution, per_group(…) or a model of log(factor), not a \(overrunValue.kindName)")
        }
        // Drop projects whose cost is na (naming the groups they empty) or that were skipped above.
        let k = naCost.filter { $0 }.count
        if k > 0 {
            let emptied = groupNames.indices.filter { g in groupOf.indices.allSatisfy { groupOf[$0] != g || naCost[$0] } }
            let whole = emptied.isEmpty ? "" : " (all of " + emptied.map { "group '\(groupNames[$0])'" }.joined(separator: ", ") + ")"
            ctx.note("simulate skipped \(Prose.counted(k, "project")) with na cost\(whole)")
        }
        let kept = allCosts.indices.filter { !allCosts[$0].isNaN }
        let costs = kept.map { allCosts[$0] }
        names = kept.map { names[$0] }
        overruns = kept.map { overruns[$0] }
        if !groupOf.isEmpty {
            // Only the groups that keep a project.
            let used = Array(Set(kept.map { groupOf[$0] })).sorted()
            let renumber = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
            groupOf = kept.map { renumber[groupOf[$0]]! }
            groupNames = used.map { groupNames[$0] }
        }
        let n = costs.count
        guard n > 0 else { throw ctx.failure("there are no projects to simulate", argument: "cost") }
        // A negative base cost turns an overrun into a saving: almost surely a data error.
        if let i = costs.firstIndex(where: { $0 < 0 }) {
            let count = costs.filter { $0 < 0 }.count
            ctx.note("simulate: \(Prose.counted(count, "project")) with a negative cost ('\(names[i])': \(NumberFormat().string(costs[i]))"
                     + "\(count > 1 ? ", …" : "")): an overrun lowers the total there")
        }

        // Copula and correlation (a vector of ρ or of df is a sweep).
        let copulaName = try ctx.string("copula") ?? "gaussian"
        let known = copulaNames
        guard known.contains(copulaName) else {
            let hint = suggestion(for: copulaName, among: known).map { ". Did you mean '\($0)'?" } ?? ""
            throw ctx.fail("unknown copula '\(copulaName)'; use \"gaussian\", \"t\" or \"iman-conover\"\(hint)")
        }
        if ctx.has("df") && copulaName != "t" { throw ctx.fail("'df' is the t copula's; add copula=\"t\"") }
        var correlations: [Correlation] = [.none]
        var sweepRho: [Double]? = nil
        var repaired = false
        if let corr = ctx["corr"] {
            switch corr {
            case .frame(let f):
                let m = try correlationMatrix(f, ctx)
                let (c, r) = try Correlation.validated(m, projects: n, repair: try ctx.requiredBool("repair"))
                if r { ctx.note("the correlation matrix was not positive semi-definite; using the nearest correlation matrix (Higham)") }
                correlations = [c]
                repaired = r
            default:
                let rhos = try ctx.requiredNumbers("corr")
                guard !rhos.isEmpty else { throw ctx.fail("'corr' is empty") }
                correlations = try rhos.map { try Correlation.validated(common: $0, projects: n) }
                if case .vector = corr { sweepRho = rhos }
            }
        }
        var dfs = [4.0]
        var sweepDF: [Double]? = nil
        if let df = try ctx.numbers("df") {
            for v in df where !(v > 0 && v.isFinite) { throw ctx.fail("'df' must be positive, not \(NumberFormat().string(v))") }
            dfs = df
            if case .vector? = ctx["df"] { sweepDF = df }
        }
        if sweepRho != nil && sweepDF != nil { throw ctx.fail("sweep one of 'corr' or 'df' at a time") }
        let trials = try ctx.requiredInt("trials", in: 2...1_000_000_000)
        try MemoryBudget.current.check(MemoryBudget.bytes(trials, 8 * (3 + groupNames.count)),
                                       for: "\(NumberFormat().string(Double(trials))) trials", hint: "use fewer trials (trials=)")
        let seed = try seed(ctx)
        let threads = try ctx.int("threads", default: ProcessInfo.processInfo.activeProcessorCount, in: 1...256)
        let cancellation = ctx.cancellation

        func copula(_ c: Correlation, _ df: Double) -> Copula {
            switch copulaName {
            case "t": .studentT(c, df: df)
            case "iman-conover": .imanConover(c)
            default: .gaussian(c)
            }
        }
        func run(_ c: Correlation, _ df: Double) throws -> SimulationResult {
            let model = PortfolioModel(names: names, costs: costs, overruns: overruns, copula: copula(c, df),
                                       groupLabels: groupNames, groupOfProject: groupOf)
            let bar = ProgressBar.forTerminal()
            defer { bar?.finish() }
            var progress = ctx.interpreter.progress
            if let bar, progress == nil { progress = { bar.update($0) } }
            let settings = SimulationSettings(trials: trials, seed: seed, threads: threads,
                                              isCancelled: cancellation, progress: progress)
            return try MonteCarlo.simulate(model, settings)
        }
        if sweepRho != nil || sweepDF != nil {
            // Sensitivity table: the same seed for every value (common random numbers).
            var results: [SimulationResult] = []
            for (c, df) in sweepRho != nil ? correlations.map({ ($0, dfs[0]) }) : dfs.map({ (correlations[0], $0) }) {
                results.append(try run(c, df))
            }
            let key = sweepRho != nil ? "corr" : "df"
            return .frame(Frame(columns: [
                Column(name: key, .number(sweepRho ?? sweepDF!)),
                Column(name: "mean", .number(results.map(\.mean))),
                Column(name: "p50", label: "P50", .number(results.map { $0.percentile(50)!.value })),
                Column(name: "p80", label: "P80", .number(results.map { $0.percentile(80)!.value })),
                Column(name: "p95", label: "P95", .number(results.map { $0.percentile(95)!.value })),
                Column(name: "contingency_p80", label: "contingency to P80", .number(results.map(\.contingencyP80))),
            ], notes: ["\(NumberFormat().string(Double(trials))) trials each, seed \(seed)"]))
        }
        return .object(SimulationValue(try run(correlations[0], dfs[0]), repaired: repaired))
    }

    static func groupText(_ c: Column, _ i: Int) -> String {
        c.text(at: i, numbers: RenderOptions().numbers)
    }

    /// A correlation matrix from a frame: its numeric columns, one row and one column per project.
    static func correlationMatrix(_ f: Frame, _ ctx: CallContext) throws -> Matrix {
        let numeric = f.columns.filter { if case .number = $0.data { true } else { false } }
        guard numeric.count == f.rowCount else {
            throw ctx.failure("the correlation matrix must be square, not \(f.rowCount) × \(numeric.count)", argument: "corr")
        }
        return Matrix(columns: numeric.map { $0.data.numbers! }, rows: f.rowCount)
    }
}

/// A progress bar on stderr for runs longer than a second, only when stderr is a terminal.
final class ProgressBar: Sendable {
    private let start = ContinuousClock.now
    private let state = Mutex<(shown: Bool, lastPercent: Int)>((false, -1))

    /// A bar when stderr is a terminal, else nil.
    static func forTerminal() -> ProgressBar? {
        Terminal.isTerminal(2) ? ProgressBar() : nil
    }

    func update(_ fraction: Double) {
        guard ContinuousClock.now - start > .seconds(1) else { return }
        let percent = Int(fraction * 100)
        let line: String? = state.withLock { s in
            guard percent != s.lastPercent else { return nil }
            s.lastPercent = percent
            s.shown = true
            let width = 30
            let filled = Int(fraction * Double(width))
            return "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(percent) %"
        }
        if let line { _ = StandardStreams.writeAll(2, line) }
    }

    func finish() {
        if state.withLock({ $0.shown }) {
            _ = StandardStreams.writeAll(2, "\r" + String(repeating: " ", count: 40) + "\r")
        }
    }
}
