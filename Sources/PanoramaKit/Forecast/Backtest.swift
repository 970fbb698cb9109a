import Foundation

/// Rolling-origin evaluation, one step ahead: for each target position j whose value is known,
/// every method is fitted on positions 0…j−1 only and forecasts j; the forecasts are then scored
/// (MAE, RMSE, MAPE, MASE) and the share of actuals inside the 80 % and 95 % intervals counted.
///
/// Origins are common to all methods: the first target is the one after the training data holds
/// `minimumTraining` observed values (by default the most any method needs), so every row scores
/// the same editions. MASE divides by the naive one-step MAE over the whole series
/// (`Accuracy.naiveScale`), so it reads as "MAE relative to the naive method's in-sample error".
/// A target after a gap is forecast at its effective horizon (the gap's length plus one).
public struct Backtest: Sendable {
    /// One method's record: its scores and, per level, the empirical coverage.
    public struct Row: Sendable {
        public var method: String
        public var accuracy: Accuracy
        /// Coverage per level, aligned with `Backtest.levels` (a share in [0, 1]).
        public var coverage: [Double]
        /// Per level, the counts behind `coverage`: actuals inside the interval, out of those scored.
        public var covered: [(inside: Int, scored: Int)]
        /// Each target's forecast, aligned with `Backtest.targets` (empty for a simulation's row).
        public var forecasts: [ForecastPoint?]

        /// Scores one method's forecasts of `actuals` at the given levels.
        public init(method: String, actuals: [Double], forecasts: [ForecastPoint?], levels: [Double], scale: Double) {
            let bounds = levels.map { level in forecasts.map { $0?.interval(level) } }
            self.init(method: method, actuals: actuals, points: forecasts.map { $0?.mean ?? .nan },
                      lower: bounds.map { $0.map { $0?.lower ?? .nan } }, upper: bounds.map { $0.map { $0?.upper ?? .nan } },
                      scale: scale)
            self.forecasts = forecasts
        }

        /// Scores point forecasts and their intervals (`lower[j]`, `upper[j]` for level j), e.g.
        /// a simulation's median and percentiles.
        public init(method: String, actuals: [Double], points: [Double], lower: [[Double]], upper: [[Double]], scale: Double) {
            self.method = method
            forecasts = []
            accuracy = Accuracy(actuals: actuals, forecasts: points, scale: scale)
            covered = zip(lower, upper).map { Accuracy.coverageCount(actuals: actuals, lower: $0, upper: $1) }
            coverage = covered.map { $0.scored > 0 ? Double($0.inside) / Double($0.scored) : .nan }
        }
    }

    public var rows: [Row]
    /// The positions forecast, in order.
    public var targets: [Int]
    /// What happened at each target.
    public var actuals: [Double]
    public var levels: [Double]
    /// The MASE denominator.
    public var scale: Double
    public var minimumTraining: Int

    /// Replays the series one origin at a time; `combination` adds the equal-weight combination
    /// of the methods as a last row.
    ///
    /// - Throws: `ForecastError` when no origin is left to score; `Cancelled` when
    ///   `cancelled` turns true.
    public static func run(_ series: [Double], methods: [ForecastMethod] = ForecastMethod.candidates,
                           combination: Bool = true, levels: [Double] = [80, 95], minimumTraining: Int? = nil,
                           cancelled: () -> Bool = { false }) throws -> Backtest {
        let needed = methods.map(\.minimumObservations).max() ?? 2
        let minimum = minimumTraining ?? needed
        guard minimum >= needed else {
            throw ForecastError("the training window must hold at least \(needed) observed values for these methods, not \(minimum)")
        }
        var observedBefore = 0
        var targets: [Int] = []
        for j in series.indices {
            if !series[j].isNaN && observedBefore >= minimum { targets.append(j) }
            if !series[j].isNaN { observedBefore += 1 }
        }
        let observed = series.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
        guard !targets.isEmpty else {
            throw ForecastError("the series has \(Prose.counted(observed, "observed value")): a backtest needs more than the \(minimum) the first training window holds")
        }
        var perMethod = [[ForecastPoint?]](repeating: [], count: methods.count)
        var combined: [ForecastPoint?] = []
        for j in targets {
            if cancelled() { throw Cancelled() }
            let training = Array(series[..<j])
            var fits: [ForecastFit] = []
            for (i, method) in methods.enumerated() {
                let fit = try? ForecastFit.estimate(method, on: training, horizon: 1)
                perMethod[i].append(fit?.forecasts[0])
                if let fit { fits.append(fit) }
            }
            combined.append(fits.count == methods.count ? ForecastCombination.combine(fits, series: training).first : nil)
        }
        let actuals = targets.map { series[$0] }
        let scale = Accuracy.naiveScale(series)
        var rows = methods.indices.map {
            Row(method: methods[$0].rawValue, actuals: actuals, forecasts: perMethod[$0], levels: levels, scale: scale)
        }
        if combination && methods.count > 1 {
            rows.append(Row(method: "combination", actuals: actuals, forecasts: combined, levels: levels, scale: scale))
        }
        return Backtest(rows: rows, targets: targets, actuals: actuals, levels: levels, scale: scale, minimumTraining: minimum)
    }

    /// The row of a method by name.
    public func row(_ method: String) -> Row? { rows.first { $0.method == method } }

    /// The table: method, n, mae, rmse, mape, mase, coverage_80, coverage_95 (one column per level).
    public var frame: Frame { Backtest.frame(rows, levels: levels) }

    /// The backtest table of any rows.
    public static func frame(_ rows: [Row], levels: [Double]) -> Frame {
        var columns = [
            Column(name: "method", .text(Categorical(rows.map { Optional($0.method) }))),
            Column(name: "n", .number(rows.map { Double($0.accuracy.count) })),
            Column(name: "mae", .number(rows.map(\.accuracy.mae))),
            Column(name: "rmse", .number(rows.map(\.accuracy.rmse))),
            Column(name: "mape", unit: "%", .number(rows.map(\.accuracy.mape))),
            Column(name: "mase", .number(rows.map(\.accuracy.mase))),
        ]
        for (i, level) in levels.enumerated() {
            columns.append(Column(name: "coverage_\(ForecastFormat.level(level))", .number(rows.map { $0.coverage[i] })))
        }
        return Frame(columns: columns)
    }
}

/// Small text helpers shared by the forecast kernel's outputs.
public enum ForecastFormat {
    /// A level as a key: `80`, `95`, `97.5`.
    public static func level(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : String(level)
    }
}
