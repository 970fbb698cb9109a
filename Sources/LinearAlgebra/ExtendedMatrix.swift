/// A dense column-major matrix of double-doubles, for the few small computations (Gram
/// matrices, their Cholesky factors and inverses) that need more than double precision.
public struct ExtendedMatrix: Sendable {
    public let rows: Int
    public let columns: Int
    public var storage: [DoubleDouble]

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        storage = Array(repeating: .zero, count: rows * columns)
    }

    public subscript(i: Int, j: Int) -> DoubleDouble {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// The nearest double matrix.
    public var rounded: Matrix {
        Matrix(rows: rows, columns: columns, storage: storage.map(\.value))
    }

    /// The inverse of a symmetric positive definite matrix, by Cholesky factorisation in
    /// double-double (`A = L Lᵀ`, then `A⁻¹ = L⁻ᵀ L⁻¹`). Nil when not positive definite.
    public func symmetricPositiveDefiniteInverse() -> ExtendedMatrix? {
        let n = rows
        guard n == columns else { return nil }
        var l = ExtendedMatrix(rows: n, columns: n)
        for j in 0..<n {
            var d = self[j, j]
            for k in 0..<j { d = d - l[j, k] * l[j, k] }
            guard d.hi > 0 else { return nil }
            let root = d.squareRoot
            l[j, j] = root
            for i in (j + 1)..<max(j + 1, n) {
                var s = self[i, j]
                for k in 0..<j { s = s - l[i, k] * l[j, k] }
                l[i, j] = s / root
            }
        }
        // L⁻¹, lower triangular, by forward substitution on the identity.
        var inv = ExtendedMatrix(rows: n, columns: n)
        for j in 0..<n {
            inv[j, j] = DoubleDouble(1) / l[j, j]
            for i in (j + 1)..<max(j + 1, n) {
                var s = DoubleDouble.zero
                for k in j..<i { s = s + l[i, k] * inv[k, j] }
                inv[i, j] = -s / l[i, i]
            }
        }
        // A⁻¹ = L⁻ᵀ L⁻¹.
        var out = ExtendedMatrix(rows: n, columns: n)
        for j in 0..<n {
            for i in j..<n {
                var s = DoubleDouble.zero
                for k in i..<n { s = s + inv[k, i] * inv[k, j] }
                out[i, j] = s
                out[j, i] = s
            }
        }
        return out
    }
}

extension Matrix {
    /// The same matrix in double-double.
    public var extended: ExtendedMatrix {
        var e = ExtendedMatrix(rows: rows, columns: columns)
        e.storage = storage.map { DoubleDouble($0) }
        return e
    }
}

/// The reparametrisation `β = S x̃` between the columns of X and the centred, unit-norm
/// columns that are factored: `B = W^½ X S`.
struct ScaleTransform: Sendable {
    /// Columns of X kept, in order; S acts on these.
    let kept: [Int]
    /// Position of the intercept within `kept`.
    let interceptPosition: Int?
    /// The (weighted) mean subtracted from each kept column (0 for the intercept, or without one).
    let means: [Double]
    /// The norm each centred column was divided by.
    let scales: [Double]

    /// β = S x: x_j / d_j, and the intercept also takes −Σ m_j x_j / d_j.
    func apply(_ x: [DoubleDouble]) -> [DoubleDouble] {
        var beta = [DoubleDouble](repeating: .zero, count: x.count)
        var shift = DoubleDouble.zero
        for j in 0..<x.count {
            beta[j] = x[j] / scales[j]
            if j != interceptPosition && means[j] != 0 { shift = shift + beta[j] * means[j] }
        }
        if let k = interceptPosition { beta[k] = beta[k] - shift }
        return beta
    }

    /// Sᵀ u: (u_j − m_j u_int) / d_j, and u_int / d_int.
    func applyTranspose(_ u: [DoubleDouble]) -> [DoubleDouble] {
        var out = [DoubleDouble](repeating: .zero, count: u.count)
        let ui = interceptPosition.map { u[$0] } ?? .zero
        for j in 0..<u.count {
            var v = u[j]
            if j != interceptPosition && means[j] != 0 { v = v - ui * means[j] }
            out[j] = v / scales[j]
        }
        return out
    }

    /// B̂ = W^½ (X_kept − 1 mᵀ) D⁻¹ in double.
    func scaledDesign(_ design: Matrix, weights: [Double]?) -> Matrix {
        let n = design.rows
        var b = Matrix(rows: n, columns: kept.count)
        let root = weights?.map { $0.squareRoot() }
        design.storage.withUnsafeBufferPointer { x in
            b.storage.withUnsafeMutableBufferPointer { out in
                for (k, j) in kept.enumerated() {
                    let m = means[k], d = scales[k]
                    let src = j * n, dst = k * n
                    if let root {
                        for i in 0..<n { out[dst + i] = root[i] * (x[src + i] - m) / d }
                    } else {
                        for i in 0..<n { out[dst + i] = (x[src + i] - m) / d }
                    }
                }
            }
        }
        return b
    }

    /// R of `[B̂ | b̂]` with b̂ = W^½ y (`roots` = √wᵢ), factored by `TallSkinnyQR` from the
    /// rows of X without forming B̂: the leading `kept.count` columns are B̂'s R, the last
    /// column holds Qᵀb̂ and, in its corner, ±‖b̂ − B̂ x̃‖.
    func augmentedTriangle(_ design: Matrix, response y: [Double], roots: [Double]?) throws -> Matrix {
        let n = design.rows, q = kept.count + 1
        let columns = kept.enumerated().map { (k, j) in (offset: j * n, mean: means[k], scale: 1 / scales[k]) }
        return try design.storage.withUnsafeBufferPointer { xs in
            try y.withUnsafeBufferPointer { ys in
                let sharedX = SharedPointer(readOnly: xs.baseAddress!), sharedY = SharedPointer(readOnly: ys.baseAddress!)
                return try TallSkinnyQR.triangularFactor(rows: n, columns: q) { start, count, out, leading in
                    let x = sharedX.base, y = sharedY.base
                    for (k, c) in columns.enumerated() {
                        let src = x + c.offset + start, dst = out + k * leading
                        if let roots {
                            for i in 0..<count { dst[i] = roots[start + i] * ((src[i] - c.mean) * c.scale) }
                        } else {
                            for i in 0..<count { dst[i] = (src[i] - c.mean) * c.scale }
                        }
                    }
                    let dst = out + (q - 1) * leading
                    if let roots {
                        for i in 0..<count { dst[i] = roots[start + i] * y[start + i] }
                    } else {
                        for i in 0..<count { dst[i] = y[start + i] }
                    }
                }
            }
        }
    }

    /// The raw residuals y − X β of a solution x̃ in scaled coordinates, from the centred
    /// columns: y − c − Σ (x_j − m_j) β_j with β_j = x̃_j/d_j and c = x̃_k/d_k the fit at the
    /// means (k the intercept). Written as y − X β, a regressor around 1e9 in unit steps would
    /// cancel nine digits of every residual (and of σ and the standard errors); centred, each
    /// term is as small as the column's spread.
    func residuals(_ design: Matrix, response y: [Double], solution x: [Double]) -> [Double] {
        let n = design.rows
        var out = y
        let atMeans = interceptPosition.map { x[$0] / scales[$0] } ?? 0
        design.storage.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { e in
                if atMeans != 0 { for i in 0..<n { e[i] -= atMeans } }
                for (k, j) in kept.enumerated() where k != interceptPosition {
                    let m = means[k], b = x[k] / scales[k]
                    let column = UnsafeBufferPointer(rebasing: xs[(j * n)..<(j * n + n)])
                    for i in 0..<n { e[i] -= (column[i] - m) * b }
                }
            }
        }
        return out
    }

    /// √diag(S C Sᵀ) for a symmetric C in scaled coordinates, over all `p` columns (NaN for
    /// aliased ones), without forming S C Sᵀ: row j of S is e_j/d_j, and the intercept's row
    /// e_k/d_k − Σ m_j e_j/d_j, whose entries are ratios of a column's mean to its norm. So a
    /// standard error is as exact for a predictor near 1e±300 as near 1, where the entries of
    /// S C Sᵀ (which go as 1/d²) overflow or underflow.
    func standardDeviations(_ c: ExtendedMatrix, columns p: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: p)
        for (k, j) in kept.enumerated() {
            guard k == interceptPosition else {
                out[j] = c[k, k].value.squareRoot() / scales[k]
                continue
            }
            // a = (Sᵀ e_j): 1/d_k at k, −m_i/d_i elsewhere; the variance is aᵀ C a.
            let a = (0..<kept.count).map { i in
                i == k ? DoubleDouble(1) / scales[i] : DoubleDouble(-means[i]) / scales[i]
            }
            var sum = DoubleDouble.zero
            for i in 0..<a.count {
                var row = DoubleDouble.zero
                for l in 0..<a.count { row = row + c[i, l] * a[l] }
                sum = sum + a[i] * row
            }
            out[j] = max(0, sum.value).squareRoot()
        }
        return out
    }

    /// S C Sᵀ for a symmetric C in scaled coordinates, placed in a p × p matrix over all
    /// columns with NaN in aliased rows and columns.
    func unscale(_ c: ExtendedMatrix, columns p: Int) -> Matrix {
        let r = kept.count
        // A = S C (columns), then M = S Aᵀ.
        var a = ExtendedMatrix(rows: r, columns: r)
        for j in 0..<r {
            let col = apply((0..<r).map { c[$0, j] })
            for i in 0..<r { a[j, i] = col[i] }  // stores (S C)ᵀ
        }
        var out = Matrix(rows: p, columns: p, repeating: .nan)
        for j in 0..<r {
            let col = apply((0..<r).map { a[$0, j] })
            for i in 0..<r { out[kept[i], kept[j]] = col[i].value }
        }
        return out
    }
}
