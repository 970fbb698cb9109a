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
            if let found = line(of: source, at: range.offset, length: range.length) {
                // Control characters show escaped (a pasted ESC cannot drive the terminal); the
                // caret stays under the token as shown.
                let (prefix, token, rest) = clipped(found.before.replacingTabs(), found.token.replacingTabs(), found.after.replacingTabs())
                let indent = String(repeating: " ", count: prefix.controlsEscaped.count)
                out += "\n  " + (prefix + token + rest).controlsEscaped + "\n  " + indent
                    + String(repeating: "^", count: max(1, token.controlsEscaped.count))
            }
        }
        if case .badCall(_, _, let usage, _) = error { out += "\n" + usage }
        return out
    }

    /// Characters of a long line shown around the offending token: a generated script's line of
    /// a megabyte (or 10⁵ nested brackets) is shown as an excerpt, not whole on one error line.
    static let excerptWidth = 100

    /// A line's text before the offending token, the token and the text after it; when the line
    /// is longer than `excerptWidth`, each part is cut to fit, an ellipsis marking the cuts.
    static func clipped(_ before: String, _ token: String, _ after: String) -> (prefix: String, token: String, rest: String) {
        var prefix = before, token = token, rest = after
        if token.isEmpty, let first = rest.first { token = String(first); rest.removeFirst() }
        guard prefix.count + token.count + rest.count > excerptWidth else { return (prefix, token, rest) }
        let before = excerptWidth * 2 / 5
        if prefix.count > before { prefix = "…" + prefix.suffix(before - 1) }
        if token.count > excerptWidth - before { token = token.prefix(excerptWidth - before - 1) + "…"; rest = "" }
        let room = max(0, excerptWidth - prefix.count - token.count)
        if rest.count > room { rest = rest.prefix(max(0, room - 1)) + "…" }
        return (prefix, token, rest)
    }

    static func shouldShowCaret(_ error: PanoramaError, source: String) -> Bool {
        switch error {
        case .syntax: return true
        // More than 120 bytes is more than 30 characters: a long script is not rescanned.
        case .unknownName, .unknownColumn, .type: return source.utf8.count > 120 || source.contains("\n") || source.count > 30
        default: return false
        }
    }

    /// The line of `source` holding the token of `length` UTF-8 bytes at UTF-8 offset `offset`, cut
    /// around the token (the token stops at the line's end), found from there (not by splitting
    /// the whole text: with `.bail off` a script with thousands of errors renders each). Bytes,
    /// not characters, delimit the token, so the caret spans exactly its characters.
    static func line(of source: String, at offset: Int, length: Int) -> (before: String, token: String, after: String)? {
        let utf8 = source.utf8
        guard offset >= 0, offset <= utf8.count else { return nil }
        let at = utf8.index(utf8.startIndex, offsetBy: offset)
        let newline = UInt8(ascii: "\n")
        let start = utf8[..<at].lastIndex(of: newline).map { utf8.index(after: $0) } ?? utf8.startIndex
        let end = utf8[at...].firstIndex(of: newline) ?? utf8.endIndex
        let tokenEnd = utf8.index(at, offsetBy: max(0, length), limitedBy: end) ?? end
        func text(_ a: String.Index, _ b: String.Index) -> String { String(decoding: utf8[a..<b], as: UTF8.self) }
        return (text(start, at), text(at, tokenEnd), text(tokenEnd, end))
    }
}

extension String {
    func replacingTabs() -> String { replacingAll("\t", with: " ") }
}
