import Foundation

/// Reads the JSON that `save` writes back into a frame: the frame shape of DESIGN §4
/// (`{"columns": […], "rows": [[…], …]}`), an array of row objects, or JSON Lines (one row
/// object per line).
///
/// A column of numbers is numeric (`1e999` is ∞), of `true`/`false` boolean, of strings that
/// are all dates (`2024-06`, `2024-06-30`) a date column, other strings text; `null` is `na`.
/// Strings are never missing markers: `"NA"` stays the text NA. A column mixing kinds is text.
public enum JSONReader {
    /// The frame in `bytes`; `name` is used in messages.
    /// - Throws: `DataError` naming the line and column of a syntax error, or the row whose
    ///   shape is wrong.
    public static func read(bytes: [UInt8], name: String) throws -> Frame {
        var parser = JSONParser(bytes: bytes, name: name)
        parser.skipSpace()
        let first = try parser.value()
        parser.skipSpace()
        var rows: [JSON]
        if parser.atEnd {
            if case .object(let pairs) = first, let columns = pairs.first(where: { $0.0 == "columns" })?.1,
               let body = pairs.first(where: { $0.0 == "rows" })?.1 {
                return try frame(columns: columns, rows: body, name: name)
            }
            guard case .array(let items) = first else {
                throw DataError(file: name, "expected rows: an array of objects or {\"columns\": …, \"rows\": …}")
            }
            rows = items
        } else {
            rows = [first]   // JSON Lines: one object per line
            while !parser.atEnd {
                rows.append(try parser.value())
                parser.skipSpace()
            }
        }
        var labels: [String] = []
        var index: [String: Int] = [:]
        var cells: [[Int: JSON]] = []
        for (r, row) in rows.enumerated() {
            guard case .object(let pairs) = row else { throw DataError(file: name, "row \(r + 1) is not an object") }
            var out: [Int: JSON] = [:]
            for (key, value) in pairs {
                let j = index[key] ?? labels.count
                if j == labels.count { labels.append(key); index[key] = j }
                out[j] = value
            }
            cells.append(out)
        }
        return try typed(labels: labels, cells: labels.indices.map { j in cells.map { $0[j] ?? .null } }, name: name)
    }

    /// The §4 shape: names, then rows as arrays in that order.
    static func frame(columns: JSON, rows: JSON, name: String) throws -> Frame {
        guard case .array(let names) = columns, case .array(let body) = rows else {
            throw DataError(file: name, "\"columns\" and \"rows\" must be arrays")
        }
        let labels = try names.map { n -> String in
            guard case .string(let s) = n else { throw DataError(file: name, "\"columns\" must hold strings") }
            return s
        }
        var cells = [[JSON]](repeating: [], count: labels.count)
        for (r, row) in body.enumerated() {
            guard case .array(let items) = row, items.count == labels.count else {
                throw DataError(file: name, "row \(r + 1) must be an array of \(labels.count) values")
            }
            for j in items.indices { cells[j].append(items[j]) }
        }
        return try typed(labels: labels, cells: cells, name: name)
    }

    /// Columns typed by what they hold.
    static func typed(labels: [String], cells: [[JSON]], name: String) throws -> Frame {
        var names = Set<String>()
        var columns: [Column] = []
        for (label, values) in zip(labels, cells) {
            let id = identifier(for: label)
            guard names.insert(id).inserted else { throw DataError(file: name, "two columns are named '\(id)'") }
            columns.append(Column(name: id, label: label, column(values)))
        }
        return Frame(columns: columns)
    }

    static func column(_ values: [JSON]) -> ColumnData {
        var numbers: [Double] = [], bools: [Int8] = [], strings: [String?] = []
        var kinds = Set<Int>()
        for v in values {
            switch v {
            case .null: numbers.append(.nan); bools.append(-1); strings.append(nil)
            case .number(let x): kinds.insert(0); numbers.append(x); strings.append(JSON.numberText(x))
            case .bool(let b): kinds.insert(1); bools.append(b ? 1 : 0); strings.append(b ? "true" : "false")
            case .string(let s): kinds.insert(2); strings.append(s)
            default: kinds.insert(3); strings.append(v.text)
            }
        }
        if kinds == [0] || kinds.isEmpty { return .number(numbers) }
        if kinds == [1] { return .bool(bools) }
        if kinds == [2], let dates = dates(strings) { return dates }
        return .text(Categorical(strings))
    }

    /// A date column when every string is a date.
    static func dates(_ strings: [String?]) -> ColumnData? {
        var days: [Int32] = []
        var precision = DatePrecision.month
        for s in strings {
            guard let s else { days.append(ColumnData.naDay); continue }
            let bytes = Array(s.utf8)
            guard let (day, p) = bytes.withUnsafeBufferPointer({ b in
                b.baseAddress.flatMap { ValueParsing.parseDate($0, 0, b.count) }
            }) else { return nil }
            if p == .day { precision = .day }
            days.append(day)
        }
        return .date(days, precision)
    }
}
