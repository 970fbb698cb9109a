import Testing
import Foundation
@testable import LinearAlgebra
import TestSupport

/// A seeded n × p matrix with columns on different scales and offsets.
private func tallMatrix(rows n: Int, columns p: Int, seed: UInt64) -> Matrix {
    var random = SeededUniform(seed)
    func uniform() -> Double { random.next() }
    var m = Matrix(rows: n, columns: p)
    for j in 0..<p { for i in 0..<n { m[i, j] = Double(j + 1) * (uniform() - 0.5) + Double(10 * j) } }
    return m
}

/// R of `a` by TSQR, its rows read from `a`.
private func tsqr(_ a: Matrix, blockRows: Int, segmentRows: Int) throws -> Matrix {
    let storage = a.storage, n = a.rows, q = a.columns
    return try TallSkinnyQR.triangularFactor(rows: n, columns: q, blockRows: blockRows, segmentRows: segmentRows) {
        start, count, out, leading in
        for j in 0..<q { for i in 0..<count { out[j * leading + i] = storage[j * n + start + i] } }
    }
}

/// R up to the sign of each row (QR determines R only up to them), made positive on the diagonal.
private func positiveDiagonal(_ r: Matrix) -> Matrix {
    var out = r
    for i in 0..<r.rows where r[i, i] < 0 { for j in 0..<r.columns { out[i, j] = -r[i, j] } }
    return out
}

@Test(arguments: [(7, 100), (1024, 65_536), (13, 13), (1, 1000)])
func tallSkinnyRMatchesOneHouseholderQR(blockRows: Int, segmentRows: Int) throws {
    // 1,003 rows: ragged last blocks and a last segment that absorbs the remainder.
    let a = tallMatrix(rows: 1003, columns: 6, seed: 7)
    let blocked = positiveDiagonal(try tsqr(a, blockRows: blockRows, segmentRows: segmentRows))
    let reference = positiveDiagonal(try QRFactorization(a, pivoting: .none).r())
    let scale = reference.storage.map(abs).max()!
    for k in 0..<blocked.storage.count {
        #expect(abs(blocked.storage[k] - reference.storage[k]) <= 1e-13 * scale, "element \(k)")
    }
    // Strictly lower part is zero.
    for j in 0..<6 { for i in (j + 1)..<6 { #expect(blocked[i, j] == 0) } }
}

@Test func tallSkinnyQRGivesTheSameBitsEveryRun() throws {
    // Segments run on several threads; their merge order is fixed, so the bits are too.
    let a = tallMatrix(rows: 20_000, columns: 5, seed: 3)
    let first = try tsqr(a, blockRows: 64, segmentRows: 1000)
    for _ in 0..<3 { #expect(try tsqr(a, blockRows: 64, segmentRows: 1000) == first) }
}

@Test func tallSkinnyQRRejectsAWideMatrix() {
    #expect(throws: ShapeError.self) { try tsqr(Matrix(rows: 3, columns: 4), blockRows: 2, segmentRows: 2) }
}

/// The same problem with and without the blocked factorisation.
private func bothWays(_ problem: LeastSquares.Problem) throws -> (blocked: LeastSquaresSolution, plain: LeastSquaresSolution) {
    var blocked = LeastSquares.Options()
    blocked.blockedRows = 0
    var plain = LeastSquares.Options()
    plain.blockedRows = .max
    return (try LeastSquares.fit(problem, options: blocked), try LeastSquares.fit(problem, options: plain))
}

private func relativeDifference(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

@Test func blockedAndPlainFactorisationsGiveTheSameFit() throws {
    let x = tallMatrix(rows: 5000, columns: 4, seed: 11)
    let n = x.rows
    let design = Matrix(columns: [Array(repeating: 1, count: n)] + (0..<4).map(x.column), rows: n)
    let y = (0..<n).map { i in 3 + 0.5 * x[i, 0] - 2 * x[i, 1] + 0.1 * x[i, 3] + sin(Double(i)) }
    let weights = (0..<n).map { 1 + Double($0 % 7) }
    for w in [nil, weights] {
        let (blocked, plain) = try bothWays(.init(design: design, response: y, weights: w, intercept: 0))
        #expect(blocked.aliased.isEmpty && plain.aliased.isEmpty)
        #expect(blocked.refinementSteps == 0)
        for j in 0..<5 {
            #expect(relativeDifference(blocked.coefficients[j], plain.coefficients[j]) < 1e-12)
            #expect(relativeDifference(blocked.covariance![j, j], plain.covariance![j, j]) < 1e-12)
        }
        #expect(relativeDifference(blocked.residualSumOfSquares, plain.residualSumOfSquares) < 1e-12)
        #expect(relativeDifference(blocked.conditionNumber, plain.conditionNumber) < 1e-10)
    }
}

@Test func blockedFactorisationFindsAliasedColumns() throws {
    let x = tallMatrix(rows: 400, columns: 2, seed: 5)
    let n = x.rows
    let x1 = x.column(0), x2 = x.column(1)
    let sum = zip(x1, x2).map { $0 + $1 }
    let constant = [Double](repeating: 4, count: n)
    let design = Matrix(columns: [Array(repeating: 1, count: n), x1, constant, x2, sum], rows: n)
    let y = (0..<n).map { i in 1 + x1[i] - x2[i] + cos(Double(i)) }
    let (blocked, plain) = try bothWays(.init(design: design, response: y, intercept: 0))
    #expect(blocked.aliased == [2, 4])
    #expect(plain.aliased == [2, 4])
    for j in [0, 1, 3] { #expect(relativeDifference(blocked.coefficients[j], plain.coefficients[j]) < 1e-12) }
    #expect(blocked.coefficients[4].isNaN)
}

@Test func blockedFactorisationRejectsNonFiniteDesigns() {
    var design = Matrix(columns: [Array(repeating: 1, count: 200), (0..<200).map(Double.init)], rows: 200)
    design[17, 1] = .infinity
    var options = LeastSquares.Options()
    options.blockedRows = 0
    #expect(throws: ShapeError("the design and response must be finite")) {
        try LeastSquares.fit(.init(design: design, response: Array(repeating: 1, count: 200), intercept: 0), options: options)
    }
}

/// NIST's Norris (straight line), Pontius (quadratic) and Filip (degree 10, ill-conditioned:
/// the blocked factorisation decides to refine and forms the full QR) through the blocked path:
/// the certified digits are reached as by the plain path.
@Test(arguments: [("Norris", 1, 12.0), ("Pontius", 2, 11.0), ("Filip", 10, 7.0)])
func blockedFactorisationReachesNISTDigits(name: String, degree: Int, target: Double) throws {
    let d = try NISTDataset(name)
    let x = d.column(1), y = d.column(0)
    let columns = [Array(repeating: 1.0, count: x.count)] + (1...degree).map { k in x.map { Foundation.pow($0, Double(k)) } }
    var options = LeastSquares.Options()
    options.blockedRows = 0
    let fit = try LeastSquares.fit(.init(design: Matrix(columns: columns, rows: x.count), response: y, intercept: 0),
                                   options: options)
    #expect(fit.aliased.isEmpty)
    for (j, certified) in d.estimates.enumerated() {
        #expect(logRelativeError(fit.coefficients[j], certified) >= target, "B\(j)")
    }
}
