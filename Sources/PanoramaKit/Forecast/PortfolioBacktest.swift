import Foundation

/// The bottom-up view replayed on history: for each pair of consecutive editions (k, k + 1)
/// with tables, the flow model is estimated on the consecutive transitions up to k only, the
/// table of k is rolled forward, and the simulated total is scored against the table total of
/// k + 1 (point = the simulated median; intervals = its percentiles). The naive forecast of the
/// panel totals (total of k + 1 = total of k, σ from earlier consecutive changes) is scored on
/// the same targets, and MASE divides by the naive one-step MAE of all consecutive panel totals.
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
                           cancelled: @Sendable () -> Bool = { false }) throws -> PortfolioBacktest {
        let pairs = panel.consecutivePairs
        var targets: [Int] = [], origins: [Int] = [], actuals: [Double] = [], points: [Double] = []
        var lower = levels.map { _ in [Double]() }, upper = lower
        var naivePoints: [Double] = [], naiveLower = lower, naiveUpper = lower
        for (from, to) in pairs {
            let training = pairs.filter { $0.to <= from }
            guard training.count >= minimumTransitions else { continue }
            let flows = training.map { panel.transition(from: $0.from, to: $0.to) }
            let model = try PortfolioFlowModel.estimate(flows)
            let sim = try PortfolioSimulation.run(panel.tables[from]!, model: model, trials: trials,
                                                  seed: seed &+ UInt64(from), cancelled: cancelled)
            targets.append(to)
            origins.append(from)
            actuals.append(panel.total(to))
            points.append(sim.point)
            let start = panel.total(from)
            let changes = training.map { panel.total($0.to) - panel.total($0.from) }
            let sigma = (changes.reduce(0) { $0 + $1 * $1 } / Double(changes.count)).squareRoot()
            naivePoints.append(start)
            for (j, level) in levels.enumerated() {
                let i = sim.interval(level)
                lower[j].append(i.lower); upper[j].append(i.upper)
                let n = ForecastPoint(mean: start, standardDeviation: sigma).interval(level)
                naiveLower[j].append(n.lower); naiveUpper[j].append(n.upper)
            }
        }
        guard !targets.isEmpty else {
            throw ForecastError("no pair of consecutive editions has \(Prose.counted(minimumTransitions, "earlier transition")) to learn from: nothing to backtest")
        }
        let changes = pairs.map { abs(panel.total($0.to) - panel.total($0.from)) }
        let scale = changes.reduce(0, +) / Double(changes.count)
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
                                                    totals: publishedTotals, counts: publishedCounts, scale: scale, cancelled: cancelled)
            if let row = backtest.rolled?.row { backtest.rows.append(row) }
        }
        return backtest
    }
}
