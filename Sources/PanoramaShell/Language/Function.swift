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
public final class Environment: @unchecked Sendable {
    var values: [String: Value] = [:]
    let parent: Environment?

    init(parent: Environment? = nil) { self.parent = parent }

    /// The value of `name` here or in an enclosing scope.
    func lookup(_ name: String) -> Value? {
        var scope: Environment? = self
        while let s = scope {
            if let v = s.values[name] { return v }
            scope = s.parent
        }
        return nil
    }

    /// Every name visible from here (for did-you-mean).
    var visibleNames: [String] {
        var names = Set<String>()
        var scope: Environment? = self
        while let s = scope { names.formUnion(s.values.keys); scope = s.parent }
        return Array(names)
    }
}

/// A user function: a value that prints its signature, bound like a builtin when called.
public final class FunctionValue: ObjectValue, @unchecked Sendable {
    let literal: FunctionLiteral
    /// The scope the function was defined in; its body sees these variables.
    let closure: Environment
    /// The name it was first assigned to (for messages, `?f` and its usage line).
    var name: String

    init(_ literal: FunctionLiteral, closure: Environment, name: String = "function") {
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
        name, .language, signature: signature, summary: literal.documentation,
        parameters: literal.parameters.map { Parameter($0.name, required: $0.defaultValue == nil) },
        frameScope: false, implementation: { _ in .na })
}

extension Interpreter {
    /// Deeper recursion than this is an error (the process stack stays far from its end).
    static let maximumCallDepth = 200

    /// Calls a user function: binds its arguments as a builtin's, then runs its body in a new
    /// scope whose parent is the function's defining scope.
    func invoke(_ function: FunctionValue, _ arguments: [CallArgument], range: SourceRange,
                scope outer: Frame?) throws(PanoramaError) -> Value {
        let context = try bind(function.binding, arguments, range: range, outer: outer)
        var values: [String: Value] = [:]
        for (name, bound) in context.arguments { values[name] = bound.value }
        return try run(function, values, at: range)
    }

    /// Calls a user function with values already computed (`map`, `group_map`), positionally.
    public func apply(_ function: FunctionValue, _ arguments: [Value], at range: SourceRange) throws(PanoramaError) -> Value {
        let parameters = function.literal.parameters
        guard arguments.count <= parameters.count else {
            throw .badCall(builtin: function.name, message: "\(function.name)() takes \(Prose.counted(parameters.count, "argument")) but is given \(arguments.count)",
                           usage: function.binding.usage, at: range)
        }
        var values: [String: Value] = [:]
        for (p, v) in zip(parameters, arguments) { values[p.name] = v }
        if let missing = parameters.dropFirst(arguments.count).first(where: { $0.defaultValue == nil }) {
            throw .badCall(builtin: function.name, message: "\(function.name)() is missing its argument '\(missing.name)'",
                           usage: function.binding.usage, at: range)
        }
        return try run(function, values, at: range)
    }

    /// Runs the body in a new scope whose parent is the defining scope; defaults are evaluated
    /// there, in order, so a default may use the parameters before it.
    func run(_ function: FunctionValue, _ arguments: [String: Value], at range: SourceRange) throws(PanoramaError) -> Value {
        guard callDepth < Interpreter.maximumCallDepth else {
            throw .failed("'\(function.name)' called itself more than \(Interpreter.maximumCallDepth) levels deep; is the recursion missing a stopping case?", at: range)
        }
        let local = Environment(parent: function.closure)
        let saved = environment
        environment = local
        callDepth += 1
        defer {
            environment = saved
            callDepth -= 1
        }
        for p in function.literal.parameters {
            if let value = arguments[p.name] {
                local.values[p.name] = value
            } else if let d = p.defaultValue {
                local.values[p.name] = try evaluate(d)
            }
        }
        do {
            return try evaluate(function.literal.body)
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
