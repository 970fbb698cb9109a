import Testing
import Foundation
@testable import LinearAlgebra
import TestSupport

/// Uniforms in [0, 1) from a 64-bit LCG: test data that are the same on every machine.
struct SeededUniform {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
}

/// Columns [1, x1, x2, …] for a design with an intercept.
func design(_ columns: [[Double]]) -> Matrix {
    let n = columns[0].count
    return Matrix(columns: [Array(repeating: 1, count: n)] + columns, rows: n)
}

@Test func exactFitRecoversTheCoefficients() throws {
    let x = [1.0, 2, 3, 4, 5]
    let y = x.map { 2 + 3 * $0 }
    let fit = try LeastSquares.fit(.init(design: design([x]), response: y, intercept: 0))
    #expect(abs(fit.coefficients[0] - 2) < 1e-14)
    #expect(abs(fit.coefficients[1] - 3) < 1e-14)
    #expect(fit.residualSumOfSquares < 1e-25)
    #expect(fit.aliased.isEmpty)
}

@Test func aColumnThatIsTheSumOfTwoBeforeItIsAliased() throws {
    let x1 = [1.0, 2, 3, 4, 5, 6, 7], x2 = [0.3, 0.1, 0.4, 0.1, 0.5, 0.9, 0.2]
    let x3 = zip(x1, x2).map { $0 + $1 }
    let y = [1.0, 3, 2, 5, 4, 6, 8]
    let fit = try LeastSquares.fit(.init(design: design([x1, x2, x3]), response: y, intercept: 0))
    #expect(fit.aliased == [3])
    #expect(fit.kept == [0, 1, 2])
    #expect(fit.coefficients[3].isNaN)
    // The rest equals the fit without x3.
    let reduced = try LeastSquares.fit(.init(design: design([x1, x2]), response: y, intercept: 0))
    for j in 0..<3 { #expect(abs(fit.coefficients[j] - reduced.coefficients[j]) < 1e-12) }
    #expect(fit.covariance![3, 3].isNaN)
    #expect(abs(fit.covariance![1, 1] - reduced.covariance![1, 1]) < 1e-12)
}

@Test func theFirstOfTwoEqualColumnsIsKept() throws {
    let x = [1.0, 4, 2, 8, 5]
    let fit = try LeastSquares.fit(.init(design: design([x, x.map { $0 * 1e6 }]), response: [1, 2, 3, 4, 6], intercept: 0))
    #expect(fit.aliased == [2])
}

@Test func aConstantColumnIsAliasedWithTheIntercept() throws {
    let fit = try LeastSquares.fit(.init(design: design([[5, 5, 5, 5], [1, 2, 3, 5]]), response: [1, 2, 3, 4], intercept: 0))
    #expect(fit.aliased == [1])
    // Without an intercept a constant column is a legitimate predictor.
    let noIntercept = try LeastSquares.fit(.init(design: Matrix(columns: [[5, 5, 5, 5]], rows: 4), response: [1, 2, 3, 4]))
    #expect(noIntercept.aliased.isEmpty)
    #expect(abs(noIntercept.coefficients[0] - 0.5) < 1e-15)
}

@Test func aPredictorWithALargeOffsetStaysInTheModel() throws {
    // Values around 1e9 varying by units: R's tolerance on raw columns would alias it.
    let x = (0..<20).map { 1e9 + Double($0 % 7) + Double($0) }
    let y = x.enumerated().map { 3 + 0.5 * ($1 - 1e9) + Double($0 % 3) * 0.1 }
    let fit = try LeastSquares.fit(.init(design: design([x]), response: y, intercept: 0))
    #expect(fit.aliased.isEmpty)
    #expect(abs(fit.coefficients[1] - 0.5) < 0.01)
    #expect(fit.scaledConditionNumber < 10)
    #expect(fit.conditionNumber > 1e9)
}

@Test func rankDecisionIsScaleInvariant() throws {
    let x1 = [1.0, 2, 3, 4, 5, 6], x2 = [2.0, 1, 4, 3, 6, 5]
    let y = [1.0, 2, 2, 4, 5, 5]
    for scale in [1e-150, 1e-8, 1.0, 1e9, 1e150] {
        let fit = try LeastSquares.fit(.init(design: design([x1.map { $0 * scale }, x2]), response: y, intercept: 0))
        #expect(fit.aliased.isEmpty)
        let base = try LeastSquares.fit(.init(design: design([x1, x2]), response: y, intercept: 0))
        #expect(abs(fit.coefficients[1] * scale / base.coefficients[1] - 1) < 1e-12)
    }
}

@Test func moreColumnsThanRowsAliasesTheLastOnes() throws {
    let fit = try LeastSquares.fit(.init(design: design([[1, 2, 4], [3, 1, 2], [0, 5, 1]]), response: [1, 2, 3], intercept: 0))
    #expect(fit.kept == [0, 1, 2])
    #expect(fit.aliased == [3])
}

@Test func oneRowKeepsOnlyTheIntercept() throws {
    let fit = try LeastSquares.fit(.init(design: design([[4]]), response: [7], intercept: 0))
    #expect(fit.kept == [0])
    #expect(fit.coefficients[0] == 7)
}

@Test func weightedFitEqualsTheFitOnWhitenedRows() throws {
    let x = [1.0, 2, 3, 4, 5, 6], y = [1.1, 1.9, 3.2, 3.8, 5.3, 5.9], w = [1.0, 2, 1, 3, 1, 2]
    let fit = try LeastSquares.fit(.init(design: design([x]), response: y, weights: w, intercept: 0))
    // Repeating rows by their integer weights gives the same estimates.
    var xs: [Double] = [], ys: [Double] = []
    for i in 0..<6 { for _ in 0..<Int(w[i]) { xs.append(x[i]); ys.append(y[i]) } }
    let repeated = try LeastSquares.fit(.init(design: design([xs]), response: ys, intercept: 0))
    for j in 0..<2 { #expect(abs(fit.coefficients[j] - repeated.coefficients[j]) < 1e-13) }
    #expect(abs(fit.residualSumOfSquares - repeated.residualSumOfSquares) < 1e-13)
}

@Test func refinementIsSkippedForWellConditionedProblems() throws {
    var random = SeededUniform(42)
    func next() -> Double { random.next() }
    let n = 2000
    let x1 = (0..<n).map { _ in next() }, x2 = (0..<n).map { _ in next() }
    let y = (0..<n).map { 1 + 2 * x1[$0] - x2[$0] + next() }
    let fit = try LeastSquares.fit(.init(design: design([x1, x2]), response: y, intercept: 0))
    #expect(fit.refinementSteps == 0)
    #expect(!fit.extendedCovariance)
    let forced = try LeastSquares.fit(.init(design: design([x1, x2]), response: y, intercept: 0),
                                      options: .init(refinement: .always))
    #expect(forced.refinementSteps > 0)
    for j in 0..<3 { #expect(abs(fit.coefficients[j] - forced.coefficients[j]) < 1e-13 * max(1, abs(fit.coefficients[j]))) }
}

@Test func anInterceptRecoveredByCancellationIsRefined() throws {
    // x around 1e4, slope 1, intercept 0.25: β₀ = ȳ − β₁x̄ cancels about 4 digits, which the
    // refinement gives back; the same data centred near 0 need no refinement.
    var random = SeededUniform(9)
    func next() -> Double { random.next() }
    let n = 200
    let noise = (0..<n).map { _ in next() - 0.5 }
    let far = (0..<n).map { 10_000 + Double($0) }
    let near = (0..<n).map { Double($0) - 100 }
    let offset = try LeastSquares.fit(.init(design: design([far]), response: (0..<n).map { 0.25 + far[$0] + noise[$0] }, intercept: 0))
    #expect(offset.refinementSteps > 0)
    let centred = try LeastSquares.fit(.init(design: design([near]), response: (0..<n).map { 0.25 + near[$0] + noise[$0] }, intercept: 0))
    #expect(centred.refinementSteps == 0)
}

@Test func invalidInputsAreRejected() {
    let x = design([[1, 2, 3]])
    #expect(throws: ShapeError("the response has 2 values but the design has 3 rows")) {
        try LeastSquares.fit(.init(design: x, response: [1, 2]))
    }
    #expect(throws: ShapeError("weights must be positive and finite")) {
        try LeastSquares.fit(.init(design: x, response: [1, 2, 3], weights: [1, 0, 1]))
    }
    #expect(throws: ShapeError("the design and response must be finite")) {
        try LeastSquares.fit(.init(design: x, response: [1, .nan, 3]))
    }
}

@Test func leverageAndSandwichOnASmallExample() throws {
    let x = [1.0, 2, 3, 4, 10]
    let y = [1.0, 2.5, 2.9, 4.2, 9.1]
    let X = design([x])
    let fit = try LeastSquares.fit(.init(design: X, response: y, intercept: 0))
    let h = try fit.leverage(design: X, weights: nil)
    // hᵢ = 1/n + (xᵢ − x̄)² / Σ(x − x̄)² for a straight line.
    let mean = x.reduce(0, +) / 5
    let sxx = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    for i in 0..<5 { #expect(abs(h[i] - (0.2 + (x[i] - mean) * (x[i] - mean) / sxx)) < 1e-14) }
    // HC0 with ω = e² equals the textbook formula for the slope: Σ(x−x̄)² e² / Sxx².
    let e2 = fit.residuals.map { $0 * $0 }
    let hc0 = try fit.sandwich(design: X, weights: nil, omega: e2)
    let slope = zip(x, e2).reduce(0) { $0 + ($1.0 - mean) * ($1.0 - mean) * $1.1 } / (sxx * sxx)
    #expect(abs(hc0[1, 1] / slope - 1) < 1e-12)
}

/// A standard normal from two seeded uniforms (Box–Muller).
private func normal(_ random: inout SeededUniform) -> Double {
    let u = 1 - random.next(), v = random.next()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
}

/// Ten predictors correlated through a random mixing matrix, y with R² ≈ 0.986 — the ordinary
/// regression of issue 18.4 (condition number ≈ 40). Its κ²‖r‖/‖b‖ term (≈ 175) sent it
/// down the refinement path (Householder QR with Q, double-double residuals and Gram matrix):
/// 18 times the fast path's time at 1,000,000 rows. It takes the fast path now, and the plain
/// solve agrees with the refined one to 1e-13 relative.
@Test func aWellConditionedFitWithCorrelatedPredictorsTakesTheFastPath() throws {
    var random = SeededUniform(2024)
    let n = 4000, k = 10
    // X = Z M with M = I + 3.9·11ᵀ: every pair correlated at ρ ≈ 0.994, scaled κ ≈ 40.
    let z = (0..<(n * k)).map { _ in normal(&random) }
    let columns = (0..<k).map { j in (0..<n).map { i in z[i * k + j] + 3.9 * (0..<k).reduce(0.0) { $0 + z[i * k + $1] } } }
    let beta = (0..<k).map { _ in normal(&random) }
    let signal = (0..<n).map { i in (0..<k).reduce(0.0) { $0 + columns[$1][i] * beta[$1] } }
    let spread = (signal.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
    let y = (0..<n).map { 1 + signal[$0] + 0.12 * spread * normal(&random) }
    let problem = LeastSquares.Problem(design: design(columns), response: y, intercept: 0)
    let fit = try LeastSquares.fit(problem)
    let kappa = fit.scaledConditionNumber
    #expect(kappa > 30 && kappa < 100, "scaled condition number \(kappa)")
    let relative = (fit.residualSumOfSquares / y.map { $0 - y.reduce(0, +) / Double(n) }.reduce(0) { $0 + $1 * $1 }).squareRoot()
    #expect(kappa * kappa * relative > 100, "the rule before counted this term from 100")
    #expect(fit.refinementSteps == 0)
    #expect(fit.extendedCovariance == false)
    let refined = try LeastSquares.fit(problem, options: .init(refinement: .always))
    #expect(refined.refinementSteps > 0)
    let size = refined.coefficients.reduce(0) { max($0, abs($1)) }
    for j in 0...k { #expect(abs(fit.coefficients[j] - refined.coefficients[j]) < 1e-13 * size, "β\(j)") }
    #expect(abs(fit.residualSumOfSquares / refined.residualSumOfSquares - 1) < 1e-13)
}

/// Tall problems (factored by blocks, without Q) with regressors near 1e9 reach 13 digits of
/// the exactly certified values (`Tests/Fixtures/certified/generate_large_offset.py`) in every
/// coefficient, standard error and σ. LargeOffset1's intercept (3, recovered from terms near
/// 2e9) calls for refinement, which the seminormal equations give without Q; the others need
/// none once the response is centred and the residuals come from the centred design.
@Test(arguments: [("LargeOffset1", true), ("LargeOffset2", false), ("LargeOffset3", false)])
func aTallProblemWithLargeOffsetsReachesThirteenDigits(_ name: String, refined: Bool) throws {
    let d = try NISTDataset(name, folder: RepositoryPaths.certified)
    let p = d.rows[0].count - 1
    let problem = LeastSquares.Problem(design: design((1...p).map(d.column)), response: d.column(0), intercept: 0)
    var options = LeastSquares.Options()
    options.blockedRows = 0
    let fit = try LeastSquares.fit(problem, options: options)
    #expect((fit.refinementSteps > 0) == refined)
    let n = Double(d.rows.count), rank = Double(p + 1)
    let sigma = (fit.residualSumOfSquares / (n - rank)).squareRoot()
    #expect(logRelativeError(sigma, d.residualSD) >= 13, "σ \(sigma) vs \(d.residualSD)")
    for j in 0...p {
        #expect(logRelativeError(fit.coefficients[j], d.estimates[j]) >= 13, "β\(j)")
        let se = sigma * fit.covarianceRoots![j]
        #expect(logRelativeError(se, d.standardErrors[j]) >= 13, "SE\(j) \(se) vs \(d.standardErrors[j])")
    }
}
