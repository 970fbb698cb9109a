import PanoramaKit

/// Turns values into text for people (box, markdown, csv) or JSON documents (DESIGN §4).
public enum Display {
    /// The full rendering of a value in the current mode (JSON mode prints `json(_:)` instead).
    public static func render(_ value: Value, _ options: RenderOptions) -> String {
        switch value {
        // A scalar reads as the cell it would be in a vector.
        case .number, .bool, .na, .date: return value.asColumn().map { $0.text(at: 0, numbers: options.numbers) } ?? ""
        case .string(let s): return options.mode == .csv ? s : JSON.string(s).text
        case .vector(let c): return renderVector(c, options)
        case .frame(let f): return renderTable(f, options)
        case .formula(let f): return f.text
        case .object(let o): return o.render(options)
        }
    }

    /// A vector on as many lines as the width needs, elements formatted for reading:
    /// `[1, 2, na, 4]`; long vectors show their first and last elements and the length.
    static func renderVector(_ c: Column, _ options: RenderOptions) -> String {
        let n = c.count
        let limit = options.maxRows > 0 ? max(options.maxRows * 4, 20) : n
        var shown: [String] = []
        let head = n > limit ? Array(0..<(limit / 2)) : Array(0..<n)
        for i in head { shown.append(element(c, i, options)) }
        if n > limit {
            shown.append("…")
            for i in (n - limit / 2)..<n { shown.append(element(c, i, options)) }
        }
        var text = "[" + shown.joined(separator: ", ") + "]"
        if n > limit { text += "  (\(options.numbers.string(Double(n))) values)" }
        return wrap(text, width: options.width)
    }

    /// A long vector's text on lines of the width, continuation lines indented by one space.
    static func wrap(_ text: String, width: Int) -> String {
        guard width > 10 else { return text }
        return Prose.wrapped(text, width: width, indent: 1)
    }

    /// One element as text for display.
    public static func element(_ c: Column, _ i: Int, _ options: RenderOptions) -> String {
        if case .text = c.data, !c.data.isNA(i) { return JSON.string(c.text(at: i)).text }
        return c.text(at: i, numbers: options.numbers)
    }

    /// The JSON document of a value (DESIGN §4).
    public static func json(_ value: Value, _ options: RenderOptions) -> JSON {
        switch value {
        case .number, .bool, .na, .date: return value.asColumn()?.json(at: 0) ?? .null
        case .string(let s): return .string(s)
        case .vector(let c): return .array((0..<c.count).map { jsonElement(c, $0) })
        case .frame(let f): return f.json()
        case .formula(let f): return .object([("kind", .string("formula")), ("text", .string(f.text))])
        case .object(let o): return o.json(options)
        }
    }

    public static func jsonElement(_ c: Column, _ i: Int) -> JSON { c.json(at: i) }

    /// The one-line summary of a value (after assignment in the REPL, and in `.vars`).
    public static func summary(_ value: Value, _ options: RenderOptions) -> String {
        switch value {
        case .vector(let c):
            let nas = (0..<c.count).reduce(0) { $0 + (c.data.isNA($1) ? 1 : 0) }
            return "\(c.data.typeName) vector of \(c.count)" + (nas > 0 ? " (\(nas) na)" : "")
        case .frame(let f): return frameSummary(f, options)
        case .formula(let f): return "formula \(f.text)"
        case .object(let o): return o.summary(options)
        default: return value.kindName + " " + render(value, options)
        }
    }

    /// The line the prompt prints after `name = value`: `s: frame 20 rows × 21 columns: a, b, …`,
    /// a frame's column names cut to the terminal's width.
    public static func assigned(_ name: String, _ value: Value, _ options: RenderOptions) -> String {
        guard case .frame(let f) = value else { return "\(name): " + summary(value, options) }
        return "\(name): " + frameSummary(f, options, width: options.width - name.count - 2)
    }

    /// `frame 20 rows × 21 columns: a, b, …`: the first six column names, fewer when the line
    /// would be longer than `width` characters (as the terminal shows them: `é` is one), with `…`
    /// when some are left out.
    static func frameSummary(_ f: Frame, _ options: RenderOptions, width: Int = .max) -> String {
        let head = "frame \(Prose.counted(f.rowCount, "row", numbers: options.numbers)) × \(Prose.counted(f.columnCount, "column"))"
        let names = f.names.map(\.controlsEscaped)
        let ellipsis = options.charset == .ascii ? "..." : "…"
        var text = head + ":"
        var shown = 0
        for name in names.prefix(6) {
            let piece = (shown == 0 ? " " : ", ") + name
            let tail = shown + 1 < names.count ? ", " + ellipsis : ""
            guard text.count + piece.count + tail.count <= width else { break }
            text += piece
            shown += 1
        }
        guard shown < names.count else { return names.isEmpty ? head : text }
        if shown > 0 { return text + ", " + ellipsis }
        return text.count + 1 + ellipsis.count <= width ? text + " " + ellipsis : head
    }
}
