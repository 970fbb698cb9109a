import Foundation
import LinearAlgebra

/// Generates the draws of one chunk of trials from that chunk's own random stream. The run and
/// the contributions' second pass both call it, so they see the same draws.
///
/// Trials are split into chunks by `ParallelChunks.runTrials` (the last one absorbs the
/// remainder); chunk c uses the seed's generator jumped c times. Within a chunk the draws come in a fixed order
/// (t copula's mixing variables, the common factor, then project by project), so a chunk's
/// output depends only on (seed, c) and never on which thread runs it.
///
/// Memory: a worker holds three chunk × projects buffers of doubles (latent normals, the
/// latent variables, the draws): 3 × 4096 × 50 × 8 bytes ≈ 4.9 MB for 50 projects; twice that
/// for the longer last chunk at most.
struct ChunkGenerator: Sendable {
    static let chunkSize = ParallelChunks.trialsPerChunk

    enum Latent: Sendable {
        /// y = √ρ·c + √(1−ρ)·z: exact for a common ρ ≥ 0, O(n) per trial.
        case oneFactor(common: Double, own: Double)
        /// y = B z with B Bᵀ = C (Cholesky, or eigen factor when C is singular).
        case factor(Matrix)
    }

    enum Method: Sendable {
        case gaussian
        case studentT(df: Double, scores: TScoreTable)
        /// The lower Cholesky factor of the target correlation of the scores.
        case imanConover(target: Matrix)
    }

    let n: Int
    let costs: [Double]
    let overruns: [Distribution]
    let marginals: [Marginal]
    let latent: Latent
    let method: Method
    /// The fast path when every project is lognormal with a positive cost under a one-factor
    /// Gaussian copula: x = e^(α + β·c + γ·z), α = μ + log cost, β = σ√ρ, γ = σ√(1−ρ).
    let fusedLognormal: [(alpha: Double, beta: Double, gamma: Double)]?

    init(_ model: PortfolioModel) throws {
        n = model.projectCount
        costs = model.costs
        overruns = model.overruns
        // One marginal (and one Hermite table) per distinct distribution.
        var distinct: [(Distribution, Marginal)] = []
        var marginals: [Marginal] = []
        for d in model.overruns {
            if let m = distinct.first(where: { $0.0 == d })?.1 {
                marginals.append(m)
            } else {
                let m = Marginal(d)
                distinct.append((d, m))
                marginals.append(m)
            }
        }
        self.marginals = marginals
        let correlation = model.copula.correlation
        switch model.copula {
        case .gaussian, .studentT:
            if case .common(let rho) = correlation, rho >= 0 {
                latent = .oneFactor(common: rho.squareRoot(), own: (1 - rho).squareRoot())
            } else {
                latent = .factor(try Correlation.factor(correlation.matrix(projects: n)))
            }
            if case .studentT(_, let df) = model.copula {
                method = .studentT(df: df, scores: TScoreTable(df: df))
            } else {
                method = .gaussian
            }
        case .imanConover:
            latent = .oneFactor(common: 0, own: 1)
            // Scores with Pearson correlation r have Spearman correlation (6/π)·asin(r/2); aim the
            // scores at r = 2 sin(π ρₛ / 6) so that the ranks reach the target ρₛ.
            var scores = correlation.matrix(projects: n)
            for k in 0..<scores.storage.count where scores.storage[k] != 1 {
                scores.storage[k] = 2 * sin(Double.pi * scores.storage[k] / 6)
            }
            if (try? scores.cholesky()) == nil { scores = try Correlation.nearestCorrelation(scores) }
            method = .imanConover(target: try Correlation.factor(scores))
        }
        var fused: [(alpha: Double, beta: Double, gamma: Double)]? = nil
        if case .gaussian = method, case .oneFactor(let a, let b) = latent, model.costs.allSatisfy({ $0 > 0 }) {
            fused = []
            for (d, cost) in zip(model.overruns, model.costs) {
                guard case .lognormal(let mu, let sigma) = d else { fused = nil; break }
                fused!.append((mu + log(cost), sigma * a, sigma * b))
            }
        }
        fusedLognormal = fused
    }

    /// The chunks' trial ranges (`ParallelChunks.trialChunks`).
    static func chunks(trials: Int) -> [Range<Int>] { ParallelChunks.trialChunks(trials) }

    /// Buffers for one worker, sized for the longest chunk.
    final class Workspace {
        let capacity: Int
        let n: Int
        /// Standard normals (the factor and fused lognormal paths).
        let z: UnsafeMutablePointer<Double>
        /// Latent variables (column j at j × capacity); Iman–Conover's ranks when asked.
        let y: UnsafeMutablePointer<Double>
        /// Draws: base cost × overrun factor.
        let x: UnsafeMutablePointer<Double>
        /// Per-trial scratch: the common factor, the t mixing scale.
        let common: UnsafeMutablePointer<Double>
        let scale: UnsafeMutablePointer<Double>
        /// The chunk's totals when they are not written to the run's array (second pass).
        let chunkTotals: UnsafeMutablePointer<Double>

        init(capacity: Int, n: Int) {
            self.capacity = capacity
            self.n = n
            z = .allocate(capacity: capacity * n)
            y = .allocate(capacity: capacity * n)
            x = .allocate(capacity: capacity * n)
            common = .allocate(capacity: capacity)
            scale = .allocate(capacity: capacity)
            chunkTotals = .allocate(capacity: capacity)
        }

        deinit {
            z.deallocate()
            y.deallocate()
            x.deallocate()
            common.deallocate()
            scale.deallocate()
            chunkTotals.deallocate()
        }
    }

    func workspace(trials: Int) -> Workspace {
        Workspace(capacity: min(trials, 2 * ChunkGenerator.chunkSize), n: n)
    }

    /// Whether `generate`'s latent columns are normal (the copula's uniform is their Φ: Gaussian
    /// and t copulas) rather than the uniforms themselves (Iman–Conover's within-chunk ranks).
    var latentIsNormal: Bool {
        if case .imanConover = method { return false }
        return true
    }

    /// With `draws`, fills `ws.x` (column j = project j's costs for the m trials) and
    /// `totals[0..<m]`. With `latent`, fills `ws.y` (column j for project j) with each draw's
    /// copula latent: the normal whose Φ is the draw's uniform F(x) (Gaussian, t), or the
    /// within-chunk rank in (0, 1) (Iman–Conover); see `latentIsNormal`. The random streams are
    /// consumed the same way in every case, so the draws behind the latents are the run's.
    func generate(_ rng: inout Xoshiro256StarStar, count m: Int, workspace ws: Workspace,
                  totals: UnsafeMutablePointer<Double>, draws: Bool = true, latent wantLatent: Bool = false) throws {
        let cap = ws.capacity
        if let fused = fusedLognormal, case .oneFactor(let a, let b) = latent {
            // Same draws in the same order as the general path: the common factor, then each
            // project's normals.
            if a != 0 {
                Ziggurat.fillNormals(ws.common, count: m, using: &rng)
            } else {
                for t in 0..<m { ws.common[t] = 0 }
            }
            if draws { for t in 0..<m { totals[t] = 0 } }
            for j in 0..<n {
                let z = ws.z + j * cap
                Ziggurat.fillNormals(z, count: m, using: &rng)
                let p = fused[j]
                if draws {
                    VectorMath.expAccumulate(p.alpha, p.beta, ws.common, p.gamma, z, into: ws.x + j * cap,
                                             totals: totals, count: m)
                }
                if wantLatent {
                    let y = ws.y + j * cap
                    for t in 0..<m { y[t] = a * ws.common[t] + b * z[t] }
                }
            }
            return
        }
        switch method {
        case .gaussian, .studentT:
            if case .studentT(let df, _) = method {
                for t in 0..<m {
                    let chi2 = 2 * Ziggurat.gamma(df / 2, using: &rng)
                    ws.scale[t] = (df / chi2).squareRoot()
                }
            }
            switch latent {
            case .oneFactor(let a, let b):
                if a != 0 { Ziggurat.fillNormals(ws.common, count: m, using: &rng) }
                for j in 0..<n {
                    let y = ws.y + j * cap
                    Ziggurat.fillNormals(y, count: m, using: &rng)
                    if a != 0 {
                        for t in 0..<m { y[t] = a * ws.common[t] + b * y[t] }
                    }
                }
            case .factor(let f):
                for j in 0..<n {
                    let z = ws.z + j * cap
                    Ziggurat.fillNormals(z, count: m, using: &rng)
                }
                f.storage.withUnsafeBufferPointer { b in
                    for j in 0..<n {
                        let y = ws.y + j * cap
                        for t in 0..<m { y[t] = 0 }
                        for k in 0..<n {
                            let coefficient = b[j + k * n]
                            if coefficient == 0 { continue }
                            let z = ws.z + k * cap
                            for t in 0..<m { y[t] += coefficient * z[t] }
                        }
                    }
                }
            }
            if case .studentT(_, let scores) = method {
                // y ← Φ⁻¹(T_ν(y·s)): the t copula's uniforms as normal scores.
                for j in 0..<n {
                    let y = ws.y + j * cap
                    for t in 0..<m { y[t] = scores.score(y[t] * ws.scale[t]) }
                }
            }
            guard draws else { return }
            for j in 0..<n {
                marginals[j].fromNormal(ws.y + j * cap, into: ws.x + j * cap, count: m)
            }
        case .imanConover(let target):
            try imanConover(&rng, count: m, workspace: ws, target: target, draws: draws, ranks: wantLatent)
            guard draws else { return }
        }
        // Scale by base costs and add up.
        for t in 0..<m { totals[t] = 0 }
        for j in 0..<n {
            let x = ws.x + j * cap
            let cost = costs[j]
            for t in 0..<m {
                x[t] *= cost
                totals[t] += x[t]
            }
        }
    }

    /// Φ⁻¹(k/(m+1)) for k = 1…m and their sum of squares.
    static func vanDerWaerdenScores(_ m: Int) -> ([Double], Double) {
        var scores = [Double](repeating: 0, count: m)
        var sumSquares = 0.0
        for k in 0..<m {
            scores[k] = NormalDistribution.standardQuantile(Double(k + 1) / Double(m + 1))
            sumSquares += scores[k] * scores[k]
        }
        return (scores, sumSquares)
    }

    static let fullChunkScores = vanDerWaerdenScores(chunkSize)

    /// Iman & Conover (1982) on one chunk: independent draws, then each project's draws
    /// reordered to follow van der Waerden scores whose correlation was set to the target
    /// (scores S, their correlation E = Q Qᵀ, target P Pᵀ: S (P Q⁻¹)ᵀ).
    /// With `ranks`, column j of `ws.y` ends as project j's within-chunk ranks, (r + ½)/m; with
    /// `draws`, column j of `ws.x` as its draws in their trials.
    func imanConover(_ rng: inout Xoshiro256StarStar, count m: Int, workspace ws: Workspace, target p: Matrix,
                     draws: Bool, ranks: Bool) throws {
        let cap = ws.capacity
        guard m > n else {
            throw KernelError("iman-conover needs more trials than projects (\(m) trials for \(n) projects)")
        }
        // Independent draws.
        for j in 0..<n {
            let x = ws.x + j * cap
            let d = overruns[j]
            for t in 0..<m { x[t] = d.sample(using: &rng) }
        }
        // Scores Φ⁻¹(k/(m+1)), randomly permuted per project (Fisher–Yates), into z. Every chunk
        // but the last has the same m: its scores are computed once.
        let (scores, sumSquares) = m == ChunkGenerator.chunkSize ? ChunkGenerator.fullChunkScores
                                                                 : ChunkGenerator.vanDerWaerdenScores(m)
        for j in 0..<n {
            let z = ws.z + j * cap
            for t in 0..<m { z[t] = scores[t] }
            var t = m - 1
            while t > 0 {
                let r = Int(rng.next().multipliedFullWidth(by: UInt64(t + 1)).high)
                let v = z[t]
                z[t] = z[r]
                z[r] = v
                t -= 1
            }
        }
        // E = SᵀS / Σ score² (each column has mean 0 and the same sum of squares).
        var e = Matrix.gram(of: ws.z, rows: m, columns: n, leading: cap)
        for k in 0..<e.storage.count { e.storage[k] /= sumSquares }
        let q: Matrix
        do {
            q = try e.cholesky()
        } catch {
            throw KernelError("iman-conover: the chunk's scores are degenerate (\(m) trials for \(n) projects)")
        }
        // M = P Q⁻¹ (lower triangular): solve Mᵀ from Qᵀ Mᵀ = Pᵀ by columns of M's rows.
        var mm = Matrix(rows: n, columns: n)
        for i in 0..<n {
            // Row i of M: r Q = P[i, :], r lower-triangular-compatible; back substitution.
            var r = [Double](repeating: 0, count: n)
            for k in stride(from: n - 1, through: 0, by: -1) {
                var s = p[i, k]
                for l in (k + 1)..<max(n, k + 1) { s -= r[l] * q[l, k] }
                r[k] = s / q[k, k]
            }
            for k in 0..<n { mm[i, k] = r[k] }
        }
        // Adjusted scores T = S Mᵀ into y; then reorder x's column j by T's ranks.
        Matrix.multiply(ws.z, rows: m, leading: cap, transposed: mm, into: ws.y)
        // Each project's draws, sorted, go to the trials in the order of its adjusted scores.
        let sortedDraws = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let order = UnsafeMutablePointer<Int32>.allocate(capacity: m)
        defer { sortedDraws.deallocate(); order.deallocate() }
        let scratch = RadixSort.Scratch(capacity: m)
        for j in 0..<n {
            let y = ws.y + j * cap, x = ws.x + j * cap
            RadixSort.order(y, count: m, into: order, scratch: scratch)
            if draws {
                sortedDraws.update(from: x, count: m)
                RadixSort.sort(sortedDraws, count: m, scratch: scratch)
                for r in 0..<m { x[Int(order[r])] = sortedDraws[r] }
            }
            if ranks {
                for r in 0..<m { y[Int(order[r])] = (Double(r) + 0.5) / Double(m) }
            }
        }
    }
}

/// Φ⁻¹(T_ν(v)), the normal score of a Student t value, read from a cubic Hermite table in
/// w = asinh(v) (which tames the t's power-law tails) on [−20, 20] with step 1/64 and exact
/// derivatives f_ν(v)·cosh(w)/φ(score); error below 1e-9. Outside the table, and for the
/// table's nodes, the exact value: from the lower tail, T_ν(−|v|) by the incomplete beta
/// function, so both tails keep their precision.
struct TScoreTable: Sendable {
    static let limit = 20.0, step = 1.0 / 64
    let df: Double
    let values: [Double]
    let slopes: [Double]

    init(df: Double) {
        self.df = df
        let n = Int(2 * TScoreTable.limit / TScoreTable.step) + 1
        var values = [Double](repeating: 0, count: n)
        var slopes = [Double](repeating: 0, count: n)
        let t = Distribution.studentT(df: df, location: 0, scale: 1)
        for k in 0..<n {
            let w = -TScoreTable.limit + Double(k) * TScoreTable.step
            let v = sinh(w)
            let score = TScoreTable.exact(v, df)
            values[k] = score
            let logPhi = -0.5 * score * score - 0.5 * log(2 * Double.pi)
            let slope = exp(t.logPDF(v) - logPhi) * cosh(w)
            slopes[k] = slope.isFinite ? slope : 0
        }
        self.values = values
        self.slopes = slopes
    }

    static func exact(_ v: Double, _ df: Double) -> Double {
        let tail = StudentTDistribution(degreesOfFreedom: df).cdf(-abs(v))
        let score = -NormalDistribution.standardQuantile(tail)
        return v < 0 ? -score : score
    }

    @inline(__always)
    func score(_ v: Double) -> Double {
        HermiteTable.interpolate(values, slopes, at: (asinh(v) + TScoreTable.limit) / TScoreTable.step, step: TScoreTable.step)
            ?? TScoreTable.exact(v, df)
    }
}
