/// Where the shell's input lines come from: a terminal with line editing (`EditLineReader`),
/// or a stream (`StreamLineReader`); tests script one. The REPL reads only through this.
public protocol LineReader {
    /// The next line without its newline, or nil at end of input.
    /// - Parameter prompt: shown first when the reader talks to a terminal.
    mutating func readLine(prompt: String) -> LineReadResult
    /// Records a whole statement (possibly several lines) as one history entry.
    mutating func addHistory(_ statement: String)
    /// How many entries the history holds.
    var historyCount: Int { get }
    /// The last `count` history entries, oldest first.
    func recentHistory(_ count: Int) -> [String]
    /// Installs (or removes, with nil) what TAB asks for candidates.
    func useCompleter(_ completer: Completer?)
}

extension LineReader {
    public func useCompleter(_ completer: Completer?) {}
}

public enum LineReadResult: Equatable, Sendable {
    case line(String)
    /// Ctrl-C while typing: the line so far is discarded.
    case interrupted
    case endOfInput
}

/// Reads plain lines from standard input (pipes, files): no prompt; history kept in memory
/// for `.history`.
public struct StreamLineReader: LineReader {
    var history: [String] = []

    public init() {}

    public mutating func readLine(prompt: String) -> LineReadResult {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    public mutating func addHistory(_ statement: String) { history.append(statement) }

    public var historyCount: Int { history.count }

    public func recentHistory(_ count: Int) -> [String] { Array(history.suffix(count)) }
}
