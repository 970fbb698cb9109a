import Foundation

/// Calibrated intervals for both views (issue 19.3): each view's intervals widened or narrowed
/// by rolling conformal quantiles of its own past one-step errors (`ConformalCalibration`) —
/// in units of the predictive standard deviation top-down, relative to the point bottom-up.
extension PortfolioOutlook {
    /// Fits the calibrations on each view's backtest and scores them out of sample.
    mutating func calibrateViews() {
        if let report = topDown, let b = topDownBacktest, let row = b.row(report.methodName), row.forecasts.count == b.actuals.count {
            let points = row.forecasts.map { $0?.mean ?? .nan }, units = row.forecasts.map { $0?.standardDeviation ?? .nan }
            let scores = b.actuals.indices.map { ConformalCalibration.score(actual: b.actuals[$0], point: points[$0], unit: units[$0]) }
            topDownCalibration = ConformalCalibration(scores: scores, levels: levels)
            let raw = levels.map { level in row.forecasts.map { $0?.interval(level) ?? (.nan, .nan) } }
            topDownCalibratedRow = ConformalCalibration.row("\(report.methodName), calibrated", actuals: b.actuals, points: points,
                                                            units: units, raw: raw, levels: levels, scale: b.scale)
        }
        if let b = bottomUpBacktest {
            let scores = b.actuals.indices.map { ConformalCalibration.score(actual: b.actuals[$0], point: b.points[$0], unit: b.points[$0]) }
            bottomUpCalibration = ConformalCalibration(scores: scores, levels: levels)
        }
        if let c = topDownCalibration, let p = topDown?.points.first {
            notes.append("top-down intervals calibrated on \(Prose.counted(c.scoreCount, "past one-step error")): "
                         + c.summary(point: p.mean, unit: p.standardDeviation, raw: p.interval))
        }
        if let c = bottomUpCalibration, let sim = bottomUp {
            notes.append("bottom-up intervals calibrated on \(Prose.counted(c.scoreCount, "past relative error")): "
                         + c.summary(point: sim.point, unit: sim.point, raw: sim.interval))
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

    /// The calibrated rows of the backtest: (view, row), each after its raw row.
    var calibratedRows: [(view: String, row: Backtest.Row)] {
        guard calibrate else { return [] }
        return [topDownCalibratedRow.map { ("top-down", $0) }, bottomUpBacktest?.calibratedRow.map { ("bottom-up", $0) }].compactMap { $0 }
    }
}
