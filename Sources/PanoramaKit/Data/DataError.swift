import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error in a data file: one lowercase line naming the file, the line and the column.
///
/// `data.csv:14:5: row has 5 fields but the header has 4`. LINE is the file's line (1-based,
/// counting the newlines inside quoted cells; the row number in a spreadsheet); COL is the field
/// number (1-based). Either is left out when it does not apply.
public struct DataError: UserFacingError, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var problem: String

    /// Control characters in `problem` (a quoted cell or column name may hold a newline) are
    /// written as escapes (`\n`, `\r`, `\t`, `\e`, `\u{7}`), so the message stays one line.
    public init(file: String, line: Int? = nil, column: Int? = nil, _ problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem.controlsEscaped
    }

    public var message: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column, line != nil { s += ":\(column)" }
        return s + ": " + problem
    }
}

/// Bytes owned by a reader: a file's contents, transcoded to UTF-8 and unescaped in place.
final class ByteBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int
    /// The offset of the first byte that is not UTF-8 (`.some(nil)`: all are), when the file
    /// reader checked it while the bytes were in cache; nil when not checked yet.
    var knownFirstInvalidUTF8: Int??

    /// The offset of the first byte that is not valid UTF-8 (nil when all are).
    func firstInvalidUTF8() -> Int? {
        if let known = knownFirstInvalidUTF8 { return known }
        return TextEncoding.firstInvalidUTF8(base, count)
    }

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
    }

    init(_ bytes: some Collection<UInt8>) {
        count = bytes.count
        base = .allocate(capacity: max(count, 1))
        _ = UnsafeMutableBufferPointer(start: base, count: max(count, 1)).initialize(from: bytes)
    }

    deinit { base.deallocate() }

    func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
}

/// A cell's bounds in a `ByteBuffer`: `[start, end)`, already unquoted.
struct Span {
    var start: UInt32
    var end: UInt32
}

/// The cells' spans, column by column, in memory the store owns (appending a row costs one
/// store per column, with no reference counting in the tokenizer's loop).
final class SpanStore: @unchecked Sendable {
    let width: Int
    private(set) var count = 0
    private var capacity: Int
    private let columns: UnsafeMutablePointer<UnsafeMutablePointer<Span>>

    init(width: Int, capacity: Int = 1024) {
        self.width = width
        self.capacity = max(capacity, 16)
        columns = .allocate(capacity: max(width, 1))
        for j in 0..<width { columns[j] = .allocate(capacity: self.capacity) }
    }

    deinit {
        for j in 0..<width { columns[j].deallocate() }
        columns.deallocate()
    }

    /// Appends one row of `width` spans.
    @inline(__always)
    func append(_ row: UnsafePointer<Span>) {
        if count == capacity { reserve(capacity * 2) }
        for j in 0..<width { columns[j][count] = row[j] }
        count += 1
    }

    func reserve(_ rows: Int) {
        guard rows > capacity else { return }
        for j in 0..<width {
            let bigger = UnsafeMutablePointer<Span>.allocate(capacity: rows)
            bigger.update(from: columns[j], count: count)
            columns[j].deallocate()
            columns[j] = bigger
        }
        capacity = rows
    }

    /// Appends the rows of `others`, in order (columns and stores copied on all cores).
    func append(contentsOf others: [SpanStore]) {
        guard !others.isEmpty else { return }
        var offsets: [Int] = []
        var total = count
        for o in others {
            precondition(o.width == width, "span stores of different widths")
            offsets.append(total)
            total += o.count
        }
        reserve(total)
        let offsetsCopy = offsets
        DispatchQueue.concurrentPerform(iterations: width * others.count) { k in
            let j = k % width, o = k / width
            (columns[j] + offsetsCopy[o]).update(from: others[o].columns[j], count: others[o].count)
        }
        count = total
    }

    /// Column `j`'s spans, valid while the store lives.
    func column(_ j: Int) -> UnsafeBufferPointer<Span> {
        UnsafeBufferPointer(start: columns[j], count: count)
    }

    subscript(j: Int, r: Int) -> Span {
        get { columns[j][r] }
        set { columns[j][r] = newValue }
    }
}

/// A value a spreadsheet stored with its type (an XLSX number, date or boolean cell).
struct NativeCell {
    enum Kind: UInt8 { case absent, number, date, bool }
    var kind: Kind
    var value: Double
}

/// Cells read from a file before typing: row-major spans into one buffer.
struct CellTable {
    var buffer: ByteBuffer
    var header: [String]
    /// The spans of each column (`spans[column, row]`).
    var spans: SpanStore
    /// The file line (or sheet row) where each row starts, for messages.
    var lines: [Int32]
    var width: Int
    /// Per cell (row-major, `row * width + column`), when the source stored typed values
    /// (XLSX); nil for CSV.
    var native: [NativeCell]?
    /// The line (or sheet row) of the header.
    var headerLine: Int
    /// Whether a cell right after a `"` byte was quoted in the source (CSV), so that a quoted
    /// `"NA"` or `""` in a text column is that text, not `na`.
    var marksQuotedCells = false

    var rowCount: Int { lines.count }
}
