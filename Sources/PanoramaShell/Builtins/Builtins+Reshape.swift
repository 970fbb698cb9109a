import Foundation
import PanoramaKit

extension BuiltinRegistry {
    /// Reshaping (tidyr's pivots) and the column verbs users know from dplyr: `case_when`,
    /// `coalesce`, `cut`, `rank`, `row_number`.
    static let reshapeBuiltins: [Builtin] = [
        Builtin("pivot_wider", .data, summary: "long to wide: one column per value of names_from holding values_from (tidyr's pivot_wider)",
                parameters: [.required("frame", "a frame"), .keyword("names_from", "the column whose values name the new columns"),
                             .keyword("values_from", "the column holding their values"),
                             .keyword("fill", "the number for combinations absent from the data (default na)")],
                example: """
                costs = frame(ministry=["Culture", "Culture", "Armées"], edition=["2016", "2017", "2017"], cost=[12, 14, 40])
                pivot_wider(costs, names_from=edition, values_from=cost, fill=0)
                """, quoted: ["names_from", "values_from"]) { ctx in
            let frame = try ctx.requiredFrame("frame")
            let names = try oneColumn(ctx, "names_from", in: frame), values = try oneColumn(ctx, "values_from", in: frame)
            do { return .frame(try frame.pivotWider(namesFrom: names, valuesFrom: values, fill: try ctx.number("fill"))) }
            catch let e as KernelError { throw ctx.failure(e.message) }
        },
        Builtin("pivot_longer", .data, summary: "wide to long: the columns cols stacked into a name column and a value column (tidyr's pivot_longer)",
                parameters: [.required("frame", "a frame"), .keyword("cols", "the columns to stack ([a, b] or one name)"),
                             .keyword("names_to", "name of the column of former column names (default \"name\")"),
                             .keyword("values_to", "name of the column of values (default \"value\")")],
                example: """
                wide = frame(ministry=["Culture", "Armées"], x2016=[12, na], x2017=[14, 40])
                pivot_longer(wide, cols=[x2016, x2017], names_to="edition", values_to="cost")
                """, quoted: ["cols"]) { ctx in
            let frame = try ctx.requiredFrame("frame")
            guard let cols = ctx.arguments["cols"] else { throw ctx.fail("say which columns to stack: cols=[a, b]") }
            let names = try columnIndices(ctx, [cols], in: frame).map { frame.columns[$0].name }
            do {
                return .frame(try frame.pivotLonger(columns: names, namesTo: try ctx.string("names_to") ?? "name",
                                                    valuesTo: try ctx.string("values_to") ?? "value"))
            } catch let e as KernelError { throw ctx.failure(e.message) }
        },
        Builtin("case_when", .math, summary: "element-wise: the value of the first true condition, na when none is (dplyr's case_when; `true ~ v` for the rest)",
                parameters: [Parameter("cases", "condition ~ value formulas, tried in order", variadic: true, required: true, forms: ["condition ~ value, …"])],
                example: "x = [1, 5, 9]\ncase_when(x < 3 ~ \"low\", x < 7 ~ \"mid\", true ~ \"high\")") { ctx in
            try caseWhen(ctx)
        },
        Builtin("coalesce", .math, summary: "element-wise: the first value that is not na (dplyr's coalesce, SQL's COALESCE)",
                parameters: [Parameter("values", "vectors or scalars of one type", variadic: true, required: true)],
                example: "coalesce([1, na, na], [9, 2, na], 0)") { ctx in
            let columns = try ctx.rest.map { a -> Column in
                guard let c = a.value?.asColumn() else { throw ctx.fail("coalesce takes vectors or scalars") }
                return c
            }
            let n = columns.map(\.count).max() ?? 0
            for c in columns where c.count != 1 && c.count != n { throw ctx.fail("coalesce: lengths \(c.count) and \(n) differ") }
            guard case .vector(let all) = try Operators.combine(columns.map { .vector($0) }, at: ctx.range) else { return .na }
            var offsets: [Int] = [], at = 0
            for c in columns { offsets.append(at); at += c.count }
            let picks = (0..<n).map { r in
                columns.indices.lazy.map { k in offsets[k] + (columns[k].count == 1 ? 0 : r) }.first { !all.data.isNA($0) } ?? -1
            }
            return .vector(Column(name: columns[0].name, all.data.gatherAllowingMissing(picks)))
        },
        Builtin("cut", .math, summary: "numbers into intervals (a, b], closed on the right as R's cut; outside the breaks is na",
                parameters: [.required("x", "a numeric vector"), .keyword("breaks", "increasing interval bounds"),
                             .keyword("labels", "one label per interval (default \"(a,b]\")")],
                example: "cut([5, 50, 500], breaks=[0, 10, 100, 1000], labels=[\"small\", \"medium\", \"large\"])") { ctx in
            let x = try ctx.requiredNumbers("x")
            guard let breaks = try ctx.numbers("breaks"), breaks.count >= 2 else { throw ctx.fail("breaks= needs at least two bounds") }
            guard zip(breaks, breaks.dropFirst()).allSatisfy({ $0 < $1 }) else { throw ctx.fail("breaks= must increase") }
            let labels = try strings(ctx, "labels") ?? zip(breaks, breaks.dropFirst()).map { "(\(JSON.numberText($0)),\(JSON.numberText($1))]" }
            guard labels.count == breaks.count - 1 else {
                throw ctx.fail("labels= has \(labels.count) labels for \(breaks.count - 1) intervals")
            }
            let codes = x.map { v -> Int32 in
                guard !v.isNaN, v > breaks[0], v <= breaks[breaks.count - 1] else { return -1 }
                var lo = 1, hi = breaks.count - 1
                while lo < hi { let mid = (lo + hi) / 2; if v <= breaks[mid] { hi = mid } else { lo = mid + 1 } }
                return Int32(lo - 1)
            }
            return .vector(Column(name: "cut", .text(Categorical(codes: codes, levels: labels))))
        },
        Builtin("rank", .math, summary: "the rank of each value, 1 for the smallest; ties share the average rank as R's default; na stays na",
                parameters: [.required("x", "a numeric vector"),
                             .choice("ties", "\"average\" (default), \"min\", \"max\" or \"first\"", ["average", "min", "max", "first"]),
                             .keyword("desc", "rank the largest first")],
                example: "rank([30, 10, 20, 10])") { ctx in
            var x = try ctx.requiredNumbers("x")
            if try ctx.bool("desc", default: false) { x = x.map { -$0 } }
            let ties = try ctx.string("ties") ?? "average"
            guard ["average", "min", "max", "first"].contains(ties) else {
                throw ctx.fail("ties= must be \"average\", \"min\", \"max\" or \"first\", not '\(ties)'")
            }
            return .vector(Column(name: "rank", .number(ranks(x, ties: ties))))
        },
        Builtin("row_number", .math, summary: "1, 2, 3, … as long as x (a vector or a frame): dplyr's row_number()",
                parameters: [.required("x", "a vector or a frame")], example: "row_number([\"a\", \"b\", \"c\"])") { ctx in
            let v = try ctx.required("x")
            let n: Int
            if case .frame(let f) = v { n = f.rowCount } else if let c = v.asColumn() { n = c.count } else {
                throw ctx.fail("'x' must be a vector or a frame, not a \(v.kindName)")
            }
            return .vector(Column(name: "row_number", .number((0..<n).map { Double($0 + 1) })))
        },
    ]

    /// The one column named by a quoted argument.
    static func oneColumn(_ ctx: CallContext, _ name: String, in frame: Frame) throws -> String {
        guard let argument = ctx.arguments[name] else { throw ctx.fail("missing argument '\(name)'") }
        let indices = try columnIndices(ctx, [argument], in: frame)
        guard indices.count == 1 else { throw ctx.fail("\(name)= names one column") }
        return frame.columns[indices[0]].name
    }

    /// Ranks with R's tie methods; na keeps na.
    static func ranks(_ x: [Double], ties: String) -> [Double] {
        let order = x.indices.filter { !x[$0].isNaN }.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        var out = [Double](repeating: .nan, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, x[order[j + 1]] == x[order[i]] { j += 1 }
            for k in i...j {
                switch ties {
                case "min": out[order[k]] = Double(i + 1)
                case "max": out[order[k]] = Double(j + 1)
                case "first": out[order[k]] = Double(k + 1)
                default: out[order[k]] = Double(i + j + 2) / 2
                }
            }
            i = j + 1
        }
        return out
    }

    /// `case_when(cond ~ value, …)`: each formula's sides evaluated in the caller's frame scope.
    static func caseWhen(_ ctx: CallContext) throws -> Value {
        var conditions: [[Int8]] = [], values: [Column] = []
        for argument in ctx.rest {
            guard case .formula(let formula)? = argument.value, let lhs = formula.lhs else {
                throw ctx.fail("each case is a formula condition ~ value, as x < 3 ~ \"low\"")
            }
            let test = try ctx.evaluate(lhs, in: ctx.scope)
            guard let c = test.asColumn(), case .bool(let flags) = c.data else {
                throw ctx.failure("the condition '\(formula.text)' must be true/false values, not \(test.kindName)", argument: nil)
            }
            conditions.append(flags)
            guard let v = try ctx.evaluate(formula.rhs, in: ctx.scope).asColumn() else {
                throw ctx.failure("the value of '\(formula.text)' must be a vector or a scalar")
            }
            values.append(v)
        }
        let n = (conditions.map(\.count) + values.map(\.count)).max() ?? 0
        for (k, c) in conditions.enumerated() where c.count != 1 && c.count != n {
            throw ctx.failure("case \(k + 1) has \(c.count) conditions for \(n) rows")
        }
        guard case .vector(let all) = try Operators.combine(values.map { .vector($0) }, at: ctx.range) else { return .na }
        var offsets: [Int] = [], at = 0
        for v in values { offsets.append(at); at += v.count }
        let picks = (0..<n).map { r -> Int in
            guard let k = conditions.indices.first(where: { conditions[$0][conditions[$0].count == 1 ? 0 : r] == 1 }) else { return -1 }
            return offsets[k] + (values[k].count == 1 ? 0 : r)
        }
        return .vector(Column(name: "case_when", all.data.gatherAllowingMissing(picks)))
    }
}
