import CLapack

// The Cholesky factor (`dpotrf`) and `LAPACKError` now live in Matrix+Factorizations.swift and
// LAPACKError.swift; this file keeps what the simulation adds: the symmetric eigen-decomposition
// used to validate correlation matrices and repair them to the nearest PSD one.

extension Matrix {
    /// The eigenvalues (ascending) and eigenvectors (the columns of `vectors`) of a symmetric
    /// matrix, A = V diag(λ) Vᵀ. Only the lower triangle is read.
    ///
    /// `Matrix(columns: [[2, 1], [1, 2]], rows: 2).symmetricEigen().values // [1, 3]`
    ///
    /// The corresponding LAPACK routine is `dsyevd` (divide and conquer).
    /// - Throws: `ShapeError` when the matrix is not square; `LAPACKError(routine: "dsyevd",
    ///   info: k)` when it fails to converge.
    /// - Complexity: O(n³).
    public func symmetricEigen() throws -> (values: [Double], vectors: Matrix) {
        BLASThreads.useOne()
        guard rows == columns else { throw ShapeError("symmetricEigen needs a square matrix, not \(rows)×\(columns)") }
        let n = rows
        var vectors = self
        var values = [Double](repeating: 0, count: n)
        if n == 0 { return (values, vectors) }
        let info = vectors.storage.withUnsafeMutableBufferPointer { a in
            values.withUnsafeMutableBufferPointer { w in
                LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")),
                               la_int(n), a.baseAddress, la_int(n), w.baseAddress)
            }
        }
        try check("dsyevd", info)
        return (values, vectors)
    }
}
