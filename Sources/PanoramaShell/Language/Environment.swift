import PanoramaKit

/// Variables of one scope: the session's, a function call's. A scope sees its parent's
/// variables (lexical scope: a function's parent is the scope it was defined in).
///
/// Names and values are kept in arrays searched in order, not a dictionary: scopes hold a few
/// dozen names at most, short names compare in a few instructions, and a loop's variables are
/// found without hashing a string on every use.
///
/// A variable holding a plain number is kept as a `Double` in `numbers` (its slot in `slots`
/// then holds `na` and is not read), any other value in `slots` (its `numbers` entry then NaN).
/// `Value` holds an existential, so every copy of one goes through the runtime's value
/// witnesses; a loop of arithmetic reads and writes its numbers without copying a `Value`.
/// A variable holding a user function also has it in `functions`, for compiled calls, and one
/// holding a vector of numbers has its numbers in `vectors`, for `x[i]` read unboxed.
public final class Environment: @unchecked Sendable {
    // One interpreter, one thread: the runtime's exclusivity checks (a fifth of a loop's time
    // when profiled) are left out for these.
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var slots: [Value] = []
    @exclusivity(unchecked) private var numbers: [Double] = []
    @exclusivity(unchecked) private var functions: [FunctionValue?] = []
    @exclusivity(unchecked) private var vectors: [[Double]?] = []
    let parent: Environment?

    /// A scope whose variables `names` all hold `na` (a call's parameters before they are set).
    init(parent: Environment? = nil, names: [String] = []) {
        self.parent = parent
        self.names = names
        self.slots = Array(repeating: .na, count: names.count)
        self.numbers = Array(repeating: .nan, count: names.count)
        self.functions = Array(repeating: nil, count: names.count)
        self.vectors = Array(repeating: nil, count: names.count)
    }

    /// Where a compiled name found its variable last time: its position in the scope it was
    /// looked up from (`index`) and in the outermost scope (`outerIndex`, for a global read from
    /// a function body), each checked before use (the name at that position must be the same),
    /// so a stale hint only costs the ordinary search. A name found nowhere (a builtin's, as
    /// `sqrt`) remembers the outermost scope's `keysVersion` it was missing from: until a
    /// variable is added there, the search is not repeated.
    final class Hint {
        @exclusivity(unchecked) var index = 0
        @exclusivity(unchecked) var outerIndex = 0
        @exclusivity(unchecked) var missingFrom: ObjectIdentifier?
        @exclusivity(unchecked) var missingVersion = 0
    }

    /// Changes whenever a name is added to this scope or removed from it (not when a value changes).
    @exclusivity(unchecked) private(set) var keysVersion = 0

    /// The value at position `i`.
    @inline(__always)
    private func value(_ i: Int) -> Value {
        let x = numbers[i]
        return x.isNaN ? slots[i] : .number(x)
    }

    /// Stores `value` at position `i` (which exists).
    @inline(__always)
    private func store(_ i: Int, _ value: Value) {
        if case .number(let x) = value, !x.isNaN {
            storeNumber(i, x)
            return
        }
        slots[i] = value
        numbers[i] = .nan
        if case .object(let o) = value { functions[i] = o.userFunction } else if functions[i] != nil { functions[i] = nil }
        if case .vector(let c) = value, case .number(let xs) = c.data { vectors[i] = xs } else if vectors[i] != nil { vectors[i] = nil }
    }

    /// Stores the number `x` (not NaN) at position `i`; the slot's old value is released once.
    @inline(__always)
    private func storeNumber(_ i: Int, _ x: Double) {
        if numbers[i].isNaN {
            slots[i] = .na
            functions[i] = nil
            vectors[i] = nil
        }
        numbers[i] = x
    }

    /// Appends a variable; returns its position.
    private func append(_ name: String, _ value: Value) -> Int {
        names.append(name)
        slots.append(.na)
        numbers.append(.nan)
        functions.append(nil)
        vectors.append(nil)
        keysVersion &+= 1
        store(names.count - 1, value)
        return names.count - 1
    }

    /// The position of `name` in this scope, trying the hinted one first.
    @inline(__always)
    private func position(_ name: String, hint: Hint) -> Int? {
        let i = hint.index
        if i < names.count && names[i] == name { return i }
        guard let found = names.firstIndex(of: name) else { return nil }
        hint.index = found
        return found
    }

    /// `read(scope, position)` for the scope that holds `name` as seen from here (this one,
    /// an enclosing call's, the outermost), using and updating `hint`; nil when none does.
    @inline(__always)
    private func find<T>(_ name: String, hint: Hint, _ read: (Environment, Int) -> T) -> T? {
        if parent == nil { return findOutermost(name, hint: hint, read) }
        if let i = position(name, hint: hint) { return read(self, i) }
        var outer = parent.unsafelyUnwrapped
        while let next = outer.parent {
            if let i = outer.names.firstIndex(of: name) { return read(outer, i) }
            outer = next
        }
        return outer.findOutermost(name, hint: hint, read)
    }

    /// `find` in the outermost scope, whose hinted position is `hint.outerIndex`.
    @inline(__always)
    private func findOutermost<T>(_ name: String, hint: Hint, _ read: (Environment, Int) -> T) -> T? {
        let i = hint.outerIndex
        if i < names.count && names[i] == name { return read(self, i) }
        if hint.missingVersion == keysVersion, hint.missingFrom == ObjectIdentifier(self) { return nil }
        guard let found = names.firstIndex(of: name) else {
            hint.missingFrom = ObjectIdentifier(self)
            hint.missingVersion = keysVersion
            return nil
        }
        hint.outerIndex = found
        return read(self, found)
    }

    /// `lookup(name)`, trying the hinted positions first.
    @inline(__always)
    func lookup(_ name: String, hint: Hint) -> Value? {
        find(name, hint: hint) { $0.value($1) }
    }

    /// What a call of `name` finds: a user function, another variable, or nothing (a builtin's name).
    enum Callee {
        case user(FunctionValue), variable, none
    }

    @inline(__always)
    func callee(_ name: String, hint: Hint) -> Callee {
        guard let f = find(name, hint: hint, { $0.functions[$1] }) else { return .none }
        return f.map(Callee.user) ?? .variable
    }

    /// Whether `name`, as seen from here, holds the user function `function` (a compiled call's
    /// callee from its last call, perhaps freed since): compared by address, without touching
    /// `function` or retaining the one held.
    @inline(__always)
    func holds(_ name: String, _ function: Unmanaged<FunctionValue>, hint: Hint) -> Bool {
        find(name, hint: hint) { s, i in s.functions[i].map { Unmanaged.passUnretained($0).toOpaque() == function.toOpaque() } ?? false } ?? false
    }

    /// The number `name` holds, read in place (nil when it holds something else or is not
    /// defined: the caller then looks it up in full).
    @inline(__always)
    func number(_ name: String, hint: Hint) -> Double? {
        find(name, hint: hint) { s, i in
            let x = s.numbers[i]
            return x.isNaN ? nil : x
        } ?? nil
    }

    /// Element `index` (1-based) of the vector of numbers `name` holds, read in place; nil when
    /// `name` holds something else, the index is not a whole number in range or the element is
    /// `na` (the caller then evaluates `x[i]` in full).
    @inline(__always)
    func element(_ name: String, hint: Hint, _ index: Double) -> Double? {
        find(name, hint: hint) { s, i in Environment.element(s.vectors[i], index) } ?? nil
    }

    @inline(__always)
    private static func element(_ xs: [Double]?, _ index: Double) -> Double? {
        guard let xs, index >= 1, index <= Double(xs.count), index == index.rounded() else { return nil }
        let x = xs[Int(index) - 1]
        return x.isNaN ? nil : x
    }

    /// `set(name, value)`, trying the hinted position first.
    @inline(__always)
    func set(_ name: String, _ value: Value, hint: Hint) {
        let i = hint.index
        if i < names.count && names[i] == name {
            store(i, value)
            return
        }
        hint.index = set(name, value)
    }

    /// `set(name, .number(x), hint:)` without building the `Value` (`x` is not NaN).
    @inline(__always)
    func setNumber(_ name: String, _ x: Double, hint: Hint) {
        let i = hint.index
        if i < names.count && names[i] == name {
            storeNumber(i, x)
            return
        }
        hint.index = set(name, .number(x))
    }

    /// Whether `name` is a variable of this scope holding a text (moved out and back: not copied).
    @inline(__always)
    func holdsText(_ name: String, hint: Hint) -> Bool {
        guard let text = takeText(name, hint: hint) else { return false }
        slots[hint.index] = .string(text)  // (`takeText` found it at the hinted position)
        return true
    }

    /// Whether `name` is a variable of this scope holding a vector of numbers.
    @inline(__always)
    func holdsNumbers(_ name: String, hint: Hint) -> Bool {
        guard let i = position(name, hint: hint) else { return false }
        return vectors[i] != nil
    }

    /// The value a variable of this scope holds, moved out of its slot (which holds `na` until
    /// `put` puts a value back) so that the caller has the only reference to its storage (the
    /// cached numbers of a vector let go of too) and can change it in place: `s = paste(s, …)`,
    /// `x[i] = v`. Nil, and nothing moved, when `name` is not a variable of this scope or holds
    /// a plain number.
    @inline(__always)
    func take(_ name: String, hint: Hint) -> Value? {
        guard let i = position(name, hint: hint), numbers[i].isNaN else { return nil }
        // Moved out and back rather than matched in place: matching `slots[i]` copies the Value.
        var taken = Value.na
        swap(&taken, &slots[i])
        if vectors[i] != nil { vectors[i] = nil }
        return taken
    }

    /// Puts back in its slot the value `take` took out of it.
    @inline(__always)
    func put(_ name: String, _ value: consuming Value, hint: Hint) {
        let i = hint.index
        guard i < names.count && names[i] == name else {
            set(name, value, hint: hint)
            return
        }
        store(i, value)
    }

    /// `take` for a text: nil, and nothing moved, when `name` holds something else.
    @inline(__always)
    func takeText(_ name: String, hint: Hint) -> String? {
        guard let taken = take(name, hint: hint) else { return nil }
        switch consume taken {
        case .string(let text): return text
        case let other:
            put(name, other, hint: hint)
            return nil
        }
    }

    /// Puts back in its slot the text `takeText` took out of it (the slot holds `na`).
    @inline(__always)
    func putText(_ name: String, _ text: consuming String, hint: Hint) {
        let i = hint.index
        guard i < names.count && names[i] == name, numbers[i].isNaN else {
            set(name, .string(text), hint: hint)
            return
        }
        slots[i] = .string(text)  // a text's slot has no function or vector beside it
    }

    /// The value of `name` in this scope alone.
    @inline(__always)
    func local(_ name: String) -> Value? {
        names.firstIndex(of: name).map(value)
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
        if let i = names.firstIndex(of: name) {
            store(i, value)
            return i
        }
        return append(name, value)
    }

    /// Sets the value of parameter `k` of a scope made by `FunctionValue.takeScope`.
    @inline(__always)
    func setParameter(_ k: Int, _ value: Value) { store(k, value) }

    /// Forgets every variable after the first `count` (the parameters) and the parameters'
    /// values, keeping the storage for the next call.
    func clear(keepingNames count: Int) {
        if names.count > count {
            let extra = names.count - count
            keysVersion &+= 1
            names.removeLast(extra)
            slots.removeLast(extra)
            numbers.removeLast(extra)
            functions.removeLast(extra)
            vectors.removeLast(extra)
        }
        for k in 0..<count {
            // A number's slot already holds `na`.
            if numbers[k].isNaN { store(k, .na) } else { numbers[k] = .nan }
        }
    }

    /// This scope's variables as a dictionary (for `.vars`, completion and tests).
    var values: [String: Value] {
        get { Dictionary(names.indices.map { (names[$0], value($0)) }, uniquingKeysWith: { _, last in last }) }
        set {
            names = []
            slots = []
            numbers = []
            functions = []
            vectors = []
            keysVersion &+= 1
            for (name, v) in newValue { _ = append(name, v) }
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
