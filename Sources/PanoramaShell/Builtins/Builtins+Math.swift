import Foundation
import PanoramaKit

extension BuiltinRegistry {
    /// Element-wise maths on numbers and vectors; `na` stays `na`.
    static let mathBuiltins: [Builtin] = [
        elementwise("log", "natural logarithm (base= for another base)", example: "log([1, 10, 100], base=10)",
                    option: .keyword("base", "logarithm base (default e)"),
                    scalar: Scalar({ Foundation.log($0) }, option: "base") { x, b in logarithm(base: b)(x) }) { ctx in
            try ctx.number("base").map { logarithm(base: $0) }
        },
        elementwise("exp", "exponential", example: "exp(1)", scalar: Scalar { Foundation.exp($0) }),
        elementwise("sqrt", "square root", example: "sqrt([4, 9, na])", scalar: Scalar { $0.squareRoot() }),
        elementwise("abs", "absolute value", example: "abs(-3)", scalar: Scalar { Swift.abs($0) }),
        elementwise("round", "round half away from zero to digits= decimals", example: "round(3.14159, digits=2)",
                    option: .keyword("digits", "decimals to keep (default 0)"),
                    scalar: Scalar(rounding(0), option: "digits") { x, d in
                        // What ctx.int("digits", in: roundingDigits) accepts; anything else is its error.
                        guard d == d.rounded(), d >= Double(roundingDigits.lowerBound),
                              d <= Double(roundingDigits.upperBound) else { return nil }
                        return rounding(Int(d))(x)
                    }) { ctx in
            try ctx.int("digits", in: roundingDigits).map(rounding)
        },
        elementwise("floor", "largest whole number not above", example: "floor(2.7)", scalar: Scalar { $0.rounded(.down) }),
        elementwise("ceil", "smallest whole number not below", example: "ceil(2.1)", scalar: Scalar { $0.rounded(.up) }),
        Builtin("cumsum", .math, summary: "running sum (within each group of by=); na from the first na on",
                parameters: [.required("x", "a numeric vector"), .keyword("by", byHelp)],
                example: "cumsum([1, 2, 3])", quoted: ["by"]) { ctx in
            let x = try ctx.requiredNumbers("x")
            var out = x
            for rows in try rowGroups(ctx, count: x.count) {
                var s = 0.0
                for r in rows { s += x[r]; out[r] = s }
            }
            return .vector(Column(name: "cumsum", .number(out)))
        },
        Builtin("diff", .math, summary: "differences x[i] − x[i−lag]: n − lag of them, or as long as x with na first (align=true, or by= within groups)",
                parameters: [.required("x", "a numeric vector"), Parameter("lag", "distance", default: "1"),
                             .keyword("align", "true: as long as x, na for the first lag values", default: "false"),
                             .keyword("by", byHelp + " (implies align)")],
                example: "diff([1, 4, 9, 16], align=true)", quoted: ["by"]) { ctx in
            let x = try ctx.requiredNumbers("x")
            let lag = try ctx.requiredInt("lag", in: 1...1_000_000_000)
            guard try ctx.requiredBool("align") || ctx.has("by") else {
                let out = x.count > lag ? (lag..<x.count).map { x[$0] - x[$0 - lag] } : []
                return .vector(Column(name: "diff", .number(out)))
            }
            var out = [Double](repeating: .nan, count: x.count)
            for rows in try rowGroups(ctx, count: x.count) where rows.count > lag {
                for k in lag..<rows.count { out[rows[k]] = x[rows[k]] - x[rows[k - lag]] }
            }
            return .vector(Column(name: "diff", .number(out)))
        },
        Builtin("lag", .math, summary: "the vector shifted down by n (within each group of by=), na first (same length)",
                parameters: [.required("x", "a vector"), Parameter("n", "shift", default: "1"),
                             .keyword("by", byHelp)],
                example: "lag([1, 2, 3, 4], by=[\"a\", \"a\", \"b\", \"b\"])", quoted: ["by"]) { ctx in
            let c = try ctx.requiredColumn("x")
            let k = try ctx.requiredInt("n", in: 0...1_000_000_000)
            var idx = [Int](repeating: -1, count: c.count)
            for rows in try rowGroups(ctx, count: c.count) {
                for (i, r) in rows.enumerated() where i >= k { idx[r] = rows[i - k] }
            }
            return .vector(Column(name: c.name, c.data.gatherAllowingMissing(idx)))
        },
        Builtin("ifelse", .math, summary: "element-wise choice: yes where test is true, no where false",
                parameters: [.required("test", "bool vector"), .required("yes", "value(s) if true"), .required("no", "value(s) if false")],
                example: "ifelse([1, 5, 9] > 4, \"big\", \"small\")") { ctx in
            guard case .bool(let test) = try ctx.requiredColumn("test").data else { throw ctx.fail("'test' must be true/false values") }
            let yes = try ctx.requiredColumn("yes"), no = try ctx.requiredColumn("no")
            let n = test.count
            for (name, c) in [("yes", yes), ("no", no)] where c.count != 1 && c.count != n {
                throw ctx.fail("'\(name)' has \(c.count) values but 'test' has \(n)")
            }
            guard yes.data.typeName == no.data.typeName else {
                throw ctx.fail("'yes' and 'no' must have the same type (\(yes.data.typeName) and \(no.data.typeName))")
            }
            let combined = try Operators.combine([.vector(yes), .vector(no)], at: ctx.range)
            guard case .vector(let both) = combined else { return .na }
            let indices = (0..<n).map { test[$0] == 1 ? (yes.count == 1 ? 0 : $0) : yes.count + (no.count == 1 ? 0 : $0) }
            let data = withNA(both.data.gather(indices), at: (0..<n).filter { test[$0] < 0 })
            return .vector(Column(name: "ifelse", data))
        },
        Builtin("is_na", .math, summary: "true where x is na",
                parameters: [.required("x", "any vector")], example: "is_na([1, na, 3])") { ctx in
            // One number, text or na: answered without making a column of it.
            switch ctx["x"] {
            case .na?: return .bool(true)
            case .number(let x)?: return .bool(x.isNaN)
            case .string?: return .bool(false)
            default: break
            }
            let c = try ctx.requiredColumn("x")
            let out = (0..<c.count).map { Int8(c.data.isNA($0) ? 1 : 0) }
            return try ctx.required("x").isVector ? .vector(Column(name: "is_na", .bool(out))) : .bool(out[0] == 1)
        },
    ]

    /// A builtin applying `f` to every element; scalars in, scalar out.
    static func elementwise(_ name: String, _ summary: String, example: String, extra: [Parameter] = [],
                            _ make: @escaping @Sendable ([Double], inout CallContext) throws -> (Double) -> Double) -> Builtin {
        return Builtin(name, .math, summary: summary,
                       parameters: [.required("x", "a number or numeric vector")] + extra, example: example) { ctx in
            let value = try ctx.required("x")
            let x = try ctx.requiredNumbers("x")
            let f = try make(x, &ctx)
            let out = x.map { $0.isNaN ? .nan : f($0) }
            if !value.isVector { return out[0].isNaN ? .na : .number(out[0]) }
            return .vector(Column(name: name, .number(out)))
        }
    }

    /// An element-wise builtin of numbers whose function is `scalar` (also kept as
    /// `Builtin.scalar`): of `x` alone, or with an `option` read by `withOption` — the function of
    /// x for the option's value, nil when it is not given.
    static func elementwise(_ name: String, _ summary: String, example: String, option: Parameter? = nil, scalar: Scalar,
                            withOption: @escaping @Sendable (CallContext) throws -> ((Double) -> Double)? = { _ in nil }) -> Builtin {
        let f = scalar.apply
        var builtin = elementwise(name, summary, example: example, extra: option.map { [$0] } ?? []) { _, ctx in
            try withOption(ctx) ?? f
        }
        builtin.scalar = scalar
        return builtin
    }

    /// The digits `round` takes.
    static let roundingDigits = -15...15

    /// `round` to `digits` decimals, half away from zero.
    static func rounding(_ digits: Int) -> @Sendable (Double) -> Double {
        let scale = Foundation.pow(10.0, Double(digits))
        return { ($0 * scale).rounded() / scale }
    }

    /// The logarithm in `base`.
    static func logarithm(base: Double) -> @Sendable (Double) -> Double {
        { Foundation.log($0) / Foundation.log(base) }
    }

    /// The data with `na` at the given positions.
    /// What `by=` of the window functions takes.
    static let byHelp = "groups: a column of x's frame by name (or [a, b]), or a vector as long as x"

    /// The rows of each group of the `by=` argument (all rows in one group without it), in order.
    static func rowGroups(_ ctx: CallContext, count: Int) throws -> [[Int]] {
        guard let by = try ctx.groupingColumns(of: "x") else { return [Array(0..<count)] }
        for c in by where c.count != count { throw ctx.fail("by= has \(c.count) values but 'x' has \(count)") }
        return Frame(columns: by).groups(by: Array(by.indices))
    }

    static func withNA(_ data: ColumnData, at positions: [Int]) -> ColumnData {
        guard !positions.isEmpty else { return data }
        switch data {
        case .number(var v): for i in positions { v[i] = .nan }; return .number(v)
        case .text(var c): for i in positions { c.codes[i] = -1 }; return .text(c)
        case .bool(var v): for i in positions { v[i] = -1 }; return .bool(v)
        case .date(var v, let p): for i in positions { v[i] = ColumnData.naDay }; return .date(v, p)
        }
    }
}

extension Value {
    var isVector: Bool { if case .vector = self { true } else { false } }
}
