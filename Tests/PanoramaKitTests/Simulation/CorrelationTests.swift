import Foundation
import LinearAlgebra
import Testing
@testable import PanoramaKit

private func matrix(_ rows: [[Double]]) -> Matrix {
    Matrix(columns: (0..<rows[0].count).map { j in rows.map { $0[j] } }, rows: rows.count)
}

@Test(arguments: [
    ([[1, 0.2], [0.2, 1], [0, 0]], 2, "the correlation matrix must be square, not 3 × 2"),
    ([[1, 0.2], [0.2, 1]], 3, "the correlation matrix is 2 × 2 but there are 3 projects"),
    ([[1, .nan], [0.2, 1]], 2, "the correlation matrix holds na at [1, 2]"),
    ([[1, 0.2], [0.2, 0.9]], 2, "the correlation matrix must have 1 on its diagonal, but [2, 2] is 0.9"),
    ([[1, 0.2], [0.3, 1]], 2, "the correlation matrix is not symmetric: [2, 1] is 0.3 but [1, 2] is 0.2"),
    ([[1, 1.5], [1.5, 1]], 2, "correlations must lie between -1 and 1, but [2, 1] is 1.5"),
    ([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], 3,
     "the correlation matrix is not positive semi-definite (smallest eigenvalue -0.8); repair=true replaces it by the nearest correlation matrix"),
] as [([[Double]], Int, String)])
func invalidCorrelationMatricesAreRejectedWithExactMessages(_ rows: [[Double]], _ n: Int, _ message: String) {
    #expect(throws: KernelError(message)) { try Correlation.validated(matrix(rows), projects: n) }
}

@Test func aCommonCorrelationMustBeAchievable() throws {
    #expect(throws: KernelError("a common correlation of -0.5 is impossible for 4 projects: it must be at least -1/(n - 1) = -0.3333333")) {
        try Correlation.validated(common: -0.5, projects: 4)
    }
    #expect(throws: KernelError("'corr' must lie between -1 and 1, not 2")) { try Correlation.validated(common: 2, projects: 4) }
    #expect(try Correlation.validated(common: -1.0 / 3, projects: 4) == .common(-1.0 / 3))
}

/// Higham (2002), §4's example: the nearest correlation matrix to [[1,1,0],[1,1,1],[0,1,1]].
@Test func repairFindsHighamsNearestCorrelationMatrix() throws {
    let a = matrix([[1, 1, 0], [1, 1, 1], [0, 1, 1]])
    let (c, repaired) = try Correlation.validated(a, projects: 3, repair: true)
    #expect(repaired)
    guard case .matrix(let m) = c else { Issue.record("expected a matrix"); return }
    let expected = [[1, 0.7607, 0.1573], [0.7607, 1, 0.7607], [0.1573, 0.7607, 1]]
    for i in 0..<3 { for j in 0..<3 { #expect(abs(m[i, j] - expected[i][j]) < 1e-4, "[\(i), \(j)]") } }
    #expect(try m.symmetricEigen().values[0] > -1e-12)
    _ = try m.cholesky()
}

@Test func aValidMatrixPassesUnchanged() throws {
    let a = matrix([[1, 0.5, 0.2], [0.5, 1, 0.3], [0.2, 0.3, 1]])
    let (c, repaired) = try Correlation.validated(a, projects: 3, repair: true)
    #expect(!repaired)
    #expect(c == .matrix(a))
}

/// A singular PSD matrix (two projects perfectly correlated) still simulates: the factor
/// falls back to the eigen-decomposition.
@Test func perfectlyCorrelatedProjectsMoveTogether() throws {
    let c = matrix([[1, 1], [1, 1]])
    let (corr, _) = try Correlation.validated(c, projects: 2)
    let m = PortfolioModel(names: ["a", "b"], costs: [1, 1], overruns: [.normal(mean: 0, sd: 1), .normal(mean: 0, sd: 1)],
                           copula: .gaussian(corr))
    let d = try MonteCarlo.draws(m, trials: 1000, seed: 1)
    for t in 0..<1000 { #expect(abs(d[0][t] - d[1][t]) < 1e-7) }
}
