import Foundation
import PanoramaKit

/// Markdown notebooks (DESIGN §9): every ```` ```panorama ```` block runs, in order, in one
/// session; its output replaces the ```` ```output ```` block right after it (or creates one).
///
/// Outputs render 80 columns wide, box mode, Unicode, no colour, at display precision, so they
/// do not depend on the terminal. The first output block starts with a provenance line: the
/// panorama version and a hash of every dataset the notebook loaded.
public struct Notebook {
    /// One piece of the document: Markdown text kept verbatim, or a code block.
    enum Part {
        case text([String])
        /// The fence lines and code; `line` is the 1-based line of the first code line.
        /// `expectsError`: a ```` ```panorama error ```` block shows its error in place (as R
        /// Markdown's `error=TRUE`) and the run goes on; it fails only if no error occurs.
        case code(open: String, lines: [String], close: String, line: Int, expectsError: Bool)
        /// An earlier output block (dropped and regenerated).
        case output([String])
    }

    public struct Result {
        /// The executed document.
        public var text: String
        /// False when a block failed or Ctrl-C stopped the run.
        public var succeeded: Bool
        /// Errors, as `FILE:LINE:COL: error: …` lines.
        public var errors: [String]
        /// Ctrl-C stopped a block (the command exits with 130).
        public var interrupted: Bool

        /// 0 when every block ran as expected, 130 after Ctrl-C, else 1.
        public var exitCode: Int32 { interrupted ? 130 : succeeded ? 0 : 1 }
    }

    static let width = 80

    let parts: [Part]

    public init(markdown: String) {
        var parts: [Part] = []
        var text: [String] = []
        let lines = markdown.components(separatedBy: "\n")
        var i = 0
        func flush() {
            if !text.isEmpty { parts.append(.text(text)); text = [] }
        }
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let fence = Notebook.fence(trimmed), fence.info == "panorama" || fence.info == "panorama error" || fence.info == "output" {
                var body: [String] = []
                var j = i + 1
                while j < lines.count && !Notebook.closes(lines[j], fence.marker) { body.append(lines[j]); j += 1 }
                let close = j < lines.count ? lines[j] : fence.marker
                let onlyBlanks = text.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
                if fence.info == "output", onlyBlanks, case .code? = parts.last {
                    // The output of the code block above (blank lines between are regenerated).
                    text = []
                    parts.append(.output(body))
                    i = j + 1
                    continue
                }
                flush()
                if fence.info.hasPrefix("panorama") {
                    parts.append(.code(open: line, lines: body, close: close, line: i + 2,
                                       expectsError: fence.info == "panorama error"))
                } else {
                    // An output block not after code is the author's text: keep it.
                    text += [line] + body + (j < lines.count ? [close] : [])
                }
                i = j + 1
                // Blank lines between a code block and its output belong to neither.
                continue
            }
            text.append(line)
            i += 1
        }
        flush()
        self.parts = parts
    }

    /// ```` ``` ```` or longer, with an info word.
    static func fence(_ line: String) -> (marker: String, info: String)? {
        let ticks = line.prefix { $0 == "`" }
        guard ticks.count >= 3 else { return nil }
        let info = line.dropFirst(ticks.count).trimmingCharacters(in: .whitespaces)
        return (String(ticks), info)
    }

    static func closes(_ line: String, _ marker: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.hasPrefix(marker) && t.allSatisfy { $0 == "`" }
    }

    /// Runs every block and returns the document with fresh outputs.
    /// - Parameters:
    ///   - file: the notebook's name, for error locations.
    ///   - keepGoing: show an error in its block's output and go on, instead of stopping.
    ///
    /// Error positions (`FILE:LINE:COL`) are those of the written document, so that `--check`
    /// finds them unchanged: each block's lines are counted in the output, including the output
    /// blocks inserted above it and the provenance lines. The provenance grows with each dataset
    /// loaded, so its length is taken from the document's own provenance, and when that guess
    /// proves wrong and a position was shown, the notebook runs again with the known length.
    ///   - parameters: values for `param(…)`; nil reruns with those recorded in the provenance.
    public func execute(file: String, keepGoing: Bool = false, parameters: [String: String]? = nil,
                        isCancelled: @escaping @Sendable () -> Bool = { false }) -> Result {
        let guess = recordedProvenanceLines
        let first = execute(file: file, keepGoing: keepGoing, parameters: parameters, isCancelled: isCancelled, provenanceLines: guess)
        guard first.provenanceLines != guess, first.showedPositions, !isCancelled() else { return first.result }
        return execute(file: file, keepGoing: keepGoing, parameters: parameters, isCancelled: isCancelled, provenanceLines: first.provenanceLines).result
    }

    /// The length of the provenance at the top of the document's first output block (1 when none).
    var recordedProvenanceLines: Int {
        for part in parts {
            guard case .output(let lines) = part else { continue }
            guard lines.first?.hasPrefix("panorama ") == true else { return 1 }
            return 1 + lines.dropFirst().prefix { $0.hasPrefix("dataset ") }.count
        }
        return 1
    }

    func execute(file: String, keepGoing: Bool, parameters: [String: String]?, isCancelled: @escaping @Sendable () -> Bool,
                 provenanceLines: Int) -> (result: Result, provenanceLines: Int, showedPositions: Bool) {
        var options = RenderOptions()
        options.width = Notebook.width
        options.mode = .box
        options.charset = .unicode
        options.color = false
        var captured: [String] = []
        var errors: [String] = []
        let session = Session(options: options, isCancelled: isCancelled,
                              output: { captured.append($0) }, diagnostics: { captured.append($0) })
        session.bail = true
        session.interpreter.parameterValues = parameters ?? recordedParameters
        var out: [String] = []
        var stopped = false
        var showedPositions = false
        var interrupted = false
        var firstOutputIndex: Int?
        // Blank lines between a code block and its output are regenerated as one.
        var pendingBlank = false
        for part in parts {
            switch part {
            case .text(let lines):
                var lines = lines
                if pendingBlank {
                    // Exactly one blank line after a regenerated output.
                    while lines.first == "" { lines.removeFirst() }
                    out.append("")
                    pendingBlank = false
                }
                out += lines
            case .output:
                continue
            case .code(let open, let lines, let close, let line, let expectsError):
                if pendingBlank { out.append(""); pendingBlank = false }
                out.append(open)
                out += lines
                out.append(close)
                if stopped { continue }
                captured = []
                let code = lines.joined(separator: "\n")
                // Lines above this block's code in the written document.
                let above = out.count - lines.count - 1 + (firstOutputIndex == nil ? 0 : provenanceLines)
                let run = session.run(code, file: file, lineOffset: above)
                let shownErrors = run.errors.filter { !$0.isInterruption }
                if !shownErrors.isEmpty { showedPositions = true }
                interrupted = interrupted || run.interrupted
                if expectsError {
                    if run.outcome != .failed { errors.append(Notebook.missingError(file: file, line: line)) }
                } else {
                    errors += shownErrors.map { run.render($0).components(separatedBy: "\n")[0] }
                    if run.outcome == .failed && !keepGoing { stopped = true }
                }
                out.append("")
                if firstOutputIndex == nil { firstOutputIndex = out.count }
                out.append("```output")
                out += captured.joined(separator: "\n").components(separatedBy: "\n").map { $0.trimmingTrailingSpaces() }
                out.append("```")
                pendingBlank = true
            }
        }
        let provenance = provenance(session)
        if let first = firstOutputIndex {
            out.insert(provenance, at: first + 1)
        }
        var text = out.joined(separator: "\n")
        if !text.hasSuffix("\n") { text += "\n" }
        return (Result(text: text, succeeded: errors.isEmpty && !interrupted, errors: errors, interrupted: interrupted),
                provenance.components(separatedBy: "\n").count, showedPositions)
    }

    /// A ```` ```panorama error ```` block that ran without one, placed at its first code line.
    static func missingError(file: String, line: Int) -> String {
        let error = PanoramaError.failed("this block is marked 'panorama error' but ran without one",
                                         at: SourceRange(line: 1, column: 1, offset: 0, length: 0))
        return ErrorRenderer.render(error, file: file, lineOffset: line - 1)
    }

    /// What produced the outputs: the version, then one line per dataset loaded with the
    /// FNV-1a 64 hash of its bytes (`dataset panorama.csv e9f9731e534285a3`).
    func provenance(_ session: Session) -> String {
        var lines = ["panorama \(PanoramaVersion.string)"]
        var seen = Set<String>()
        for (name, hash) in session.loadedDatasets where seen.insert(name + hash).inserted {
            lines.append("dataset \(name) \(hash)")
        }
        for (name, value) in session.interpreter.parameterValues.sorted(by: { $0.key < $1.key }) {
            lines.append("parameter \(name)=\(value)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A unified-style line diff, for `notebook --check`.
public func lineDiff(_ old: String, _ new: String, oldName: String, newName: String) -> String {
    let a = old.components(separatedBy: "\n"), b = new.components(separatedBy: "\n")
    // LCS table (notebooks are small).
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
    }
    var lines = ["--- \(oldName)", "+++ \(newName)"]
    var i = 0, j = 0
    var lastShown = -10
    while i < a.count || j < b.count {
        if i < a.count && j < b.count && a[i] == b[j] { i += 1; j += 1; continue }
        if lastShown < i - 1 { lines.append("@@ line \(i + 1) @@") }
        if i < a.count && (j == b.count || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.append("-" + a[i]); i += 1
        } else {
            lines.append("+" + b[j]); j += 1
        }
        lastShown = i
    }
    return lines.joined(separator: "\n")
}
