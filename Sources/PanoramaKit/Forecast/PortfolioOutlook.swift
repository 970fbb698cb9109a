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

    public static let percentiles: [Double] = [5, 10, 50, 80, 90, 95]

    /// Builds both views (either may be absent when its data is).
    ///
    /// - Throws: `ForecastError` when neither view can be built, or a view's data is unusable.
    public static func make(series: ForecastSeries?, panel: PortfolioPanel?, method: String = "auto",
                            since: (time: Double, label: String)? = nil, levels: [Double] = [80, 95],
                            trials: Int = 10_000, seed: UInt64 = 1, backtestTrials: Int = 2_000,
                            cancelled: @Sendable () -> Bool = { false }) throws -> PortfolioOutlook {
        guard series != nil || panel != nil else { throw ForecastError("an outlook needs a series of totals, a per-project panel, or both") }
        var outlook = PortfolioOutlook(levels: levels, notes: [])
        if var series {
            if let panel, case .editionNumbers = series.kind, let last = series.times.last, Double(panel.latest) > last {
                let added = (Int(last) + 1...panel.latest)
                for e in added {
                    series.values.append(panel.tables[e] != nil ? panel.total(e) : .nan)
                    series.times.append(Double(e))
                    series.labels.append("edition \(e)")
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
            outlook.bottomUp = try PortfolioSimulation.run(panel.tables[latest]!, model: model, trials: trials, seed: seed,
                                                           byGroup: panel.columns.group != nil, cancelled: cancelled)
            outlook.bottomUpTarget = "edition \(latest + 1)"
            outlook.bottomUpOrigin = "edition \(latest) (\(panel.label(latest)))"
            outlook.groupName = panel.columns.group
            do {
                outlook.bottomUpBacktest = try PortfolioBacktest.run(panel, levels: levels, trials: backtestTrials, seed: seed, cancelled: cancelled)
            } catch let e as ForecastError {
                outlook.notes.append("no bottom-up backtest: \(e.message)")
            }
            outlook.referenceClass = try? ReferenceClassUplift.make(panel.overrunFactors, p: 80)
            let skipped = panel.editions.count - 1 - panel.consecutivePairs.count
            outlook.notes.append("bottom-up flows estimated on \(Prose.counted(flows.count, "consecutive transition")) (\(Prose.counted(model.continuingCount, "continuing project")))"
                                 + (skipped > 0 ? "; \(Prose.counted(skipped, "non-consecutive step")) between tables left out" : ""))
            if let topTarget = outlook.topDown?.targets.first, topTarget != outlook.bottomUpTarget {
                outlook.notes.append("the per-project tables stop at \(outlook.bottomUpOrigin!): the bottom-up view forecasts \(outlook.bottomUpTarget!), the top-down view \(topTarget)")
            }
        }
        if let report = outlook.topDown { outlook.notes += report.notes.map { "top-down: \($0)" } }
        return outlook
    }

    // MARK: Tables

    /// Both views side by side: one row per measure, one column per view, as text a report can
    /// quote. Amounts print to whole units with grouped thousands (`3,300`, `2,872 – 3,728`; more
    /// decimals only when the P50s are below 100, so three significant digits survive), MASE to
    /// two decimals, coverage as hits out of the forecasts scored (`7 of 11 (64 %)`). The full
    /// precision is in `json` and the members.
    public func views(_ numbers: NumberFormat) -> Frame {
        var measures: [String] = ["target", "from", "method", "trials"]
        var top: [String] = [], bottom: [String] = []
        let report = topDown, sim = bottomUp
        let point = report?.points.first
        let amount = amountFormat(numbers)
        let dash = numbers.ascii ? " - " : " – "
        top += [report?.targets.first ?? "", report.map { $0.series.labels.last ?? "" } ?? "",
                report.map { "\($0.methodName) (\($0.chosenBy == "asked" ? "as asked" : "by \($0.chosenBy)"))" } ?? "", ""]
        bottom += [bottomUpTarget ?? "", bottomUpOrigin ?? "", sim.map { _ in "Monte Carlo" } ?? "",
                   sim.map { numbers.string(Double($0.trials)) } ?? ""]
        for p in [10.0, 50, 90] {
            measures.append("P\(Int(p))")
            top.append(point.map { amount($0.quantile(p / 100)) } ?? "")
            bottom.append(sim.map { amount($0.quantile(p / 100)) } ?? "")
        }
        for level in levels {
            measures.append("\(ForecastFormat.level(level)) % interval")
            top.append(point.map { let i = $0.interval(level); return amount(i.lower) + dash + amount(i.upper) } ?? "")
            bottom.append(sim.map { let i = $0.interval(level); return amount(i.lower) + dash + amount(i.upper) } ?? "")
        }
        let topRow = topDown.flatMap { r in topDownBacktest?.row(r.methodName) }
        let bottomRow = bottomUpBacktest?.rows.first
        measures += ["backtest n", "backtest MASE"]
        top += [topRow.map { String($0.accuracy.count) } ?? "", topRow.map { numbers.fixed($0.accuracy.mase, decimals: 2) } ?? ""]
        bottom += [bottomRow.map { String($0.accuracy.count) } ?? "", bottomRow.map { numbers.fixed($0.accuracy.mase, decimals: 2) } ?? ""]
        for (j, level) in levels.enumerated() {
            measures.append("backtest coverage \(ForecastFormat.level(level)) %")
            top.append(topRow.map { Self.hits($0.covered[j], numbers) } ?? "")
            bottom.append(bottomRow.map { Self.hits($0.covered[j], numbers) } ?? "")
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

    /// Coverage as counts with the binomial (Wilson 95 %) range of the true coverage they are
    /// consistent with: `7 of 11 (64 %; 35–85)`; `na` when nothing was scored.
    static func hits(_ c: (inside: Int, scored: Int), _ numbers: NumberFormat) -> String {
        guard c.scored > 0, let w = Accuracy.coverageInterval(inside: c.inside, scored: c.scored) else { return "na" }
        func percent(_ x: Double) -> Int { Int((100 * x).rounded()) }
        let range = "\(percent(w.lower))\(numbers.ascii ? "-" : "–")\(percent(w.upper))"
        return "\(numbers.string(Double(c.inside))) of \(numbers.string(Double(c.scored))) (\(percent(Double(c.inside) / Double(c.scored))) %; \(range))"
    }

    /// Each view's backtest: view, method, n, mae, rmse, mape, mase, coverage per level. The
    /// top-down rows are the method used, naive and the combination; the bottom-up rows the
    /// simulation and the naive forecast of the panel totals on the same editions.
    public var backtest: Frame {
        var rows: [Backtest.Row] = [], views: [String] = []
        if let report = topDown, let b = topDownBacktest {
            var wanted = [report.methodName]
            for m in ["naive", "combination"] where !wanted.contains(m) { wanted.append(m) }
            for m in wanted { if let r = b.row(m) { rows.append(r); views.append("top-down") } }
        }
        if let b = bottomUpBacktest { rows += b.rows; views += b.rows.map { _ in "bottom-up" } }
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

    // MARK: Output

    public func render(_ options: RenderOptions) -> String {
        var parts = [options.prose("outlook for the portfolio's next total: top-down (series of totals) and bottom-up (projects rolled forward)"),
                     renderTable(views(options.numbers), options)]
        var bt = backtest
        bt.columns.removeAll { $0.name == "rmse" || $0.name == "mape" }
        if bt.rowCount > 0 { parts += [options.prose("backtest, one edition ahead from each past edition:"), renderTable(bt, options)] }
        if let g = groups, let target = bottomUpTarget {
            parts += [options.prose("bottom-up by \(groupName ?? "group") for \(target):"), renderTable(g, options)]
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
    public var json: JSON {
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
        pairs.append(("backtest", backtest.json()))
        pairs.append(("notes", .array(notes.map { .string($0) })))
        return .object(pairs)
    }
}
