import Foundation
import LinearAlgebra

/// The latest per-project table rolled forward one edition by Monte Carlo (DESIGN §7): each
/// trial draws a common shock, then for every project with a cost either an exit or a growth
/// exp(x′β + u + ε) (ε a Student t truncated at the largest residual seen), then a Poisson
/// number of entrants with costs drawn from past entrants. With `parameterDraws` (draws of the
/// model from its sampling distribution, `PortfolioFlowModel.bootstrap`) trial i runs on draw
/// i mod their count, so the spread of the totals includes the parameters' uncertainty.
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
    /// The editions rolled through before the target, each conditioned on its published figures
    /// (`PublishedFigures`); empty when the target is the edition after the table.
    public var rollForward: [ConditionedStep] = []
    /// How many draws of the model's parameters the trials share (`PortfolioFlowModel.bootstrap`);
    /// 0 when every trial uses the estimate itself.
    public var parameterDraws = 0
    public private(set) var mean: Double
    /// The sample standard deviation of the totals (n − 1).
    public private(set) var standardDeviation: Double
    /// The Monte Carlo standard error of the mean: sd / √trials.
    public var meanStandardError: Double { standardDeviation / Double(max(trials, 1)).squareRoot() }
    private var sortedTotals: [Double]

    /// Rolls `table` forward `trials` times on `threads` workers (the result does not depend on it).
    /// - Throws: `Cancelled` when `cancelled` returns true (polled before each chunk).
    public static func run(_ table: [PortfolioPanel.Project], model: PortfolioFlowModel, trials: Int, seed: UInt64,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount, byGroup: Bool = false,
                           published: PublishedFigures? = nil, parameterDraws: [PortfolioFlowModel] = [],
                           cancelled: @Sendable () -> Bool = { false }) throws -> PortfolioSimulation {
        let projects = table.filter(\.counts)
        let models = parameterDraws.isEmpty ? [model] : parameterDraws
        let names = RollForward.groupNames(projects, models: models, byGroup: byGroup)
        let rolls = models.map { RollForward(projects, model: $0, groupNames: names) }
        // Trial i's parameters are draw i mod count; through the editions with only published
        // figures first, one portfolio per trial, each keeping its draw when resampled.
        var portfolios: [[Holding]] = [], steps: [ConditionedStep] = [], draw = (0..<trials).map { $0 % rolls.count }
        if let published, !published.editions.isEmpty {
            (portfolios, draw, steps) = try RollForward.rollThrough(rolls, published, trials: trials, seed: seed, threads: threads,
                                                                    cancelled: cancelled)
        }
        let starts = portfolios, drawn = draw
        // Trial-major columns: total, growth, entries, exits, then one per group.
        let columns = 4 + names.count
        var values = [Double](repeating: 0, count: max(1, columns * trials))
        var chunkMoments = [Moments](repeating: Moments(), count: ParallelChunks.trialChunks(trials).count)
        try values.withUnsafeMutableBufferPointer { v in
            try chunkMoments.withUnsafeMutableBufferPointer { m in
                let out = SharedPointer(v.baseAddress!), moments = SharedPointer(m.baseAddress!)
                try ParallelChunks.runTrials(trials, seed: seed, threads: threads, isCancelled: cancelled,
                                             makeWorkspace: {}) { c, range, rng, _ in
                    for trial in range {
                        let roll = rolls[drawn[trial]]
                        var portfolio = starts.isEmpty ? roll.start : starts[trial]
                        roll.trial(trial, of: trials, portfolio: &portfolio, using: &rng, into: out)
                    }
                    moments[c] = Moments(out + range.lowerBound, count: range.count, atOrBelow: 0)
                }
            }
        }
        var summary = chunkMoments[0]
        for m in chunkMoments.dropFirst() { summary.merge(m) }
        func column(_ k: Int) -> [Double] { Array(values[(k * trials)..<((k + 1) * trials)]) }
        let totals = column(0)
        var groups: [String: [Double]] = [:]
        for (g, name) in names.enumerated() { groups[name] = column(4 + g) }
        var simulation = PortfolioSimulation(
            totals: totals, growth: column(1), entries: column(2), exits: column(3), groupTotals: groups,
            startTotal: projects.reduce(0) { $0 + $1.cost }, trials: trials, seed: seed, model: model,
            mean: trials > 0 ? summary.mean : .nan,
            standardDeviation: trials > 1 ? (summary.sumSquares / (summary.count - 1)).squareRoot() : .nan,
            sortedTotals: totals.sorted())
        simulation.rollForward = steps
        simulation.parameterDraws = parameterDraws.count
        return simulation
    }

    /// The totals in the published figures' units (issue 19.2): each trial's total × exp(bias + ε),
    /// ε ~ N(0, scale²) from a stream of its own derived from `seed`, drawn in trial order (so the
    /// result does not depend on the threads). The components (growth, entries, exits), the
    /// groups, the start and the roll-forward stay as the tables count them.
    public func inPublishedUnits(_ gap: PublishedFigures.Gap) -> PortfolioSimulation {
        var mixer = SplitMix64(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        var rng = Xoshiro256StarStar(seed: mixer.next())
        let converted = totals.map { $0 * exp(gap.bias + gap.scale * Ziggurat.normal(using: &rng)) }
        var simulation = self
        simulation.totals = converted
        simulation.sortedTotals = converted.sorted()
        simulation.mean = trials > 0 ? Descriptive.mean(converted) : .nan
        simulation.standardDeviation = trials > 1 ? Descriptive.sampleVariance(converted).squareRoot() : .nan
        return simulation
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
