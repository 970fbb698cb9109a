import PanoramaKit

/// What a builtin's implementation receives: its bound arguments and the session around it.
public struct CallContext {
    public let builtin: Builtin
    /// Bound arguments by parameter name (positional ones bound in order).
    public var arguments: BoundArguments
    /// Positional arguments taken by a variadic parameter, in order.
    public var rest: [BoundArgument]
    /// Keyword arguments not declared by the builtin, in the order given (only for `quoted: ["*"]`).
    public var extraKeywords: [(String, BoundArgument)]
    /// The frame whose columns bare names resolved to, if any.
    public var scope: Frame?
    /// The whole call, for errors.
    public let range: SourceRange
    public let interpreter: Interpreter

    /// The value of an argument, nil when it was not given (or was quoted).
    public subscript(_ name: String) -> Value? { arguments.value(name) }

    public func has(_ name: String) -> Bool { arguments.has(name) }

    /// A `badCall` error for this builtin, with its usage line.
    public func fail(_ message: String) -> PanoramaError {
        .badCall(builtin: builtin.name, message: message, usage: builtin.usage, at: range)
    }

    /// An error about data or computation (no usage line).
    public func failure(_ message: String, argument: String? = nil) -> PanoramaError {
        .failed(message, at: argument.flatMap { arguments[$0]?.range } ?? range)
    }

    /// Prints `note: …` on stderr after the statement.
    public func note(_ text: String) { interpreter.note(text) }

    /// Evaluates an expression (e.g. a quoted argument), bare names resolving to `frame`'s columns
    /// first when it is given.
    public func evaluate(_ expr: Expr, in frame: Frame? = nil) throws -> Value {
        try interpreter.evaluate(expr, scope: frame)
    }

    /// Whether the user asked to stop (Ctrl-C); long loops check it and throw `.interrupted`.
    public var isCancelled: Bool { interpreter.isCancelled() }
    /// A closure form of `isCancelled` for kernel code that polls.
    public var cancellation: @Sendable () -> Bool { interpreter.isCancelled }

    /// The session's default seed (`.seed N`), if set.
    public var defaultSeed: UInt64? { interpreter.defaultSeed }
    public var options: RenderOptions { interpreter.options }

    // MARK: Typed access. Each throws a usage error naming the argument when the kind is wrong;
    // the `required…` forms also when it was not given.

    /// The value of an argument as given, else its parameter's default (`Parameter.default`,
    /// read as the language reads it), else nil. The typed accessors below all read this, so a
    /// default is written once, in the parameter list.
    public func given(_ name: String) throws -> Value? {
        if let v = self[name] { return v }
        guard let text = builtin.parameters.first(where: { $0.name == name })?.default,
              case .expression(let e, _)? = try Parser.parse(text).first else { return nil }
        return try interpreter.evaluate(e, scope: nil)
    }

    /// The value of an argument (given or by default); `missing argument 'name'` when neither.
    public func required(_ name: String) throws -> Value {
        try require(name, given(name))
    }

    /// `value`, or the usage error for a missing argument `name`.
    func require<T>(_ name: String, _ value: T?) throws -> T {
        guard let value else { throw fail("missing argument '\(name)'") }
        return value
    }

    public func number(_ name: String) throws -> Double? {
        guard let v = try given(name) else { return nil }
        switch v {
        case .number(let x): return x
        case .na: return .nan
        case .bool(let b): return b ? 1 : 0
        case .vector(let c) where c.count == 1:
            if case .number(let xs) = c.data { return xs[0] }
        default: break
        }
        throw fail("'\(name)' must be a number, not a \(v.kindName)")
    }

    public func number(_ name: String, default value: Double) throws -> Double {
        try number(name) ?? value
    }

    public func requiredNumber(_ name: String) throws -> Double { try require(name, number(name)) }

    /// A whole number in `range`, `value` when it is not given.
    public func int(_ name: String, default value: Int, in range: ClosedRange<Int>? = nil) throws -> Int {
        try int(name, in: range) ?? value
    }

    public func requiredInt(_ name: String, in range: ClosedRange<Int>? = nil) throws -> Int {
        try require(name, int(name, in: range))
    }

    /// A whole number in `range`; 1e6 is accepted as 1,000,000.
    public func int(_ name: String, in range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let x = try number(name) else { return nil }
        guard x.isFinite, x == x.rounded() else {
            throw fail("'\(name)' must be a whole number, not \(NumberFormat().string(x))")
        }
        // Whole numbers this large are beyond what a Double holds exactly: say the limit.
        guard abs(x) < 9e15 else {
            let limits = range.map { "between \($0.lowerBound) and \($0.upperBound)" } ?? "between -9e15 and 9e15"
            throw fail("'\(name)' must be \(limits), not \(NumberFormat().string(x))")
        }
        let i = Int(x)
        if let range, !range.contains(i) {
            throw fail("'\(name)' must be between \(range.lowerBound) and \(range.upperBound), not \(i)")
        }
        return i
    }

    public func string(_ name: String) throws -> String? {
        guard let v = try given(name) else { return nil }
        if case .string(let s) = v { return s }
        throw fail("'\(name)' must be a string, not a \(v.kindName)")
    }

    public func requiredString(_ name: String) throws -> String { try require(name, string(name)) }

    public func bool(_ name: String, default value: Bool) throws -> Bool {
        try given(name) == nil ? value : requiredBool(name)
    }

    public func requiredBool(_ name: String) throws -> Bool {
        let v = try required(name)
        if case .bool(let b) = v { return b }
        throw fail("'\(name)' must be true or false, not a \(v.kindName)")
    }

    public func frame(_ name: String) throws -> Frame? {
        guard let v = try given(name) else { return nil }
        if case .frame(let f) = v { return f }
        if case .object(let o) = v, let f = o.tableView { return f }
        throw fail("'\(name)' must be a frame, not a \(v.kindName)")
    }

    public func requiredFrame(_ name: String) throws -> Frame { try require(name, frame(name)) }

    /// A vector argument as a column; a scalar becomes a column of one.
    public func column(_ name: String) throws -> Column? {
        guard let v = try given(name) else { return nil }
        if let c = v.asColumn(name: name) { return c }
        throw fail("'\(name)' must be a vector, not a \(v.kindName)")
    }

    public func requiredColumn(_ name: String) throws -> Column { try require(name, column(name)) }

    /// A numeric vector argument (scalars become one element; bools 0/1).
    public func numbers(_ name: String) throws -> [Double]? {
        guard let c = try column(name) else { return nil }
        switch c.data {
        case .number(let xs): return xs
        case .bool(let bs): return bs.map { $0 < 0 ? .nan : Double($0) }
        default: throw fail("'\(name)' must be numeric, not \(c.data.typeName)")
        }
    }

    public func requiredNumbers(_ name: String) throws -> [Double] { try require(name, numbers(name)) }

    /// An object argument of a given Swift type (a model, a simulation…).
    public func object<T: ObjectValue>(_ name: String, as type: T.Type, kind: String) throws -> T? {
        guard let v = try given(name) else { return nil }
        if case .object(let o) = v, let t = o as? T { return t }
        throw fail("'\(name)' must be a \(kind), not a \(v.kindName)")
    }

    public func requiredObject<T: ObjectValue>(_ name: String, as type: T.Type, kind: String) throws -> T {
        try require(name, object(name, as: type, kind: kind))
    }
}

/// A call's arguments by parameter name, looked up by name as a dictionary is. A call binds a
/// few, so they are kept in order in an array and searched: hashing every name (and making a
/// dictionary) was a tenth of a builtin's call in a loop.
public struct BoundArguments: ExpressibleByDictionaryLiteral {
    // Names apart from the arguments: finding one compares names without copying any argument.
    private var names: [String] = []
    private var arguments: [BoundArgument] = []

    public init(dictionaryLiteral elements: (String, BoundArgument)...) {
        for (name, argument) in elements { self[name] = argument }
    }

    init(minimumCapacity: Int) {
        names.reserveCapacity(minimumCapacity)
        arguments.reserveCapacity(minimumCapacity)
    }

    public subscript(_ name: String) -> BoundArgument? {
        get { names.firstIndex(of: name).map { arguments[$0] } }
        set {
            switch (names.firstIndex(of: name), newValue) {
            case (let i?, let v?): arguments[i] = v
            case (let i?, nil): names.remove(at: i); arguments.remove(at: i)
            case (nil, let v?): names.append(name); arguments.append(v)
            case (nil, nil): break
            }
        }
    }

    /// Adds the argument of a parameter not bound yet (the binder's match binds each once),
    /// without searching the names or copying the argument.
    mutating func append(_ name: String, _ argument: consuming BoundArgument) {
        names.append(name)
        arguments.append(argument)
    }

    /// `self[name]?.value`, without copying the rest of the argument.
    public func value(_ name: String) -> Value? {
        guard let i = names.firstIndex(of: name) else { return nil }
        return arguments[i].value
    }

    public func has(_ name: String) -> Bool { names.contains(name) }
}

/// An argument after binding: its expression, its value (nil when quoted) and where it was.
public struct BoundArgument: Sendable {
    public var expr: Expr
    public var value: Value?
    public var range: SourceRange
}

extension Value {
    /// The value as a column when it is vector-like (scalars become one element).
    public func asColumn(name: String = "x") -> Column? {
        switch self {
        case .vector(let c): return c
        case .number(let x): return Column(name: name, .number([x]))
        case .na: return Column(name: name, .number([.nan]))
        case .bool(let b): return Column(name: name, .bool([b ? 1 : 0]))
        case .string(let s): return Column(name: name, .text(Categorical(codes: [0], levels: [s])))
        case .date(let d, let p): return Column(name: name, .date([Int32(d.dayNumber)], p))
        default: return nil
        }
    }
}
