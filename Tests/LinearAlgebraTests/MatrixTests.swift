import Testing
@testable import LinearAlgebra

@Test func matrixIsColumnMajor() {
    let m = Matrix(columns: [[1, 2], [3, 4]], rows: 2)
    #expect(m[1, 0] == 2)
    #expect(m[0, 1] == 3)
    #expect(m.column(1) == [3, 4])
}
