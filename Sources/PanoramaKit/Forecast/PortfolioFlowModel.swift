import Foundation
import LinearAlgebra

/// The bottom-up model of how a portfolio moves from one edition to the next, estimated on the
/// consecutive transitions of a panel (DESIGN §7):
///
/// - **growth** of continuing projects, g = log(cost_{k+1}/cost_k), by OLS on phase (dummies,
///   the most common phase as reference), size (log cost) and age (years since start);
/// - its residuals split into a **common edition-level shock** u ~ N(0, σ_u²) (the transitions'
///   mean residuals, less their sampling noise, by moments) and an idiosyncratic part whose
///   **fat tail** is the Hill tail index α of |residuals|, drawn as a Student t with ν = α degrees
///   of freedom (clamped to [2.5, 50]) scaled to the within-transition variance and truncated
///   at the largest |residual| seen (a t with ν < 4 in the exponent would give cost ratios with
///   no finite mean: the truncation says "no jump larger than the panel has ever shown");
/// - **exits** (departures from the total: projects leaving the table, or no longer costed) with
///   the rate seen in three groups of projects: completed, past their planned end, and the others
///   (a group never seen takes the pooled rate);
/// - **entries** (arrivals into the total: new projects, and listed ones costed for the first
///   time): a Poisson number with the mean count per transition, each costing a draw from the
///   costs past arrivals came in with;
/// - **edition-level shocks on the flows**: editions differ in how many projects leave and
///   arrive beyond what independent projects would give (the bundled panel's arrival counts
///   vary 2.3 times as much as Poisson ones; its exits, given their groups' rates, no more than
///   binomial draws), so each simulated edition draws an exit-rate multiplier M ~ Gamma(mean 1,
///   variance `exitDispersion`) shared by its projects and an entry rate λ ~ Gamma(mean
///   `entryRate`, variance `entryDispersion` · entryRate²) (a negative binomial count), both
///   dispersions estimated by moments over the transitions (0 when the spread is no more than
///   sampling noise).
///
/// The model's parameters are estimates from a handful of transitions; `bootstrap` draws
/// their sampling distribution (an edition-level bootstrap) for the simulation to carry.
public struct PortfolioFlowModel: Sendable {
    /// A growth-regression term: `(Intercept)`, `phase: deployment`, `log(cost)`, `age`.
    public struct Term: Sendable {
        public var name: String
        public var estimate: Double
        public var standardError: Double
    }

    public var terms: [Term]
    /// Phase levels with a dummy, in `terms` order; the reference level has none.
    public var phaseLevels: [String]
    public var referencePhase: String?
    public var usesAge: Bool
    public var meanAge: Double
    public var residualSD: Double
    /// Hill's tail index of |residuals| (NaN when too few residuals).
    public var tailIndex: Double
    /// The Student-t degrees of freedom used for idiosyncratic draws.
    public var degreesOfFreedom: Double
    /// The common shock's standard deviation.
    public var shockSD: Double
    /// The idiosyncratic standard deviation (within-transition).
    public var idiosyncraticSD: Double
    /// The largest |residual|: idiosyncratic draws are truncated there.
    public var largestResidual: Double
    /// Exit probabilities per group: completed, past planned end, other; and the pooled one.
    public var exitRates: [String: Double]
    public var pooledExitRate: Double
    /// Mean entries per transition.
    public var entryRate: Double
    /// Costs of past entrants, in their entry edition (with their group, for `by=`).
    public var entrants: [(cost: Double, group: String?)]
    /// Transitions the model was estimated on.
    public var transitions: [(from: Int, to: Int)]
    public var continuingCount: Int
    /// How much older a continuing project is one edition on (years; the mean over the
    /// transitions' continuing projects with known ages, 0 without).
    public var ageStep: Double = 0
    /// Between-edition overdispersion of entry counts: 1/r of a negative binomial, (s² − μ)/μ²
    /// over the transitions' counts (0 when no larger than Poisson).
    public var entryDispersion: Double = 0
    /// Between-edition variance of the exit-rate multiplier: the variance of observed / expected
    /// exits per transition less its Poisson noise, mean(1/expected) (0 when no larger).
    public var exitDispersion: Double = 0

    public static let exitGroups = ["completed", "past planned end", "other"]

    /// The exit group of a project.
    public static func exitGroup(_ p: PortfolioPanel.Project) -> String {
        if p.phase == "completed" || p.phase == "Terminé" { return "completed" }
        if p.pastPlannedEnd == true { return "past planned end" }
        return "other"
    }

    /// Estimates the model on the given transitions.
    ///
    /// - Throws: `ForecastError` when there is no transition or too few continuing projects.
    public static func estimate(_ flows: [PortfolioPanel.Transition]) throws -> PortfolioFlowModel {
        guard !flows.isEmpty else {
            throw ForecastError("the panel has no two consecutive editions with tables: nothing to estimate the flows on")
        }
        // Growth regression.
        var rows: [(g: Double, phase: String?, size: Double, age: Double, transition: Int)] = []
        for (t, flow) in flows.enumerated() {
            for (before, after) in flow.continuing {
                rows.append((log(after.cost / before.cost), before.phase, log(before.cost), before.age, t))
            }
        }
        guard rows.count >= 5 else {
            throw ForecastError("only \(rows.count) continuing projects with costs in both editions: too few to estimate growth")
        }
        var counts: [String: Int] = [:]
        for r in rows { if let p = r.phase { counts[p, default: 0] += 1 } }
        let levels = counts.keys.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
        let reference = levels.first
        let dummies = Array(levels.dropFirst()).sorted()
        let ages = rows.map(\.age).filter { !$0.isNaN }
        let usesAge = ages.count == rows.count && Set(ages).count > 1
        let meanAge = ages.isEmpty ? 0 : Descriptive.mean(ages)
        var columns: [[Double]] = [rows.map { _ in 1.0 }]
        var names = ["(Intercept)"]
        for level in dummies {
            columns.append(rows.map { $0.phase == level ? 1 : 0 })
            names.append("phase: \(level)")
        }
        columns.append(rows.map(\.size)); names.append("log(cost)")
        if usesAge { columns.append(rows.map(\.age)); names.append("age") }
        let fit = try GrowthRegression(columns: columns, response: rows.map(\.g))
        let terms = names.indices.map { Term(name: names[$0], estimate: fit.coefficients[$0], standardError: fit.standardErrors[$0]) }

        // Common shock by moments: var(transition means) = σ_u² + mean(σ_w²/n_e).
        var sums = [Double](repeating: 0, count: flows.count), ns = [Int](repeating: 0, count: flows.count)
        for (i, r) in rows.enumerated() { sums[r.transition] += fit.residuals[i]; ns[r.transition] += 1 }
        let used = flows.indices.filter { ns[$0] > 0 }
        let means = used.map { sums[$0] / Double(ns[$0]) }
        var within = 0.0
        for (i, r) in rows.enumerated() { let d = fit.residuals[i] - sums[r.transition] / Double(ns[r.transition]); within += d * d }
        let withinVariance = within / Double(max(rows.count - used.count, 1))
        var shockVariance = 0.0
        if means.count >= 2 {
            let noise = used.reduce(0) { $0 + withinVariance / Double(ns[$1]) } / Double(used.count)
            shockVariance = max(0, Descriptive.sampleVariance(means) - noise)
        }
        let tail = hillTailIndex(fit.residuals.map(abs))
        let nu = tail.isNaN ? 50 : min(max(tail, 2.5), 50)

        // Exits by group, entries by count and cost.
        var atRisk: [String: Int] = [:], exits: [String: Int] = [:]
        var entrants: [(Double, String?)] = []
        var entryCounts: [Int] = []
        for flow in flows {
            for (before, _) in flow.continuing { atRisk[exitGroup(before), default: 0] += 1 }
            for p in flow.departures { atRisk[exitGroup(p), default: 0] += 1; exits[exitGroup(p), default: 0] += 1 }
            entrants += flow.arrivals.map { ($0.cost, $0.group) }
            entryCounts.append(flow.arrivals.count)
        }
        let steps = flows.flatMap { $0.continuing.map { $0.after.age - $0.before.age } }.filter(\.isFinite)
        let totalAtRisk = atRisk.values.reduce(0, +), totalExits = exits.values.reduce(0, +)
        let pooled = totalAtRisk > 0 ? Double(totalExits) / Double(totalAtRisk) : 0
        var rates: [String: Double] = [:]
        for g in exitGroups {
            rates[g] = (atRisk[g] ?? 0) > 0 ? Double(exits[g] ?? 0) / Double(atRisk[g]!) : pooled
        }
        let (entryDispersion, exitDispersion) = flowDispersions(flows, rates: rates, pooled: pooled)
        return PortfolioFlowModel(
            terms: terms, phaseLevels: dummies, referencePhase: reference, usesAge: usesAge, meanAge: meanAge,
            residualSD: fit.residualVariance.squareRoot(), tailIndex: tail, degreesOfFreedom: nu,
            shockSD: shockVariance.squareRoot(), idiosyncraticSD: withinVariance.squareRoot(),
            largestResidual: fit.residuals.reduce(0) { max($0, abs($1)) },
            exitRates: rates, pooledExitRate: pooled,
            entryRate: Double(entryCounts.reduce(0, +)) / Double(entryCounts.count),
            entrants: entrants, transitions: flows.map { ($0.from, $0.to) }, continuingCount: rows.count,
            ageStep: steps.isEmpty ? 0 : Descriptive.mean(steps), entryDispersion: entryDispersion, exitDispersion: exitDispersion)
    }

    /// The flows' between-edition dispersions by moments (`entryDispersion`, `exitDispersion`);
    /// 0 with fewer than two transitions.
    static func flowDispersions(_ flows: [PortfolioPanel.Transition], rates: [String: Double],
                                pooled: Double) -> (entry: Double, exit: Double) {
        guard flows.count >= 2 else { return (0, 0) }
        let counts = flows.map { Double($0.arrivals.count) }, mean = Descriptive.mean(counts)
        let entry = mean > 0 ? max(0, (Descriptive.sampleVariance(counts) - mean) / (mean * mean)) : 0
        var ratios: [Double] = [], noise: [Double] = []
        for flow in flows {
            let atRisk = flow.continuing.map(\.before) + flow.departures
            let expected = atRisk.reduce(0) { $0 + (rates[exitGroup($1)] ?? pooled) }
            guard expected > 0 else { continue }
            ratios.append(Double(flow.departures.count) / expected)
            noise.append(1 / expected)
        }
        let exit = ratios.count >= 2 ? max(0, Descriptive.sampleVariance(ratios) - Descriptive.mean(noise)) : 0
        return (entry, exit)
    }

    /// The expected log growth of a project (its regression prediction).
    public func expectedGrowth(_ p: PortfolioPanel.Project) -> Double {
        var g = terms[0].estimate
        if let phase = p.phase, let i = phaseLevels.firstIndex(of: phase) { g += terms[1 + i].estimate }
        g += terms[1 + phaseLevels.count].estimate * log(p.cost)
        if usesAge { g += terms[2 + phaseLevels.count].estimate * (p.age.isNaN ? meanAge : p.age) }
        return g
    }

    public func exitProbability(_ p: PortfolioPanel.Project) -> Double {
        exitRates[Self.exitGroup(p)] ?? pooledExitRate
    }

    /// Hill's estimate of the tail index (`TailIndex.hill`) from the k = max(5, ⌊n/10⌋) largest
    /// values; NaN when fewer than 12 positive values or when they do not spread.
    public static func hillTailIndex(_ x: [Double]) -> Double {
        let n = x.reduce(0) { $0 + ($1 > 0 && $1.isFinite ? 1 : 0) }
        guard n >= 12 else { return .nan }
        return (try? TailIndex.hill(x, k: max(5, n / 10)).alpha) ?? .nan
    }
}

/// The growth regression's ordinary least squares, by the regression kernel (`LeastSquares.fit`):
/// a column that is a combination of those before it is aliased, its coefficient 0 (it drops
/// out of predictions) and its standard error NaN.
struct GrowthRegression {
    var coefficients: [Double]
    var standardErrors: [Double]
    var aliased: [Bool]
    var residuals: [Double]
    /// s² = SSE / (n − rank).
    var residualVariance: Double

    /// Fits y ≈ X b; `columns` are X's columns, each of length n, the first the intercept's ones.
    init(columns: [[Double]], response y: [Double]) throws {
        let n = y.count, p = columns.count
        let problem = LeastSquares.Problem(design: Matrix(columns: columns, rows: n), response: y, intercept: 0)
        let fit = try LeastSquares.fit(problem)
        let rank = fit.kept.count
        let s2 = n > rank ? fit.residualSumOfSquares / Double(n - rank) : .nan
        let aliased = (0..<p).map { fit.aliased.contains($0) }
        coefficients = (0..<p).map { aliased[$0] ? 0 : fit.coefficients[$0] }
        standardErrors = (0..<p).map { j in
            guard !aliased[j], let c = fit.covariance else { return .nan }
            return (c[j, j] * s2).squareRoot()
        }
        self.aliased = aliased
        residuals = fit.residuals
        residualVariance = s2
    }
}
