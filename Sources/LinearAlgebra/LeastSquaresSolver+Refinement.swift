import Dispatch

/// The extended-precision steps of `LeastSquaresSolver`: products with X in double-double,
/// the two refinements of the plain solve and the Gram matrix of an ill-conditioned design.
extension LeastSquaresSolver {
    /// X β (kept columns) in double-double, with the low-order design parts when given.
    func applyX(_ beta: [DoubleDouble], kept: [Int]) -> [DoubleDouble] {
        var out = [DoubleDouble](repeating: .zero, count: n)
        let x = problem.design.storage
        let low = problem.designLow?.storage
        for (k, j) in kept.enumerated() {
            let b = beta[k]
            let base = j * n
            if let low {
                for i in 0..<n { out[i] = out[i] + DoubleDouble(hi: x[base + i], lo: 0) * b + b * low[base + i] }
            } else {
                for i in 0..<n { out[i] = out[i] + b * x[base + i] }
            }
        }
        return out
    }

    /// B v = W^½ X S v in double-double.
    func applyB(_ v: [DoubleDouble], _ t: ScaleTransform) -> [DoubleDouble] {
        var out = applyX(t.apply(v), kept: t.kept)
        if let root { for i in 0..<n { out[i] = out[i] * root[i] } }
        return out
    }

    /// Bᵀ u = Sᵀ Xᵀ W^½ u in double-double.
    func applyBTranspose(_ u: [DoubleDouble], _ t: ScaleTransform) -> [DoubleDouble] {
        let wu = root.map { r in (0..<n).map { u[$0] * r[$0] } } ?? u
        let x = problem.design.storage
        let low = problem.designLow?.storage
        var xtu = [DoubleDouble](repeating: .zero, count: t.kept.count)
        for (k, j) in t.kept.enumerated() {
            let base = j * n
            var s = DoubleDouble.zero
            if let low {
                for i in 0..<n { s = s + wu[i] * x[base + i] + wu[i] * low[base + i] }
            } else {
                for i in 0..<n { s = s + wu[i] * x[base + i] }
            }
            xtu[k] = s
        }
        return t.applyTranspose(xtu)
    }

    /// Björck's refinement on the augmented system with c = 0: returns x̃ and the steps taken.
    func refineSolution(qr: QRFactorization, transform t: ScaleTransform,
                        start: [DoubleDouble]) throws -> ([DoubleDouble], Int) {
        let r = t.kept.count
        var x = start
        var res = [DoubleDouble](repeating: .zero, count: n)
        let b = weightedResponse()
        var previous = Double.infinity
        var steps = 0
        for _ in 0..<30 {
            let bx = applyB(x, t)
            let f = (0..<n).map { i in (b[i] - res[i] - bx[i]).value }
            let g = applyBTranspose(res, t).map { (-$0).value }
            let (dr, dx) = try correction(qr: qr, order: r, f: f, g: g)
            for i in 0..<n { res[i] = res[i] + dr[i] }
            for k in 0..<r { x[k] = x[k] + dx[k] }
            steps += 1
            let size = dx.reduce(0) { max($0, abs($1)) }
            let scale = x.reduce(0) { max($0, $1.magnitude) }
            if size <= 1e-30 * scale { break }
            if steps > 2 && size > 0.5 * previous { break }
            previous = size
        }
        return (x, steps)
    }

    /// Solves `[I B̂; B̂ᵀ 0][δr; δx] = [f; g]` with the QR factors of B̂.
    func correction(qr: QRFactorization, order r: Int, f: [Double], g: [Double]) throws -> ([Double], [Double]) {
        var u = Matrix(rows: r, columns: 1, storage: g)
        try qr.solveR(&u, transpose: true, order: r)
        let d = try qr.applyQTranspose(f)
        var dx = Matrix(rows: r, columns: 1, storage: (0..<r).map { d[$0] - u.storage[$0] })
        try qr.solveR(&dx, order: r)
        var z = d
        for k in 0..<r { z[k] = u.storage[k] }
        let dr = try qr.applyQ(z)
        return (dr, dx.storage)
    }

    /// Bᵀ B in double-double from the exactly centred columns: Σ wᵢ (zᵢⱼ/dⱼ)(zᵢₖ/dₖ). Each
    /// column is divided by its norm before the products, which for a column near 1e-160
    /// would otherwise be subnormal (1e-320) and keep only a few digits.
    func extendedGram(_ t: ScaleTransform) -> ExtendedMatrix {
        let r = t.kept.count
        let x = problem.design.storage
        let low = problem.designLow?.storage
        // Centred columns in double-double (x − m is exact as a pair).
        var z = [[DoubleDouble]](repeating: [], count: r)
        for (k, j) in t.kept.enumerated() {
            let base = j * n
            z[k] = (0..<n).map { i in
                var v = DoubleDouble.twoSum(x[base + i], -t.means[k])
                if let low { v = v + low[base + i] }
                if let root { v = v * root[i] }
                return v / t.scales[k]
            }
        }
        var g = ExtendedMatrix(rows: r, columns: r)
        for a in 0..<r {
            for c in a..<r {
                var s = DoubleDouble.zero
                let za = z[a], zc = z[c]
                for i in 0..<n { s = s + za[i] * zc[i] }
                g[a, c] = s
                g[c, a] = s
            }
        }
        return g
    }

    /// Refinement by the corrected seminormal equations, for a tall problem factored without Q
    /// (`TallSkinnyQR`): x ← x + R⁻¹ R⁻ᵀ B̂ᵀ (b̂ − B̂ x), the residual in double-double
    /// (Björck, "Stability analysis of the method of seminormal equations for linear least
    /// squares problems", Linear Algebra Appl. 88/89, 1987). Each step shrinks the error by
    /// about κ²ε, so it is used only when the scaled κ is below `seminormalConditionLimit` —
    /// the common case of an intercept recovered by cancellation from predictors with large
    /// means, which needs x̃ beyond double precision but not Q: the full Householder QR that
    /// Björck's augmented refinement needs costs a 1,000,000 × 10 fit ten times its blocked R.
    func refineSeminormal(r rFactor: Matrix, transform t: ScaleTransform,
                          start: [DoubleDouble]) throws -> ([DoubleDouble], Int) {
        let k = t.kept.count
        var x = start
        var previous = Double.infinity
        var steps = 0
        for _ in 0..<8 {
            var u = Matrix(rows: k, columns: 1, storage: seminormalGradient(x, t))
            try Matrix.solveTriangular(rFactor, &u, upper: true, transpose: true)
            try Matrix.solveTriangular(rFactor, &u, upper: true)
            for j in 0..<k { x[j] = x[j] + u.storage[j] }
            steps += 1
            let size = u.storage.reduce(0) { max($0, abs($1)) }
            let scale = x.reduce(0) { max($0, $1.magnitude) }
            if size <= 1e-30 * scale || (steps > 2 && size > 0.5 * previous) { break }
            previous = size
        }
        return (x, steps)
    }

    /// B̂ᵀ (b̂ − B̂ x) for the seminormal refinement, in one pass over the rows on all cores: the
    /// residual in double-double (X β with β = S x, exact centring not needed: y − Xβ is formed
    /// before rounding), rounded, then multiplied by the centred, scaled columns in double —
    /// the residual is what needs the extra precision, not the product with it. Row blocks are
    /// merged in order, so the result does not depend on the number of threads.
    func seminormalGradient(_ x: [DoubleDouble], _ t: ScaleTransform) -> [Double] {
        let beta = t.apply(x)
        let k = t.kept.count, block = 8192
        let blocks = (n + block - 1) / block
        var partial = [Double](repeating: 0, count: blocks * k)
        let design = problem.design.storage, low = problem.designLow?.storage
        let y = problem.response, root = self.root, n = self.n
        let columns = t.kept.enumerated().map { (q, j) in (offset: j * n, mean: t.means[q], scale: 1 / t.scales[q]) }
        partial.withUnsafeMutableBufferPointer { out in
            let shared = SharedPointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: blocks) { c in
                let start = c * block, end = min(n, start + block)
                var e = (start..<end).map { DoubleDouble(y[$0]) }
                for (q, column) in columns.enumerated() {
                    let b = beta[q]
                    for i in start..<end {
                        var term = b * design[column.offset + i]
                        if let low { term = term + b * low[column.offset + i] }
                        e[i - start] = e[i - start] - term
                    }
                }
                let f = (start..<end).map { i in (root.map { $0[i] * e[i - start] } ?? e[i - start]).value }
                for (q, column) in columns.enumerated() {
                    var sum = 0.0
                    for i in start..<end {
                        let centred = (design[column.offset + i] - column.mean) * column.scale
                        sum += (root.map { $0[i].value } ?? 1) * centred * f[i - start]
                    }
                    shared[c * k + q] = sum
                }
            }
        }
        var g = [Double](repeating: 0, count: k)
        for c in 0..<blocks { for q in 0..<k { g[q] += partial[c * k + q] } }
        return g
    }

    /// b̂ = W^½ y in double-double.
    func weightedResponse() -> [DoubleDouble] {
        (0..<n).map { i in
            let y = DoubleDouble(problem.response[i])
            return root.map { $0[i] * y } ?? y
        }
    }
}
