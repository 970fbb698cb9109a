import PanoramaKit

/// A forecast value of the language (kind `forecast`); `fan(f)` draws it.
struct ForecastValue: ChartableForecast {
    var report: ForecastReport

    var kind: String { "forecast" }

    func summary(_ options: RenderOptions) -> String {
        let p = report.points[0]
        let widest = report.levels.max() ?? 95
        let i = report.interval(widest, of: p, method: report.methodName)
        let f = options.numbers
        return "forecast \(report.methodName) for \(report.targets[0]): \(f.string(p.mean)) [\(f.string(i.lower)), \(f.string(i.upper))] at \(ForecastFormat.level(widest)) %"
            + (report.isCalibrated ? ", calibrated" : "")
            + (report.horizon > 1 ? " (+\(report.horizon - 1) more)" : "")
    }

    /// The report without its notes (`forecast` gave them on stderr; JSON keeps them).
    func render(_ options: RenderOptions) -> String {
        var shown = report
        shown.notes = []
        shown.calibrationNotes = []
        return options.mode == .csv ? renderTable(report.table, options) : shown.render(options)
    }

    func json(_ options: RenderOptions) -> JSON { report.json }

    var tableView: Frame? { report.table }

    var history: [(label: String, value: Double)] { Array(zip(report.series.axisLabels, report.series.values)) }

    var forecastPoints: [FanChart.Point] { report.fanPoints }

    var fanNotes: [String] {
        report.isCalibrated ? ["calibrated bands (the forecast's .model draws the model's own)"] : []
    }

    var memberNames: [String] {
        ["method", "target", "point", "sigma", "aicc", "table", "candidates", "backtest", "coverage", "model"]
            + report.levels.flatMap { ["lo_\(ForecastFormat.level($0))", "hi_\(ForecastFormat.level($0))"] }
    }

    func member(_ name: String) -> Value? {
        func numbers(_ xs: [Double]) -> Value {
            xs.count == 1 ? (xs[0].isNaN ? .na : .number(xs[0])) : .vector(Column(name: name, .number(xs)))
        }
        switch name {
        case "method": return .string(report.methodName)
        case "target": return report.horizon == 1 ? .string(report.targets[0])
            : .vector(Column(name: "target", .text(Categorical(report.targets.map { Optional($0) }))))
        case "point": return numbers(report.points.map(\.mean))
        case "sigma": return report.fit.map { .number($0.sigma) } ?? .na
        case "aicc": return report.fit?.aicc.map { .number($0) } ?? .na
        case "table": return .frame(report.table)
        case "candidates": return report.candidates.map { .frame($0) } ?? .na
        case "backtest": return report.backtestFrame.map { .frame($0) } ?? .na
        case "coverage": return report.coverageTable(NumberFormat()).map { .frame($0) } ?? .na
        case "model": return .object(ForecastValue(report: report.uncalibrated))
        default:
            for level in report.levels {
                let key = ForecastFormat.level(level)
                let shown = report.points.map { report.interval(level, of: $0, method: report.methodName) }
                if name == "lo_\(key)" { return numbers(shown.map(\.lower)) }
                if name == "hi_\(key)" { return numbers(shown.map(\.upper)) }
            }
            return nil
        }
    }
}

extension ForecastReport {
    /// The first line: what was forecast, for which edition, by which method.
    var headline: String {
        let target = horizon == 1 ? targets[0] : "\(targets[0]) … \(targets[horizon - 1])"
        var s = "forecast of \(series.name) for \(target): \(methodName)"
        s += " — \(methodTitle)"
        if chosenBy != "asked" { s += ", chosen by \(chosenBy)" }
        return s
    }

    /// The second line: the data behind it.
    var basis: String {
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
    func render(_ options: RenderOptions) -> String {
        var parts = [options.prose(headline), options.prose(basis)]
        if isCalibrated { parts.append(options.prose("intervals calibrated on the backtest's misses, the model's own beneath:")) }
        parts.append(renderTable(isCalibrated ? comparedTable : table, options))
        if let candidates {
            var line = "candidates for \(targets[0])"
            if let s = selection {
                var picks: [String] = []
                if let a = s.byAICc { picks.append("AICc picks \(a.rawValue)") }
                if let m = s.byMASE { picks.append("backtest MASE picks \(m.rawValue)") }
                if let b = s.backtest { picks.append(Prose.counted(b.targets.count, "one-step origin")) }
                if !picks.isEmpty { line += " (" + picks.joined(separator: "; ") + ")" }
            }
            parts += [options.prose(line + (isCalibrated ? ", calibrated intervals" : "") + ":"), renderTable(candidates, options)]
        }
        if let coverage = coverageTable(options.numbers) { parts += [options.prose(coverageTitle), renderTable(coverage, options)] }
        let all = notes + calibrationNotes
        if !all.isEmpty { parts.append(all.map(options.note).joined(separator: "\n")) }
        return parts.joined(separator: "\n")
    }

    /// DESIGN §4: `{"kind": "forecast", "method", "target", "point", "intervals", …}`; `target`,
    /// `point` and each interval are arrays when h > 1.
    var json: JSON {
        func one<T>(_ xs: [T], _ f: (T) -> JSON) -> JSON { horizon == 1 ? f(xs[0]) : .array(xs.map(f)) }
        // The intervals shown (calibrated with `calibrate`), or with `model` the model's own.
        func intervals(_ ps: [ForecastPoint], _ method: String, model: Bool = false) -> JSON {
            .object(levels.map { level in
                (ForecastFormat.level(level), one(ps) { p in
                    let i = model ? p.interval(level) : interval(level, of: p, method: method)
                    return .array([.finite(i.lower), .finite(i.upper)])
                })
            })
        }
        func modelIntervals(_ ps: [ForecastPoint], _ method: String) -> [(String, JSON)] {
            calibrate ? [("model_intervals", intervals(ps, method, model: true))] : []
        }
        var pairs: [(String, JSON)] = [
            ("kind", .string("forecast")),
            ("method", .string(methodName)),
            ("target", one(targets) { .string($0) }),
            ("point", one(points) { .finite($0.mean) }),
            ("intervals", intervals(points, methodName)),
        ] + modelIntervals(points, methodName) + [
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
                    ("intervals", intervals(fit.forecasts, fit.method.rawValue)),
                ] + modelIntervals(fit.forecasts, fit.method.rawValue) + [
                    ("aicc", .finite(fit.aicc)),
                    ("mase", .finite(selection.backtest?.row(fit.method.rawValue)?.accuracy.mase)),
                ])
            })))
            let combination: [(String, JSON)] = [
                ("point", one(selection.combination) { .finite($0.mean) }),
                ("intervals", intervals(selection.combination, "combination")),
            ]
            pairs.append(("combination", .object(combination + modelIntervals(selection.combination, "combination"))))
        }
        if let b = backtestFrame { pairs.append(("backtest", b.json())) }
        if calibrate { pairs.append(("calibration", calibrationJSON)) }
        pairs.append(("notes", .array((notes + calibrationNotes).map { .string($0) })))
        return .object(pairs)
    }

    /// The forecast periods as the fan chart draws them (80 % and 95 % whatever `levels` are;
    /// calibrated with `calibrate`).
    var fanPoints: [FanChart.Point] {
        zip(targets, points).map { label, p in
            let i80 = interval(80, of: p, method: methodName), i95 = interval(95, of: p, method: methodName)
            return FanChart.Point(label: label, point: p.mean, low80: i80.lower, high80: i80.upper, low95: i95.lower, high95: i95.upper)
        }
    }
}
