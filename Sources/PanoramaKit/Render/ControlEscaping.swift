extension String {
    /// The text with its control characters written as escapes, so that printing it cannot
    /// drive the terminal: `\n`, `\r`, `\t`, `\e` (ESC, which starts the sequences that set
    /// the window title, clear the screen or write the clipboard), and `\u{7}` for the other
    /// C0/C1 controls and DEL. Everything else (accents, CJK, emoji, zero-width joiners) stays.
    ///
    /// Box and markdown tables, error messages, `.history` and echoed source lines print user
    /// data through this; CSV and JSON output keep the data as is (JSON escapes on its own).
    public var controlsEscaped: String {
        // Printable ASCII (most messages and lines) has nothing to escape: no Unicode look-ups.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        guard unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1B}": out += "\\e"
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
