import PanoramaKit

/// `list(model=m, n=12)`: values of different kinds, in order, optionally named. `l.model` and
/// `l["model"]` take an entry by name, `l[2]` by position; it prints one entry per block.
public struct ListValue: ObjectValue {
    public var names: [String?]
    public var values: [Value]

    public init(names: [String?], values: [Value]) {
        self.names = names
        self.values = values
    }

    public var kind: String { "list" }

    func label(_ i: Int) -> String { names[i] ?? "[\(i + 1)]" }

    public func summary(_ options: RenderOptions) -> String {
        let shown = values.indices.prefix(6).map { label($0) }.joined(separator: ", ")
        return "list of \(values.count)" + (values.isEmpty ? "" : ": " + shown + (values.count > 6 ? ", …" : ""))
    }

    public func render(_ options: RenderOptions) -> String {
        values.isEmpty ? "list()" : rendered(options, path: nil)
    }

    /// The entries one block each; a nested list's entries are labelled with their path, as
    /// they are reached (`b.c`, `b[2]`), the way R prints `$b$c`.
    func rendered(_ options: RenderOptions, path: String?) -> String {
        values.indices.map { i in
            let name = path.map { p in names[i].map { p + "." + $0 } ?? p + "[\(i + 1)]" } ?? label(i)
            if case .object(let inner as ListValue) = values[i], !inner.values.isEmpty {
                return inner.rendered(options, path: name)
            }
            let body = Display.render(values[i], options)
            let compact = !body.contains("\n") && body.count + name.count < options.width - 2
            return compact ? "\(name): \(body)" : "\(name):\n" + body
        }.joined(separator: "\n\n")
    }

    public func json(_ options: RenderOptions) -> JSON {
        if names.allSatisfy({ $0 != nil }) {
            return .object(values.indices.map { (names[$0]!, Display.json(values[$0], options)) })
        }
        return .array(values.map { Display.json($0, options) })
    }

    public func member(_ name: String) -> Value? {
        names.firstIndex(of: name).map { values[$0] }
    }

    public var memberNames: [String] { names.compactMap { $0 } }

    func position(of name: String, at range: SourceRange) throws(PanoramaError) -> Int {
        guard let i = names.firstIndex(of: name) else {
            let s = suggestion(for: name, among: memberNames)
            throw .type("the list has no entry '\(name)'" + (s.map { ". Did you mean '\($0)'?" } ?? ""), at: range)
        }
        return i
    }

    /// `l[2]` or `l["name"]` is one entry; `l[1:2]` or `l[[true, false]]` a shorter list.
    func index(_ index: Value, interpreter: Interpreter, at range: SourceRange) throws(PanoramaError) -> Value {
        if case .string(let name) = index { return values[try position(of: name, at: range)] }
        // Several names, `l[["a", "b"]]`: the shorter list of those entries.
        if case .vector(let c) = index, case .text(let t) = c.data {
            var picked: [Int] = []
            for name in t.strings {
                guard let name else { throw .type("an index of names cannot hold na", at: range) }
                picked.append(try position(of: name, at: range))
            }
            return .object(ListValue(names: picked.map { names[$0] }, values: picked.map { values[$0] }))
        }
        let (p, single) = try interpreter.positions(index, count: values.count, of: "the list", at: range)
        if single { return values[p[0]] }
        return .object(ListValue(names: p.map { names[$0] }, values: p.map { values[$0] }))
    }

    /// `l[2] = v` replaces an entry (`l[length(l) + 1] = v` adds one); `l["name"] = v` replaces
    /// or adds one.
    func replacing(_ index: Value, with value: Value, interpreter: Interpreter, at range: SourceRange) throws(PanoramaError) -> ListValue {
        var out = self
        try out.replace(index, with: value, interpreter: interpreter, at: range)
        return out
    }

    /// `replacing` in place (appending with amortised capacity); it throws before changing anything.
    mutating func replace(_ index: Value, with value: Value, interpreter: Interpreter, at range: SourceRange) throws(PanoramaError) {
        if case .string(let name) = index {
            if let i = names.firstIndex(of: name) { values[i] = value } else {
                names.append(name)
                values.append(value)
            }
            return
        }
        let (p, single) = try interpreter.positions(index, count: values.count, of: "the list", extending: true, at: range)
        guard single else { throw .type("assign list entries one at a time: l[2] = v", at: range) }
        if p[0] == values.count {
            names.append(nil)
            values.append(value)
        } else {
            values[p[0]] = value
        }
    }
}
