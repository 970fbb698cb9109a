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
                    failure.withLock { if $0 == nil { $0 = Cancelled() } }
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

/// The Monte Carlo loop every simulation shares (the engine's `MonteCarlo.simulate`, its
/// contributions pass and the bottom-up roll-forward): trials split into chunks of
/// `trialsPerChunk` (the last one absorbing the remainder), chunk c drawing from the c-th
/// jumped xoshiro256** stream of the seed, so a seed gives bit-identical draws whatever the
/// number of threads (and a run of fewer than 2 × `trialsPerChunk` trials is one chunk on the
/// seed's own generator).
extension ParallelChunks {
    static let trialsPerChunk = 4096

    /// The chunks' trial ranges: ⌊trials / trialsPerChunk⌋ chunks (at least one), the last one
    /// taking the remainder.
    static func trialChunks(_ trials: Int) -> [Range<Int>] {
        let count = max(1, trials / trialsPerChunk)
        return (0..<count).map { c in
            c * trialsPerChunk..<(c == count - 1 ? trials : (c + 1) * trialsPerChunk)
        }
    }

    /// Runs `body` once per chunk of `trials` on `threads` workers, handing it the chunk's index,
    /// its trial range, its own random stream and the worker's workspace. Bodies write disjoint
    /// outputs (their trials, or their chunk's slot); combine per-chunk results in chunk order.
    /// - Throws: `Cancelled` when `isCancelled` returns true, or what `body` throws.
    static func runTrials<W>(_ trials: Int, seed: UInt64, threads: Int, isCancelled: @Sendable () -> Bool,
                             progress: (@Sendable (Double) -> Void)? = nil,
                             makeWorkspace: @Sendable () -> W,
                             body: @Sendable (_ chunk: Int, _ range: Range<Int>, _ rng: inout Xoshiro256StarStar, W) throws -> Void) throws {
        let chunks = trialChunks(trials)
        let streams = Xoshiro256StarStar.streams(seed: seed, count: chunks.count)
        try run(count: chunks.count, threads: threads, isCancelled: isCancelled, progress: progress,
                makeWorkspace: makeWorkspace) { c, workspace in
            var rng = streams[c]
            try body(c, chunks[c], &rng, workspace)
        }
    }
}
