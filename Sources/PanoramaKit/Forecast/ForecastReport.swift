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
    /// Why this method: `asked`, `backtest MASE`, `AICc`.
    public var chosenBy: String
    public var points: [ForecastPoint]
    /// The fit behind `points` (nil for the combination).
    public var fit: ForecastFit?
    /// Every candidate, for `auto` and `combination`.
    public var selection: ForecastSelection?
    /// `since=` as the user gave it, for display.
    public var since: String?
    public var notes: [String]

    /// Forecasts `series` with `method` (`auto`, `combination` or a `ForecastMethod` name).
    ///
    /// - Throws: `ForecastError` for an unknown method or a series too short for it.
    /// What `method:` accepts: auto (chosen by backtest or AICc), combination, or one method.
    public static let methodNames = ["auto", "combination"] + ForecastMethod.allCases.map(\.rawValue)

    public static func make(_ series: ForecastSeries, method: String = "auto", horizon: Int = 1,
                            levels: [Double] = [80, 95], since: String? = nil, minimumTraining: Int? = nil,
                            cancelled: () -> Bool = { false }) throws -> ForecastReport {
        let series = series.trimmed
        guard horizon >= 1 else { throw ForecastError("the horizon must be at least 1, not \(horizon)") }
        for level in levels where !(level > 0 && level < 100) {
            throw ForecastError("levels are percentages between 0 and 100, not \(NumberFormat().string(level))")
        }
        var notes: [String] = []
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
            let by = selection.byMASE != nil ? "backtest MASE" : "AICc"
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

    /// One row per horizon: target, point, lo_80, hi_80, lo_95, hi_95.
    public var table: Frame {
        var columns = [
            Column(name: "target", .text(Categorical(targets.map { Optional($0) }))),
            Column(name: "point", .number(points.map(\.mean))),
        ]
        for level in levels {
            let key = ForecastFormat.level(level)
            let bounds = points.map { $0.interval(level) }
            columns.append(Column(name: "lo_\(key)", .number(bounds.map(\.lower))))
            columns.append(Column(name: "hi_\(key)", .number(bounds.map(\.upper))))
        }
        return Frame(columns: columns)
    }

    /// For `auto`: each candidate's next-edition forecast, widest interval, AICc and backtest
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
            let i = p.interval(widest)
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

    /// The first line: what was forecast, for which edition, by which method.
    public var headline: String {
        let target = horizon == 1 ? targets[0] : "\(targets[0]) … \(targets[horizon - 1])"
        var s = "forecast of \(series.name) for \(target): \(methodName)"
        s += " — \(methodTitle)"
        if chosenBy != "asked" { s += ", chosen by \(chosenBy)" }
        return s
    }

    /// The second line: the data behind it.
    public var basis: String {
        let n = series.observedCount
        var s = "from \(Prose.counted(n, "observed value"))"
        if let first = series.labels.first, let last = series.labels.last { s += ", \(first) to \(last)" }
        if let since { s += " (since \(since))" }
        if let fit, !fit.parameters.isEmpty {
            s += "; " + fit.parameters.map { Prose.glued($0.name, "=", NumberFormat(significantDigits: 4).string($0.value)) }.joined(separator: ", ")
        }
        return s
    }

    /// The text rendering: headline, basis, the forecast table, candidates for `auto`, notes.
    public func render(_ options: RenderOptions) -> String {
        var parts = [options.prose(headline), options.prose(basis), renderTable(table, options)]
        if let candidates {
            var line = "candidates for \(targets[0])"
            if let s = selection {
                var picks: [String] = []
                if let a = s.byAICc { picks.append("AICc picks \(a.rawValue)") }
                if let m = s.byMASE { picks.append("backtest MASE picks \(m.rawValue)") }
                if let b = s.backtest { picks.append(Prose.counted(b.targets.count, "one-step origin")) }
                if !picks.isEmpty { line += " (" + picks.joined(separator: "; ") + ")" }
            }
            parts += [options.prose(line + ":"), renderTable(candidates, options)]
        }
        if !notes.isEmpty { parts.append(notes.map(options.note).joined(separator: "\n")) }
        return parts.joined(separator: "\n")
    }

    /// DESIGN §4: `{"kind": "forecast", "method", "target", "point", "intervals", …}`; `target`,
    /// `point` and each interval are arrays when h > 1.
    public var json: JSON {
        func one<T>(_ xs: [T], _ f: (T) -> JSON) -> JSON { horizon == 1 ? f(xs[0]) : .array(xs.map(f)) }
        func intervals(_ ps: [ForecastPoint]) -> JSON {
            .object(levels.map { level in
                (ForecastFormat.level(level), one(ps) { p in
                    let i = p.interval(level)
                    return .array([.finite(i.lower), .finite(i.upper)])
                })
            })
        }
        var pairs: [(String, JSON)] = [
            ("kind", .string("forecast")),
            ("method", .string(methodName)),
            ("target", one(targets) { .string($0) }),
            ("point", one(points) { .finite($0.mean) }),
            ("intervals", intervals(points)),
            ("h", .number(Double(horizon))),
            ("series", .string(series.name)),
            ("n", .number(Double(series.observedCount))),
            ("chosen_by", .string(chosenBy)),
        ]
        if let since { pairs.append(("since", .string(since))) }
        if let fit {
            pairs.append(("parameters", .object(fit.parameters.map { ($0.name, .finite($0.value)) })))
            pairs.append(("sigma", .finite(fit.sigma)))
            pairs.append(("log_likelihood", .finite(fit.logLikelihood)))
            pairs.append(("aicc", .finite(fit.aicc)))
        }
        if let selection {
            pairs.append(("selection", .object([
                ("aicc", selection.byAICc.map { .string($0.rawValue) } ?? .null),
                ("mase", selection.byMASE.map { .string($0.rawValue) } ?? .null),
            ])))
            pairs.append(("candidates", .array(selection.fits.map { fit in
                .object([
                    ("method", .string(fit.method.rawValue)),
                    ("point", one(fit.forecasts) { .finite($0.mean) }),
                    ("intervals", intervals(fit.forecasts)),
                    ("aicc", .finite(fit.aicc)),
                    ("mase", .finite(selection.backtest?.row(fit.method.rawValue)?.accuracy.mase)),
                ])
            })))
            pairs.append(("combination", .object([
                ("point", one(selection.combination) { .finite($0.mean) }),
                ("intervals", intervals(selection.combination)),
            ])))
            if let b = selection.backtest { pairs.append(("backtest", b.frame.json())) }
        }
        pairs.append(("notes", .array(notes.map { .string($0) })))
        return .object(pairs)
    }
}
