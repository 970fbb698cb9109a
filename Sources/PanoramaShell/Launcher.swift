import Foundation
import LineEditing
import PanoramaKit

/// Runs panorama as the command line asked: `-e` code, scripts, piped stdin or the REPL.
/// Returns the exit code (0 ok, 1 error in user code or data, 64 usage, 130 interrupted).
public struct Launcher {
    public var expressions: [String]
    public var format: RenderOptions.Mode?
    public var initFile: String?
    public var noInit: Bool
    public var arguments: [String]
    /// What followed `--` on the command line: the script's `args`.
    public var scriptArguments: [String]

    public init(expressions: [String], format: RenderOptions.Mode?, initFile: String?, noInit: Bool, arguments: [String],
                scriptArguments: [String] = []) {
        self.scriptArguments = scriptArguments
        self.expressions = expressions
        self.format = format
        self.initFile = initFile
        self.noInit = noInit
        self.arguments = arguments
    }

    static func standardError(_ text: String) { StandardStreams.error(text) }

    /// Runs everything asked, then closes the `.output` file and checks that standard output
    /// took every result (exit 1 with a message when it did not).
    public func run() -> Int32 {
        var session: Session?
        var code = execute(&session)
        if let session, !session.closeOutput(), code == 0 { code = 1 }
        return StandardStreams.finish(code)
    }

    func execute(_ created: inout Session?) -> Int32 {
        var files = arguments
        let scriptArgs = scriptArguments
        if files.first == "run" { files.removeFirst() }
        if let bad = files.first(where: { $0.hasPrefix("-") && $0.count > 1 }) {
            Launcher.standardError("error: unknown option '\(bad)' (panorama --help lists them)")
            return 64
        }
        let stdinIsTerminal = isatty(0) == 1
        let stdoutIsTerminal = isatty(1) == 1
        var options = RenderOptions()
        options.mode = format ?? .box
        options.width = Launcher.terminalWidth(stdoutIsTerminal) { Launcher.standardError(options.note($0)) }
        options.color = Launcher.colorAllowed(terminal: stdoutIsTerminal, ProcessInfo.processInfo.environment)
        options.charset = Launcher.unicodeAllowed() ? .unicode : .ascii
        options.numbers.ascii = options.charset == .ascii

        let session = Session(options: options, isCancelled: { Interruption.isRequested })
        created = session
        session.interpreter.set("args", .vector(Column(name: "args", .text(Categorical(scriptArgs.map { Optional($0) })))))
        session.interpreter.parameterValues = ScriptParameters.parse(scriptArgs)
        if let message = Launcher.undeclaredParameter(session.interpreter.parameterValues, files: files) {
            Launcher.standardError(message)
            return 64
        }
        Interruption.install()

        if !noInit {
            let path = initFile ?? (ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.panoramarc" } ?? "")
            if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
                // At the interactive prompt a broken rc file is reported and the shell starts
                // anyway (as the DuckDB shell does); a script or -e run stops with exit 1.
                let interactive = expressions.isEmpty && files.isEmpty && stdinIsTerminal && stdoutIsTerminal
                if session.run(text, file: path) == .failed && !interactive { return 1 }
            } else if initFile != nil {
                Launcher.standardError("error: cannot read init file '\(path)'")
                return 1
            }
        }
        for code in expressions {
            switch session.run(code) {
            case .failed: return Interruption.wasInterrupted ? 130 : 1
            case .quit: return 0
            case .ok: continue
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Launcher.standardError("error: cannot read '\(file)'")
                return 1
            }
            guard let text = String(data: data, encoding: .utf8) else {
                Launcher.standardError("\(file): error: the file is not UTF-8 text")
                return 1
            }
            switch session.run(text, file: file) {
            case .failed: return Interruption.wasInterrupted ? 130 : 1
            case .quit: return 0
            case .ok: continue
            }
        }
        if !expressions.isEmpty || !files.isEmpty { return 0 }
        if stdinIsTerminal && stdoutIsTerminal {
            return REPL(session: session).run()
        }
        // Piped stdin: a script, no prompt, no banner.
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            Launcher.standardError("<stdin>: error: the input is not UTF-8 text")
            return 1
        }
        return session.run(text, file: "<stdin>") == .failed ? (Interruption.wasInterrupted ? 130 : 1) : 0
    }

    /// COLUMNS, else the terminal's width, else 80; clamped to `RenderOptions.widthRange`.
    /// - Parameter note: told when COLUMNS is outside the range.
    static func terminalWidth(_ isTerminal: Bool, note: (String) -> Void = { _ in }) -> Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c) {
            let clamped = RenderOptions.clampedWidth(n, from: "COLUMNS")
            clamped.note.map(note)
            return clamped.width
        }
        if isTerminal {
            var size = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                return RenderOptions.clampedWidth(Int(size.ws_col), from: "the terminal width").width
            }
        }
        return 80
    }

    /// Colour only on a terminal that can show it: not `TERM=dumb`, not with `NO_COLOR` set
    /// to anything non-empty (no-color.org).
    static func colorAllowed(terminal: Bool, _ env: [String: String]) -> Bool {
        terminal && env["TERM"] != "dumb" && (env["NO_COLOR"] ?? "").isEmpty
    }

    static func unicodeAllowed() -> Bool {
        let env = ProcessInfo.processInfo.environment
        if env["TERM"] == "dumb" { return false }
        let locale = env["LC_ALL"] ?? env["LC_CTYPE"] ?? env["LANG"] ?? ""
        if locale.isEmpty { return true }
        return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }
}

/// `panorama notebook IN.md [-o OUT.md] [--check] [--keep-going]`.
public struct NotebookLauncher {
    public var input: String
    public var output: String?
    public var check: Bool
    public var keepGoing: Bool
    /// `-p name=value`: values for the notebook's `param(…)` calls.
    public var parameters: [String] = []

    public init(input: String, output: String?, check: Bool, keepGoing: Bool) {
        self.input = input
        self.output = output
        self.check = check
        self.keepGoing = keepGoing
    }

    public func run() -> Int32 {
        guard let data = FileManager.default.contents(atPath: input), let text = String(data: data, encoding: .utf8) else {
            Launcher.standardError("error: cannot read notebook '\(input)'")
            return 1
        }
        Interruption.install()
        // Errors name the notebook by its file name, so outputs do not depend on the working directory.
        let name = URL(fileURLWithPath: input).lastPathComponent
        let given = ScriptParameters.parse(parameters)
        if let bad = parameters.first(where: { !$0.contains("=") }) {
            Launcher.standardError("error: -p takes name=value, not '\(bad)'")
            return 64
        }
        let result = Notebook(markdown: text).execute(file: name, keepGoing: keepGoing, parameters: given.isEmpty ? nil : given,
                                                      isCancelled: { Interruption.isRequested })
        if !result.succeeded && !keepGoing {
            for e in result.errors { Launcher.standardError(e) }
        }
        if check {
            if result.text != text {
                Launcher.standardError("error: '\(input)' is out of date: its outputs differ from a fresh run")
                Launcher.standardError(lineDiff(text, result.text, oldName: input, newName: "fresh run"))
                return 1
            }
            return result.succeeded ? 0 : 1
        }
        let target = output ?? input
        do {
            try AtomicFile.write(Data(result.text.utf8), to: target)
        } catch {
            Launcher.standardError("error: cannot write '\(target)': " + ((error as? DataError)?.problem ?? "\(error)"))
            return 1
        }
        return result.succeeded ? 0 : 1
    }
}
