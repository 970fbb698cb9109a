/// Characters beyond ASCII: letters with accents are names (`coût`, `Été`), spaces of other
/// kinds are blanks, and the typographic look-alikes a word processor or a PDF puts in pasted
/// code (`“…”`, `’`, `«…»`, `−`, `×`, `≤`) are refused in words naming the character to type,
/// instead of being read as part of a name (`x = “Transport”` looked for a variable).
extension Lexer {
    /// A name's characters beyond ASCII: Unicode's identifier characters (letters, accents,
    /// combining marks, digits of other scripts after the first character).
    static func isNameScalar(_ c: Unicode.Scalar, first: Bool) -> Bool {
        first ? c.properties.isXIDStart : c.properties.isXIDContinue
    }

    /// The scalar whose UTF-8 encoding starts at byte `i`, and that encoding's length.
    func scalar(at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b = bytes[i]
        let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        let end = min(bytes.count, i + length)
        let scalar = String(decoding: bytes[i..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return (scalar, end - i)
    }

    /// The length in bytes of the non-ASCII name character at `i`, or nil when it is none.
    func nameCharacterLength(at i: Int, first: Bool) -> Int? {
        guard i < bytes.count, bytes[i] >= 0x80 else { return nil }
        let (c, length) = scalar(at: i)
        return Lexer.isNameScalar(c, first: first) ? length : nil
    }

    /// The length in bytes of a non-ASCII blank at `i` (a non-breaking or thin space, a byte
    /// order mark, a zero-width space), or nil.
    func unicodeBlankLength(at i: Int) -> Int? {
        guard i < bytes.count, bytes[i] >= 0x80 else { return nil }
        let (c, length) = scalar(at: i)
        let blank = c.properties.generalCategory == .spaceSeparator || c == "\u{FEFF}" || c == "\u{200B}"
        return blank ? length : nil
    }

    /// What to type instead of a typographic character that is no part of the language.
    static func lookAlike(_ c: Unicode.Scalar) -> String? {
        switch c {
        case "“", "”", "„", "‟", "«", "»", "‹", "›", "‘", "’", "‚", "‛", "′", "″":
            return "'\(c)' is a typographic quote; write text between straight quotes, \"…\" or '…'"
        case "−", "–", "—", "‐", "‑": return "'\(c)' is not the minus sign; write '-'"
        case "×", "·", "⋅", "∙": return "'\(c)' is not the multiplication sign; write '*'"
        case "÷": return "'÷' is not the division sign; write '/'"
        case "≤": return "there is no '≤'; write '<='"
        case "≥": return "there is no '≥'; write '>='"
        case "≠": return "there is no '≠'; write '!='"
        case "←": return "there is no '←'; assign with '='"
        default: return nil
        }
    }
}
