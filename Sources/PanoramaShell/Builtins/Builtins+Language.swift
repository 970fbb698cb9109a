import PanoramaKit

extension BuiltinRegistry {
    /// The language's own functions: printing, lists, applying functions, converting text.
    static let languageBuiltins: [Builtin] = [
        Builtin("print", .language, summary: "shows a value as the prompt would, from inside a loop or function, and returns it",
                parameters: [.required("value", "any value")],
                example: "for (i in 1:2) print(i * 10)", frameScope: false) { ctx in
            let value = try ctx.required("value")
            ctx.interpreter.printer?(value)
            return value
        },
        Builtin("list", .language, summary: "values of different kinds in order, optionally named: l.name, l[2]",
                parameters: [Parameter("values", "entries, name=value or value", variadic: true, forms: ["name=value, …"])],
                example: "l = list(n=12, label=\"cost\", xs=[1, 2])\nl.xs", quoted: ["*"], frameScope: false) { ctx in
            var entries: [(offset: Int, name: String?, value: Value)] = ctx.rest.map { ($0.range.offset, nil, $0.value ?? .na) }
            for (name, argument) in ctx.extraKeywords {
                entries.append((argument.range.offset, name, try ctx.evaluate(argument.expr, in: ctx.scope)))
            }
            entries.sort { $0.offset < $1.offset }
            return .object(ListValue(names: entries.map(\.name), values: entries.map(\.value)))
        },
        Builtin("map", .language, summary: "f applied to each element of a vector or list: a vector when every result is a scalar of one type, else a list",
                parameters: [.required("xs", "a vector, range or list"), .required("f", "a function of one argument")],
                example: "square = function(x) x ^ 2\nmap(1:4, square)", frameScope: false) { ctx in
            let function = try functionArgument(ctx, "f")
            let xs = try ctx.required("xs")
            let items = try ctx.interpreter.iterationItems(xs, at: ctx.arguments["xs"]!.range)
            var results: [Value] = []
            for i in 0..<items.count {
                if ctx.isCancelled { throw PanoramaError.interrupted }
                results.append(try ctx.interpreter.apply(function, [items.item(i)], at: ctx.range))
            }
            var names: [String?] = Array(repeating: nil, count: results.count)
            if case .object(let l as ListValue) = xs { names = l.names }
            return simplified(results, names: names)
        },
        Builtin("group_map", .language, summary: "f called on each group's rows: a frame (one row per group, group columns first) when f returns one-row frames or named lists of scalars, else a named list",
                parameters: [.required("frame", "a frame"), .required("f", "a function taking a frame"),
                             .keyword("by", "grouping column(s): a name or [a, b]")],
                example: """
                p = frame(phase=["a", "b", "a"], cost=[12.5, 40, 7])
                group_map(p, by=phase, function(g) list(n=nrow(g), total=sum(g.cost)))
                """, quoted: ["by"]) { ctx in
            try groupMap(ctx)
        },
        Builtin("split", .language, summary: "a frame: a named list of frames, one per group of rows (for (g in split(p, by=ministry)) …); a text: its pieces between each sep",
                parameters: [.required("frame", "a frame, or text"), Parameter("sep", "for text: the separator (fixed text, or a regex with regex=true)"),
                             .keyword("by", "grouping column(s): a name or [a, b]"), .keyword("regex", "for text: true when sep is a regular expression")],
                example: "split(frame(phase=[\"a\", \"b\", \"a\"], cost=[1, 2, 3]), by=phase)\nsplit(\"DINUM;SG;MEAE\", \";\")",
                quoted: ["by"]) { ctx in
            if case .frame? = ctx["frame"] {
                let (_, names, frames) = try groups(ctx)
                return .object(ListValue(names: names, values: frames.map { .frame($0) }))
            }
            return try splitText(ctx)
        },
        Builtin("length", .language, summary: "how many elements a vector or list has (a scalar has one): x[length(x) + 1] = v appends",
                parameters: [.required("x", "a vector, list or scalar")], example: "xs = [3, 1, 4]\nlength(xs)\nlength(list(a=1, b=\"two\"))",
                frameScope: false) { ctx in
            let x = try ctx.required("x")
            switch x {
            case .vector(let c): return .number(Double(c.count))
            case .object(let l as ListValue): return .number(Double(l.values.count))
            case .number, .string, .bool, .date, .na: return .number(1)
            case .frame: throw ctx.fail("for a frame, nrow(f) counts its rows and ncol(f) its columns")
            default: throw ctx.fail("'x' must be a vector, list or scalar, not a \(x.kindName)")
            }
        },
        Builtin("column", .language, summary: "the column of a frame named by a string (the name may be held in a variable)",
                parameters: [.required("frame", "a frame"), .required("name", "the column's name, a string")],
                example: "which = \"cost\"\ncolumn(frame(cost=[1, 2]), which)", frameScope: false) { ctx in
            let frame = try ctx.requiredFrame("frame")
            let name = try ctx.requiredString("name")
            guard let c = frame.column(name) else {
                throw PanoramaError.unknownColumn(name, suggestion: suggestion(for: name, among: frame.names), at: ctx.arguments["name"]?.range)
            }
            return .vector(c)
        },
        Builtin("param", .language, summary: "a script or notebook parameter: run FILE -- name=value or notebook FILE -p name=value, else the default",
                parameters: [.required("name", "the parameter's name, a string"),
                             Parameter("default", "its value when not given; its type is the parameter's", required: true),
                             .keyword("help", "one line for run FILE --help")],
                example: "edition = param(\"edition\", default=14, help=\"the edition to report on\")\nedition",
                frameScope: false) { ctx in
            try ctx.interpreter.parameter(try ctx.requiredString("name"), default: try ctx.required("default"),
                                          help: try ctx.string("help") ?? "")
        },
        Builtin("as_number", .language, summary: "text read as numbers as load reads a column (\"1 234,5\", \"3,5\", \"1e6\" too), bools as 0 and 1; text that does not read is na, with a note",
                parameters: [.required("x", "a string, vector or bool"),
                             .keyword("decimal_mark", "\".\" or \",\"; by default the one the texts use")],
                example: "as_number([\"13\", \"14.5\"])\nas_number([\"1 234,5\", \"3,5\"])",
                frameScope: false) { ctx in
            try asNumber(ctx)
        },
        Builtin("as_text", .language, summary: "values as strings, as paste writes them: numbers ungrouped to 15 significant digits (R's as.character), dates in ISO; na stays na",
                parameters: [.required("x", "any scalar or vector")], example: "as_text([13, 14.5, 1234567.891])", frameScope: false) { ctx in
            let x = try ctx.required("x")
            guard let c = x.asColumn() else { throw ctx.fail("'x' must be a scalar or vector, not a \(x.kindName)") }
            return Operators.wrap(.strings((0..<c.count).map { pieceText(c, $0) }), scalar: !isVector(x))
        },
    ]

    static func isVector(_ v: Value) -> Bool {
        if case .vector = v { return true }
        return false
    }

    static func functionArgument(_ ctx: CallContext, _ name: String) throws -> Callable {
        let v = try ctx.required(name)
        guard let f = Callable(v) else {
            throw ctx.fail("'\(name)' must be a function, like function(x) x * 2 or sqrt, not a \(v.kindName)")
        }
        return f
    }

    /// A vector when every result is a scalar of one kind (number, string, bool, date) or `na`,
    /// else a list (also for no results: their kind is unknown).
    static func simplified(_ results: [Value], names: [String?]) -> Value {
        let kinds = Set(results.map(\.kindName)).subtracting(["na"])
        guard !results.isEmpty, kinds.count <= 1, kinds.isSubset(of: ["number", "string", "bool", "date"]),
              let template = results.first(where: { $0.kindName != "na" })?.asColumn() ?? results.first?.asColumn() else {
            return .object(ListValue(names: names, values: results))
        }
        // `na` takes the others' kind: ["a", na] stays text.
        let parts = results.map { value in
            if case .na = value { return ColumnData.missing(like: template.data, count: 1) }
            return value.asColumn()?.data ?? ColumnData.missing(like: template.data, count: 1)
        }
        return .vector(Column(name: "x", ColumnData.concatenate(parts)))
    }
}
