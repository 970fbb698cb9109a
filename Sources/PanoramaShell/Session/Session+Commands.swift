import Foundation
import PanoramaKit

/// The dot-commands: the shell itself, not the analysis (DESIGN §2).
///
/// A setting's command without its argument shows the current value (`.mode` → `box`), as
/// in the DuckDB shell; a wrong argument gives the command's usage line.
extension Session {
    /// Each dot-command: its usage and one line of help. `.help` and completion read this.
    public static let commands: [(name: String, usage: String, summary: String)] = [
        (".help", ".help [name|pattern|topic]", "list topics, show a builtin's help, or search (?name works too)"),
        (".quit", ".quit", "leave panorama (also .exit, Ctrl-D)"),
        (".mode", ".mode [box|markdown|csv|json]", "how results print"),
        (".timer", ".timer [on|off]", "print wall and CPU time after each statement"),
        (".read", ".read FILE", "run a script in this session"),
        (".output", ".output [FILE]", "send results to FILE (no FILE: back to the screen)"),
        (".once", ".once FILE", "send the next result to FILE"),
        (".maxrows", ".maxrows [N]", "show at most N rows of a table (0: all)"),
        (".width", ".width [N]", "render tables and charts N columns wide (20 to 1000)"),
        (".vars", ".vars", "list variables with their kind and summary"),
        (".seed", ".seed [N|off]", "default seed for simulations that give none"),
        (".bail", ".bail [on|off]", "stop a script at the first error"),
        (".echo", ".echo [on|off]", "print each statement before running it"),
        (".charset", ".charset [unicode|ascii]", "glyphs charts may use"),
        (".color", ".color [on|off]", "ANSI colour in charts"),
        (".last", ".last", "show the last result again, without row limits"),
        (".history", ".history [N]", "show the last N statements typed (default 20)"),
    ]

    /// Dot-command arguments that completion offers.
    public static let commandChoices: [String: [String]] = [
        ".mode": RenderOptions.Mode.allCases.map(\.rawValue),
        ".timer": ["on", "off"], ".bail": ["on", "off"], ".echo": ["on", "off"], ".color": ["on", "off"],
        ".charset": ["unicode", "ascii"],
        ".seed": ["off"],
    ]

    func runCommand(_ name: String, _ arguments: [String]) throws {
        let canonical = name == ".exit" || name == ".q" ? ".quit" : name
        func usage() -> PanoramaError {
            let u = Session.commands.first { $0.name == canonical }?.usage ?? name
            return .failed("usage: \(u)", at: nil)
        }
        /// No argument: nil (show the setting). One argument: it. More: a usage error.
        func argument() throws -> String? {
            guard arguments.count <= 1 else { throw usage() }
            return arguments.first
        }
        func noArguments() throws {
            guard arguments.isEmpty else { throw usage() }
        }
        /// `.timer on` → true; `.timer` shows the setting and returns nil.
        func onOff(_ current: Bool) throws -> Bool? {
            guard let a = try argument() else { write(current ? "on" : "off"); return nil }
            guard a == "on" || a == "off" else { throw usage() }
            return a == "on"
        }
        func count(_ current: Int, minimum: Int = 0) throws -> Int? {
            guard let a = try argument() else { write(String(current)); return nil }
            guard let n = Int(a), n >= minimum else { throw usage() }
            return n
        }

        switch canonical {
        case ".quit":
            try noArguments()
            quitRequested = true
        case ".help":
            write(Help.text(for: arguments.joined(separator: " "), session: self))
        case ".mode":
            guard let a = try argument() else { write(options.mode.rawValue); return }
            guard let mode = RenderOptions.Mode(rawValue: a) else { throw usage() }
            options.mode = mode
        case ".timer": if let v = try onOff(timer) { timer = v }
        case ".bail": if let v = try onOff(bail) { bail = v }
        case ".echo": if let v = try onOff(echo) { echo = v }
        case ".color": if let v = try onOff(options.color) { options.color = v }
        case ".charset":
            guard let a = try argument() else { write(options.charset.rawValue); return }
            guard let c = RenderOptions.Charset(rawValue: a) else { throw usage() }
            options.charset = c
            options.numbers.ascii = c == .ascii
        case ".maxrows": if let n = try count(options.maxRows) { options.maxRows = n }
        case ".width":
            if let n = try count(options.width) {
                let (width, note) = RenderOptions.clampedWidth(n, from: ".width")
                if let note { diagnostics(options.note(note)) }
                options.width = width
            }
        case ".seed":
            guard let a = try argument() else {
                write(interpreter.defaultSeed.map(String.init) ?? "off")
                return
            }
            if a == "off" { interpreter.defaultSeed = nil; return }
            guard let n = UInt64(a) else { throw usage() }
            interpreter.defaultSeed = n
        case ".vars":
            try noArguments()
            listVariables()
        case ".read":
            guard arguments.count == 1 else { throw usage() }
            try read(arguments[0])
        case ".output", ".once":
            guard arguments.count <= 1, !(canonical == ".once" && arguments.isEmpty) else { throw usage() }
            if var previous = redirect {
                redirect = nil
                do { try previous.close() } catch { previous.discard(); throw error }
            }
            guard let path = arguments.first else { return }
            redirect = OutputRedirect(file: try AtomicFile(path: path), once: canonical == ".once")
        case ".last":
            try noArguments()
            guard let value = lastValue else { write("no result yet"); return }
            let saved = options.maxRows
            options.maxRows = 0
            show(value)
            options.maxRows = saved
        case ".history":
            let a = try argument()
            guard let n = a.map({ Int($0) }) ?? 20, n >= 1 else { throw usage() }
            write(historyProvider?(n) ?? "no history: .history lists what was typed at the interactive prompt")
        default:
            let s = suggestion(for: name, among: Session.commands.map(\.name))
            throw PanoramaError.failed("unknown command '\(name)'" + (s.map { ". Did you mean '\($0)'?" } ?? "")
                                       + " (.help commands lists them)", at: nil)
        }
    }

    /// `.vars`: name, kind and one-line summary of each variable, by name.
    func listVariables() {
        let names = interpreter.variables.keys.filter { $0 != "args" || !isEmptyArgs }.sorted()
        if names.isEmpty { write("no variables yet"); return }
        let frame = Frame(columns: [
            Column(name: "name", .text(Categorical(names.map { Optional($0) }))),
            Column(name: "kind", .text(Categorical(names.map { interpreter.variables[$0]!.kindName }))),
            Column(name: "summary", .text(Categorical(names.map { Display.summary(interpreter.variables[$0]!, options) }))),
        ])
        if options.mode == .json {
            write(Display.json(.frame(frame), options).text)
        } else {
            write(renderTable(frame, options))
        }
    }

    /// `.read FILE`: runs the script here; its errors name the file and line.
    func read(_ path: String) throws {
        guard files.count < Session.maximumReadDepth else {
            let chain = files + [path]
            // The innermost loop when there is one (a.pan → b.pan → a.pan), else the whole chain.
            let loop = files.lastIndex(of: path).map { Array(chain[$0...]) }
            readTooDeep = true
            throw PanoramaError.failed(".read nests files more than \(Session.maximumReadDepth) deep: "
                                       + (loop.map { $0.joined(separator: " → ") + " (a loop)" } ?? chain.joined(separator: " → ")),
                                       at: nil)
        }
        let text = try ScriptFile.text(path)
        // A Ctrl-C inside the script stops this statement too, with one `interrupted` (the
        // outer run's): the inner run keeps its interruption to itself. Once `.read` went too
        // deep, the files above it stop without a line each (`quietUnwind`).
        let saved = diagnostics
        diagnostics = { [unowned self] in if !quietUnwind { saved($0) } }
        let inner = run(text, file: path, lineOffset: 0, showsInterruption: false)
        diagnostics = saved
        if readTooDeep && bail { quietUnwind = true }
        if inner.interrupted || interpreter.isCancelled() { throw PanoramaError.interrupted }
        if inner.outcome == .failed && bail {
            throw PanoramaError.failed("stopped: '\(path)' had an error", at: nil)
        }
    }

    var isEmptyArgs: Bool {
        if case .vector(let c)? = interpreter.variables["args"] { return c.count == 0 }
        return false
    }
}
