import Foundation
import LinearAlgebra

/// The latest per-project table rolled forward one edition by Monte Carlo (DESIGN §7): each
/// trial draws a common shock, then for every project with a cost either an exit or a growth
/// exp(x′β + u + ε) (ε a Student t truncated at the largest residual seen), then a Poisson
/// number of entrants with costs drawn from past entrants.
///
/// A model of the shared engine (`ParallelChunks.runTrials`): the trials run in the engine's
/// chunks on all cores, chunk c on the seed's c-th jumped stream, so a seed gives the same
/// totals whatever the number of threads; the summary carries Monte Carlo standard errors.
public struct PortfolioSimulation: Sendable {
    /// The simulated next total of each trial.
    public var totals: [Double]
    /// Per trial: continuing growth, entries, exits (as a positive amount leaving).
    public var growth: [Double]
    public var entries: [Double]
    public var exits: [Double]
    /// Per group (for `by=`): each trial's total of that group.
    public var groupTotals: [String: [Double]]
    /// The starting total (the table's known costs).
    public var startTotal: Double
    public var trials: Int
    public var seed: UInt64
    public var model: PortfolioFlowModel
    public let mean: Double
    /// The sample standard deviation of the totals (n − 1).
    public let standardDeviation: Double
    /// The Monte Carlo standard error of the mean: sd / √trials.
    public var meanStandardError: Double { standardDeviation / Double(max(trials, 1)).squareRoot() }
    private var sortedTotals: [Double]

    /// Rolls `table` forward `trials` times on `threads` workers (the result does not depend on it).
    /// - Throws: `Cancelled` when `cancelled` returns true (polled before each chunk).
    public static func run(_ table: [PortfolioPanel.Project], model: PortfolioFlowModel, trials: Int, seed: UInt64,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount, byGroup: Bool = false,
                           cancelled: @Sendable () -> Bool = { false }) throws -> PortfolioSimulation {
        let projects = table.filter(\.counts)
        let step = RollForward(projects, model: model, byGroup: byGroup)
        // Trial-major columns: total, growth, entries, exits, then one per group.
        let columns = 4 + step.groupNames.count
        var values = [Double](repeating: 0, count: max(1, columns * trials))
        var chunkMoments = [Moments](repeating: Moments(), count: ParallelChunks.trialChunks(trials).count)
        try values.withUnsafeMutableBufferPointer { v in
            try chunkMoments.withUnsafeMutableBufferPointer { m in
                let out = SharedPointer(v.baseAddress!), moments = SharedPointer(m.baseAddress!)
                try ParallelChunks.runTrials(trials, seed: seed, threads: threads, isCancelled: cancelled,
                                             makeWorkspace: {}) { c, range, rng, _ in
                    for trial in range { step.trial(trial, of: trials, using: &rng, into: out) }
                    moments[c] = Moments(out + range.lowerBound, count: range.count, atOrBelow: 0)
                }
            }
        }
        var summary = chunkMoments[0]
        for m in chunkMoments.dropFirst() { summary.merge(m) }
        func column(_ k: Int) -> [Double] { Array(values[(k * trials)..<((k + 1) * trials)]) }
        let totals = column(0)
        var groups: [String: [Double]] = [:]
        for (g, name) in step.groupNames.enumerated() { groups[name] = column(4 + g) }
        return PortfolioSimulation(
            totals: totals, growth: column(1), entries: column(2), exits: column(3), groupTotals: groups,
            startTotal: projects.reduce(0) { $0 + $1.cost }, trials: trials, seed: seed, model: model,
            mean: trials > 0 ? summary.mean : .nan,
            standardDeviation: trials > 1 ? (summary.sumSquares / (summary.count - 1)).squareRoot() : .nan,
            sortedTotals: totals.sorted())
    }

    /// The p-quantile of the simulated totals (R type 7).
    public func quantile(_ p: Double) -> Double { Descriptive.quantile(sorted: sortedTotals, p) }

    /// The p-quantile with its distribution-free 95 % bounds and Monte Carlo standard error.
    public func percentileEstimate(_ p: Double) -> PercentileEstimate {
        PercentileEstimate(sorted: sortedTotals, p)
    }

    /// The central interval with the given coverage in percent.
    public func interval(_ level: Double) -> (lower: Double, upper: Double) {
        let tail = (1 - level / 100) / 2
        return (quantile(tail), quantile(1 - tail))
    }

    /// As a predictive distribution for scoring (point = median).
    public var point: Double { quantile(0.5) }
}

/// One trial of the roll-forward, from the chunk's stream: the common shock, then project by
/// project an exit draw and (if it stays) a truncated Student-t growth, then the entrants.
struct RollForward: Sendable {
    let projects: [PortfolioPanel.Project]
    let expected: [Double]
    let exitP: [Double]
    let shockSD: Double
    let idiosyncratic: Distribution
    let bound: Double
    let entryRate: Double
    let entrants: [(cost: Double, group: Int)]
    /// Group names for `by=` (empty without), and each project's group index.
    let groupNames: [String]
    let groupOfProject: [Int]

    init(_ projects: [PortfolioPanel.Project], model: PortfolioFlowModel, byGroup: Bool) {
        self.projects = projects
        expected = projects.map { model.expectedGrowth($0) }
        exitP = projects.map { model.exitProbability($0) }
        let nu = model.degreesOfFreedom
        shockSD = model.shockSD
        idiosyncratic = .studentT(df: nu, location: 0, scale: model.idiosyncraticSD * ((nu - 2) / nu).squareRoot())
        bound = model.largestResidual
        entryRate = model.entryRate
        var names: [String] = []
        if byGroup {
            names = Array(Set(projects.map { $0.group ?? "na" } + model.entrants.map { $0.group ?? "na" })).sorted()
        }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        groupNames = names
        groupOfProject = projects.map { index[$0.group ?? "na"] ?? -1 }
        entrants = model.entrants.map { ($0.cost, index[$0.group ?? "na"] ?? -1) }
    }

    /// Writes trial `trial` into `out`'s trial-major columns (total, growth, entries, exits,
    /// then the groups), `trials` apart.
    func trial(_ trial: Int, of trials: Int, using rng: inout Xoshiro256StarStar, into out: SharedPointer<Double>) {
        let byGroup = !groupNames.isEmpty
        let u = shockSD * Ziggurat.normal(using: &rng)
        var total = 0.0, g = 0.0, x = 0.0, e = 0.0
        for (i, p) in projects.enumerated() {
            if rng.nextOpenDouble() < exitP[i] {
                x += p.cost
                continue
            }
            var epsilon = idiosyncratic.sample(using: &rng)
            var tries = 0
            while abs(epsilon) > bound && tries < 50 { epsilon = idiosyncratic.sample(using: &rng); tries += 1 }
            if abs(epsilon) > bound { epsilon = epsilon > 0 ? bound : -bound }
            let next = p.cost * exp(expected[i] + u + epsilon)
            total += next
            g += next - p.cost
            if byGroup { out[(4 + groupOfProject[i]) * trials + trial] += next }
        }
        if !entrants.isEmpty {
            for _ in 0..<Ziggurat.poisson(entryRate, using: &rng) {
                let entrant = entrants[rng.next(below: entrants.count)]
                total += entrant.cost
                e += entrant.cost
                if byGroup { out[(4 + entrant.group) * trials + trial] += entrant.cost }
            }
        }
        out[trial] = total
        out[trials + trial] = g
        out[2 * trials + trial] = e
        out[3 * trials + trial] = x
    }
}
