import Foundation
import LinearAlgebra

/// A quantile regression fitted at one or several quantiles τ (Koenker & Bassett 1978):
/// for each τ the coefficients minimising Σ wᵢ ρτ(yᵢ − xᵢᵀβ), found exactly (see
/// `QuantileSolver`), with standard errors by the method asked for.
///
/// `QuantileModel.fit(design, formula: "y ~ x", options: .init(taus: [0.5, 0.8]))` gives one
/// coefficient vector per τ; `predict(design)` one column of predictions per τ.
public struct QuantileModel: Sendable {
    /// How the standard errors are estimated (quantreg's `summary.rq(se=)`).
    public enum StandardErrors: String, Sendable, CaseIterable {
        /// Hendricks–Koenker sandwich: τ(1−τ) (XᵀFX)⁻¹ XᵀX (XᵀFX)⁻¹, the local densities fᵢ from
        /// the fits at τ ± h (Hall–Sheather bandwidth); valid when the errors are not identically
        /// distributed. quantreg's default for n > 1001.
        case nid
        /// Koenker–Bassett: τ(1−τ) s² (XᵀX)⁻¹, the sparsity s estimated from the residuals'
        /// order statistics; assumes independent, identically distributed errors.
        case iid
        /// xy-pairs bootstrap: the standard deviation of the coefficients refitted on resampled rows.
        case boot
    }

    /// What to fit and how.
    public struct Options: Sendable {
        public var taus: [Double]
        public var standardErrors: StandardErrors
        public var replications: Int
        public var seed: UInt64
        /// Force the route to the first vertex (nil: by p, see `QuantileSolver.interiorPointColumns`).
        public var interiorPoint: Bool?

        public init(taus: [Double] = [0.5], standardErrors: StandardErrors = .nid, replications: Int = 200,
                    seed: UInt64 = 0, interiorPoint: Bool? = nil) {
            self.taus = taus
            self.standardErrors = standardErrors
            self.replications = replications
            self.seed = seed
            self.interiorPoint = interiorPoint
        }
    }

    public let design: ModelDesign
    public let formula: String
    public let options: Options
    public var taus: [Double] { options.taus }
    /// Per τ (in the order given), the coefficients and their standard errors, per design column.
    public let coefficients: [[Double]]
    public let standardErrors: [[Double]]
    /// Per τ: whether another set of coefficients fits exactly as well.
    public let nonUnique: [Bool]
    /// Per τ: Σ wᵢ ρτ(rᵢ), the minimised objective.
    public let objectives: [Double]
    /// Per τ: simplex pivots taken to the optimum.
    public let pivots: [Int]
    public let usedInteriorPoint: Bool
    public let notes: [String]

    public var observations: Int { design.response.count }
    public var dfResidual: Int { observations - design.columnNames.count }

    /// Fits the model at every τ of `options`.
    /// - Throws: `RegressionError` for a τ outside (0, 1), fewer rows than coefficients, aliased
    ///   columns, or standard errors that cannot be estimated; `Cancelled` when cancelled.
    /// - Complexity: up to 8 columns, simplex pivots of O(n p²) each (a few tens); more, about 20
    ///   interior point steps of O(n p²) and a few pivots.
    public static func fit(_ design: ModelDesign, formula: String, options: Options,
                           isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> QuantileModel {
        guard !options.taus.isEmpty else { throw RegressionError("'tau' needs at least one quantile") }
        for tau in options.taus where !(tau > 0 && tau < 1) {
            throw RegressionError("'tau' must be between 0 and 1 (exclusive), not \(tau)")
        }
        let n = design.response.count, p = design.columnNames.count
        guard n > p else {
            throw RegressionError("a quantile regression with \(p) coefficients needs more than \(p) rows, not \(n)")
        }
        try checkRank(design)
        let solver = weightedSolver(design)
        var vertices: [QuantileSolver.Vertex] = []
        for tau in options.taus {
            vertices.append(try solver.solve(tau: tau, interiorPoint: options.interiorPoint, isCancelled: isCancelled))
        }
        let coefficients = vertices.map(\.coefficients)
        var notes: [String] = []
        let usedInteriorPoint = vertices.contains(where: \.interiorPoint)
        notes.append(usedInteriorPoint
            ? "Coefficients by Frisch–Newton interior point, made exact by simplex pivots to the optimal vertex."
            : "Coefficients by simplex (Barrodale–Roberts), exact.")
        let flat = zip(options.taus, vertices).filter { $0.1.nonUnique }.map { format($0.0) }
        if !flat.isEmpty {
            notes.append("The solution at tau \(flat.joined(separator: ", ")) is not unique: other coefficients fit exactly as well (an edge of the objective is flat).")
        }
        var errors: [[Double]]
        switch options.standardErrors {
        case .iid:
            errors = try zip(options.taus, coefficients).map { try iidErrors(solver, tau: $0, coefficients: $1) }
            notes.append("Standard errors: iid (Koenker–Bassett), sparsity from the residuals with the Hall–Sheather bandwidth.")
        case .nid:
            var nonPositive = 0
            errors = try options.taus.map { tau in
                let e = try nidErrors(solver, tau: tau, isCancelled: isCancelled)
                nonPositive += e.nonPositive
                return e.se
            }
            notes.append("Standard errors: nid (Hendricks–Koenker sandwich), local densities from the fits at tau ± h (Hall–Sheather bandwidth).")
            if nonPositive > 0 {
                notes.append("\(nonPositive) local density estimates were not positive (crossing quantiles at tau ± h) and count as zero.")
            }
        case .boot:
            let boot = try bootErrors(solver, options: options, coefficients: coefficients, isCancelled: isCancelled)
            errors = boot.se
            notes.append("Standard errors: xy-pairs bootstrap, \(options.replications) resamples, seed \(options.seed).")
            if boot.failed > 0 { notes.append("\(boot.failed) resamples had a singular design and were left out.") }
        }
        if n <= 1001 && options.standardErrors == .nid {
            notes.append("With \(n) rows quantreg's summary would use rank-inversion intervals; these are nid Wald intervals.")
        }
        notes += design.leftOutNotes(observations: n)
        return QuantileModel(design: design, formula: formula, options: options, coefficients: coefficients,
                             standardErrors: errors, nonUnique: vertices.map(\.nonUnique),
                             objectives: try zip(vertices, options.taus).map { try solver.objective($0.coefficients, tau: $1) },
                             pivots: vertices.map(\.pivots), usedInteriorPoint: usedInteriorPoint, notes: notes)
    }

    /// The solver on the design with the weights folded into the rows.
    static func weightedSolver(_ design: ModelDesign) -> QuantileSolver {
        guard let w = design.weights else { return QuantileSolver(x: design.matrix, y: design.response) }
        var x = design.matrix
        let n = x.rows
        for j in 0..<x.columns { for i in 0..<n { x.storage[j * n + i] *= w[i] } }
        return QuantileSolver(x: x, y: zip(design.response, w).map { $0 * $1 })
    }

    /// Refuses aliased columns by name (quantreg stops with "singular design matrix").
    static func checkRank(_ design: ModelDesign) throws {
        let qr = try QRFactorization(design.matrix, pivoting: .free)
        let d = qr.rDiagonal.map(abs)
        guard let largest = d.first, largest > 0 else { throw RegressionError("the design matrix is zero") }
        let dependent = d.indices.filter { d[$0] <= 1e-10 * largest }.map { design.columnNames[qr.permutation[$0]] }
        guard dependent.isEmpty else {
            let names = dependent.map { "'\($0)'" }.joined(separator: ", ")
            throw RegressionError("the design is singular: \(names) \(dependent.count == 1 ? "is a combination" : "are combinations") of the other columns; drop \(dependent.count == 1 ? "it" : "them") from the formula")
        }
    }

    static func format(_ tau: Double) -> String { String(format: "%g", tau) }

    /// t = estimate / std. error, per column, at the τ of index `k`.
    public func tValues(_ k: Int) -> [Double] { zip(coefficients[k], standardErrors[k]).map { $0 / $1 } }

    /// Two-sided p-values of the t statistics on n − p degrees of freedom (as quantreg's summary).
    public func pValues(_ k: Int) -> [Double] {
        let t = StudentTDistribution(degreesOfFreedom: Double(dfResidual))
        return tValues(k).map { $0.isNaN ? .nan : t.twoSidedPValue($0) }
    }

    /// Wald intervals estimate ± t(n − p) × std. error at the τ of index `k`.
    public func confidenceIntervals(_ k: Int, level: Double = 0.95) -> [(low: Double, high: Double)] {
        let q = StudentTDistribution(degreesOfFreedom: Double(dfResidual)).quantile((1 + level) / 2)
        return zip(coefficients[k], standardErrors[k]).map { ($0 - q * $1, $0 + q * $1) }
    }

    /// Predictions Xβ(τ) for a design built from new data: one array per τ.
    public func predict(_ newDesign: ModelDesign) throws -> [[Double]] {
        try coefficients.map { try newDesign.matrix.multiplied(by: $0) }
    }

    /// y − Xβ(τ) on the rows fitted, per τ (unweighted, as quantreg's `resid`).
    public func residuals(_ k: Int) throws -> [Double] {
        try design.matrix.residuals(design.response, coefficients[k])
    }
}
