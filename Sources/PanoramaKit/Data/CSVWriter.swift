import Foundation

/// Writes frames as CSV (RFC 4180): a header of labels, a field quoted when it holds the
/// separator, a quote, CR or LF (quotes doubled), `na` as an empty field (in saved files, a row
/// of na only starts with `""` so that readers keep it), numbers at full precision, dates ISO,
/// booleans `true`/`false`.
public enum CSVWriter {
    /// The CSV text of a frame. `decimal: ","` writes `53,02` (with `sep: ";"`, what French
    /// Excel opens directly). Records end with `lineEnding` (CRLF by RFC 4180).
    /// With `keepEmptyRows`, a row of na only starts with `""`, so that readers (which drop
    /// empty records) keep it.
    public static func text(_ frame: Frame, separator: Character = ",", decimal: Character = ".",
                            lineEnding: String = "\r\n", keepEmptyRows: Bool = false) -> String {
        var out = ""
        let sep = String(separator)
        out += frame.columns.map { quoted($0.label, separator) }.joined(separator: sep) + lineEnding
        for r in 0..<frame.rowCount {
            var line = ""
            var first = true
            for c in frame.columns {
                if !first { line += sep }
                first = false
                line += field(c.data, r, separator: separator, decimal: decimal)
            }
            // A row of na only would be an empty record, which readers drop: quote its first cell.
            if keepEmptyRows && frame.columnCount > 0 && frame.columns.allSatisfy({ $0.data.isNA(r) }) { line = "\"\"" + line }
            out += line + lineEnding
        }
        return out
    }

    static func field(_ data: ColumnData, _ r: Int, separator: Character, decimal: Character) -> String {
        if data.isNA(r) { return "" }
        switch data {
        case .number(let v):
            let s = JSON.numberText(v[r])
            return decimal == "." ? s : quoted(String(s.map { $0 == "." ? decimal : $0 }), separator)
        case .text(let c): return quoted(c[r]!, separator)
        case .bool(let v): return v[r] == 1 ? "true" : "false"
        case .date(let v, let p): return CivilDate(dayNumber: Int(v[r])).text(p)
        }
    }

    /// The field, quoted when it must be.
    static func quoted(_ s: String, _ separator: Character) -> String {
        guard s.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        var out = "\""
        for ch in s {
            if ch == "\"" { out += "\"\"" } else { out.append(ch) }
        }
        return out + "\""
    }

    /// Writes atomically: a temporary file in the same folder, then a rename, so a failure
    /// leaves the previous file (or none), never half of one.
    /// - Throws: `DataError` when the folder cannot be written.
    public static func write(_ frame: Frame, to path: String, separator: Character = ",", decimal: Character = ".") throws {
        let data = Data(text(frame, separator: separator, decimal: decimal, keepEmptyRows: true).utf8)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw DataError(file: path, "cannot write in '\(folder.path)' (missing folder or no permission)")
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw DataError(file: path, "cannot replace the file (\(String(cString: strerror(errno))))")
        }
    }
}
