import CLapack
import Dispatch

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
    ///
    /// A large matrix is copied by all cores in pieces of 2 MB: most of the cost of a fresh
    /// 88 MB matrix is the kernel's first touch of its pages (about 45 ms on one core here,
    /// 24 ms on two), not the copy.
    public init(columns cols: [[Double]], rows: Int) {
        precondition(cols.allSatisfy { $0.count == rows }, "columns must all have \(rows) rows")
        self.rows = rows
        self.columns = cols.count
        let total = rows * cols.count
        let piece = 262_144
        guard total >= 4 * piece else {
            self.storage = cols.flatMap { $0 }
            return
        }
        let perColumn = (rows + piece - 1) / piece
        self.storage = [Double](unsafeUninitializedCapacity: total) { buffer, count in
            let out = SharedPointer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: cols.count * perColumn) { k in
                let j = k / perColumn, start = (k % perColumn) * piece
                let length = min(piece, rows - start)
                cols[j].withUnsafeBufferPointer { c in
                    (out.base + j * rows + start).initialize(from: c.baseAddress! + start, count: length)
                }
            }
            count = total
        }
    }

    /// A matrix over column-major storage of `rows × columns` elements.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0 && storage.count == rows * columns,
                     "storage must hold rows × columns elements")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from its rows (convenient in tests): `Matrix(rowMajor: [[1, 2], [3, 4]])`.
    public init(rowMajor r: [[Double]]) {
        let m = r.count, n = r.first?.count ?? 0
        precondition(r.allSatisfy { $0.count == n }, "rows must all have \(n) columns")
        self.init(rows: m, columns: n)
        for i in 0..<m { for j in 0..<n { self[i, j] = r[i][j] } }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// The leading `k × k` block.
    public func leading(_ k: Int) -> Matrix {
        var m = Matrix(rows: k, columns: k)
        for j in 0..<k { for i in 0..<k { m[i, j] = self[i, j] } }
        return m
    }

    /// The diagonal elements (i, i), i < min(rows, columns).
    public var diagonal: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// The columns at the given indices, in that order.
    public func columns(_ indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * rows)
        for j in indices { out.append(contentsOf: storage[(j * rows)..<((j + 1) * rows)]) }
        return Matrix(rows: rows, columns: indices.count, storage: out)
    }

    /// The rows at the given indices, in that order (repeats allowed: bootstrap resamples).
    public func rows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, columns: columns)
        for j in 0..<columns {
            let base = j * rows, outBase = j * indices.count
            for (k, i) in indices.enumerated() { out.storage[outBase + k] = storage[base + i] }
        }
        return out
    }

    /// The product `self × other`.
    ///
    /// The corresponding BLAS routine is `dgemm`.
    /// - Throws: `ShapeError` when the inner dimensions differ.
    public func multiplied(by other: Matrix) throws(ShapeError) -> Matrix {
        BLASThreads.useOne()
        guard columns == other.rows else {
            throw ShapeError("cannot multiply a \(rows)×\(columns) matrix by a \(other.rows)×\(other.columns) one")
        }
        var c = Matrix(rows: rows, columns: other.columns)
        guard rows > 0, other.columns > 0, columns > 0 else { return c }
        let (m, n, k) = (Int32(rows), Int32(other.columns), Int32(columns))
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1,
                                a.baseAddress, m, b.baseAddress, k, 0, cp.baseAddress, m)
                }
            }
        }
        return c
    }

    /// The product `self × v`.
    ///
    /// The corresponding BLAS routine is `dgemv`.
    /// - Throws: `ShapeError` when `v` does not have `columns` elements.
    public func multiplied(by v: [Double]) throws(ShapeError) -> [Double] {
        guard v.count == columns else {
            throw ShapeError("cannot multiply a \(rows)×\(columns) matrix by a vector of \(v.count)")
        }
        var out = [Double](repeating: 0, count: rows)
        accumulate(v, scale: 1, into: &out)
        return out
    }

    /// The residuals `y − self × v`.
    ///
    /// The corresponding BLAS routine is `dgemv`.
    /// - Throws: `ShapeError` when `v` does not have `columns` elements or `y` `rows`.
    public func residuals(_ y: [Double], _ v: [Double]) throws(ShapeError) -> [Double] {
        guard v.count == columns, y.count == rows else {
            throw ShapeError("cannot subtract a \(rows)×\(columns) matrix times \(v.count) values from \(y.count)")
        }
        var out = y
        accumulate(v, scale: -1, into: &out)
        return out
    }

    /// `out ← out + scale × self × v` (`dgemv`; shapes already checked).
    private func accumulate(_ v: [Double], scale: Double, into out: inout [Double]) {
        BLASThreads.useOne()
        guard rows > 0, columns > 0 else { return }
        let (m, n) = (Int32(rows), Int32(columns))
        storage.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasColMajor, CblasNoTrans, m, n, scale, a.baseAddress, m,
                                x.baseAddress, 1, 1, y.baseAddress, 1)
                }
            }
        }
    }

    /// The Gram matrix `selfᵀ × self` (symmetric, both triangles filled).
    ///
    /// The corresponding BLAS routine is `dsyrk`.
    public func gram() -> Matrix {
        guard rows > 0, columns > 0 else { return Matrix(rows: columns, columns: columns) }
        return storage.withUnsafeBufferPointer { Matrix.gram(of: $0.baseAddress!, rows: rows, columns: columns, leading: rows) }
    }
}

extension Matrix {
    /// `AᵀA` (both triangles) of the `rows × columns` matrix stored column-major at `a` with
    /// leading dimension `leading` — for callers whose data live in their own buffers.
    ///
    /// The corresponding BLAS routine is `dsyrk`.
    package static func gram(of a: UnsafePointer<Double>, rows: Int, columns: Int, leading: Int) -> Matrix {
        BLASThreads.useOne()
        precondition(rows >= 0 && columns >= 0 && leading >= max(1, rows), "invalid matrix shape")
        var c = Matrix(rows: columns, columns: columns)
        guard rows > 0, columns > 0 else { return c }
        c.storage.withUnsafeMutableBufferPointer { cp in
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), 1, a, Int32(leading),
                        0, cp.baseAddress, Int32(columns))
        }
        for j in 0..<columns { for i in (j + 1)..<columns { c[i, j] = c[j, i] } }
        return c
    }

    /// `C = A Bᵀ` for A (`rows × b.columns`) at `a` and C (`rows × b.rows`) at `c`, both
    /// column-major with leading dimension `leading`.
    ///
    /// The corresponding BLAS routine is `dgemm`.
    package static func multiply(_ a: UnsafePointer<Double>, rows: Int, leading: Int, transposed b: Matrix,
                                into c: UnsafeMutablePointer<Double>) {
        BLASThreads.useOne()
        precondition(rows >= 0 && leading >= max(1, rows), "invalid matrix shape")
        guard rows > 0, b.rows > 0 else { return }
        guard b.columns > 0 else {
            for j in 0..<b.rows { (c + j * leading).update(repeating: 0, count: rows) }
            return
        }
        b.storage.withUnsafeBufferPointer { bp in
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(b.rows), Int32(b.columns), 1,
                        a, Int32(leading), bp.baseAddress, Int32(b.rows), 0, c, Int32(leading))
        }
    }
}

