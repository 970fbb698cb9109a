import Foundation
import PanoramaKit

/// `group_map`, `split` and `as_number`: the work behind the language builtins.
extension BuiltinRegistry {
    /// The grouping key columns, each group's label and each group's rows.
    static func groups(_ ctx: CallContext) throws -> (keys: [Int], names: [String], frames: [Frame]) {
        let frame = try ctx.requiredFrame("frame")
        guard let by = ctx.arguments["by"] else { throw ctx.fail("say how to group, e.g. by=ministry") }
        let keys = try columnIndices(ctx, [by], in: frame)
        let groups = frame.groups(by: keys)
        let names = groups.map { rows in
            keys.map { frame.columns[$0].text(at: rows[0], numbers: ctx.options.numbers) }
                .joined(separator: "/")
        }
        return (keys, names, groups.map { frame.rows($0) })
    }

    static func groupMap(_ ctx: CallContext) throws -> Value {
        let function = try functionArgument(ctx, "f")
        let (keys, names, frames) = try groups(ctx)
        var results: [Value] = []
        for g in frames {
            if ctx.isCancelled { throw PanoramaError.interrupted }
            results.append(try ctx.interpreter.apply(function, [.frame(g)], at: ctx.range))
        }
        // One row per group when every result is a one-row frame or a named list of scalars.
        let rows = results.compactMap(oneRow)
        guard rows.count == results.count, !rows.isEmpty else {
            return .object(ListValue(names: names, values: results))
        }
        let keyColumns = keys.map { k in
            var c = frames[0].columns[k]
            c.data = ColumnData.concatenate(frames.map { $0.columns[k].data.gather([0]) })
            return c
        }
        try checkStackable(rows, groups: names, ctx)
        let body = try Frame.stack(rows)
        // A result column named like a group column must be that column (f returned its group's
        // rows, e.g. head(g, 1)); other values would be silently replaced by the group's.
        for key in keyColumns {
            guard let returned = body.column(key.name) else { continue }
            if let i = (0..<returned.count).first(where: { returned.text(at: $0) != key.text(at: $0) }) {
                throw ctx.fail("f returned '\(key.name)', the name of the group column, with another value (\(returned.text(at: i)) for group '\(names[i])'); give it another name")
            }
        }
        let keyNames = Set(keyColumns.map(\.name))
        return .frame(Frame(columns: keyColumns + body.columns.filter { !keyNames.contains($0.name) }))
    }

    /// The rows f returned for the groups, checked to stack: one type per column (a column of
    /// `na` only takes any type), or an error naming the two groups that disagree.
    static func checkStackable(_ rows: [Frame], groups: [String], _ ctx: CallContext) throws {
        var seen: [String: (type: String, group: Int)] = [:]
        for (g, row) in rows.enumerated() {
            for c in row.columns where !c.data.isAllMissing {
                guard let first = seen[c.name] else { seen[c.name] = (c.data.typeName, g); continue }
                if first.type != c.data.typeName {
                    throw ctx.fail("f returned \(first.type) as '\(c.name)' for group '\(groups[first.group])' but \(c.data.typeName) for group '\(groups[g])'; a frame's column holds one type")
                }
            }
        }
    }

    /// A one-row frame, or a named list of scalars as one; nil otherwise.
    static func oneRow(_ value: Value) -> Frame? {
        switch value {
        case .frame(let f) where f.rowCount == 1: return f
        case .object(let l as ListValue):
            var columns: [Column] = []
            for (name, v) in zip(l.names, l.values) {
                guard let name, !isVector(v), let c = v.asColumn(name: name) else { return nil }
                columns.append(c)
            }
            return columns.isEmpty ? nil : Frame(columns: columns)
        default: return nil
        }
    }

    static func asNumber(_ ctx: CallContext) throws -> Value {
        let x = try ctx.required("x")
        let texts: [String?]
        // One text is read as it is, without making a column of it.
        if case .string(let s) = x { texts = [s] } else {
            guard let c = x.asColumn() else { throw ctx.fail("'x' must be a string or vector, not a \(x.kindName)") }
            switch c.data {
            case .number(let v): return Operators.wrap(.numbers(v), scalar: !isVector(x))
            case .bool(let v): return Operators.wrap(.numbers(v.map { $0 < 0 ? .nan : Double($0) }), scalar: !isVector(x))
            case .date: throw ctx.fail("'x' must be text, numbers or bools, not dates")
            case .text(let t): texts = t.strings
            }
        }
        let mark = try ctx.string("decimal_mark")
        guard mark == nil || mark == "." || mark == "," else {
            throw ctx.fail("'decimal_mark' must be \".\" or \",\", not \"\(mark ?? "")\"")
        }
        let read = readNumbers(texts, decimal: mark.map(Character.init))
        if let first = read.failed.first {
            ctx.note("as_number: \(Prose.counted(read.failed.count, "value")) did not read as a number, e.g. \"\(first)\"; \(read.failed.count == 1 ? "it is" : "they are") na")
        }
        return Operators.wrap(.numbers(read.values), scalar: !isVector(x))
    }

    /// Texts read as numbers as the CSV reader reads a column: one decimal mark for all, `decimal`
    /// or else the one they suggest (`"1 234,5"` is 1234.5), thousands groups, `%` and `€`
    /// suffixes. Empty, `na` and `NA` are na; the texts that do not read are na and listed.
    static func readNumbers(_ texts: [String?], decimal: Character? = nil) -> (values: [Double], failed: [String]) {
        let trimmed = texts.map { $0?.trimmingCharacters(in: .whitespaces) }
        let mark = decimal ?? ValueParsing.decimalMark(of: trimmed.compactMap { $0 })
        var failed: [String] = []
        let values = zip(texts, trimmed).map { (text, s) -> Double in
            guard let text, let s, !s.isEmpty, s != "na", s != "NA" else { return .nan }
            guard let (value, _) = ValueParsing.number(s, decimal: mark) else { failed.append(text); return .nan }
            return value
        }
        return (values, failed)
    }
}
