import CLapack
import Dispatch
import Synchronization

/// The R factor of a tall, narrow matrix whose rows are produced on demand, by tall-skinny QR
/// (TSQR; Demmel, Grigori, Hoemmen & Langou, "Communication-optimal parallel and sequential
/// QR and LU factorizations", SIAM J. Sci. Comput. 34, 2012).
///
/// The rows are cut into segments of `segmentRows`; each segment is factored block by block
/// (`blockRows` rows at a time, written by `fill` into a buffer that stays in cache) with
/// `dtpqrt`, which updates the running triangle with the QR of `[R; block]`; the segments'
/// triangles are then merged in segment order. The segments are independent, so they run on
/// all cores, and since the cut depends only on the row count the result is the same bits
/// whatever the number of threads. Householder QR on stacked blocks is backward stable like
/// one Householder QR of the whole matrix, and never forms the matrix in memory: a
/// 1,000,000 × 12 design is read once, not written to a scaled copy and factored in place.
///
/// The segments call LAPACK on small blocks from several threads at once: with a threaded
/// BLAS each of those calls would start its own workers, so the program sets BLAS to one
/// thread at start-up (`BLASThreads.useOne()`, 25 ms instead of 57–270 ms for 1,000,000 × 12).
///
/// Q is not kept. Appending the response as a last column gives Qᵀb on top of that column
/// and ±‖b − A x‖ in the corner, which is all a least-squares solve needs.
public enum TallSkinnyQR {
    public static let blockRows = 1024
    public static let segmentRows = 65_536

    /// The `columns × columns` upper triangular R (signs as LAPACK leaves them) of the
    /// `rows × columns` matrix that `fill(start, count, buffer, leading)` writes block by block:
    /// rows `start ..< start + count`, column-major with leading dimension `leading`.
    /// - Throws: `ShapeError` when there are fewer rows than columns; `LAPACKError` if LAPACK fails.
    /// `blockRows` and `segmentRows` are there for tests, which make them small to exercise
    /// many blocks and segments on small matrices.
    public static func triangularFactor(
        rows n: Int, columns q: Int, blockRows: Int = blockRows, segmentRows: Int = segmentRows,
        fill: @Sendable (_ start: Int, _ count: Int, _ buffer: UnsafeMutablePointer<Double>, _ leading: Int) -> Void
    ) throws -> Matrix {
        guard q > 0, n >= q, blockRows > 0, segmentRows > 0 else { throw ShapeError("a tall-skinny QR needs at least as many rows as columns (\(n) × \(q))") }
        let segments = max(1, n / segmentRows)
        var triangles = [Matrix](repeating: Matrix(rows: q, columns: q), count: segments)
        let failure = Mutex<(any Error)?>(nil)
        triangles.withUnsafeMutableBufferPointer { out in
            let shared = SharedPointer(out.baseAddress!)
            @Sendable func work(_ s: Int) {
                let start = s * segmentRows
                let end = s == segments - 1 ? n : start + segmentRows
                do {
                    shared.base[s] = try factorSegment(start..<end, columns: q, blockRows: blockRows, fill: fill)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
            if segments == 1 {
                work(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: segments) { work($0) }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        // Merge in segment order: R ← R of [R; Rₛ].
        var r = triangles[0]
        var stacking = Stacking(columns: q)
        for s in 1..<max(1, segments) {
            var next = triangles[s]
            try next.storage.withUnsafeMutableBufferPointer { try stacking.absorb($0.baseAddress!, rows: q, into: &r) }
        }
        return r
    }

    /// R of one segment's rows, `blockRows` at a time.
    static func factorSegment(_ range: Range<Int>, columns q: Int, blockRows: Int,
                              fill: (Int, Int, UnsafeMutablePointer<Double>, Int) -> Void) throws -> Matrix {
        var r = Matrix(rows: q, columns: q)
        var stacking = Stacking(columns: q)
        let block = UnsafeMutablePointer<Double>.allocate(capacity: min(blockRows, range.count) * q)
        defer { block.deallocate() }
        var start = range.lowerBound
        while start < range.upperBound {
            let count = min(blockRows, range.upperBound - start)
            fill(start, count, block, count)
            try stacking.absorb(block, rows: count, into: &r)
            start += count
        }
        return r
    }

    /// One thread's scratch for `absorb`.
    struct Stacking {
        let q: Int
        var t: [Double]
        var work: [Double]

        init(columns q: Int) {
            self.q = q
            t = [Double](repeating: 0, count: q * q)
            work = [Double](repeating: 0, count: q * q)
        }

        /// R ← the R factor of `[R; B]`, B `rows × q` at `b` (overwritten).
        ///
        /// The corresponding LAPACK routine is `dtpqrt` (triangular-pentagonal QR, here with a
        /// rectangular B: l = 0), in one panel of all q columns.
        mutating func absorb(_ b: UnsafeMutablePointer<Double>, rows m: Int, into r: inout Matrix) throws {
            BLASThreads.useOne()
            guard m > 0 else { return }
            let q = self.q
            let info = r.storage.withUnsafeMutableBufferPointer { a in
                LAPACKE_dtpqrt_work(LAPACK_COL_MAJOR, la_int(m), la_int(q), 0, la_int(q),
                                    a.baseAddress!, la_int(q), b, la_int(m), &t, la_int(q), &work)
            }
            try check("dtpqrt", info)
        }
    }
}
