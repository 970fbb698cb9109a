import PanoramaKit

/// A simulation as a language value: what `simulate(…)` returns.
///
/// Renders the summary budget holders read (mean, sd, percentiles with Monte Carlo standard
/// errors, the point estimate's percentile, the contingency to P80, the expected shortfall
/// beyond P95); `mean/sd/median/quantile` work on it; `totals` keeps the raw totals for the
/// charts (histogram, S-curve) and `result.contributions()` feeds `contributions(s)` and
/// tornado charts. JSON: DESIGN §4.
public struct SimulationValue: ChartableSimulation {
    public let result: SimulationResult
    /// Whether the correlation matrix given was repaired to the nearest PSD one (`repair=true`).
    public var repaired: Bool

    public init(_ result: SimulationResult, repaired: Bool = false) {
        self.result = result
        self.repaired = repaired
    }

    /// The simulated totals in trial order.
    public var totals: [Double] { result.totals }

    /// The sum of base costs.
    public var pointEstimate: Double { result.pointEstimate }

    /// For `tornado(s)`: each project's name and the mean total when the project sits near its
    /// P10 and near its P90 (trials with its rank in the P5–P15 and P85–P95 bands), largest
    /// swing first. Computed by the contributions' second pass (cached); empty if cancelled.
    public var contributions: [(name: String, low: Double, high: Double)] {
        guard let c = try? result.contributions() else { return [] }
        return c.projects.map { (name: $0.name, low: $0.lowTotal, high: $0.highTotal) }
            .sorted { abs($0.high - $0.low) > abs($1.high - $1.low) }
    }

    public var contributionRange: String { "P10 and P90 (mean total with the project in its P5–P15 and P85–P95 bands)" }

    public var kind: String { "simulation" }
    public func quantile(_ p: Double) -> Double { result.quantile(p) }
    public var mean: Double { result.mean }
    public var standardDeviation: Double { result.standardDeviation }

    /// `gaussian copula, ρ = 0.3`, `independent`, `t copula (df = 4), 5 × 5 correlation matrix`…
    public var dependenceText: String {
        let f = NumberFormat()
        let copula = result.model.copula
        let correlation: String
        switch copula.correlation {
        case .common(let rho): correlation = "ρ = \(f.string(rho))"
        case .matrix(let m): correlation = "\(m.rows) × \(m.rows) correlation matrix" + (repaired ? " (repaired)" : "")
        }
        switch copula {
        case .gaussian(.common(0)): return "independent"
        case .gaussian: return "gaussian copula, " + correlation
        case .studentT(_, let df): return "t copula (df = \(f.string(df))), " + correlation
        case .imanConover: return "iman-conover, rank " + correlation
        }
    }

    public func summary(_ options: RenderOptions) -> String {
        let f = options.numbers
        let p = { (x: Double) in f.string(result.percentile(x)!.value) }
        return "simulation of \(Prose.counted(result.model.projectCount, "project")) × \(f.string(Double(result.trials))) trials: "
            + "mean \(f.string(result.mean)), P50 \(p(50)), P80 \(p(80)), P95 \(p(95))"
    }

    /// The statistics as a frame: statistic, value, MC standard error, 95 % bounds.
    public var tableView: Frame? {
        var names = ["mean", "sd"]
        var values = [result.mean, result.standardDeviation]
        var errors = [result.meanStandardError, result.standardDeviationStandardError]
        var lower = [result.mean - 1.959963984540054 * result.meanStandardError, Double.nan]
        var upper = [result.mean + 1.959963984540054 * result.meanStandardError, Double.nan]
        for p in result.percentiles {
            names.append(p.label)
            values.append(p.value)
            errors.append(p.standardError)
            lower.append(p.lower)
            upper.append(p.upper)
        }
        return Frame(columns: [
            Column(name: "statistic", .text(Categorical(names.map { Optional($0) }))),
            Column(name: "value", .number(values)),
            Column(name: "std_error", label: "MC s.e.", .number(errors)),
            Column(name: "lower_95", label: "95 % low", .number(lower)),
            Column(name: "upper_95", label: "95 % high", .number(upper)),
        ])
    }

    public func render(_ options: RenderOptions) -> String {
        let f = options.numbers
        let r = result
        var lines = ["simulation: \(Prose.counted(r.model.projectCount, "project")), \(Prose.counted(r.trials, "trial", numbers: f)), \(dependenceText), seed \(r.seed)"]
        lines.append(renderTable(tableView!, options))
        if let note = heavyTailNote { lines.append(note) }
        let percent = NumberFormat(significantDigits: 3)
        lines.append("point estimate \(f.string(r.pointEstimate)) (sum of base costs) is at P\(percent.string(r.pointEstimatePercentile))")
        lines.append("contingency to P80: \(f.string(r.contingencyP80)) (\(percent.string(100 * r.contingencyP80 / r.pointEstimate)) % of the point estimate)")
        lines.append("expected shortfall beyond P95: \(f.string(r.expectedShortfall95))")
        return lines.map { options.prose($0) }.joined(separator: "\n")
    }

    /// Why the mean and sd have no error bars when an overrun has no finite mean or variance.
    var heavyTailNote: String? {
        let r = result
        func named(_ projects: [Int]) -> String {
            var kinds: [String] = []
            for j in projects where !kinds.contains(r.model.overruns[j].description()) { kinds.append(r.model.overruns[j].description()) }
            let who = projects.count == 1 ? "'\(r.model.names[projects[0]])'" : "\(projects.count) projects"
            return who + " (" + kinds.prefix(2).joined(separator: ", ") + (kinds.count > 2 ? ", …)" : ")")
        }
        if !r.infiniteMeanProjects.isEmpty {
            return "note: the overrun of \(named(r.infiniteMeanProjects)) has no finite mean: the simulated mean and sd "
                + "do not settle as trials grow and have no standard error; read the percentiles"
        }
        if !r.infiniteVarianceProjects.isEmpty {
            return "note: the overrun of \(named(r.infiniteVarianceProjects)) has no finite variance: the simulated sd "
                + "does not settle as trials grow, and the mean and sd have no standard error; read the percentiles"
        }
        return nil
    }

    public func json(_ options: RenderOptions) -> JSON {
        let r = result
        var percentiles: [(String, JSON)] = []
        var errors: [(String, JSON)] = [("mean", .finite(r.meanStandardError))]
        var bounds: [(String, JSON)] = []
        for p in r.percentiles {
            percentiles.append((p.label, .finite(p.value)))
            errors.append((p.label, .finite(p.standardError)))
            bounds.append((p.label, .array([.finite(p.lower), .finite(p.upper)])))
        }
        var copula: [(String, JSON)] = [("type", .string(r.model.copula.name))]
        switch r.model.copula.correlation {
        case .common(let rho): copula.append(("correlation", .finite(rho)))
        case .matrix(let m):
            copula.append(("correlation", .array((0..<m.rows).map { i in .array((0..<m.columns).map { .finite(m[i, $0]) }) })))
            copula.append(("repaired", .bool(repaired)))
        }
        if case .studentT(_, let df) = r.model.copula { copula.append(("df", .finite(df))) }
        var pairs: [(String, JSON)] = [
            ("kind", .string("simulation")), ("trials", .number(Double(r.trials))), ("seed", .number(Double(r.seed))),
            ("projects", .number(Double(r.model.projectCount))), ("copula", .object(copula)),
            ("mean", .finite(r.mean)), ("sd", .finite(r.standardDeviation)),
            ("percentiles", .object(percentiles)), ("standard_errors", .object(errors)),
            ("percentile_bounds_95", .object(bounds)),
            ("point_estimate", .finite(r.pointEstimate)),
            ("point_estimate_percentile", .finite(r.pointEstimatePercentile)),
            ("contingency_p80", .finite(r.contingencyP80)),
            ("expected_shortfall_p95", .finite(r.expectedShortfall95)),
        ]
        if let c = try? r.contributions() {
            pairs.append(("contributions", .array(c.ranked.map(SimulationValue.json))))
            if !c.groups.isEmpty {
                pairs.append(("group_contributions", .array(c.groups.map(SimulationValue.json))))
            }
        }
        return .object(pairs)
    }

    static func json(_ row: Contributions.Row) -> JSON {
        .object([("name", .string(row.name)), ("base_cost", .finite(row.baseCost)), ("mean", .finite(row.mean)),
                 ("sd", .finite(row.standardDeviation)), ("variance_share", .finite(row.varianceShare)),
                 ("rank_correlation", .finite(row.rankCorrelation)),
                 ("total_at_p10", .finite(row.lowTotal)), ("total_at_p90", .finite(row.highTotal))])
    }

    public func member(_ name: String) -> Value? {
        let r = result
        switch name {
        case "mean": return .number(r.mean)
        case "sd": return .number(r.standardDeviation)
        case "trials": return .number(Double(r.trials))
        case "seed": return .number(Double(r.seed))
        case "point_estimate": return .number(r.pointEstimate)
        case "point_estimate_percentile": return .number(r.pointEstimatePercentile)
        case "contingency_p80": return .number(r.contingencyP80)
        case "shortfall_p95", "expected_shortfall_p95": return .number(r.expectedShortfall95)
        case "totals": return .vector(Column(name: "total", .number(r.totals)))
        default:
            if name.hasPrefix("p") || name.hasPrefix("P"), let percent = Double(name.dropFirst()), percent > 0, percent < 100 {
                return .number(r.percentile(percent)?.value ?? r.quantile(percent / 100))
            }
            return nil
        }
    }

    public var memberNames: [String] {
        ["mean", "sd", "p5", "p10", "p50", "p80", "p90", "p95", "trials", "seed", "point_estimate",
         "point_estimate_percentile", "contingency_p80", "expected_shortfall_p95", "totals"]
    }
}
