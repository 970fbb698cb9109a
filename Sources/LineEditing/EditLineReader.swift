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
/// (a multi-line statement is one entry), deduplicated, persisted to `historyFile`: each new
/// entry is appended under an exclusive `flock`, so shells sharing the file lose nothing; the
/// file is compacted (duplicates and entries beyond `maxEntries` dropped) when a shell starts.
/// Key bindings: libedit's emacs map plus Ctrl-R (reverse incremental search, set by libedit's
/// readline emulation) and Up/Down searching history for entries that start with the text
/// before the cursor. `~/.editrc` can override them.
public struct EditLineReader: LineReader {
    /// Nil: history is kept for the session only.
    let historyFile: String?
    let wasInterrupted: @Sendable () -> Bool

    /// The completer the C callback reads; one process has one terminal, so one global.
    static let completer = Mutex<Completer?>(nil)
    /// Where Up/Down are in the history while the user walks it.
    static let search = Mutex(PrefixSearch())

    /// - Parameters:
    ///   - historyFile: read and compacted now, appended to after each statement; nil keeps no file.
    ///   - maxEntries: history entries kept.
    ///   - wasInterrupted: whether a SIGINT arrived while reading (tells Ctrl-C from Ctrl-D:
    ///     libedit returns NULL for both).
    public init(historyFile: String?, maxEntries: Int = 1000,
                wasInterrupted: @escaping @Sendable () -> Bool) {
        self.historyFile = historyFile
        self.wasInterrupted = wasInterrupted
        EditLineReader.useUTF8CharacterType()
        pn_set_readline_name("panorama")
        _ = rl_initialize()
        using_history()
        stifle_history(Int32(maxEntries))
        if let historyFile { EditLineReader.loadHistory(historyFile) }
        // Word breaks: every character that cannot be part of a name. The completer decides
        // the real word (a path, a dot-command…); the callback reconciles the two.
        pn_set_word_break(EditLineReader.wordBreaks)
        pn_set_special_prefixes(EditLineReader.noPrefixes)
        pn_set_completion_query_items(200)
        pn_set_completion(panoramaComplete)
        // libedit's readline layer calls a defun with the last key of the sequence that ran it
        // (`A` for `ESC [ A`), so the two functions register under `A` and `B`.
        _ = rl_add_defun("panorama-history-prev", panoramaHistoryPrevious, Int32(UInt8(ascii: "A")))
        _ = rl_add_defun("panorama-history-next", panoramaHistoryNext, Int32(UInt8(ascii: "B")))
        // libedit rebinds the arrow keys from the terminal description when it starts reading,
        // so the bindings go in just before each line is read.
        pn_set_pre_input_hook(panoramaBindKeys)
    }

    /// libedit reads keys as wide characters only when LC_CTYPE is a UTF-8 locale; in the
    /// "C" locale a program starts in, it drops every byte above 0x7F (`"Éducation"` reaches
    /// the evaluator as `"ducation"`). So: the environment's locale when it is UTF-8, else a
    /// UTF-8 one that exists (C.UTF-8 on Linux, UTF-8 on macOS) — panorama's source is UTF-8
    /// whatever LANG says. Only LC_CTYPE changes (numbers and messages do not depend on it).
    /// - Returns: the LC_CTYPE locale in effect afterwards.
    @discardableResult
    public static func useUTF8CharacterType() -> String {
        if setlocale(LC_CTYPE, "") != nil, isUTF8CharacterType { return currentCharacterType }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8CharacterType { break }
        }
        return currentCharacterType
    }

    static var isUTF8CharacterType: Bool {
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        return codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
    }

    static var currentCharacterType: String { setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "" }

    static let wordBreaks = " \t\n\"\\'`@$><=;|&{(,)}[].~+-*/%^:!?#"
    static let noPrefixes = ""

    /// libedit `bind` commands. Up/Down run our prefix search (libedit's own
    /// `ed-search-prev-history` matches anywhere in an entry, not at its start); Ctrl-R is the
    /// incremental search (substring, as in readline).
    static let bindings = [
        "bind ^[[A panorama-history-prev", "bind ^[OA panorama-history-prev",
        "bind ^[[B panorama-history-next", "bind ^[OB panorama-history-next",
        "bind ^R em-inc-search-prev",
        // rl_add_defun also bound the plain keys it dispatches on: give them back.
        "bind A ed-insert", "bind B ed-insert",
    ]

    /// The key bindings, for `.help keys`.
    public static let keyHelp: [(keys: String, action: String)] = [
        ("TAB", "complete a name, column, argument, file or command (twice: list them)"),
        ("Up / Down", "previous / next statement starting with the text before the cursor"),
        ("Ctrl-R", "search history backwards as you type (Enter runs the match, Ctrl-E keeps it to edit, Ctrl-G gives up)"),
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

    public func useCompleter(_ completer: Completer?) { EditLineReader.setCompleter(completer) }

    public mutating func readLine(prompt: String) -> LineReadResult {
        EditLineReader.search.withLock { $0 = PrefixSearch() }
        EditLineReader.currentPrompt.withLock { $0 = prompt }
        // libedit prints the prompt before it switches the terminal to raw mode; keys typed in
        // between meet the terminal's own line editing (a Ctrl-D there is lost, text is echoed
        // twice). So leave canonical mode first, and put the user's settings back afterwards
        // (libedit restores whatever it found when it started reading).
        let saved = EditLineReader.leaveCanonicalMode()
        let read = CEditLine.readline(prompt)
        if var settings = saved { tcsetattr(0, TCSADRAIN, &settings) }
        guard let raw = read else {
            // NULL is Ctrl-D at an empty line, or Ctrl-C (the SIGINT handler interrupts read(2)).
            if wasInterrupted() { return .interrupted }
            print("")  // libedit does not echo a newline on Ctrl-D
            return .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    public mutating func addHistory(_ statement: String) {
        add_history(statement)
        EditLineReader.removeDuplicates()
        guard let historyFile else { return }
        EditLineReader.locked(historyFile) { fd in
            // libedit's append_history(n) writes n + 1 entries (libedit 3.1-2022): write the
            // line in its file format ourselves.
            var line = EditLineReader.historyFileLine(statement)
            if lseek(fd, 0, SEEK_END) == 0 { line = Array(EditLineReader.historyCookie.utf8) + line }
            _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        }
    }

    /// Turns off canonical mode and echo on standard input; returns the settings to restore
    /// (nil when stdin is not a terminal or was not in canonical mode).
    static func leaveCanonicalMode() -> termios? {
        var settings = termios()
        guard tcgetattr(0, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) != 0 else { return nil }
        let saved = settings
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
        tcsetattr(0, TCSANOW, &settings)
        return saved
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

/// Binds the keys (then ~/.editrc again, so the user's bindings win).
private func panoramaBindKeys() -> Int32 {
    for binding in EditLineReader.bindings { _ = rl_parse_and_bind(binding) }
    _ = rl_read_init_file(nil)
    return 0
}

/// Up/Down through the entries that start with the text before the cursor (as zsh's
/// history-beginning-search and IPython do).
struct PrefixSearch {
    /// What was typed before the first Up: restored when Down walks past the newest entry.
    var original = ""
    var prefix = ""
    /// The entry shown (an offset, oldest 0); the history length means the typed line.
    var index = 0
    /// The text put on the line, so that an edit starts a new search.
    var shown: String?
}

private func panoramaHistoryPrevious(_ count: Int32, _ key: Int32) -> Int32 { historyStep(-1) }
private func panoramaHistoryNext(_ count: Int32, _ key: Int32) -> Int32 { historyStep(+1) }

private func historyStep(_ direction: Int) -> Int32 {
    guard let buffer = pn_line_buffer() else { return 0 }
    let line = String(cString: buffer)
    let length = Int(pn_history_length())
    var state = EditLineReader.search.withLock { $0 }
    if state.shown != line || state.index > length {
        state = PrefixSearch(original: line, prefix: String(String.UnicodeScalarView(line.unicodeScalars.prefix(Int(pn_point())))),
                             index: length, shown: nil)
    }
    var i = state.index + direction
    var found: String?
    while i >= 0 && i < length {
        if let entry = pn_history_line(Int32(i)).map({ String(cString: $0) }), entry.hasPrefix(state.prefix), entry != line {
            found = entry
            break
        }
        i += direction
    }
    // Down past the newest entry gives back what was typed. (An empty line cannot be given
    // back: libedit's readline layer has no call that empties the line, so Down stops at the
    // newest entry then; Ctrl-U clears it.)
    if found == nil && direction > 0 && state.index < length && !state.original.isEmpty {
        found = state.original
        i = length
    }
    guard let text = found else {
        _ = rl_ding()
        return 0
    }
    state.index = i
    state.shown = text
    EditLineReader.search.withLock { [state] in $0 = state }
    replaceLine(with: text, current: line)
    return 0
}

/// Puts `text` (not empty) on the line being edited, the cursor at its end, and redraws.
///
/// libedit's readline layer has no "set the line" call that also moves the cursor:
/// `rl_replace_line` keeps the cursor (clamped to the new length) and `rl_insert_text` inserts
/// at the cursor. So: keep one character, then insert the rest after it.
private func replaceLine(with text: String, current: String) {
    let scalars = Array(text.unicodeScalars)
    guard !scalars.isEmpty else { return }
    let point = Int(pn_point())
    // Back to the start of the edit area and clear below; rl_forced_update_display resets
    // libedit's model of the screen and redraws prompt and line from there.
    let width = Terminal.columns() ?? 80
    let prompt = EditLineReader.currentPrompt.withLock { $0 }
    let rows = EditLineReader.rowsAbove(cursor: point, in: current, after: prompt, width: width)
    pn_write_stdout("\r" + (rows > 0 ? "\u{1B}[\(rows)A" : "") + "\u{1B}[J")
    if current.isEmpty {
        _ = rl_insert_text(text)
    } else if point > 0 {
        rl_replace_line(String(String.UnicodeScalarView(scalars[..<1])), 0)
        _ = rl_insert_text(String(String.UnicodeScalarView(scalars[1...])))
    } else {
        rl_replace_line(text, 0)  // the cursor was at the start: it stays there
    }
    rl_forced_update_display()
}

extension EditLineReader {
    /// The prompt being shown (for redrawing after Up/Down).
    static let currentPrompt = Mutex("")

    /// Terminal rows between the prompt's row and the cursor's, for `line` shown after `prompt`
    /// with the cursor at scalar offset `cursor` (newlines, and wrapping at `width`: CJK and
    /// emoji take two columns, combining marks none — wcwidth in the UTF-8 LC_CTYPE).
    static func rowsAbove(cursor: Int, in line: String, after prompt: String, width: Int) -> Int {
        var row = 0
        var column = prompt.unicodeScalars.count
        for (i, c) in line.unicodeScalars.enumerated() where i < cursor {
            if c == "\n" { row += 1; column = 0; continue }
            let cells = Int(pn_wcwidth(c.value))
            if column + cells > width { row += 1; column = 0 }
            column += max(0, cells)
            if column >= width { row += 1; column = 0 }
        }
        return row
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

// MARK: - The history file

extension EditLineReader {
    /// The first line of libedit's history file format.
    static let historyCookie = "_HiStOrY_V2_\n"

    /// Reads the history file and writes it back without duplicates and with at most the kept
    /// entries, holding the lock (another shell may be appending).
    static func loadHistory(_ path: String) {
        locked(path) { _ in
            _ = read_history(path)
            removeDuplicates()
            _ = write_history(path)
        }
    }

    /// Runs `body` with `path` open for appending and exclusively locked (`flock`): every shell
    /// writing the history file goes through here. Nothing runs when the file cannot be opened.
    static func locked(_ path: String, _ body: (Int32) -> Void) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        body(fd)
        flock(fd, LOCK_UN)
    }

    /// Drops older copies of entries that occur again later (the newest copy stays).
    static func removeDuplicates() {
        var seen: Set<String> = []
        var i = Int(pn_history_length())
        while i > 0 {
            i -= 1
            guard let line = pn_history_line(Int32(i)).map({ String(cString: $0) }) else { continue }
            if !seen.insert(line).inserted { pn_history_remove(Int32(i)) }
        }
    }

    /// One entry as libedit's history file stores it (strvis with VIS_WHITE): backslash doubled,
    /// white space and other control characters as three octal digits (`\040`, `\012`), the
    /// rest (UTF-8 included) as is; then a newline.
    static func historyFileLine(_ entry: String) -> [UInt8] {
        var out: [UInt8] = []
        for byte in entry.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += [byte, byte]
            case 0..<0x21, 0x7F: out += [UInt8(ascii: "\\"), 0x30 + (byte >> 6), 0x30 + ((byte >> 3) & 7), 0x30 + (byte & 7)]
            default: out.append(byte)
            }
        }
        return out + [0x0A]
    }
}
