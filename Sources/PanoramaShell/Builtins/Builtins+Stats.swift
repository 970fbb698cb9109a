import PanoramaKit

extension BuiltinRegistry {
    /// Aggregates: they skip `na` and say how many they skipped in a note.
    static let statsBuiltins: [Builtin] = [
        aggregate("sum", "sum of the values", example: "sum([1, 2, na, 4])"),
        aggregate("mean", "arithmetic mean", example: "mean([1, 2, 3, 4])", fromObject: { $0.mean }),
        aggregate("median", "median (R type 7)", example: "median([3, 1, 2])", fromObject: { $0.quantile(0.5) }),
        aggregate("sd", "sample standard deviation (n − 1)", example: "sd([1, 2, 3, 4])", fromObject: { $0.standardDeviation }),
        aggregate("var", "sample variance (n − 1)", example: "var([1, 2, 3, 4])", fromObject: { $0.standardDeviation * $0.standardDeviation }),
        dateAware(aggregate("min", "smallest value (also of dates)", example: "min([3, 1, 2])")) { $0.min() },
        dateAware(aggregate("max", "largest value (also of dates)", example: "max([3, 1, 2])")) { $0.max() },
        Builtin("range", .stats, summary: "the smallest and largest values (of numbers or dates); skips na",
                parameters: [.required("x", "a numeric or date vector")],
                example: "range([3, 1, na, 2])\nrange(date(2024, [6, 1, 9]))") { ctx in
            if let dates = try presentDates(ctx, builtin: "range") {
                let (days, p) = dates
                guard let lo = days.min(), let hi = days.max() else { return .vector(Column(name: "range", .date([ColumnData.naDay, ColumnData.naDay], p))) }
                return .vector(Column(name: "range", .date([lo, hi], p)))
            }
            let x = try present(ctx, "x", builtin: "range")
            return .vector(Column(name: "range", .number([x.min() ?? .nan, x.max() ?? .nan])))
        },
        Builtin("n", .stats, summary: "number of values that are not na",
                parameters: [.required("x", "a vector or frame")], example: "n([1, na, 3])") { ctx in
            if case .frame(let f)? = ctx["x"] { return .number(Double(f.rowCount)) }
            let c = try ctx.requiredColumn("x")
            return .number(Double((0..<c.count).filter { !c.data.isNA($0) }.count))
        },
        edge("first", "the first value (of any type; na if empty or if the first is na)", example: "first([na, 2, 3])") { $0.first },
        edge("last", "the last value (of any type): in summarize(by=), a group's latest row", example: "last([\"a\", \"b\", \"c\"])") { $0.last },
        truthAggregate("any", "true when at least one value is true (false for none)", example: "any([1, 5, 9] > 8)") { $0.contains(1) },
        truthAggregate("all", "true when every value is true (true for none)", example: "all([1, 5, na] > 0)") { !$0.contains(0) },
        Builtin("quantile", .stats, summary: "quantiles of a vector (R type 7), a distribution or a simulation",
                parameters: [.required("x", "a numeric vector, distribution or simulation"), .required("p", "probabilities in [0, 1]")],
                example: "quantile([1, 2, 3, 4, 5], [0.1, 0.5, 0.9])") { ctx in
            let ps = try ctx.requiredNumbers("p")
            for p in ps where !(p >= 0 && p <= 1) {
                throw ctx.fail("'p' must be probabilities between 0 and 1, not \(NumberFormat().string(p))")
            }
            let q: (Double) -> Double
            if case .object(let o)? = ctx["x"], let d = o as? any QuantileValue {
                q = { d.quantile($0) }
            } else {
                let x = try present(ctx, "x", builtin: "quantile")
                let sorted = x.sorted()
                q = { Descriptive.quantile(sorted: sorted, $0) }
            }
            let out = ps.map(q)
            if case .vector? = ctx["p"] { return .vector(Column(name: "quantile", .number(out))) }
            return out[0].isNaN ? .na : .number(out[0])
        },
        Builtin("cor", .stats, summary: "Pearson correlation over rows where both are present",
                parameters: [.required("x", "numeric vector"), .required("y", "numeric vector")],
                example: "cor([1, 2, 3, 4], [2, 4, 5, 9])") { ctx in
            let x = try ctx.requiredNumbers("x"), y = try ctx.requiredNumbers("y")
            guard x.count == y.count else { throw ctx.fail("'x' and 'y' have different lengths (\(x.count) and \(y.count))") }
            let keep = (0..<x.count).filter { !x[$0].isNaN && !y[$0].isNaN }
            if keep.count < x.count { ctx.note("cor skipped \(x.count - keep.count) row\(x.count - keep.count == 1 ? "" : "s") with na") }
            let r = Descriptive.correlation(keep.map { x[$0] }, keep.map { y[$0] })
            return r.isNaN ? .na : .number(r)
        },
    ]

    /// A numeric aggregate: its value of the present (non-`na`) numbers, and its value of none.
    struct NumericAggregate: Sendable {
        let empty: Double
        let value: @Sendable ([Double]) -> Double
    }

    /// The aggregates behind `sum`, `mean`, … (also run directly on groups by `summarize`).
    static let numericAggregates: [String: NumericAggregate] = [
        "sum": NumericAggregate(empty: 0) { x in
            var s = 0.0
            for v in x { s += v }
            return s
        },
        "mean": NumericAggregate(empty: .nan) { Descriptive.mean($0) },
        "median": NumericAggregate(empty: .nan) { Descriptive.median($0) },
        "sd": NumericAggregate(empty: .nan) { Descriptive.sampleStandardDeviation($0) },
        "var": NumericAggregate(empty: .nan) { Descriptive.sampleVariance($0) },
        "min": NumericAggregate(empty: .nan) { $0.min() ?? .nan },
        "max": NumericAggregate(empty: .nan) { $0.max() ?? .nan },
    ]

    /// The note an aggregate gives when it skipped `na` values (nil when it skipped none).
    static func skippedNote(_ builtin: String, _ skipped: Int) -> String? {
        skipped > 0 ? "\(builtin) skipped \(skipped) na value\(skipped == 1 ? "" : "s")" : nil
    }

    /// The non-`na` numbers of an argument, with a note when some were skipped.
    static func present(_ ctx: CallContext, _ name: String, builtin: String) throws -> [Double] {
        let x = try ctx.requiredNumbers(name)
        let kept = x.filter { !$0.isNaN }
        if let note = skippedNote(builtin, x.count - kept.count) { ctx.note(note) }
        return kept
    }

    /// `any` and `all`: one true or false from true/false values (a condition for `if`), skipping
    /// `na` with a note as the numeric aggregates do. `test` sees the present values as 0 and 1.
    static func truthAggregate(_ name: String, _ summary: String, example: String,
                               test: @escaping @Sendable ([Int8]) -> Bool) -> Builtin {
        Builtin(name, .stats, summary: summary + "; skips na",
                parameters: [.required("x", "true/false values, e.g. a comparison")], example: example) { ctx in
            let c = try ctx.requiredColumn("x")
            let v: [Int8]
            if case .bool(let b) = c.data { v = b } else if (0..<c.count).allSatisfy(c.data.isNA) { v = Array(repeating: -1, count: c.count) } else {
                throw ctx.fail("'x' must be true/false values, like x > 3, not \(c.data.typeName)")
            }
            let kept = v.filter { $0 >= 0 }
            if let note = skippedNote(name, v.count - kept.count) { ctx.note(note) }
            return .bool(test(kept))
        }
    }

    static func aggregate(_ name: String, _ summary: String, example: String,
                          fromObject: (@Sendable (any QuantileValue) -> Double)? = nil) -> Builtin {
        let aggregate = numericAggregates[name]!
        return Builtin(name, .stats, summary: summary + "; skips na",
                       parameters: [.required("x", "a numeric vector")], example: example) { ctx in
            if let fromObject, case .object(let o)? = ctx["x"], let d = o as? any QuantileValue {
                return .number(fromObject(d))
            }
            let x = try present(ctx, "x", builtin: name)
            let r = x.isEmpty ? aggregate.empty : aggregate.value(x)
            return r.isNaN ? .na : .number(r)
        }
    }

    /// `first` and `last`: one end of a vector, as is (na included, as R's dplyr), so that in
    /// `summarize(by=key, cost=last(cost))` a project's latest row is what it says, na or not.
    static func edge(_ name: String, _ summary: String, example: String, _ pick: @escaping @Sendable (Range<Int>) -> Int?) -> Builtin {
        Builtin(name, .stats, summary: summary,
                parameters: [.required("x", "a vector (numbers, text, dates or true/false)")], example: example) { ctx in
            guard let c = ctx["x"]?.asColumn() else {
                throw ctx.fail("'x' must be a vector, not a \(ctx["x"]?.kindName ?? "missing value")")
            }
            return pick(0..<c.count).map(c.element) ?? .na
        }
    }
}
