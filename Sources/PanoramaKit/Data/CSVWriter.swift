import Foundation

/// Writes frames as CSV (RFC 4180): a header of labels, a field quoted when it holds the
/// separator, a quote, CR or LF (quotes doubled), `na` as an empty field (in saved files, a row
/// of na only starts with `NA` so that readers keep it), text that reads as `na` unquoted
/// (`""`, `NA`, `-`) quoted, numbers shortest round-trip, ±∞ `inf`/`-inf`, dates ISO,
/// booleans `true`/`false`. `FrameWriter` writes the files.
public enum CSVWriter {
    /// The CSV text of a frame. `decimal: ","` writes `53,02` (with `sep: ";"`, what French
    /// Excel opens directly). Records end with `lineEnding` (CRLF by RFC 4180).
    /// With `keepEmptyRows`, a row of na only starts with `NA`, so that readers (which drop
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
            // A row of na only would be an empty record, which readers drop: its first cell is `NA`.
            if keepEmptyRows && frame.columnCount > 0 && frame.columns.allSatisfy({ $0.data.isNA(r) }) { line = "NA" + line }
            out += line + lineEnding
        }
        return out
    }

    static func field(_ data: ColumnData, _ r: Int, separator: Character, decimal: Character) -> String {
        if data.isNA(r) { return "" }
        switch data {
        case .number(let v):
            if v[r].isInfinite { return v[r] > 0 ? "inf" : "-inf" }
            let s = JSON.numberText(v[r])
            return decimal == "." ? s : quoted(String(s.map { $0 == "." ? decimal : $0 }), separator)
        case .text: return quoted(data.text(at: r), separator, keepingMissingMarkers: true)
        case .bool, .date: return data.text(at: r)
        }
    }

    /// The field, quoted when it must be. With `keepingMissingMarkers`, a text that readers
    /// take for `na` unquoted (`""`, `NA`, `-`, …) is quoted, and stays text when read back.
    static func quoted(_ s: String, _ separator: Character, keepingMissingMarkers: Bool = false) -> String {
        let marker = keepingMissingMarkers && missingMarkers.contains(s.trimmingCharacters(in: .whitespaces))
        guard marker || s.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        var out = "\""
        for ch in s {
            if ch == "\"" { out += "\"\"" } else { out.append(ch) }
        }
        return out + "\""
    }
}

extension CSVWriter {
    static let missingMarkers = Set(ValueParsing.defaultMissing)
}
