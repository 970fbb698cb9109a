import Foundation

/// Parses JSON text (RFC 8259) into `JSON` values, one value at a time (JSON Lines call
/// `value()` until `atEnd`). Numbers out of range are ±∞ (`1e999`, what `save` writes for ∞).
/// Nesting deeper than 512 levels is an error, not a stack overflow.
struct JSONParser {
    let bytes: [UInt8]
    let name: String
    var i = 0
    var depth = 0

    init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
        // A UTF-8 byte-order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    var atEnd: Bool { i >= bytes.count }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// The error at the current position: `file.json:3:14: expected ',' or ']'`.
    func error(_ problem: String) -> DataError {
        var line = 1, lineStart = 0
        for k in 0..<min(i, bytes.count) where bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
        return DataError(file: name, line: line, column: i - lineStart + 1, problem)
    }

    mutating func value() throws -> JSON {
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of the JSON text") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try container(close: UInt8(ascii: "}"), keyed: true)
        case UInt8(ascii: "["): return try container(close: UInt8(ascii: "]"), keyed: false)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    mutating func container(close: UInt8, keyed: Bool) throws -> JSON {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 512 else { throw error("the JSON nests more than 512 levels") }
        i += 1
        var pairs: [(String, JSON)] = [], items: [JSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == close { i += 1; return keyed ? .object([]) : .array([]) }
        while true {
            skipSpace()
            if keyed {
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
                i += 1
                pairs.append((key, try value()))
            } else {
                items.append(try value())
            }
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of the JSON text") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == close { i += 1; break }
            throw error("expected ',' or '\(Character(UnicodeScalar(close)))'")
        }
        return keyed ? .object(pairs) : .array(items)
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw error("unexpected character") }
        i += w.count
    }

    mutating func number() throws -> Double {
        let start = i
        while i < bytes.count, let c = Optional(bytes[i]),
              (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { i += 1 }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard !text.isEmpty, text.first != "+", let x = Double(text) else {
            i = start
            throw error("unexpected character")
        }
        return x
    }

    mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw error("a control character inside a string") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                }
                out += Array(String(UnicodeScalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(e)
            }
        }
        throw error("a string is never closed")
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
            throw error("expected four hex digits after \\u")
        }
        i += 4
        return v
    }
}
