import Foundation
import Synchronization

/// Ctrl-C: the signal handler only sets a flag that running code polls (as Lua's `lua.c`);
/// a second Ctrl-C within a second ends the process with 130.
public enum Interruption {
    static let requested = Atomic<Bool>(false)
    static let lastSignal = Atomic<Int64>(0)
    static let interrupted = Atomic<Bool>(false)

    public static var isRequested: Bool { requested.load(ordering: .relaxed) }
    public static var wasInterrupted: Bool { interrupted.load(ordering: .relaxed) }

    /// Clears the flag before the next statement.
    public static func reset() {
        requested.store(false, ordering: .relaxed)
        interrupted.store(false, ordering: .relaxed)
    }

    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let ms = Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
            let previous = Interruption.lastSignal.exchange(ms, ordering: .relaxed)
            if previous != 0 && ms - previous < 1000 { _exit(130) }
            Interruption.requested.store(true, ordering: .relaxed)
            Interruption.interrupted.store(true, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: readline() returns so Ctrl-C clears the line
        sigaction(SIGINT, &action, nil)
    }
}
