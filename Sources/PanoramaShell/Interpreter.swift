import PanoramaKit

/// Evaluates expressions: names, calls with argument binding, operators, member access.
///
/// Holds the variables of one session. Not thread-safe: one interpreter per session.
public final class Interpreter {
    public internal(set) var variables: [String: Value] = [:]
    public var options: RenderOptions
    public var defaultSeed: UInt64?
    /// Notes raised while evaluating the current statement (printed on stderr after it).
    var pendingNotes: [String] = []
    public let isCancelled: @Sendable () -> Bool
    /// Called by `load` with the file's name and content hash (the session records them).
    public var onLoad: ((_ name: String, _ hash: String) -> Void)?
    /// Where long computations report their progress (0…1, from any thread) instead of the
    /// terminal's progress bar: the Jupyter kernel shows it as an updating display.
    public var progress: (@Sendable (Double) -> Void)?

    public init(options: RenderOptions = RenderOptions(), isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.options = options
        self.isCancelled = isCancelled
    }

    public func note(_ text: String) {
        if !pendingNotes.contains(text) { pendingNotes.append(text) }
    }

    public func takeNotes() -> [String] {
        defer { pendingNotes = [] }
        return pendingNotes
    }

    public func set(_ name: String, _ value: Value) { variables[name] = value }

    // MARK: Evaluation

    /// Evaluates `expr`; bare names resolve to `scope`'s columns first when a frame is given.
    public func evaluate(_ expr: Expr, scope: Frame? = nil) throws(PanoramaError) -> Value {
        if isCancelled() { throw .interrupted }
        switch expr.kind {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .na: return .na
        case .name(let n): return try lookup(n, scope: scope, at: expr.range)
        case .vector(let items):
            let values = try items.map { (e: Expr) throws(PanoramaError) -> Value in try evaluate(e, scope: scope) }
            return try Operators.combine(values, at: expr.range)
        case .member(let target, let name):
            let value = try evaluate(target, scope: scope)
            return try member(value, name, at: expr.range)
        case .call(let callee, let arguments):
            guard case .name(let name) = callee.kind else {
                throw .type("only functions can be called; this is an expression", at: callee.range)
            }
            return try call(name, arguments, calleeRange: callee.range, range: expr.range, scope: scope)
        case .unary(let op, let operand):
            let v = try evaluate(operand, scope: scope)
            return try Operators.unary(op, v, at: expr.range)
        case .binary(.colon, _, _):
            throw .type("':' (interaction) is only meaningful inside a formula", at: expr.range)
        case .binary(let op, let l, let r):
            let a = try evaluate(l, scope: scope)
            let b = try evaluate(r, scope: scope)
            return try Operators.binary(op, a, b, at: expr.range)
        case .formula(let lhs, let rhs):
            return .formula(Formula(lhs: lhs, rhs: rhs, text: text(of: expr)))
        }
    }

    /// The source text of a node, regenerated (ranges index into the statement, not kept here).
    public func text(of expr: Expr) -> String { ExprPrinter.text(expr) }

    func lookup(_ name: String, scope: Frame?, at range: SourceRange) throws(PanoramaError) -> Value {
        if let scope, let c = scope.column(name) { return .vector(c) }
        if let v = variables[name] { return v }
        if BuiltinRegistry.byName[name] != nil {
            throw .type("'\(name)' is a function; call it as \(name)(…)", at: range)
        }
        // Inside a frame call a near-miss of a column is most likely meant as that column.
        if let scope, let s = suggestion(for: name, among: scope.names) {
            throw .unknownColumn(name, suggestion: s, at: range)
        }
        let candidates = Array(variables.keys) + BuiltinRegistry.byName.keys
        throw .unknownName(name, suggestion: suggestion(for: name, among: candidates), at: range)
    }

    func member(_ value: Value, _ name: String, at range: SourceRange) throws(PanoramaError) -> Value {
        switch value {
        case .frame(let f):
            if let c = f.column(name) { return .vector(c) }
            throw .unknownColumn(name, suggestion: suggestion(for: name, among: f.names), at: range)
        case .object(let o):
            if let v = o.member(name) { return v }
            if let f = o.tableView, let c = f.column(name) { return .vector(c) }
            let names = o.memberNames + (o.tableView?.names ?? [])
            let hint = suggestion(for: name, among: names).map { ". Did you mean '\($0)'?" } ?? ""
            throw .type("a \(o.kind) has no member '\(name)'\(hint)", at: range)
        default:
            throw .type("a \(value.kindName) has no member '\(name)'", at: range)
        }
    }

    // MARK: Calls

    func call(_ name: String, _ arguments: [CallArgument], calleeRange: SourceRange, range: SourceRange,
              scope outer: Frame?) throws(PanoramaError) -> Value {
        guard let builtin = BuiltinRegistry.byName[name] else {
            let s = suggestion(for: name, among: BuiltinRegistry.byName.keys)
            if variables[name] != nil {
                throw .type("'\(name)' is a \(variables[name]!.kindName), not a function", at: calleeRange)
            }
            throw .unknownName(name, suggestion: s, at: calleeRange)
        }
        var context = try bind(builtin, arguments, range: range, outer: outer)
        do {
            return try builtin.implementation(&context)
        } catch {
            throw PanoramaError.wrap(error, at: range)
        }
    }

    /// Matches arguments to parameters, evaluates them (the first argument's frame becoming the
    /// scope of the others), and checks what is missing or unknown.
    func bind(_ builtin: Builtin, _ arguments: [CallArgument], range: SourceRange,
              outer: Frame?) throws(PanoramaError) -> CallContext {
        let positional = builtin.parameters.filter { !$0.keywordOnly }
        var bound: [String: BoundArgument] = [:]
        var rest: [BoundArgument] = []
        var extra: [(String, BoundArgument)] = []
        var scope = outer
        var nextPositional = 0
        func usage(_ message: String, _ at: SourceRange) -> PanoramaError {
            .badCall(builtin: builtin.name, message: message, usage: builtin.usage, at: at)
        }

        for (i, argument) in arguments.enumerated() {
            if let label = argument.label {
                let declared = builtin.parameters.first { $0.name == label }
                if declared == nil && !builtin.quoted.contains("*") {
                    let s = suggestion(for: label, among: builtin.parameters.map(\.name))
                    throw usage("\(builtin.name)() has no argument '\(label)'" + (s.map { ". Did you mean '\($0)'?" } ?? ""),
                                argument.range)
                }
                if bound[label] != nil || extra.contains(where: { $0.0 == label }) {
                    throw usage("argument '\(label)' given twice", argument.range)
                }
                let quoted = builtin.quoted.contains(label) || (declared == nil && builtin.quoted.contains("*"))
                let value = quoted ? nil : try evaluate(argument.value, scope: scope)
                let b = BoundArgument(expr: argument.value, value: value, range: argument.range)
                if declared == nil { extra.append((label, b)) } else { bound[label] = b }
                continue
            }
            // Positional.
            while nextPositional < positional.count, bound[positional[nextPositional].name] != nil,
                  !positional[nextPositional].variadic {
                nextPositional += 1
            }
            guard nextPositional < positional.count else {
                throw usage("\(builtin.name)() takes at most \(positional.count) positional argument\(positional.count == 1 ? "" : "s")",
                            argument.range)
            }
            let parameter = positional[nextPositional]
            let value = builtin.quoted.contains(parameter.name) ? nil : try evaluate(argument.value, scope: scope)
            let b = BoundArgument(expr: argument.value, value: value, range: argument.range)
            if parameter.variadic {
                rest.append(b)
            } else {
                bound[parameter.name] = b
                nextPositional += 1
            }
            if i == 0, builtin.frameScope, let value {
                if case .frame(let f) = value { scope = f }
                else if case .object(let o) = value, let f = o.tableView { scope = f }
            }
        }
        for p in builtin.parameters where p.required && bound[p.name] == nil && !(p.variadic && !rest.isEmpty) {
            throw usage("\(builtin.name)() is missing its argument '\(p.name)'", range)
        }
        return CallContext(builtin: builtin, arguments: bound, rest: rest, extraKeywords: extra,
                           scope: scope, range: range, interpreter: self)
    }
}
