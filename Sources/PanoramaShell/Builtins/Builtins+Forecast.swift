import PanoramaKit

extension BuiltinRegistry {
    /// The forecast builtins: top-down forecasts of a series of edition totals and their backtest
    /// (DESIGN §7).
    static let forecastBuiltins: [Builtin] = [
        Builtin("forecast", .forecast,
                signature: "forecast(series, value=, time=, h=1, method=\"auto\", level=[80, 95], since=, min_train=)",
                summary: "forecast the next editions of a series of totals, with prediction intervals",
                parameters: [
                    .required("series", "a frame (one row per edition) or a numeric vector"),
                    .keyword("value", "the column to forecast (default: total_cost, cost, or the only numeric column)"),
                    .keyword("time", "edition numbers (missing numbers are gaps) or dates (default: edition if present)"),
                    .keyword("h", "editions ahead (default 1)"),
                    .keyword("method", "auto, naive, drift, mean, trend, ses, holt or combination"),
                    .keyword("level", "interval coverages in percent (default [80, 95])"),
                    .keyword("since", "use only editions from this one on (a structural break)"),
                    .keyword("min_train", "observations in the first backtest window for auto (default 6)"),
                ],
                example: "forecast([2.29, 2.51, 2.56, 2.63, 2.83, 2.55, 1.78, 1.64, 1.58, 1.56], method=\"drift\", h=2)") { ctx in
            let (series, since) = try seriesArgument(ctx)
            let method = try ctx.string("method") ?? "auto"
            let report = try run(ctx) {
                try ForecastReport.make(series, method: method, horizon: ctx.int("h", default: 1, in: 1...1000)!,
                                        levels: try levelsArgument(ctx), since: since,
                                        minimumTraining: ctx.int("min_train", in: 2...100_000), cancelled: ctx.cancellation)
            }
            return .object(ForecastValue(report: report))
        },
        Builtin("backtest", .forecast,
                signature: "backtest(series, value=, time=, methods=, level=[80, 95], since=, min_train=)",
                summary: "rolling-origin one-step backtest of every method: MAE, RMSE, MAPE, MASE, interval coverage",
                parameters: [
                    .required("series", "a frame (one row per edition) or a numeric vector"),
                    .keyword("value", "the column to forecast"),
                    .keyword("time", "edition numbers or dates"),
                    .keyword("methods", "methods to compare (default all six and their combination)"),
                    .keyword("level", "interval coverages in percent (default [80, 95])"),
                    .keyword("since", "use only editions from this one on"),
                    .keyword("min_train", "observed values in the first training window (default: the most any method needs)"),
                ],
                example: "backtest([5, 6, 8, 7, 9, 11, 10, 12, 13, 12, 15])") { ctx in
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
            let trimmed = series.trimmed
            let result = try run(ctx) {
                try Backtest.run(trimmed.values, methods: methods, combination: combination, levels: levels,
                                 minimumTraining: ctx.int("min_train", in: 2...100_000), cancelled: ctx.cancellation)
            }
            let first = trimmed.labels[result.targets.first!], last = trimmed.labels[result.targets.last!]
            ctx.note("backtest of \(trimmed.name): \(result.targets.count) one-step forecasts, \(first) to \(last), each from the editions before it (at least \(result.minimumTraining) observed); MASE scale = naive one-step MAE \(NumberFormat(significantDigits: 4).string(result.scale))")
            return .frame(result.frame)
        },
    ]

    /// Runs kernel work, turning cancellation into the language's interruption.
    static func run<T>(_ ctx: CallContext, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch is CancellationError {
            throw PanoramaError.interrupted
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
            series = try run(ctx) { try ForecastSeries(value: value, time: time) }
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

    static func textList(_ ctx: CallContext, _ name: String) throws -> [String] {
        if case .string(let s)? = ctx[name] { return [s] }
        guard let c = try ctx.column(name), case .text(let t) = c.data else {
            throw ctx.fail("'\(name)' must be a string or a vector of strings")
        }
        return t.strings.compactMap { $0 }
    }
}

/// A forecast value of the language (kind `forecast`).
struct ForecastValue: ObjectValue {
    var report: ForecastReport

    var kind: String { "forecast" }

    func summary(_ options: RenderOptions) -> String {
        let p = report.points[0]
        let widest = report.levels.max() ?? 95
        let i = p.interval(widest)
        let f = options.numbers
        return "forecast \(report.methodName) for \(report.targets[0]): \(f.string(p.mean)) [\(f.string(i.lower)), \(f.string(i.upper))] at \(ForecastFormat.level(widest)) %"
            + (report.horizon > 1 ? " (+\(report.horizon - 1) more)" : "")
    }

    func render(_ options: RenderOptions) -> String {
        options.mode == .csv ? renderTable(report.table, options) : report.render(options)
    }

    func json(_ options: RenderOptions) -> JSON { report.json }

    var tableView: Frame? { report.table }

    var memberNames: [String] {
        ["method", "target", "point", "sigma", "aicc", "table", "candidates", "backtest"]
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
        case "backtest": return report.selection?.backtest.map { .frame($0.frame) } ?? .na
        default:
            for level in report.levels {
                let key = ForecastFormat.level(level)
                if name == "lo_\(key)" { return numbers(report.points.map { $0.interval(level).lower }) }
                if name == "hi_\(key)" { return numbers(report.points.map { $0.interval(level).upper }) }
            }
            return nil
        }
    }
}
