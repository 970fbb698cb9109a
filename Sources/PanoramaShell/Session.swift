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
    /// The last value printed, unabridged, for `.last`.
    public private(set) var lastValue: Value?
    /// Datasets loaded during the session, with their content hash (for notebooks).
    public var loadedDatasets: [(name: String, hash: String)] = []
    /// Supplies `.history N` text (set by the REPL).
    public var historyProvider: ((Int) -> String)?
    /// When set, shown values go here instead of as text to `output` (the Jupyter kernel
    /// sends them as rich results); `.output FILE` still takes precedence.
    public var valueSink: ((Value) -> Void)?

    public enum Outcome: Equatable, Sendable {
        case ok
        case failed
        case quit
    }

    public init(options: RenderOptions = RenderOptions(),
                isCancelled: @escaping @Sendable () -> Bool = { false },
                output: @escaping (String) -> Void = { print($0) },
                diagnostics: @escaping (String) -> Void = { FileHandle.standardError.write(($0 + "\n").data(using: .utf8)!) }) {
        self.interpreter = Interpreter(options: options, isCancelled: isCancelled)
        self.output = output
        self.diagnostics = diagnostics
        interpreter.set("args", .vector(Column(name: "args", .text(Categorical([String?]())))))
        interpreter.onLoad = { [weak self] name, hash in self?.loadedDatasets.append((name: name, hash: hash)) }
    }

    public var options: RenderOptions {
        get { interpreter.options }
        set { interpreter.options = newValue }
    }

    /// Runs every statement of `text`. Stops at the first error when `bail` is on.
    /// - Parameters:
    ///   - file: the script's name for `FILE:LINE:COL:` prefixes (nil at the REPL and for `-e`).
    ///   - lineOffset: lines before `text` in that file.
    @discardableResult
    public func run(_ text: String, file: String? = nil, lineOffset: Int = 0) -> Outcome {
        let statements: [Statement]
        do {
            statements = try Parser.parse(text)
        } catch {
            diagnostics(ErrorRenderer.render(error, source: text, file: file, lineOffset: lineOffset))
            return .failed
        }
        var outcome = Outcome.ok
        for statement in statements {
            if echo, let source = sourceText(of: statement, in: text) { output(source) }
            let clock = ContinuousClock.now
            let cpu = Session.cpuSeconds()
            do {
                try execute(statement, source: text, file: file, lineOffset: lineOffset)
            } catch {
                flushNotes()
                diagnostics(ErrorRenderer.render(PanoramaError.wrap(error), source: text, file: file, lineOffset: lineOffset))
                outcome = .failed
                if bail || (error as? PanoramaError).map({ if case .interrupted = $0 { true } else { false } }) == true {
                    return outcome
                }
                continue
            }
            flushNotes()
            if timer {
                let wall = ContinuousClock.now - clock
                let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
                diagnostics(String(format: "Run Time: wall %.3f s, cpu %.3f s", seconds, Session.cpuSeconds() - cpu))
            }
            if quitRequested { return .quit }
        }
        return outcome
    }

    func flushNotes() {
        for note in interpreter.takeNotes() { diagnostics(options.note(note)) }
    }

    func sourceText(of statement: Statement, in text: String) -> String? {
        let range: SourceRange
        switch statement {
        case .assign(_, _, _, let r), .assignColumn(_, _, _, _, let r), .command(_, _, let r): range = r
        case .expression(let e, _): range = e.range
        }
        let bytes = Array(text.utf8)
        guard range.offset + range.length <= bytes.count else { return nil }
        return String(decoding: bytes[range.offset..<(range.offset + range.length)], as: UTF8.self)
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
            let value = try interpreter.evaluate(expr)
            interpreter.set("ans", value)
            if !silent { show(value) }
        case .assign(let name, let expr, let silent, _):
            guard name != "ans" && name != "args" else {
                throw PanoramaError.type("'\(name)' is set by panorama and cannot be assigned", at: expr.range)
            }
            let value = try interpreter.evaluate(expr)
            interpreter.set(name, value)
            if interactive && !silent && options.mode != .json {
                write("\(name): " + Display.summary(value, options))
            }
        case .assignColumn(let frameName, let columnName, let expr, let silent, let range):
            guard case .frame(var frame)? = interpreter.variables[frameName] else {
                let kind = interpreter.variables[frameName]?.kindName
                throw PanoramaError.type(kind.map { "'\(frameName)' is a \($0), not a frame" }
                                         ?? "no frame named '\(frameName)'", at: range)
            }
            let value = try interpreter.evaluate(expr, scope: frame)
            guard var column = value.asColumn(name: columnName) else {
                throw PanoramaError.type("cannot store a \(value.kindName) in a column", at: expr.range)
            }
            if column.count == 1 && frame.rowCount != 1 {
                column.data = column.data.gather(Array(repeating: 0, count: frame.rowCount))
            }
            guard column.count == frame.rowCount || frame.columnCount == 0 else {
                throw PanoramaError.type("the new column has \(Prose.counted(column.count, "value")) but '\(frameName)' has \(Prose.counted(frame.rowCount, "row"))",
                                         at: expr.range)
            }
            let existing = frame.column(columnName)
            column.name = existing?.name ?? identifier(for: columnName)
            column.label = existing?.label ?? columnName
            frame.setColumn(column)
            interpreter.set(frameName, .frame(frame))
            if interactive && !silent && options.mode != .json {
                write("\(frameName): " + Display.summary(.frame(frame), options))
            }
        }
    }

    /// Prints a value in the current mode.
    public func show(_ value: Value) {
        lastValue = value
        if let valueSink, redirect == nil {
            valueSink(value)
        } else if options.mode == .json {
            write(Display.json(value, options).text)
        } else {
            write(Display.render(value, options))
        }
    }

    func write(_ text: String) {
        if var r = redirect {
            r.write(text)
            redirect = r.once ? nil : r
            if r.once { r.close() }
        } else {
            output(text)
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}

/// `.output FILE` and `.once FILE`: results go to a file.
struct OutputRedirect {
    let handle: FileHandle
    let once: Bool

    mutating func write(_ text: String) {
        handle.write((text + "\n").data(using: .utf8)!)
    }

    func close() { try? handle.close() }
}
