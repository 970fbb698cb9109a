import CLapack

/// A Householder QR factorisation `A P = Q R`, optionally with column pivoting.
///
/// The factors stay in LAPACK's compact form (R on and above the diagonal, the Householder
/// vectors below it, plus `tau`), so Q is applied, never formed.
public struct QRFactorization: Sendable {
    /// How columns may be reordered.
    public enum Pivoting: Sendable {
        /// Largest remaining column norm first (rank-revealing).
        case free
        /// Columns stay in their order (every column is "fixed" for `dgeqp3`).
        case none
    }

    /// R in the upper triangle, Householder vectors below (`rows × columns`).
    public let factors: Matrix
    public let tau: [Double]
    /// Column j of `A P` is column `permutation[j]` of A.
    public let permutation: [Int]

    public var rows: Int { factors.rows }
    public var columns: Int { factors.columns }
    /// The number of Householder reflectors, min(rows, columns).
    public var reflectors: Int { tau.count }

    /// Factors `a` (copied: LAPACK overwrites its input).
    ///
    /// The corresponding LAPACK routine is `dgeqp3`. With `.none`, every column is marked as
    /// fixed, which makes `dgeqp3` a blocked unpivoted Householder QR (`dgeqrf`).
    /// - Throws: `LAPACKError` when LAPACK reports a failure.
    public init(_ a: Matrix, pivoting: Pivoting = .free) throws(LAPACKError) {
        BLASThreads.useOne()
        var f = a
        let m = a.rows, n = a.columns
        var jpvt = [la_int](repeating: pivoting == .none ? 1 : 0, count: n)
        var tau = [Double](repeating: 0, count: min(m, n))
        if m > 0 && n > 0 {
            let lda = la_int(max(1, m))
            var query = 0.0
            var info = LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, la_int(m), la_int(n), &f.storage, lda,
                                           &jpvt, &tau, &query, -1)
            try check("dgeqp3", info)
            var work = [Double](repeating: 0, count: max(1, Int(query)))
            info = LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, la_int(m), la_int(n), &f.storage, lda,
                                       &jpvt, &tau, &work, la_int(work.count))
            try check("dgeqp3", info)
        } else {
            for j in 0..<n { jpvt[j] = la_int(j + 1) }
        }
        self.factors = f
        self.tau = tau
        self.permutation = jpvt.map { Int($0) - 1 }
    }

    /// The diagonal of R.
    public var rDiagonal: [Double] { factors.diagonal }

    /// The leading `k × k` block of R (upper triangular, zeros below).
    public func r(_ k: Int? = nil) -> Matrix {
        let k = k ?? reflectors
        var r = Matrix(rows: k, columns: k)
        for j in 0..<k { for i in 0...j { r[i, j] = factors[i, j] } }
        return r
    }

    /// Replaces `c` (rows × k) by `Qᵀ c`, or by `Q c` when `transpose` is false.
    ///
    /// The corresponding LAPACK routine is `dormqr`.
    /// - Throws: `ShapeError` when `c` does not have `rows` rows; `LAPACKError` otherwise.
    public func applyQ(to c: inout Matrix, transpose: Bool) throws {
        BLASThreads.useOne()
        guard c.rows == rows else {
            throw ShapeError("Q has \(rows) rows but the matrix has \(c.rows)")
        }
        guard c.columns > 0, rows > 0, reflectors > 0 else { return }
        let trans = CChar(UInt8(ascii: transpose ? "T" : "N"))
        let side = CChar(UInt8(ascii: "L"))
        let (m, n, k) = (la_int(c.rows), la_int(c.columns), la_int(reflectors))
        let lda = la_int(max(1, rows))
        var query = 0.0
        var info = LAPACKE_dormqr_work(LAPACK_COL_MAJOR, side, trans, m, n, k, factors.storage, lda,
                                       tau, &c.storage, m, &query, -1)
        try check("dormqr", info)
        var work = [Double](repeating: 0, count: max(1, Int(query)))
        info = LAPACKE_dormqr_work(LAPACK_COL_MAJOR, side, trans, m, n, k, factors.storage, lda,
                                   tau, &c.storage, m, &work, la_int(work.count))
        try check("dormqr", info)
    }

    /// `Qᵀ v` for a vector of `rows` elements.
    public func applyQTranspose(_ v: [Double]) throws -> [Double] {
        var c = Matrix(rows: v.count, columns: 1, storage: v)
        try applyQ(to: &c, transpose: true)
        return c.storage
    }

    /// `Q v` for a vector of `rows` elements.
    public func applyQ(_ v: [Double]) throws -> [Double] {
        var c = Matrix(rows: v.count, columns: 1, storage: v)
        try applyQ(to: &c, transpose: false)
        return c.storage
    }

    /// Solves `R x = b` (or `Rᵀ x = b`) with the leading `k × k` block of R, in place.
    ///
    /// The corresponding LAPACK routine is `dtrtrs`.
    /// - Throws: `ShapeError` when `b` does not have `k` rows; `LAPACKError` when R is singular.
    public func solveR(_ b: inout Matrix, transpose: Bool = false, order k: Int? = nil) throws {
        let k = k ?? reflectors
        guard k <= reflectors else { throw ShapeError("R has order \(reflectors), not \(k)") }
        try Matrix.solveTriangular(factors, order: k, &b, upper: true, transpose: transpose)
    }
}

extension Matrix {
    /// Solves `T x = b` (or `Tᵀ x = b`) in place, T the leading `order × order` triangle of `t`.
    ///
    /// The corresponding LAPACK routine is `dtrtrs`.
    /// - Throws: `ShapeError` on mismatched shapes; `LAPACKError` when T is singular.
    public static func solveTriangular(_ t: Matrix, order: Int? = nil, _ b: inout Matrix,
                                       upper: Bool, transpose: Bool = false) throws {
        BLASThreads.useOne()
        let n = order ?? t.columns
        guard n <= t.rows, n <= t.columns else {
            throw ShapeError("a triangle of order \(n) does not fit a \(t.rows)×\(t.columns) matrix")
        }
        guard b.rows == n else { throw ShapeError("the right-hand side has \(b.rows) rows, not \(n)") }
        guard n > 0, b.columns > 0 else { return }
        let info = LAPACKE_dtrtrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: upper ? "U" : "L")),
                                       CChar(UInt8(ascii: transpose ? "T" : "N")), CChar(UInt8(ascii: "N")),
                                       la_int(n), la_int(b.columns), t.storage, la_int(max(1, t.rows)),
                                       &b.storage, la_int(n))
        try check("dtrtrs", info)
    }

    /// Solves `T x = b` for a vector, T triangular.
    public func solveTriangular(_ b: [Double], upper: Bool, transpose: Bool = false) throws -> [Double] {
        var m = Matrix(rows: b.count, columns: 1, storage: b)
        try Matrix.solveTriangular(self, &m, upper: upper, transpose: transpose)
        return m.storage
    }
}
