import CEditLine
import Foundation

/// Reads lines through libedit's readline interface: editing, history, completion.
///
/// Use only when stdin and stdout are terminals. History entries are whole statements
/// (a multi-line statement is one entry), deduplicated, persisted to `historyFile`.
public struct EditLineReader: LineReader {
    let historyFile: String

    public init(historyFile: String) {
        self.historyFile = historyFile
        pn_set_readline_name("panorama")
        using_history()
        _ = read_history(historyFile)
    }

    public mutating func readLine(prompt: String) -> LineReadResult {
        guard let raw = CEditLine.readline(prompt) else {
            // NULL is Ctrl-D at an empty line, or Ctrl-C (the SIGINT handler returns from read).
            return interruptedByUser() ? .interrupted : .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    /// Set by the shell: whether a SIGINT arrived since the prompt was shown.
    nonisolated(unsafe) public static var interruptCheck: () -> Bool = { false }

    func interruptedByUser() -> Bool { EditLineReader.interruptCheck() }

    public mutating func addHistory(_ statement: String) {
        // Remove an older identical entry so the history stays deduplicated.
        var i = pn_history_length()
        while i > 0 {
            if let entry = history_get(pn_history_base() + i - 1), let line = entry.pointee.line,
               String(cString: line) == statement {
                if let removed = remove_history(i - 1) { free(UnsafeMutableRawPointer(mutating: removed.pointee.line)); free(removed) }
            }
            i -= 1
        }
        add_history(statement)
        _ = write_history(historyFile)
    }
}
