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

/// Variables of one scope: the session's, a function call's. A scope sees its parent's
/// variables (lexical scope: a function's parent is the scope it was defined in).
///
/// Names and values are kept in two arrays searched in order, not a dictionary: scopes hold a
/// few dozen names at most, short names compare in a few instructions, and a loop's variables
/// are found without hashing a string on every use.
public final class Environment: @unchecked Sendable {
    // One interpreter, one thread: the runtime's exclusivity checks (a fifth of a loop's time
    // when profiled) are left out for these two.
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var slots: [Value] = []
    let parent: Environment?

    init(parent: Environment? = nil, names: [String] = [], slots: [Value] = []) {
        self.parent = parent
        self.names = names
        self.slots = slots
    }

    /// Where a compiled name found its variable last time: the position in the scope it was
    /// looked up from. Checked before use (the name at that position must be the same), so a
    /// stale hint only costs the ordinary search.
    final class Hint {
        @exclusivity(unchecked) var index = 0
    }

    /// `lookup(name)`, trying the hinted position of this scope first.
    @inline(__always)
    func lookup(_ name: String, hint: Hint) -> Value? {
        let i = hint.index
        if i < names.count && names[i] == name { return slots[i] }
        for i in names.indices where names[i] == name {
            hint.index = i
            return slots[i]
        }
        return parent?.lookup(name)
    }

    /// The number `name` holds in this scope, read in place (nil when it holds something else
    /// or is not in this scope: the caller then looks it up in full).
    @inline(__always)
    func number(_ name: String, hint: Hint) -> Double? {
        var i = hint.index
        if !(i < names.count && names[i] == name) {
            guard let found = names.firstIndex(of: name) else { return nil }
            hint.index = found
            i = found
        }
        if case .number(let x) = slots[i] { return x }
        return nil
    }

    /// `set(name, value)`, trying the hinted position first.
    @inline(__always)
    func set(_ name: String, _ value: Value, hint: Hint) {
        let i = hint.index
        if i < names.count && names[i] == name {
            slots[i] = value
            return
        }
        hint.index = set(name, value)
    }

    /// The value of `name` in this scope alone.
    @inline(__always)
    func local(_ name: String) -> Value? {
        for i in names.indices where names[i] == name { return slots[i] }
        return nil
    }

    /// The value of `name` here or in an enclosing scope.
    func lookup(_ name: String) -> Value? {
        var scope: Environment? = self
        while let s = scope {
            if let v = s.local(name) { return v }
            scope = s.parent
        }
        return nil
    }

    /// Sets `name` in this scope; returns its position.
    @discardableResult
    func set(_ name: String, _ value: Value) -> Int {
        for i in names.indices where names[i] == name {
            slots[i] = value
            return i
        }
        names.append(name)
        slots.append(value)
        return names.count - 1
    }

    /// This scope's variables as a dictionary (for `.vars`, completion and tests).
    var values: [String: Value] {
        get { Dictionary(zip(names, slots), uniquingKeysWith: { _, last in last }) }
        set {
            names = Array(newValue.keys)
            slots = names.map { newValue[$0]! }
        }
    }

    /// Every name visible from here (for did-you-mean).
    var visibleNames: [String] {
        var all = Set<String>()
        var scope: Environment? = self
        while let s = scope { all.formUnion(s.names); scope = s.parent }
        return Array(all)
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
    lazy var compiledBody: Compiled = Compiler.expression(literal.body)

    init(_ literal: FunctionLiteral, closure: Environment, name: String = "function") {
        self.parameterNames = literal.parameters.map(\.name)
        self.literal = literal
        self.closure = closure
        self.name = name
    }

    public var kind: String { "function" }

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
    /// Deeper recursion than this is an error (the process stack stays far from its end).
    static let maximumCallDepth = 200

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

    /// A compiled call with positional arguments: when they give every parameter, they are
    /// evaluated straight into the call's scope; otherwise the call is bound as above.
    func invoke(_ function: FunctionValue, _ compiled: [Compiled], _ arguments: [CallArgument], range: SourceRange,
                scope outer: Frame?) throws(PanoramaError) -> Value {
        guard compiled.count == function.parameterNames.count else {
            return try invoke(function, arguments, range: range, scope: outer)
        }
        var values: [Value] = []
        values.reserveCapacity(compiled.count)
        for argument in compiled { values.append(try argument(self, outer)) }
        return try run(function, given: values, at: range)
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

    /// Runs the body in a new scope whose parent is the defining scope; defaults are evaluated
    /// there, in order, so a default may use the parameters before it. `arguments` are by
    /// parameter position, nil when not given.
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
        for (p, given) in zip(function.literal.parameters, arguments) {
            if let value = given {
                local.set(p.name, value)
            } else if let d = p.defaultValue {
                local.set(p.name, try evaluate(d))
            }
        }
        return try body(of: function)
    }

    /// Runs the body with every parameter given, in order (a compiled call).
    func run(_ function: FunctionValue, given values: [Value], at range: SourceRange) throws(PanoramaError) -> Value {
        try checkDepth(calling: function, at: range)
        let saved = environment
        environment = Environment(parent: function.closure, names: function.parameterNames, slots: values)
        callDepth += 1
        defer {
            environment = saved
            callDepth -= 1
        }
        return try body(of: function)
    }

    private func checkDepth(calling function: FunctionValue, at range: SourceRange) throws(PanoramaError) {
        if isCancelled() { throw .interrupted }
        guard callDepth < Interpreter.maximumCallDepth, !stack.isExhausted(depth: callDepth) else {
            throw .failed("calling '\(function.name)' would nest calls \(callDepth + 1) levels deep, more than panorama allows (\(Interpreter.maximumCallDepth), fewer when each level is heavy); is a recursion missing its stopping case?", at: range)
        }
    }

    /// The function's compiled body run in the current scope; `return(v)` ends it with `v`.
    private func body(of function: FunctionValue) throws(PanoramaError) -> Value {
        do {
            return try function.compiledBody(self, nil)
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
        return nil
    }
}
