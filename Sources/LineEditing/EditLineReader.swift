import CEditLine
import Foundation
import Synchronization

/// What TAB offers: the candidates replacing the text from `start` to the cursor.
///
/// Offsets count Unicode scalars (libedit's wide characters), so accented names line up.
public struct CompletionResult: Sendable, Equatable {
    /// Where the word being completed starts (a scalar offset in the line).
    public var start: Int
    /// Whole replacements for that word, in the order to show them.
    public var candidates: [String]

    public init(start: Int, candidates: [String]) {
        self.start = start
        self.candidates = candidates
    }
}

/// Computes completions for a line and a cursor position (a scalar offset).
public typealias Completer = @Sendable (_ line: String, _ cursor: Int) -> CompletionResult

/// Reads lines through libedit's readline interface: editing, history, completion.
///
/// Use only when stdin and stdout are terminals. History entries are whole statements
/// (a multi-line statement is one entry), deduplicated, persisted to `historyFile`.
/// Key bindings: libedit's emacs map plus Ctrl-R (reverse incremental search, set by libedit's
/// readline emulation) and Up/Down searching history for entries that start with the text
/// before the cursor. `~/.editrc` can override them.
public struct EditLineReader: LineReader {
    let historyFile: String
    let wasInterrupted: @Sendable () -> Bool

    /// The completer the C callback reads; one process has one terminal, so one global.
    static let completer = Mutex<Completer?>(nil)

    /// - Parameters:
    ///   - historyFile: read now, rewritten after each statement.
    ///   - maxEntries: history entries kept.
    ///   - wasInterrupted: whether a SIGINT arrived while reading (tells Ctrl-C from Ctrl-D:
    ///     libedit returns NULL for both).
    public init(historyFile: String, maxEntries: Int = 1000,
                wasInterrupted: @escaping @Sendable () -> Bool) {
        self.historyFile = historyFile
        self.wasInterrupted = wasInterrupted
        pn_set_readline_name("panorama")
        _ = rl_initialize()
        using_history()
        stifle_history(Int32(maxEntries))
        _ = read_history(historyFile)
        // Word breaks: every character that cannot be part of a name. The completer decides
        // the real word (a path, a dot-command…); the callback reconciles the two.
        pn_set_word_break(EditLineReader.wordBreaks)
        pn_set_special_prefixes(EditLineReader.noPrefixes)
        pn_set_completion_query_items(200)
        pn_set_completion(panoramaComplete)
        for binding in EditLineReader.bindings { _ = rl_parse_and_bind(binding) }
        // ~/.editrc (read by rl_initialize) again, so the user's bindings win over ours.
        _ = rl_read_init_file(nil)
    }

    static let wordBreaks = " \t\n\"\\'`@$><=;|&{(,)}[].~+-*/%^:!?#"
    static let noPrefixes = ""

    /// libedit `bind` commands: Up/Down search history by prefix (both cursor-key encodings).
    static let bindings = [
        "bind ^[[A ed-search-prev-history", "bind ^[OA ed-search-prev-history",
        "bind ^[[B ed-search-next-history", "bind ^[OB ed-search-next-history",
        "bind ^R em-inc-search-prev",
    ]

    /// The key bindings, for `.help keys`.
    public static let keyHelp: [(keys: String, action: String)] = [
        ("TAB", "complete a name, column, argument, file or command (twice: list them)"),
        ("Up / Down", "previous / next statement starting with the text before the cursor"),
        ("Ctrl-R", "search history backwards as you type (Enter keeps, Ctrl-G gives up)"),
        ("Ctrl-A / Ctrl-E", "start / end of line"),
        ("Alt-B / Alt-F", "word left / right"),
        ("Ctrl-K / Ctrl-U", "delete to end / start of line"),
        ("Ctrl-W", "delete the word before the cursor"),
        ("Ctrl-Y", "paste what was deleted"),
        ("Ctrl-L", "clear the screen"),
        ("Ctrl-C", "typing: discard the statement; running: stop it (twice within a second: quit)"),
        ("Ctrl-D", "on an empty line: leave panorama"),
    ]

    /// Installs (or removes) the function TAB asks for candidates.
    public static func setCompleter(_ completer: Completer?) {
        EditLineReader.completer.withLock { $0 = completer }
    }

    public mutating func readLine(prompt: String) -> LineReadResult {
        guard let raw = CEditLine.readline(prompt) else {
            // NULL is Ctrl-D at an empty line, or Ctrl-C (the SIGINT handler interrupts read(2)).
            if wasInterrupted() { return .interrupted }
            print("")  // libedit does not echo a newline on Ctrl-D
            return .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    public mutating func addHistory(_ statement: String) {
        // Remove older identical entries so the history stays deduplicated.
        var i = Int(pn_history_length())
        while i > 0 {
            i -= 1
            if let line = pn_history_line(Int32(i)), String(cString: line) == statement {
                pn_history_remove(Int32(i))
            }
        }
        add_history(statement)
        _ = write_history(historyFile)
    }

    /// How many entries the history holds.
    public var historyCount: Int { Int(pn_history_length()) }

    /// The last `count` entries, oldest first.
    public func recentHistory(_ count: Int) -> [String] {
        let length = Int(pn_history_length())
        return (max(0, length - count)..<length).compactMap { i in
            pn_history_line(Int32(i)).map { String(cString: $0) }
        }
    }
}

/// libedit's completion callback: asks the Swift completer, then hands back a malloc'd,
/// NULL-terminated array whose element 0 is the common prefix (libedit frees it).
private func panoramaComplete(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    pn_set_completion_over(1)       // never fall back to file names
    pn_set_completion_append(0)     // nothing after a completed word
    guard let completer = EditLineReader.completer.withLock({ $0 }), let buffer = pn_line_buffer() else { return nil }
    let line = String(cString: buffer)
    let cursor = Int(pn_point())
    let result = completer(line, cursor)
    // libedit replaces line[start..<cursor]; the completer's word starts at result.start.
    let scalars = Array(line.unicodeScalars)
    let wordStart = Int(start)
    var candidates = result.candidates
    if result.start < wordStart {
        let extra = wordStart - result.start
        candidates = candidates.map { c in
            let s = Array(c.unicodeScalars)
            return s.count >= extra ? String(String.UnicodeScalarView(s[extra...])) : ""
        }
    } else if result.start > wordStart, result.start <= scalars.count {
        let prefix = String(String.UnicodeScalarView(scalars[wordStart..<result.start]))
        candidates = candidates.map { prefix + $0 }
    }
    candidates = candidates.filter { !$0.isEmpty }
    guard !candidates.isEmpty else { return nil }
    let common = candidates.count == 1 ? candidates[0] : longestCommonPrefix(candidates)
    let items = candidates.count == 1 ? [common] : [common] + candidates
    // libedit frees the array and its strings with free(3): allocate with malloc.
    let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (items.count + 1))!
    let out = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: items.count + 1)
    for (i, item) in items.enumerated() { out[i] = strdup(item) }
    out[items.count] = nil
    return out
}

/// The longest prefix shared by every string (by Unicode scalars).
func longestCommonPrefix(_ strings: [String]) -> String {
    guard var prefix = strings.first.map({ Array($0.unicodeScalars) }) else { return "" }
    for s in strings.dropFirst() {
        let other = Array(s.unicodeScalars)
        var n = 0
        while n < prefix.count && n < other.count && prefix[n] == other[n] { n += 1 }
        prefix.removeSubrange(n...)
    }
    return String(String.UnicodeScalarView(prefix))
}
