import PanoramaKit

/// `by=` of the group-wise functions (`cumsum`, `diff`, `lag`, `fit`, `uplift`), read as
/// `summarize(…, by=ministry)` reads it: a bare column name, or `[a, b]`, of the frame the data
/// comes from — `cumsum(p.cost, by=ministry)` — or else any vector (`by=p.ministry`).
extension CallContext {
    /// The grouping columns of the quoted argument `name`, nil when it was not given. Names are
    /// looked up first among the columns of the frame `data` was read from (`p` for `p.cost`,
    /// the call's frame for a bare column name); anything else is evaluated as a vector.
    /// - Throws: when the value is not a vector.
    func groupingColumns(_ name: String = "by", of data: String) throws -> [Column]? {
        guard let argument = arguments[name] else { return nil }
        if let frame = sourceFrame(of: data) {
            let items: [Expr]
            if case .vector(let v) = argument.expr.kind { items = v } else { items = [argument.expr] }
            let named = items.compactMap { item -> Column? in
                switch item.kind {
                case .name(let n), .string(let n): frame.column(n)
                default: nil
                }
            }
            if !named.isEmpty, named.count == items.count { return named }
            // A name that is neither a column nor a variable is a misspelt column: say which.
            for item in items {
                switch item.kind {
                case .name(let n) where frame.column(n) == nil && interpreter.environment.lookup(n) == nil,
                     .string(let n) where frame.column(n) == nil:
                    throw PanoramaError.unknownColumn(n, suggestion: suggestion(for: n, among: frame.names), at: item.range)
                default: continue
                }
            }
        }
        let value = try evaluate(argument.expr, in: scope)
        guard let column = value.asColumn(name: name) else { throw fail("'\(name)' must be a vector or column name, not a \(value.kindName)") }
        return [column]
    }

    /// One grouping column (see `groupingColumns`); several are an error naming the builtin.
    func groupingColumn(_ name: String = "by", of data: String) throws -> Column? {
        guard let columns = try groupingColumns(name, of: data) else { return nil }
        guard columns.count == 1 else { throw fail("'\(name)' takes one column here, not \(columns.count)") }
        return columns[0]
    }

    /// The frame an argument's values were read from: `p` for `p.cost` (a frame variable's
    /// column), else the frame the call's bare names resolve to, if any.
    private func sourceFrame(of data: String) -> Frame? {
        if case .member(let target, _)? = arguments[data]?.expr.kind, case .name(let n) = target.kind,
           case .frame(let frame)? = interpreter.environment.lookup(n) {
            return frame
        }
        return scope
    }
}
