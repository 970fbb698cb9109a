import Foundation

/// Calibrated intervals for both views (issue 19.3): each view's intervals widened or narrowed
/// by rolling conformal quantiles of its own past one-step errors (`ConformalCalibration`) —
/// in units of the predictive standard deviation top-down, relative to the point bottom-up.
extension PortfolioOutlook {
    /// Fits the calibrations on each view's backtest and scores them out of sample.
    mutating func calibrateViews() {
        // The top-down method is calibrated as `forecast(…, calibrate=true)` calibrates it.
        let topDownMethod = topDown.flatMap { r in topDownBacktest.flatMap { ForecastCalibration($0, method: r.methodName, rowName: "calibrated") } }
        topDownCalibration = topDownMethod?.conformal
        topDownCalibratedRow = topDownMethod?.row
        if let b = bottomUpBacktest {
            // Rolled through published totals, the forecast is calibrated on the rolled replays
            // and the one-step ones, all scored in published units (`RolledReplays.calibrationScores`).
            let scores = rolledReplays?.calibrationScores.map(\.score)
                ?? b.actuals.indices.map { ConformalCalibration.score(actual: b.actuals[$0], point: b.points[$0], unit: b.points[$0]) }
            bottomUpCalibration = ConformalCalibration(scores: scores, levels: levels)
        }
        if let c = topDownMethod, let p = topDown?.points.first { notes.append("top-down " + c.note(p)) }
        if let c = bottomUpCalibration, let sim = bottomUp {
            let pool = rolledReplays?.calibrationScores.filter { $0.score.isFinite }
            let which = pool.map { p in
                " (\(p.filter(\.rolled).count) replays rolled through published totals, as this forecast is, and \(p.filter { !$0.rolled }.count) one-step ones, all in published units; in the backtest each replay is calibrated only on those whose target comes before its own)"
            } ?? ""
            notes.append("bottom-up intervals calibrated on the relative misses of \(Prose.counted(c.scoreCount, "past forecast")): "
                         + c.summary(point: sim.point, unit: sim.point, raw: sim.interval) + which)
        }
    }

    /// The top-down interval shown: calibrated when `calibrate` (and the level could be), else
    /// the model's own.
    public func topDownInterval(_ level: Double) -> (lower: Double, upper: Double)? {
        guard let p = topDown?.points.first else { return nil }
        guard calibrate, let c = topDownCalibration else { return p.interval(level) }
        return c.interval(level, point: p.mean, unit: p.standardDeviation, raw: p.interval)
    }

    /// The bottom-up interval shown: calibrated on relative errors when `calibrate`, else the
    /// simulation's percentiles.
    public func bottomUpInterval(_ level: Double) -> (lower: Double, upper: Double)? {
        guard let sim = bottomUp else { return nil }
        guard calibrate, let c = bottomUpCalibration else { return sim.interval(level) }
        return c.interval(level, point: sim.point, unit: sim.point, raw: sim.interval)
    }

    /// The bottom-up totals as shown (`o.bottom_up`, its S-curve): calibrated when `calibrate`,
    /// each tail stretched about the median so that the widest calibrated level's interval is
    /// the calibrated one (P10 and P90 for 80 %); the simulation's own totals otherwise.
    public var bottomUpTotals: [Double] {
        guard let sim = bottomUp else { return [] }
        guard calibrate, let c = bottomUpCalibration,
              let level = zip(c.levels, c.multipliers).filter({ $0.1 != nil }).map(\.0).max(),
              let shown = bottomUpInterval(level) else { return sim.totals }
        let raw = sim.interval(level), m = sim.point
        let below = m > raw.lower ? (m - shown.lower) / (m - raw.lower) : 1
        let above = raw.upper > m ? (shown.upper - m) / (raw.upper - m) : 1
        return sim.totals.map { $0 < m ? m - below * (m - $0) : m + above * ($0 - m) }
    }

    /// The calibrated rows of the backtest (method `calibrated`): (view, the row they calibrate,
    /// row), each shown after the row it calibrates.
    var calibratedRows: [(view: String, base: String, row: Backtest.Row)] {
        guard calibrate else { return [] }
        return [topDownCalibratedRow.flatMap { r in topDown.map { ("top-down", $0.methodName, r) } },
                bottomUpCalibratedRow.map { ("bottom-up", bottomUpRow?.method ?? "bottom-up", $0) }].compactMap { $0 }
    }

    /// The bottom-up backtest's rolled replays when the forecast was rolled through published
    /// totals (and there are any), else nil.
    public var rolledReplays: PortfolioBacktest.RolledReplays? {
        guard bottomUp?.rollForward.isEmpty == false else { return nil }
        return bottomUpBacktest?.rolled
    }

    /// The backtest row that replays the bottom-up forecast as made: the rolled one when the
    /// forecast was rolled through published totals, else the one-step one.
    public var bottomUpRow: Backtest.Row? { rolledReplays?.row ?? bottomUpBacktest?.rows.first }

    /// Its calibrated intervals replayed the same way.
    public var bottomUpCalibratedRow: Backtest.Row? {
        rolledReplays.map(\.calibratedRow) ?? bottomUpBacktest?.calibratedRow
    }
}
