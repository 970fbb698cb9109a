import PanoramaKit

/// Calls and indexing in compiled code: the steps of a loop that calls a function or reads
/// `x[i]` on every iteration.
extension Compiler {
    /// `name(…)`: a user function held by `name` is called with its positional arguments
    /// compiled; builtins, `return` and keyword arguments go through `Interpreter.call`.
    static func call(_ name: String, _ arguments: [CallArgument], calleeRange: SourceRange,
                     range: SourceRange) -> Compiled {
        let positional = arguments.allSatisfy { $0.label == nil }
        let values = positional ? arguments.map { Step(run: expression($0.value)) } : []
        let hint = Environment.Hint()
        return { interpreter, scope throws(PanoramaError) in
            if positional, let function = interpreter.environment.function(name, hint: hint) {
                return try interpreter.invoke(function, values, arguments, range: range, scope: scope)
            }
            return try interpreter.call(name, arguments, calleeRange: calleeRange, range: range, scope: scope)
        }
    }

    /// `x[i]`: one element of a vector by a whole number in range is read directly; every other
    /// case (a frame's rows, a list, a range or condition as index, an index out of range) is
    /// `Interpreter.index`, with a frame's columns in scope inside the brackets as `evaluate` has.
    static func index(_ targetExpr: Expr, _ indexExpr: Expr) -> Compiled {
        let target = expression(targetExpr), index = expression(indexExpr), range = indexExpr.range
        return { interpreter, scope throws(PanoramaError) in
            let value = try target(interpreter, scope)
            let i = try index(interpreter, interpreter.indexScope(value, target: targetExpr) ?? scope)
            interpreter.invisible = false
            if case .vector(let c) = value, case .number(let x) = i, x >= 1, x <= Double(c.count), x == x.rounded() {
                return c.element(Int(x) - 1)
            }
            return try interpreter.index(value, i, at: range)
        }
    }
}
