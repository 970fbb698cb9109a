import PanoramaKit

/// Calls and indexing in compiled code: the steps of a loop that calls a function or reads
/// `x[i]` on every iteration.
extension Compiler {
    /// Pipe chains nested deeper than this through their first argument (`a |> f() |> g() …`)
    /// are left to `Interpreter.call`, which walks them with a loop.
    static let nestedCallLimit = 16

    /// `name(…)`: the callee is looked up by a hinted search on every call (so rebinding the
    /// name, or shadowing a builtin with a variable, takes effect at once); its arguments are
    /// compiled and bound by a match of labels and positions worked out once: for a user
    /// function, once per function called from here (`CallSite`), for a builtin, here. A call
    /// these do not cover (a variable holding a builtin, `return`, an argument the binder
    /// refuses, a long pipe chain) goes through `Interpreter.call`, which gives its value or error.
    static func call(_ name: String, _ arguments: [CallArgument], calleeRange: SourceRange,
                     range: SourceRange) -> Compiled {
        guard pipeDepth(arguments) <= nestedCallLimit else {
            return { interpreter, scope throws(PanoramaError) in
                try interpreter.call(name, arguments, calleeRange: calleeRange, range: range, scope: scope)
            }
        }
        let values = arguments.map { Step(run: expression($0.value)) }
        let site = CallSite(arguments, range: range), hint = Environment.Hint()
        let builtin = (name == "return" ? nil : BuiltinRegistry.byName[name]).map {
            BuiltinCall(builtin: $0, match: Interpreter.match($0, arguments, range: range))
        }.flatMap { $0.match.binds ? $0 : nil }
        return { interpreter, scope throws(PanoramaError) in
            switch interpreter.environment.callee(name, hint: hint) {
            case .user(let function):
                return try interpreter.invoke(function, values, site, range: range, scope: scope)
            case .none:
                guard let builtin else { break }
                var context = try interpreter.bind(builtin.builtin, builtin.match, arguments, range: range, outer: scope) {
                    (i: Int, scope: Frame?) throws(PanoramaError) -> Value in try values[i].run(interpreter, scope)
                }
                return try interpreter.run(builtin.builtin, &context, at: range)
            case .variable:
                break
            }
            return try interpreter.call(name, arguments, calleeRange: calleeRange, range: range, scope: scope)
        }
    }

    /// How many calls are nested through their first argument, counted up to the limit.
    private static func pipeDepth(_ arguments: [CallArgument]) -> Int {
        var depth = 0, first = arguments.first
        while let argument = first, argument.label == nil, case .call(_, let inner) = argument.value.kind, depth <= nestedCallLimit {
            depth += 1
            first = inner.first
        }
        return depth
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

/// A compiled call of a builtin whose arguments bind: the builtin and the match, referenced
/// rather than copied out of optionals on every call (a `Builtin` has a dozen fields to retain).
final class BuiltinCall {
    let builtin: Builtin
    let match: ArgumentMatch

    init(builtin: Builtin, match: ArgumentMatch) {
        self.builtin = builtin
        self.match = match
    }
}

/// A compiled call of a user function: which parameter each argument fills, worked out by the
/// binder's match (`Interpreter.match` on the function's `binding`) for the function last called
/// here and kept while the callee has the same parameters.
final class CallSite {
    let arguments: [CallArgument]
    let range: SourceRange
    /// No argument has a keyword: the k-th fills the k-th parameter.
    let positional: Bool
    /// The parameters the slots were worked out for.
    @exclusivity(unchecked) private var parameterNames: [String]?
    @exclusivity(unchecked) private var slots: [Int]?

    /// The user function an unboxed call found here last time, not retained: used only while
    /// the variable it was found in still holds it (`Environment.holds` compares addresses
    /// before anything reads it), which keeps it alive; so a rebinding is followed at the next
    /// call, and a freed function is never touched.
    @exclusivity(unchecked) var callee: Unmanaged<FunctionValue>?

    init(_ arguments: [CallArgument], range: SourceRange) {
        self.arguments = arguments
        self.range = range
        positional = arguments.allSatisfy { $0.label == nil }
    }

    /// Where the arguments go for `function` when they give every parameter: `.some(nil)` in
    /// order (positional arguments, as many as the parameters: nothing to look up), else their
    /// `slots`; nil when they do not give every parameter or the binder refuses them.
    @inline(__always)
    func positions(for function: FunctionValue) -> [Int]?? {
        if positional { return arguments.count == function.parameterNames.count ? .some(nil) : nil }
        return slots(for: function).map { .some($0) }
    }

    /// The parameter position of each argument for `function` when they give every parameter
    /// and the binder accepts them; nil otherwise (the call then goes through the binder, which
    /// takes defaults or raises the error). Which parameters have defaults does not matter then.
    @inline(__always)
    func slots(for function: FunctionValue) -> [Int]? {
        // Equal arrays of one buffer compare by identity: the same function costs no string compare.
        if let parameterNames, parameterNames == function.parameterNames { return slots }
        let names = function.parameterNames
        parameterNames = names
        slots = nil
        let match = Interpreter.match(function.binding, arguments, range: range)
        guard match.binds, match.targets.count == names.count else { return nil }
        var positions: [Int] = []
        for target in match.targets {
            guard case .parameter(let name) = target.kind, let k = names.firstIndex(of: name) else { return nil }
            positions.append(k)
        }
        slots = positions
        return positions
    }
}
