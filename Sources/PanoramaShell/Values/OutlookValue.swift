import Foundation
import PanoramaKit

/// An outlook value (kind `outlook`): both views side by side, their backtests, a fan chart.
struct OutlookValue: ObjectValue {
    var outlook: PortfolioOutlook

    var kind: String { "outlook" }

    func summary(_ options: RenderOptions) -> String {
        let f = outlook.amountFormat(options.numbers)
        var parts: [String] = []
        if let r = outlook.topDown, let p = r.points.first { parts.append("top-down \(r.targets[0]) P50 \(f(p.mean))") }
        if let s = outlook.bottomUp, let t = outlook.bottomUpTarget { parts.append("bottom-up \(t) P50 \(f(s.quantile(0.5)))") }
        return "outlook: " + parts.joined(separator: "; ")
    }

    func render(_ options: RenderOptions) -> String {
        if options.mode == .csv { return renderTable(outlook.views(options.numbers), options) }
        // Without its notes: `outlook` gave them on stderr (JSON keeps them).
        var shown = outlook
        shown.notes = []
        var text = shown.render(options)
        if let r = outlook.topDown {
            var layout = ChartLayout(options, height: ChartValue.defaultHeight(width: options.width))
            layout.title = "top-down: \(r.series.name) and the forecast of \(r.targets[0]) (80 % and 95 %\(outlook.calibrate ? ", calibrated" : ""))"
            let fan = FanChart(historyLabels: r.series.axisLabels, history: r.series.values, forecast: outlook.fanPoints)
            text += "\n" + fan.render(layout)
        }
        return text
    }

    func json(_ options: RenderOptions) -> JSON { outlook.json }

    var tableView: Frame? { outlook.views(NumberFormat()) }

    var memberNames: [String] { ["top_down", "bottom_up", "backtest", "views", "by"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "top_down": return outlook.topDown.map { .object(ForecastValue(report: $0)) } ?? .na
        case "bottom_up": return outlook.bottomUp.map { _ in .vector(Column(name: "total", .number(outlook.bottomUpTotals))) } ?? .na
        case "backtest": return .frame(outlook.backtestShown)
        case "views": return .frame(outlook.views(NumberFormat()))
        case "by": return outlook.groups.map { .frame($0) } ?? .na
        default: return nil
        }
    }
}

extension PortfolioOutlook {
    /// The backtest as printed (`o.backtest` and the text): errors to the precision of the
    /// published totals (one decimal without a top-down series), coverage in %.
    var backtestShown: Frame {
        backtest.showingBacktest(unitDecimals: topDown.map { Frame.unitDecimals($0.series.values) } ?? 1)
    }

    /// The top-down forecast as the fan chart draws it: the intervals shown (calibrated unless
    /// `calibrate=false`).
    var fanPoints: [FanChart.Point] {
        guard let r = topDown, let p = r.points.first else { return [] }
        let i80 = topDownInterval(80) ?? p.interval(80), i95 = topDownInterval(95) ?? p.interval(95)
        return [FanChart.Point(label: r.targets[0], point: p.mean, low80: i80.lower, high80: i80.upper, low95: i95.lower, high95: i95.upper)]
    }

    /// Each view's calibration for JSON: the intervals shown, the multipliers, the errors used.
    var calibrationJSON: JSON {
        func view(_ c: ConformalCalibration?, _ interval: (Double) -> (lower: Double, upper: Double)?) -> JSON {
            guard let c else { return .null }
            return .object([
                ("errors", .number(Double(c.scoreCount))),
                ("multipliers", .object(zip(levels, c.multipliers).map { (ForecastFormat.level($0), $1.map { .finite($0) } ?? .null) })),
                ("intervals", .object(levels.map { level in
                    let i = interval(level)
                    return (ForecastFormat.level(level), .array([.finite(i?.lower), .finite(i?.upper)]))
                })),
            ])
        }
        guard calibrate else { return .null }
        return .object([("top_down", view(topDownCalibration, topDownInterval)), ("bottom_up", view(bottomUpCalibration, bottomUpInterval))])
    }

    /// Both views side by side: one row per measure, one column per view, as text a report can
    /// quote. Amounts print to whole units with grouped thousands (`3,300`, `2,872 – 3,728`; more
    /// decimals only when the P50s are below 100, so three significant digits survive), MASE to
    /// two decimals, coverage as hits out of the forecasts scored (`7 of 11 (64 %)`). The full
    /// precision is in `json` and the members.
    func views(_ numbers: NumberFormat) -> Frame {
        var measures: [String] = ["target", "from", "method", "trials"]
        var top: [String] = [], bottom: [String] = []
        let report = topDown, sim = bottomUp
        let point = report?.points.first
        let amount = amountFormat(numbers)
        let dash = numbers.ascii ? " - " : " – "
        top += [report?.targets.first ?? "", report.map { $0.series.labels.last ?? "" } ?? "",
                report.map { "\($0.methodName) (\($0.chosenBy == "asked" ? "as asked" : $0.chosenBy))" } ?? "", ""]
        bottom += [bottomUpTarget ?? "", bottomUpOrigin ?? "", sim.map { _ in "Monte Carlo" } ?? "",
                   sim.map { numbers.string(Double($0.trials)) } ?? ""]
        // Calibrated, P10 and P90 are the models' own (the calibrated 80 % interval follows).
        for p in [10.0, 50, 90] {
            measures.append("P\(Int(p))" + (calibrate && p != 50 ? ", model" : ""))
            top.append(point.map { amount($0.quantile(p / 100)) } ?? "")
            bottom.append(sim.map { amount($0.quantile(p / 100)) } ?? "")
        }
        for level in levels {
            measures.append("\(ForecastFormat.level(level)) % interval" + (calibrate ? ", calibrated" : ""))
            top.append(topDownInterval(level).map { amount($0.lower) + dash + amount($0.upper) } ?? "")
            bottom.append(bottomUpInterval(level).map { amount($0.lower) + dash + amount($0.upper) } ?? "")
        }
        let topRow = topDown.flatMap { r in topDownBacktest?.row(r.methodName) }
        let bottomRow = bottomUpRow
        measures += ["backtest n", "backtest MASE"]
        top += [topRow.map { String($0.accuracy.count) } ?? "", topRow.map { numbers.fixed($0.accuracy.mase, decimals: 2) } ?? ""]
        bottom += [bottomRow.map { String($0.accuracy.count) } ?? "", bottomRow.map { numbers.fixed($0.accuracy.mase, decimals: 2) } ?? ""]
        for (j, level) in levels.enumerated() {
            measures.append(calibrate ? "coverage \(ForecastFormat.level(level)) %, model" : "backtest coverage \(ForecastFormat.level(level)) %")
            top.append(topRow.map { Accuracy.hits($0.covered[j], numbers) } ?? "")
            bottom.append(bottomRow.map { Accuracy.hits($0.covered[j], numbers) } ?? "")
        }
        if calibrate {
            let topCalibrated = topDownCalibratedRow, bottomCalibrated = bottomUpCalibratedRow
            for (j, level) in levels.enumerated() {
                measures.append("coverage \(ForecastFormat.level(level)) %, calibrated")
                top.append(topCalibrated.map { Accuracy.hits($0.covered[j], numbers) } ?? "")
                bottom.append(bottomCalibrated.map { Accuracy.hits($0.covered[j], numbers) } ?? "")
            }
        }
        return Frame(columns: [
            Column(name: "measure", .text(Categorical(measures.map { Optional($0) }))),
            Column(name: "top_down", label: "top-down", .text(Categorical(top.map { Optional($0) }))),
            Column(name: "bottom_up", label: "bottom-up", .text(Categorical(bottom.map { Optional($0) }))),
        ])
    }

    /// How the table prints amounts: whole units (`2,872`) when the larger P50 is 100 or more,
    /// otherwise enough decimals for three significant digits (`35.2`, `3.52`).
    func amountFormat(_ numbers: NumberFormat) -> (Double) -> String {
        let medians = [topDown?.points.first?.quantile(0.5), bottomUp?.quantile(0.5)].compactMap { $0 }.filter(\.isFinite)
        let largest = medians.map(abs).max() ?? 0
        let decimals = largest > 0 ? min(6, max(0, 2 - Int(floor(log10(largest))))) : 0
        return { x in
            guard x.isFinite else { return numbers.string(x) }
            let scale = pow(10, Double(decimals))
            let r = (x * scale).rounded() / scale
            return numbers.fixed(r == 0 ? 0 : r, decimals: decimals)
        }
    }

    func render(_ options: RenderOptions) -> String {
        var parts = [options.prose("outlook for the portfolio's next total: top-down (series of totals) and bottom-up (projects rolled forward)"),
                     renderTable(views(options.numbers), options)]
        var bt = backtestShown
        bt.columns.removeAll { $0.name == "rmse" || $0.name == "mape" }
        if bt.rowCount > 0 {
            let rolled = rolledReplays.map { r in
                "; 'rolled' from the table two or more editions before, through the published totals between (editions "
                    + zip(r.origins, r.targets).map { "\($0)→\($1)" }.joined(separator: ", ") + ")"
            } ?? ""
            parts += [options.prose("backtest, one edition ahead from each past edition\(rolled):"), renderTable(bt, options)]
        }
        if let g = groups, let target = bottomUpTarget {
            // Calibration corrects the total's interval, not each group's: say whose percentiles these are.
            let own = calibrate && bottomUpCalibration != nil ? " (the simulation's own percentiles: only the total is calibrated)" : ""
            parts += [options.prose("bottom-up by \(groupName ?? "group") for \(target)\(own):"), renderTable(g, options)]
        }
        if let r = referenceClass?.rows.first, let p = referenceClass?.p {
            let tail = r.tail.map { ", tail index \(options.numbers.fixed($0.alpha, decimals: 2))" } ?? ""
            parts.append(options.prose("what past projects say: of \(r.n) projects followed, the median ended at ×\(options.numbers.fixed(r.median, decimals: 2)) its first published cost; a budget of first cost + \(options.numbers.fixed(100 * r.uplift, decimals: 1)) % held for \(Int(p)) % of them (Flyvbjerg's uplift\(tail))"))
            parts += r.warnings.map(options.note)
        }
        if !notes.isEmpty { parts.append(notes.map(options.note).joined(separator: "\n")) }
        return parts.joined(separator: "\n")
    }

    /// DESIGN §4: `{"kind": "outlook", "top_down": {forecast}, "bottom_up": {simulation +
    /// "target"}, "backtest": {frame}, "notes": […]}`.
    var json: JSON {
        var pairs: [(String, JSON)] = [("kind", .string("outlook"))]
        pairs.append(("top_down", topDown?.json ?? .null))
        if let sim = bottomUp {
            let m = sim.model
            var b: [(String, JSON)] = [
                ("kind", .string("simulation")),
                ("target", .string(bottomUpTarget ?? "")),
                ("from", .string(bottomUpOrigin ?? "")),
                ("trials", .number(Double(sim.trials))),
                ("seed", .number(Double(sim.seed))),
                ("mean", .finite(sim.mean)),
                ("sd", .finite(sim.standardDeviation)),
                ("percentiles", .object(Self.percentiles.map { ("P\(Int($0))", .finite(sim.quantile($0 / 100))) })),
                ("standard_errors", .object([("mean", .finite(sim.meanStandardError))] + Self.percentiles.map {
                    ("P\(Int($0))", .finite(sim.percentileEstimate($0 / 100).standardError))
                })),
                ("intervals", .object(levels.map { level in
                    let i = sim.interval(level)
                    return (ForecastFormat.level(level), .array([.finite(i.lower), .finite(i.upper)]))
                })),
                ("start_total", .finite(sim.startTotal)),
                ("components", .object([
                    ("continuing_growth", .finite(Descriptive.mean(sim.growth))),
                    ("entries", .finite(Descriptive.mean(sim.entries))),
                    ("exits", .finite(-Descriptive.mean(sim.exits))),
                ])),
                ("model", .object([
                    ("growth", .array(m.terms.map { .object([("term", .string($0.name)), ("estimate", .finite($0.estimate)), ("std_error", .finite($0.standardError))]) })),
                    ("tail_index", .finite(m.tailIndex)),
                    ("degrees_of_freedom", .finite(m.degreesOfFreedom)),
                    ("shock_sd", .finite(m.shockSD)),
                    ("idiosyncratic_sd", .finite(m.idiosyncraticSD)),
                    ("exit_rates", .object(PortfolioFlowModel.exitGroups.map { ($0, .finite(m.exitRates[$0])) })),
                    ("entry_rate", .finite(m.entryRate)),
                    ("transitions", .number(Double(m.transitions.count))),
                    ("continuing", .number(Double(m.continuingCount))),
                ])),
            ]
            if let g = groups { b.append(("by", g.json())) }
            // The editions rolled through before the target, each with its published figures,
            // the effective sample size of its weights (null when not weighed) and the mean sum.
            b.append(("roll_forward", .array(sim.rollForward.map { step in
                .object([("edition", .number(Double(step.edition))), ("published_total", .finite(step.publishedTotal)),
                         ("published_count", .finite(step.publishedCount)), ("ess", .finite(step.effectiveSampleSize)),
                         ("mean", .finite(step.mean))])
            })))
            pairs.append(("bottom_up", .object(b)))
        } else {
            pairs.append(("bottom_up", .null))
        }
        if let u = referenceClass, let r = u.rows.first {
            pairs.append(("reference_class", .object([
                ("p", .finite(u.p)), ("n", .number(Double(r.n))), ("median", .finite(r.median)),
                ("uplift", .finite(r.uplift)), ("tail_index", r.tail.map { .finite($0.alpha) } ?? .null),
                ("warnings", .array(r.warnings.map { .string($0) })),
            ])))
        }
        pairs.append(("calibration", calibrationJSON))
        pairs.append(("backtest", backtest.json()))
        pairs.append(("notes", .array(notes.map { .string($0) })))
        return .object(pairs)
    }
}
