import PanoramaKit

/// `function(x, by="ministry") body` as written: its parameters, body and `#'` documentation.
public struct FunctionLiteral: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        /// Evaluated at each call, in the call's own scope, when the argument is not given.
        public var defaultValue: Expr?
    }

    public var parameters: [Parameter]
    public var body: Expr
    /// The `#'` comment lines just above the definition, shown by `?f`.
    public var documentation: String

    /// `(x, by="ministry")`
    var parameterList: String {
        "(" + parameters.map { p in p.name + (p.defaultValue.map { "=" + ExprPrinter.text($0) } ?? "") }
            .joined(separator: ", ") + ")"
    }
}

/// A user function: a value that prints its signature, bound like a builtin when called.
public final class FunctionValue: ObjectValue, @unchecked Sendable {
    let literal: FunctionLiteral
    /// The scope the function was defined in; its body sees these variables.
    let closure: Environment
    /// The name it was first assigned to (for messages, `?f` and its usage line).
    var name: String

    /// The parameters' names, in order (distinct: the parser refuses a repeated one).
    let parameterNames: [String]
    /// The body compiled on its first call.
    var compiledBody: Step {
        if let compiledStep { return compiledStep }
        let step = Step(run: Compiler.expression(literal.body))
        compiledStep = step
        return step
    }
    // Not `lazy`: a lazy property's accesses are checked for exclusivity, a tenth of a call.
    @exclusivity(unchecked) private var compiledStep: Step?

    /// The body compiled unboxed, to run without a scope (`Interpreter.numericCall`), and how
    /// many numbers a call keeps (its parameters, then its locals); `exists` is false when the
    /// body is something else (`run` then answers nil).
    struct NumericBody {
        let exists: Bool
        let run: Compiler.Unboxed
        let slots: Int
    }

    /// The body unboxed (`x * k + 1`, `{ y = x * 2; if (y > 10) y else -y }`). Compiled with the
    /// function (a few nodes at most), and not optional: a call reads it in place without
    /// retaining it (an optional one is copied out).
    let numericBody: NumericBody
    /// The scopes of finished calls that nothing kept (no closure made inside them), ready for
    /// the next calls: a loop calling a function does not allocate a scope per call, nor does a
    /// recursion once it has been as deep before (a scope is six allocations, each asking the
    /// runtime for its array type's metadata: a tenth of a recursive call's time).
    @exclusivity(unchecked) private var spareScopes: [Environment] = []
    /// How many finished scopes a function keeps: a recursion deeper than this allocates the
    /// scopes of its deeper levels at each run instead of holding them all while the function lives.
    static let maximumSpareScopes = 1_000

    init(_ literal: FunctionLiteral, closure: Environment, name: String = "function") {
        let parameterNames = literal.parameters.map(\.name)
        self.parameterNames = parameterNames
        self.literal = literal
        self.closure = closure
        self.name = name
        let slots = parameterNames + Compiler.assignedNames(literal.body).filter { !parameterNames.contains($0) }
        let run = Compiler.number(literal.body, names: .init(slots: slots, closure: Unmanaged.passUnretained(closure)))
        numericBody = NumericBody(exists: run != nil, run: run ?? Compiler.Unboxed { _, _ in nil }, slots: slots.count)
    }

    public var kind: String { "function" }
    public var userFunction: FunctionValue? { self }

    /// A scope for a call, its parameters `na` until set: a spare one, else a new one.
    func takeScope() -> Environment {
        spareScopes.popLast() ?? Environment(parent: closure, names: parameterNames)
    }

    /// Keeps a finished call's scope for a next call when nothing else holds it.
    func recycle(_ scope: inout Environment) {
        guard spareScopes.count < FunctionValue.maximumSpareScopes, isKnownUniquelyReferenced(&scope) else { return }
        scope.clear(keepingNames: parameterNames.count)
        spareScopes.append(scope)
    }

    /// `growth(g, formula=cost_growth ~ log(cost))`
    public var signature: String { name + literal.parameterList }

    public func summary(_ options: RenderOptions) -> String { "function" + literal.parameterList }

    public func render(_ options: RenderOptions) -> String {
        let doc = literal.documentation
        return (doc.isEmpty ? "" : doc.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "#' " + $0 }.joined(separator: "\n") + "\n") + "function" + literal.parameterList
    }

    public func json(_ options: RenderOptions) -> JSON {
        .object([("kind", .string("function")), ("signature", .string(signature)),
                 ("doc", .string(literal.documentation))])
    }

    /// The builtin description the argument binder reads: same did-you-mean and usage line.
    lazy var binding: Builtin = Builtin(
        name, .language, summary: literal.documentation,
        parameters: literal.parameters.map {
            Parameter($0.name, required: $0.defaultValue == nil, default: $0.defaultValue.map(ExprPrinter.text))
        },
        frameScope: false, implementation: { _ in .na })
}

extension Interpreter {
    /// Deeper recursion than this is an error, as R's `expressions` limit (5,000) and Python's
    /// recursion limit (1,000) are; a stack too small for it stops calls earlier (`StackGuard`).
    /// `Session.run` runs on a thread with a stack that holds it (`LargeStack`).
    static let maximumCallDepth = 10_000

    /// Calls a user function: binds its arguments as a builtin's, then runs its body in a new
    /// scope whose parent is the function's defining scope.
    func invoke(_ function: FunctionValue, _ arguments: [CallArgument], range: SourceRange,
                scope outer: Frame?) throws(PanoramaError) -> Value {
        let parameters = function.literal.parameters
        // Positional arguments only, no more than the parameters: bound here without the
        // general binder (the common call in a loop); anything else goes through it.
        if arguments.count <= parameters.count, arguments.allSatisfy({ $0.label == nil }),
           !parameters.dropFirst(arguments.count).contains(where: { $0.defaultValue == nil }) {
            var values: [Value?] = Array(repeating: nil, count: parameters.count)
            for i in arguments.indices { values[i] = try evaluate(arguments[i].value, scope: outer) }
            return try run(function, values, at: range)
        }
        let context = try bind(function.binding, arguments, range: range, outer: outer)
        return try run(function, parameters.map { context.arguments[$0.name]?.value }, at: range)
    }

    /// A compiled call (`Compiler.call`): when its arguments give every parameter, they are
    /// evaluated in the order written straight into the call's scope, at the positions the
    /// site matched them to; otherwise the call is bound as above.
    func invoke(_ function: FunctionValue, _ compiled: [Step], _ site: CallSite, range: SourceRange,
                scope outer: Frame?) throws(PanoramaError) -> Value {
        guard let slots = site.positions(for: function) else {
            return try invoke(function, site.arguments, range: range, scope: outer)
        }
        var scope = function.takeScope()
        for k in compiled.indices { scope.setParameter(slots.map { $0[k] } ?? k, try compiled[k].run(self, outer)) }
        let value = try run(function, in: scope, at: range)
        function.recycle(&scope)
        return value
    }

    /// Calls a user function with values already computed (`map`, `group_map`), positionally.
    public func apply(_ function: FunctionValue, _ arguments: [Value], at range: SourceRange) throws(PanoramaError) -> Value {
        let parameters = function.literal.parameters
        guard arguments.count <= parameters.count else {
            throw .badCall(builtin: function.name, message: "\(function.name)() takes \(Prose.counted(parameters.count, "argument")) but is given \(arguments.count)",
                           usage: function.binding.usage, at: range)
        }
        let values: [Value?] = arguments + Array(repeating: nil, count: parameters.count - arguments.count)
        if let missing = parameters.dropFirst(arguments.count).first(where: { $0.defaultValue == nil }) {
            throw .badCall(builtin: function.name, message: "\(function.name)() is missing its argument '\(missing.name)'",
                           usage: function.binding.usage, at: range)
        }
        return try run(function, values, at: range)
    }

    /// Runs the body in a new scope whose parent is the defining scope; the arguments given are
    /// set there, then the defaults evaluated there (`evaluateDefaults`), so a default may use
    /// the other parameters. `arguments` are by parameter position, nil when not given.
    func run(_ function: FunctionValue, _ arguments: [Value?], at range: SourceRange) throws(PanoramaError) -> Value {
        try checkDepth(calling: function, at: range)
        let local = Environment(parent: function.closure)
        let saved = environment
        environment = local
        callDepth += 1
        defer {
            environment = saved
            callDepth -= 1
        }
        var pending: [Int] = []
        for (k, (p, given)) in zip(function.literal.parameters, arguments).enumerated() {
            if let value = given {
                local.set(p.name, value)
            } else if p.defaultValue != nil {
                pending.append(k)
            }
        }
        if !pending.isEmpty { try evaluateDefaults(pending, of: function.literal.parameters, into: local) }
        return try body(of: function)
    }

    /// A call of a function whose body is unboxed arithmetic with number arguments, computed
    /// without a `Value` or a scope: the arguments are written in a block of `numbers` at the
    /// positions the site matched them to (`CallSite`), its locals after them (NaN until
    /// assigned), and the body reads them there, its other names in its defining scope. nil
    /// when it cannot answer (an argument or a name in the body is not a plain number, the
    /// arguments do not give every parameter, the call would be too deep, Ctrl-C): the caller
    /// then makes the call in full, which gives the value or the error. Like the body, it has
    /// no side effects. The function is not retained (the variable the caller found it in holds
    /// it, and nothing can change a variable during the call), and its body is read in place.
    @inline(__always)
    func numericCall(_ function: Unmanaged<FunctionValue>, _ arguments: Compiler.Arguments, _ site: CallSite,
                     scope outer: Frame?) -> Double? {
        let (exists, count) = function._withUnsafeGuaranteedRef { ($0.numericBody.exists, $0.numericBody.slots) }
        guard exists, !refusesUnboxedCall(),
              let slots = function._withUnsafeGuaranteedRef({ site.positions(for: $0) }) else { return nil }
        calls &+= 1
        if calls & 63 == 0, isCancelled() { return nil }
        let given = arguments.count
        // Arguments with keywords are written after the block, then moved to their parameters.
        let start = numbers.reserve(slots == nil ? count : count + given)
        // Locals are NaN until assigned (the block may hold an earlier call's numbers).
        for k in given..<count { numbers.storage[start + k] = .nan }
        // Evaluated in the caller's block; an argument that is itself such a call keeps its
        // numbers above these.
        guard arguments.write(self, outer, slots == nil ? start : start + count) else {
            numbers.leave(start, to: numbers.base)
            return nil
        }
        if let slots {
            for k in 0..<given { numbers.storage[start + slots[k]] = numbers.storage[start + count + k] }
        }
        let caller = numbers.enter(start)
        callDepth += 1
        let result = function._withUnsafeGuaranteedRef { $0.numericBody.run.read(self, nil) }
        callDepth -= 1
        numbers.leave(start, to: caller)
        return result
    }

    /// Whether an unboxed call would go too deep (the depth limit, or the stack near its end).
    /// Once it did, unboxed calls are refused until the outermost call starts again: the full
    /// calls made instead go one level at a time to the limit and its error, where each of them
    /// trying the unboxed recursion again made an endless recursion quadratic (50 million calls
    /// at 10,000 levels).
    @inline(__always)
    private func refusesUnboxedCall() -> Bool {
        if callDepth == 0 { unboxedTooDeep = false }
        if unboxedTooDeep { return true }
        guard callDepth + 1 < Interpreter.maximumCallDepth, !stack.isExhausted(depth: callDepth) else {
            unboxedTooDeep = true
            return true
        }
        return false
    }

    /// Runs the body in `scope`, every parameter set (a compiled call).
    func run(_ function: FunctionValue, in scope: Environment, at range: SourceRange) throws(PanoramaError) -> Value {
        try checkDepth(calling: function, at: range)
        let saved = environment
        environment = scope
        callDepth += 1
        defer {
            environment = saved
            callDepth -= 1
        }
        return try body(of: function)
    }

    private func checkDepth(calling function: FunctionValue, at range: SourceRange) throws(PanoramaError) {
        // At every call: a Ctrl-C seen by an unboxed call (which polls every 64) makes it answer
        // nil, and the full call made instead must stop there, not run the recursion again.
        if isCancelled() { throw .interrupted }
        guard callDepth < Interpreter.maximumCallDepth, !stack.isExhausted(depth: callDepth) else {
            throw .failed("calling '\(function.name)' would nest calls \(callDepth + 1) levels deep, more than panorama allows (\(Interpreter.maximumCallDepth), fewer when the stack is small or each level is heavy); is a recursion missing its stopping case?", at: range)
        }
    }

    /// The function's compiled body run in the current scope; `return(v)` ends it with `v`.
    private func body(of function: FunctionValue) throws(PanoramaError) -> Value {
        do {
            return try function.compiledBody.run(self, nil)
        } catch .jump(.return(let value), _) {
            return value
        } catch .jump(let jump, let at) {
            throw .failed("'\(jump.word)' is only meaningful inside a loop", at: at)
        }
    }
}

extension Context {
    /// A user function's binding, so that TAB offers its keyword arguments as a builtin's.
    func userFunction(_ name: String) -> Builtin? {
        if case .object(let o)? = variables[name], let f = o as? FunctionValue { return f.binding }
        if case .object(let o)? = variables[name], let b = o as? BuiltinFunctionValue { return b.builtin }
        return nil
    }
}
