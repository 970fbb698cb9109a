import PanoramaKit

/// A builtin used as a value: `f = sqrt`, `map(xs, sqrt)`. A builtin's name that is not a
/// column or variable evaluates to this; it prints the builtin's usage line, `?f` shows the
/// builtin's page, and calling it (`f(4)`) binds the arguments as the builtin's own call does.
public struct BuiltinFunctionValue: ObjectValue {
    let builtin: Builtin

    public var kind: String { "function" }

    public func summary(_ options: RenderOptions) -> String { "builtin " + builtin.signature }

    public func render(_ options: RenderOptions) -> String {
        builtin.signature + "\n  builtin: " + builtin.summary
    }

    public func json(_ options: RenderOptions) -> JSON {
        .object([("kind", .string("function")), ("signature", .string(builtin.signature)),
                 ("doc", .string(builtin.summary))])
    }
}

/// What `map`, `group_map` and a call through a value can call: a user function or a builtin.
enum Callable {
    case user(FunctionValue)
    case builtin(Builtin)

    init?(_ value: Value) {
        guard case .object(let o) = value else { return nil }
        if let f = o as? FunctionValue { self = .user(f) }
        else if let b = o as? BuiltinFunctionValue { self = .builtin(b.builtin) }
        else { return nil }
    }
}

extension Interpreter {
    /// The builtin a variable holds (`f = sqrt`), if any.
    func builtinValue(_ name: String) -> Builtin? {
        if case .object(let o)? = environment.lookup(name), let b = o as? BuiltinFunctionValue { return b.builtin }
        return nil
    }

    /// Calls a user function or a builtin with values already computed (`map`, `group_map`),
    /// positionally; a builtin's arguments are bound by its own binder (same usage errors).
    func apply(_ callable: Callable, _ arguments: [Value], at range: SourceRange) throws(PanoramaError) -> Value {
        switch callable {
        case .user(let function):
            return try apply(function, arguments, at: range)
        case .builtin(let builtin):
            // One positional slot per value: the binder matches slots to parameters, and `given`
            // supplies the values (the slots' own expressions are never evaluated).
            let slots = arguments.map { _ in CallArgument(label: nil, value: Expr(.na, range), range: range) }
            var context = try bind(builtin, slots, range: range, outer: nil, given: arguments)
            return try run(builtin, &context, at: range)
        }
    }

    /// A builtin's implementation on its bound arguments; its errors carry the call's position.
    func run(_ builtin: Builtin, _ context: inout CallContext, at range: SourceRange) throws(PanoramaError) -> Value {
        do {
            let value = try builtin.implementation(&context)
            invisible = builtin.name == "print"
            return value
        } catch {
            throw PanoramaError.wrap(error, at: range)
        }
    }
}
