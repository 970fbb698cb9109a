import PanoramaKit

/// `summarize`: one row per group, each `name=expr` computed on the group's rows.
extension BuiltinRegistry {
    static func summarize(_ ctx: inout CallContext) throws -> Value {
        let frame = try ctx.requiredFrame("frame")
        let keys = try ctx.arguments["by"].map { try columnIndices(ctx, [$0], in: frame) } ?? []
        guard !ctx.extraKeywords.isEmpty else {
            throw ctx.fail("say what to compute, e.g. summarize(p, by=phase, total=sum(cost))")
        }
        // Groups in key order (GroupIndex ranks the keys' codes); without by= one group of every row.
        let groups = keys.isEmpty ? (starts: [0, frame.rowCount], rows: Array(0..<frame.rowCount))
                                  : GroupIndex(frame, keys: keys).partition()
        let groupCount = groups.starts.count - 1
        let firstRows = keys.isEmpty ? [] : (0..<groupCount).map { groups.rows[groups.starts[$0]] }
        var columns: [Column] = keys.map { k in
            var c = frame.columns[k]
            c.data = c.data.gather(firstRows)
            return c
        }
        // Notes raised per group (e.g. "sum skipped 2 na values"), each with the groups it came from.
        var raised: [(note: String, groups: [String])] = []
        func raise(_ notes: [String], group g: Int) {
            guard !notes.isEmpty else { return }
            let group = keys.map { groupText(frame.columns[$0], firstRows[g]) }.joined(separator: ", ")
            for note in notes {
                if let k = raised.firstIndex(where: { $0.note == note }) {
                    if !raised[k].groups.contains(group) { raised[k].groups.append(group) }
                } else {
                    raised.append((note, [group]))
                }
            }
        }
        for (name, argument) in ctx.extraKeywords {
            var values: [Value] = []
            if let aggregate = columnAggregate(ctx, argument.expr, in: frame) {
                // `sum(cost)` and the like: the aggregate run on each group's numbers directly,
                // with the same values and notes as evaluating the call on the group's rows.
                var buffer: [Double] = []
                for g in 0..<groupCount {
                    buffer.removeAll(keepingCapacity: true)
                    let (value, notes) = aggregate(groups.rows[groups.starts[g]..<groups.starts[g + 1]], &buffer)
                    raise(notes, group: g)
                    values.append(value)
                }
            } else {
                for g in 0..<groupCount {
                    if ctx.isCancelled { throw PanoramaError.interrupted }
                    let rows = frame.rows(Array(groups.rows[groups.starts[g]..<groups.starts[g + 1]]))
                    let evaluated = try ctx.interpreter.collectingNotes { try ctx.evaluate(argument.expr, in: rows) }
                    raise(evaluated.notes, group: g)
                    values.append(try oneValue(ctx, name, evaluated.value, argument))
                }
            }
            guard case .vector(var c) = try Operators.combine(values, at: argument.range) else {
                throw ctx.failure("'\(name)' must give one value per group")
            }
            c.name = identifier(for: name)
            c.label = name
            columns.append(c)
        }
        for (note, names) in raised {
            let which = names.map { "'\($0)'" }.joined(separator: ", ")
            ctx.note(keys.isEmpty ? note : "\(note) (group\(names.count == 1 ? "" : "s") \(which))")
        }
        return .frame(Frame(columns: columns))
    }

    /// A group's result as one scalar, or the error saying an aggregate is needed.
    private static func oneValue(_ ctx: CallContext, _ name: String, _ value: Value, _ argument: BoundArgument) throws -> Value {
        var value = value
        if case .vector(let c) = value {
            guard c.count == 1 else {
                throw ctx.failure("'\(name)' gives \(c.count) values for a group; use an aggregate such as sum(), mean() or n()",
                                  argument: nil)
            }
            value = Operators.wrap(try Operators.elements(value, at: argument.range).0, scalar: true)
        }
        switch value {
        case .number, .string, .bool, .na, .date: return value
        default: throw ctx.failure("'\(name)' must give one value per group, not a \(value.kindName)")
        }
    }

    /// A group's rows (and a reusable buffer) to the aggregate's value and its notes.
    typealias GroupAggregate = (ArraySlice<Int>, inout [Double]) -> (Value, [String])

    /// The direct form of `agg(column)` — a numeric aggregate (`sum`, `mean`, `median`, `sd`,
    /// `var`, `min`, `max`) of a number column, or `n` of any column — when the expression is
    /// exactly that call and neither name is shadowed by a user function; nil otherwise.
    static func columnAggregate(_ ctx: CallContext, _ expr: Expr, in frame: Frame) -> GroupAggregate? {
        guard case .call(let callee, let arguments) = expr.kind, case .name(let function) = callee.kind,
              arguments.count == 1, arguments[0].label == nil, case .name(let columnName) = arguments[0].value.kind,
              let column = frame.column(columnName), ctx.interpreter.userFunction(function) == nil else { return nil }
        if function == "n" {
            let data = column.data
            return { rows, _ in (.number(Double(rows.reduce(0) { $0 + (data.isNA($1) ? 0 : 1) })), []) }
        }
        guard let aggregate = numericAggregates[function], case .number(let x) = column.data else { return nil }
        return { rows, buffer in
            for r in rows where !x[r].isNaN { buffer.append(x[r]) }
            let notes = skippedNote(function, rows.count - buffer.count).map { [$0] } ?? []
            let r = buffer.isEmpty ? aggregate.empty : aggregate.value(buffer)
            return (r.isNaN ? .na : .number(r), notes)
        }
    }
}
