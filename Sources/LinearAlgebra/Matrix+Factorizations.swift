import CLapack

extension Matrix {
    /// The Cholesky factor L of a symmetric positive definite matrix: `A = L Lᵀ`, L lower
    /// triangular (zeros above the diagonal). Only the lower triangle of `self` is read.
    ///
    /// `Matrix(rowMajor: [[4, 2], [2, 3]]).cholesky() // [[2, 0], [1, 1.414…]]`
    ///
    /// The corresponding LAPACK routine is `dpotrf`.
    /// - Throws: `ShapeError` when the matrix is not square; `LAPACKError(routine: "dpotrf",
    ///   info: k)` when the leading minor of order k is not positive definite.
    public func cholesky() throws -> Matrix {
        BLASThreads.useOne()
        guard rows == columns else { throw ShapeError("cholesky needs a square matrix, not \(rows)×\(columns)") }
        var l = self
        guard rows > 0 else { return l }
        let info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), la_int(rows),
                                       &l.storage, la_int(rows))
        try check("dpotrf", info)
        for j in 1..<max(1, columns) { for i in 0..<j { l[i, j] = 0 } }
        return l
    }

    /// The inverse of `Rᵀ R` from its upper triangular factor R (e.g. the R of a QR
    /// factorisation of A, giving `(AᵀA)⁻¹` without forming AᵀA). Symmetric, both triangles filled.
    ///
    /// The corresponding LAPACK routine is `dpotri`.
    /// - Throws: `ShapeError` when not square; `LAPACKError` when R is singular.
    public static func gramInverse(upperFactor r: Matrix) throws -> Matrix {
        BLASThreads.useOne()
        guard r.rows == r.columns else { throw ShapeError("the factor must be square, not \(r.rows)×\(r.columns)") }
        var a = r
        let rows = r.rows, columns = r.columns
        guard rows > 0 else { return a }
        for j in 0..<columns { for i in (j + 1)..<rows { a[i, j] = 0 } }
        let info = LAPACKE_dpotri_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), la_int(rows),
                                       &a.storage, la_int(rows))
        try check("dpotri", info)
        for j in 0..<columns { for i in (j + 1)..<rows { a[i, j] = a[j, i] } }
        return a
    }

    /// The singular values, largest first.
    ///
    /// The corresponding LAPACK routine is `dgesdd` (values only).
    /// - Throws: `LAPACKError` when the iteration does not converge.
    public func singularValues() throws -> [Double] {
        BLASThreads.useOne()
        let m = rows, n = columns, k = min(m, n)
        guard k > 0 else { return [] }
        var a = self
        var s = [Double](repeating: 0, count: k)
        var iwork = [la_int](repeating: 0, count: 8 * k)
        var query = 0.0
        var u = 0.0, vt = 0.0
        let job = CChar(UInt8(ascii: "N"))
        var info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, job, la_int(m), la_int(n), &a.storage,
                                       la_int(max(1, m)), &s, &u, 1, &vt, 1, &query, -1, &iwork)
        try check("dgesdd", info)
        var work = [Double](repeating: 0, count: max(1, Int(query)))
        info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, job, la_int(m), la_int(n), &a.storage,
                                   la_int(max(1, m)), &s, &u, 1, &vt, 1, &work, la_int(work.count), &iwork)
        try check("dgesdd", info)
        return s
    }

    /// The 2-norm condition number σ_max / σ_min (∞ when singular).
    public func conditionNumber() throws -> Double {
        let s = try singularValues()
        guard let hi = s.first, let lo = s.last else { return .nan }
        return lo > 0 ? hi / lo : .infinity
    }
}
