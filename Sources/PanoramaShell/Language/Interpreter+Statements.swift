import PanoramaKit

/// Statements run by the interpreter itself: those inside `{ … }` (function bodies, loop
/// bodies) and, through `Session.execute`, those typed at the prompt.
extension Interpreter {
    /// Runs one statement in the current scope and returns its value (an assignment's value is
    /// the value assigned).
    func execute(_ statement: Statement, scope: Frame?) throws(PanoramaError) -> Value {
        switch statement {
        case .expression(let expr, _):
            return try evaluate(expr, scope: scope)
        case .assign(let name, let expr, _, let range):
            let value = try evaluate(expr, scope: scope)
            try assign(name, value, at: range)
            return value
        case .assignColumn(let frame, let column, let expr, _, let range):
            // `l.name = v` on a list replaces or adds the entry, as `l["name"] = v` (R's l$name <- v).
            if case .object(let list as ListValue)? = environment.lookup(frame) {
                let updated = Value.object(try list.replacing(.string(column), with: try evaluate(expr, scope: scope), interpreter: self, at: range))
                set(frame, updated)
                return updated
            }
            return .frame(try assignColumn(frame, column, expr, at: range))
        case .assignIndex(let target, let index, let expr, _, _):
            return try assignIndex(target, index, expr, scope: scope)
        case .command(_, _, let range):
            throw .syntax("dot-commands cannot be used inside '{ }'", at: range)
        }
    }

    /// `name = value` in the current scope. A function takes the name it is first given.
    func assign(_ name: String, _ value: Value, at range: SourceRange) throws(PanoramaError) {
        guard name != "ans" && name != "args" else {
            throw .type("'\(name)' is set by panorama and cannot be assigned", at: range)
        }
        if case .object(let o) = value, let function = o as? FunctionValue, function.name == "function" {
            function.name = name
        }
        set(name, value)
    }

    /// `frame.column = expr`: the frame's bare names are its columns; a scalar fills the column.
    func assignColumn(_ frameName: String, _ columnName: String, _ expr: Expr,
                      at range: SourceRange) throws(PanoramaError) -> Frame {
        guard case .frame(var frame)? = environment.lookup(frameName) else {
            let kind = environment.lookup(frameName)?.kindName
            throw .type(kind.map { "'\(frameName)' is a \($0), not a frame" } ?? "no frame named '\(frameName)'", at: range)
        }
        let value = try evaluate(expr, scope: frame)
        guard var column = value.asColumn(name: columnName) else {
            throw .type("cannot store a \(value.kindName) in a column", at: expr.range)
        }
        if column.count == 1 && frame.rowCount != 1 {
            column.data = column.data.gather(Array(repeating: 0, count: frame.rowCount))
        }
        guard column.count == frame.rowCount || frame.columnCount == 0 else {
            throw .type("the new column has \(Prose.counted(column.count, "value")) but '\(frameName)' has \(Prose.counted(frame.rowCount, "row"))",
                        at: expr.range)
        }
        let existing = frame.column(columnName)
        column.name = existing?.name ?? identifier(for: columnName)
        column.label = existing?.label ?? columnName
        frame.setColumn(column)
        set(frameName, .frame(frame))
        return frame
    }
}
