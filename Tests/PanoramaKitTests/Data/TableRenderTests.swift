import Foundation
import Testing
@testable import PanoramaKit

let tableSample = Frame(columns: [
    Column(name: "projet", .text(Categorical(["Réseau interministériel de l'État", "B", nil]))),
    Column(name: "cout", label: "Coût", unit: "M€", .number([1_234_567.5, 40, .nan])),
    Column(name: "inter", .bool([1, 0, -1])),
    Column(name: "debut", .date([Int32(CivilDate(year: 2013, month: 7).dayNumber), Int32(CivilDate(year: 2015, month: 4).dayNumber), ColumnData.naDay], .month)),
])

@Test func boxTableAlignsNumbersGroupsThousandsAndCountsHiddenRows() {
    let text = renderTable(tableSample, RenderOptions(width: 80, maxRows: 2))
    #expect(text == """
    ┌───────────────────────────────────┬───────────┬───────┬─────────┐
    │ projet                            │ Coût (M€) │ inter │ debut   │
    ├───────────────────────────────────┼───────────┼───────┼─────────┤
    │ Réseau interministériel de l'État │ 1,234,568 │ true  │ 2013-07 │
    │ B                                 │        40 │ false │ 2015-04 │
    └───────────────────────────────────┴───────────┴───────┴─────────┘
    … 1 more row (.maxrows 0 or .last shows them)
    """)
}

@Test func asciiCharsetAndNarrowWidthCutTextAndLeaveColumnsOut() {
    let text = renderTable(tableSample, RenderOptions(width: 40, maxRows: 0, charset: .ascii))
    #expect(text == """
    +------------------+-----------+-------+
    | projet           | Coût (M€) | inter |
    +------------------+-----------+-------+
    | Réseau interm... | 1,234,568 | true  |
    | B                |        40 | false |
    | na               |        na | na    |
    +------------------+-----------+-------+
    ... 1 more column: debut (.width 67 or
      --format csv shows them)
    """)
}

/// Issue 14.5: a wide frame's footer names every column left out, wrapped, never cut.
@Test func theFooterNamesEveryColumnLeftOutWrappedNotCut() {
    let columns = (1...12).map { Column(name: "a_rather_long_column_name_\($0)", .number([Double($0)])) }
    let text = renderTable(Frame(columns: columns), RenderOptions(width: 80))
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { $0.count <= 80 })
    let footer = lines.drop { !$0.hasPrefix("…") }.joined(separator: " ")
    let shown = lines[1].split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    #expect(!shown.isEmpty)
    #expect(shown.count < 12)
    for c in columns.dropFirst(shown.count) { #expect(footer.contains(c.name + ",") || footer.contains(c.name + " ("), "\(c.name)") }
    #expect(footer.hasPrefix("… \(12 - shown.count) more columns: "))
    #expect(footer.contains("or --format csv shows them)"))
    #expect(!footer.contains("…,") && footer.filter { $0 == "…" }.count == 1)
}

@Test func markdownEscapesPipesAndRightAlignsNumbers() {
    let f = Frame(columns: [Column(name: "a", .text(Categorical(["x|y", "z"]))), Column(name: "n", .number([1, 2000]))])
    #expect(renderTable(f, RenderOptions(mode: .markdown)) == """
    | a | n |
    |---|---:|
    | x\\|y | 1 |
    | z | 2,000 |
    """)
}

@Test func csvIsRFC4180WithEveryRow() {
    let f = Frame(columns: [Column(name: "a", .text(Categorical(["x,y", "q\"r", "multi\nline"]))), Column(name: "n", .number([1.5, 2000, .nan]))])
    #expect(renderTable(f, RenderOptions(mode: .csv, maxRows: 1)) == "a,n\n\"x,y\",1.5\n\"q\"\"r\",2000\n\"multi\nline\",")
}

@Test func frenchCSVWritesWhatFrenchExcelOpens() {
    let f = Frame(columns: [Column(name: "projet", .text(Categorical(["A; B"]))), Column(name: "cout", .number([53.02]))])
    #expect(CSVWriter.text(f, separator: ";", decimal: ",") == "projet;cout\r\n\"A; B\";53,02\r\n")
}

@Test func `a French CSV starts with a UTF-8 byte order mark so that Excel reads its accents`() throws {
    let f = Frame(columns: [Column(name: "ministère", .text(Categorical(["Économie"]))), Column(name: "coût", .number([1.5]))])
    let french = try FrameWriter.data(f, .csv, separator: ";", decimal: ",")
    #expect(Array(french.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(String(decoding: french.dropFirst(3), as: UTF8.self) == "ministère;coût\r\nÉconomie;1,5\r\n")
    #expect(try FrameWriter.data(f, .csv).first == UInt8(ascii: "m"))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-bom-\(UInt32.random(in: 0...UInt32.max)).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try FrameWriter.write(f, to: path, separator: ";", decimal: ",")
    let back = try DataReader.load(path: path).frame
    #expect(back.columns.map(\.label) == ["ministère", "coût"])
    #expect(back.column("cout")?.data.numbers == [1.5])
}

@Test func savedCSVReadsBackTheSameFrame() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-roundtrip-\(UInt32.random(in: 0...UInt32.max)).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try FrameWriter.write(tableSample, to: path, separator: ";", decimal: ",")
    let back = try DataReader.load(path: path).frame
    #expect(back.columns.map(\.label) == ["projet", "Coût", "inter", "debut"])
    #expect(back.column("cout")?.data.numbers?.first == 1_234_567.5)
    #expect(back.column("inter")?.data.typeName == "bool")
    #expect(back.column("debut")?.data.typeName == "date")
    #expect(back.rowCount == 3)
}

@Test func emptyFramesRender() {
    #expect(renderTable(Frame(), RenderOptions()) == "(a frame with no columns)")
    let none = Frame(columns: [Column(name: "a", .number([]))])
    #expect(renderTable(none, RenderOptions()) == "┌───┐\n│ a │\n├───┤\n└───┘\n(0 rows)")
}
