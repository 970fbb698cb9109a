import Foundation
import Synchronization

/// Ctrl-C: the signal handler only sets flags that running code polls (as Lua's `lua.c`).
///
/// While a statement runs, the first Ctrl-C asks it to stop (the evaluator and long builtins
/// poll `isRequested` and throw `interrupted`); a second one within a second ends the process
/// with 130, for code that does not poll. While the REPL reads a line, Ctrl-C only discards
/// that line: the line reader asks `takeSignal()` to tell it from Ctrl-D.
public enum Interruption {
    /// A statement should stop.
    static let requested = Atomic<Bool>(false)
    /// A SIGINT arrived since the prompt was shown.
    static let signalled = Atomic<Bool>(false)
    /// False while the REPL waits for input: Ctrl-C then never exits.
    static let computing = Atomic<Bool>(true)
    /// Milliseconds (monotonic) of the last SIGINT while computing, 0 when none.
    static let lastSignal = Atomic<Int64>(0)

    public static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Asks the running statement to stop, as one Ctrl-C does (the Jupyter kernel's
    /// `interrupt_request` and its SIGINT handler). Atomics only: safe in a signal handler.
    public static func request() {
        requested.store(true, ordering: .relaxed)
    }

    /// Clears the flags before the next statement.
    public static func reset() {
        requested.store(false, ordering: .relaxed)
        lastSignal.store(0, ordering: .relaxed)
    }

    /// The REPL is about to read a line: Ctrl-C now discards the line.
    public static func beginReading() {
        computing.store(false, ordering: .relaxed)
        signalled.store(false, ordering: .relaxed)
    }

    /// The REPL is about to run a statement: Ctrl-C now stops it.
    public static func beginComputing() {
        reset()
        computing.store(true, ordering: .relaxed)
    }

    /// Whether a SIGINT arrived since `beginReading()`; clears it.
    public static func takeSignal() -> Bool {
        signalled.exchange(false, ordering: .relaxed)
    }

    /// Installs the SIGINT handler (no `SA_RESTART`, so a blocked read returns and libedit
    /// gives the line up).
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interruption.handleSignal() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// What a SIGINT does at a given moment.
    enum SignalAction: Equatable {
        /// At the prompt: the line reader discards the line.
        case discardLine
        /// Running: ask the statement to stop.
        case stopStatement
        /// Running, and a Ctrl-C already came less than a second ago: leave with 130.
        case exit
    }

    /// Records a SIGINT at `milliseconds` (monotonic) and says what to do.
    static func registerSignal(atMilliseconds milliseconds: Int64) -> SignalAction {
        signalled.store(true, ordering: .relaxed)
        guard computing.load(ordering: .relaxed) else { return .discardLine }
        let now = max(1, milliseconds)
        let previous = lastSignal.exchange(now, ordering: .relaxed)
        if previous != 0 && now - previous < 1000 { return .exit }
        requested.store(true, ordering: .relaxed)
        return .stopStatement
    }

    /// Runs in the signal handler: atomics, clock_gettime, write and _exit only.
    static func handleSignal() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        if registerSignal(atMilliseconds: Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000) == .exit {
            let message: StaticString = "\ninterrupted\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(130)
        }
    }
}
