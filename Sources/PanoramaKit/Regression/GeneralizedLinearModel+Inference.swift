import Foundation
import LinearAlgebra

extension GeneralizedLinearModel {
    /// The scale of a prediction: η or μ = g⁻¹(η).
    public enum PredictionScale: String, Sendable {
        case link, response
    }

    /// Predictions for a design built with this model's coding, with the offset of each row.
    ///
    /// The interval is η̂ ± z(1 − α/2) · √(x₀ᵀ V x₀) on the link scale (V the model's
    /// covariance), mapped through g⁻¹ for the response scale (R's `predict.glm` with
    /// `se.fit`, the interval taken on the link scale and transformed). Rows with `na` give `na`.
    public func predict(_ x: ModelDesign, offset: [Double]?, scale: PredictionScale, interval: Bool, level: Double = 0.95)
        -> (fit: [Double], lower: [Double], upper: [Double]) {
        let m = x.matrix.rows
        let beta = coefficients
        let kept = solution.kept
        var eta = [Double](repeating: .nan, count: m)
        var half = eta
        let q = NormalDistribution.standardQuantile(0.5 + level / 2)
        for i in 0..<m {
            let row = kept.map { x.matrix[i, $0] }
            if row.contains(where: \.isNaN) { continue }
            var s = offset?[i] ?? 0
            for (k, j) in kept.enumerated() { s += row[k] * beta[j] }
            eta[i] = s
            guard interval else { continue }
            var v = 0.0
            for (a, ja) in kept.enumerated() { for (b, jb) in kept.enumerated() { v += row[a] * covariance[ja, jb] * row[b] } }
            half[i] = q * max(v, 0).squareRoot()
        }
        let transform: (Double) -> Double = scale == .link ? { $0 } : { $0.isNaN ? .nan : link.inverse($0) }
        let fit = eta.map(transform)
        guard interval else { return (fit, [], []) }
        var lower = [Double](repeating: .nan, count: m), upper = lower
        for i in 0..<m where !eta[i].isNaN {
            let a = transform(eta[i] - half[i]), b = transform(eta[i] + half[i])
            (lower[i], upper[i]) = (min(a, b), max(a, b))
        }
        return (fit, lower, upper)
    }

    /// Profile-likelihood intervals (R's `MASS::confint.glm`): for each coefficient βⱼ, the
    /// values b where the signed root of the deviance, sign(b − β̂ⱼ) √(D(b) − D̂), equals
    /// ±z(1 − α/2) — D(b) the deviance refitted with βⱼ fixed at b (xⱼ b as an offset). The
    /// roots are bracketed from the Wald interval outwards and found by the Illinois method to
    /// 1e-10 of the standard error (MASS interpolates a spline through a grid instead).
    /// A bound the deviance never reaches (a flat profile) is ±∞; aliased columns are NaN.
    /// - Complexity: about 20 IRLS refits per bound.
    public func profileIntervals(level: Double = 0.95, isCancelled: () -> Bool = { false }) throws -> [(low: Double, high: Double)] {
        let q = NormalDistribution.standardQuantile(0.5 + level / 2)
        var out = [(low: Double, high: Double)](repeating: (.nan, .nan), count: coefficients.count)
        for j in solution.kept {
            let others = solution.kept.filter { $0 != j }
            let problem = IRLS.Problem(design: design.matrix.columns(others), response: design.response, prior: design.weights,
                                       offset: nil, intercept: design.interceptColumn.flatMap { others.firstIndex(of: $0) },
                                       family: family, link: link)
            let column = design.matrix.column(j)
            let estimate = coefficients[j], se = standardErrors[j].isFinite ? standardErrors[j] : 1
            var start = linearPredictor
            func signedRoot(_ b: Double) throws -> Double {
                var p = problem
                p.offset = column.indices.map { (offset?[$0] ?? 0) + column[$0] * b }
                let refitted: Double
                if let o = p.offset, p.design.columns == 0 {
                    refitted = IRLS.totalDeviance(p, o.map(link.inverse))
                } else {
                    let fit = try IRLS.fit(p, start: start, full: false, isCancelled: isCancelled)
                    if fit.converged { start = fit.eta }
                    refitted = fit.deviance
                }
                let rise = max(refitted - deviance, 0).squareRoot()
                return b >= estimate ? rise : -rise
            }
            out[j].low = try GeneralizedLinearModel.solveProfile(estimate: estimate, step: -q * se, target: -q, signedRoot)
            start = linearPredictor
            out[j].high = try GeneralizedLinearModel.solveProfile(estimate: estimate, step: q * se, target: q, signedRoot)
        }
        return out
    }

    /// The b beyond `estimate` (in the direction of `step`) where `f(b) = target`.
    static func solveProfile(estimate: Double, step: Double, target: Double, _ f: (Double) throws -> Double) throws -> Double {
        // Bracket: f(estimate) = 0; walk out in growing steps until f crosses the target.
        var a = estimate, fa = -target
        var b = estimate + step, fb = try f(b) - target
        var expansions = 0
        while fb * fa > 0 {
            expansions += 1
            guard expansions <= 30 else { return step > 0 ? .infinity : -.infinity }
            (a, fa) = (b, fb)
            b = estimate + step * Foundation.pow(2, Double(expansions))
            fb = try f(b) - target
        }
        // Illinois regula falsi: the end kept twice in a row has its value halved.
        for _ in 0..<200 {
            let c = b - fb * (b - a) / (fb - fa)
            let fc = try f(c) - target
            if fc * fb < 0 {
                (a, fa) = (b, fb)
            } else {
                fa /= 2
            }
            (b, fb) = (c, fc)
            if fc == 0 || abs(fc) < 1e-13 || abs(b - a) <= 1e-11 * abs(step) { return c }
        }
        return b
    }
}
