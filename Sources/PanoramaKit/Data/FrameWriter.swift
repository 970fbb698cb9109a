import Foundation

/// Writes a frame to a file in the format its extension names (DESIGN §5), atomically
/// (`AtomicFile`): `.csv`, `.json` (the §4 frame shape), `.jsonl` (one object per row),
/// `.md` (a markdown table) and `.xlsx` (a workbook with typed cells).
public enum FrameWriter {
    public enum Format: String, CaseIterable, Sendable {
        case csv, json, jsonl, md, xlsx
    }

    /// The format of `path` by its extension (any case).
    /// - Throws: `DataError` listing the supported extensions when there is none or another.
    public static func format(of path: String) throws -> Format {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = Format(rawValue: ext) else {
            let list = Format.allCases.map { "." + $0.rawValue }.joined(separator: ", ")
            let what = ext.isEmpty ? "has no extension" : "has the extension '.\(ext)'"
            throw DataError(file: path, "\(what); save writes \(list)")
        }
        return format
    }

    /// The bytes of `frame` in `format`. `separator` and `decimal` apply to CSV only.
    ///
    /// Numbers are shortest round-trip text (`849.643`); ±∞ are `inf`/`-inf` in CSV and
    /// `1e999`/`-1e999` in JSON, which `load` reads back as ±∞.
    public static func data(_ frame: Frame, _ format: Format, separator: Character = ",", decimal: Character = ".") throws -> Data {
        switch format {
        case .csv:
            // Excel reads a CSV as the system code page unless it starts with a byte order mark:
            // a French file (decimal comma) gets one, as readr's write_excel_csv2, so `Ministère`
            // does not open as `MinistÃ¨re`. `load` skips it.
            let bom = decimal == "," ? "\u{FEFF}" : ""
            return Data((bom + CSVWriter.text(frame, separator: separator, decimal: decimal, keepEmptyRows: true)).utf8)
        case .json:
            return Data((frame.json(headers: \.label, keepingInfinity: true).text + "\n").utf8)
        case .jsonl:
            return Data(frame.jsonRecords().map { $0.text + "\n" }.joined().utf8)
        case .md:
            let text = renderTable(frame, RenderOptions(mode: .markdown, width: .max, maxRows: 0))
            return Data((text + "\n").utf8)
        case .xlsx:
            return try XLSXWriter.data(frame)
        }
    }

    /// Writes `frame` to `path` in the format of its extension.
    /// - Throws: `DataError`: an unsupported extension, or why the file cannot be written.
    public static func write(_ frame: Frame, to path: String, separator: Character = ",", decimal: Character = ".") throws {
        let format = try format(of: path)
        try AtomicFile.write(try data(frame, format, separator: separator, decimal: decimal), to: path)
    }
}
