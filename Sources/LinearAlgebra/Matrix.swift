/// A dense matrix of doubles in column-major order (LAPACK's layout: no transposes).
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Element (i, j) is `storage[i + j * rows]`.
    public var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from its columns, each of length `rows`.
    public init(columns cols: [[Double]], rows: Int) {
        precondition(cols.allSatisfy { $0.count == rows }, "columns must all have \(rows) rows")
        self.rows = rows
        self.columns = cols.count
        self.storage = cols.flatMap { $0 }
    }

    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }
}
