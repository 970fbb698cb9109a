import PanoramaKit

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

    /// The user function `name` holds, nil when it holds something else or is not defined.
    @inline(__always)
    func function(_ name: String, hint: Hint) -> FunctionValue? {
        let i = hint.index
        if i < names.count && names[i] == name {
            if case .object(let o) = slots[i] { return o.userFunction }
            return nil
        }
        if case .object(let o)? = lookup(name, hint: hint) { return o.userFunction }
        return nil
    }

    /// The number `name` holds, read in place (nil when it holds something else or is not
    /// defined: the caller then looks it up in full).
    @inline(__always)
    func number(_ name: String, hint: Hint) -> Double? {
        let i = hint.index
        if i < names.count && names[i] == name {
            if case .number(let x) = slots[i] { return x }
            return nil
        }
        return searchedNumber(name, hint: hint)
    }

    /// `number(name, hint:)` when the hint is stale: this scope searched, then the enclosing ones
    /// (a function body reading a session variable).
    @inline(never)
    private func searchedNumber(_ name: String, hint: Hint) -> Double? {
        if let found = names.firstIndex(of: name) {
            hint.index = found
            if case .number(let x) = slots[found] { return x }
            return nil
        }
        if case .number(let x)? = parent?.lookup(name) { return x }
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

    /// Sets the value of parameter `k` of a scope made by `FunctionValue.takeScope`.
    @inline(__always)
    func setParameter(_ k: Int, _ value: Value) { slots[k] = value }

    /// Forgets every variable after the first `count` (the parameters) and the parameters'
    /// values, keeping the storage for the next call.
    func clear(keepingNames count: Int) {
        if names.count > count {
            names.removeLast(names.count - count)
            slots.removeLast(slots.count - count)
        }
        for k in 0..<count { slots[k] = .na }
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
