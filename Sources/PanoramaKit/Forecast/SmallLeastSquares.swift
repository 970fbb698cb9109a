import Foundation

/// Ordinary least squares for the few-column designs of the portfolio flow model, by Householder
/// QR (Golub & Van Loan §5.3), with coefficient standard errors.
///
/// Deliberately small: the bottom-up view needs OLS before the regression area's `LinearModel`
/// is available to the kernel; columns whose pivot falls below 1e-10 of the largest are dropped
/// (their coefficient 0, reported `aliased`).
struct SmallLeastSquares {
    var coefficients: [Double]
    var standardErrors: [Double]
    var aliased: [Bool]
    var residuals: [Double]
    /// s² = SSE / (n − rank).
    var residualVariance: Double
    var rank: Int

    /// Fits y ≈ X b; `columns` are X's columns, each of length n.
    init(columns: [[Double]], response y: [Double]) {
        let n = y.count, p = columns.count
        var a = columns            // column-major copy, overwritten by the factorisation
        var qty = y
        var aliased = [Bool](repeating: false, count: p)
        let scale = columns.map { c in c.reduce(0) { max($0, abs($1)) } }.max() ?? 1
        var k = 0                  // rows used so far (one per kept column)
        var kept: [Int] = []
        for j in 0..<p {
            guard k < n else { aliased[j] = true; continue }
            var norm = 0.0
            for i in k..<n { norm += a[j][i] * a[j][i] }
            norm = norm.squareRoot()
            if norm <= 1e-10 * max(scale, 1e-300) * Double(n).squareRoot() { aliased[j] = true; continue }
            let alpha = a[j][k] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: n)
            for i in k..<n { v[i] = a[j][i] }
            v[k] -= alpha
            var vv = 0.0
            for i in k..<n { vv += v[i] * v[i] }
            if vv > 0 {
                for jj in j..<p {
                    var dot = 0.0
                    for i in k..<n { dot += v[i] * a[jj][i] }
                    let f = 2 * dot / vv
                    for i in k..<n { a[jj][i] -= f * v[i] }
                }
                var dot = 0.0
                for i in k..<n { dot += v[i] * qty[i] }
                let f = 2 * dot / vv
                for i in k..<n { qty[i] -= f * v[i] }
            }
            kept.append(j)
            k += 1
        }
        // Back-substitution on the kept columns: R b = (Qᵀy)[0..<k].
        let r = kept.count
        var b = [Double](repeating: 0, count: p)
        for row in stride(from: r - 1, through: 0, by: -1) {
            let j = kept[row]
            var s = qty[row]
            for later in (row + 1)..<max(r, row + 1) { s -= a[kept[later]][row] * b[kept[later]] }
            b[j] = s / a[j][row]
        }
        var residuals = y
        for j in 0..<p where !aliased[j] { for i in 0..<n { residuals[i] -= columns[j][i] * b[j] } }
        let sse = residuals.reduce(0) { $0 + $1 * $1 }
        let s2 = n > r ? sse / Double(n - r) : .nan
        // (RᵀR)⁻¹ diagonal: invert the upper-triangular R column by column.
        var se = [Double](repeating: .nan, count: p)
        var rinv = [[Double]](repeating: [Double](repeating: 0, count: r), count: r)
        for c in 0..<r {
            for row in stride(from: c, through: 0, by: -1) {
                var s = row == c ? 1.0 : 0.0
                for m in (row + 1)..<(c + 1) where m <= c { s -= a[kept[m]][row] * rinv[m][c] }
                rinv[row][c] = s / a[kept[row]][row]
            }
        }
        for row in 0..<r {
            var s = 0.0
            for c in row..<r { s += rinv[row][c] * rinv[row][c] }
            se[kept[row]] = (s * s2).squareRoot()
        }
        coefficients = b
        standardErrors = se
        self.aliased = aliased
        self.residuals = residuals
        residualVariance = s2
        rank = r
    }
}
