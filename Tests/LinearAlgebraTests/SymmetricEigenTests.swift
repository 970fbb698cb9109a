import Testing
@testable import LinearAlgebra

@Test func symmetricEigenOfATwoByTwo() throws {
    let a = Matrix(columns: [[2, 1], [1, 2]], rows: 2)
    let (values, vectors) = try a.symmetricEigen()
    #expect(abs(values[0] - 1) < 1e-14 && abs(values[1] - 3) < 1e-14)
    // The eigenvector of 3 is (1, 1)/√2 up to sign.
    #expect(abs(abs(vectors[0, 1]) - 0.5.squareRoot()) < 1e-14)
    #expect(abs(vectors[0, 1] - vectors[1, 1]) < 1e-14)
}

@Test func symmetricEigenReconstructsTheMatrixAndRejectsNonSquare() throws {
    let a = Matrix(columns: [[4, 2, 0.4], [2, 3, 0.5], [0.4, 0.5, 2]], rows: 3)
    let (values, v) = try a.symmetricEigen()
    #expect(values == values.sorted())
    for i in 0..<3 {
        for j in 0..<3 {
            var s = 0.0
            for k in 0..<3 { s += v[i, k] * values[k] * v[j, k] }
            #expect(abs(s - a[i, j]) < 1e-13)
        }
    }
    #expect(throws: ShapeError("symmetricEigen needs a square matrix, not 2×3")) {
        try Matrix(rows: 2, columns: 3).symmetricEigen()
    }
}
