import PanoramaKit

/// What one `Session.run` did, as data: the callers (REPL, script runner, notebooks, the
/// Jupyter kernel, tests) decide from this, and render it at their edge with `render(_:)`.
public struct RunResult {
    /// How the run ended.
    public enum Outcome: Equatable, Sendable {
        case ok
        /// A statement failed (the errors say which; `interrupted` whether Ctrl-C stopped it).
        case failed
        /// `.quit` ran.
        case quit
    }

    public internal(set) var outcome: Outcome = .ok
    /// The values shown, in order (results of statements and `print(…)`), unabridged.
    public internal(set) var shown: [Value] = []
    /// The notes raised (`sum skipped 2 na values`), without the `note: ` prefix.
    public internal(set) var notes: [String] = []
    /// The errors, with their positions in `source` (one unless `.bail off`).
    public internal(set) var errors: [PanoramaError] = []
    /// The text that ran, the script's name and the lines above it: what `render` needs to place
    /// an error (`FILE:LINE:COL:` and the caret line).
    public let source: String
    public let file: String?
    public let lineOffset: Int

    init(source: String, file: String?, lineOffset: Int) {
        self.source = source
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Whether Ctrl-C stopped the run (the command line then exits with 130).
    public var interrupted: Bool { errors.contains { $0.isInterruption } }

    /// One of `errors` as the user reads it (`FILE:LINE:COL: error: …`, caret line, usage).
    public func render(_ error: PanoramaError) -> String {
        ErrorRenderer.render(error, source: source, file: file, lineOffset: lineOffset)
    }
}

extension Session {
    public typealias Outcome = RunResult.Outcome
}
