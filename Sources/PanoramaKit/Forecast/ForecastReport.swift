import Foundation

/// A top-down forecast as the shell shows it: the method used (asked for, or chosen by `auto`),
/// the target editions, points and intervals, and for `auto` every candidate with its AICc and
/// backtest MASE plus the equal-weight combination.
public struct ForecastReport: Sendable {
    /// The series the methods saw (after `since=`).
    public var series: ForecastSeries
    public var horizon: Int
    public var levels: [Double]
    /// `naive` … `holt`, or `combination`.
    public var methodName: String
    /// Why this method: `asked`, `backtest MASE`, `AICc`, or `default` when neither ranked the candidates.
    public var chosenBy: String
    public var points: [ForecastPoint]
    /// The fit behind `points` (nil for the combination).
    public var fit: ForecastFit?
    /// Every candidate, for `auto` and `combination`.
    public var selection: ForecastSelection?
    /// `since=` as the user gave it, for display.
    public var since: String?
    public var notes: [String]
    /// Whether the intervals shown (`table`, `candidates`, `interval`) are calibrated
    /// (`calibrate=true`); `points` and the fits keep the models' own.
    public var calibrate = false
    /// The backtest the calibrations were fitted and replayed on (`selection`'s for `auto` and
    /// `combination`, the method's own on the same origins otherwise).
    public var calibrationBacktest: Backtest?
    /// One per backtest row (each method and the combination), when calibrated.
    public var calibrations: [ForecastCalibration] = []
    /// What the calibration did (or why it could not), after `notes`.
    public var calibrationNotes: [String] = []

    /// What `method:` accepts: auto (chosen by backtest or AICc), combination, or one method.
    public static let methodNames = ["auto", "combination"] + ForecastMethod.allCases.map(\.rawValue)

    /// Forecasts `series` with `method` (`auto`, `combination` or a `ForecastMethod` name). With
    /// `calibrate`, each method's intervals are calibrated on its backtest misses
    /// (`ForecastCalibration`) and the intervals shown are the calibrated ones.
    ///
    /// - Throws: `ForecastError` for an unknown method or a series too short for it.
    public static func make(_ series: ForecastSeries, method: String = "auto", horizon: Int = 1,
                            levels: [Double] = [80, 95], since: String? = nil, minimumTraining: Int? = nil,
                            calibrate: Bool = false, cancelled: () -> Bool = { false }) throws -> ForecastReport {
        var report = try fitted(series, method: method, horizon: horizon, levels: levels, since: since,
                                minimumTraining: minimumTraining, cancelled: cancelled)
        if calibrate { try report.fitCalibrations(minimumTraining: minimumTraining, cancelled: cancelled) }
        return report
    }

    /// The report with the models' own intervals.
    static func fitted(_ series: ForecastSeries, method: String, horizon: Int, levels: [Double], since: String?,
                       minimumTraining: Int?, cancelled: () -> Bool) throws -> ForecastReport {
        let series = series.trimmed
        guard horizon >= 1 else { throw ForecastError("the horizon must be at least 1, not \(horizon)") }
        for level in levels where !(level > 0 && level < 100) {
            throw ForecastError("levels are percentages between 0 and 100, not \(NumberFormat().string(level))")
        }
        var notes = series.notes
        let gaps = series.values.filter(\.isNaN).count
        if gaps > 0 {
            let missing = zip(series.labels, series.values).filter { $1.isNaN }.map(\.0)
            notes.append("\(Prose.counted(gaps, "missing edition")) treated as \(Prose.noun(gaps, "gap")): " + missing.joined(separator: ", "))
        }
        if method == "auto" || method == "combination" {
            let selection = try ForecastSelection.select(series.values, horizon: horizon, levels: levels,
                                                         minimumTraining: minimumTraining, cancelled: cancelled)
            notes += selection.notes
            for fit in selection.fits { notes += fit.warnings.map { "\(fit.method.rawValue): \($0)" } }
            if method == "combination" {
                return ForecastReport(series: series, horizon: horizon, levels: levels, methodName: "combination",
                                      chosenBy: "asked", points: selection.combination, fit: nil, selection: selection,
                                      since: since, notes: notes)
            }
            let fit = selection.fit(selection.chosen)!
            var by = selection.byMASE != nil ? "backtest MASE" : "AICc"
            if selection.byMASE == nil && selection.byAICc == nil {
                // Too short (or too flat) for a likelihood and a backtest: nothing ranked the candidates.
                by = "default"
                notes.append("neither AICc nor a backtest could rank the candidates: \(fit.method.rawValue), the first, is shown")
            }
            return ForecastReport(series: series, horizon: horizon, levels: levels, methodName: fit.method.rawValue,
                                  chosenBy: by, points: fit.forecasts, fit: fit, selection: selection, since: since, notes: notes)
        }
        guard let m = ForecastMethod(rawValue: method) else {
            throw ForecastError("unknown method '\(method)'; methods are " + methodNames.map { "'\($0)'" }.joined(separator: ", "))
        }
        let fit = try ForecastFit.estimate(m, on: series.values, horizon: horizon)
        notes += fit.warnings
        return ForecastReport(series: series, horizon: horizon, levels: levels, methodName: m.rawValue, chosenBy: "asked",
                              points: fit.forecasts, fit: fit, selection: nil, since: since, notes: notes)
    }

    /// The readable title of the method used.
    public var methodTitle: String {
        ForecastMethod(rawValue: methodName)?.title ?? "equal-weight combination of \(Prose.counted(selection?.fits.count ?? 0, "method"))"
    }

    public var targets: [String] { (1...horizon).map { series.targetLabel($0) } }

    /// One row per horizon: target, point, lo_80, hi_80, lo_95, hi_95 (the intervals shown:
    /// calibrated with `calibrate`, the model's own otherwise).
    public var table: Frame {
        var columns = [
            Column(name: "target", .text(Categorical(targets.map { Optional($0) }))),
            Column(name: "point", .number(points.map(\.mean))),
        ]
        for level in levels {
            let key = ForecastFormat.level(level)
            let bounds = points.map { interval(level, of: $0, method: methodName) }
            columns.append(Column(name: "lo_\(key)", .number(bounds.map(\.lower))))
            columns.append(Column(name: "hi_\(key)", .number(bounds.map(\.upper))))
        }
        return Frame(columns: columns)
    }

    /// For `auto`: each candidate's next-edition forecast, widest interval (as shown), AICc and backtest
    /// MASE, and the combination last (coverage is in the backtest table).
    public var candidates: Frame? {
        guard let selection else { return nil }
        let widest = levels.max() ?? 95
        let key = ForecastFormat.level(widest)
        var names: [String?] = [], point: [Double] = [], lo: [Double] = [], hi: [Double] = []
        var aicc: [Double] = [], mase: [Double] = []
        func add(_ name: String, _ p: ForecastPoint, _ a: Double) {
            names.append(name)
            point.append(p.mean)
            let i = interval(widest, of: p, method: name)
            lo.append(i.lower); hi.append(i.upper)
            aicc.append(a)
            let row = selection.backtest?.row(name)
            mase.append(row?.accuracy.mase ?? .nan)
        }
        for fit in selection.fits { add(fit.method.rawValue, fit.forecasts[0], fit.aicc ?? .nan) }
        if let c = selection.combination.first { add("combination", c, .nan) }
        return Frame(columns: [
            Column(name: "method", .text(Categorical(names))),
            Column(name: "point", .number(point)),
            Column(name: "lo_\(key)", .number(lo)),
            Column(name: "hi_\(key)", .number(hi)),
            Column(name: "aicc", .number(aicc)),
            Column(name: "mase", .number(mase)),
        ])
    }
}
