import Foundation

extension PortfolioBacktest {
    /// The bottom-up view replayed as the outlook runs it when the tables are older than the
    /// published totals (issue 19.2): for each edition t with a table, the latest table k at
    /// least two editions before it is rolled through editions k + 1 … t − 1 conditioned on
    /// their published figures (`PublishedFigures`, its gaps measured on the editions up to k),
    /// the flow model estimated on the transitions up to k, and the simulated total of t scored
    /// in published units as the outlook's forecast is (`PublishedUnits`: the gap measured up to
    /// k, against t's published total) — in table sums when t has no published total or the gap
    /// could not be measured. Row `bottom-up, rolled`; its calibrated intervals as the one-step
    /// row's (`ConformalCalibration`, relative errors), each target calibrated on the errors of
    /// the replays, rolled and one-step alike, whose target comes before its own (issue 19.3:
    /// both are in the forecast's unit and out of sample, and six rolled replays alone leave the
    /// first four uncalibrated).
    public struct RolledReplays: Sendable {
        public var targets: [Int]
        public var origins: [Int]
        public var actuals: [Double]
        public var points: [Double]
        public var row: Backtest.Row
        public var calibratedRow: Backtest.Row?
        /// The relative misses the rolled forecast is calibrated on: each replay's target, its
        /// score and whether it was a rolled replay (else a one-step one), in target order.
        public var calibrationScores: [(target: Int, score: Double, rolled: Bool)] = []
        /// Replays left out because no simulated portfolio reproduced a published figure:
        /// the target and why.
        public var leftOut: [(target: Int, reason: String)] = []

        public static let method = "bottom-up, rolled"

        /// nil when no edition has a table two or more editions after one with enough
        /// transitions before it.
        static func run(_ panel: PortfolioPanel, levels: [Double], trials: Int, seed: UInt64, minimumTransitions: Int,
                        totals: [Int: Double], counts: [Int: Double], scale: Double, parameterDraws: Int,
                        oneStepScores: [(target: Int, score: Double)], cancelled: @Sendable () -> Bool) throws -> RolledReplays? {
            let pairs = panel.consecutivePairs, units = PublishedUnits(panel: panel, totals: totals)
            var targets: [Int] = [], origins: [Int] = [], actuals: [Double] = [], points: [Double] = []
            var lower = levels.map { _ in [Double]() }, upper = lower
            var leftOut: [(target: Int, reason: String)] = []
            for t in panel.editions {
                guard let k = panel.editions.last(where: { $0 <= t - 2 }) else { continue }
                let training = pairs.filter { $0.to <= k }
                guard training.count >= minimumTransitions else { continue }
                let flows = training.map { panel.transition(from: $0.from, to: $0.to) }
                let model = try PortfolioFlowModel.estimate(flows)
                let replaySeed = seed &+ UInt64(k) &+ (UInt64(t) << 16)
                let figures = PublishedFigures.between(panel, table: k, through: t - 1, totals: totals, counts: counts)
                var sim: PortfolioSimulation
                do {
                    sim = try PortfolioSimulation.run(panel.tables[k]!, model: model, trials: trials, seed: replaySeed, published: figures,
                                                      parameterDraws: PortfolioFlowModel.bootstrap(flows, replicates: parameterDraws, seed: replaySeed),
                                                      cancelled: cancelled)
                } catch let e as ForecastError {
                    leftOut.append((t, e.message))  // no simulated portfolio reproduces a figure: nothing to score
                    continue
                }
                targets.append(t)
                origins.append(k)
                let scored = units.replay(sim, origin: k, target: t)
                sim = scored.simulation
                actuals.append(scored.actual)
                points.append(sim.point)
                for (j, level) in levels.enumerated() {
                    let i = sim.interval(level)
                    lower[j].append(i.lower); upper[j].append(i.upper)
                }
            }
            guard !targets.isEmpty else { return nil }
            let row = Backtest.Row(method: method, actuals: actuals, points: points, lower: lower, upper: upper, scale: scale)
            let raw = levels.indices.map { j in zip(lower[j], upper[j]).map { (lower: $0, upper: $1) } }
            let own = targets.indices.map { (target: targets[$0], score: ConformalCalibration.score(actual: actuals[$0], point: points[$0], unit: points[$0]), rolled: true) }
            let pool = (own + oneStepScores.map { (target: $0.target, score: $0.score, rolled: false) }).sorted { $0.target < $1.target }
            let r = ConformalCalibration.rolling(points: points, units: points, raw: raw, levels: levels, targets: targets,
                                                 pool: pool.map { (target: $0.target, score: $0.score) })
            let calibrated = Backtest.Row(method: "calibrated", actuals: actuals, points: points, lower: r.lower, upper: r.upper, scale: scale)
            return RolledReplays(targets: targets, origins: origins, actuals: actuals, points: points, row: row, calibratedRow: calibrated,
                                 calibrationScores: pool, leftOut: leftOut)
        }
    }
}
