import PanoramaKit

/// `v = [v, x]` in compiled code on a vector of numbers: the numbers are appended in place
/// (`Environment.take`, as `s = paste(s, …)` and `x[i] = v` do), so a loop growing a vector
/// this way is linear in its length, not quadratic.
extension Compiler {
    /// `name = [name, a, …]`: when `name` is a vector of numbers of the running scope (no frame's
    /// columns in scope) and every other item gives a number, they are appended to it in place;
    /// otherwise the items are combined as usual. The other items are evaluated first, with the
    /// vector in its slot (checked to be one before, so an unknown `name` is still the first
    /// error); nothing between taking the vector and putting it back can throw. Nil when the
    /// statement is not of that form or an item could assign a variable.
    static func growing(_ name: String, _ expr: Expr, valueUsed: Bool, general: @escaping Compiled) -> Compiled? {
        guard case .vector(let items) = expr.kind, items.count > 1, case .name(let first) = items[0].kind, first == name,
              !items.dropFirst().contains(where: { $0.mayAssign })
        else { return nil }
        let others = items.dropFirst().map { Step(run: expression($0)) }, hint = Environment.Hint(), range = expr.range
        return { interpreter, scope throws(PanoramaError) in
            let environment = interpreter.environment
            guard scope == nil, environment.holdsNumbers(name, hint: hint) else { return try general(interpreter, scope) }
            var values: [Value] = [.na]
            for other in others { values.append(try other.run(interpreter, scope)) }
            interpreter.invisible = false
            guard var taken = environment.take(name, hint: hint) else { return try general(interpreter, scope) }
            if taken.appendNumbers(values.dropFirst()) {
                environment.put(name, taken, hint: hint)
                return valueUsed ? (environment.lookup(name, hint: hint) ?? .na) : .na
            }
            values[0] = taken
            environment.put(name, taken, hint: hint)
            let v = try Operators.combine(values, at: range)
            environment.set(name, v, hint: hint)
            return v
        }
    }
}

extension Value {
    /// Whether it is a vector of numbers.
    var isNumberVector: Bool {
        if case .vector(let c) = self, case .number = c.data { true } else { false }
    }

    /// Appends `values` to the vector of numbers it holds, in place (its storage moved out and
    /// back, so a buffer referenced only here is not copied), making it a vector named as `[…]`
    /// names one; false, and nothing changed, unless it holds a vector of numbers and every
    /// value is a number.
    mutating func appendNumbers(_ values: ArraySlice<Value>) -> Bool {
        guard isNumberVector, values.allSatisfy({ if case .number = $0 { true } else { false } }),
              var column = moved({ if case .vector(let c) = $0 { c } else { nil } }) else { return false }
        var xs: [Double] = []
        if case .number(let found) = column.data { xs = found }  // (a vector of numbers: checked above)
        column.data = .bool([])  // `xs` now the only reference
        for case .number(let x) in values { xs.append(x) }
        self = .vector(Column(name: "x", .number(xs)))
        return true
    }
}
