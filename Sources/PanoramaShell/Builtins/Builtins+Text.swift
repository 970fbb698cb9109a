import PanoramaKit

extension BuiltinRegistry {
    /// Text functions, vectorised over text columns and scalars; `na` stays `na`. Each is
    /// evaluated once per distinct text of a column (text columns are dictionary-encoded).
    static let textBuiltins: [Builtin] = [
        matcher("contains", "true where the text contains the pattern (fixed text, or regex=true)",
                example: "contains([\"Ministère de l'Intérieur\", \"Armées\", na], \"Int\")", Text.contains),
        matcher("starts_with", "true where the text starts with the pattern",
                example: "starts_with([\"SI-RH\", \"SIRH\", \"Portail\"], \"SI\")", Text.startsWith),
        matcher("ends_with", "true where the text ends with the pattern",
                example: "ends_with([\"rapport.pdf\", \"note.PDF\"], \"\\\\.(pdf|PDF)\", regex=true)", suffix: true, Text.endsWith),
        Builtin("replace", .text, summary: "every match of the pattern replaced (first=true: only the first); in a regex, \\1 inserts a group",
                parameters: [.required("x", "text"), .required("pattern", "fixed text, or a regex with regex=true"),
                             .required("with", "the replacement"), .keyword("regex", "true: the pattern is a regular expression", default: "false"),
                             .keyword("first", "true: replace only the first match", default: "false")],
                example: "replace(\"2 292,9 M€\", \",\", \".\")\nreplace(\"SI-RH v2\", \"([A-Z]+)-([A-Z]+)\", \"\\\\2/\\\\1\", regex=true)") { ctx in
            let (x, scalar) = try textArgument(ctx, "x")
            let pattern = try textPattern(ctx)
            guard let with = try ctx.string("with") else { throw ctx.fail("missing argument 'with'") }
            let first = try ctx.bool("first", default: false)
            return textResult(x.mapLevels { Text.replace($0, pattern, with: with, first: first) }, scalar: scalar, name: "replace")
        },
        Builtin("extract", .text, summary: "the first match of a regular expression, or its first group (…) when it has one; na when none",
                parameters: [.required("x", "text"), .required("regex", "a regular expression")],
                example: "extract([\"EDITION 14\", \"édition 9\", \"aucune\"], \"(\\\\d+)\")") { ctx in
            let (x, scalar) = try textArgument(ctx, "x")
            guard case .regex(let r) = try compiled(ctx, "regex", regex: true) else { return .na }
            return textResult(x.mapLevels { Text.extract($0, r) }, scalar: scalar, name: "extract")
        },
        textMap("lower", "the text in lower case", example: "lower(\"Ministère des ARMÉES\")") { $0.lowercased() },
        textMap("upper", "the text in upper case", example: "upper(\"Éducation\")") { $0.uppercased() },
        textMap("trim", "white space (also non-breaking) removed at both ends", example: "trim(\"  SIRH \")", Text.trim),
        textMap("fold", "case and accent folding for matching: lower case, no accents, œ → oe, æ → ae, ß → ss, ’ → '",
                example: "fold(\"Éducation\") == fold(\"EDUCATION\")\nfold([\"Cœur\", \"Straße\", \"l’État\"])", Text.fold),
        Builtin("substr", .text, summary: "characters start to stop, 1-based and inclusive (as R's substr), counted in characters",
                parameters: [.required("x", "text"), .required("start", "first character (1 is the first)"),
                             .required("stop", "last character, included")],
                example: "substr(\"Éducation nationale\", 1, 9)") { ctx in
            // One text is cut directly; anything else is checked first, as before, then its levels cut.
            let one = oneText(ctx, "x")
            let text = try one == nil ? textArgument(ctx, "x") : nil
            let start = try ctx.requiredInt("start", in: -1_000_000_000...1_000_000_000)
            let stop = try ctx.requiredInt("stop", in: -1_000_000_000...1_000_000_000)
            guard let (x, scalar) = text else { return .string(Text.substr(one ?? "", start, stop)) }
            return textResult(x.mapLevels { Text.substr($0, start, stop) }, scalar: scalar, name: "substr")
        },
        Builtin("nchar", .text, summary: "the number of characters (not bytes) of each text",
                parameters: [.required("x", "text")], example: "nchar([\"Éducation\", \"\", na])") { ctx in
            if let s = oneText(ctx, "x") { return .number(Double(s.count)) }
            let (x, scalar) = try textArgument(ctx, "x")
            let out = x.measureLevels { Double($0.count) }
            if scalar { return out[0].isNaN ? .na : .number(out[0]) }
            return .vector(Column(name: "nchar", .number(out)))
        },
        pasteBuiltin(Builtin("paste", .text, summary: "texts joined element by element with sep (as R's paste); collapse= joins the result into one text",
                parameters: [Parameter("x", "texts, numbers or dates (scalars repeat)", variadic: true, required: true),
                             .keyword("sep", "between the pieces of one element (default a space)"),
                             .keyword("collapse", "if given, the elements joined into one text with it")],
                example: "paste(\"édition\", [13, 14], sep=\"-\")\npaste([\"a\", \"b\"], collapse=\"+\")") { ctx in
            try paste(ctx)
        }),
        Builtin("format", .text, summary: "numbers as text with digits= decimals and the given thousands and decimal marks; dates in a strftime layout",
                parameters: [.required("x", "numbers, or dates"), Parameter("layout", "for dates: %d %m %Y %y %B (month name) %b (abbreviated), default ISO"),
                             .keyword("digits", "decimals to show (default: as printed)"),
                             .keyword("big_mark", "thousands separator (default \",\"; \"\" for none)"),
                             .keyword("decimal_mark", "decimal mark (default \".\")"),
                             .choice("lang", "language of month names in a date layout", ["fr", "en"], default: "\"fr\"")],
                example: "format(2292.94, digits=1, big_mark=\" \", decimal_mark=\",\")\nformat([1234567, na], big_mark=\"'\")\nformat(date(2024, 3, 31), \"%d %B %Y\")\nformat(date(2024, [3, 4], 1), \"%b %Y\", lang=\"en\")") { ctx in
            if let dates = try formatDates(ctx) { return dates }
            if ctx.has("layout") { throw ctx.failure("a layout is for dates; 'x' is not dates (digits=, big_mark= and decimal_mark= format numbers)", argument: "layout") }
            let value = try ctx.required("x")
            let x = try ctx.requiredNumbers("x")
            let digits = try ctx.int("digits", in: 0...15)
            let f = NumberFormat(groupSeparator: try ctx.string("big_mark") ?? ",",
                                 decimalSeparator: try ctx.string("decimal_mark") ?? ".")
            let out: [String?] = x.map { v in v.isNaN ? nil : digits.map { f.fixed(v, decimals: $0) } ?? f.string(v) }
            return Operators.wrap(.strings(out), scalar: !value.isVector, name: "format")
        },
    ]

    /// A text argument as dictionary-encoded text, and whether it was a scalar. `na` is a
    /// missing text; anything else that is not text is an error naming the argument.
    static func textArgument(_ ctx: CallContext, _ name: String) throws -> (Categorical, scalar: Bool) {
        let v = try ctx.required(name)
        switch v {
        case .string(let s): return (Categorical(codes: [0], levels: [s]), true)
        case .na: return (Categorical(codes: [-1], levels: []), true)
        case .vector(let c):
            if case .text(let t) = c.data { return (t, false) }
            if (0..<c.count).allSatisfy({ c.data.isNA($0) }) {
                return (Categorical(codes: Array(repeating: -1, count: c.count), levels: []), false)
            }
            throw ctx.fail("'\(name)' must be text, not \(c.data.typeName) (as_text(\(name)) converts)")
        default:
            throw ctx.fail("'\(name)' must be text, not a \(v.kindName)")
        }
    }

    /// The argument's text when it is one text (not a vector, not `na`): a builtin of one text
    /// in, one out answers it directly, without making a column of it (`textArgument`) and
    /// mapping that column's levels, which was most of the time of `nchar(t)` in a loop.
    static func oneText(_ ctx: CallContext, _ name: String) -> String? {
        if case .string(let s)? = ctx[name] { return s }
        return nil
    }

    static func textResult(_ t: Categorical, scalar: Bool, name: String) -> Value {
        if scalar { return t[0].map { .string($0) } ?? .na }
        return .vector(Column(name: name, .text(t)))
    }

    /// A string argument compiled once as a pattern (a regex when `regex` is true).
    static func compiled(_ ctx: CallContext, _ name: String, regex: Bool, suffix: Bool = false) throws -> Text.Pattern {
        guard let text = try ctx.string(name) else { throw ctx.fail("missing argument '\(name)'") }
        do {
            return try suffix ? Text.Pattern(suffix: text, regex: regex) : Text.Pattern(text, regex: regex)
        } catch let e as KernelError {
            throw ctx.failure(e.message, argument: name)
        }
    }

    /// The `pattern` argument, a regex when `regex=true`.
    static func textPattern(_ ctx: CallContext, suffix: Bool = false) throws -> Text.Pattern {
        try compiled(ctx, "pattern", regex: try ctx.bool("regex", default: false), suffix: suffix)
    }

    /// A builtin testing each text against a pattern.
    static func matcher(_ name: String, _ summary: String, example: String, suffix: Bool = false,
                        _ test: @escaping @Sendable (String, Text.Pattern) -> Bool) -> Builtin {
        Builtin(name, .text, summary: summary,
                parameters: [.required("x", "text"), .required("pattern", "fixed text, or a regex with regex=true"),
                             .keyword("regex", "true: the pattern is a regular expression (Swift Regex syntax)", default: "false")],
                example: example) { ctx in
            let (x, scalar) = try textArgument(ctx, "x")
            let pattern = try textPattern(ctx, suffix: suffix)
            if name == "contains", case .regex = pattern, let text = try ctx.string("pattern") {
                let fast = try Text.regexContains(text)
                return Operators.wrap(.bools(x.testLevelsConcurrently(fast)), scalar: scalar, name: name)
            }
            let out = x.testLevels { test($0, pattern) }
            return Operators.wrap(.bools(out), scalar: scalar, name: name)
        }
    }

    /// A builtin applying `f` to each text.
    static func textMap(_ name: String, _ summary: String, example: String,
                        _ f: @escaping @Sendable (String) -> String) -> Builtin {
        Builtin(name, .text, summary: summary,
                parameters: [.required("x", "text")], example: example) { ctx in
            if let s = oneText(ctx, "x") { return .string(f(s)) }
            let (x, scalar) = try textArgument(ctx, "x")
            return textResult(x.mapLevels(f), scalar: scalar, name: name)
        }
    }

    /// `split(text, sep)`: one text gives a text vector of its pieces; a text vector gives a
    /// list with one such vector per element (`na` for an `na` element).
    static func splitText(_ ctx: CallContext) throws -> Value {
        let (x, scalar) = try textArgument(ctx, "frame")
        guard ctx.has("sep") else { throw ctx.fail("split a frame with by=column, or a text with a separator: split(x, \",\")") }
        let pattern = try compiled(ctx, "sep", regex: try ctx.bool("regex", default: false))
        let byLevel = x.levels.map { Text.split($0, pattern) }
        let pieces: [Value] = x.codes.map { code in
            code < 0 ? .na : .vector(Column(name: "split", .text(Categorical(byLevel[Int(code)].map(Optional.some)))))
        }
        if scalar { return pieces[0] }
        return .object(ListValue(names: Array(repeating: nil, count: pieces.count), values: pieces))
    }

    static func paste(_ ctx: CallContext) throws -> Value {
        let sep = try ctx.string("sep") ?? " "
        let collapse = try ctx.string("collapse")
        // Scalars alone (`s = paste(s, "x", sep="")` in a loop) make one text, with or without
        // collapse=: joined directly, without a column per piece.
        if let pieces = scalarPieces(ctx.rest.lazy.map(\.value)) { return .string(pieces.joined(separator: sep)) }
        var parts: [[String?]] = []
        var n = 1
        for arg in ctx.rest {
            guard let v = arg.value, let c = v.asColumn() else {
                throw PanoramaError.failed("paste takes texts, numbers, dates or bools, not a \(arg.value?.kindName ?? "name")", at: arg.range)
            }
            parts.append((0..<c.count).map { pieceText(c, $0) })
            n = try Operators.resultLength(n, c.count, at: arg.range)
        }
        if parts.contains(where: \.isEmpty) { n = 0 }
        // As R: an na piece pastes as "na"; the result is never na.
        let rows: [String] = (0..<n).map { i in parts.map { $0.count == 1 ? $0[0] ?? "na" : $0[i] ?? "na" }.joined(separator: sep) }
        if let collapse { return .string(rows.joined(separator: collapse)) }
        let scalar = ctx.rest.allSatisfy { $0.value.map { !$0.isVector } ?? true }
        return Operators.wrap(.strings(rows), scalar: scalar && n == 1, name: "paste")
    }

    /// `paste` with its `Builtin.append`: `paste(s, more…, sep=)` of scalars, `s` a text, adds
    /// `sep` and each piece of `more` after `s` (collapse= joins one element: it changes nothing).
    static func pasteBuiltin(_ builtin: Builtin) -> Builtin {
        var builtin = builtin
        builtin.append = { text, values, parameters in
            var sep = " "
            for (value, parameter) in zip(values, parameters) where parameter != nil {
                guard case .string(let s) = value, parameter == "sep" || parameter == "collapse" else { return false }
                if parameter == "sep" { sep = s }
            }
            let end = text.endIndex
            for (value, parameter) in zip(values, parameters) where parameter == nil {
                guard let piece = scalarPiece(value) else {
                    text.removeSubrange(end...)
                    return false
                }
                text += sep
                text += piece
            }
            return true
        }
        return builtin
    }

    /// The pieces of a paste of scalars as `pieceText` writes them (`na` as "na"); nil when an
    /// argument is a vector or something paste does not take (or quoted: no value).
    static func scalarPieces(_ values: some Collection<Value?>) -> [String]? {
        var pieces: [String] = []
        pieces.reserveCapacity(values.count)
        for value in values {
            guard let piece = value.flatMap(scalarPiece) else { return nil }
            pieces.append(piece)
        }
        return pieces
    }

    /// A scalar as a piece of a paste; nil for a vector or what paste does not take.
    static func scalarPiece(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .number(let x): return x.isNaN ? "na" : pieceNumber(x)
        case .bool(let b): return b ? "true" : "false"
        case .date(let d, let p): return d.text(p)
        case .na: return "na"
        default: return nil
        }
    }

    /// An element as plain text: text as is, numbers ungrouped with up to 15 significant digits
    /// as R's `as.character` (`2024`, `1.5`, `1234567.891`), dates in ISO.
    static func pieceText(_ c: Column, _ i: Int) -> String? {
        if c.data.isNA(i) { return nil }
        switch c.data {
        case .text(let t): return t[i]
        case .number(let v): return pieceNumber(v[i])
        case .bool(let v): return v[i] == 1 ? "true" : "false"
        case .date(let v, let p): return CivilDate(dayNumber: Int(v[i])).text(p)
        }
    }

    /// A number as paste and as_text write it: ungrouped, up to 15 significant digits.
    static func pieceNumber(_ x: Double) -> String { NumberFormat(significantDigits: 15, groupSeparator: "").string(x) }
}
