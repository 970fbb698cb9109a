import PanoramaKit

/// `s = paste(s, "x", sep="")` in compiled code: the text is appended to in place rather than
/// copied into a new one, so a loop building a text is linear in its length, not quadratic.
extension Compiler {
    /// `name = f(name, …)` where the builtin `f` can append (`Builtin.append`) and `name` holds
    /// a text: the arguments are evaluated once, in order, with `name` still in its slot; then
    /// the text is moved out of its slot, so nothing else references it, appended to in place
    /// and put back. Nothing between moving it out and putting it back can throw or be
    /// interrupted, so an error or a Ctrl-C in an argument leaves `name` as it was. When `f`
    /// does not append those values (a vector piece, say) or `name` is not a variable of the
    /// running scope, the call is made on them as usual; when `name` does not hold a text, `f`
    /// is shadowed by a variable or frame columns are in scope, `general` (the ordinary compiled
    /// assignment) runs instead. Nil when the statement is not of that form.
    static func appending(_ name: String, _ expr: Expr, general: @escaping Compiled) -> Compiled? {
        guard case .call(let calleeExpr, let arguments) = expr.kind, case .name(let callee) = calleeExpr.kind,
              let builtin = BuiltinRegistry.byName[callee], builtin.append != nil,
              let first = arguments.first, first.label == nil, case .name(let target) = first.value.kind, target == name
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
        let values = arguments.map { Step(run: expression($0.value)) }
        let calleeHint = Environment.Hint(), hint = Environment.Hint(), range = expr.range
        return { interpreter, scope throws(PanoramaError) in
            guard scope == nil, case .none = interpreter.environment.callee(callee, hint: calleeHint) else {
                return try general(interpreter, scope)
            }
            var first = try values[0].run(interpreter, scope)
            guard case .string = first else { return try general(interpreter, scope) }
            var others: [Value] = []
            others.reserveCapacity(values.count - 1)
            for i in 1..<values.count { others.append(try values[i].run(interpreter, scope)) }
            let environment = interpreter.environment
            if var text = environment.takeText(name, hint: hint) {
                first = .na  // the slot's text, read above: `text` is now its only reference
                let appended = builtin.append.unsafelyUnwrapped(&text, others, keywordNames)
                environment.set(name, .string(text), hint: hint)
                if appended {
                    interpreter.invisible = false
                    return .string(text)
                }
                first = .string(text)
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
}
