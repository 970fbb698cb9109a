import Foundation
import PanoramaKit

/// One session of the language: the door every input goes through (REPL, `-e`, scripts,
/// notebooks, tests). `run(_:)` turns text into output on the two sinks.
public final class Session {
    public let interpreter: Interpreter
    /// Results (stdout).
    public var output: (String) -> Void
    /// Errors, notes, timings (stderr).
    public var diagnostics: (String) -> Void
    /// At the REPL: an assignment prints its one-line summary.
    public var interactive = false
    public var timer = false
    public var echo = false
    /// Stop a script at the first error (scripts: on; REPL: off).
    public var bail = true
    /// Set by `.quit`.
    public internal(set) var quitRequested = false
    /// Where `.output FILE` / `.once FILE` send results.
    var redirect: OutputRedirect?
    /// Why the last write to the `.output` file failed, until reported.
    var writeFailure: PanoramaError?
    /// The last value printed, unabridged, for `.last`.
    public private(set) var lastValue: Value?
    /// The values shown by the statements of the current `run`.
    var shownValues: [Value] = []
    /// Datasets loaded during the session, with their content hash (for notebooks).
    public var loadedDatasets: [(name: String, hash: String)] = []
    /// Supplies `.history N` text (set by the REPL).
    public var historyProvider: ((Int) -> String)?
    /// The files being run, outermost first (a script or rc file, then what it `.read`s).
    var files: [String] = []
    /// Set when `.read` went too deep, then (once that one line is reported) `quietUnwind`:
    /// the files above it stop without a line each.
    var readTooDeep = false
    var quietUnwind = false
    /// How many files `.read` may nest (a file reading itself stops here, not by overflowing).
    static let maximumReadDepth = 16
    /// When set, shown values go here instead of as text to `output` (the Jupyter kernel
    /// sends them as rich results); `.output FILE` still takes precedence.
    public var valueSink: ((Value) -> Void)?

    public init(options: RenderOptions = RenderOptions(),
                isCancelled: @escaping @Sendable () -> Bool = { false },
                output: @escaping (String) -> Void = StandardStreams.output,
                diagnostics: @escaping (String) -> Void = StandardStreams.error) {
        self.interpreter = Interpreter(options: options, isCancelled: isCancelled)
        self.output = output
        self.diagnostics = diagnostics
        interpreter.set("args", .vector(Column(name: "args", .text(Categorical([String?]())))))
        interpreter.onLoad = { [weak self] name, hash in self?.loadedDatasets.append((name: name, hash: hash)) }
        interpreter.printer = { [weak self] value in self?.show(value) }
    }

    public var options: RenderOptions {
        get { interpreter.options }
        set { interpreter.options = newValue }
    }

    /// Runs every statement of `text` and says what happened: the values shown, the notes, the
    /// errors and whether Ctrl-C stopped it. Stops at the first error when `bail` is on.
    ///
    /// The text also streams to the sinks as it is produced (results on `output`, notes and
    /// rendered errors on `diagnostics`), so a long script shows its progress; callers decide
    /// what to do from the returned `RunResult`, never from that text.
    /// - Parameters:
    ///   - file: the script's name for `FILE:LINE:COL:` prefixes (nil at the REPL and for `-e`).
    ///   - lineOffset: lines before `text` in that file.
    ///
    /// The statements run on a thread with a large stack (`LargeStack`), so that a recursion may
    /// go `Interpreter.maximumCallDepth` levels deep whatever thread calls.
    @discardableResult
    public func run(_ text: String, file: String? = nil, lineOffset: Int = 0) -> RunResult {
        var result = RunResult(source: text, file: file, lineOffset: lineOffset)
        LargeStack.run {
            // Error lines are batched while the text runs (see StandardStreams.batchingErrors).
            result = StandardStreams.batchingErrors { run(text, file: file, lineOffset: lineOffset, showsInterruption: true) }
        }
        return result
    }

    /// `run`; `showsInterruption` false for a script run by `.read`, whose Ctrl-C the outer
    /// statement reports.
    func run(_ text: String, file: String?, lineOffset: Int, showsInterruption: Bool) -> RunResult {
        if files.isEmpty { (readTooDeep, quietUnwind) = (false, false) }
        if let file { files.append(file) }
        defer { if file != nil { files.removeLast() } }
        let outer = shownValues
        shownValues = []
        var result = runStatements(text, file: file, lineOffset: lineOffset, showsInterruption: showsInterruption)
        result.shown = shownValues
        shownValues = outer + shownValues
        return result
    }

    func runStatements(_ text: String, file: String?, lineOffset: Int, showsInterruption: Bool) -> RunResult {
        var result = RunResult(source: text, file: file, lineOffset: lineOffset)
        func fail(_ error: PanoramaError) {
            flushNotes(into: &result)
            result.errors.append(error)
            result.outcome = .failed
            if showsInterruption || !error.isInterruption { diagnostics(result.render(error)) }
        }
        let statements: [Statement]
        do {
            statements = try Parser.parse(text)
        } catch {
            fail(PanoramaError.wrap(error))
            return result
        }
        for statement in statements {
            if echo, let source = sourceText(of: statement, in: text) { output(source.controlsEscaped) }
            let clock = ContinuousClock.now
            let timed = timer, cpu = timed ? Session.cpuSeconds() : 0  // a system call: only when timing
            do {
                try execute(statement, source: text, file: file, lineOffset: lineOffset)
                try takeWriteFailure(at: statement.range)
            } catch {
                let failure = PanoramaError.wrap(error)
                fail(failure)
                // This error, not `result.interrupted` (a scan of every error so far: quadratic
                // in a script of many failing lines under `.bail off`).
                if bail || failure.isInterruption { return result }
                continue
            }
            flushNotes(into: &result)
            if timed && timer {
                let wall = ContinuousClock.now - clock
                let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
                diagnostics(String(format: "Run Time: wall %.4f s, cpu %.4f s", seconds, Session.cpuSeconds() - cpu))
            }
            if quitRequested {
                result.outcome = .quit
                return result
            }
        }
        return result
    }

    /// Moves the notes the statement raised into `result`, showing each on the diagnostics.
    func flushNotes(into result: inout RunResult) {
        for note in interpreter.takeNotes() {
            result.notes.append(note)
            diagnostics(options.note(note))
        }
    }

    func sourceText(of statement: Statement, in text: String) -> String? {
        let range = statement.range
        let utf8 = text.utf8
        guard range.offset >= 0, range.length >= 0, range.offset + range.length <= utf8.count else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: range.offset)
        return String(decoding: utf8[start..<utf8.index(start, offsetBy: range.length)], as: UTF8.self)
    }

    func execute(_ statement: Statement, source: String, file: String?, lineOffset: Int) throws {
        switch statement {
        case .command(let name, let arguments, let range):
            do {
                try runCommand(name, arguments)
            } catch let error as PanoramaError {
                throw error.placed(at: range)
            }
        case .expression(let expr, let silent):
            interpreter.invisible = false
            let value = try interpreter.evaluate(expr)
            // A loop (or an if without else not taken) has no value to keep in `ans`.
            if case .na = value, interpreter.invisible {} else { interpreter.set("ans", value) }
            if !Session.quiet(silent, expr.range, in: source) && !interpreter.invisible { show(value) }
        case .assign(let name, _, let silent, let range):
            let value = try interpreter.execute(statement, scope: nil)
            if interactive && !Session.quiet(silent, range, in: source) && options.mode != .json {
                write(Display.assigned(name, value, options))
            }
        case .assignColumn(let frameName, _, _, let silent, let range):
            let frame = try interpreter.execute(statement, scope: nil)
            if interactive && !Session.quiet(silent, range, in: source) && options.mode != .json {
                write(Display.assigned(frameName, frame, options))
            }
        case .assignIndex(let target, _, _, let silent, let range):
            _ = try interpreter.execute(statement, scope: nil)
            if interactive && !Session.quiet(silent, range, in: source) && options.mode != .json, let name = target.rootName,
               let value = interpreter.variables[name] {
                write(Display.assigned(name, value, options))
            }
        }
    }

    /// Whether a statement the parser marked `silent` (a `;` after it) stays quiet: only when the
    /// `;` ends the line, as in R and the DuckDB shell — `sum(x); mean(y)` prints both values,
    /// `m = ols(…);` at the end of a line prints nothing.
    static func quiet(_ silent: Bool, _ range: SourceRange, in source: String) -> Bool {
        guard silent else { return false }
        let bytes = Array(source.utf8)
        var i = range.offset + range.length
        func skipBlanks() { while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 } }
        skipBlanks()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ";") else { return true }
        while i < bytes.count && bytes[i] == UInt8(ascii: ";") { i += 1; skipBlanks() }
        return i == bytes.count || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == UInt8(ascii: "#")
    }

    /// Prints a value in the current mode.
    public func show(_ value: Value) {
        lastValue = value
        shownValues.append(value)
        if let valueSink, redirect == nil {
            valueSink(value)
        } else if options.mode == .json {
            write(Display.json(value, options).text)
        } else {
            write(Display.render(value, options))
        }
    }

    func write(_ text: String) {
        guard var r = redirect else { output(text); return }
        do {
            try r.write(text)
            redirect = r.once ? nil : r
            if r.once { try r.close() }
        } catch {
            r.discard()
            redirect = nil
            writeFailure = writeFailure ?? PanoramaError.wrap(error)
        }
    }

    /// Throws (once) the error of a failed write to an `.output` file or to standard output, so
    /// that the statement that wrote fails (and with `.bail on` the script stops there).
    func takeWriteFailure(at range: SourceRange? = nil) throws {
        if let lost = StandardStreams.takeLostWrite() { throw PanoramaError.failed(lost, at: range) }
        guard let failure = writeFailure else { return }
        writeFailure = nil
        throw failure
    }

    /// Closes the `.output` file, renaming it into place; false (and the error on the
    /// diagnostics) when it cannot be written. Call when the session ends.
    public func closeOutput() -> Bool {
        guard var r = redirect else { return true }
        redirect = nil
        do {
            try r.close()
            return true
        } catch {
            r.discard()
            diagnostics(ErrorRenderer.render(PanoramaError.wrap(error)))
            return false
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}

/// `.output FILE` and `.once FILE`: results go to a file, written atomically: a temporary
/// file beside it is renamed into place when the output is closed (`AtomicFile`).
struct OutputRedirect {
    var file: AtomicFile
    let once: Bool

    mutating func write(_ text: String) throws {
        try file.append(Data((text + "\n").utf8))
    }

    mutating func close() throws { try file.commit() }

    mutating func discard() { file.discard() }
}
