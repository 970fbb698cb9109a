import Foundation

/// The bottom-up view replayed on history: for each pair of consecutive editions (k, k + 1)
/// with tables, the flow model is estimated on the consecutive transitions up to k only, the
/// table of k is rolled forward, and the simulated total is scored against the total of k + 1
/// (point = the simulated median; intervals = its percentiles). The naive forecast of the
/// panel totals (total of k + 1 = total of k, σ from earlier consecutive changes) is scored on
/// the same targets, and MASE divides by the naive one-step MAE of all consecutive totals.
/// With `parameterDraws`, each replay carries that many bootstrap draws of its model's
/// parameters (`PortfolioFlowModel.bootstrap`, on the transitions up to its origin only; at
/// most one draw per 40 trials).
///
/// With published totals (the outlook rolled through them, so its forecast is in published
/// units) every row is scored in that unit (`PublishedUnits`): each replay converted with the
/// gap measured on the editions up to its own origin, against the target's published total.
public struct PortfolioBacktest: Sendable {
    /// Editions forecast, and each one's origin.
    public var targets: [Int]
    public var origins: [Int]
    public var actuals: [Double]
    /// The bottom-up row, then the naive row.
    public var rows: [Backtest.Row]
    public var levels: [Double]
    public var scale: Double
    /// The bottom-up forecasts (simulated medians), aligned with `targets`.
    public var points: [Double] = []
    /// The bottom-up intervals calibrated by rolling conformal quantiles of the earlier targets'
    /// relative errors (`ConformalCalibration`), scored on the same targets.
    public var calibratedRow: Backtest.Row?
    /// The replays of a table rolled through published totals (`rolledReplays`), when the
    /// published figures allow any.
    public var rolled: RolledReplays?

    public var frame: Frame { Backtest.frame(rows, levels: levels) }

    /// - Throws: `ForecastError` when no origin has `minimumTransitions` earlier transitions.
    public static func run(_ panel: PortfolioPanel, levels: [Double] = [80, 95], trials: Int = 2000, seed: UInt64 = 1,
                           minimumTransitions: Int = 2, publishedTotals: [Int: Double] = [:], publishedCounts: [Int: Double] = [:],
                           parameterDraws: Int = PortfolioFlowModel.parameterDraws, cancelled: @Sendable () -> Bool = { false }) throws -> PortfolioBacktest {
        let pairs = panel.consecutivePairs
        let units = PublishedUnits(panel: panel, totals: publishedTotals)
        // At least 40 trials a parameter draw (50 draws for the outlook's 2,000-trial replays).
        let draws = min(parameterDraws, trials / 40)
        var targets: [Int] = [], origins: [Int] = [], actuals: [Double] = [], points: [Double] = []
        var lower = levels.map { _ in [Double]() }, upper = lower
        var naivePoints: [Double] = [], naiveLower = lower, naiveUpper = lower
        for (from, to) in pairs {
            let training = pairs.filter { $0.to <= from }
            guard training.count >= minimumTransitions else { continue }
            let flows = training.map { panel.transition(from: $0.from, to: $0.to) }
            let model = try PortfolioFlowModel.estimate(flows)
            let raw = try PortfolioSimulation.run(panel.tables[from]!, model: model, trials: trials, seed: seed &+ UInt64(from),
                                                  parameterDraws: PortfolioFlowModel.bootstrap(flows, replicates: draws, seed: seed &+ UInt64(from)),
                                                  cancelled: cancelled)
            let scored = units.replay(raw, origin: from, target: to)
            let sim = scored.simulation
            targets.append(to)
            origins.append(from)
            actuals.append(scored.actual)
            points.append(sim.point)
            let changes = training.map { panel.total($0.to) - panel.total($0.from) }
            let naive = units.naive(from: panel.total(from), sigma: (changes.reduce(0) { $0 + $1 * $1 } / Double(changes.count)).squareRoot(),
                                    gap: scored.gap)
            naivePoints.append(naive.mean)
            for (j, level) in levels.enumerated() {
                let i = sim.interval(level)
                lower[j].append(i.lower); upper[j].append(i.upper)
                let n = naive.interval(level)
                naiveLower[j].append(n.lower); naiveUpper[j].append(n.upper)
            }
        }
        guard !targets.isEmpty else {
            throw ForecastError("no pair of consecutive editions has \(Prose.counted(minimumTransitions, "earlier transition")) to learn from: nothing to backtest")
        }
        let scale = units.scale(pairs)
        let rows = [
            Backtest.Row(method: "bottom-up", actuals: actuals, points: points, lower: lower, upper: upper, scale: scale),
            Backtest.Row(method: "naive (tables)", actuals: actuals, points: naivePoints, lower: naiveLower,
                         upper: naiveUpper, scale: scale),
        ]
        let raw = levels.indices.map { j in zip(lower[j], upper[j]).map { (lower: $0, upper: $1) } }
        let calibrated = ConformalCalibration.row("calibrated", actuals: actuals, points: points, units: points, raw: raw,
                                                  levels: levels, scale: scale)
        var backtest = PortfolioBacktest(targets: targets, origins: origins, actuals: actuals, rows: rows, levels: levels, scale: scale,
                                         points: points, calibratedRow: calibrated)
        if !publishedTotals.isEmpty || !publishedCounts.isEmpty {
            backtest.rolled = try RolledReplays.run(panel, levels: levels, trials: trials, seed: seed, minimumTransitions: minimumTransitions,
                                                    totals: publishedTotals, counts: publishedCounts, scale: scale,
                                                    parameterDraws: draws,
                                                    oneStepScores: targets.indices.map { (target: targets[$0], score: ConformalCalibration.score(actual: actuals[$0], point: points[$0], unit: points[$0])) },
                                                    cancelled: cancelled)
            if let row = backtest.rolled?.row { backtest.rows.append(row) }
        }
        return backtest
    }
}

extension PortfolioBacktest {
    /// The unit a bottom-up replay is scored in (issue 19.2): with published totals, a replay of
    /// target t from the table of k is converted to published units (`inPublishedUnits`, the gap
    /// measured on the editions up to k only, so no replay sees its own future) and scored
    /// against t's published total; in table sums when t has no published total, the gap cannot
    /// be measured (fewer than three editions up to k with both), or there are no published totals.
    struct PublishedUnits {
        let panel: PortfolioPanel
        let totals: [Int: Double]

        /// t's published total when it is a usable one.
        func published(_ t: Int) -> Double? { totals[t].flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }

        /// The replay in the unit it is scored in, its actual, and the gap used (nil: table sums).
        func replay(_ sim: PortfolioSimulation, origin k: Int, target t: Int) -> (simulation: PortfolioSimulation, actual: Double, gap: PublishedFigures.Gap?) {
            guard let actual = published(t), let gap = PublishedFigures.totalGap(panel, upTo: k, totals: totals) else {
                return (sim, panel.total(t), nil)
            }
            return (sim.inPublishedUnits(gap), actual, gap)
        }

        /// The naive forecast "the table total of k again" (σ from earlier changes of table
        /// totals) in the replay's unit: × exp(bias), its variance with the gap's spread added
        /// (to first order: (σ e^bias)² + (point · scale)²).
        func naive(from start: Double, sigma: Double, gap: PublishedFigures.Gap?) -> ForecastPoint {
            guard let gap else { return ForecastPoint(mean: start, standardDeviation: sigma) }
            let point = start * exp(gap.bias), s = sigma * exp(gap.bias)
            return ForecastPoint(mean: point, standardDeviation: (s * s + point * gap.scale * point * gap.scale).squareRoot())
        }

        /// The MASE denominator: the mean absolute change between consecutive editions with
        /// tables, of the published totals where both have one and else of the table totals.
        func scale(_ pairs: [(from: Int, to: Int)]) -> Double {
            let changes = pairs.map { p in
                if let a = published(p.from), let b = published(p.to) { return abs(b - a) }
                return abs(panel.total(p.to) - panel.total(p.from))
            }
            return changes.reduce(0, +) / Double(changes.count)
        }
    }
}
