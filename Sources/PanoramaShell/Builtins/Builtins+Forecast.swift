import Foundation
import PanoramaKit

extension BuiltinRegistry {
    /// The forecast builtins: top-down forecasts of a series of edition totals and their backtest
    /// (DESIGN §7).
    static let forecastBuiltins: [Builtin] = [
        Builtin("forecast", .forecast,
                summary: "forecast the next editions of a series of totals, with prediction intervals",
                parameters: [
                    .required("series", "a frame (one row per edition) or a numeric vector"),
                    .keyword("value", "the column to forecast (default: total_cost, cost, or the only numeric column)"),
                    .keyword("time", "edition numbers (missing numbers are gaps) or dates (default: edition if present)"),
                    .keyword("h", "editions ahead (default 1)", default: "1"),
                    .choice("method", "auto, naive, drift, mean, trend, ses, holt or combination", ForecastReport.methodNames, default: "\"auto\""),
                    .keyword("level", "interval coverages in percent (default [80, 95])", default: "[80, 95]"),
                    .keyword("since", "use only editions from this one on (a structural break)"),
                    .keyword("min_train", "observations in the first backtest window for auto and calibrate (default 6)"),
                    .keyword("calibrate", "widen or narrow each method's intervals by rolling conformal quantiles of its past one-step errors in the backtest (default false: the model's own; f.model keeps them when true)", default: "false"),
                ],
                example: "s = load(\"panorama_series\")\nforecast(s, method=\"holt\", h=2)") { ctx in
            let (series, since) = try seriesArgument(ctx)
            let method = try ctx.requiredString("method")
            let calibrate = try ctx.bool("calibrate", default: false)
            let report = try run(ctx) {
                try ForecastReport.make(series, method: method, horizon: ctx.requiredInt("h", in: 1...1000),
                                        levels: try levelsArgument(ctx), since: since,
                                        minimumTraining: ctx.int("min_train", in: 2...100_000),
                                        calibrate: calibrate, cancelled: ctx.cancellation)
            }
            // Notes go to stderr with the statement, as every note does; the value prints results.
            for n in report.notes + report.calibrationNotes { ctx.note(n) }
            return .object(ForecastValue(report: report))
        },
        Builtin("backtest", .forecast,
                summary: "rolling-origin one-step backtest of every method (or, on a panel, of the bottom-up view): MAE, RMSE, MAPE, MASE, coverage",
                parameters: [
                    .required("series", "a series (frame with one row per edition, or numeric vector), or a per-project panel"),
                    .keyword("value", "the column to forecast"),
                    .keyword("time", "edition numbers or dates"),
                    .choice("methods", "methods to compare (default all six and their combination)",
                            ForecastMethod.allCases.map(\.rawValue) + ["combination"]),
                    .keyword("level", "interval coverages in percent (default [80, 95])", default: "[80, 95]"),
                    .keyword("since", "use only editions from this one on"),
                    .keyword("min_train", "observed values (a panel: transitions) in the first training window"),
                    .keyword("key", "a panel's project key column (default key): its presence makes the backtest bottom-up"),
                    .keyword("cost", "a panel's cost column (default cost)"),
                    .keyword("trials", "a panel: Monte Carlo trials per origin (default 2,000)"),
                    .keyword("seed", "a panel: random seed (default: .seed, else 1)"),
                    .keyword("calibrate", "a series: add each method's coverage with its intervals calibrated by rolling conformal quantiles of its earlier misses (calibrated_80…; default false)", default: "false"),
                ],
                example: "backtest(load(\"panorama_series\"), methods=[\"naive\", \"drift\", \"holt\"])") { ctx in
            let calibrate = try ctx.bool("calibrate", default: false)
            if let frame = try? ctx.frame("series"), frame.column(try columnName(ctx, "key") ?? "key") != nil {
                if calibrate { throw ctx.fail("calibrate= is for a series of totals; a panel's backtest scores the bottom-up view (outlook() calibrates it)") }
                return try panelBacktest(ctx, frame)
            }
            let (series, _) = try seriesArgument(ctx)
            var methods = ForecastMethod.candidates
            var combination = true
            if ctx.has("methods") {
                let names = try textList(ctx, "methods")
                combination = names.contains("combination")
                methods = try names.filter { $0 != "combination" }.map { name in
                    guard let m = ForecastMethod(rawValue: name) else {
                        throw ctx.fail("unknown method '\(name)'; methods are " + (ForecastMethod.allCases.map(\.rawValue) + ["combination"]).map { "'\($0)'" }.joined(separator: ", "))
                    }
                    return m
                }
                if methods.isEmpty { throw ctx.fail("'methods' names no method") }
            }
            let levels = try levelsArgument(ctx)
            for n in series.notes { ctx.note(n) }
            let trimmed = series.trimmed
            let result = try run(ctx) {
                try Backtest.run(trimmed.values, methods: methods, combination: combination, levels: levels,
                                 minimumTraining: ctx.int("min_train", in: 2...100_000), cancelled: ctx.cancellation)
            }
            let first = trimmed.labels[result.targets.first!], last = trimmed.labels[result.targets.last!]
            ctx.note("backtest of \(trimmed.name): \(Prose.counted(result.targets.count, "one-step forecast")), \(first) to \(last), each from the editions before it (at least \(result.minimumTraining) observed); MASE scale = naive one-step MAE \(NumberFormat(significantDigits: 4).string(result.scale))")
            let decimals = Frame.unitDecimals(trimmed.values)
            guard calibrate else { return .frame(result.frame.showingBacktest(unitDecimals: decimals)) }
            ctx.note("calibrated_…: each method's intervals calibrated on its misses before each target only (conformal quantiles; with too few, the model's own or the factor of a lower level)")
            let calibrations = result.rows.compactMap { ForecastCalibration(result, method: $0.method) }
            return .frame(result.frame(calibrations: calibrations).showingBacktest(unitDecimals: decimals))
        },
        Builtin("bridge", .forecast,
                summary: "how the total moved between two editions: continuing growth, entries, exits (named), with a waterfall",
                parameters: [
                    .required("panel", "a per-project panel (one row per project per edition)"),
                    .keyword("from", "the first edition (default: the one before 'to')"),
                    .keyword("to", "the second edition (default: the latest table)"),
                ] + panelKeywords,
                example: "b = bridge(load(\"panorama\"), from=13, to=14)\nb.entries") { ctx in
            guard let frame = try ctx.frame("panel") else { throw ctx.fail("missing argument 'panel'") }
            let panel = try run(ctx) { try PortfolioPanel(frame, columns: panelColumns(ctx)) }
            let to = try ctx.int("to", in: -1_000_000...1_000_000) ?? panel.latest
            let from = try ctx.int("from", in: -1_000_000...1_000_000)
                ?? panel.editions.last { $0 < to } ?? to - 1
            let bridge = try run(ctx) { try PortfolioBridge(panel, from: from, to: to) }
            for n in bridge.notes { ctx.note(n) }
            return .object(BridgeValue(bridge: bridge))
        },
        Builtin("outlook", .forecast,
                summary: "next total top-down and bottom-up side by side, with percentiles, intervals, backtests and a fan chart",
                parameters: [
                    Parameter("panel", "a per-project panel (default: the bundled \"panorama\")"),
                    Parameter("series", "the series of totals (default: the bundled \"panorama_series\", or the panel's totals); its editions after the latest table, with their project counts (column projects), condition the bottom-up roll-forward"),
                    .keyword("value", "the series' value column (default total_cost)"),
                ] + panelKeywords + [
                    .keyword("phase", "the panel's phase column (default phase)"),
                    .keyword("start", "the panel's start-date column (default start)"),
                    .keyword("duration", "the panel's planned duration in years (default duration)"),
                    .keyword("date", "the panel's edition-date column (default edition_date)"),
                    .keyword("by", "break the bottom-up view down by this column, e.g. \"ministry\""),
                    .choice("method", "top-down method (default auto)", ForecastReport.methodNames, default: "\"auto\""),
                    .keyword("since", "top-down: use only editions from this one on"),
                    .keyword("level", "interval coverages in percent (default [80, 95])", default: "[80, 95]"),
                    .keyword("trials", "Monte Carlo trials (default 10,000)", default: "10000"),
                    .keyword("seed", "random seed (default: .seed, else 1)"),
                    .keyword("calibrate", "widen or narrow each view's intervals by rolling conformal quantiles of its past one-step errors (default true; false shows the models' own)", default: "true"),
                ],
                example: "outlook()") { ctx in
            var panelFrame = try ctx.frame("panel")
            var seriesFrame: Frame?
            var seriesValues: ForecastSeries?
            if let v = ctx["series"] {
                if case .frame(let f) = v { seriesFrame = f } else if let c = v.asColumn(name: "series"), let xs = c.data.numbers {
                    seriesValues = ForecastSeries(values: xs, name: "series")
                } else { throw ctx.fail("'series' must be a frame or a numeric vector, not a \(v.kindName)") }
            }
            if panelFrame == nil && seriesFrame == nil && seriesValues == nil {
                panelFrame = try bundled(ctx, "panorama")
                seriesFrame = try bundled(ctx, "panorama_series")
            }
            let panel = try panelFrame.map { f in try run(ctx) { try PortfolioPanel(f, columns: panelColumns(ctx)) } }
            let timeName = try ctx.string("time") ?? "edition"
            var series = seriesValues
            if let f = seriesFrame {
                guard let value = f.column(try ctx.string("value") ?? "total_cost") else {
                    throw ctx.fail("the series has no column '\(try ctx.string("value") ?? "total_cost")'; name it with value=")
                }
                series = try run(ctx) { try ForecastSeries(value: value, time: f.column(timeName), dates: dateColumn(f, besides: timeName)) }
            } else if series == nil, let panel {
                let editions = panel.editions
                series = try run(ctx) {
                    try ForecastSeries(value: Column(name: "total", .number(editions.map { panel.total($0) })),
                                       time: Column(name: "edition", .number(editions.map(Double.init))))
                }
                ctx.note("top-down view on the panel's per-edition totals (no series given)")
            }
            var since: (Double, String)?
            switch ctx["since"] {
            case .number(let x)?: since = (x, NumberFormat().string(x))
            case .date(let d, let p)?: since = (Double(d.dayNumber), d.text(p))
            case nil: break
            case let other?: throw ctx.fail("'since' must be an edition number or a date, not a \(other.kindName)")
            }
            let trials = try ctx.requiredInt("trials", in: 100...10_000_000)
            let seed = try ctx.int("seed", in: 0...Int.max).map(UInt64.init) ?? ctx.defaultSeed ?? 1
            let levels = try levelsArgument(ctx)
            let method = try ctx.requiredString("method")
            // The published project counts (the series' `projects`), for the bottom-up roll-forward.
            var counts: [Int: Double] = [:]
            if let f = seriesFrame, case .number(let n)? = f.column("projects")?.data, case .number(let e)? = f.column(timeName)?.data {
                for (edition, count) in zip(e, n) where edition == edition.rounded() && abs(edition) < 1e9 && count > 0 { counts[Int(edition)] = count }
            }
            let outlook = try run(ctx) {
                try PortfolioOutlook.make(series: series, panel: panel, method: method, since: since, levels: levels,
                                          trials: trials, seed: seed, calibrate: ctx.bool("calibrate", default: true),
                                          publishedCounts: counts, cancelled: ctx.cancellation)
            }
            // Notes go to stderr with the statement, as every note does; the value prints results.
            for n in outlook.notes { ctx.note(n) }
            return .object(OutlookValue(outlook: outlook))
        },
    ]

    /// `backtest` on a per-project panel: the bottom-up view replayed on consecutive tables.
    static func panelBacktest(_ ctx: CallContext, _ frame: Frame) throws -> Value {
        var columns = PortfolioColumns()
        if let s = try columnName(ctx, "key") { columns.key = s }
        if let s = try columnName(ctx, "time") { columns.time = s }
        if let s = try columnName(ctx, "cost") { columns.cost = s }
        let panel = try run(ctx) { try PortfolioPanel(frame, columns: columns) }
        let trials = try ctx.int("trials", default: 2_000, in: 100...10_000_000)
        let seed = try ctx.int("seed", in: 0...Int.max).map(UInt64.init) ?? ctx.defaultSeed ?? 1
        let levels = try levelsArgument(ctx)
        let minimum = try ctx.int("min_train", default: 2, in: 1...10_000)
        let result = try run(ctx) {
            try PortfolioBacktest.run(panel, levels: levels, trials: trials, seed: seed, minimumTransitions: minimum,
                                      cancelled: ctx.cancellation)
        }
        ctx.note("bottom-up backtest: \(Prose.counted(result.targets.count, "edition")) (\(result.targets.map(String.init).joined(separator: ", "))) each forecast from the table before it, flows estimated on at least \(Prose.counted(minimum, "earlier consecutive transition")); MASE scale = naive one-step MAE of the table totals \(NumberFormat(significantDigits: 4).string(result.scale))")
        return .frame(result.frame.showingBacktest(unitDecimals: Frame.unitDecimals(frame.column(columns.cost)?.data.numbers ?? [])))
    }

    /// The column keywords every panel builtin takes (DESIGN §7).
    static let panelKeywords: [Parameter] = [
        .keyword("key", "the project key column (default key)"),
        .keyword("time", "the edition-number column (default edition)"),
        .keyword("cost", "the cost column (default cost)"),
        .keyword("name", "the project-name column (default project, else the key)"),
    ]

    static func panelColumns(_ ctx: CallContext) throws -> PortfolioColumns {
        var c = PortfolioColumns()
        if let s = try columnName(ctx, "key") { c.key = s }
        if let s = try columnName(ctx, "time") { c.time = s }
        if let s = try columnName(ctx, "cost") { c.cost = s }
        if ctx.builtin.parameters.contains(where: { $0.name == "phase" }) {
            if let s = try columnName(ctx, "phase") { c.phase = s }
            if let s = try columnName(ctx, "start") { c.start = s }
            if let s = try columnName(ctx, "duration") { c.duration = s }
            if let s = try columnName(ctx, "date") { c.date = s }
            c.group = try columnName(ctx, "by")
        }
        if let s = try columnName(ctx, "name") { c.name = s }
        return c
    }

    /// A column named by a string, or by a bare name that resolved to the panel's column.
    static func columnName(_ ctx: CallContext, _ name: String) throws -> String? {
        switch ctx[name] {
        case .string(let s)?: return s
        case .vector(let c)?: return c.name
        case nil: return nil
        case let other?: throw ctx.fail("'\(name)' must name a column, not a \(other.kindName)")
        }
    }

    /// A bundled dataset's frame, by short name.
    static func bundled(_ ctx: CallContext, _ name: String) throws -> Frame {
        guard let path = DatasetLocator.path(for: name) else {
            throw ctx.failure("the bundled dataset '\(name)' was not found; pass panel= and series= instead")
        }
        let (frame, hash) = try DataReader.load(path: path, displayName: URL(fileURLWithPath: path).lastPathComponent)
        ctx.interpreter.onLoad?(URL(fileURLWithPath: path).lastPathComponent, hash)
        return frame
    }

    /// Runs kernel work, turning a forecast error into a failure of this call.
    static func run<T>(_ ctx: CallContext, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let e as ForecastError {
            throw ctx.failure(e.message)
        }
    }

    /// `series=` with `value=`, `time=` and `since=` applied: the edition series and how
    /// `since` reads.
    static func seriesArgument(_ ctx: CallContext) throws -> (ForecastSeries, String?) {
        let v = try ctx.required("series")
        var series: ForecastSeries
        var frame: Frame?
        if case .frame(let f) = v { frame = f } else if case .object(let o) = v, let f = o.tableView { frame = f }
        if let frame {
            let time = try columnArgument(ctx, "time", in: frame, defaults: ["edition", "edition_no"])
            let value = try columnArgument(ctx, "value", in: frame, defaults: ["total_cost", "cost"],
                                           fallbackNumeric: time?.name)
            guard let value else {
                throw ctx.fail("say which column to forecast with value=; numeric columns: "
                               + frame.columns.filter { $0.data.numbers != nil }.map { "'\($0.name)'" }.joined(separator: ", "))
            }
            series = try run(ctx) { try ForecastSeries(value: value, time: time, dates: dateColumn(frame, besides: time?.name)) }
        } else if let xs = v.asColumn(name: "series"), let numbers = xs.data.numbers {
            if ctx.has("value") || ctx.has("time") { throw ctx.fail("value= and time= name columns of a frame; 'series' is a vector") }
            let name: String
            if let arg = ctx.arguments["series"], case .name(let n) = arg.expr.kind { name = n } else { name = "series" }
            series = ForecastSeries(values: numbers, name: name)
        } else {
            throw ctx.fail("'series' must be a frame or a numeric vector, not a \(v.kindName)")
        }
        guard let since = ctx["since"] else { return (series, nil) }
        let (time, label): (Double, String)
        switch since {
        case .number(let x): (time, label) = (x, NumberFormat().string(x))
        case .date(let d, let p): (time, label) = (Double(d.dayNumber), d.text(p))
        default: throw ctx.fail("'since' must be an edition number or a date, not a \(since.kindName)")
        }
        series = try run(ctx) { try series.since(time, label: label) }
        return (series, label)
    }

    /// A column named by a string or given as a vector (a bare name resolves to the frame's column).
    static func columnArgument(_ ctx: CallContext, _ name: String, in frame: Frame, defaults: [String],
                               fallbackNumeric excluded: String?? = nil) throws -> Column? {
        switch ctx[name] {
        case .string(let s)?:
            guard let c = frame.column(s) else {
                throw PanoramaError.unknownColumn(s, suggestion: suggestion(for: s, among: frame.names), at: ctx.arguments[name]?.range)
            }
            return c
        case .vector(let c)?:
            guard c.count == frame.rowCount else {
                throw ctx.fail("'\(name)' has \(c.count) values but the frame has \(frame.rowCount) rows")
            }
            return c
        case let other?:
            throw ctx.fail("'\(name)' must name a column, not a \(other.kindName)")
        case nil:
            for d in defaults { if let c = frame.column(d) { return c } }
            guard let excluded else { return nil }
            let numeric = frame.columns.filter { $0.data.numbers != nil && $0.name != excluded }
            return numeric.count == 1 ? numeric[0] : nil
        }
    }

    static func levelsArgument(_ ctx: CallContext) throws -> [Double] {
        guard let levels = try ctx.numbers("level") else { return [80, 95] }
        for l in levels where !(l > 0 && l < 100) {
            throw ctx.fail("'level' must be percentages between 0 and 100, not \(NumberFormat().string(l))")
        }
        guard !levels.isEmpty else { throw ctx.fail("'level' is empty") }
        return levels
    }

    /// The frame's first date column other than the time (`edition_date`): it labels a series by
    /// edition number in semesters on the fan chart's axis.
    static func dateColumn(_ frame: Frame, besides time: String?) -> Column? {
        frame.columns.first { c in
            if case .date = c.data { return c.name != time }
            return false
        }
    }

    static func textList(_ ctx: CallContext, _ name: String) throws -> [String] {
        if case .string(let s)? = ctx[name] { return [s] }
        guard let c = try ctx.column(name), case .text(let t) = c.data else {
            throw ctx.fail("'\(name)' must be a string or a vector of strings")
        }
        return t.strings.compactMap { $0 }
    }
}
