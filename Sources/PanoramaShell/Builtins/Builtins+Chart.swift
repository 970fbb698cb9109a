import Foundation
import PanoramaKit

extension BuiltinRegistry {
    /// The chart builtins: each returns a chart value that draws itself when printed.
    static let chartBuiltins: [Builtin] = [
        Builtin("hist", .charts, summary: "histogram of numbers or of a simulation's totals",
                parameters: [Parameter("x", "numbers, a simulation, or a frame then a column", variadic: true, required: true,
                                       forms: ["x"]),
                             .keyword("bins", "about how many bins: the width is rounded to 1, 2, 2.5 or 5 × 10^k (default: Freedman–Diaconis, fitted to the width)")] + chartKeywords,
                example: "hist([1, 2, 2, 3, 3, 3, 4, 4, 5], bins=5, width=50, height=6)") { ctx in
            let (values, name) = try chartSeries(ctx, count: 1, builtin: "hist")[0]
            let bins = try ctx.int("bins", in: 1...10_000)
            var chart = ChartValue(type: "hist", chart: Histogram(values: values, bins: bins),
                                   description: "of \(ctx.options.numbers.string(Double(values.count))) values")
            chart.xlabel = name
            return try styled(chart, ctx)
        },
        Builtin("bar", .charts, summary: "horizontal bars with their values; bar(frame, x, y) sums y by x",
                parameters: [Parameter("data", "labels and values, or a frame then its label and value columns", variadic: true, required: true,
                                       forms: ["labels, values", "frame, x, y"]),
                             .keyword("sort", "true: largest first")] + chartKeywords,
                example: "bar([\"Armées\", \"Intérieur\", \"Justice\"], [420.5, 1250, 88], width=50)") { ctx in
            let args = ctx.rest
            let offset = isFrame(args.first?.value) ? 1 : 0
            guard args.count - offset == 2 else {
                throw ctx.fail(offset == 1 ? "bar(frame, x, y) needs a label column and a value column"
                                           : "bar() needs labels and values")
            }
            let labels = try chartLabels(args[offset], ctx)
            let (values, valueName) = try chartNumbers(args[offset + 1], ctx)
            guard labels.count == values.count else {
                throw ctx.fail("labels and values have different lengths (\(labels.count) and \(values.count))")
            }
            // Repeated labels add up, skipping na as sum() does; a label with only na stays na.
            var order: [String] = [], sums: [String: Double] = [:], skipped = 0
            for (l, v) in zip(labels, values) {
                if sums[l] == nil { order.append(l); sums[l] = .nan }
                if v.isNaN { skipped += 1; continue }
                sums[l] = sums[l]!.isNaN ? v : sums[l]! + v
            }
            var note: String?
            if order.count < labels.count {
                note = "sum of \(valueName) by \(ExprPrinter.text(args[offset].expr)) (\(Prose.counted(labels.count, "row"))"
                    + (skipped > 0 ? ", \(skipped) na left out)" : ")")
            }
            var pairs = order.map { ($0, sums[$0]!) }
            if try ctx.bool("sort", default: false) {
                pairs.sort { a, b in
                    if a.1.isNaN != b.1.isNaN { return b.1.isNaN }
                    return a.1 > b.1 || (a.1 == b.1 && a.0 < b.0)
                }
            }
            let chart = ChartValue(type: "bar", chart: BarChart(labels: pairs.map(\.0), values: pairs.map(\.1), note: note),
                                   description: "of \(Prose.counted(pairs.count, "bar"))")
            return try styled(chart, ctx)
        },
        Builtin("line", .charts, summary: "lines of one or more series over numbers, dates or labels",
                parameters: [Parameter("data", "x then one or more y series (or a frame then columns)", variadic: true, required: true,
                                       forms: ["x, y…", "frame, x, y…"])] + chartKeywords,
                example: "line([2020, 2021, 2022, 2023], [3.1, 3.4, 3.3, 3.9], [2.9, 3.0, 3.2, 3.3], width=50, height=8)") { ctx in
            let args = ctx.rest
            let offset = isFrame(args.first?.value) ? 1 : 0
            let given = Array(args.dropFirst(offset))
            guard !given.isEmpty else { throw ctx.fail("line() needs y values (and x first)") }
            var x: [Double], kind: ChartXKind, xName: String?
            var ys = given
            if given.count == 1 {
                let n = try chartNumbers(given[0], ctx).0.count
                (x, kind, xName) = ((0..<n).map { Double($0 + 1) }, .numbers, nil)
            } else {
                (x, kind) = try chartAxisValues(given[0], ctx)
                xName = ExprPrinter.text(given[0].expr)
                ys = Array(given.dropFirst())
            }
            var series: [LineSeries] = []
            for y in ys {
                let (values, name) = try chartNumbers(y, ctx)
                guard values.count == x.count else {
                    throw ctx.fail("'\(name)' has \(values.count) values but x has \(x.count)")
                }
                series.append(LineSeries(name: name, values: values))
            }
            var chart = ChartValue(type: "line", chart: LineChart(x: x, xKind: kind, series: series),
                                   description: "of \(series.count) series × \(Prose.counted(x.count, "point"))")
            chart.xlabel = xName
            if series.count == 1 { chart.ylabel = series[0].name }
            return try styled(chart, ctx)
        },
        Builtin("scatter", .charts, summary: "points of y against x; fit= a model, [intercept, slope] or true draws a line",
                parameters: [Parameter("data", "x and y (or a frame then its x and y columns)", variadic: true, required: true,
                                       forms: ["x, y", "frame, x, y"]),
                             .keyword("fit", "a fitted model, [intercept, slope], or true for least squares")] + chartKeywords,
                example: "scatter([1, 2, 3, 4, 5, 6], [2.1, 3.9, 6.2, 8.1, 9.7, 12.2], fit=true, width=50, height=8)") { ctx in
            let args = ctx.rest
            let offset = isFrame(args.first?.value) ? 1 : 0
            guard args.count - offset == 2 else {
                throw ctx.fail(offset == 1 ? "scatter(frame, x, y) needs an x column and a y column" : "scatter() needs x and y")
            }
            let (x, xName) = try chartNumbers(args[offset], ctx)
            let (y, yName) = try chartNumbers(args[offset + 1], ctx)
            guard x.count == y.count else { throw ctx.fail("x and y have different lengths (\(x.count) and \(y.count))") }
            let fit = try scatterFit(ctx, x: x, y: y)
            var chart = ChartValue(type: "scatter", chart: ScatterChart(x: x, y: y, fits: fit),
                                   description: "of \(ctx.options.numbers.string(Double(x.count))) points")
            chart.xlabel = xName
            chart.ylabel = yName
            return try styled(chart, ctx)
        },
        Builtin("box", .charts, summary: "box plots of x, one per group of by=",
                parameters: [Parameter("data", "numbers (or a frame then a column)", variadic: true, required: true,
                                       forms: ["x", "frame, x"]),
                             .keyword("by", "the groups (text, numbers or dates), one per value")] + chartKeywords,
                example: "box([3, 5, 4, 8, 12, 10, 9, 30], by=[\"a\", \"a\", \"a\", \"a\", \"b\", \"b\", \"b\", \"b\"], width=50)") { ctx in
            let (values, name) = try chartSeries(ctx, count: 1, builtin: "box")[0]
            var groups: [BoxPlot.Group]
            if let by = ctx.arguments["by"] {
                let labels = try chartLabels(by, ctx, naLabel: "na")
                guard labels.count == values.count else {
                    throw ctx.fail("'by' has \(labels.count) values but x has \(values.count)")
                }
                var order: [String] = [], members: [String: [Double]] = [:]
                for (l, v) in zip(labels, values) {
                    if members[l] == nil { order.append(l) }
                    members[l, default: []].append(v)
                }
                if case .vector(let c)? = by.value, case .text = c.data { } else { order.sort(by: naturalOrder) }
                groups = order.map { BoxPlot.Group(name: $0, values: members[$0]!) }
            } else {
                groups = [BoxPlot.Group(name: name, values: values)]
            }
            var chart = ChartValue(type: "box", chart: BoxPlot(groups: groups),
                                   description: "of \(groups.count) group\(groups.count == 1 ? "" : "s")")
            chart.xlabel = name
            return try styled(chart, ctx)
        },
        Builtin("scurve", .charts, summary: "S-curve: the cumulative distribution of totals with P50, P80 and the point estimate",
                parameters: [Parameter("x", "a simulation, or numbers (or a frame then a column)", variadic: true, required: true,
                                       forms: ["simulation", "x"]),
                             .keyword("point", "the point estimate to mark (a simulation gives its own)")] + chartKeywords,
                example: "scurve(seq(80, 130, by=0.5), point=95, width=60, height=10)") { ctx in
            var point = try ctx.number("point")
            var p50: Double?, p80: Double?, subject = "values"
            if let first = ctx.rest.first?.value, case .object(let o) = first, let s = o as? any ChartableSimulation {
                guard ctx.rest.count == 1 else { throw ctx.fail("scurve(simulation) takes only the simulation") }
                point = point ?? s.pointEstimate
                (p50, p80, subject) = (s.quantile(0.5), s.quantile(0.8), "trials")
            }
            let (values, name) = try chartSeries(ctx, count: 1, builtin: "scurve")[0]
            var chart = ChartValue(type: "scurve", chart: SCurve(values: values, pointEstimate: point, p50: p50, p80: p80, subject: subject),
                                   description: "of \(ctx.options.numbers.string(Double(values.count))) \(subject)")
            chart.xlabel = name
            return try styled(chart, ctx)
        },
        Builtin("tornado", .charts, summary: "tornado: each input's swing of the total, widest on top",
                parameters: [Parameter("data", "a simulation, or input names with the totals at their low and high", variadic: true, required: true,
                                       forms: ["simulation", "names, low, high"]),
                             .keyword("base", "the value bars diverge from (default: the simulation's mean, or 0)")] + chartKeywords,
                example: "tornado([\"Projet A\", \"Projet B\", \"Projet C\"], [950, 990, 1005], [1130, 1040, 1010], base=1000, width=60)") { ctx in
            let args = ctx.rest
            var bars: [TornadoChart.Bar], base: Double, note: String?, baseName = "base"
            if args.count == 1, case .object(let o)? = args[0].value, let sim = o as? any ChartableSimulation {
                bars = sim.contributions.map { TornadoChart.Bar(name: $0.name, low: $0.low, high: $0.high) }
                base = try ctx.number("base") ?? sim.contributionBase
                if !ctx.has("base") { baseName = "mean" }
                note = "bars: the total with each input at its \(sim.contributionRange)"
            } else {
                guard args.count == 3 else { throw ctx.fail("tornado() needs a simulation, or names, low and high") }
                let names = try chartLabels(args[0], ctx)
                let (low, _) = try chartNumbers(args[1], ctx), (high, _) = try chartNumbers(args[2], ctx)
                guard names.count == low.count, low.count == high.count else {
                    throw ctx.fail("names, low and high have different lengths (\(names.count), \(low.count) and \(high.count))")
                }
                bars = (0..<names.count).map { TornadoChart.Bar(name: names[$0], low: low[$0], high: high[$0]) }
                base = try ctx.number("base", default: 0)
            }
            let chart = ChartValue(type: "tornado", chart: TornadoChart(bars: bars, base: base, baseName: baseName, note: note),
                                   description: "of \(Prose.counted(bars.count, "input"))")
            return try styled(chart, ctx)
        },
        Builtin("fan", .charts, summary: "forecast fan: history, then the forecast with its 80 % and 95 % bands",
                parameters: [.required("forecast", "a forecast")] + chartKeywords,
                example: "") { ctx in
            guard case .object(let o)? = ctx["forecast"], let f = o as? any ChartableForecast else {
                throw ctx.fail("'forecast' must be a forecast, not a \(ctx["forecast"]?.kindName ?? "missing value")")
            }
            let history = f.history
            var fan = FanChart(historyLabels: history.map(\.label), history: history.map(\.value), forecast: f.forecastPoints)
            fan.notes = f.fanNotes
            let chart = ChartValue(type: "fan", chart: fan,
                                   description: "of \(history.count) observed and \(Prose.counted(f.forecastPoints.count, "forecast period"))")
            return try styled(chart, ctx)
        },
        Builtin("waterfall", .charts, summary: "waterfall: a start total, signed steps and the end total (values: start, steps…, end)",
                parameters: [Parameter("data", "a bridge, or labels and values (the start, the steps, the end)", variadic: true, required: true,
                                       forms: ["bridge", "labels, values"])]
                    + chartKeywords,
                example: "waterfall([\"2020-11\", \"growth\", \"entries\", \"exits\", \"2021-11\"], [3500, 300, 150, -400, 3550], width=60)") { ctx in
            let args = ctx.rest
            let chart: Waterfall
            if args.count == 1, case .object(let o)? = args[0].value, let b = o as? any ChartableBridge {
                chart = Waterfall(startLabel: b.start.label, start: b.start.value, steps: b.steps, endLabel: b.end.label, end: b.end.value)
            } else {
                guard args.count == 2 else { throw ctx.fail("waterfall() needs a bridge, or labels and values") }
                let labels = try chartLabels(args[0], ctx), (values, _) = try chartNumbers(args[1], ctx)
                guard labels.count == values.count, labels.count >= 2 else {
                    throw ctx.fail("waterfall() needs as many labels as values, at least a start and an end")
                }
                let steps = (1..<(labels.count - 1)).map { (label: labels[$0], delta: values[$0]) }
                guard values.dropLast().allSatisfy(\.isFinite) else {
                    throw ctx.fail("waterfall() needs a number for the start and every step (na only for the end, which is then computed)")
                }
                // An na end is the start plus the steps (drawing it as 0 would be silently wrong).
                let end = values[values.count - 1].isNaN ? steps.reduce(values[0]) { $0 + $1.delta } : values[values.count - 1]
                chart = Waterfall(startLabel: labels[0], start: values[0], steps: steps, endLabel: labels[labels.count - 1], end: end)
            }
            return try styled(ChartValue(type: "waterfall", chart: chart, description: "of \(Prose.counted(chart.steps.count, "step"))"), ctx)
        },
        Builtin("seq", .math, summary: "numbers from from to to in steps of by (default 1) or length= evenly spaced; dates by \"month\", \"quarter\", \"semester\", \"year\" or a number of days",
                parameters: [.required("from", "first value"), .required("to", "last value (not passed)"),
                             .keyword("by", "step (default 1, or -1 when to < from)"), .keyword("length", "how many values")],
                example: "seq(0, 1, by=0.25)\nseq(date(2024, 1), date(2025, 1), by=\"semester\")") { ctx in
            if case .date? = ctx["from"] { return try dateSequence(ctx) }
            let from = try ctx.requiredNumber("from"), to = try ctx.requiredNumber("to")
            guard from.isFinite, to.isFinite else { throw ctx.fail("'from' and 'to' must be finite numbers") }
            if let n = try ctx.int("length", in: 1...100_000_000) {
                if ctx.has("by") { throw ctx.fail("give by= or length=, not both") }
                let step = n > 1 ? (to - from) / Double(n - 1) : 0
                return .vector(Column(name: "seq", .number((0..<n).map { from + Double($0) * step })))
            }
            let by = try ctx.number("by") ?? (to >= from ? 1 : -1)
            guard by.isFinite, by != 0, (to - from) / by >= 0 else {
                throw ctx.fail("'by' must go from \(NumberFormat().string(from)) towards \(NumberFormat().string(to))")
            }
            let count = Int(((to - from) / by * (1 + 1e-10)).rounded(.down)) + 1
            guard count <= 100_000_000 else { throw ctx.fail("seq would make \(count) values; at most 100,000,000") }
            return .vector(Column(name: "seq", .number((0..<count).map { from + Double($0) * by })))
        },
        Builtin("seq_len", .math, summary: "the whole numbers 1, 2, …, n",
                parameters: [.required("n", "how many")], example: "seq_len(5)") { ctx in
            let n = try ctx.requiredInt("n", in: 0...100_000_000)
            return .vector(Column(name: "seq_len", .number((0..<n).map { Double($0 + 1) })))
        },
    ]

    /// The keywords every chart takes.
    static let chartKeywords: [Parameter] = [
        .commonKeyword("title", "a title over the chart"),
        .commonKeyword("width", "columns (default: the terminal's or .width)"),
        .commonKeyword("height", "rows of the plot (default: a fifth of the width, 10–20)"),
        .commonKeyword("xlabel", "x axis label (\"\" for none)"),
        .commonKeyword("ylabel", "y axis label (\"\" for none)"),
        .commonKeyword("xscale", "\"linear\" or \"log\""),
        .commonKeyword("yscale", "\"linear\" or \"log\""),
    ]

    /// Applies the common keywords to a chart.
    static func styled(_ chart: ChartValue, _ ctx: CallContext) throws -> Value {
        var chart = chart
        if let t = try ctx.string("title") { chart.title = t }
        if let t = try ctx.string("xlabel") { chart.xlabel = t.isEmpty ? nil : t }
        if let t = try ctx.string("ylabel") { chart.ylabel = t.isEmpty ? nil : t }
        chart.width = try ctx.int("width", in: 20...1000)
        chart.height = try ctx.int("height", in: 2...200)
        for (name, apply) in [("xscale", { (s: AxisScale) in chart.xscale = s }), ("yscale", { chart.yscale = $0 })] {
            guard let text = try ctx.string(name) else { continue }
            guard let scale = AxisScale(rawValue: text) else {
                throw ctx.fail("'\(name)' must be \"linear\" or \"log\", not \"\(text)\"")
            }
            apply(scale)
        }
        return .object(chart)
    }

    static func isFrame(_ v: Value?) -> Bool {
        if case .frame? = v { return true }
        if case .object(let o)? = v, !(o is any ChartableSimulation), o.tableView != nil { return true }
        return false
    }

    /// The numbers of the positional arguments: `count` series, after an optional frame.
    /// A simulation gives its totals.
    static func chartSeries(_ ctx: CallContext, count: Int, builtin: String) throws -> [([Double], String)] {
        let args = ctx.rest
        let offset = isFrame(args.first?.value) ? 1 : 0
        guard args.count - offset == count else {
            throw ctx.fail(offset == 1 ? "\(builtin)(frame, x) needs one column after the frame"
                                       : "\(builtin)() takes \(count == 1 ? "one vector" : "\(count) vectors")")
        }
        return try args.dropFirst(offset).map { try chartNumbers($0, ctx) }
    }

    /// A positional argument as numbers, with the name a chart shows for it (its expression).
    static func chartNumbers(_ arg: BoundArgument, _ ctx: CallContext) throws -> ([Double], String) {
        let name = ExprPrinter.text(arg.expr)
        let quoted = name.hasPrefix("\"") ? name : "'\(name)'"
        guard let value = arg.value else { throw ctx.fail("\(quoted) must be numbers") }
        if case .object(let o) = value, let s = o as? any ChartableSimulation { return (s.totals, name) }
        guard let c = value.asColumn(name: name) else { throw ctx.fail("\(quoted) must be numbers, not a \(value.kindName)") }
        switch c.data {
        case .number(let xs): return (xs, name)
        case .bool(let bs): return (bs.map { $0 < 0 ? .nan : Double($0) }, name)
        default: throw ctx.fail("\(quoted) must be numbers, not \(c.data.typeName)")
        }
    }

    /// An argument as text labels (numbers and dates formatted; `na` as `naLabel` or an error).
    static func chartLabels(_ arg: BoundArgument, _ ctx: CallContext, naLabel: String? = nil) throws -> [String] {
        let name = ExprPrinter.text(arg.expr)
        guard let value = arg.value, let c = value.asColumn(name: name) else {
            throw ctx.fail("'\(name)' must be labels, not a \(arg.value?.kindName ?? "quoted expression")")
        }
        var options = ctx.options
        options.numbers = NumberFormat(significantDigits: 7, groupSeparator: "")
        return try (0..<c.count).map { i in
            if c.data.isNA(i) {
                guard let naLabel else { throw ctx.fail("'\(name)' has na labels") }
                return naLabel
            }
            return c.text(at: i, numbers: options.numbers)
        }
    }

    /// An x argument: numbers, dates (day numbers) or text categories.
    static func chartAxisValues(_ arg: BoundArgument, _ ctx: CallContext) throws -> ([Double], ChartXKind) {
        if case .vector(let c)? = arg.value {
            switch c.data {
            case .date(let days, _): return (days.map { $0 == ColumnData.naDay ? .nan : Double($0) }, .dates)
            case .text(let t):
                return ((0..<c.count).map { t.codes[$0] < 0 ? .nan : Double($0) }, .categories((0..<c.count).map { c.text(at: $0) }))
            default: break
            }
        }
        return (try chartNumbers(arg, ctx).0, .numbers)
    }

    /// The lines `scatter(…, fit=)` draws: from a model (a quantile regression gives one per τ),
    /// an [intercept, slope] pair, or least squares.
    static func scatterFit(_ ctx: CallContext, x: [Double], y: [Double]) throws -> [ScatterChart.Fit] {
        guard let fit = ctx["fit"] else { return [] }
        switch fit {
        case .bool(false): return []
        case .bool(true):
            let keep = (0..<x.count).filter { x[$0].isFinite && y[$0].isFinite }
            let xs = keep.map { x[$0] }, ys = keep.map { y[$0] }
            guard xs.count >= 2 else { throw ctx.failure("fit=true needs at least two points with x and y", argument: "fit") }
            let mx = Descriptive.mean(xs), my = Descriptive.mean(ys)
            var sxy = 0.0, sxx = 0.0
            for (a, b) in zip(xs, ys) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
            guard sxx > 0 else { throw ctx.failure("fit=true needs x values that differ", argument: "fit") }
            let slope = sxy / sxx
            return [.line(intercept: my - slope * mx, slope: slope)]
        case .object(let o):
            guard let m = o as? any LinearFitLine else { throw ctx.fail("'fit' must be a model, [intercept, slope] or true, not a \(o.kind)") }
            guard let lines = m.fittedLines else {
                throw ctx.failure("the model is not a straight line in one numeric predictor; scatter can only draw such a fit", argument: "fit")
            }
            return lines.map { .line(intercept: $0.intercept, slope: $0.slope, name: $0.label) }
        default:
            let pair = try ctx.requiredNumbers("fit")
            guard pair.count == 2, pair.allSatisfy(\.isFinite) else { throw ctx.fail("'fit' must be a model, [intercept, slope] or true") }
            return [.line(intercept: pair[0], slope: pair[1])]
        }
    }

    /// Orders group labels as numbers when they all are, otherwise as text.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b) { return x < y }
        return a < b
    }
}
