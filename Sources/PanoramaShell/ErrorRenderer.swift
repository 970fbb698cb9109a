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
    public static func render(_ error: PanoramaError, source: String, file: String?, lineOffset: Int = 0) -> String {
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
        out += "error: \(error.message)"
        if let range, shouldShowCaret(error, source: source) {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if range.line - 1 < lines.count {
                let line = String(lines[range.line - 1]).replacingTabs()
                let prefix = String(line.prefix(range.column - 1))
                let width = max(1, min(range.length, line.count - prefix.count))
                let indent = String(repeating: " ", count: prefix.count)
                out += "\n  " + line + "\n  " + indent + String(repeating: "^", count: max(1, width))
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
