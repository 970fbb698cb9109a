#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import LinearAlgebra

@Suite("BLAS threads")
struct BLASThreadsTests {
    /// OpenBLAS's own count of its threads, nil when the BLAS library is another one.
    private func openBLASThreads() -> Int32? {
        #if canImport(Glibc)
        typealias GetThreads = @convention(c) () -> Int32
        guard let get = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_get_num_threads") else { return nil }
        return unsafeBitCast(get, to: GetThreads.self)()
        #else
        return nil
        #endif
    }

    @Test("any process that multiplies or factorises with this module runs BLAS on one thread, without an environment variable or a start-up call")
    func firstCallSetsOneThread() throws {
        // The test process never calls BLASThreads.useOne() itself (the program's main does);
        // the first product below must have done it.
        let a = Matrix(rowMajor: [[2, 1, 0], [1, 3, 1], [0, 1, 4]])
        let p = try a.multiplied(by: a)
        #expect(p[0, 0] == 5 && p[1, 1] == 11)
        _ = try a.cholesky()
        if let n = openBLASThreads() { #expect(n == 1) }
    }
}
