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
    /// The scripts to run, in order, in one session.
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

    /// Shows `error` as every error is shown (`FILE: error: …` when it concerns a file) and
    /// returns the exit status it ends the command with.
    public static func report(_ error: PanoramaError, file: String? = nil) -> Int32 {
        standardError(ErrorRenderer.render(error, file: file))
        return error.exitCode
    }

    /// Runs everything asked, then closes the `.output` file and checks that standard output
    /// took every result (exit 1 with a message when it did not).
    public func run() -> Int32 {
        var session: Session?
        var code = execute(&session)
        if let session, !session.closeOutput(), code == 0 { code = 1 }
        return StandardStreams.finish(code)
    }

    func execute(_ created: inout Session?) -> Int32 {
        let files = arguments
        let scriptArgs = scriptArguments
        let environment = ProcessInfo.processInfo.environment
        let stdinIsTerminal = Terminal.isTerminal(0)
        let stdoutIsTerminal = Terminal.isTerminal(1)
        var options = RenderOptions()
        options.mode = format ?? .box
        options.width = Launcher.terminalWidth(stdoutIsTerminal) { Launcher.standardError(options.note($0)) }
        options.color = Terminal.supportsColor(isTerminal: stdoutIsTerminal, environment)
        options.charset = Terminal.supportsUTF8(environment) ? .unicode : .ascii
        options.numbers.ascii = options.charset == .ascii

        let session = Session(options: options, isCancelled: { Interruption.isRequested })
        created = session
        session.interpreter.set("args", .vector(Column(name: "args", .text(Categorical(scriptArgs.map { Optional($0) })))))
        session.interpreter.parameterValues = ScriptParameters.parse(scriptArgs)
        if let error = Launcher.parameterProblem(scriptArgs, files: files) {
            return Launcher.report(error)
        }
        Interruption.install()

        if !noInit {
            let path = initFile ?? (environment["HOME"].map { $0 + "/.panoramarc" } ?? "")
            if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
                // At the interactive prompt a broken rc file is reported and the shell starts
                // anyway (as the DuckDB shell does); a script or -e run stops with exit 1.
                let interactive = expressions.isEmpty && files.isEmpty && stdinIsTerminal && stdoutIsTerminal
                if session.run(text, file: path).outcome == .failed && !interactive { return 1 }
            } else if initFile != nil {
                return Launcher.report(.failed("cannot read init file '\(path)'", at: nil))
            }
        }
        for code in expressions {
            if let code = Launcher.exitCode(session.run(code)) { return code }
        }
        for file in files {
            let text: String
            do { text = try ScriptFile.text(file) } catch { return Launcher.report(error) }
            if let code = Launcher.exitCode(session.run(text, file: file)) { return code }
        }
        if !expressions.isEmpty || !files.isEmpty { return 0 }
        if stdinIsTerminal && stdoutIsTerminal {
            let historyFile = REPL.historyPath(environment)
            if historyFile == nil {
                Launcher.standardError(session.options.note("history is not saved: neither HOME nor XDG_STATE_HOME is set"))
            }
            var reader = EditLineReader(historyFile: historyFile, wasInterrupted: { Interruption.takeSignal() })
            return REPL(session: session, terminalWidth: { Launcher.terminalWidth(true) }).run(&reader)
        }
        // Piped stdin: a script, no prompt, no banner.
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            return Launcher.report(.failed("the input is not UTF-8 text", at: nil), file: "<stdin>")
        }
        return Launcher.exitCode(session.run(text, file: "<stdin>")) ?? 0
    }

    /// The exit code a run ends the process with, or nil to go on: 130 when Ctrl-C stopped it,
    /// 1 after an error, 0 after `.quit`.
    static func exitCode(_ result: RunResult) -> Int32? {
        switch result.outcome {
        case .failed: return result.interrupted ? 130 : 1
        case .quit: return 0
        case .ok: return nil
        }
    }

    /// COLUMNS, else the terminal's width, else 80; clamped to `RenderOptions.widthRange`.
    /// - Parameter note: told when COLUMNS is outside the range.
    static func terminalWidth(_ isTerminal: Bool, note: (String) -> Void = { _ in }) -> Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c) {
            let clamped = RenderOptions.clampedWidth(n, from: "COLUMNS")
            clamped.note.map(note)
            return clamped.width
        }
        if isTerminal, let columns = Terminal.columns() {
            return RenderOptions.clampedWidth(columns, from: "the terminal width").width
        }
        return 80
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
            return Launcher.report(.failed("cannot read notebook '\(input)'", at: nil))
        }
        Interruption.install()
        // Errors name the notebook by its file name, so outputs do not depend on the working directory.
        let name = URL(fileURLWithPath: input).lastPathComponent
        let given = ScriptParameters.parse(parameters)
        if let bad = parameters.first(where: { !$0.contains("=") }) {
            return Launcher.report(.usage("-p takes name=value, not '\(bad)'"))
        }
        let declared = Notebook(markdown: text).parameterNames
        if declared.isEmpty, let first = given.keys.sorted().first {
            return Launcher.report(.usage("no parameter named '\(first)': the notebook declares none (param(\"name\", default=…) declares one)"))
        }
        if let problem = ScriptParameters.problem(parameters, declared: declared, listing: "the notebook declares " + declared.joined(separator: ", ")) {
            return Launcher.report(problem)
        }
        let result = Notebook(markdown: text).execute(file: name, keepGoing: keepGoing, parameters: given.isEmpty ? nil : given,
                                                      isCancelled: { Interruption.isRequested })
        if !result.succeeded && !keepGoing {
            for e in result.errors { Launcher.standardError(e) }
        }
        if check {
            if result.text != text {
                _ = Launcher.report(.failed("'\(input)' is out of date: its outputs differ from a fresh run", at: nil))
                Launcher.standardError(lineDiff(text, result.text, oldName: input, newName: "fresh run"))
                return 1
            }
            return result.exitCode
        }
        let target = output ?? input
        do {
            try AtomicFile.write(Data(result.text.utf8), to: target)
        } catch {
            let reason = (error as? DataError)?.problem ?? PanoramaError.wrap(error).message
            return Launcher.report(.failed("cannot write '\(target)': " + reason, at: nil))
        }
        return result.exitCode
    }
}
