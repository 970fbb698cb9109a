import CLapack

/// A LAPACK routine reported failure: `info` is its INFO output (negative: an illegal argument;
/// positive: a numerical failure whose meaning depends on the routine).
public struct LAPACKError: Error, Equatable, Sendable {
    public var routine: String
    public var info: Int
    public init(routine: String, info: Int) {
        self.routine = routine
        self.info = info
    }
}

extension Matrix {
    /// The lower Cholesky factor L of a symmetric positive definite matrix, A = L Lᵀ.
    ///
    /// Only the lower triangle of `self` is read; the result's upper triangle is zero.
    /// The corresponding LAPACK routine is `dpotrf`.
    /// - Throws: `LAPACKError(routine: "dpotrf", info: k)` with k > 0 when the leading minor of
    ///   order k is not positive definite.
    /// - Complexity: O(n³/3).
    ///
    /// `Matrix(columns: [[4, 2], [2, 3]], rows: 2).cholesky() // [[2, 1], [0, 1.414…]] by columns`
    public func cholesky() throws -> Matrix {
        precondition(rows == columns, "cholesky needs a square matrix")
        let n = rows
        var factor = self
        if n == 0 { return factor }
        let info = factor.storage.withUnsafeMutableBufferPointer { a in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), la_int(n), a.baseAddress, la_int(n))
        }
        if info != 0 { throw LAPACKError(routine: "dpotrf", info: Int(info)) }
        for j in 1..<max(n, 1) {
            for i in 0..<j { factor[i, j] = 0 }
        }
        return factor
    }

    /// The eigenvalues (ascending) and eigenvectors (the columns of `vectors`) of a symmetric
    /// matrix, A = V diag(λ) Vᵀ. Only the lower triangle is read.
    ///
    /// The corresponding LAPACK routine is `dsyevd` (divide and conquer).
    /// - Throws: `LAPACKError(routine: "dsyevd", info: k)` when it fails to converge.
    /// - Complexity: O(n³).
    public func symmetricEigen() throws -> (values: [Double], vectors: Matrix) {
        precondition(rows == columns, "symmetricEigen needs a square matrix")
        let n = rows
        var vectors = self
        var values = [Double](repeating: 0, count: n)
        if n == 0 { return (values, vectors) }
        let info = vectors.storage.withUnsafeMutableBufferPointer { a in
            values.withUnsafeMutableBufferPointer { w in
                LAPACKE_dsyevd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "L")),
                               la_int(n), a.baseAddress, la_int(n), w.baseAddress)
            }
        }
        if info != 0 { throw LAPACKError(routine: "dsyevd", info: Int(info)) }
        return (values, vectors)
    }
}
