/// Where the shell's input lines come from: a terminal with line editing, or a stream.
public protocol LineReader {
    /// The next line without its newline, or nil at end of input.
    /// - Parameter prompt: shown first when the reader talks to a terminal.
    mutating func readLine(prompt: String) -> LineReadResult
    /// Records a whole statement (possibly several lines) as one history entry.
    mutating func addHistory(_ statement: String)
}

public enum LineReadResult: Equatable, Sendable {
    case line(String)
    /// Ctrl-C while typing: the line so far is discarded.
    case interrupted
    case endOfInput
}

/// Reads plain lines from standard input (pipes, files, tests): no prompt, no history.
public struct StreamLineReader: LineReader {
    public init() {}
    public mutating func readLine(prompt: String) -> LineReadResult {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }
    public mutating func addHistory(_ statement: String) {}
}
