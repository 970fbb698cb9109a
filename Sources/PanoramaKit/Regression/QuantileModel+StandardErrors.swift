import Foundation
import LinearAlgebra

extension QuantileModel {
    /// quantreg's `eps` in `summary.rq` (`.Machine$double.eps^(1/2)`, quantreg 5.94): the
    /// threshold of a zero residual ("iid") and the shift of ŷ differences ("nid"). Not the
    /// DBL_EPSILON^(2/3) of `rq.fit.br`'s tolerance, which put "nid" 7e-7 away from R.
    static let residualEpsilon = Double.ulpOfOne.squareRoot()

    /// The Hall–Sheather (1988) bandwidth for sparsity estimation at τ with n observations
    /// (quantreg's `bandwidth.rq(tau, n, hs = TRUE, alpha = 0.05)`):
    /// h = n^(−1/3) z₀.₉₇₅^(2/3) (1.5 φ(x₀)² / (2x₀² + 1))^(1/3), x₀ = Φ⁻¹(τ).
    /// `bandwidth(tau: 0.5, n: 100) // 0.1974…`
    public static func bandwidth(tau: Double, n: Int) -> Double {
        let x0 = NormalDistribution.standardQuantile(tau)
        let f0 = NormalDistribution().density(x0)
        let z = NormalDistribution.standardQuantile(0.975)
        return pow(Double(n), -1.0 / 3) * pow(z, 2.0 / 3) * pow(1.5 * f0 * f0 / (2 * x0 * x0 + 1), 1.0 / 3)
    }

    /// (XᵀX)⁻¹ from the R of an unpivoted QR of X.
    static func gramInverse(_ x: Matrix) throws -> Matrix {
        let qr = try QRFactorization(x, pivoting: .none)
        return try Matrix.gramInverse(upperFactor: qr.r(x.columns))
    }

    /// Koenker–Bassett standard errors (quantreg `summary.rq(se = "iid")`): τ(1−τ) s² (XᵀX)⁻¹ with
    /// the sparsity s the slope of a median regression of the residuals' order statistics
    /// r₍ᵢ₎ on i/(n − p), i over h = max(p + 1, ⌈n × bandwidth⌉) + 1 ranks past the exact zeros.
    static func iidErrors(_ solver: QuantileSolver, tau: Double, coefficients: [Double]) throws -> [Double] {
        let n = solver.x.rows, p = solver.x.columns
        let resid = try solver.x.residuals(solver.y, coefficients)
        let zeros = resid.lazy.filter { abs($0) < residualEpsilon }.count
        let width = Double(n) * bandwidth(tau: tau, n: n)
        let h = max(p + 1, width.isFinite ? Int(min(width, Double(n)).rounded(.up)) : n)
        guard n - zeros >= 3 else {
            throw RegressionError("the iid standard errors at tau \(format(tau)) cannot be estimated: \(zeros) of the \(n) residuals are zero; try se=\"boot\"")
        }
        // R's `order(abs(resid))` is stable: ties keep their row order.
        let byMagnitude = resid.indices.sorted { (abs(resid[$0]), $0) < (abs(resid[$1]), $1) }
        let ranks = Array((zeros + 1)...min(n, h + zeros + 1))
        let ordered = ranks.map { resid[byMagnitude[$0 - 1]] }.sorted()
        let xt = ranks.map { Double($0) / Double(n - p) }
        let line = QuantileSolver(x: Matrix(columns: [[Double](repeating: 1, count: ranks.count), xt], rows: ranks.count),
                                  y: ordered)
        let sparsity = try line.solve(tau: 0.5, interiorPoint: false).coefficients[1]
        let inverse = try gramInverse(solver.x)
        return (0..<p).map { (sparsity * sparsity * inverse[$0, $0] * tau * (1 - tau)).squareRoot() }
    }

    /// Hendricks–Koenker standard errors (quantreg `summary.rq(se = "nid")`): local densities
    /// fᵢ = max(0, 2h / (xᵢᵀ(β(τ+h) − β(τ−h)) − eps)) with the Hall–Sheather h (halved until
    /// τ ± h lies in (0, 1)), and covariance τ(1−τ) (XᵀFX)⁻¹ XᵀX (XᵀFX)⁻¹.
    /// - Returns: the standard errors and how many fᵢ were not positive (quantreg's warning).
    static func nidErrors(_ solver: QuantileSolver, tau: Double,
                          isCancelled: () -> Bool) throws -> (se: [Double], nonPositive: Int) {
        let x = solver.x
        let n = x.rows, p = x.columns
        var h = bandwidth(tau: tau, n: n)
        while tau - h < 0 || tau + h > 1 { h /= 2 }
        let high = try solver.solve(tau: tau + h, isCancelled: isCancelled).coefficients
        let low = try solver.solve(tau: tau - h, isCancelled: isCancelled).coefficients
        let dyhat = try x.multiplied(by: zip(high, low).map { $0 - $1 })
        let f = dyhat.map { max(0, 2 * h / ($0 - residualEpsilon)) }
        var scaled = x
        for j in 0..<p { for i in 0..<n { scaled.storage[j * n + i] *= f[i].squareRoot() } }
        let inverse: Matrix
        do {
            inverse = try gramInverse(scaled)
        } catch {
            throw RegressionError("the nid standard errors at tau \(format(tau)) cannot be estimated: too few positive local densities; try se=\"iid\" or se=\"boot\"")
        }
        let sandwich = try inverse.multiplied(by: x.gram()).multiplied(by: inverse)
        return ((0..<p).map { (tau * (1 - tau) * sandwich[$0, $0]).squareRoot() }, dyhat.filter { $0 <= 0 }.count)
    }

    /// xy-pairs bootstrap standard errors (quantreg `boot.rq`, `bsmethod = "xy"`): the sample
    /// standard deviation of each coefficient over seeded resamples of the rows, every τ refitted
    /// exactly from the full sample's solution. Resamples whose design is singular are left out.
    static func bootErrors(_ solver: QuantileSolver, options: Options, coefficients: [[Double]],
                           isCancelled: @escaping @Sendable () -> Bool) throws -> (se: [[Double]], failed: Int) {
        guard options.replications > 1 else { throw RegressionError("'reps' must be at least 2") }
        let p = solver.x.columns, taus = options.taus
        let width = p * taus.count
        let values = try CaseResampling.run(rows: solver.x.rows, replications: options.replications, width: width,
                                            seed: options.seed, isCancelled: isCancelled) { rows in
            let resample = QuantileSolver(x: solver.x.rows(rows), y: rows.map { solver.y[$0] })
            var out: [Double] = []
            for (k, tau) in taus.enumerated() {
                do {
                    out += try resample.solve(tau: tau, start: coefficients[k]).coefficients
                } catch is Cancelled {
                    throw Cancelled()
                } catch {
                    return nil  // a singular resample (all rows alike in some column)
                }
            }
            return out
        }
        let kept = (0..<options.replications).filter { !values[$0 * width].isNaN }
        guard kept.count > 1 else { throw RegressionError("the bootstrap resamples were all singular") }
        let se = taus.indices.map { k in
            (0..<p).map { j in Descriptive.sampleStandardDeviation(kept.map { values[$0 * width + k * p + j] }) }
        }
        return (se, options.replications - kept.count)
    }
}
