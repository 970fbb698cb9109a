import Dispatch
import Foundation
import Synchronization

/// Runs a body over chunk indices on `threads` workers (Dispatch `concurrentPerform`), each
/// worker taking the next chunk index from a shared counter. Chunks write disjoint outputs, so
/// results do not depend on the schedule. Polls `isCancelled` before each chunk.
enum ParallelChunks {
    static func run<W>(count: Int, threads: Int, isCancelled: @Sendable () -> Bool,
                       progress: (@Sendable (Double) -> Void)?,
                       makeWorkspace: @Sendable () -> W,
                       body: @Sendable (Int, W) throws -> Void) throws {
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let failure = Mutex<(any Error)?>(nil)
        let workers = max(1, min(threads, count))
        @Sendable func work() {
            let workspace = makeWorkspace()
            while !stop.load(ordering: .relaxed) {
                let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if c >= count { break }
                if isCancelled() {
                    stop.store(true, ordering: .relaxed)
                    failure.withLock { if $0 == nil { $0 = SimulationCancelled() } }
                    break
                }
                do {
                    try body(c, workspace)
                } catch {
                    stop.store(true, ordering: .relaxed)
                    failure.withLock { if $0 == nil { $0 = error } }
                    break
                }
                let finished = done.wrappingAdd(1, ordering: .relaxed).newValue
                progress?(Double(finished) / Double(count))
            }
        }
        if workers == 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// A raw pointer that worker threads write through at disjoint offsets.
struct SharedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
