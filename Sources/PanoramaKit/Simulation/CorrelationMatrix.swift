import Foundation
import LinearAlgebra

/// The dependence between projects' latent variables: one common correlation, or a full matrix.
public enum Correlation: Sendable, Equatable {
    /// Every pair has correlation ρ (must be ≥ −1/(n−1) to be a correlation matrix).
    case common(Double)
    /// A full n × n correlation matrix (checked by `validated(_:projects:)`).
    case matrix(Matrix)

    /// Zero correlation.
    public static let none = Correlation.common(0)

    /// The matrix for `n` projects.
    public func matrix(projects n: Int) -> Matrix {
        switch self {
        case .matrix(let m): return m
        case .common(let rho):
            var m = Matrix(rows: n, columns: n, repeating: rho)
            for i in 0..<n { m[i, i] = 1 }
            return m
        }
    }

    /// Checks a common correlation for `n` projects: −1/(n − 1) ≤ ρ ≤ 1.
    public static func validated(common rho: Double, projects n: Int) throws -> Correlation {
        guard rho.isFinite, rho >= -1, rho <= 1 else {
            throw KernelError("'corr' must lie between -1 and 1, not \(NumberFormat().string(rho))")
        }
        if n > 1 && rho < -1 / Double(n - 1) - 1e-12 {
            throw KernelError("a common correlation of \(NumberFormat().string(rho)) is impossible for \(n) projects: "
                              + "it must be at least -1/(n - 1) = \(NumberFormat().string(-1 / Double(n - 1)))")
        }
        return .common(rho)
    }

    /// Checks a correlation matrix for `n` projects — square, the right size, finite, unit
    /// diagonal, symmetric, entries in [−1, 1], positive semi-definite — and throws the first
    /// problem as a one-line message (indices 1-based). With `repair`, a matrix that is only
    /// not PSD is replaced by the nearest correlation matrix (Higham 2002) instead.
    public static func validated(_ m: Matrix, projects n: Int, repair: Bool = false) throws -> (Correlation, repaired: Bool) {
        let f = NumberFormat()
        guard m.rows == m.columns else {
            throw KernelError("the correlation matrix must be square, not \(m.rows) × \(m.columns)")
        }
        guard m.rows == n else {
            throw KernelError("the correlation matrix is \(m.rows) × \(m.rows) but there \(n == 1 ? "is 1 project" : "are \(n) projects")")
        }
        for j in 0..<n {
            for i in 0..<n where !m[i, j].isFinite {
                throw KernelError("the correlation matrix holds \(f.string(m[i, j])) at [\(i + 1), \(j + 1)]")
            }
        }
        for i in 0..<n where abs(m[i, i] - 1) > 1e-12 {
            throw KernelError("the correlation matrix must have 1 on its diagonal, but [\(i + 1), \(i + 1)] is \(f.string(m[i, i]))")
        }
        for j in 0..<n {
            for i in (j + 1)..<max(n, j + 1) where abs(m[i, j] - m[j, i]) > 1e-12 {
                throw KernelError("the correlation matrix is not symmetric: [\(i + 1), \(j + 1)] is \(f.string(m[i, j])) "
                                  + "but [\(j + 1), \(i + 1)] is \(f.string(m[j, i]))")
            }
        }
        for j in 0..<n {
            for i in 0..<n where abs(m[i, j]) > 1 {
                throw KernelError("correlations must lie between -1 and 1, but [\(i + 1), \(j + 1)] is \(f.string(m[i, j]))")
            }
        }
        let smallest = try m.symmetricEigen().values.first ?? 1
        if smallest < -1e-10 {
            if repair { return (.matrix(try nearestCorrelation(m)), true) }
            throw KernelError("the correlation matrix is not positive semi-definite (smallest eigenvalue "
                              + "\(f.string(smallest))); repair=true replaces it by the nearest correlation matrix")
        }
        return (.matrix(m), false)
    }

    /// The nearest correlation matrix in the Frobenius norm, by Higham's alternating projections
    /// with Dykstra's correction (Higham, IMA J. Numer. Anal. 22, 2002). Eigenvalues are
    /// floored at 1e-10 so that the result has a Cholesky factor.
    public static func nearestCorrelation(_ a: Matrix, tolerance: Double = 1e-12, maxIterations: Int = 1000) throws -> Matrix {
        let n = a.rows
        var y = a
        var correction = Matrix(rows: n, columns: n)
        var x = a
        for _ in 0..<maxIterations {
            var r = y
            for k in 0..<r.storage.count { r.storage[k] -= correction.storage[k] }
            x = try projectPSD(r, floor: 1e-10)
            for k in 0..<r.storage.count { correction.storage[k] = x.storage[k] - r.storage[k] }
            let previous = y
            y = x
            for i in 0..<n { y[i, i] = 1 }
            var change = 0.0, size = 0.0
            for k in 0..<y.storage.count {
                change += (y.storage[k] - previous.storage[k]) * (y.storage[k] - previous.storage[k])
                size += y.storage[k] * y.storage[k]
            }
            if change.squareRoot() <= tolerance * size.squareRoot() { break }
        }
        // A last projection keeps it PSD; renormalise the diagonal to exactly 1.
        let p = try projectPSD(y, floor: 1e-10)
        var out = p
        for j in 0..<n {
            for i in 0..<n { out[i, j] = p[i, j] / (p[i, i] * p[j, j]).squareRoot() }
        }
        for j in 0..<n {
            for i in 0..<j {
                let v = 0.5 * (out[i, j] + out[j, i])
                out[i, j] = v
                out[j, i] = v
            }
        }
        return out
    }

    /// V max(Λ, floor) Vᵀ.
    static func projectPSD(_ a: Matrix, floor: Double) throws -> Matrix {
        let n = a.rows
        let (values, v) = try a.symmetricEigen()
        var out = Matrix(rows: n, columns: n)
        for k in 0..<n {
            let lambda = max(values[k], floor)
            for j in 0..<n {
                let vj = v[j, k] * lambda
                for i in 0..<n { out[i, j] += v[i, k] * vj }
            }
        }
        return out
    }

    /// A factor B with B Bᵀ = C: the Cholesky factor when C is positive definite, else
    /// V √max(Λ, 0) (a PSD matrix, e.g. with perfectly correlated projects).
    static func factor(_ c: Matrix) throws -> Matrix {
        if let l = try? c.cholesky() { return l }
        let n = c.rows
        let (values, v) = try c.symmetricEigen()
        var b = Matrix(rows: n, columns: n)
        for k in 0..<n {
            let s = max(values[k], 0).squareRoot()
            for i in 0..<n { b[i, k] = v[i, k] * s }
        }
        return b
    }
}
