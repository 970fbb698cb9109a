import PanoramaKit

/// The one function that turns any error into the text a user reads (DESIGN §2).
///
/// In a script: `FILE:LINE:COL: error: message`; elsewhere `error: message`. A syntax error
/// shows its line with a caret under the offending token; a wrong call adds the usage line.
public enum ErrorRenderer {
    /// - Parameters:
    ///   - source: the text the statement came from (for the caret line).
    ///   - file: the script's name, when running a file.
    ///   - lineOffset: lines before `source` in the file (a notebook block's first line).
    public static func render(_ error: PanoramaError, source: String = "", file: String? = nil, lineOffset: Int = 0) -> String {
        // Ctrl-C is not an error in the user's code: one word, no location.
        if case .interrupted = error { return "interrupted" }
        var out = ""
        let range = error.range
        if let file {
            if let range {
                out += "\(file):\(range.line + lineOffset):\(range.column): "
            } else {
                out += "\(file): "
            }
        }
        out += "error: \(error.message.controlsEscaped)"
        if let range, shouldShowCaret(error, source: source) {
            if let found = line(of: source, at: range.offset) {
                let line = found.replacingTabs()
                // Control characters show escaped (a pasted ESC cannot drive the terminal); the
                // caret stays under the token as shown.
                let prefix = String(line.prefix(range.column - 1))
                let token = String(line.dropFirst(prefix.count).prefix(max(1, range.length)))
                let indent = String(repeating: " ", count: prefix.controlsEscaped.count)
                out += "\n  " + line.controlsEscaped + "\n  " + indent + String(repeating: "^", count: max(1, token.controlsEscaped.count))
            }
        }
        if case .badCall(_, _, let usage, _) = error { out += "\n" + usage }
        return out
    }

    static func shouldShowCaret(_ error: PanoramaError, source: String) -> Bool {
        switch error {
        case .syntax: return true
        // More than 120 bytes is more than 30 characters: a long script is not rescanned.
        case .unknownName, .unknownColumn, .type: return source.utf8.count > 120 || source.contains("\n") || source.count > 30
        default: return false
        }
    }

    /// The line of `source` holding UTF-8 offset `offset`, found from there (not by splitting
    /// the whole text: with `.bail off` a script with thousands of errors renders each).
    static func line(of source: String, at offset: Int) -> String? {
        let utf8 = source.utf8
        guard offset >= 0, offset <= utf8.count else { return nil }
        let at = utf8.index(utf8.startIndex, offsetBy: offset)
        let newline = UInt8(ascii: "\n")
        let start = utf8[..<at].lastIndex(of: newline).map { utf8.index(after: $0) } ?? utf8.startIndex
        let end = utf8[at...].firstIndex(of: newline) ?? utf8.endIndex
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

extension String {
    func replacingTabs() -> String { replacingAll("\t", with: " ") }
}
