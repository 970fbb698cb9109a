import PanoramaKit

/// An expression turned once into nested closures, for the code that runs many times: loop
/// bodies and function bodies. Walking the syntax tree again on every iteration (matching each
/// node's kind, copying its payload, building operator chains, searching scopes by name) cost
/// several times CPython's time per step; a compiled node does only its own work.
///
/// The closures call the same interpreter functions as `evaluate` (so values, messages and their
/// positions are the same): constants, names, operators, calls by name (of user functions and
/// builtins, Compiler+Calls.swift), blocks, assignments, `if`, `for` and `while` are compiled;
/// every other node is evaluated as before.
/// A compiled name remembers where it found its variable last time (`Environment.Hint`).
/// Loops poll Ctrl-C every 16 iterations, unboxed user-function calls every 64 calls, other
/// calls at each call.
typealias Compiled = (Interpreter, Frame?) throws(PanoramaError) -> Value

/// A compiled closure kept in an array or an optional. Wrapped, it is stored and called as
/// compiled; a bare closure in a generic container goes through conversion thunks (three
/// layers of them were a tenth of a call's time).
struct Step {
    let run: Compiled
}

enum Compiler {
    /// Chains up to this many operators become nested closures; longer ones (generated lines of
    /// thousands of terms) are walked with a loop, as `evaluate` does.
    static let nestedChainLimit = 8

    /// `valueUsed` false: the value is dropped (a loop's body), so its statements need not return theirs.
    static func expression(_ expr: Expr, valueUsed: Bool = true) -> Compiled {
        let range = expr.range
        switch expr.kind {
        case .number(let x):
            let v = Value.number(x)
            return { _, _ in v }
        case .string(let s):
            let v = Value.string(s)
            return { _, _ in v }
        case .bool(let b):
            let v = Value.bool(b)
            return { _, _ in v }
        case .name(let name):
            let hint = Environment.Hint()
            return { interpreter, scope throws(PanoramaError) in
                if let scope, let c = scope.column(name) { return .vector(c) }
                if let v = interpreter.environment.lookup(name, hint: hint) { return v }
                return try interpreter.lookup(name, scope: scope, at: range)
            }
        case .unary(let op, let operand):
            let value = expression(operand)
            return unboxedFirst(expr) { interpreter, scope throws(PanoramaError) in
                try Operators.unary(op, try value(interpreter, scope), at: range)
            }
        case .binary(let op, _, _) where op != .colon:
            return unboxedFirst(expr, general: chain(expr.leftChain { $0 != .colon }))
        case .index(let target, let index):
            return self.index(target, index)
        case .call(let callee, let arguments):
            guard case .name(let name) = callee.kind else { break }
            return call(name, arguments, calleeRange: callee.range, range: range)
        case .block(let statements) where statements.count == 1:
            let only = statement(statements[0], valueUsed: valueUsed)
            return { interpreter, scope throws(PanoramaError) in
                interpreter.invisible = false
                return try only(interpreter, scope)
            }
        case .block(let statements):
            let compiled = statements.indices.map { i in
                Step(run: statement(statements[i], valueUsed: valueUsed && i == statements.count - 1))
            }
            return { interpreter, scope throws(PanoramaError) in
                var value = Value.na
                for s in compiled {
                    interpreter.invisible = false
                    value = try s.run(interpreter, scope)
                }
                return value
            }
        case .if(let condition, let then, let otherwise):
            let test = self.condition(condition, construct: "if"), yes = expression(then)
            guard let otherwise else {
                return { interpreter, scope throws(PanoramaError) in
                    let taken = try test(interpreter, scope)
                    interpreter.invisible = false
                    if taken { return try yes(interpreter, scope) }
                    interpreter.invisible = true
                    return .na
                }
            }
            let no = expression(otherwise)
            return { interpreter, scope throws(PanoramaError) in
                let taken = try test(interpreter, scope)
                interpreter.invisible = false
                return taken ? try yes(interpreter, scope) : try no(interpreter, scope)
            }
        case .for(let name, let sequence, let body):
            let items = expression(sequence), compiledBody = expression(body, valueUsed: false)
            return { interpreter, scope throws(PanoramaError) in
                try interpreter.forLoop(name, try items(interpreter, scope), at: sequence.range, body: compiledBody, scope: scope)
                interpreter.invisible = true
                return .na
            }
        case .while(let condition, let body):
            let test = self.condition(condition, construct: "while"), compiledBody = expression(body, valueUsed: false)
            return { interpreter, scope throws(PanoramaError) in
                var iterations = 0
                while try test(interpreter, scope) {
                    iterations &+= 1
                    // Every 16 turns, as `forLoop`: a heavy body may call nothing that checks.
                    if iterations & 15 == 0, interpreter.isCancelled() { throw .interrupted }
                    guard try interpreter.loopBody(compiledBody, scope: scope) else { break }
                }
                interpreter.invisible = true
                return .na
            }
        default:
            break
        }
        return { interpreter, scope throws(PanoramaError) in try interpreter.evaluate(expr, scope: scope) }
    }

    /// `expression(expr)` without trying it unboxed first (for a caller that just did).
    static func boxed(_ expr: Expr) -> Compiled {
        guard case .binary(let op, _, _) = expr.kind, op != .colon else { return expression(expr) }
        return chain(expr.leftChain { $0 != .colon })
    }

    /// A statement inside `{ … }`: assignments to a name are compiled, the rest run as before.
    /// `valueUsed` false: its value is dropped (one before the block's last, or in a loop's body).
    static func statement(_ statement: Statement, valueUsed: Bool = true) -> Compiled {
        switch statement {
        case .expression(let expr, _):
            return expression(expr)
        case .assign(let name, let expr, _, let range):
            let value = expression(expr), hint = Environment.Hint()
            let reserved = name == "ans" || name == "args"
            // Arithmetic assigned to a name: the number is stored without building a `Value`;
            // when it cannot answer, the expression is evaluated boxed without trying again.
            if !reserved, let n = number(expr) {
                let value = boxed(expr)
                return { interpreter, scope throws(PanoramaError) in
                    if let x = n.read(interpreter, scope) {
                        interpreter.invisible = false
                        interpreter.environment.setNumber(name, x, hint: hint)
                        return .number(x)
                    }
                    let v = try value(interpreter, scope)
                    if case .object = v { try interpreter.assign(name, v, at: range) } else { interpreter.environment.set(name, v, hint: hint) }
                    return v
                }
            }
            let general: Compiled = { interpreter, scope throws(PanoramaError) in
                let v = try value(interpreter, scope)
                if case .object = v {
                    try interpreter.assign(name, v, at: range)
                } else if reserved {
                    try interpreter.assign(name, v, at: range)
                } else {
                    interpreter.environment.set(name, v, hint: hint)
                }
                return v
            }
            // `s = paste(s, …)` and `v = [v, x]`: appended to in place (Compiler+Append.swift, Compiler+Grow.swift).
            guard !reserved else { return general }
            return appending(name, expr, valueUsed: valueUsed, general: general)
                ?? growing(name, expr, valueUsed: valueUsed, general: general) ?? general
        case .assignIndex(let target, let index, let expr, _, _):
            // Changed in place (Interpreter+IndexAssignment.swift); the hint finds the variable again.
            let hint = Environment.Hint()
            return { interpreter, scope throws(PanoramaError) in
                try interpreter.assignIndex(target, index, expr, scope: scope, hint: hint)
            }
        default:
            return { interpreter, scope throws(PanoramaError) in try interpreter.execute(statement, scope: scope) }
        }
    }

    /// `a + b * c - d`: the operators as `evaluate` applies them, two plain numbers without vectors.
    static func chain(_ chain: (first: Expr, steps: [Expr.ChainStep])) -> Compiled {
        var value = expression(chain.first)
        if chain.steps.count <= nestedChainLimit {
            var leftExpr: Expr? = chain.first
            for step in chain.steps {
                value = binary(step.op, left: value, leftExpr.flatMap(peek), right: step.right, at: step.range)
                leftExpr = nil
            }
            return value
        }
        let first = value
        let steps = chain.steps.map { (op: $0.op, right: expression($0.right), range: $0.range) }
        return { interpreter, scope throws(PanoramaError) in
            var value = try first(interpreter, scope)
            for step in steps {
                let right = try step.right(interpreter, scope)
                if case .number(let x) = value, case .number(let y) = right, let v = Operators.scalar(step.op, x, y) {
                    value = v
                } else {
                    value = try Operators.binary(step.op, value, right, at: step.range)
                }
            }
            interpreter.invisible = false
            return value
        }
    }

    /// `a op b`. When an operand is arithmetic of number literals and names, its number is read
    /// without building a `Value` (re-reading it in the general path has no effect of its own).
    static func binary(_ op: BinaryOperator, left: @escaping Compiled, _ peekLeft: Unboxed?, right rightExpr: Expr,
                       at range: SourceRange) -> Compiled {
        let right = expression(rightExpr), peekRight = peek(rightExpr)
        return { interpreter, scope throws(PanoramaError) in
            let a: Value
            var rightRead = false
            if let peekLeft, let x = peekLeft.read(interpreter, scope) {
                if let peekRight {
                    rightRead = true
                    if let y = peekRight.read(interpreter, scope), let v = Operators.scalar(op, x, y) {
                        interpreter.invisible = false
                        return v
                    }
                }
                a = .number(x)
            } else {
                a = try left(interpreter, scope)
            }
            // (Not read twice: a call of a function that is not arithmetic answers nil each time.)
            if !rightRead, let peekRight, case .number(let x) = a, let y = peekRight.read(interpreter, scope),
               let v = Operators.scalar(op, x, y) {
                interpreter.invisible = false
                return v
            }
            let b = try right(interpreter, scope)
            let result: Value
            if case .number(let x) = a, case .number(let y) = b, let v = Operators.scalar(op, x, y) {
                result = v
            } else {
                result = try Operators.binary(op, a, b, at: range)
            }
            interpreter.invisible = false
            return result
        }
    }

    /// An operand's unboxed form (`number(_:)`): arithmetic of literals and names read as a
    /// `Double`, nil when it is something else or cannot answer (the caller then evaluates the
    /// operand in full). Wrapped so that an optional one is called without conversion thunks.
    struct Unboxed {
        let read: CompiledNumber
    }

    static func peek(_ expr: Expr) -> Unboxed? {
        number(expr)
    }
}
