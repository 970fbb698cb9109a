import Foundation
import PanoramaKit

/// The dot-commands: the shell itself, not the analysis (DESIGN §2).
extension Session {
    /// Each dot-command: its usage and one line of help. `.help` and completion read this.
    public static let commands: [(name: String, usage: String, summary: String)] = [
        (".help", ".help [name|pattern|topic]", "list topics, show a builtin's help, or search"),
        (".quit", ".quit", "leave panorama"),
        (".mode", ".mode box|markdown|csv|json", "how results print"),
        (".timer", ".timer on|off", "print wall and CPU time after each statement"),
        (".read", ".read FILE", "run a script in this session"),
        (".output", ".output [FILE]", "send results to FILE (no FILE: back to the screen)"),
        (".once", ".once FILE", "send the next result to FILE"),
        (".maxrows", ".maxrows N", "show at most N rows of a table (0: all)"),
        (".width", ".width N", "render tables and charts N columns wide"),
        (".vars", ".vars", "list variables with their kind and summary"),
        (".seed", ".seed N", "default seed for simulations that give none"),
        (".bail", ".bail on|off", "stop a script at the first error"),
        (".echo", ".echo on|off", "print each statement before running it"),
        (".charset", ".charset unicode|ascii", "glyphs charts may use"),
        (".color", ".color on|off", "ANSI colour in charts"),
        (".last", ".last", "show the last result again, without row limits"),
        (".history", ".history [N]", "show the last N statements typed"),
    ]

    /// Dot-command arguments that completion offers.
    public static let commandChoices: [String: [String]] = [
        ".mode": RenderOptions.Mode.allCases.map(\.rawValue),
        ".timer": ["on", "off"], ".bail": ["on", "off"], ".echo": ["on", "off"], ".color": ["on", "off"],
        ".charset": ["unicode", "ascii"],
    ]

    func runCommand(_ name: String, _ arguments: [String]) throws {
        func usage() -> PanoramaError {
            let u = Session.commands.first { $0.name == name }?.usage ?? name
            return .failed("usage: \(u)", at: nil)
        }
        func onOff() throws -> Bool {
            guard arguments.count == 1, let a = arguments.first, a == "on" || a == "off" else { throw usage() }
            return a == "on"
        }
        func count() throws -> Int {
            guard arguments.count == 1, let n = Int(arguments[0]), n >= 0 else { throw usage() }
            return n
        }
        switch name {
        case ".quit", ".exit", ".q":
            quitRequested = true
        case ".help":
            write(Help.text(for: arguments.joined(separator: " "), session: self))
        case ".mode":
            guard arguments.count == 1, let mode = RenderOptions.Mode(rawValue: arguments[0]) else { throw usage() }
            options.mode = mode
        case ".timer": timer = try onOff()
        case ".bail": bail = try onOff()
        case ".echo": echo = try onOff()
        case ".color": options.color = try onOff()
        case ".charset":
            guard arguments.count == 1, let c = RenderOptions.Charset(rawValue: arguments[0]) else { throw usage() }
            options.charset = c
            options.numbers.ascii = c == .ascii
        case ".maxrows": options.maxRows = try count()
        case ".width":
            let n = try count()
            guard n >= 20 else { throw PanoramaError.failed(".width needs at least 20 columns", at: nil) }
            options.width = n
        case ".seed":
            guard arguments.count == 1, let n = UInt64(arguments[0]) else { throw usage() }
            interpreter.defaultSeed = n
        case ".vars":
            let names = interpreter.variables.keys.filter { $0 != "args" || !isEmptyArgs }.sorted()
            if names.isEmpty { write("no variables yet"); return }
            let frame = Frame(columns: [
                Column(name: "name", .text(Categorical(names.map { Optional($0) }))),
                Column(name: "kind", .text(Categorical(names.map { interpreter.variables[$0]!.kindName }))),
                Column(name: "summary", .text(Categorical(names.map { Display.summary(interpreter.variables[$0]!, options) }))),
            ])
            write(renderTable(frame, options))
        case ".read":
            guard arguments.count == 1 else { throw usage() }
            let path = arguments[0]
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8) else {
                throw PanoramaError.failed("cannot read '\(path)'", at: nil)
            }
            // A Ctrl-C inside the script stops this statement too, with one `interrupted`.
            let saved = diagnostics
            diagnostics = { if $0 != "interrupted" { saved($0) } }
            let outcome = run(text, file: path)
            diagnostics = saved
            if interpreter.isCancelled() { throw PanoramaError.interrupted }
            if outcome == .failed && bail {
                throw PanoramaError.failed("stopped: '\(path)' had an error", at: nil)
            }
        case ".output", ".once":
            redirect?.close()
            redirect = nil
            if arguments.isEmpty && name == ".output" { return }
            guard arguments.count == 1 else { throw usage() }
            guard FileManager.default.createFile(atPath: arguments[0], contents: nil),
                  let handle = FileHandle(forWritingAtPath: arguments[0]) else {
                throw PanoramaError.failed("cannot write '\(arguments[0])'", at: nil)
            }
            redirect = OutputRedirect(handle: handle, once: name == ".once")
        case ".last":
            guard let value = lastValue else { write("no result yet"); return }
            let saved = options.maxRows
            options.maxRows = 0
            show(value)
            options.maxRows = saved
        case ".history":
            write(historyProvider?(arguments.first.flatMap { Int($0) } ?? 20) ?? "no history in this session")
        default:
            let s = suggestion(for: name, among: Session.commands.map(\.name))
            throw PanoramaError.failed("unknown command '\(name)'" + (s.map { ". Did you mean '\($0)'?" } ?? "")
                                       + " (.help lists them)", at: nil)
        }
    }

    var isEmptyArgs: Bool {
        if case .vector(let c)? = interpreter.variables["args"] { return c.count == 0 }
        return false
    }
}
