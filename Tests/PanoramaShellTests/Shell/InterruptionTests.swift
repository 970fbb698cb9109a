import Synchronization
import Testing
@testable import PanoramaShell

/// The SIGINT decisions, without sending signals (the pty tests send real ones).
@Suite(.serialized) struct InterruptionTests {
    @Test func ctrlCAtThePromptOnlyDiscardsTheLine() {
        Interruption.beginReading()
        #expect(Interruption.registerSignal(atMilliseconds: 1000) == .discardLine)
        #expect(Interruption.registerSignal(atMilliseconds: 1100) == .discardLine)
        #expect(Interruption.takeSignal())
        #expect(!Interruption.takeSignal())
        #expect(!Interruption.isRequested)
        Interruption.beginComputing()
    }

    @Test func ctrlCWhileComputingStopsTheStatementAndASecondWithinASecondExits() {
        Interruption.beginComputing()
        #expect(!Interruption.isRequested)
        #expect(Interruption.registerSignal(atMilliseconds: 5000) == .stopStatement)
        #expect(Interruption.isRequested)
        #expect(Interruption.registerSignal(atMilliseconds: 5999) == .exit)
        Interruption.beginComputing()
        #expect(Interruption.registerSignal(atMilliseconds: 8000) == .stopStatement)
        #expect(Interruption.registerSignal(atMilliseconds: 9000) == .stopStatement)  // a second later: not a double
        Interruption.beginComputing()
        #expect(!Interruption.isRequested)
    }

    @Test func anInterruptedStatementKeepsEarlierVariables() {
        let t = ShellTranscript()
        t.run("kept = 1")
        Interruption.beginComputing()
        _ = Interruption.registerSignal(atMilliseconds: 100)
        let s = Session(isCancelled: { Interruption.isRequested }, output: { _ in }, diagnostics: { t.err.append($0) })
        s.interpreter.set("kept", .number(1))
        #expect(s.run("lost = 2; also = 3").outcome == .failed)
        #expect(t.err.last == "interrupted")
        #expect(s.interpreter.variables["kept"] != nil)
        #expect(s.interpreter.variables["lost"] == nil)
        #expect(s.interpreter.variables["also"] == nil)
        Interruption.beginComputing()
    }

    @Test func ctrlCStopsARecursionOfUnboxedCalls() {
        // fib(32) is 7 million calls, each unboxed (no scope, no Value): they poll every 64
        // calls, and a cancelled one leaves the statement to the full calls, which stop it.
        let t = Self.runCancelledFromTenthPoll("fib = function(n) if (n < 2) n else fib(n - 1) + fib(n - 2)\nr = fib(32)")
        #expect(t.outcome == .failed)
        #expect(t.lastError == "interrupted")
        #expect(t.variables["r"] == nil)
        #expect(t.polls < 1000)
    }

    @Test func ctrlCStopsALongDrawBetweenBlocks() {
        // Cancelled from the tenth poll on: past evaluating the call, inside draw's loop.
        let t = Self.runCancelledFromTenthPoll("x = draw(normal(0, 1), 50000000, seed=1)")
        #expect(t.outcome == .failed)
        #expect(t.lastError == "interrupted")
        #expect(t.variables["x"] == nil)
    }

    /// Runs `code` in a session whose cancellation is requested from its tenth poll on.
    static func runCancelledFromTenthPoll(_ code: String)
        -> (outcome: RunResult.Outcome, lastError: String?, variables: [String: Value], polls: Int) {
        let polls = Mutex(0)
        var err: [String] = []
        let s = Session(isCancelled: { polls.withLock { $0 += 1; return $0 >= 10 } }, output: { _ in },
                        diagnostics: { err.append($0) })
        let outcome = s.run(code).outcome
        return (outcome, err.last, s.interpreter.variables, polls.withLock { $0 })
    }
}
