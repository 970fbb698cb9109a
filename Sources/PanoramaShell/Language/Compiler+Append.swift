import PanoramaKit

/// `s = paste(s, "x", sep="")` in compiled code: the text is appended to in place rather than
/// copied into a new one, so a loop building a text is linear in its length, not quadratic.
extension Compiler {
    /// `name = f(name, …)` where the builtin `f` can append (`Builtin.append`) and `name` holds
    /// a text of the running scope: the other arguments are evaluated once, in order, with
    /// `name` still in its slot and not read (so its text is not copied); then the text is moved
    /// out of its slot, so nothing else references it, appended to in place and put back.
    /// Nothing between moving it out and putting it back can throw or be interrupted, so an
    /// error or a Ctrl-C in an argument leaves `name` as it was. When every other argument is a
    /// constant, what they add is worked out once, here. When `f` does not append those values
    /// (a vector piece, say) the call is made on them as usual; when `name` does not hold a text
    /// of the running scope, `f` is shadowed by a variable or frame columns are in scope,
    /// `general` (the ordinary compiled assignment) runs instead. Nil when the statement is not
    /// of that form, or when an argument could assign a variable (a block or a `for` in it: the
    /// text must be the one read first). When the statement's value is not used (`valueUsed`
    /// false: a loop body's, a statement before a block's last), it returns `na` and the text
    /// is not referenced a second time.
    static func appending(_ name: String, _ expr: Expr, valueUsed: Bool, general: @escaping Compiled) -> Compiled? {
        guard case .call(let calleeExpr, let arguments) = expr.kind, case .name(let callee) = calleeExpr.kind,
              let builtin = BuiltinRegistry.byName[callee], let append = builtin.append,
              let first = arguments.first, first.label == nil, case .name(let target) = first.value.kind, target == name,
              !arguments.dropFirst().contains(where: { $0.value.mayAssign })
        else { return nil }
        let match = Interpreter.match(builtin, arguments, range: expr.range)
        guard match.binds, match.targets.count == arguments.count, !match.targets.contains(where: \.quoted) else { return nil }
        // After the first argument: nil for the variadic parameter's values, the others' names.
        var keywordNames: [String?] = []
        for target in match.targets.dropFirst() {
            switch target.kind {
            case .rest: keywordNames.append(nil)
            case .parameter(let parameter): keywordNames.append(parameter)
            case .extra: return nil
            }
        }
        let calleeHint = Environment.Hint(), hint = Environment.Hint()
        let constants = arguments.dropFirst().compactMap { $0.value.constant }
        var suffix = ""
        if constants.count == arguments.count - 1, append(&suffix, constants, keywordNames) {
            return { interpreter, scope throws(PanoramaError) in
                // (Nothing is evaluated before the text is taken: no need to check it first.)
                guard appends(interpreter, scope, name, hint, callee, calleeHint, checkText: false),
                      var text = interpreter.environment.takeText(name, hint: hint) else { return try general(interpreter, scope) }
                text += suffix
                interpreter.invisible = false
                return putBack(interpreter.environment, name, text, hint, valueUsed)
            }
        }
        let values = arguments.map { Step(run: expression($0.value)) }, range = expr.range
        let scratch = Scratch()
        return { interpreter, scope throws(PanoramaError) in
            guard appends(interpreter, scope, name, hint, callee, calleeHint) else { return try general(interpreter, scope) }
            // A buffer kept from the last call (a recursive one finds it empty and makes its own).
            var others = scratch.values
            scratch.values = []
            for i in 1..<values.count { others.append(try values[i].run(interpreter, scope)) }
            let environment = interpreter.environment
            let first: Value
            if var text = environment.takeText(name, hint: hint) {
                if append(&text, others, keywordNames) {
                    others.removeAll(keepingCapacity: true)
                    scratch.values = others
                    interpreter.invisible = false
                    return putBack(environment, name, text, hint, valueUsed)
                }
                environment.putText(name, text, hint: hint)
                first = .string(text)
            } else {
                first = try values[0].run(interpreter, scope)  // not reached: nothing above assigns `name`
            }
            let evaluated = [first] + others
            var context = try interpreter.bind(builtin, match, arguments, range: range, outer: nil) {
                (i: Int, _: Frame?) throws(PanoramaError) -> Value in evaluated[i]
            }
            let v = try interpreter.run(builtin, &context, at: range)
            if case .object = v { try interpreter.assign(name, v, at: range) } else { environment.set(name, v, hint: hint) }
            return v
        }
    }

    /// Whether the call appends to `name`'s text: it is a text of the running scope (read in
    /// place), no frame's columns are in scope and `callee` is not shadowed by a variable.
    @inline(__always)
    private static func appends(_ interpreter: Interpreter, _ scope: Frame?, _ name: String, _ hint: Environment.Hint,
                                _ callee: String, _ calleeHint: Environment.Hint, checkText: Bool = true) -> Bool {
        guard scope == nil, case .none = interpreter.environment.callee(callee, hint: calleeHint) else { return false }
        return !checkText || interpreter.environment.holdsText(name, hint: hint)
    }

    /// Puts the appended text back in `name`'s slot; the statement's value.
    @inline(__always)
    private static func putBack(_ environment: Environment, _ name: String, _ text: consuming String,
                                _ hint: Environment.Hint, _ valueUsed: Bool) -> Value {
        guard valueUsed else {
            environment.putText(name, text, hint: hint)
            return .na
        }
        let value = Value.string(copy text)
        environment.putText(name, text, hint: hint)
        return value
    }

    /// The other arguments' values kept between calls of one compiled append.
    final class Scratch {
        @exclusivity(unchecked) var values: [Value] = []
    }
}

extension Expr {
    /// The value of a literal text, number, bool or `na`; nil for anything else.
    var constant: Value? {
        switch kind {
        case .string(let s): .string(s)
        case .number(let x): .number(x)
        case .bool(let b): .bool(b)
        case .na: .na
        default: nil
        }
    }

    /// Whether running it could assign a variable of the scope it runs in: it holds a block
    /// (whose statements may) or a `for` (which sets its variable). A function literal's body
    /// runs in a scope of its own. Walked with a list, not recursively (a generated chain of
    /// thousands of terms would overflow the stack).
    var mayAssign: Bool {
        var pending = [self]
        while let e = pending.popLast() {
            switch e.kind {
            case .block, .for: return true
            case .function: continue
            default: pending += e.children
            }
        }
        return false
    }
}
