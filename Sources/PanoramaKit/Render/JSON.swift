/// A JSON document, rendered on one line with shortest round-trip numbers (DESIGN §4).
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    /// Keys keep their order.
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.text == b.text }

    /// A number, or `null` when it is not finite.
    public static func finite(_ x: Double?) -> JSON {
        guard let x, x.isFinite else { return .null }
        return .number(x)
    }

    /// The document on one line: `{"a": [1, 2.5, null]}`.
    public var text: String {
        var s = ""
        write(to: &s)
        return s
    }

    public func write(to s: inout String) {
        switch self {
        case .null: s += "null"
        case .bool(let b): s += b ? "true" : "false"
        case .number(let x): s += x.isInfinite ? (x > 0 ? "1e999" : "-1e999") : JSON.numberText(x)
        case .string(let v): JSON.writeString(v, to: &s)
        case .array(let items):
            s += "["
            for (i, item) in items.enumerated() {
                if i > 0 { s += ", " }
                item.write(to: &s)
            }
            s += "]"
        case .object(let pairs):
            s += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { s += ", " }
                JSON.writeString(k, to: &s)
                s += ": "
                v.write(to: &s)
            }
            s += "}"
        }
    }

    /// Shortest round-trip text of a number; integral values without `.0`; non-finite → `null`.
    ///
    /// `JSON.numberText(7) // "7"`, `JSON.numberText(0.1) // "0.1"`
    public static func numberText(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 {
            return x == 0 ? "0" : String(Int64(x))
        }
        return "\(x)"
    }

    static func writeString(_ v: String, to s: inout String) {
        s += "\""
        for u in v.unicodeScalars {
            switch u {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\r": s += "\\r"
            case "\t": s += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    s += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    s.unicodeScalars.append(u)
                }
            }
        }
        s += "\""
    }
}
