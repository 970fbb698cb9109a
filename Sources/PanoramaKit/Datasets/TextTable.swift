import Foundation

/// A source table as text cells: the header and the records exactly as the file states them.
///
/// The dataset builders read their sources through this type so that every conversion
/// (French month dates, phases, ministries, costs) is theirs, explicit and tested, whatever
/// the general reader guesses. `init(csv:source:)` reads RFC 4180: `"` quoting with `""`,
/// embedded LF or CRLF inside quoted cells, LF or CRLF records, an optional UTF-8 BOM.
/// Records must be as long as the header. It is deliberately small: this is the seam where the
/// general CSV reader (Data/) can take over once it offers an all-text mode.
public struct TextTable: Sendable {
    /// The column labels of the first record.
    public var header: [String]
    /// The data records, each as long as the header.
    public var records: [[String]]
    /// The 1-based line of the file on which each record starts (for error messages).
    public var lines: [Int]
    /// The file name, for error messages.
    public var source: String

    /// Parses CSV text.
    ///
    /// `try TextTable(csv: "a,b\n1,\"x\ny\"\n", source: "t.csv").records // [["1", "x\ny"]]`
    /// - Throws: `DatasetError` naming the file and line of an unclosed quote or a ragged record.
    public init(csv text: String, source: String) throws {
        self.source = source
        var rows: [[String]] = []
        var starts: [Int] = []
        var row: [String] = []
        var cell: [UInt8] = []
        var line = 1
        var rowStart = 1
        var inQuotes = false
        var afterQuote = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var i = 0
        func endCell() { row.append(String(decoding: cell, as: UTF8.self)); cell.removeAll(keepingCapacity: true) }
        func endRow() {
            endCell()
            rows.append(row)
            starts.append(rowStart)
            row = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        cell.append(b)
                        i += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    cell.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                if cell.isEmpty && !afterQuote {
                    inQuotes = true
                } else {
                    throw DatasetError("\(source):\(line): a quote inside an unquoted cell")
                }
            case UInt8(ascii: ","):
                endCell()
                afterQuote = false
            case UInt8(ascii: "\r"):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                endRow()
                line += 1
                rowStart = line
                afterQuote = false
            case UInt8(ascii: "\n"):
                endRow()
                line += 1
                rowStart = line
                afterQuote = false
            default:
                if afterQuote {
                    throw DatasetError("\(source):\(line): text after a closing quote")
                }
                cell.append(b)
            }
            i += 1
        }
        if inQuotes { throw DatasetError("\(source):\(rowStart): a quoted cell is never closed") }
        if !cell.isEmpty || !row.isEmpty || afterQuote { endRow() }
        guard let first = rows.first else { throw DatasetError("\(source): the file is empty") }
        header = first
        records = Array(rows.dropFirst())
        lines = Array(starts.dropFirst())
        for (r, record) in records.enumerated() where record.count != header.count {
            throw DatasetError(
                "\(source):\(lines[r]): \(record.count) cells where the header has \(header.count)")
        }
    }

    /// Reads a UTF-8 CSV file.
    /// - Throws: `DatasetError` when the file cannot be read or is not valid CSV.
    public static func read(_ url: URL) throws -> TextTable {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DatasetError("cannot read '\(url.path)'")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError("'\(url.lastPathComponent)' is not UTF-8")
        }
        return try TextTable(csv: text, source: url.lastPathComponent)
    }

    /// The index of the first column whose label is one of `labels`.
    /// - Throws: `DatasetError` when none is present.
    public func column(_ labels: String...) throws -> Int {
        for label in labels {
            if let i = header.firstIndex(of: label) { return i }
        }
        throw DatasetError("\(source): no column '\(labels[0])'")
    }
}

/// An error building or checking a bundled dataset: one line naming the file and what is wrong.
public struct DatasetError: UserFacingError, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
