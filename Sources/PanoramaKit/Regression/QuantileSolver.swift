import Foundation
import LinearAlgebra

/// The exact solution of one quantile regression problem, min over β of Σ ρτ(yᵢ − xᵢᵀβ) with
/// the check function ρτ(u) = u (τ − 1{u < 0}) (Koenker & Bassett 1978).
///
/// The minimum is attained at a vertex: p observations fitted exactly (the basis h), β = X_h⁻¹ y_h.
/// Two routes reach it, as quantreg's `rq(method="br")` and `rq(method="fn")` do:
/// - a simplex in the manner of Barrodale & Roberts (1973) — from a vertex, follow the edge of
///   steepest descent and cross as many breakpoints along it as lower the objective — started
///   from the vertex nearest the least-squares fit;
/// - Frisch–Newton interior point (Portnoy & Koenker 1997, quantreg's `rq.fit.fnb`),
///   then the same simplex from the vertex nearest the interior solution, which identifies the
///   optimal basis and proves it optimal (usually in a few pivots).
/// Weights are folded into the rows (wᵢxᵢ, wᵢyᵢ) as quantreg's `rq.wfit` does.
struct QuantileSolver {
    /// X (n × p) and y, weights already folded in.
    let x: Matrix
    let y: [Double]
    /// Xᵀ, kept for the interior point's products.
    let xt: Matrix
    /// Residuals below this are zero (the basis, ties).
    let zeroTolerance: Double

    /// Above this many columns the interior point finds the starting vertex. Measured (release
    /// build, bench/README.md "qreg"): started from the least-squares vertex the simplex needs
    /// more pivots as p grows but hardly more as n grows, so the switch is by p: with 4 columns
    /// the simplex is about 2× faster from n = 20 to n = 100,000, with 6 to 8 the two routes are
    /// even, with 11 the interior point is 1.5–2× faster from n = 100 on.
    static let interiorPointColumns = 8

    init(x: Matrix, y: [Double]) {
        self.x = x
        self.y = y
        self.xt = x.transposed
        self.zeroTolerance = 1e-12 * max(1, y.lazy.map(abs).max() ?? 0)
    }

    /// An optimal vertex: the coefficients, its basis, whether another vertex fits as well (an
    /// edge of the objective is flat, so the solution is not unique), and the pivots taken.
    struct Vertex: Sendable {
        var coefficients: [Double]
        var basis: [Int]
        var nonUnique: Bool
        var pivots: Int
        var interiorPoint: Bool
        /// Observations off the basis with a zero residual (a degenerate vertex when > 0).
        var ties: Int
    }

    /// The solution at `tau`, by the route suited to p (or the one forced by `interiorPoint`).
    /// - Throws: `RegressionError` when the design is singular; `Cancelled` when cancelled.
    func solve(tau: Double, interiorPoint: Bool? = nil, start: [Double]? = nil,
               isCancelled: () -> Bool = { false }) throws -> Vertex {
        guard x.rows > x.columns else {
            throw RegressionError("a quantile regression with \(x.columns) coefficients needs more than \(x.columns) rows, not \(x.rows)")
        }
        let useInteriorPoint = interiorPoint ?? (x.columns > QuantileSolver.interiorPointColumns)
        let beta: [Double]
        if let start {
            beta = start
        } else if useInteriorPoint {
            beta = try frischNewton(tau: tau, isCancelled: isCancelled)
        } else {
            beta = try leastSquares()
        }
        var vertex = try descend(tau: tau, from: try basis(near: try x.residuals(y, beta)), isCancelled: isCancelled)
        vertex.interiorPoint = useInteriorPoint && start == nil
        if vertex.ties > 0 {
            // A degenerate end: the interior point's solution, near the centre of the optimal
            // face, proves it optimal or leads to a better vertex.
            let central = vertex.interiorPoint ? beta : try frischNewton(tau: tau, isCancelled: isCancelled)
            let reached = try objective(vertex.coefficients, tau: tau)
            if try objective(central, tau: tau) < reached - 1e-11 * max(1, abs(reached)) {
                let pivots = vertex.pivots
                vertex = try descend(tau: tau, from: try basis(near: try x.residuals(y, central)), isCancelled: isCancelled)
                vertex.pivots += pivots
                vertex.interiorPoint = true
            }
        }
        return vertex
    }

    /// Σ ρτ(yᵢ − xᵢᵀβ).
    func objective(_ beta: [Double], tau: Double) throws -> Double {
        try x.residuals(y, beta).reduce(0) { $0 + ($1 < 0 ? (tau - 1) * $1 : tau * $1) }
    }

    /// The least-squares coefficients (QR), the simplex's starting point for small n.
    func leastSquares() throws -> [Double] {
        let qr = try QRFactorization(x, pivoting: .none)
        var b = Matrix(rows: x.rows, columns: 1, storage: y)
        try qr.applyQ(to: &b, transpose: true)
        var top = Matrix(rows: x.columns, columns: 1, storage: Array(b.storage.prefix(x.columns)))
        try qr.solveR(&top)
        return top.storage
    }

    /// p observations in order of |residual| whose rows are linearly independent: the vertex
    /// nearest a fit with these residuals.
    func basis(near residuals: [Double]) throws -> [Int] {
        let p = x.columns
        let order = residuals.indices.sorted { abs(residuals[$0]) < abs(residuals[$1]) }
        var chosen: [Int] = [], directions: [[Double]] = []
        for i in order where chosen.count < p {
            var v = (0..<p).map { x[i, $0] }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            for _ in 0..<2 {
                for u in directions {
                    let dot = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                    for j in 0..<p { v[j] -= dot * u[j] }
                }
            }
            let rest = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard rest > 1e-9 * norm else { continue }
            directions.append(v.map { $0 / rest })
            chosen.append(i)
        }
        guard chosen.count == p else {
            throw RegressionError("the design is singular: its \(p) columns span only \(chosen.count) dimensions")
        }
        return chosen
    }

    /// X_h⁻¹ for the p × p rows of a basis, by QR (`R⁻¹ Qᵀ`); nil when singular.
    func inverse(_ basis: [Int]) throws -> Matrix? {
        let xh = x.rows(basis)
        let qr = try QRFactorization(xh, pivoting: .none)
        let d = qr.rDiagonal.map(abs)
        guard let largest = d.max(), largest > 0, (d.min() ?? 0) > 1e-13 * largest else { return nil }
        var h = Matrix.identity(xh.rows)
        try qr.applyQ(to: &h, transpose: true)
        try qr.solveR(&h)
        return h
    }
}
