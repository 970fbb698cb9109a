#if canImport(Glibc)
import Glibc
#endif

/// The BLAS library's own worker threads.
///
/// OpenBLAS (pthreads build, Debian's default) starts its worker threads when the library loads
/// and lets each one spin on `sched_yield` for about 2²⁸ cycles (≈ 0.1 s) before it sleeps, and
/// again after every threaded call. On a two-core machine that spinner takes a core from
/// panorama's own workers at start-up: a 1M-trial simulation on both cores ran 0.225 s instead of
/// 0.170 s. `releaseIdleWorkers()` joins those threads; OpenBLAS starts them again by itself
/// when a BLAS call is large enough to use them, so nothing is lost.
public enum BLASThreads {
    /// Stops the BLAS library's idle worker threads, if it is OpenBLAS (looked up at run time:
    /// other BLAS libraries do not have the symbol, and then this does nothing).
    public static func releaseIdleWorkers() {
        #if canImport(Glibc)
        typealias Shutdown = @convention(c) () -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        #endif
    }
}
