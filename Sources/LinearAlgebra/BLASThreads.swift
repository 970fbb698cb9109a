#if canImport(Glibc)
import Glibc
#endif

/// The BLAS library's own threads: panorama runs BLAS on one thread and parallelises above it.
///
/// panorama's parallel work (simulation chunks, the segments of `TallSkinnyQR`) calls BLAS and
/// LAPACK from several threads on small, cache-sized blocks. OpenBLAS (pthreads build, Debian's
/// default) would split each of those calls over its own pool again, and its idle workers spin
/// on `sched_yield` for about 2²⁸ cycles (≈ 0.1 s) after loading and after every threaded call.
/// Measured on two cores: a 1M-trial simulation ran 0.225 s instead of 0.170 s while the
/// spinner held a core, and the blocked QR of a 1,000,000 × 11 design took 57–270 ms with
/// OpenBLAS threads against 25–38 ms without (the OpenBLAS documentation's advice for
/// threaded applications is the same: one BLAS thread).
public enum BLASThreads {
    /// Sets OpenBLAS to one thread and joins its idle workers, once per process. Every function
    /// of this module that calls BLAS or LAPACK calls this first, so whichever program or test
    /// process uses the module, the first BLAS call finds one thread: joining the workers while
    /// another thread's call is waiting for them would deadlock it, and no call can be under way
    /// before the first one (a second thread's first call waits for this to finish). After the
    /// first time it costs one load. Looked up at run time: with another BLAS library the symbols
    /// are absent and this does nothing.
    public static func useOne() { _ = configured }

    private static let configured: Void = {
        #if canImport(Glibc)
        let library = UnsafeMutableRawPointer(bitPattern: 0)
        typealias SetThreads = @convention(c) (Int32) -> Void
        typealias Shutdown = @convention(c) () -> Int32
        if let set = dlsym(library, "openblas_set_num_threads") {
            unsafeBitCast(set, to: SetThreads.self)(1)
        }
        if let shutdown = dlsym(library, "blas_thread_shutdown_") {
            _ = unsafeBitCast(shutdown, to: Shutdown.self)()
        }
        #endif
    }()
}
