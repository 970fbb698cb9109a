import PanoramaKit

/// Functions, blocks, `if`, `for`, `while`, `break`, `next` and `return`: all expressions.
/// A loop's body runs in the enclosing scope (its assignments persist, as in R); a loop's value
/// is `na` and is not printed.
extension Interpreter {
    func evaluateConstruct(_ expr: Expr, scope: Frame?) throws(PanoramaError) -> Value {
        switch expr.kind {
        case .function(let literal):
            return .object(FunctionValue(literal, closure: environment))
        case .block(let statements):
            var value = Value.na
            for s in statements {
                invisible = false
                value = try execute(s, scope: scope)
            }
            return value
        case .if(let condition, let then, let otherwise):
            let taken = try truth(of: condition, construct: "if", scope: scope)
            invisible = false
            if taken { return try evaluate(then, scope: scope) }
            if let otherwise { return try evaluate(otherwise, scope: scope) }
            invisible = true
            return .na
        case .for, .while:
            // Compiled once, then run: the body is walked many times.
            return try Compiler.expression(expr)(self, scope)
        case .break: throw .jump(.break, at: expr.range)
        case .next: throw .jump(.next, at: expr.range)
        case .index(let target, let index):
            let value = try evaluate(target, scope: scope)
            let i = try evaluate(index, scope: indexScope(value, target: target) ?? scope)
            invisible = false
            return try self.index(value, i, at: index.range)
        default:
            throw .syntax("this construct cannot be evaluated here", at: expr.range)
        }
    }

    /// Inside `f[…]` a frame's bare names are its columns: `p[cost > 100]`, and so inside
    /// `f.col[…]` (`p.cost[cost > 100]`), as in the assignment `p.cost[cost > 100] = v`.
    func indexScope(_ value: Value, target: Expr) -> Frame? {
        if case .frame(let f) = value { return f }
        if case .member(let base, _) = target.kind, case .name(let name) = base.kind,
           case .frame(let f)? = environment.lookup(name) {
            return f
        }
        return nil
    }

    /// A condition's one true or false; `na`, a vector or another kind is an error naming it.
    func truth(of condition: Expr, construct: String, scope: Frame?) throws(PanoramaError) -> Bool {
        try truth(try evaluate(condition, scope: scope), of: condition, construct: construct)
    }

    /// The truth of `condition`'s value.
    @inline(__always)
    func truth(_ value: Value, of condition: Expr, construct: String) throws(PanoramaError) -> Bool {
        if case .bool(let b) = value { return b }
        return try checkedTruth(value, of: condition, construct: construct)
    }

    func checkedTruth(_ value: Value, of condition: Expr, construct: String) throws(PanoramaError) -> Bool {
        // Plain na and a one-value vector holding na (`x[i] > 1` on a missing element) say the same.
        func isNA() -> PanoramaError {
            .type("the condition of '\(construct)' is na (\(ExprPrinter.text(condition)))", at: condition.range)
        }
        switch value {
        case .bool(let b): return b
        case .na: throw isNA()
        case .vector(let c) where c.count == 1:
            if case .bool(let b) = c.data, b[0] >= 0 { return b[0] == 1 }
            if c.data.isNA(0) { throw isNA() }
            throw .type("the condition of '\(construct)' must be true or false, not \(c.data.typeName)", at: condition.range)
        case .vector(let c):
            throw .type("the condition of '\(construct)' has \(c.count) values; it needs one true or false (use any() or all())", at: condition.range)
        default:
            throw .type("the condition of '\(construct)' must be true or false, not a \(value.kindName)", at: condition.range)
        }
    }

    /// Runs `body` once per item of `sequence`'s value, the loop variable set in the current
    /// scope (a vector of numbers is walked without building an item per element).
    func forLoop(_ name: String, _ sequence: Value, at range: SourceRange, body: Compiled,
                 scope: Frame?) throws(PanoramaError) {
        let hint = Environment.Hint()
        if case .vector(let c) = sequence, case .number(let xs) = c.data {
            for i in xs.indices {
                // Every 16 turns, not 1,024: a body of vector arithmetic on a long column calls no
                // builtin that would notice Ctrl-C, and 1,024 such turns take minutes.
                if i & 15 == 0, isCancelled() { throw .interrupted }
                if xs[i].isNaN { environment.set(name, .na, hint: hint) } else { environment.setNumber(name, xs[i], hint: hint) }
                guard try loopBody(body, scope: scope) else { break }
            }
            return
        }
        let items = try iterationItems(sequence, at: range)
        for i in 0..<items.count {
            if isCancelled() { throw .interrupted }
            environment.set(name, items.item(i), hint: hint)
            guard try loopBody(body, scope: scope) else { break }
        }
    }

    /// Runs a loop's body once; false when it said `break`.
    @inline(__always)
    func loopBody(_ body: Compiled, scope: Frame?) throws(PanoramaError) -> Bool {
        do {
            _ = try body(self, scope)
        } catch .jump(.break, _) {
            return false
        } catch .jump(.next, _) {
            return true
        }
        return true
    }

    /// `return(v)` leaves the function with `v` (`return()` with `na`).
    func returnCall(_ arguments: [CallArgument], range: SourceRange, scope: Frame?) throws(PanoramaError) -> Value {
        guard arguments.count <= 1, arguments.first?.label == nil else {
            throw .badCall(builtin: "return", message: "return() takes one value", usage: "usage: return(value)", at: range)
        }
        let value = try arguments.first.map { (a: CallArgument) throws(PanoramaError) -> Value in try evaluate(a.value, scope: scope) } ?? .na
        throw .jump(.return(value), at: range)
    }

    /// `(function(x) x + 1)(2)`, `l.f(3)`: a call whose callee is an expression.
    func callValue(_ callee: Expr, _ arguments: [CallArgument], range: SourceRange, scope: Frame?) throws(PanoramaError) -> Value {
        let value = try evaluate(callee, scope: scope)
        switch Callable(value) {
        case .user(let function)?:
            return try invoke(function, arguments, range: range, scope: scope)
        case .builtin(let builtin)?:
            var context = try bind(builtin, arguments, range: range, outer: scope)
            return try run(builtin, &context, at: range)
        case nil:
            throw .type("only functions can be called; this is a \(value.kindName)", at: callee.range)
        }
    }
}

/// What a `for` loop walks through: elements of a vector, rows of a frame, entries of a list.
struct IterationItems {
    let count: Int
    let item: (Int) -> Value
}

extension Interpreter {
    func iterationItems(_ value: Value, at range: SourceRange) throws(PanoramaError) -> IterationItems {
        switch value {
        case .vector(let c): return IterationItems(count: c.count) { c.element($0) }
        case .frame(let f): return IterationItems(count: f.rowCount) { .frame(f.rows([$0])) }
        case .object(let o as ListValue): return IterationItems(count: o.values.count) { o.values[$0] }
        case .number, .string, .bool, .date, .na: return IterationItems(count: 1) { _ in value }
        default:
            throw .type("cannot loop over a \(value.kindName); loop over a vector, a range like 1:n, a frame's rows or a list", at: range)
        }
    }
}

extension Column {
    /// Element `i` as a scalar value (`na` when missing).
    func element(_ i: Int) -> Value {
        if data.isNA(i) { return .na }
        switch data {
        case .number(let v): return .number(v[i])
        case .text(let t): return t[i].map { .string($0) } ?? .na
        case .bool(let v): return .bool(v[i] == 1)
        case .date(let v, let p): return .date(CivilDate(dayNumber: Int(v[i])), p)
        }
    }
}
