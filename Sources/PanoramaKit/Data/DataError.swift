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

    public init(file: String, line: Int? = nil, column: Int? = nil, _ problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
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
    /// rows × width spans, row-major.
    var spans: [Span]
    /// The file line (or sheet row) where each row starts, for messages.
    var lines: [Int32]
    var width: Int
    /// Per cell, when the source stored typed values (XLSX); nil for CSV.
    var native: [NativeCell]?
    /// The line (or sheet row) of the header.
    var headerLine: Int

    var rowCount: Int { width == 0 ? 0 : spans.count / width }
}
