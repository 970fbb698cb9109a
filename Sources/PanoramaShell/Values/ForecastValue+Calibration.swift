import PanoramaKit

/// How a calibrated forecast (`forecast(…, calibrate=true)`) shows both kinds of interval: the
/// calibrated ones in `table`, `lo_80`…, JSON `intervals` and the fan chart; the model's own
/// beside them in the text, as `model_intervals` in JSON and as the value `f.model`.
extension ForecastReport {
    /// The text's forecast table when calibrated: per target, its row with the calibrated
    /// intervals, then a `model's own` row beneath (one column narrower than a column saying
    /// which is which, so h > 1 fits 80 columns).
    var comparedTable: Frame {
        let rows = points.indices.flatMap { i in [(i, false), (i, true)] }
        var columns = [
            Column(name: "target", .text(Categorical(rows.map { Optional($0.1 ? "  model's own" : targets[$0.0]) }))),
            Column(name: "point", .number(rows.map { points[$0.0].mean })),
        ]
        for level in levels {
            let key = ForecastFormat.level(level)
            let bounds = rows.map { i, model in model ? points[i].interval(level) : interval(level, of: points[i], method: methodName) }
            columns.append(Column(name: "lo_\(key)", .number(bounds.map(\.lower))))
            columns.append(Column(name: "hi_\(key)", .number(bounds.map(\.upper))))
        }
        return Frame(columns: columns)
    }

    /// The backtest's coverage of the model's and the calibrated intervals (`f.coverage`): per
    /// method a `model` and a `calibrated` row, per level the hits with their Wilson 95 % range
    /// (`7 of 11 (64 %; 35–85)`); nil when not calibrated or nothing was backtested.
    func coverageTable(_ numbers: NumberFormat) -> Frame? {
        let cells = calibratedCoverage
        guard !cells.isEmpty else { return nil }
        var methods: [String] = []
        for c in cells where !methods.contains(c.method) { methods.append(c.method) }
        let rows = methods.flatMap { [($0, "model"), ($0, "calibrated")] }
        var columns = [
            Column(name: "method", .text(Categorical(rows.map { Optional($0.0) }))),
            Column(name: "intervals", .text(Categorical(rows.map { Optional($0.1) }))),
        ]
        for level in levels {
            let key = ForecastFormat.level(level)
            let hits = rows.map { method, kind -> String? in
                cells.first { $0.method == method && $0.level == level }.map { Accuracy.hits(kind == "model" ? $0.model : $0.calibrated, numbers) }
            }
            columns.append(Column(name: "coverage_\(key)", label: "cover \(key)", .text(Categorical(hits))))
        }
        return Frame(columns: columns)
    }

    /// The line above the coverage table: which forecasts were scored, and how.
    var coverageTitle: String {
        guard let b = calibrationBacktest, let first = b.targets.first, let last = b.targets.last else { return "" }
        return "backtest coverage of \(Prose.counted(b.targets.count, "one-step forecast")), \(series.labels[first]) to "
            + "\(series.labels[last]); calibrated intervals replayed, each on the misses before it only:"
    }

    /// The backtest table (`f.backtest`), with the calibrated intervals' coverage
    /// (`calibrated_80`…) when calibrated.
    var backtestFrame: Frame? {
        guard let b = calibrationBacktest ?? selection?.backtest else { return nil }
        return (calibrate ? b.frame(calibrations: calibrations) : b.frame).showingBacktest(unitDecimals: Frame.unitDecimals(series.values))
    }

    /// JSON `calibration`: the method's multipliers and errors used, and per backtest row its
    /// multipliers and the coverage counts of model and calibrated intervals with Wilson ranges.
    var calibrationJSON: JSON {
        guard calibrate else { return .null }
        func counts(_ c: (inside: Int, scored: Int)) -> JSON {
            let w = Accuracy.coverageInterval(inside: c.inside, scored: c.scored)
            return .object([("inside", .number(Double(c.inside))), ("scored", .number(Double(c.scored))),
                            ("low", .finite(w?.lower)), ("high", .finite(w?.upper))])
        }
        func described(_ c: ForecastCalibration) -> [(String, JSON)] {
            [("errors", .number(Double(c.conformal.scoreCount))),
             ("multipliers", .object(zip(levels, c.conformal.multipliers).map { (ForecastFormat.level($0), $1.map { .finite($0) } ?? .null) }))]
        }
        let cells = calibratedCoverage
        let methods = calibrations.map { c in
            JSON.object([("method", .string(c.method))] + described(c) + [("coverage", .object(levels.compactMap { level in
                cells.first { $0.method == c.method && $0.level == level }.map {
                    (ForecastFormat.level(level), .object([("model", counts($0.model)), ("calibrated", counts($0.calibrated))]))
                }
            }))])
        }
        return .object([("method", .string(methodName))] + (calibration(methodName).map(described) ?? [("errors", .number(0))])
                       + [("methods", .array(methods))])
    }
}

extension Backtest {
    /// The table with, per level, the coverage of each row's calibrated intervals replayed out
    /// of sample (`calibrated_80`…; na for a row without a calibration).
    func frame(calibrations: [ForecastCalibration]) -> Frame {
        var frame = self.frame
        for (j, level) in levels.enumerated() {
            let shares = rows.map { row in calibrations.first { $0.method == row.method }?.row.coverage[j] ?? .nan }
            frame.columns.append(Column(name: "calibrated_\(ForecastFormat.level(level))", .number(shares)))
        }
        return frame
    }
}

extension Accuracy {
    /// Coverage as counts with the binomial (Wilson 95 %) range of the true coverage they are
    /// consistent with: `7 of 11 (64 %; 35–85)`; `na` when nothing was scored.
    static func hits(_ c: (inside: Int, scored: Int), _ numbers: NumberFormat) -> String {
        guard c.scored > 0, let w = coverageInterval(inside: c.inside, scored: c.scored) else { return "na" }
        func percent(_ x: Double) -> Int { Int((100 * x).rounded()) }
        let range = "\(percent(w.lower))\(numbers.ascii ? "-" : "–")\(percent(w.upper))"
        return "\(numbers.string(Double(c.inside))) of \(numbers.string(Double(c.scored))) (\(percent(Double(c.inside) / Double(c.scored))) %; \(range))"
    }
}
