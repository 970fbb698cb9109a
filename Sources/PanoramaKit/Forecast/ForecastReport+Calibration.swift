import Foundation

/// `forecast(…, calibrate=true)` (issue 19.3): every method's intervals calibrated by rolling
/// conformal quantiles of its own past one-step misses (`ForecastCalibration`), strictly out
/// of sample, and the calibrated intervals replayed on the same backtest.
extension ForecastReport {
    /// Fits the calibrations. `auto` and `combination` use the selection's backtest; one method
    /// is backtested alone on the same origins `auto` would score (`minimumTraining`, else the
    /// most observations any candidate the series can fit needs), so its calibration is the one
    /// `auto` and `outlook` give the same method.
    ///
    /// - Throws: `Cancelled` when `cancelled` turns true.
    mutating func fitCalibrations(minimumTraining: Int?, cancelled: () -> Bool) throws {
        calibrate = true
        var backtest = selection?.backtest
        if selection == nil, let fit {
            let observed = series.observedCount
            let origins = minimumTraining ?? ForecastMethod.candidates.filter { observed >= $0.minimumObservations }
                .map(\.minimumObservations).max() ?? fit.method.minimumObservations
            do {
                backtest = try Backtest.run(series.values, methods: [fit.method], combination: false, levels: levels,
                                            minimumTraining: max(origins, fit.method.minimumObservations), cancelled: cancelled)
            } catch let e as ForecastError {
                calibrationNotes.append("no backtest: \(e.message)")
            }
        }
        calibrationBacktest = backtest
        calibrations = backtest.map { b in b.rows.compactMap { ForecastCalibration(b, method: $0.method) } } ?? []
        guard let p = points.first else { return }
        if let c = calibration(methodName) {
            calibrationNotes.append(c.note(p))
            if horizon > 1 {
                let later = horizon == 2 ? targets[1] : "\(targets[1]) … \(targets[horizon - 1])"
                calibrationNotes.append("only one-step misses exist: \(later) use\(horizon == 2 ? "s" : "") the same quantiles, in units of \(horizon == 2 ? "its" : "each horizon's") own (wider) standard deviation")
            }
        } else {
            calibrationNotes.append("intervals not calibrated: no past one-step forecast to calibrate on; the model's own intervals are shown")
        }
    }

    /// Whether the method shown was calibrated (asked for, and a backtest to calibrate on).
    public var isCalibrated: Bool { calibrate && calibration(methodName) != nil }

    /// A method's calibration (`naive` … `combination`), when calibrated.
    public func calibration(_ method: String) -> ForecastCalibration? {
        calibrations.first { $0.method == method }
    }

    /// The interval shown for a forecast `p` of `method`: calibrated with `calibrate` (when the
    /// method could be), else the model's own.
    public func interval(_ level: Double, of p: ForecastPoint, method: String) -> (lower: Double, upper: Double) {
        guard calibrate, let c = calibration(method) else { return p.interval(level) }
        return c.interval(level, of: p)
    }

    /// The same report with the models' own intervals (`f.model`).
    public var uncalibrated: ForecastReport {
        var r = self
        r.calibrate = false
        r.calibrations = []
        r.calibrationBacktest = nil
        r.calibrationNotes = []
        return r
    }

    /// Per backtest row and level, the coverage of the model's intervals and of the calibrated
    /// ones replayed out of sample: (method, level, model counts, calibrated counts).
    public var calibratedCoverage: [(method: String, level: Double, model: (inside: Int, scored: Int), calibrated: (inside: Int, scored: Int))] {
        guard calibrate, let b = calibrationBacktest else { return [] }
        return b.rows.flatMap { row in
            b.levels.indices.compactMap { j in
                calibration(row.method).map { (row.method, b.levels[j], row.covered[j], $0.row.covered[j]) }
            }
        }
    }
}
