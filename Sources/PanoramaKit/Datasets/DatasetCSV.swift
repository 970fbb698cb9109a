import Foundation

/// The CSV form of the bundled datasets: what `load` reads with no options.
///
/// UTF-8 without BOM, `,` separator, LF records, a header of column identifiers; numbers in
/// shortest round-trip form with `.` decimals and no `.0` on integers (`JSON.numberText`);
/// booleans `true`/`false`; dates ISO at their precision (`2016-11`, `2019-06-18`); `na` as an
/// empty cell; text quoted only when it holds `,`, `"`, a line break or edge spaces.
public enum DatasetCSV {
    /// The frame as CSV text.
    ///
    /// `DatasetCSV.text(Frame(columns: [Column(name: "x", .number([1.5, .nan]))])) // "x\n1.5\n\n"`
    public static func text(_ frame: Frame) -> String {
        var out = frame.columns.map { quoted($0.name) }.joined(separator: ",") + "\n"
        for r in 0..<frame.rowCount {
            var first = true
            for column in frame.columns {
                if !first { out += "," }
                first = false
                out += cell(column.data, r)
            }
            out += "\n"
        }
        return out
    }

    /// The text of one cell; empty for `na`.
    public static func cell(_ data: ColumnData, _ r: Int) -> String {
        switch data {
        case .number(let v): return v[r].isNaN ? "" : JSON.numberText(v[r])
        case .text(let c): return c[r].map(quoted) ?? ""
        case .bool(let v): return v[r] < 0 ? "" : (v[r] == 1 ? "true" : "false")
        case .date(let v, let p):
            return v[r] == ColumnData.naDay ? "" : CivilDate(dayNumber: Int(v[r])).text(p)
        }
    }

    static func quoted(_ s: String) -> String {
        let needs = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || s.first?.isWhitespace == true || s.last?.isWhitespace == true
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes the frame to `url` atomically (a temporary file, then a rename).
    /// - Throws: `DatasetError` when the file cannot be written.
    public static func write(_ frame: Frame, to url: URL) throws {
        do {
            try Data(text(frame).utf8).write(to: url, options: .atomic)
        } catch {
            throw DatasetError("cannot write '\(url.path)'")
        }
    }
}
