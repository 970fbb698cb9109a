import Testing
@testable import LinearAlgebra

@Test func matrixIsColumnMajor() {
    let m = Matrix(columns: [[1, 2], [3, 4]], rows: 2)
    #expect(m[1, 0] == 2)
    #expect(m[0, 1] == 3)
    #expect(m.column(1) == [3, 4])
    #expect(Matrix(rowMajor: [[1, 3], [2, 4]]) == m)
}

@Test func productsMatchHandComputedValues() throws {
    let a = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    let b = Matrix(rowMajor: [[1, 0], [0, 1], [1, 1]])
    #expect(try a.multiplied(by: b) == Matrix(rowMajor: [[4, 5], [10, 11]]))
    #expect(try a.multiplied(by: [1, 1, 1]) == [6, 15])
    #expect(a.gram() == Matrix(rowMajor: [[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    #expect(a.transposed == Matrix(rowMajor: [[1, 4], [2, 5], [3, 6]]))
    #expect(a.rows([1, 1]) == Matrix(rowMajor: [[4, 5, 6], [4, 5, 6]]))
    #expect(a.columns([2, 0]) == Matrix(rowMajor: [[3, 1], [6, 4]]))
}

@Test func mismatchedShapesAreCaughtBeforeLAPACK() {
    let a = Matrix(rows: 2, columns: 3)
    #expect(throws: ShapeError("cannot multiply a 2×3 matrix by a 2×3 one")) { try a.multiplied(by: a) }
    #expect(throws: ShapeError("cholesky needs a square matrix, not 2×3")) { try a.cholesky() }
    let qr = try! QRFactorization(Matrix(rows: 3, columns: 2, repeating: 1))
    #expect(throws: ShapeError("Q has 3 rows but the matrix has 2")) {
        var c = Matrix(rows: 2, columns: 1)
        try qr.applyQ(to: &c, transpose: true)
    }
}

@Test func choleskyIsLowerTriangular() throws {
    let a = Matrix(rowMajor: [[4, 2], [2, 3]])
    let l = try a.cholesky()
    #expect(l[0, 0] == 2)
    #expect(l[1, 0] == 1)
    #expect(l[0, 1] == 0)
    #expect(abs(l[1, 1] - 2.0.squareRoot()) < 1e-15)
    let back = try l.multiplied(by: l.transposed)
    for (u, v) in zip(back.storage, a.storage) { #expect(abs(u - v) < 1e-15) }
}

@Test func choleskyOfAnIndefiniteMatrixThrowsItsInfo() {
    let a = Matrix(rowMajor: [[1, 2], [2, 1]])
    #expect(throws: LAPACKError(routine: "dpotrf", info: 2)) { try a.cholesky() }
    #expect(LAPACKError(routine: "dpotrf", info: 2).description
            == "dpotrf: the matrix is not positive definite (leading minor of order 2)")
}

@Test func qrSolvesASquareSystem() throws {
    // A x = b with x = [1, -2, 3].
    let a = Matrix(rowMajor: [[2, 1, 1], [1, 3, 2], [1, 0, 0]])
    let b = [3.0, 1, 1]
    for pivoting in [QRFactorization.Pivoting.free, .none] {
        let qr = try QRFactorization(a, pivoting: pivoting)
        var y = Matrix(rows: 3, columns: 1, storage: try qr.applyQTranspose(b))
        try qr.solveR(&y)
        var x = [Double](repeating: 0, count: 3)
        for (k, j) in qr.permutation.enumerated() { x[j] = y.storage[k] }
        for (u, v) in zip(x, [1.0, -2, 3]) { #expect(abs(u - v) < 1e-14) }
        // Q Qᵀ b = b.
        let back = try qr.applyQ(try qr.applyQTranspose(b))
        for (u, v) in zip(back, b) { #expect(abs(u - v) < 1e-14) }
    }
}

@Test func unpivotedQRKeepsColumnOrder() throws {
    let a = Matrix(rowMajor: [[1, 100], [1, 200], [1, 300]])
    #expect(try QRFactorization(a, pivoting: .none).permutation == [0, 1])
    #expect(try QRFactorization(a, pivoting: .free).permutation == [1, 0])
}

@Test func gramInverseFromRMatchesTheInverse() throws {
    let a = Matrix(rowMajor: [[1, 1], [1, 2], [1, 4]])
    let qr = try QRFactorization(a, pivoting: .none)
    let inv = try Matrix.gramInverse(upperFactor: qr.r())
    // (AᵀA) = [[3, 7], [7, 21]], inverse = [[21, -7], [-7, 3]] / 14.
    let expected = Matrix(rowMajor: [[1.5, -0.5], [-0.5, 3.0 / 14]])
    for i in 0..<2 { for j in 0..<2 { #expect(abs(inv[i, j] - expected[i, j]) < 1e-14) } }
}

@Test func singularValuesOfADiagonalMatrix() throws {
    let a = Matrix(rowMajor: [[3, 0], [0, -4], [0, 0]])
    #expect(try a.singularValues() == [4, 3])
    #expect(try a.conditionNumber() == 4.0 / 3)
    #expect(try Matrix(rowMajor: [[1, 1], [1, 1]]).conditionNumber() > 1e15)
}

@Test func triangularSolveOfASingularMatrixThrows() {
    let t = Matrix(rowMajor: [[1, 2], [0, 0]])
    #expect(throws: LAPACKError(routine: "dtrtrs", info: 2)) { try t.solveTriangular([1, 1], upper: true) }
}

@Test func emptyMatricesAreHandledWithoutCallingLAPACK() throws {
    let e = Matrix(rows: 0, columns: 0)
    #expect(try e.cholesky() == e)
    #expect(try e.singularValues() == [])
    #expect(try QRFactorization(Matrix(rows: 0, columns: 2)).permutation == [0, 1])
}

@Test func pointerGramAndProductMatchTheMatrixOnes() throws {
    // A 5 × 3 block inside a buffer with leading dimension 7 (the rest is padding).
    var random = SeededUniform(4)
    let buffer = (0..<(7 * 3)).map { _ in random.next() - 0.5 }
    let a = Matrix(columns: (0..<3).map { j in Array(buffer[(j * 7)..<(j * 7 + 5)]) }, rows: 5)
    let gram = buffer.withUnsafeBufferPointer { Matrix.gram(of: $0.baseAddress!, rows: 5, columns: 3, leading: 7) }
    let expected = a.gram()
    for k in 0..<9 { #expect(abs(gram.storage[k] - expected.storage[k]) < 1e-15) }
    // C = A Bᵀ with B 2 × 3, into the same layout (leading 7).
    let b = Matrix(rowMajor: [[1, 2, 3], [-1, 0.5, 4]])
    var out = [Double](repeating: .nan, count: 7 * 2)
    buffer.withUnsafeBufferPointer { ap in
        out.withUnsafeMutableBufferPointer { Matrix.multiply(ap.baseAddress!, rows: 5, leading: 7, transposed: b, into: $0.baseAddress!) }
    }
    for i in 0..<5 {
        for j in 0..<2 {
            let direct = (0..<3).reduce(0.0) { $0 + a[i, $1] * b[j, $1] }
            #expect(abs(out[j * 7 + i] - direct) < 1e-15)
        }
    }
}
