import Foundation
import Testing
@testable import PanoramaKit

/// A workbook built in memory from a sheet's `<sheetData>` rows (and optionally shared strings).
func workbook(rows: String, shared: [String]? = nil, compressed: Bool = false) throws -> [UInt8] {
    var parts = [
        ("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet><sheetData>\(rows)</sheetData></worksheet>"),
    ]
    if let shared {
        parts.append(("xl/sharedStrings.xml", "<sst>" + shared.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"))
    }
    return try ZIPParts.archive(parts.map { (path: $0.0, bytes: Array($0.1.utf8)) }, compressed: compressed)
}

func readWorkbook(_ bytes: [UInt8]) throws -> Frame {
    try XLSXReader.read(bytes: bytes, name: "book.xlsx", options: ReadOptions())
}

func xlsxError(_ bytes: [UInt8]) -> String? {
    do { _ = try readWorkbook(bytes); return nil } catch { return (error as? UserFacingError)?.message ?? "\(error)" }
}

@Test func aRowNumberBeyondExcelsLastRowIsAnErrorNamingIt() throws {
    let book = try workbook(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="3000000000"><c><v>1</v></c></row>"#)
    #expect(xlsxError(book) == "book.xlsx: sheet1.xml row 3000000000: not a row number from 1 to 1048576 (Excel's last row)")
}

@Test func aColumnBeyondXFDIsAnErrorNamingTheCell() throws {
    let book = try workbook(rows: #"<row r="1"><c r="XFE1"><v>1</v></c></row>"#)
    #expect(xlsxError(book) == "book.xlsx: sheet1.xml cell XFE1: not a cell reference within A1:XFD1048576")
}

@Test func aSharedStringIndexOutOfRangeNamesTheCellAndTheCount() throws {
    let book = try workbook(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="7"><c r="A7"><v>1</v></c><c r="B7" t="s"><v>912</v></c></row>"#,
                            shared: ["a", "b"])
    #expect(xlsxError(book) == "book.xlsx: sheet1.xml cell B7: shared string 912 does not exist (the workbook has 2)")
}

@Test func aSharedStringCellWithoutTheSharedStringsPartIsAnError() throws {
    let book = try workbook(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)
    #expect(xlsxError(book) == "book.xlsx: sheet1.xml cell A1: shared string 0 does not exist (the workbook has no shared strings part)")
}

@Test func malformedSheetXMLSaysWhereByByteAndLine() throws {
    let book = try workbook(rows: "<row r=\"1\"><c r=\"A1\"><v>1</v></c>\n<row r=\"2\"><c r=\"A2\"><v>2</c></row>")
    let message = try #require(xlsxError(book))
    #expect(message.hasPrefix("book.xlsx: sheet1.xml is not valid xml at byte 102 (line 2): </c> closes <v>"), "\(message)")
}

@Test func inlineRichAndEscapedTextIsReadWithoutPhoneticRuns() throws {
    let book = try workbook(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>"#
                            + #"<row r="2"><c r="A2" t="inlineStr"><is><r><t>Caf</t></r><r><t>&#233; &amp; co</t></r><rPh><t>kana</t></rPh></is></c></row>"#
                            + #"<row r="3"><c r="A3" t="s"><v>0</v></c></row>"#, shared: ["&lt;x&gt;"])
    let frame = try readWorkbook(book)
    guard case .text(let names)? = frame.column("name")?.data else { Issue.record("name is not text"); return }
    #expect(names.codes.map { names.levels[Int($0)] } == ["Café & co", "<x>"])
}

@Test func aSheetOverTenMegabytesIsReadInFull() throws {
    let rows = (1...95_000).map { #"<row r="\#($0 + 1)"><c r="A\#($0 + 1)"><v>\#($0)</v></c><c r="B\#($0 + 1)" t="inlineStr"><is><t>project number \#($0)</t></is></c></row>"# }
    let book = try workbook(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c><c r="B1" t="inlineStr"><is><t>label</t></is></c></row>"#
                            + rows.joined(), compressed: true)
    let frame = try readWorkbook(book)
    #expect(frame.rowCount == 95_000)
    let total: Double = frame.column("n")?.data.numbers?.reduce(0, +) ?? 0
    #expect(total == 4_512_547_500)
}

@Test func aPartThatUnpacksBeyondTheMemoryBoundIsRefused() throws {
    // 4 MB of zeros in a cell compress to a few KB: with 4 MB of memory available it is refused.
    let book = try workbook(rows: "<row r=\"1\"><c r=\"A1\"><v>" + String(repeating: "0", count: 4_000_000) + "</v></c></row>",
                            compressed: true)
    #expect(book.count < 100_000)
    let message = MemoryBudget.$injected.withValue(MemoryBudget(available: 4_000_000)) { xlsxError(book) }
    #expect(message == "book.xlsx: the workbook part 'xl/worksheets/sheet1.xml' unpacks to more than 750 KB, more than the memory available allows")
}

@Test func aSparseSheetTooWideForMemoryIsRefused() throws {
    let book = try workbook(rows: (1...200).map { #"<row r="\#($0)"><c r="XFD\#($0)"><v>1</v></c></row>"# }.joined())
    let message = MemoryBudget.$injected.withValue(MemoryBudget(available: 100_000_000)) { xlsxError(book) }
    #expect(message?.hasPrefix("the sheet's 200 rows × 16384 columns would take 157 MB of memory but about 75.0 MB is available") == true, "\(message ?? "")")
}

@Test func aWorkbookWithADamagedCentralDirectoryIsAnErrorNotATrap() throws {
    // Found by fuzz/FuzzXLSX.swift: ZIPFoundation's in-memory archive trapped on it.
    let url = try #require(Bundle.module.url(forResource: "fuzz-damaged-central-directory", withExtension: "xlsx",
                                             subdirectory: "Fixtures/xlsx"))
    let message = xlsxError([UInt8](try Data(contentsOf: url)))
    #expect(message == "book.xlsx: is not an xlsx workbook (not a zip archive)")
}

@Test func aDamagedDeflatedPartIsNamed() throws {
    var book = try workbook(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#, compressed: true)
    // Flip bytes in the middle of the sheet part's compressed data: its CRC or inflate fails.
    let sheet = try #require(try ZIPParts(book, file: "book.xlsx").entries["xl/worksheets/sheet1.xml"])
    for i in sheet.dataOffset..<sheet.dataOffset + sheet.compressedSize { book[i] ^= 0x5A }
    let message = try #require(xlsxError(book))
    #expect(message.hasPrefix("book.xlsx: the workbook part 'xl/worksheets/sheet1.xml' is damaged ("), "\(message)")
}

@Test func aTruncatedDeflatedPartIsAnErrorNotAnEndlessLoop() throws {
    // Found by fuzz/FuzzXLSX.swift: inflate kept asking for input past the part's end.
    let url = try #require(Bundle.module.url(forResource: "fuzz-truncated-deflate", withExtension: "xlsx",
                                             subdirectory: "Fixtures/xlsx"))
    let message = try #require(xlsxError([UInt8](try Data(contentsOf: url))))
    #expect(message.contains("is damaged"), "\(message)")
}
