import Foundation
import PanoramaKit

extension BuiltinRegistry {
    /// The data builtins: reading and writing files, and the verbs on frames (DESIGN §2, §5).
    static let dataBuiltins: [Builtin] = [
        Builtin("load", .data, summary: "read a CSV, XLSX or JSON file, or a bundled dataset by short name, into a frame",
                parameters: [
                    .required("path", "a file (CSV, XLSX, JSON, JSON Lines) or a dataset name such as \"panorama\""),
                    .keyword("sep", "field separator (default: sniffed among , ; TAB |)"),
                    .choice("decimal", "decimal mark \".\" or \",\" (default: per column; , for ; files)", [".", ","]),
                    .choice("encoding", "\"utf-8\", \"windows-1252\" or \"latin-1\" (default: utf-8, else windows-1252)", ["utf-8", "windows-1252", "latin-1"]),
                    .keyword("types", "column types, e.g. [\"cost:number\", \"start:date\", \"code:text\"]"),
                    .keyword("na", "extra cell texts meaning na, e.g. [\"NC\", \"?\"]"),
                    .keyword("skip", "lines (or sheet rows) to skip before the header"),
                    .keyword("strict", "false: bad cells become na with a note instead of an error"),
                    .keyword("sheet", "XLSX sheet name or number (default: the first)"),
                ],
                example: """
                save(frame(projet=["A; \\"B\\"", "C"], cout=[1.5, 2000]), "panorama-load.csv", sep=";", decimal=",");
                load("panorama-load.csv")
                """, frameScope: false) { ctx in
            try load(&ctx)
        },
        Builtin("save", .data, summary: "write a frame by the file's extension (.csv .json .jsonl .md .xlsx), atomically",
                parameters: [.required("frame", "the frame to write"), .required("path", "the file: .csv, .json, .jsonl, .md or .xlsx"),
                             .keyword("sep", "CSV field separator (default \",\"; \";\" with decimal=\",\" for French Excel)", default: "\",\""),
                             .keyword("decimal", "CSV decimal mark (default \".\"; \",\" also starts the file with a UTF-8 byte order mark, for Excel)", default: "\".\"")],
                example: "save(frame(x=[1.5, 2], y=[\"a\", \"b\"]), \"panorama-save.csv\", sep=\";\", decimal=\",\")",
                frameScope: false) { ctx in
            let frame = try ctx.requiredFrame("frame")
            guard let path = try ctx.string("path") else { throw ctx.fail("missing argument 'path'") }
            let sep = try separator(ctx, "sep") ?? ","
            let decimal = try decimalMark(ctx) ?? "."
            if sep == decimal { throw ctx.fail("sep= and decimal= cannot both be '\(sep)'") }
            try FrameWriter.write(frame, to: filePath(path, ctx), separator: sep, decimal: decimal)
            ctx.note("wrote \(frame.rowCount) row\(frame.rowCount == 1 ? "" : "s") × \(Prose.counted(frame.columnCount, "column")) to '\(path)'")
            return .string(path)
        },
        Builtin("frame", .data, summary: "a frame from named vectors (scalars repeat to the common length)",
                example: "frame(project=[\"A\", \"B\", \"C\"], cost=[12.5, 40, na], done=true)",
                quoted: ["*"], otherKeywords: "name=values", frameScope: false) { ctx in
            var columns: [Column] = []
            for (name, argument) in ctx.extraKeywords {
                let value = try ctx.evaluate(argument.expr)
                guard let c = value.asColumn(name: name) else {
                    throw ctx.fail("'\(name)' must be a vector or a single value, not a \(value.kindName)")
                }
                columns.append(Column(name: identifier(for: name), label: name, unit: c.unit, c.data))
            }
            let n = columns.map(\.count).max() ?? 0
            for i in columns.indices where columns[i].count != n {
                guard columns[i].count == 1 else {
                    throw ctx.fail("'\(columns[i].label)' has \(Prose.counted(columns[i].count, "value")) but other columns have \(n)")
                }
                columns[i].data = columns[i].data.gather(Array(repeating: 0, count: n))
            }
            return .frame(Frame(columns: columns))
        },
        Builtin("head", .data, summary: "the first n rows of a frame (or values of a vector)",
                parameters: [.required("x", "a frame or vector"), Parameter("n", "how many (default 6; negative: all but the last -n)", default: "6")],
                example: "head(frame(x=[1, 2, 3, 4, 5, 6, 7, 8]), 3)") { ctx in
            try slice(&ctx, fromEnd: false)
        },
        Builtin("tail", .data, summary: "the last n rows of a frame (or values of a vector)",
                parameters: [.required("x", "a frame or vector"), Parameter("n", "how many (default 6; negative: all but the first -n)", default: "6")],
                example: "tail([1, 2, 3, 4, 5, 6, 7, 8], 3)") { ctx in
            try slice(&ctx, fromEnd: true)
        },
        Builtin("where", .data, summary: "the rows where the condition is true (bare names are columns; na rows left out)",
                parameters: [.required("frame", "a frame"), .required("condition", "a true/false expression")],
                example: """
                p = frame(project=["A", "B", "C"], cost=[12.5, 40, na])
                where(p, cost > 20 or project == "A")
                """) { ctx in
            let frame = try ctx.requiredFrame("frame")
            guard let column = try ctx.required("condition").asColumn(), case .bool(var mask) = column.data else {
                throw ctx.fail("the condition must be true/false values, e.g. cost > 10")
            }
            if mask.count == 1 { mask = Array(repeating: mask[0], count: frame.rowCount) }
            guard mask.count == frame.rowCount else {
                throw ctx.fail("the condition has \(mask.count) values but the frame has \(frame.rowCount) rows")
            }
            let unknown = mask.filter { $0 < 0 }.count
            if unknown > 0 { ctx.note("where left out \(unknown) row\(unknown == 1 ? "" : "s") where the condition is na") }
            return .frame(frame.filter(mask))
        },
        Builtin("select", .data, summary: "the named columns, in that order",
                parameters: [.required("frame", "a frame"), Parameter("columns", "column names (bare, quoted, or a vector of strings)", variadic: true, required: true, forms: ["column, …"])],
                example: "select(frame(a=[1, 2], b=[\"x\", \"y\"], c=[true, false]), c, a)", quoted: ["columns"]) { ctx in
            let frame = try ctx.requiredFrame("frame")
            let indices = try columnIndices(ctx, ctx.rest, in: frame)
            var seen = Set<Int>()
            if let twice = indices.first(where: { !seen.insert($0).inserted }) {
                throw ctx.failure("'\(frame.columns[twice].name)' is selected twice; a frame cannot have two columns of one name")
            }
            return .frame(frame.selecting(indices))
        },
        Builtin("drop", .data, summary: "the frame without the named columns",
                parameters: [.required("frame", "a frame"), Parameter("columns", "column names to leave out", variadic: true, required: true, forms: ["column, …"])],
                example: "drop(frame(a=[1, 2], b=[\"x\", \"y\"], c=[true, false]), b)", quoted: ["columns"]) { ctx in
            let frame = try ctx.requiredFrame("frame")
            let gone = Set(try columnIndices(ctx, ctx.rest, in: frame))
            return .frame(frame.selecting(frame.columns.indices.filter { !gone.contains($0) }))
        },
        Builtin("rename", .data, summary: "columns renamed (new name = old name)",
                parameters: [.required("frame", "a frame")],
                example: "rename(frame(cout=[1.5, 2]), cost=cout)", quoted: ["*"],
                otherKeywords: "new=old") { ctx in
            var frame = try ctx.requiredFrame("frame")
            guard !ctx.extraKeywords.isEmpty else { throw ctx.fail("say what to rename, e.g. rename(p, cost=cout)") }
            for (new, argument) in ctx.extraKeywords {
                let i = try columnIndex(ctx, argument.expr, in: frame)
                frame.columns[i].name = identifier(for: new)
                frame.columns[i].label = new
            }
            let names = frame.names
            if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
                throw ctx.failure("two columns would be named '\(dup)'")
            }
            return .frame(frame)
        },
        Builtin("sort", .data, summary: "rows ordered by the columns (-column for descending; na last); or a sorted vector",
                parameters: [.required("x", "a frame or vector"), Parameter("columns", "columns to order by, -name for descending", variadic: true, forms: ["column, …"]),
                             .keyword("desc", "descending order for every column", default: "false")],
                example: """
                p = frame(project=["A", "B", "C"], phase=["Cadrage", "Terminé", "Cadrage"], cost=[12.5, 40, 7])
                sort(p, phase, -cost)
                """, quoted: ["columns"]) { ctx in
            let desc = try ctx.requiredBool("desc")
            if case .vector(let c)? = ctx["x"] {
                guard ctx.rest.isEmpty else { throw ctx.fail("a vector sorts by itself; columns apply to frames") }
                let one = Frame(columns: [c])
                return .vector(one.sorted(by: [(0, desc)]).columns[0])
            }
            let frame = try ctx.requiredFrame("x")
            var keys: [(column: Int, descending: Bool)] = []
            for argument in ctx.rest {
                if case .unary(.negate, let inner) = argument.expr.kind {
                    keys.append((try columnIndex(ctx, inner, in: frame), !desc))
                } else {
                    for i in try columnIndices(ctx, [argument], in: frame) { keys.append((i, desc)) }
                }
            }
            if keys.isEmpty { keys = frame.columns.indices.map { ($0, desc) } }
            return .frame(frame.sorted(by: keys))
        },
        Builtin("distinct", .data, summary: "the distinct rows (of the named columns), first occurrences in order; or a vector's distinct values",
                parameters: [.required("x", "a frame or vector"), Parameter("columns", "columns to compare (default: all)", variadic: true, forms: ["column, …"])],
                example: "distinct(frame(phase=[\"Cadrage\", \"Terminé\", \"Cadrage\"], n=[1, 2, 1]))", quoted: ["columns"]) { ctx in
            if case .vector(let c)? = ctx["x"] {
                return .vector(Frame(columns: [c]).distinct().columns[0])
            }
            let frame = try ctx.requiredFrame("x")
            return .frame(frame.distinct(on: try columnIndices(ctx, ctx.rest, in: frame)))
        },
        Builtin("summarize", .data, summary: "one row per group (by=columns) with each name=expr computed on the group's rows",
                parameters: [.required("frame", "a frame"), .keyword("by", "grouping column(s): a name or [a, b]")],
                example: """
                p = frame(phase=["Cadrage", "Terminé", "Cadrage"], cost=[12.5, 40, 7])
                summarize(p, by=phase, projects=n(cost), total=sum(cost), mean_cost=mean(cost))
                """, quoted: ["*", "by"], otherKeywords: "name=expr") { ctx in
            try summarize(&ctx)
        },
        Builtin("count", .data, summary: "the number of rows per distinct combination of the columns (n), ordered by them",
                parameters: [.required("frame", "a frame"), Parameter("columns", "grouping columns (none: all rows)", variadic: true, forms: ["column, …"])],
                example: "count(frame(phase=[\"Cadrage\", \"Terminé\", \"Cadrage\"]), phase)", quoted: ["columns"]) { ctx in
            let frame = try ctx.requiredFrame("frame")
            return .frame(frame.countRows(by: try columnIndices(ctx, ctx.rest, in: frame)))
        },
        Builtin("join", .data, summary: "rows of two frames matched on key columns (how: inner, left, full, semi or anti)",
                parameters: [.required("left", "a frame"), .required("right", "a frame"),
                             .keyword("by", "key column(s) in both (default: the columns they share)"),
                             .choice("how", "\"inner\" (default), \"left\", \"full\", \"semi\" (left rows with a match) or \"anti\" (without)", Frame.JoinKind.allCases.map(\.rawValue), default: "\"inner\"")],
                example: """
                costs = frame(project=["A", "B", "C"], cost=[12.5, 40, 7])
                owners = frame(project=["A", "C", "D"], ministry=["Intérieur", "Culture", "Armées"])
                join(costs, owners, by=project, how="left")
                """, quoted: ["by"], frameScope: false) { ctx in
            let left = try ctx.requiredFrame("left"), right = try ctx.requiredFrame("right")
            var keys: [String]
            if let by = ctx.arguments["by"] {
                keys = try columnIndices(ctx, [by], in: left).map { left.columns[$0].name }
            } else {
                keys = left.names.filter { right.columnIndex($0) != nil }
                guard !keys.isEmpty else { throw ctx.fail("the frames share no column name; say by=") }
                ctx.note("joining by \(keys.joined(separator: ", "))")
            }
            let howText = try ctx.string("how") ?? "inner"
            guard let how = Frame.JoinKind(rawValue: howText) else {
                throw ctx.fail("how= must be \"inner\", \"left\", \"full\", \"semi\" or \"anti\", not '\(howText)'")
            }
            return .frame(try left.join(right, on: keys, kind: how))
        },
        Builtin("stack", .data, summary: "frames bound by rows (columns matched by name), with an id column saying which frame each row came from",
                parameters: [Parameter("frames", "frames to bind, or lists of frames", variadic: true, required: true, forms: ["frame, …"]),
                             .keyword("id", "name of the id column (none when not given)"),
                             .keyword("ids", "the id of each frame (default 1, 2, …)")],
                example: """
                a = frame(project=["A", "B"], cost=[12.5, 40])
                b = frame(project=["A"], cost=[14])
                stack(a, b, id="edition", ids=[13, 14])
                """, frameScope: false) { ctx in
            var frames: [Frame] = []
            // A list of frames (collected by a loop, or split's groups) is its frames, as pandas'
            // concat takes a list and R writes do.call(rbind, l).
            let values = ctx.rest.compactMap(\.value).flatMap { v -> [Value] in
                if case .object(let list as ListValue) = v { return list.values }
                return [v]
            }
            for value in values {
                switch value {
                case .frame(let f): frames.append(f)
                case .object(let o) where o.tableView != nil: frames.append(o.tableView!)
                default: throw ctx.fail("stack() takes frames or lists of frames, not a \(value.kindName)")
                }
            }
            let id = try ctx.string("id")
            let ids = try ctx.column("ids")
            if ids != nil && id == nil { throw ctx.fail("ids= needs id= to name the column") }
            return .frame(try Frame.stack(frames, id: id, ids: ids))
        },
        Builtin("describe", .data, summary: "one row per column: type, count, missing, distinct, mean, sd, min, quartiles, max, top values",
                parameters: [.required("x", "a frame or vector")],
                example: "describe(frame(phase=[\"Cadrage\", \"Terminé\", \"Cadrage\"], cost=[12.5, 40, na]))") { ctx in
            if let c = ctx["x"].flatMap({ v -> Column? in if case .vector(let c) = v { return c }; return nil }) {
                return .frame(Frame(columns: [c]).describe())
            }
            return .frame(try ctx.requiredFrame("x").describe())
        },
        Builtin("table", .data, summary: "frequencies: value, n and percent of a vector; or counts of column combinations, most frequent first",
                parameters: [.required("x", "a vector, or a frame with columns"), Parameter("columns", "columns of the frame", variadic: true, forms: ["column, …"])],
                example: "table([\"Cadrage\", \"Terminé\", \"Cadrage\", na])", quoted: ["columns"]) { ctx in
            if case .frame(let frame)? = ctx["x"] {
                let keys = try columnIndices(ctx, ctx.rest, in: frame)
                guard !keys.isEmpty else { throw ctx.fail("say which columns to count, e.g. table(p, phase)") }
                if keys.count == 1 { return .frame(Frame.frequencyTable(frame.columns[keys[0]])) }
                let counts = frame.countRows(by: keys)
                return .frame(counts.sorted(by: [(counts.columnCount - 1, true)]))
            }
            guard ctx.rest.isEmpty else { throw ctx.fail("columns apply to a frame; table(x) counts a vector") }
            guard let c = try ctx.column("x") else { throw ctx.fail("missing argument 'x'") }
            return .frame(Frame.frequencyTable(c, name: frequencyLabel(ctx, c)))
        },
        Builtin("nrow", .data, summary: "the number of rows",
                parameters: [.required("frame", "a frame")], example: "nrow(frame(x=[1, 2, 3]))") { ctx in
            .number(Double(try ctx.requiredFrame("frame").rowCount))
        },
        Builtin("ncol", .data, summary: "the number of columns",
                parameters: [.required("frame", "a frame")], example: "ncol(frame(x=[1, 2, 3], y=[4, 5, 6]))") { ctx in
            .number(Double(try ctx.requiredFrame("frame").columnCount))
        },
        Builtin("names", .data, summary: "the column identifiers used in code; a list's entry names (na for an unnamed one)",
                parameters: [.required("frame", "a frame or a list")], example: "names(frame(cost=[1.5], phase=[\"Cadrage\"]))") { ctx in
            if case .object(let list as ListValue)? = ctx["frame"] {
                return .vector(Column(name: "names", .text(Categorical(list.names))))
            }
            let frame = try ctx.requiredFrame("frame")
            return .vector(Column(name: "names", .text(Categorical(frame.names.map { Optional($0) }))))
        },
    ]

    /// The first column's name in `table(x)`: the column's name when it comes from a frame
    /// (`table(d.phase)`, or a variable holding it), otherwise `value`. A computed vector is
    /// named `x` or after the builtin that made it (`ifelse`, `log`), so neither counts.
    static func frequencyLabel(_ ctx: CallContext, _ c: Column) -> String {
        if case .member? = ctx.arguments["x"]?.expr.kind { return c.name }
        let anonymous = c.name.isEmpty || c.name == "x" || BuiltinRegistry.byName[c.name] != nil
        return anonymous ? "value" : c.name
    }

    // MARK: load

    /// `encoding=`: a text encoding by any of its usual names, or nil when not given.
    static func textEncoding(_ ctx: CallContext) throws -> TextEncoding? {
        guard let e = try ctx.string("encoding") else { return nil }
        guard let encoding = TextEncoding(name: e) else {
            throw ctx.fail("encoding= must be \"utf-8\", \"windows-1252\" or \"latin-1\", not '\(e)'")
        }
        return encoding
    }

    static func load(_ ctx: inout CallContext) throws -> Value {
        guard let path = try ctx.string("path") else { throw ctx.fail("missing argument 'path'") }
        var options = ReadOptions()
        if let sep = try separator(ctx, "sep") { options.separator = sep.asciiValue }
        if let decimal = try decimalMark(ctx) { options.decimal = decimal.asciiValue }
        options.encoding = try textEncoding(ctx)
        if let types = try strings(ctx, "types") {
            for entry in types {
                let parts = entry.split(maxSplits: 2, whereSeparator: { $0 == ":" || $0 == "=" }).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count >= 2, !parts[0].isEmpty, let type = ColumnType(rawValue: parts[1].lowercased()),
                      parts.count == 2 || type == .date else {
                    throw ctx.fail("types= entries are \"column:type\" with type number, text, bool or date (\"column:date:%d.%m.%y\" with a format); not '\(entry)'")
                }
                if parts.count == 3 {
                    guard let format = try? DateFormat(parts[2]) else {
                        throw ctx.fail("date format '\(parts[2])' needs a year (%Y or %y) and a month (%m or %b) and knows %d %m %y %Y %b %%")
                    }
                    options.dateFormats[parts[0]] = format
                } else {
                    options.types[parts[0]] = type
                }
            }
        }
        options.missing = try strings(ctx, "na") ?? []
        options.skip = try ctx.int("skip", default: 0, in: 0...1_000_000)
        options.strict = try ctx.bool("strict", default: true)
        options.isCancelled = ctx.cancellation
        if let sheet = ctx["sheet"] {
            switch sheet {
            case .string(let s): options.sheet = s
            case .number(let x) where x == x.rounded() && x >= 1: options.sheet = String(Int(x))
            default: throw ctx.fail("sheet= must be a sheet name or number")
            }
        }
        let resolved = try resolveDataPath(path, ctx)
        let (frame, hash) = try DataReader.load(path: resolved.path, options: options, displayName: resolved.display)
        for note in frame.notes { ctx.note(note) }
        ctx.interpreter.onLoad?(resolved.display, hash)
        var clean = frame
        clean.notes = []
        return .frame(clean)
    }

    /// A user's path for the file system: `~/` is the home folder, a relative path is taken
    /// from the interpreter's folder when it has one.
    static func filePath(_ path: String, _ ctx: CallContext) -> String {
        if path.hasPrefix("~/") { return NSHomeDirectory() + String(path.dropFirst(1)) }
        guard let directory = ctx.interpreter.directory, !path.hasPrefix("/") else { return path }
        return directory + "/" + path
    }

    /// A path as given, or a bundled dataset's path when `path` is a short name that is not a file.
    static func resolveDataPath(_ path: String, _ ctx: CallContext) throws -> (path: String, display: String) {
        let expanded = filePath(path, ctx)
        if FileManager.default.fileExists(atPath: expanded) { return (expanded, path) }
        let isShortName = !path.contains("/") && !path.contains(".")
            || (!path.contains("/") && (path.hasSuffix(".csv") || path.hasSuffix(".xlsx")))
        if isShortName, let found = DatasetLocator.path(for: path) {
            return (found, URL(fileURLWithPath: found).lastPathComponent)
        }
        if isShortName && !path.contains(".") {
            let names = DatasetLocator.available().map(\.name)
            let hint = suggestion(for: path, among: names).map { ". Did you mean '\($0)'?" }
                ?? (names.isEmpty ? " (and no bundled datasets were found)" : "; datasets: " + names.joined(separator: ", "))
            throw ctx.failure("no file or dataset named '\(path)'\(hint)", argument: "path")
        }
        throw ctx.failure("no such file '\(path)'", argument: "path")
    }

    /// A one-character separator argument (`"\t"` and `"tab"` mean TAB).
    static func separator(_ ctx: CallContext, _ name: String) throws -> Character? {
        guard let s = try ctx.string(name) else { return nil }
        if s == "\t" || s.lowercased() == "tab" { return "\t" }
        guard s.count == 1, let c = s.first, c.isASCII, c != "\"", c != "\n", c != "\r" else {
            throw ctx.fail("\(name)= must be one character such as \",\" \";\" \"|\" or \"\\t\", not '\(s)'")
        }
        return c
    }

    static func decimalMark(_ ctx: CallContext) throws -> Character? {
        guard let s = try ctx.string("decimal") else { return nil }
        guard s == "." || s == "," else { throw ctx.fail("decimal= must be \".\" or \",\", not '\(s)'") }
        return s.first
    }

    /// A string or vector-of-strings argument.
    static func strings(_ ctx: CallContext, _ name: String) throws -> [String]? {
        guard let v = ctx[name] else { return nil }
        if case .string(let s) = v { return [s] }
        if case .vector(let c) = v, case .text(let t) = c.data { return t.strings.compactMap { $0 } }
        throw ctx.fail("'\(name)' must be a string or a vector of strings, not a \(v.kindName)")
    }

    // MARK: Columns named in arguments

    /// The column a (quoted) argument names: a bare or back-quoted name, or a string.
    static func columnIndex(_ ctx: CallContext, _ expr: Expr, in frame: Frame) throws -> Int {
        let key: String
        switch expr.kind {
        case .name(let n): key = n
        case .string(let s): key = s
        default:
            throw ctx.fail("name columns directly (cost, `Coût estimé` or \"cost\"), not with an expression")
        }
        if let i = frame.columnIndex(key) { return i }
        throw PanoramaError.unknownColumn(key, suggestion: suggestion(for: key, among: frame.names), at: expr.range)
    }

    /// The columns quoted arguments name; `[a, b]` vectors and string vectors count too.
    static func columnIndices(_ ctx: CallContext, _ arguments: [BoundArgument], in frame: Frame) throws -> [Int] {
        var out: [Int] = []
        for argument in arguments {
            switch argument.expr.kind {
            case .vector(let items):
                for item in items { out.append(try columnIndex(ctx, item, in: frame)) }
            case .name(let n) where frame.columnIndex(n) == nil && ctx.interpreter.environment.lookup(n) != nil:
                // A variable holding column names: select(p, cols) with cols = ["a", "b"].
                let value = ctx.interpreter.environment.lookup(n) ?? .na
                guard case .vector(let c) = value, case .text(let t) = c.data else {
                    throw PanoramaError.unknownColumn(n, suggestion: suggestion(for: n, among: frame.names), at: argument.expr.range)
                }
                for s in t.strings.compactMap({ $0 }) {
                    guard let i = frame.columnIndex(s) else {
                        throw PanoramaError.unknownColumn(s, suggestion: suggestion(for: s, among: frame.names), at: argument.expr.range)
                    }
                    out.append(i)
                }
            default:
                out.append(try columnIndex(ctx, argument.expr, in: frame))
            }
        }
        return out
    }

    // MARK: head / tail

    static func slice(_ ctx: inout CallContext, fromEnd: Bool) throws -> Value {
        let n = try ctx.requiredInt("n", in: -1_000_000_000...1_000_000_000)
        switch try ctx.required("x") {
        case .vector(let c):
            let f = Frame(columns: [c])
            return .vector((fromEnd ? f.tail(n) : f.head(n)).columns[0])
        default:
            let frame = try ctx.requiredFrame("x")
            return .frame(fromEnd ? frame.tail(n) : frame.head(n))
        }
    }
}

/// Bundled datasets, for `.help datasets`.
public enum DatasetHelp {
    public static func text() -> String {
        let found = DatasetLocator.available()
        guard !found.isEmpty else {
            return "no bundled datasets found (looked in $PANORAMA_DATASETS, <prefix>/share/panorama/datasets and the source tree's datasets/)"
        }
        let width = (found.map(\.name.count).max() ?? 0) + 2
        return (["datasets (load(\"NAME\")):"] + found.map { entry in
            "  " + entry.name + String(repeating: " ", count: width - entry.name.count) + entry.path
        }).joined(separator: "\n")
    }
}
