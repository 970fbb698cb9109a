import Foundation
import LinearAlgebra

extension QuantileSolver {
    /// Coefficients near the optimum by the Frisch–Newton interior point method (Portnoy &
    /// Koenker 1997; the algorithm of quantreg's `rq.fit.fnb` and Koenker's `lp_fnm`).
    ///
    /// Solves the dual LP max yᵀd subject to Xᵀd = (1 − τ) Xᵀ1, 0 ≤ d ≤ 1 by Mehrotra
    /// predictor–corrector steps on its log-barrier; each step solves one p × p system
    /// Xᵀ diag(q) X by Cholesky. β is minus the equality constraints' multipliers. Stops when
    /// the duality gap falls below 1e-10 of the objective or after 60 steps: the simplex that
    /// follows makes the answer exact.
    func frischNewton(tau: Double, isCancelled: () -> Bool) throws -> [Double] {
        let n = x.rows
        let damping = 0.99995
        let c = y.map { -$0 }
        var xs = [Double](repeating: 1 - tau, count: n)
        var s = [Double](repeating: tau, count: n)
        let b = try xt.multiplied(by: xs)
        var dual = try leastSquares().map { -$0 }
        var r = try x.residuals(c, dual).map { $0 == 0 ? 0.001 : $0 }
        var z = r.map { max($0, 0) }
        var w = zip(z, r).map { $0 - $1 }
        func dot(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).reduce(0) { $0 + $1.0 * $1.1 } }
        func gap() -> Double { dot(c, xs) - dot(dual, b) + w.reduce(0, +) }
        func step(_ v: [Double], _ dv: [Double]) -> Double {
            var f = Double.infinity
            for i in v.indices where dv[i] < 0 { f = min(f, -v[i] / dv[i]) }
            return f
        }
        for iteration in 0..<60 {
            let g0 = gap()
            if !(g0 > 1e-10 * max(1, abs(dot(c, xs)))) { break }
            if iteration % 4 == 3, isCancelled() { throw Cancelled() }
            let q = (0..<n).map { 1 / (z[$0] / xs[$0] + w[$0] / s[$0]) }
            r = zip(z, w).map { $0 - $1 }
            // Xᵀ diag(q) X by its Cholesky factor; `solve(v)` = (Xᵀ diag(q) X)⁻¹ Xᵀ v.
            var scaled = x
            for j in 0..<x.columns { for i in 0..<n { scaled.storage[j * n + i] *= q[i].squareRoot() } }
            let l = try scaled.gram().cholesky()
            func solve(_ v: [Double]) throws -> [Double] {
                try l.solveTriangular(l.solveTriangular(xt.multiplied(by: v), upper: false), upper: false, transpose: true)
            }
            var dy = try solve((0..<n).map { q[$0] * r[$0] })
            var xdy = try x.multiplied(by: dy)
            var dx = (0..<n).map { q[$0] * (xdy[$0] - r[$0]) }
            var ds = dx.map { -$0 }
            var dz = (0..<n).map { -z[$0] * (1 + dx[$0] / xs[$0]) }
            var dw = (0..<n).map { -w[$0] * (1 + ds[$0] / s[$0]) }
            var fp = min(damping * min(step(xs, dx), step(s, ds)), 1)
            var fd = min(damping * min(step(w, dw), step(z, dz)), 1)
            if min(fp, fd) < 1 {
                // Mehrotra's corrector with the centring parameter from the predicted gap.
                var mu = dot(z, xs) + dot(w, s)
                var g = 0.0
                for i in 0..<n {
                    let lower: Double = (z[i] + fd * dz[i]) * (xs[i] + fp * dx[i])
                    let upper: Double = (w[i] + fd * dw[i]) * (s[i] + fp * ds[i])
                    g += lower + upper
                }
                mu = mu * pow(g / mu, 3) / Double(2 * n)
                let dxdz = (0..<n).map { dx[$0] * dz[$0] }, dsdw = (0..<n).map { ds[$0] * dw[$0] }
                let xi = (0..<n).map { mu * (1 / xs[$0] - 1 / s[$0]) }
                dy = try solve((0..<n).map { i -> Double in
                    let corrected: Double = r[i] + dxdz[i] - dsdw[i] - xi[i]
                    return q[i] * corrected
                })
                xdy = try x.multiplied(by: dy)
                dx = (0..<n).map { i -> Double in
                    let direction: Double = xdy[i] + xi[i] - r[i] - dxdz[i] + dsdw[i]
                    return q[i] * direction
                }
                ds = dx.map { -$0 }
                dz = (0..<n).map { i -> Double in
                    let centred: Double = mu / xs[i] - z[i]
                    return centred - z[i] / xs[i] * dx[i] - dxdz[i]
                }
                dw = (0..<n).map { i -> Double in
                    let centred: Double = mu / s[i] - w[i]
                    return centred - w[i] / s[i] * ds[i] - dsdw[i]
                }
                fp = min(damping * min(step(xs, dx), step(s, ds)), 1)
                fd = min(damping * min(step(w, dw), step(z, dz)), 1)
            }
            for i in 0..<n {
                xs[i] += fp * dx[i]
                s[i] += fp * ds[i]
                w[i] += fd * dw[i]
                z[i] += fd * dz[i]
            }
            for j in dual.indices { dual[j] += fd * dy[j] }
        }
        return dual.map { -$0 }
    }
}
