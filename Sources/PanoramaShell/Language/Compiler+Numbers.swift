import Foundation
import PanoramaKit

/// Scalar arithmetic kept unboxed. A subtree made only of number literals, names, `x[i]`, `-x`,
/// the arithmetic operators, `if (…) a else b`, calls of user functions whose bodies are such
/// subtrees and calls of builtins with a scalar form (`s + i * 0.5 - 1`, `s + f(i)` with
/// `f = function(x) x * k + 1`, `s + sqrt(i)`) is compiled a second time into closures returning
/// a plain `Double`, so no `Value` is built between its nodes; a comparison of two such subtrees
/// (`i % 2 == 0`) into one returning its truth as 1 or 0. A function body may also be a block
/// that assigns such numbers to its locals (Compiler+NumericBodies.swift). They are passed
/// around wrapped (`Unboxed`, `Operand`), never as optional closures, which Swift stores in a
/// generic form and calls through conversion thunks.
///
/// These closures read variables and compute, nothing else (no side effects), so when
/// one cannot answer — a name holds something other than a number (a vector, `na`, a string…),
/// is not defined, a frame's columns are in scope, or a result is not a number — it returns nil
/// and the caller evaluates the same subtree boxed, as `evaluate` would: values and messages are
/// the ones of the general path.
typealias CompiledNumber = (Interpreter, Frame?) -> Double?

extension Compiler {
    /// At most this many nodes are compiled unboxed in one subtree (a generated line of
    /// thousands of terms is walked by the general path's loop, not by deeply nested closures).
    static let numericNodeLimit = 32

    /// Where an unboxed subtree reads its names: the current scope, or — a function body run
    /// without a scope (`Interpreter.numericCall`) — its parameters and locals (`slots`, in that
    /// order) from `Interpreter.numbers` and every other name from the scope the
    /// function was defined in, where the call's scope would have found them.
    struct NumericNames {
        let slots: [String]
        /// Held by the function, which holds the compiled body: not retained, nor is it on
        /// each read (`read`).
        let closure: Unmanaged<Environment>

        @inline(__always)
        func read<T>(_ body: (Environment) -> T) -> T { closure._withUnsafeGuaranteedRef(body) }
    }

    /// `expr` as unboxed arithmetic, nil when it is not only literals, names and arithmetic.
    static func number(_ expr: Expr) -> Unboxed? {
        var budget = numericNodeLimit
        return number(expr, budget: &budget, names: nil)
    }

    /// A function body as unboxed arithmetic, its names read from `names`; nil when the body is
    /// anything else.
    static func number(_ expr: Expr, names: NumericNames) -> Unboxed? {
        var budget = numericNodeLimit
        return number(expr, budget: &budget, names: names)
    }

    static func number(_ expr: Expr, budget: inout Int, names: NumericNames?) -> Unboxed? {
        operand(expr, budget: &budget, names: names).map { Unboxed(read: $0.closure) }
    }

    /// `expr` unboxed, as the node above it reads it: a constant or a slot of the call is read
    /// in place by that node's closure, not through one of its own.
    static func operand(_ expr: Expr, budget: inout Int, names: NumericNames?) -> Operand? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch expr.kind {
        case .number(let x):
            return x.isNaN ? nil : .constant(x)
        case .name(let name):
            let hint = Environment.Hint()
            guard let names else {
                return .tree { interpreter, scope in scope == nil ? interpreter.environment.number(name, hint: hint) : nil }
            }
            // A local not assigned yet is NaN: the general path reads it where it is defined.
            if let k = names.slots.firstIndex(of: name) { return .slot(k) }
            return .tree { _, _ in names.read { $0.number(name, hint: hint) } }
        case .unary(.negate, let operand):
            guard let x = number(operand, budget: &budget, names: names) else { return nil }
            return .tree { interpreter, scope in x.read(interpreter, scope).map { -$0 } }
        case .binary(let op, let l, let r):
            guard let left = operand(l, budget: &budget, names: names),
                  let right = operand(r, budget: &budget, names: names) else { return nil }
            return arithmetic(op, left, right)
        case .index(let target, let indexExpr):
            // `x[i]`: an element of a vector of numbers held by a name (not a parameter or a
            // local: those hold numbers here).
            guard case .name(let name) = target.kind, names?.slots.contains(name) != true,
                  let i = number(indexExpr, budget: &budget, names: names) else { return nil }
            let hint = Environment.Hint()
            return .tree { interpreter, scope in
                guard scope == nil, let k = i.read(interpreter, scope) else { return nil }
                guard let names else { return interpreter.environment.element(name, hint: hint, k) }
                return names.read { $0.element(name, hint: hint, k) }
            }
        case .call(let callee, let arguments):
            guard case .name(let name) = callee.kind, name != "return" else { return nil }
            return call(name, arguments, range: expr.range, budget: &budget, names: names)
        case .if(let condition, let then, let otherwise?):
            guard let test = truth(condition, budget: &budget, names: names), let yes = operand(then, budget: &budget, names: names),
                  let no = number(otherwise, budget: &budget, names: names) else { return nil }
            // `if (n < 2) n else …`: a slot as the first branch is read in place.
            if case .slot(let k) = yes {
                return .tree { interpreter, scope in
                    test.read(interpreter, scope).flatMap { $0 != 0 ? interpreter.slot(k) : no.read(interpreter, scope) }
                }
            }
            let first = yes.closure
            return .tree { interpreter, scope in
                test.read(interpreter, scope).flatMap { $0 != 0 ? first(interpreter, scope) : no.read(interpreter, scope) }
            }
        case .block(let statements):
            guard let names else { return nil }
            return block(statements, budget: &budget, names: names)
        default:
            return nil
        }
    }

    /// A user function whose body is itself unboxed arithmetic (`f = function(x) x * 2 + 1`) is
    /// pure too: `Interpreter.numericCall` runs it without a `Value` or a scope; so is a builtin
    /// of one number that has a scalar form (`sqrt(i)`) when no variable has its name.
    private static func call(_ name: String, _ arguments: [CallArgument], range: SourceRange, budget: inout Int,
                             names: NumericNames?) -> Operand? {
        var operands: [Operand] = []
        for a in arguments {
            guard let n = operand(a.value, budget: &budget, names: names) else { return nil }
            operands.append(n)
        }
        // A builtin without a scalar form (`print(x)`, `nrow(x)`) is never answered here.
        let builtin = BuiltinRegistry.byName[name]
        let scalar = builtin.flatMap { scalarCall($0, arguments, operands, range: range) }
        guard builtin == nil || scalar != nil else { return nil }
        let site = CallSite(arguments, range: range), hint = Environment.Hint()
        let values = Arguments(operands)
        return .tree { interpreter, scope in
            // The callee of the last call, when the name still holds it: neither searched for
            // nor retained.
            if let callee = site.callee,
               names?.read({ $0.holds(name, callee, hint: hint) }) ?? interpreter.environment.holds(name, callee, hint: hint) {
                return interpreter.numericCall(callee, values, site, scope: scope)
            }
            switch (names?.closure.takeUnretainedValue() ?? interpreter.environment).callee(name, hint: hint) {
            case .user(let function):
                site.callee = Unmanaged.passUnretained(function)
                return interpreter.numericCall(Unmanaged.passUnretained(function), values, site, scope: scope)
            case .none:
                return scalar?(interpreter, scope)
            case .variable:
                return nil
            }
        }
    }

    /// A call of a builtin's scalar form (`Builtin.scalar`): `x`, and its option by position or
    /// name (`round(x, digits=2)`), read unboxed and given to its function; nil when the builtin
    /// has none, or the arguments bind otherwise or not at all (the general path gives the error).
    /// A NaN result is left to the general path, which makes it `na`.
    private static func scalarCall(_ builtin: Builtin, _ arguments: [CallArgument], _ operands: [Operand],
                                   range: SourceRange) -> CompiledNumber? {
        guard let scalar = builtin.scalar else { return nil }
        let match = Interpreter.match(builtin, arguments, range: range)
        guard match.binds else { return nil }
        let names = match.targets.map { target -> String? in
            if case .parameter(let name) = target.kind { name } else { nil }
        }
        guard let i = names.firstIndex(of: "x") else { return nil }
        let x = operands[i]
        if names.count == 1 {
            let f = scalar.apply
            return { interpreter, scope in
                guard let a = x.read(interpreter, scope) else { return nil }
                let r = f(a)
                return r.isNaN ? nil : r
            }
        }
        guard names.count == 2, let option = scalar.option, let g = scalar.applyWithOption,
              let j = names.firstIndex(of: option) else { return nil }
        let y = operands[j]
        return { interpreter, scope in
            guard let a = x.read(interpreter, scope), let b = y.read(interpreter, scope),
                  let r = g(a, b), !r.isNaN else { return nil }
            return r
        }
    }

    /// One closure per operator and kind of operands, so the operator is not chosen again at
    /// each step, nor a constant or slot read through a closure. A result that is not a number
    /// (0/0) is left to the general path, which makes it `na`.
    private static func arithmetic(_ op: BinaryOperator, _ a: Operand, _ b: Operand) -> Operand? {
        switch op {
        case .add: return .tree(combine(Add.self, a, b))
        case .subtract: return .tree(combine(Subtract.self, a, b))
        case .multiply: return .tree(combine(Multiply.self, a, b))
        case .divide: return .tree(combine(Divide.self, a, b))
        case .power: return .tree(combine(Power.self, a, b))
        case .remainder: return .tree(combine(Remainder.self, a, b))
        default: return nil
        }
    }

    /// `a < b` (or another comparison) of two unboxed subtrees, its truth as 1 or 0; nil when
    /// either is not one.
    static func truth(_ expr: Expr) -> Unboxed? {
        var budget = numericNodeLimit
        return truth(expr, budget: &budget, names: nil)
    }

    private static func truth(_ expr: Expr, budget: inout Int, names: NumericNames?) -> Unboxed? {
        guard case .binary(let op, let l, let r) = expr.kind, let a = operand(l, budget: &budget, names: names),
              let b = operand(r, budget: &budget, names: names) else { return nil }
        switch op {
        case .equal: return Unboxed(read: combine(Equal.self, a, b))
        case .notEqual: return Unboxed(read: combine(NotEqual.self, a, b))
        case .less: return Unboxed(read: combine(Less.self, a, b))
        case .lessEqual: return Unboxed(read: combine(LessEqual.self, a, b))
        case .greater: return Unboxed(read: combine(Greater.self, a, b))
        case .greaterEqual: return Unboxed(read: combine(GreaterEqual.self, a, b))
        default: return nil
        }
    }

    /// `expr` compiled boxed (`general`), answered unboxed first when it is arithmetic or a
    /// comparison of arithmetic.
    static func unboxedFirst(_ expr: Expr, general: @escaping Compiled) -> Compiled {
        if let n = number(expr) {
            return { interpreter, scope throws(PanoramaError) in
                if let x = n.read(interpreter, scope) {
                    interpreter.invisible = false
                    return .number(x)
                }
                return try general(interpreter, scope)
            }
        }
        if let t = truth(expr) {
            return { interpreter, scope throws(PanoramaError) in
                if let b = t.read(interpreter, scope) {
                    interpreter.invisible = false
                    return .bool(b != 0)
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
            if let b = t.read(interpreter, scope) { return b != 0 }
            return try interpreter.truth(try test(interpreter, scope), of: condition, construct: construct)
        }
    }
}
