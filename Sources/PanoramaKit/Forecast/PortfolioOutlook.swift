import Foundation

/// The headline answer (DESIGN §7): the next total seen top-down (the series of totals) and
/// bottom-up (the latest per-project table rolled forward), side by side with percentiles,
/// intervals and each view's backtest.
public struct PortfolioOutlook: Sendable {
    public var topDown: ForecastReport?
    public var bottomUp: PortfolioSimulation?
    /// The edition the bottom-up view forecasts, and the table it starts from.
    public var bottomUpTarget: String?
    public var bottomUpOrigin: String?
    public var topDownBacktest: Backtest?
    public var bottomUpBacktest: PortfolioBacktest?
    public var groupName: String?
    /// "What past projects say": Flyvbjerg's P80 uplift on the panel's own overrun factors.
    public var referenceClass: ReferenceClassUplift?
    public var levels: [Double]
    public var notes: [String]
    /// Whether the intervals shown are calibrated (`calibrate=true`, the default); the models'
    /// own stay in `topDown` and `bottomUp`.
    public var calibrate = true
    public var topDownCalibration: ConformalCalibration?
    public var bottomUpCalibration: ConformalCalibration?
    /// The top-down method's calibrated intervals replayed on its backtest.
    public var topDownCalibratedRow: Backtest.Row?

    public static let percentiles: [Double] = [5, 10, 50, 80, 90, 95]

    /// Builds both views (either may be absent when its data is).
    ///
    /// - Throws: `ForecastError` when neither view can be built, or a view's data is unusable.
    public static func make(series: ForecastSeries?, panel: PortfolioPanel?, method: String = "auto",
                            since: (time: Double, label: String)? = nil, levels: [Double] = [80, 95],
                            trials: Int = 10_000, seed: UInt64 = 1, backtestTrials: Int = 2_000, calibrate: Bool = true,
                            publishedCounts: [Int: Double] = [:], parameterDraws: Int = PortfolioFlowModel.parameterDraws,
                            cancelled: @Sendable () -> Bool = { false }) throws -> PortfolioOutlook {
        guard series != nil || panel != nil else { throw ForecastError("an outlook needs a series of totals, a per-project panel, or both") }
        var outlook = PortfolioOutlook(levels: levels, notes: [])
        outlook.calibrate = calibrate
        if var series {
            if let panel, case .editionNumbers = series.kind, let last = series.times.last, Double(panel.latest) > last {
                let added = (Int(last) + 1...panel.latest)
                for e in added {
                    series.append(panel.tables[e] != nil ? panel.total(e) : .nan, time: Double(e), label: "edition \(e)")
                }
                outlook.notes.append("the series ends at edition \(Int(last)); the panel's totals extend it to edition \(panel.latest), so both views forecast the same edition")
            }
            if let since { series = try series.since(since.time, label: since.label) }
            let report = try ForecastReport.make(series, method: method, horizon: 1, levels: levels, since: since?.label, cancelled: cancelled)
            outlook.topDown = report
            outlook.topDownBacktest = try report.selection?.backtest
                ?? (try? Backtest.run(report.series.values, levels: levels, cancelled: cancelled))
        }
        if let panel {
            let flows = panel.consecutivePairs.map { panel.transition(from: $0.from, to: $0.to) }
            let model = try PortfolioFlowModel.estimate(flows)
            let latest = panel.latest
            let published = series.flatMap { PublishedFigures.after(panel, series: $0, counts: publishedCounts) }
            outlook.bottomUp = try PortfolioSimulation.run(panel.tables[latest]!, model: model, trials: trials, seed: seed,
                                                           byGroup: panel.columns.group != nil, published: published,
                                                           parameterDraws: PortfolioFlowModel.bootstrap(flows, replicates: parameterDraws, seed: seed),
                                                           cancelled: cancelled)
            let last = published?.editions.last ?? latest
            let word = ForecastSeries.editionWord(panel.columns.time)
            outlook.bottomUpTarget = "\(word) \(last + 1)"
            outlook.bottomUpOrigin = last > latest ? "table \(latest), totals \(last)" : "\(word) \(latest) (\(panel.label(latest)))"
            if let published, let steps = outlook.bottomUp?.rollForward { outlook.notes += published.notes(steps, table: latest) }
            // Rolled through published totals, the target is a published total too, as top-down.
            if last > latest, let gap = published?.totalGap, let sim = outlook.bottomUp {
                outlook.bottomUp = sim.inPublishedUnits(gap)
                outlook.notes.append("bottom-up totals converted to published units: × exp(bias) with the measured spread")
            }
            outlook.groupName = panel.columns.group
            do {
                // Rolled through published totals, the backtest replays that situation too.
                let rolled = last > latest ? series.flatMap(PublishedFigures.byEdition) ?? [:] : [:]
                outlook.bottomUpBacktest = try PortfolioBacktest.run(panel, levels: levels, trials: backtestTrials, seed: seed,
                                                                     publishedTotals: rolled, publishedCounts: last > latest ? publishedCounts : [:],
                                                                     parameterDraws: parameterDraws, cancelled: cancelled)
            } catch let e as ForecastError {
                outlook.notes.append("no bottom-up backtest: \(e.message)")
            }
            for (target, reason) in outlook.rolledReplays?.leftOut ?? [] {
                outlook.notes.append("bottom-up rolled replay of edition \(target) left out: \(reason)")
            }
            outlook.referenceClass = try? ReferenceClassUplift.make(panel.overrunFactors, p: 80)
            let skipped = panel.editions.count - 1 - panel.consecutivePairs.count
            outlook.notes.append("bottom-up flows estimated on \(Prose.counted(flows.count, "consecutive transition")) (\(Prose.counted(model.continuingCount, "continuing project")))"
                                 + (skipped > 0 ? "; \(Prose.counted(skipped, "non-consecutive step")) between tables left out" : ""))
            if let draws = outlook.bottomUp?.parameterDraws, draws > 0 {
                let f = NumberFormat(significantDigits: 2)
                outlook.notes.append("bottom-up parameter uncertainty: each trial runs on one of \(draws) bootstrap draws of the flow model (transitions resampled and refitted); "
                                     + "each simulated edition draws its own exit and entry rates (between-edition dispersion: exits \(f.string(model.exitDispersion)), entries \(f.string(model.entryDispersion)))")
            }
            if let topTarget = outlook.topDown?.targets.first, topTarget != outlook.bottomUpTarget {
                outlook.notes.append("the per-project tables stop at \(outlook.bottomUpOrigin!): the bottom-up view forecasts \(outlook.bottomUpTarget!), the top-down view \(topTarget)")
            }
        }
        if calibrate { outlook.calibrateViews() }
        if let report = outlook.topDown { outlook.notes += report.notes.map { "top-down: \($0)" } }
        return outlook
    }

    // MARK: Tables

    /// Each view's backtest: view, method, n, mae, rmse, mape, mase, coverage per level. The
    /// top-down rows are the method used, naive and the combination; the bottom-up rows the
    /// simulation and the naive forecast of the panel totals on the same editions; with
    /// `calibrate`, a `calibrated` row after the method used and after the simulation scores
    /// their calibrated intervals.
    public var backtest: Frame {
        var rows: [Backtest.Row] = [], views: [String] = []
        if let report = topDown, let b = topDownBacktest {
            var wanted = [report.methodName]
            for m in ["naive", "combination"] where !wanted.contains(m) { wanted.append(m) }
            for m in wanted { if let r = b.row(m) { rows.append(r); views.append("top-down") } }
        }
        if let b = bottomUpBacktest { rows += b.rows; views += b.rows.map { _ in "bottom-up" } }
        // Each calibrated row right after the row it calibrates.
        for c in calibratedRows {
            let at = rows.indices.first { views[$0] == c.view && rows[$0].method == c.base }.map { $0 + 1 } ?? rows.count
            rows.insert(c.row, at: at)
            views.insert(c.view, at: at)
        }
        // The full table (with rmse and mape) is in JSON and `o.backtest`; the text drops those two.
        var frame = Backtest.frame(rows, levels: levels)
        frame.columns.insert(Column(name: "view", .text(Categorical(views.map { Optional($0) }))), at: 0)
        // Short headers so the text fits 80 columns; the identifiers (code, JSON) stay coverage_80….
        for level in levels {
            let key = ForecastFormat.level(level)
            if let i = frame.columns.firstIndex(where: { $0.name == "coverage_\(key)" }) { frame.columns[i].label = "cover \(key)" }
        }
        return frame
    }

    /// For `by=`: each group's current total and simulated P10, P50, P90.
    public var groups: Frame? {
        guard let sim = bottomUp, !sim.groupTotals.isEmpty else { return nil }
        let medians = sim.groupTotals.mapValues { Descriptive.median($0) }
        let names = sim.groupTotals.keys.sorted { medians[$0]! != medians[$1]! ? medians[$0]! > medians[$1]! : $0 < $1 }
        func q(_ p: Double) -> [Double] { names.map { Descriptive.quantile(sorted: sim.groupTotals[$0]!.sorted(), p) } }
        return Frame(columns: [
            Column(name: groupName ?? "group", .text(Categorical(names.map { Optional($0) }))),
            Column(name: "p10", label: "P10", .number(q(0.1))),
            Column(name: "p50", label: "P50", .number(q(0.5))),
            Column(name: "p90", label: "P90", .number(q(0.9))),
        ])
    }
}
