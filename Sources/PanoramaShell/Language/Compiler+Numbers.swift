import Foundation
import PanoramaKit

/// Scalar arithmetic kept unboxed. A subtree made only of number literals, names, `x[i]`, `-x`,
/// the arithmetic operators, `if (…) a else b`, calls of user functions whose bodies are such
/// subtrees and calls of builtins with a scalar form (`s + i * 0.5 - 1`, `s + f(i)` with
/// `f = function(x) x * k + 1`, `s + sqrt(i)`) is compiled a second time into closures returning
/// a plain `Double`, so no `Value` is built between its nodes; a comparison of two such subtrees
/// (`i % 2 == 0`) into one returning a plain `Bool`. A function body may also be a block that
/// assigns such numbers to its locals (Compiler+NumericBodies.swift).
///
/// These closures read variables and compute, nothing else (no side effects), so when
/// one cannot answer — a name holds something other than a number (a vector, `na`, a string…),
/// is not defined, a frame's columns are in scope, or a result is not a number — it returns nil
/// and the caller evaluates the same subtree boxed, as `evaluate` would: values and messages are
/// the ones of the general path.
typealias CompiledNumber = (Interpreter, Frame?) -> Double?
typealias CompiledTruth = (Interpreter, Frame?) -> Bool?

extension Compiler {
    /// At most this many nodes are compiled unboxed in one subtree (a generated line of
    /// thousands of terms is walked by the general path's loop, not by deeply nested closures).
    static let numericNodeLimit = 32

    /// Where an unboxed subtree reads its names: the current scope, or — a function body run
    /// without a scope (`Interpreter.numericCall`) — its parameters and locals (`slots`, in that
    /// order) from `Interpreter.numericArguments` and every other name from the scope the
    /// function was defined in, where the call's scope would have found them.
    struct NumericNames {
        let slots: [String]
        /// Held by the function, which holds the compiled body.
        unowned(unsafe) let closure: Environment
    }

    /// `expr` as unboxed arithmetic, nil when it is not only literals, names and arithmetic.
    static func number(_ expr: Expr) -> CompiledNumber? {
        var budget = numericNodeLimit
        return number(expr, budget: &budget, names: nil)
    }

    /// A function body as unboxed arithmetic, its names read from `names`; nil when the body is
    /// anything else.
    static func number(_ expr: Expr, names: NumericNames) -> CompiledNumber? {
        var budget = numericNodeLimit
        return number(expr, budget: &budget, names: names)
    }

    static func number(_ expr: Expr, budget: inout Int, names: NumericNames?) -> CompiledNumber? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch expr.kind {
        case .number(let x):
            return x.isNaN ? nil : { _, _ in x }
        case .name(let name):
            let hint = Environment.Hint()
            guard let names else {
                return { interpreter, scope in scope == nil ? interpreter.environment.number(name, hint: hint) : nil }
            }
            if let k = names.slots.firstIndex(of: name) {
                // A local not assigned yet is NaN: the general path reads it where it is defined.
                return { interpreter, _ in
                    let x = interpreter.numericArguments[interpreter.argumentBase + k]
                    return x.isNaN ? nil : x
                }
            }
            return { _, _ in names.closure.number(name, hint: hint) }
        case .unary(.negate, let operand):
            guard let x = number(operand, budget: &budget, names: names) else { return nil }
            return { interpreter, scope in x(interpreter, scope).map { -$0 } }
        case .binary(let op, let l, let r):
            guard let left = number(l, budget: &budget, names: names),
                  let right = number(r, budget: &budget, names: names) else { return nil }
            return arithmetic(op, left, right)
        case .index(let target, let indexExpr):
            // `x[i]`: an element of a vector of numbers held by a name (not a parameter or a
            // local: those hold numbers here).
            guard case .name(let name) = target.kind, names?.slots.contains(name) != true,
                  let i = number(indexExpr, budget: &budget, names: names) else { return nil }
            let hint = Environment.Hint()
            return { interpreter, scope in
                guard scope == nil, let k = i(interpreter, scope) else { return nil }
                return (names?.closure ?? interpreter.environment).element(name, hint: hint, k)
            }
        case .call(let callee, let arguments):
            // A user function whose body is itself unboxed arithmetic (`f = function(x) x * 2 + 1`)
            // is pure too: `Interpreter.numericCall` runs it without a `Value` or a scope; so is a
            // builtin of one number that has a scalar form (`sqrt(i)`) when no variable has its name.
            guard case .name(let name) = callee.kind, name != "return" else { return nil }
            var values: [Unboxed] = []
            for a in arguments {
                guard let n = number(a.value, budget: &budget, names: names) else { return nil }
                values.append(Unboxed(read: n))
            }
            // A builtin without a scalar form (`print(x)`, `nrow(x)`) is never answered here.
            let builtin = BuiltinRegistry.byName[name]
            let scalar = values.count == 1 && arguments[0].label == nil ? builtin?.scalar : nil
            guard builtin == nil || scalar != nil else { return nil }
            let site = CallSite(arguments, range: expr.range), hint = Environment.Hint()
            return { interpreter, scope in
                switch (names?.closure ?? interpreter.environment).callee(name, hint: hint) {
                case .user(let function):
                    return interpreter.numericCall(function, values, site, scope: scope)
                case .none:
                    guard let scalar, let x = values[0].read(interpreter, scope) else { return nil }
                    let r = scalar(x)
                    return r.isNaN ? nil : r
                case .variable:
                    return nil
                }
            }
        case .if(let condition, let then, let otherwise?):
            guard let test = truth(condition, budget: &budget, names: names), let yes = number(then, budget: &budget, names: names),
                  let no = number(otherwise, budget: &budget, names: names) else { return nil }
            return { interpreter, scope in test(interpreter, scope).flatMap { $0 ? yes(interpreter, scope) : no(interpreter, scope) } }
        case .block(let statements):
            guard let names else { return nil }
            return block(statements, budget: &budget, names: names)
        default:
            return nil
        }
    }

    /// One closure per operator, so the operator is not chosen again at each step. A result that
    /// is not a number (0/0) is left to the general path, which makes it `na`.
    private static func arithmetic(_ op: BinaryOperator, _ a: @escaping CompiledNumber,
                                   _ b: @escaping CompiledNumber) -> CompiledNumber? {
        switch op {
        case .add:
            return { i, s in
                guard let x = a(i, s), let y = b(i, s) else { return nil }
                let r = x + y
                return r.isNaN ? nil : r
            }
        case .subtract:
            return { i, s in
                guard let x = a(i, s), let y = b(i, s) else { return nil }
                let r = x - y
                return r.isNaN ? nil : r
            }
        case .multiply:
            return { i, s in
                guard let x = a(i, s), let y = b(i, s) else { return nil }
                let r = x * y
                return r.isNaN ? nil : r
            }
        case .divide:
            return { i, s in
                guard let x = a(i, s), let y = b(i, s) else { return nil }
                let r = x / y
                return r.isNaN ? nil : r
            }
        case .power:
            return { i, s in
                guard let x = a(i, s), let y = b(i, s) else { return nil }
                let r = pow(x, y)
                return r.isNaN ? nil : r
            }
        case .remainder:
            return { i, s in
                guard let x = a(i, s), let y = b(i, s) else { return nil }
                let r = Operators.remainder(x, y)
                return r.isNaN ? nil : r
            }
        default:
            return nil
        }
    }

    /// `a < b` (or another comparison) of two unboxed subtrees; nil when either is not one.
    static func truth(_ expr: Expr) -> CompiledTruth? {
        var budget = numericNodeLimit
        return truth(expr, budget: &budget, names: nil)
    }

    private static func truth(_ expr: Expr, budget: inout Int, names: NumericNames?) -> CompiledTruth? {
        guard case .binary(let op, let l, let r) = expr.kind, let a = number(l, budget: &budget, names: names),
              let b = number(r, budget: &budget, names: names) else { return nil }
        switch op {
        case .equal: return { i, s in a(i, s).flatMap { x in b(i, s).map { x == $0 } } }
        case .notEqual: return { i, s in a(i, s).flatMap { x in b(i, s).map { x != $0 } } }
        case .less: return { i, s in a(i, s).flatMap { x in b(i, s).map { x < $0 } } }
        case .lessEqual: return { i, s in a(i, s).flatMap { x in b(i, s).map { x <= $0 } } }
        case .greater: return { i, s in a(i, s).flatMap { x in b(i, s).map { x > $0 } } }
        case .greaterEqual: return { i, s in a(i, s).flatMap { x in b(i, s).map { x >= $0 } } }
        default: return nil
        }
    }

    /// `expr` compiled boxed (`general`), answered unboxed first when it is arithmetic or a
    /// comparison of arithmetic.
    static func unboxedFirst(_ expr: Expr, general: @escaping Compiled) -> Compiled {
        if let n = number(expr) {
            return { interpreter, scope throws(PanoramaError) in
                if let x = n(interpreter, scope) {
                    interpreter.invisible = false
                    return .number(x)
                }
                return try general(interpreter, scope)
            }
        }
        if let t = truth(expr) {
            return { interpreter, scope throws(PanoramaError) in
                if let b = t(interpreter, scope) {
                    interpreter.invisible = false
                    return .bool(b)
                }
                return try general(interpreter, scope)
            }
        }
        return general
    }

    /// A condition of `if` or `while`: a comparison of arithmetic answered unboxed, otherwise its
    /// value's truth as `Interpreter.truth` reads it (`na` and vectors are errors naming it).
    static func condition(_ condition: Expr, construct: String) -> (Interpreter, Frame?) throws(PanoramaError) -> Bool {
        let test = expression(condition)
        guard let t = truth(condition) else {
            return { interpreter, scope throws(PanoramaError) in
                try interpreter.truth(try test(interpreter, scope), of: condition, construct: construct)
            }
        }
        return { interpreter, scope throws(PanoramaError) in
            if let b = t(interpreter, scope) { return b }
            return try interpreter.truth(try test(interpreter, scope), of: condition, construct: construct)
        }
    }
}
