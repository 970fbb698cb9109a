import Foundation
import Testing
@testable import PanoramaKit

/// A fresh folder under the temporary directory.
func scratchFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-writer-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { Int32(CivilDate(year: y, month: m, day: d).dayNumber) }

/// Numbers (with ±∞ and na), text, booleans and dates of day precision, each with na.
private let mixed = Frame(columns: [
    Column(name: "projet", label: "Projet", .text(Categorical(["Réseau \"État\"; été", "B, c", nil, "d\ne"]))),
    Column(name: "cout", label: "Coût", .number([849.643, 0.1 + 0.2, .nan, -1e-300])),
    Column(name: "inf", .number([.infinity, -.infinity, 2, .nan])),
    Column(name: "inter", .bool([1, 0, -1, 1])),
    Column(name: "debut", .date([day(2013, 7, 14), ColumnData.naDay, day(1999, 12, 31), day(2024, 2, 29)], .day)),
])

/// Text cells that read as na when unquoted, month dates, and a row of na only.
private let markers = Frame(columns: [
    Column(name: "t", .text(Categorical(["NA", "na", "", "-", nil, "x"]))),
    Column(name: "mois", .date([day(2024, 6, 1), day(2023, 1, 1), ColumnData.naDay, day(2020, 12, 1), ColumnData.naDay, day(2021, 3, 1)], .month)),
    Column(name: "n", .number([1, 2, 3, 4, .nan, 6])),
])

/// Everything a frame holds, as comparable text: labels, types and cells (±∞ kept).
private func fingerprint(_ f: Frame) -> String {
    f.columns.map { "\($0.label):\($0.data.typeName)" }.joined(separator: ",") + " "
        + f.json(headers: \.label, keepingInfinity: true).text
}

private func roundTrip(_ frame: Frame, _ ext: String) throws -> Frame {
    let path = try scratchFolder() + "/frame." + ext
    try FrameWriter.write(frame, to: path)
    return try DataReader.load(path: path).frame
}

@Test(arguments: ["csv", "json", "jsonl", "xlsx"])
func savedFramesLoadBackUnchanged(ext: String) throws {
    #expect(fingerprint(try roundTrip(mixed, ext)) == fingerprint(mixed))
}

@Test(arguments: ["csv", "json", "jsonl"])
func textThatLooksMissingMonthDatesAndNaRowsSurviveTheRoundTrip(ext: String) throws {
    #expect(fingerprint(try roundTrip(markers, ext)) == fingerprint(markers))
}

/// `markers` as a workbook gives it back: the empty text is na, and the row of na only is an
/// empty sheet row, which the reader drops.
@Test func anXLSXRoundTripKeepsTextThatLooksMissingAndMonthDatesAndOnlyEmptyTextBecomesNa() throws {
    let expected = Frame(columns: [
        Column(name: "t", .text(Categorical(["NA", "na", nil, "-", "x"]))),
        Column(name: "mois", .date([day(2024, 6, 1), day(2023, 1, 1), ColumnData.naDay, day(2020, 12, 1), day(2021, 3, 1)], .month)),
        Column(name: "n", .number([1, 2, 3, 4, 6])),
    ])
    #expect(fingerprint(try roundTrip(markers, "xlsx")) == fingerprint(expected))
}

/// Excel's serials start on 1900-01-01 and end on 9999-12-31: days outside (the `0001-01-01`
/// that databases write for "no date", 1800s records) were written as serials Excel shows as
/// `####` and that loaded back as the number -36523; and no reader took `0001-01-01` for a date.
@Test(arguments: ["xlsx", "csv"])
func `dates outside Excel's calendar round-trip through a workbook as ISO text`(ext: String) throws {
    let days = Frame(columns: [
        Column(name: "d", .date([day(1, 1, 1), day(1800, 1, 1), day(1899, 12, 31), day(1900, 1, 1), day(1900, 3, 1), day(9999, 12, 31), ColumnData.naDay], .day)),
        Column(name: "m", .date([day(1850, 6, 1), day(2024, 6, 1), day(1900, 1, 1), day(1000, 1, 1), day(1899, 12, 1), day(9999, 12, 1), day(1999, 1, 1)], .month)),
    ])
    let back = try roundTrip(days, ext)
    #expect(fingerprint(back) == fingerprint(days), "\(fingerprint(back))")
}

@Test func monthFormatsAreTheDateFormatsWithAYearAndAMonthOnly() {
    for code in ["yyyy-mm", "mmm yyyy", "mm/yy", "[$-40C]mmmm yyyy"] { #expect(XMLCollector.isMonthFormat(code), "\(code)") }
    for code in ["yyyy-mm-dd", "dd/mm/yyyy", "yyyy", "mm:ss", "yyyy-mm hh", "\"day\" yyyy"] {
        #expect(!XMLCollector.isMonthFormat(code), "\(code)")
    }
}

@Test func csvQuotesTextThatWouldReadAsNaAndWritesInfinity() {
    let text = CSVWriter.text(markers, lineEnding: "\n", keepEmptyRows: true)
    #expect(text == "t,mois,n\n\"NA\",2024-06,1\n\"na\",2023-01,2\n\"\",,3\n\"-\",2020-12,4\nNA,,\nx,2021-03,6\n")
    let inf = CSVWriter.text(Frame(columns: [Column(name: "x", .number([.infinity, -.infinity]))]), lineEnding: "\n")
    #expect(inf == "x\ninf\n-inf\n")
}

@Test func numbersAreWrittenShortestRoundTrip() throws {
    let f = Frame(columns: [Column(name: "x", .number([849.643, 0.1 + 0.2, 1e21, 7]))])
    let csv = String(decoding: try FrameWriter.data(f, .csv), as: UTF8.self)
    #expect(csv == "x\r\n849.643\r\n0.30000000000000004\r\n1e+21\r\n7\r\n")
    let json = String(decoding: try FrameWriter.data(f, .json), as: UTF8.self)
    #expect(json == "{\"columns\": [\"x\"], \"rows\": [[849.643], [0.30000000000000004], [1e+21], [7]]}\n")
}

@Test func jsonLinesHoldOneObjectPerRowKeyedByLabel() throws {
    let text = String(decoding: try FrameWriter.data(mixed, .jsonl), as: UTF8.self)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0] == #"{"Projet": "Réseau \"État\"; été", "Coût": 849.643, "inf": 1e999, "inter": true, "debut": "2013-07-14"}"#)
}

@Test func markdownFileIsTheWholeMarkdownTable() throws {
    let long = Frame(columns: [Column(name: "i", .number((1...60).map(Double.init)))])
    let text = String(decoding: try FrameWriter.data(long, .md), as: UTF8.self)
    #expect(text.hasPrefix("| i |\n|---:|\n| 1 |\n"))
    #expect(text.hasSuffix("| 60 |\n"))
}

@Test func xlsxWorkbookHasTheSixPartsAndTypedCells() throws {
    let sheet = XLSXWriter.sheet(mixed)
    #expect(sheet.contains(#"<c r="B2"><v>849.643</v></c>"#))
    #expect(sheet.contains(#"<c r="D2" t="b"><v>1</v></c>"#))
    // 2013-07-14 is Excel serial 41469.
    #expect(sheet.contains(#"<c r="E2" s="1"><v>41469</v></c>"#))
    #expect(sheet.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">Réseau &quot;État&quot;; été</t></is></c>"#))
    #expect(XLSXWriter.reference(27, 3) == "AB3")
    #expect(XLSXWriter.excelSerial(dayNumber: Int(day(1900, 1, 1))) == 1)
    #expect(XLSXWriter.excelSerial(dayNumber: Int(day(1900, 3, 1))) == 61)
}

@Test(arguments: [("x.parquet", "PAR1\u{0}\u{0}abc", "not a CSV/XLSX/JSON file (Parquet)"),
                  ("x.bin", "a,b\n1,\u{0}2\n", "not a CSV/XLSX/JSON file (binary data)"),
                  ("x.zip", "PK\u{3}\u{4}rest of a zip", "not a CSV/XLSX/JSON file (a zip archive without a workbook)")])
func filesThatAreNoTableAreRefusedInOneLine(name: String, content: String, problem: String) throws {
    let path = try scratchFolder() + "/" + name
    try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: DataError(file: path, problem)) { try DataReader.load(path: path) }
}

@Test func unsupportedExtensionsListTheSupportedOnes() throws {
    let path = try scratchFolder() + "/x.parquet"
    #expect(throws: DataError(file: path, "has the extension '.parquet'; save writes .csv, .json, .jsonl, .md, .xlsx")) {
        try FrameWriter.write(mixed, to: path)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
}

@Test func numbersBeyondTheDoubleRangeReadAsInfinityWithANote() throws {
    let f = try CSVReader.read(text: "x\n1e400\n-2e999\n3\n")
    #expect(f.columns[0].data.numbers == [.infinity, -.infinity, 3])
    #expect(f.notes == ["column 'x': 2 numbers beyond ±1.8e308 read as ±∞ (first: '1e400')"])
    let words = try CSVReader.read(text: "x\ninf\n-Infinity\n∞\n1\n")
    #expect(words.columns[0].data.numbers == [.infinity, -.infinity, .infinity, 1])
    #expect(words.notes.isEmpty)
}

@Test func jsonSyntaxErrorsNameLineAndColumn() throws {
    #expect(throws: DataError(file: "x.json", line: 2, column: 11, "expected ',' or ']'")) {
        try JSONReader.read(bytes: Array("[{\"a\": 1},\n {\"a\": 2} {\"a\": 3}]".utf8), name: "x.json")
    }
    let deep = String(repeating: "[", count: 600)
    #expect(throws: DataError(file: "d.json", line: 1, column: 513, "the JSON nests more than 512 levels")) {
        try JSONReader.read(bytes: Array(deep.utf8), name: "d.json")
    }
}
