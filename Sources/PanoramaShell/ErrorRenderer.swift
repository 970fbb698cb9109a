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
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if range.line - 1 < lines.count {
                let line = String(lines[range.line - 1]).replacingTabs()
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
        case .unknownName, .unknownColumn, .type: return source.contains("\n") || source.count > 30
        default: return false
        }
    }

}

extension String {
    func replacingTabs() -> String { replacingAll("\t", with: " ") }
}
