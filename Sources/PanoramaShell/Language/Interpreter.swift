import PanoramaKit

/// Evaluates expressions: names, calls with argument binding, operators, member access.
///
/// Holds the variables of one session. Not thread-safe: one interpreter per session.
public final class Interpreter {
    /// The session's variables (the outermost scope).
    public internal(set) var variables: [String: Value] {
        get { global.values }
        set { global.values = newValue }
    }
    let global = Environment()
    /// The scope statements run in now: the global one, or a function call's.
    /// (This and the two below are read on every step of a loop; the interpreter is used from
    /// one thread, so the runtime's exclusivity checks are left out for them.)
    @exclusivity(unchecked) var environment: Environment
    /// How many user-function calls are under way (recursion is limited).
    @exclusivity(unchecked) var callDepth = 0
    /// Unboxed user-function calls so far (`numericCall`): they poll Ctrl-C every 64 calls, a
    /// full call at each call (an endless recursion stops at the depth limit, an endless loop
    /// polls on its own).
    @exclusivity(unchecked) var calls = 0
    /// The arguments and locals of the calls under way of functions whose bodies are
    /// arithmetic (`Interpreter.numericCall`).
    @exclusivity(unchecked) var numbers = NumericStack()
    /// Stops recursion before the thread's stack runs out.
    @exclusivity(unchecked) var stack = StackGuard()
    /// An unboxed call was refused for going too deep (`refusesUnboxedCall`).
    @exclusivity(unchecked) var unboxedTooDeep = false
    /// Set when the value just computed should not be printed again (`print(v)`, loops).
    @exclusivity(unchecked) public var invisible = false
    /// Script or notebook parameters given on the command line, by name (read by `param`).
    public var parameterValues: [String: String] = [:]
    /// The parameters `param(…)` asked for so far, in order.
    public internal(set) var declaredParameters: [String] = []
    /// Shows a value as the prompt would (`print(v)`); set by the session.
    public var printer: ((Value) -> Void)?
    public var options: RenderOptions
    public var defaultSeed: UInt64?
    /// Notes raised while evaluating the current statement (printed on stderr after it).
    var pendingNotes: [String] = []
    /// `builtinSuggestion(for:)`'s answers so far.
    var builtinSuggestions: [String: String?] = [:]
    public let isCancelled: @Sendable () -> Bool
    /// Called by `load` with the file's name and content hash (the session records them).
    public var onLoad: ((_ name: String, _ hash: String) -> Void)?
    /// Where long computations report their progress (0…1, from any thread) instead of the
    /// terminal's progress bar: the Jupyter kernel shows it as an updating display.
    public var progress: (@Sendable (Double) -> Void)?
    /// The folder relative paths of `load` and `save` are taken from (nil: the process's
    /// current folder); `.help` runs its examples in a temporary one.
    public var directory: String?

    public init(options: RenderOptions = RenderOptions(), isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.options = options
        self.isCancelled = isCancelled
        self.environment = global
    }

    deinit { numbers.deallocate() }

    /// Slot `k` of the innermost unboxed call (its parameters, then its locals), nil while it is
    /// NaN (a local not assigned yet).
    @inline(__always)
    func slot(_ k: Int) -> Double? {
        let x = numbers.frame[k]
        return x.isNaN ? nil : x
    }

    public func note(_ text: String) {
        if !pendingNotes.contains(text) { pendingNotes.append(text) }
    }

    public func takeNotes() -> [String] {
        defer { pendingNotes = [] }
        return pendingNotes
    }

    /// Runs `body` with its notes kept apart from the statement's: they are returned, not raised
    /// (`summarize` names the groups each note came from before raising it).
    func collectingNotes<T>(_ body: () throws -> T) rethrows -> (value: T, notes: [String]) {
        let outer = pendingNotes
        pendingNotes = []
        defer { pendingNotes = outer }
        let value = try body()
        return (value, pendingNotes)
    }

    /// Sets a variable in the current scope.
    public func set(_ name: String, _ value: Value) { environment.set(name, value) }

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
                return try callValue(callee, arguments, range: expr.range, scope: scope)
            }
            return try call(name, arguments, calleeRange: callee.range, range: expr.range, scope: scope)
        case .unary(let op, let operand):
            let v = try evaluate(operand, scope: scope)
            return try Operators.unary(op, v, at: expr.range)
        case .binary(.colon, let l, let r):
            let a = try evaluate(l, scope: scope)
            let b = try evaluate(r, scope: scope)
            invisible = false
            return try range(a, b, at: expr.range)
        case .binary:
            // A left-associative chain (`1 + 1 + …`) is walked with a loop, not one recursion
            // per term; two plain numbers skip the vector machinery.
            let chain = expr.leftChain { $0 != .colon }
            var value = try evaluate(chain.first, scope: scope)
            for step in chain.steps {
                if isCancelled() { throw .interrupted }
                let right = try evaluate(step.right, scope: scope)
                if case .number(let x) = value, case .number(let y) = right, let v = Operators.scalar(step.op, x, y) {
                    value = v
                } else {
                    value = try Operators.binary(step.op, value, right, at: step.range)
                }
            }
            invisible = false
            return value
        case .formula(let lhs, let rhs):
            return .formula(Formula(lhs: lhs, rhs: rhs, text: text(of: expr)))
        default:
            return try evaluateConstruct(expr, scope: scope)
        }
    }

    /// The source text of a node, regenerated (ranges index into the statement, not kept here).
    public func text(of expr: Expr) -> String { ExprPrinter.text(expr) }

    func lookup(_ name: String, scope: Frame?, at range: SourceRange) throws(PanoramaError) -> Value {
        if let scope, let c = scope.column(name) { return .vector(c) }
        if let v = environment.lookup(name) { return v }
        if let builtin = BuiltinRegistry.byName[name] { return .object(BuiltinFunctionValue(builtin: builtin)) }
        // Inside a frame call a near-miss of a column is most likely meant as that column.
        if let scope, let s = suggestion(for: name, among: scope.names) {
            throw .unknownColumn(name, suggestion: s, at: range)
        }
        // Variables first, then builtins (the nearest builtin is remembered per name).
        let s = suggestion(for: name, amongTiers: [environment.visibleNames, [builtinSuggestion(for: name)].compactMap { $0 }])
        throw .unknownName(name, suggestion: s, at: range)
    }

    /// The builtin nearest `name`, remembered: a `.bail off` script can fail on one name on
    /// every line, and comparing it with every builtin was most of the time per error.
    func builtinSuggestion(for name: String) -> String? {
        if let known = builtinSuggestions[name] { return known }
        let s = suggestion(for: name, among: BuiltinRegistry.byName.keys)
        builtinSuggestions[name] = .some(s)
        return s
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
        if let function = userFunction(name) {
            return try invoke(function, arguments, range: range, scope: outer)
        }
        if name == "return" { return try returnCall(arguments, range: range, scope: outer) }
        // `a |> f() |> g()` nests calls through their first argument: walk that spine with a
        // loop and call from the inside out, so a long pipe chain cannot overflow the stack.
        // The spine descends only into builtins (a user function or `return` is called as an
        // argument in the ordinary way).
        var spine: [(builtin: Builtin, arguments: [CallArgument], range: SourceRange)] = []
        var link = (name: name, arguments: arguments, calleeRange: calleeRange, range: range)
        while true {
            let builtin = try self.builtin(named: link.name, at: link.calleeRange)
            spine.append((builtin, link.arguments, link.range))
            guard let first = link.arguments.first, first.label == nil,
                  case .call(let callee, let inner) = first.value.kind, case .name(let innerName) = callee.kind,
                  innerName != "return", userFunction(innerName) == nil, BuiltinRegistry.byName[innerName] != nil,
                  let parameter = builtin.parameters.first(where: { !$0.keywordOnly }),
                  !builtin.quoted.contains(parameter.name) else { break }
            link = (innerName, inner, callee.range, first.value.range)
        }
        var value: Value?
        for (builtin, arguments, range) in spine.reversed() {
            var context = try bind(builtin, arguments, range: range, outer: outer, given: value.map { [$0] } ?? [])
            value = try run(builtin, &context, at: range)
        }
        guard let value else { throw .type("'\(name)' returned nothing", at: range) }
        return value
    }

    /// The user function a name holds, if any.
    func userFunction(_ name: String) -> FunctionValue? {
        if case .object(let o)? = environment.lookup(name) { return o as? FunctionValue }
        return nil
    }

    func builtin(named name: String, at calleeRange: SourceRange) throws(PanoramaError) -> Builtin {
        if let builtin = builtinValue(name) ?? BuiltinRegistry.byName[name] { return builtin }
        let functions = environment.visibleNames.filter { userFunction($0) != nil }
        let s = suggestion(for: name, amongTiers: [functions, [builtinSuggestion(for: name)].compactMap { $0 }])
        if let variable = environment.lookup(name) {
            throw .type("'\(name)' is a \(variable.kindName), not a function", at: calleeRange)
        }
        throw .unknownName(name, suggestion: s, at: calleeRange)
    }

    /// Matches arguments to parameters, evaluates them (the first argument's frame becoming the
    /// scope of the others), and checks what is missing or unknown. `given` are the first
    /// positional arguments' values when the caller already has them (a pipe chain's first,
    /// `map`'s element).
    func bind(_ builtin: Builtin, _ arguments: [CallArgument], range: SourceRange,
              outer: Frame?, given: [Value] = []) throws(PanoramaError) -> CallContext {
        try bind(builtin, Interpreter.match(builtin, arguments, range: range), arguments, range: range, outer: outer) {
            (i: Int, scope: Frame?) throws(PanoramaError) -> Value in
            i < given.count && arguments[i].label == nil ? given[i] : try evaluate(arguments[i].value, scope: scope)
        }
    }

    /// Binds a call by its `match`: each argument's value is `value(i, scope)`, asked in the
    /// order written; an argument the match refused throws its error when reached, a missing
    /// one after them all.
    func bind(_ builtin: Builtin, _ match: ArgumentMatch, _ arguments: [CallArgument], range: SourceRange, outer: Frame?,
              value: (Int, Frame?) throws(PanoramaError) -> Value) throws(PanoramaError) -> CallContext {
        var bound = BoundArguments(minimumCapacity: arguments.count)
        var rest: [BoundArgument] = []
        var extra: [(String, BoundArgument)] = []
        var scope = outer
        for i in match.targets.indices {
            let target = match.targets[i], argument = arguments[i]
            let v = target.quoted ? nil : try value(i, scope)
            let b = BoundArgument(expr: argument.value, value: v, range: argument.range)
            switch target.kind {
            case .parameter(let name): bound.append(name, b)
            case .rest: rest.append(b)
            case .extra(let label): extra.append((label, b))
            }
            if i == 0, argument.label == nil, builtin.frameScope, let v {
                if case .frame(let f) = v { scope = f }
                else if case .object(let o) = v, let f = o.tableView { scope = f }
            }
        }
        if let refused = match.refused { throw refused }
        if let missing = match.missing { throw missing }
        return CallContext(builtin: builtin, arguments: bound, rest: rest, extraKeywords: extra,
                           scope: scope, range: range, interpreter: self)
    }
}

/// How a call's arguments fill a builtin's parameters, read from their labels and positions
/// alone (nothing is evaluated), so a compiled call works it out once: the parameter each
/// argument fills, or the error the binder raises on reaching it (the arguments before it are
/// evaluated first, as written), and the error for a required parameter left empty.
struct ArgumentMatch {
    struct Target {
        enum Kind {
            case parameter(String), rest, extra(String)
        }
        var kind: Kind
        /// Passed as its expression, unevaluated.
        var quoted: Bool
    }
    /// The arguments' targets, in order, up to the first one the binder refuses.
    var targets: [Target] = []
    /// The error for that argument, raised once those before it are evaluated.
    var refused: PanoramaError?
    /// The error for a required parameter without an argument, raised after them all.
    var missing: PanoramaError?

    /// Every argument fills a parameter and none is missing: the call binds without an error.
    var binds: Bool { refused == nil && missing == nil }
}

extension Interpreter {
    /// How the arguments of a call of `builtin` bind (`ArgumentMatch`).
    static func match(_ builtin: Builtin, _ arguments: [CallArgument], range: SourceRange) -> ArgumentMatch {
        let positional = builtin.parameters.filter { !$0.keywordOnly }
        var match = ArgumentMatch()
        var bound = Set<String>(), extra = Set<String>(), hasRest = false
        var nextPositional = 0
        func usage(_ message: String, _ at: SourceRange) -> PanoramaError {
            .badCall(builtin: builtin.name, message: message, usage: builtin.usage, at: at)
        }
        for argument in arguments {
            if let label = argument.label {
                let declared = builtin.parameters.contains { $0.name == label }
                if !declared && !builtin.quoted.contains("*") {
                    let s = suggestion(for: label, among: builtin.parameters.map(\.name))
                    match.refused = usage("\(builtin.name)() has no argument '\(label)'" + (s.map { ". Did you mean '\($0)'?" } ?? ""),
                                          argument.range)
                    return match
                }
                if bound.contains(label) || extra.contains(label) {
                    match.refused = usage("argument '\(label)' given twice", argument.range)
                    return match
                }
                let quoted = builtin.quoted.contains(label) || (!declared && builtin.quoted.contains("*"))
                if declared { bound.insert(label) } else { extra.insert(label) }
                match.targets.append(.init(kind: declared ? .parameter(label) : .extra(label), quoted: quoted))
                continue
            }
            // Positional.
            while nextPositional < positional.count, bound.contains(positional[nextPositional].name),
                  !positional[nextPositional].variadic {
                nextPositional += 1
            }
            guard nextPositional < positional.count else {
                match.refused = usage("\(builtin.name)() takes at most \(positional.count) positional argument\(positional.count == 1 ? "" : "s")",
                                      argument.range)
                return match
            }
            let parameter = positional[nextPositional]
            let quoted = builtin.quoted.contains(parameter.name)
            if parameter.variadic {
                hasRest = true
                match.targets.append(.init(kind: .rest, quoted: quoted))
            } else {
                bound.insert(parameter.name)
                nextPositional += 1
                match.targets.append(.init(kind: .parameter(parameter.name), quoted: quoted))
            }
        }
        if let p = builtin.parameters.first(where: { $0.required && !bound.contains($0.name) && !($0.variadic && hasRest) }) {
            match.missing = usage("\(builtin.name)() is missing its argument '\(p.name)'", range)
        }
        return match
    }
}
