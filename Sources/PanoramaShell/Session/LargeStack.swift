import Foundation
import PanoramaKit
import Synchronization

/// Runs code on a thread whose stack holds `Interpreter.maximumCallDepth` levels of recursion
/// (`size` bytes reserved; only the pages touched cost memory): `Session.run` goes through it, so
/// a recursion goes as deep on every entry point. A thread's own stack is often far smaller: the
/// main thread's is `RLIMIT_STACK` (usually 8 MB), a Dispatch or Swift Testing pool thread's 8 MB.
///
/// The caller waits while the code runs on a parked worker (one per caller running at the same
/// time, kept for the next run); code already on a worker runs in place (`.read` inside a run).
/// Workers block SIGINT, so that a Ctrl-C still reaches the main thread and interrupts the
/// REPL's read there; while code runs, the handler only sets flags, which it polls wherever it runs.
enum LargeStack {
    /// The stack of a worker, in bytes.
    static let size = 256 << 20

    /// Runs `body` on a worker, or in place when already on one (or when no thread can be made).
    /// The memory budget injected for the caller's task (`MemoryBudget.injected`) holds there too.
    static func run(_ body: () -> Void) {
        guard !isWorker, let worker = Worker.idle.withLock({ $0.popLast() }) ?? Worker.start() else { return body() }
        let budget = MemoryBudget.injected
        withoutActuallyEscaping(body) { body in
            worker.perform { budget.map { MemoryBudget.$injected.withValue($0, operation: body) } ?? body() }
        }
        Worker.idle.withLock { $0.append(worker) }
    }

    /// Whether the current thread is a worker.
    static var isWorker: Bool { pthread_getspecific(Worker.key) != nil }
}

/// A thread with a large stack that runs one job at a time, handed over under a condition.
private final class Worker: @unchecked Sendable {
    /// Workers waiting for a job.
    static let idle = Mutex<[Worker]>([])
    /// Set (non-nil) on workers' threads.
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private let condition = NSCondition()
    private var job: (() -> Void)?

    /// A new worker on its own thread, or nil when the thread cannot be made.
    static func start() -> Worker? {
        let worker = Worker()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, LargeStack.size)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(worker).toOpaque()
        var thread = pthread_t()
        let made = pthread_create(&thread, &attributes, { context in
            context.map { Unmanaged<Worker>.fromOpaque($0).takeRetainedValue().serve() }
            return nil
        }, context)
        guard made == 0 else {
            Unmanaged<Worker>.fromOpaque(context).release()
            return nil
        }
        return worker
    }

    /// Runs `job` on the worker's thread and returns when it is done.
    func perform(_ job: @escaping () -> Void) {
        condition.lock()
        self.job = job
        condition.broadcast()
        while self.job != nil { condition.wait() }
        condition.unlock()
    }

    /// The worker's thread: runs each job handed over, forever.
    private func serve() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        pthread_setspecific(Worker.key, UnsafeRawPointer(bitPattern: 1))
        condition.lock()
        while true {
            while job == nil { condition.wait() }
            let current = job
            condition.unlock()
            current?()
            condition.lock()
            job = nil
            condition.broadcast()
        }
    }
}
