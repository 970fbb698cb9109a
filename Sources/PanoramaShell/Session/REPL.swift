import Foundation
import LineEditing
import PanoramaKit

/// The interactive loop: read a whole statement (continuation lines while incomplete), run it
/// through `Session.run`, repeat. It reads through any `LineReader` — libedit at a terminal, a
/// scripted reader in tests — and writes through the session's sinks; completion is computed
/// by `Completion` from the session's variables.
public struct REPL {
    let session: Session
    /// The terminal's current width (read before each statement, so tables follow a resized
    /// window unless `.width` set one); nil keeps the session's width.
    public var terminalWidth: (() -> Int)?
    /// Told when the loop starts reading (Ctrl-C then discards the line) and when it starts
    /// running a statement (Ctrl-C then stops it).
    public var phase: (Phase) -> Void = { $0 == .reading ? Interruption.beginReading() : Interruption.beginComputing() }

    public enum Phase: Sendable { case reading, computing }

    public static let prompt = "panorama> "
    public static let continuationPrompt = "     ...> "
    public static let banner = "panorama \(PanoramaVersion.string) — TAB completes, ?NAME or .help for help, Ctrl-D or .quit to leave"

    public init(session: Session, terminalWidth: (() -> Int)? = nil) {
        self.session = session
        self.terminalWidth = terminalWidth
    }

    /// Runs statements read from `reader` until Ctrl-D or `.quit`; returns the exit code (0).
    public func run<Reader: LineReader>(_ reader: inout Reader) -> Int32 {
        session.interactive = true
        session.bail = false
        session.output(REPL.banner)
        var autoWidth = session.options.width
        defer { reader.useCompleter(nil) }
        while true {
            guard let text = readStatement(&reader) else { return 0 }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            reader.addHistory(text)
            let history = reader
            session.historyProvider = { REPL.historyListing(history.recentHistory($0), total: history.historyCount) }
            // Follow the terminal's width unless `.width` changed it.
            if let terminalWidth, session.options.width == autoWidth {
                session.options.width = terminalWidth()
                autoWidth = session.options.width
            }
            phase(.computing)
            let result = session.run(text)
            phase(.reading)
            if result.outcome == .quit { return 0 }
        }
    }

    /// Reads lines until they form a complete statement. Ctrl-C discards what was typed and
    /// gives an empty statement; nil means Ctrl-D on an empty prompt (leave).
    func readStatement<Reader: LineReader>(_ reader: inout Reader) -> String? {
        var text = ""
        while true {
            phase(.reading)
            reader.useCompleter(completer(pending: text))
            switch reader.readLine(prompt: text.isEmpty ? REPL.prompt : REPL.continuationPrompt) {
            case .endOfInput:
                return text.isEmpty ? nil : ""
            case .interrupted:
                session.output("")
                return ""
            case .line(let line):
                text += text.isEmpty ? line : "\n" + line
            }
            if Parser.isComplete(text) && !REPL.endsWithDocComment(text) { return text }
        }
    }

    /// Whether the last line is a `#'` doc comment: it documents the definition typed next, so
    /// the REPL reads on (as a script sees the lines above a definition, `?f` then shows them).
    static func endsWithDocComment(_ text: String) -> Bool {
        let last = text.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        return last.drop { $0 == " " || $0 == "\t" }.hasPrefix("#'")
    }

    /// Completion sees the statement's earlier lines (an open call on the line above) and a
    /// snapshot of the variables.
    func completer(pending: String) -> Completer {
        let variables = session.interpreter.variables
        let before = pending.isEmpty ? "" : pending + "\n"
        let offset = before.unicodeScalars.count
        return { line, cursor in
            var result = Completion.complete(line: before + line, cursor: offset + cursor, variables: variables)
            result.start -= offset
            if result.start < 0 { return CompletionResult(start: cursor, candidates: []) }
            return result
        }
    }

    /// `.history N`: numbered entries; a multi-line statement keeps its lines, indented; control
    /// characters escaped (a pasted ESC sequence shows as text, it does not drive the terminal).
    static func historyListing(_ entries: [String], total: Int) -> String {
        if entries.isEmpty { return "no history yet" }
        let first = total - entries.count + 1
        let width = String(total).count
        return entries.enumerated().map { i, entry in
            let number = String(first + i)
            let label = String(repeating: " ", count: width - number.count) + number + "  "
            let indent = String(repeating: " ", count: label.count)
            return entry.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { ($0.offset == 0 ? label : indent) + String($0.element).controlsEscaped }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `$XDG_STATE_HOME/panorama/history`, else `$HOME/.local/state/panorama/history`; nil (no
    /// history file) when neither is set to an absolute path — never a file in the working folder.
    static func historyPath(_ env: [String: String]) -> String? {
        let base: String
        if let state = env["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state + "/panorama"
        } else if let home = env["HOME"], home.hasPrefix("/") {
            base = home + "/.local/state/panorama"
        } else {
            return nil
        }
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base + "/history"
    }
}
