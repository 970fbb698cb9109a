import LineEditing
import PanoramaKit
import Testing
@testable import PanoramaShell

/// A `LineReader` that plays back what a user typed: lines, Ctrl-C, Ctrl-D. It records the
/// prompts it was shown and keeps history as a terminal reader would.
struct ScriptedLineReader: LineReader {
    var keys: [LineReadResult]
    var prompts: [String] = []
    var history: [String] = []

    init(_ keys: [LineReadResult]) { self.keys = keys }

    mutating func readLine(prompt: String) -> LineReadResult {
        prompts.append(prompt)
        return keys.isEmpty ? .endOfInput : keys.removeFirst()
    }

    mutating func addHistory(_ statement: String) { history.append(statement) }
    var historyCount: Int { history.count }
    func recentHistory(_ count: Int) -> [String] { Array(history.suffix(count)) }
}

/// The REPL driven through a scripted reader: what only the loop decides (continuation, Ctrl-C,
/// Ctrl-D, `.quit`, history), without a terminal.
@Suite struct REPLTests {
    final class Screen {
        var out: [String] = []
        var err: [String] = []
    }

    /// Runs the REPL on `keys`; returns what it printed (banner dropped) and the reader.
    func repl(_ keys: [LineReadResult]) -> (out: [String], err: [String], reader: ScriptedLineReader, code: Int32) {
        let screen = Screen()
        let session = Session(output: { screen.out.append($0) }, diagnostics: { screen.err.append($0) })
        var loop = REPL(session: session)
        loop.phase = { _ in }
        var reader = ScriptedLineReader(keys)
        let code = loop.run(&reader)
        #expect(screen.out.first == REPL.banner)
        return (Array(screen.out.dropFirst()), screen.err, reader, code)
    }

    @Test func anIncompleteStatementReadsContinuationLinesUntilItIsComplete() {
        let r = repl([.line("x = [1,"), .line("  2,"), .line("  3]"), .line("sum(x)")])
        #expect(r.out == ["x: number vector of 3", "6"])
        #expect(r.reader.prompts == [REPL.prompt, REPL.continuationPrompt, REPL.continuationPrompt, REPL.prompt, REPL.prompt])
        #expect(r.reader.history == ["x = [1,\n  2,\n  3]", "sum(x)"])
    }

    @Test func ctrlCDiscardsThePartialStatementAndTheLoopGoesOn() {
        let r = repl([.line("y = (1 +"), .interrupted, .line("y"), .line("2 * 21")])
        #expect(r.out == ["", "42"])
        #expect(r.err.first?.hasPrefix("error: no variable or function named 'y'") == true)
        #expect(r.reader.history == ["y", "2 * 21"])
        #expect(r.reader.prompts[1] == REPL.continuationPrompt)
        #expect(r.reader.prompts[2] == REPL.prompt)
    }

    @Test func ctrlDOnAnEmptyPromptLeavesWithStatusZero() {
        let r = repl([.line("1"), .endOfInput, .line("2")])
        #expect(r.out == ["1"])
        #expect(r.code == 0)
    }

    @Test func ctrlDInsideAStatementDiscardsItAndTheNextCtrlDLeaves() {
        let r = repl([.line("f(1,"), .endOfInput, .line("3"), .endOfInput])
        #expect(r.out == ["3"])
        #expect(r.err.isEmpty)
    }

    @Test func quitLeavesWithoutReadingFurther() {
        let r = repl([.line("1"), .line(".quit"), .line("2")])
        #expect(r.out == ["1"])
        #expect(r.code == 0)
        #expect(r.reader.keys == [.line("2")])
    }

    @Test func anErrorDoesNotEndTheLoop() {
        let r = repl([.line("nope"), .line("3")])
        #expect(r.out == ["3"])
        #expect(r.err.count == 1)
    }

    @Test func historyListsWhatWasTypedIncludingItself() {
        let r = repl([.line("a = 1"), .line("b = [1,"), .line("2]"), .line(".history")])
        #expect(r.out.last == "1  a = 1\n2  b = [1,\n   2]\n3  .history")
    }

    @Test func theTerminalWidthIsFollowedUntilWidthSetsOne() {
        let screen = Screen()
        let session = Session(output: { screen.out.append($0) }, diagnostics: { screen.err.append($0) })
        var loop = REPL(session: session, terminalWidth: { 57 })
        loop.phase = { _ in }
        var reader = ScriptedLineReader([.line(".width"), .line(".width 90"), .line("1"), .line(".width")])
        _ = loop.run(&reader)
        #expect(Array(screen.out.dropFirst()) == ["57", "1", "90"])
    }
}

/// `#'` lines typed at the prompt document the definition typed after them.
@Suite struct REPLDocCommentTests {
    @Test func `doc comment lines typed at the prompt document the next definition`() {
        let screen = REPLTests.Screen()
        let session = Session(output: { screen.out.append($0) }, diagnostics: { screen.err.append($0) })
        var loop = REPL(session: session)
        loop.phase = { _ in }
        var reader = ScriptedLineReader([.line("#' Croissance du coût, en €"), .line("g = function(x, taux=2) x * taux"), .line("?g")])
        _ = loop.run(&reader)
        #expect(reader.prompts.prefix(3) == [REPL.prompt, REPL.continuationPrompt, REPL.prompt])
        #expect(screen.out.last == "g(x, taux=2)\n  Croissance du coût, en €")
    }
}
