import Foundation
import LinearAlgebra

extension QuantileSolver {
    /// Walks from the vertex `start` to an optimal one, in the manner of Barrodale & Roberts.
    ///
    /// At a vertex with basis h and β = X_h⁻¹ y_h, the edges leave one basic observation k,
    /// moving β by t s X_h⁻¹ eₖ (t > 0, s = ±1): observation i's residual moves by −t s aᵢₖ with
    /// A = X X_h⁻¹, and k's becomes −s t. The objective's slope along an edge is
    /// Σᵢ∉h ρτ′(rᵢ; −s aᵢₖ) + (1 − τ or τ); a zero residual off the basis (a tie) counts with the
    /// one-sided derivative of its direction. The steepest descending edge is followed to the
    /// breakpoint where the slope, rising by |aᵢₖ| at each residual that changes sign, turns
    /// non-negative; that observation replaces k. Every step lowers the objective strictly,
    /// so no vertex repeats. At the optimum a flat edge (slope 0) means the solution is not unique.
    ///
    /// At a degenerate vertex (more than p zero residuals) the 2p edges of one basis need not
    /// include every descending direction, so `solve` checks such an end against the interior point.
    func descend(tau: Double, from start: [Int], isCancelled: () -> Bool) throws -> Vertex {
        let n = x.rows, p = x.columns
        var basis = start
        var inBasis = [Bool](repeating: false, count: n)
        for i in basis { inBasis[i] = true }
        for pivot in 0...(20 * n + 100) {
            if pivot % 16 == 15, isCancelled() { throw Cancelled() }
            guard let h = try inverse(basis) else {
                throw RegressionError("the design is singular: no \(p) observations determine the coefficients")
            }
            let beta = try h.multiplied(by: basis.map { y[$0] })
            var r = try x.residuals(y, beta)
            for i in basis { r[i] = 0 }
            let a = try x.multiplied(by: h)
            // The slopes of the 2p edges.
            var best = (k: -1, s: 0.0, slope: 0.0)
            var flat = false
            for k in 0..<p {
                var signed = 0.0, tiesPlus = 0.0, tiesMinus = 0.0, size = 0.0
                a.storage.withUnsafeBufferPointer { column in
                    let c = column.baseAddress! + k * n
                    for i in 0..<n where !inBasis[i] {
                        let aik = c[i], ri = r[i]
                        size += abs(aik)
                        if ri > zeroTolerance {
                            signed += tau * aik
                        } else if ri < -zeroTolerance {
                            signed += (tau - 1) * aik
                        } else {
                            tiesPlus += max(-tau * aik, (1 - tau) * aik)
                            tiesMinus += max(tau * aik, (tau - 1) * aik)
                        }
                    }
                }
                let tolerance = 1e-10 * (size + 1)
                for (s, slope) in [(1.0, -signed + tiesPlus + (1 - tau)), (-1.0, signed + tiesMinus + tau)] {
                    if abs(slope) <= tolerance { flat = true }
                    if slope < -tolerance && slope < best.slope { best = (k, s, slope) }
                }
            }
            guard best.k >= 0 else {
                let ties = (0..<n).lazy.filter { !inBasis[$0] && abs(r[$0]) <= zeroTolerance }.count
                return Vertex(coefficients: beta, basis: basis, nonUnique: flat, pivots: pivot, interiorPoint: false,
                              ties: ties)
            }
            // Along the edge: breakpoints where a residual changes sign.
            var crossings: [(t: Double, i: Int, rise: Double)] = []
            let column = best.k * n
            for i in 0..<n where !inBasis[i] && abs(r[i]) > zeroTolerance {
                let d = best.s * a.storage[column + i]
                guard d != 0 else { continue }
                let t = r[i] / d
                if t > 0 { crossings.append((t, i, abs(d))) }
            }
            crossings.sort { $0.t < $1.t }
            var slope = best.slope
            var entering = -1
            for c in crossings {
                slope += c.rise
                if slope >= 0 { entering = c.i; break }
            }
            guard entering >= 0 else {
                throw RegressionError("the quantile regression is unbounded (the design is degenerate)")
            }
            inBasis[basis[best.k]] = false
            basis[best.k] = entering
            inBasis[entering] = true
        }
        throw RegressionError("the simplex did not reach the optimum in \(20 * n + 100) pivots")
    }
}
