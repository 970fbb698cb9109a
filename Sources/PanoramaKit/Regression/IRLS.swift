import Foundation
import LinearAlgebra

/// Iteratively reweighted least squares for a generalized linear model, each step a weighted
/// least-squares fit on the QR layer (`LeastSquares.fit`: no normal equations, aliasing as
/// `ols` decides it).
///
/// Step (R's `glm.fit`, McCullagh & Nelder §2.5): with η = Xβ + offset and μ = g⁻¹(η), regress
/// the working response zᵢ = ηᵢ − offsetᵢ + (yᵢ − μᵢ)/μ'(ηᵢ) on X with working weights
/// wᵢ = priorᵢ μ'(ηᵢ)² / V(μᵢ). Converged when |D − D_old| / (|D| + 0.1) < 1e-8 (R's
/// criterion; `iterations` counts the steps up to there). Steps then go on until β's next
/// change, predicted from the rate so far, is below 1e-10 relative, or β stops moving (rounding): Fisher scoring converges
/// quadratically for a canonical link but only linearly for the others (probit, cloglog, √),
/// where R's criterion leaves β off in its 7th digit. A last step at the estimate gives
/// (XᵀWX)⁻¹ there. A step whose deviance is not finite or
/// whose μ leaves the family's range is halved (up to 30 times), as R does.
struct IRLS {
    struct Problem {
        var design: Matrix
        var response: [Double]
        var prior: [Double]?
        var offset: [Double]?
        var intercept: Int?
        var family: GLMFamily
        var link: GLMLink
    }

    struct Result {
        var solution: LeastSquaresSolution
        var eta: [Double]
        var mu: [Double]
        var deviance: Double
        /// Fisher scoring iterations to R's convergence criterion.
        var iterations: Int
        var converged: Bool
        /// The working weights and working residuals (yᵢ − μᵢ)/μ'(ηᵢ) at the estimate.
        var weights: [Double]
        var workingResiduals: [Double]
    }

    static let tolerance = 1e-8
    static let maximumIterations = 50

    /// Fits the problem, starting from `start` (η) or from R's starting values.
    /// - Parameter full: whether the last step computes the covariance and condition numbers.
    /// - Parameter maximumIterations: Fisher scoring steps allowed before giving up (R's `maxit`).
    static func fit(_ problem: Problem, start: [Double]? = nil, full: Bool = true, maximumIterations: Int = IRLS.maximumIterations,
                    isCancelled: () -> Bool = { false }) throws -> Result {
        let n = problem.response.count
        let family = problem.family, link = problem.link
        let y = problem.response
        var eta: [Double]
        if let start {
            eta = start
        } else {
            eta = (0..<n).map { link.link(family.start(y[$0], weight: problem.prior?[$0] ?? 1)) }
        }
        var mu = eta.map(link.inverse)
        var deviance = totalDeviance(problem, mu)
        var previous: [Double]?
        var iterations = 0, extra = 0
        var converged = false, settled = false
        var lastChange = Double.infinity
        var options = LeastSquares.Options(covariance: false)
        options.conditionNumbers = false
        while true {
            if isCancelled() { throw Cancelled() }
            let last = settled || iterations == maximumIterations
            if last && full { options.covariance = true }
            let (z, w) = workingProblem(problem, eta: eta, mu: mu)
            let solution = try LeastSquares.fit(.init(design: problem.design, response: z, weights: w,
                                                      intercept: problem.intercept), options: options)
            if last {
                // The step at the estimate: take it only when it does not make things worse
                // (a run that did not converge keeps its last valid point).
                var (nextEta, nextMu) = linearPredictor(problem, solution.coefficients)
                var nextDeviance = totalDeviance(problem, nextMu)
                // A fit running off (means toward 0 or 1) can leave rows with weights so small that
                // the last solve loses them: a deviance that rises is such a step, not an estimate.
                if !valid(problem, nextEta, nextMu, nextDeviance) || nextDeviance > deviance + tolerance * (abs(deviance) + 0.1) {
                    (nextEta, nextMu, nextDeviance) = (eta, mu, deviance)
                }
                let (_, finalWeights) = workingProblem(problem, eta: nextEta, mu: nextMu)
                let residuals = (0..<n).map { (y[$0] - nextMu[$0]) / link.derivative(nextEta[$0]) }
                return Result(solution: solution, eta: nextEta, mu: nextMu, deviance: nextDeviance,
                              iterations: iterations, converged: converged, weights: finalWeights,
                              workingResiduals: residuals)
            }
            var beta = solution.coefficients
            var (nextEta, nextMu) = linearPredictor(problem, beta)
            var nextDeviance = totalDeviance(problem, nextMu)
            var halvings = 0
            while !valid(problem, nextEta, nextMu, nextDeviance) {
                guard let previous, halvings < 30 else {
                    throw RegressionError("no valid coefficients found (the \(link.rawValue) link gives means outside the "
                                          + "\(family.rawValue) range); try another link")
                }
                halvings += 1
                beta = zip(beta, previous).map { ($0 + $1) / 2 }
                (nextEta, nextMu) = linearPredictor(problem, beta)
                nextDeviance = totalDeviance(problem, nextMu)
            }
            if converged && nextDeviance > deviance + tolerance * (abs(deviance) + 0.1) {
                // Past convergence the deviance can only rise when the solve lost rows whose fitted
                // means ran to the range's edge: stop here, the last step starts from this point.
                settled = true
                continue
            }
            if converged {
                extra += 1
            } else {
                iterations += 1
                converged = abs(nextDeviance - deviance) / (abs(nextDeviance) + 0.1) < tolerance
            }
            var change = 0.0
            if let previous {
                for j in beta.indices where !beta[j].isNaN && beta[j] != previous[j] {
                    change = max(change, abs(beta[j] - previous[j]) / abs(beta[j]))
                }
            } else {
                change = .infinity
            }
            // The next change is predicted from the rate so far (Δₖ · Δₖ/Δₖ₋₁): when it is below
            // 1e-10, the last step (which computes the covariance) is the one that gets there.
            settled = converged && (change * (change / lastChange) <= 1e-10 || change >= lastChange || extra >= maximumIterations)
            lastChange = change
            previous = beta
            (eta, mu, deviance) = (nextEta, nextMu, nextDeviance)
        }
    }

    /// The working response and weights at (η, μ).
    static func workingProblem(_ problem: Problem, eta: [Double], mu: [Double]) -> (z: [Double], w: [Double]) {
        let n = eta.count
        var z = [Double](repeating: 0, count: n), w = z
        for i in 0..<n {
            let d = problem.link.derivative(eta[i])
            z[i] = eta[i] - (problem.offset?[i] ?? 0) + (problem.response[i] - mu[i]) / d
            // Bounded below so that a row fitted at the edge of the range keeps a positive weight.
            w[i] = max((problem.prior?[i] ?? 1) * d * d / problem.family.variance(mu[i]), Double.leastNormalMagnitude)
        }
        return (z, w)
    }

    /// η = Xβ + offset over the estimated columns (aliased ones are NaN and skipped), and μ.
    static func linearPredictor(_ problem: Problem, _ beta: [Double]) -> (eta: [Double], mu: [Double]) {
        let x = problem.design
        let n = x.rows
        var eta = problem.offset ?? [Double](repeating: 0, count: n)
        x.storage.withUnsafeBufferPointer { s in
            for j in 0..<x.columns where !beta[j].isNaN {
                let b = beta[j], base = j * n
                for i in 0..<n { eta[i] += s[base + i] * b }
            }
        }
        return (eta, eta.map(problem.link.inverse))
    }

    static func valid(_ problem: Problem, _ eta: [Double], _ mu: [Double], _ deviance: Double) -> Bool {
        deviance.isFinite && eta.allSatisfy(problem.link.validLinear) && mu.allSatisfy(problem.family.validMean)
    }

    static func totalDeviance(_ problem: Problem, _ mu: [Double]) -> Double {
        var total = 0.0
        for i in mu.indices {
            total += problem.family.deviance(problem.response[i], mu[i], weight: problem.prior?[i] ?? 1)
        }
        return total
    }
}
