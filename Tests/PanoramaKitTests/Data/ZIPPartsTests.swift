import Deflate
import Foundation
import Testing
@testable import PanoramaKit

// The ZIP container of XLSX workbooks: `ZIPParts` reads parts through zlib (`RawDeflate`) and
// `ZIPParts.archive` writes them. Fixtures made by Python's zipfile come from
// Fixtures/xlsx/make_zip_fixtures.py.

private func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "xlsx", subdirectory: "Fixtures/xlsx"))
    return [UInt8](try Data(contentsOf: url))
}

/// Where the central directory record of `name` starts in `book`.
private func centralRecord(_ name: String, in book: [UInt8]) throws -> Int {
    let wanted = Array(name.utf8)
    var at = 0
    while at + 46 + wanted.count <= book.count {
        if book[at..<at + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]), book[at + 46..<at + 46 + wanted.count].elementsEqual(wanted) {
            return at
        }
        at += 1
    }
    Issue.record("no central directory record for \(name)")
    throw DataError(file: "test", "no central directory record")
}

/// A deflated one-sheet workbook with `patch` applied to the sheet's central directory record
/// (its offset given) and to the bytes as a whole.
private func patchedBook(_ patch: (inout [UInt8], _ central: Int, _ entry: ZIPParts.Entry) -> Void) throws -> [UInt8] {
    let rows = (1...300).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
    var book = try workbook(rows: rows, compressed: true)
    let sheet = "xl/worksheets/sheet1.xml"
    let entry = try #require(try ZIPParts(book, file: "book.xlsx").entries[sheet])
    patch(&book, try centralRecord(sheet, in: book), entry)
    return book
}

private func put32(_ value: Int, at offset: Int, in bytes: inout [UInt8]) {
    for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
}

private let sheetPart = "book.xlsx: the workbook part 'xl/worksheets/sheet1.xml'"

@Test func theInputThatCrashedZlibUnderTheFuzzerIsADamagedPartEveryTime() throws {
    // fuzz/findings/xlsx-inflate-segv.bin: a SEGV in zlib's inflate through ZIPFoundation's
    // streaming API after 443,344 runs. Read many times in one process, always the same error
    // (Python's zlib agrees: the sheet's stream stops 124 bytes short of its declared size, unfinished).
    let book = try fixture("fuzz-inflate-segv")
    for _ in 0..<50 {
        #expect(xlsxError(book) == "\(sheetPart) is damaged (its deflate stream is cut short)")
    }
}

@Test func aDeflateStreamCutShortIsNamedAsCutShort() throws {
    let book = try patchedBook { book, central, entry in put32(entry.compressedSize / 2, at: central + 20, in: &book) }
    #expect(xlsxError(book) == "\(sheetPart) is damaged (its deflate stream is cut short)")
}

@Test func anInvalidDeflateBlockIsNamedAsNotADeflateStream() throws {
    // 0b111: the last block, of the reserved block type 3.
    let book = try patchedBook { book, _, entry in book[entry.dataOffset] = 0x07 }
    #expect(xlsxError(book) == "\(sheetPart) is damaged (not a valid deflate stream)")
}

@Test func aWrongCRCIsAnError() throws {
    let book = try patchedBook { book, central, entry in put32(Int(entry.crc ^ 1), at: central + 16, in: &book) }
    #expect(xlsxError(book) == "\(sheetPart) is damaged (its CRC-32 does not match)")
}

@Test func aPartDeclaringMoreBytesThanItUnpacksToIsAnError() throws {
    var declared = 0
    let book = try patchedBook { book, central, entry in
        declared = entry.size + 10
        put32(declared, at: central + 24, in: &book)
    }
    #expect(xlsxError(book) == "\(sheetPart) is damaged (it unpacks to fewer than its declared \(declared) bytes)")
}

@Test func aZipBombDeclaringASmallSizeStopsAtThatSize() throws {
    // Python's zipfile deflated 3 MB of spaces to 3 KB; the headers declare 1,000 bytes.
    let book = try fixture("python-bomb")
    #expect(xlsxError(book)
            == "\(sheetPart) unpacks to more than its declared 1000 bytes (a damaged part or a zip bomb); unpacking stopped there")
}

@Test func aPartDeclaringMoreThanTheMemoryBoundIsRefusedBeforeUnpacking() throws {
    let book = try patchedBook { book, central, _ in put32(0xFFFF_FFF0, at: central + 24, in: &book) }
    let message = MemoryBudget.$injected.withValue(MemoryBudget(available: 4_000_000)) { xlsxError(book) }
    #expect(message == "\(sheetPart) unpacks to more than 750 KB, more than the memory available allows")
}

@Test(arguments: ["python-stored", "python-deflated"])
func workbooksStoredOrDeflatedByPythonsZipfileAreRead(name: String) throws {
    let frame = try readWorkbook(try fixture(name))
    #expect(frame.column("x")?.data.numbers == [1, 2, 3])
}

@Test func aStoredPartWhoseTwoSizesDifferIsAnError() throws {
    var book = try workbook(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#)
    let central = try centralRecord("xl/worksheets/sheet1.xml", in: book)
    let size = Int(book[central + 24]) | Int(book[central + 25]) << 8
    put32(size - 1, at: central + 20, in: &book)
    #expect(xlsxError(book) == "\(sheetPart) is damaged (its sizes differ but it is stored uncompressed)")
}

@Test func anUnknownCompressionMethodIsNamed() throws {
    var book = try workbook(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#, compressed: true)
    book[try centralRecord("xl/worksheets/sheet1.xml", in: book) + 10] = 12  // bzip2
    #expect(xlsxError(book) == "\(sheetPart) uses a compression method panorama does not read (12)")
}

@Test func anArchiveWrittenByPanoramaHasTheLayoutPythonsZipfileWrites() throws {
    // The same parts, stored, with the same DOS date: byte-for-byte what zipfile wrote
    // (zipfile's version fields aside: it writes "made by" 3.0 on Unix).
    let python = try fixture("python-stored")
    let parts = try ZIPParts(python, file: "python-stored.xlsx")
    let names = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"]
    let ours = try ZIPParts.archive(try names.map { (path: $0, bytes: try #require(try parts.part($0, bound: 1 << 20))) },
                                    compressed: false)
    #expect(ours.count == python.count)
    let reread = try ZIPParts(ours, file: "ours.xlsx")
    for name in names {
        #expect(try reread.part(name, bound: 1 << 20) == (try parts.part(name, bound: 1 << 20)))
        #expect(reread.entries[name]?.crc == parts.entries[name]?.crc)
    }
}

@Test func crc32HasTheStandardCheckValue() {
    #expect(RawDeflate.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(RawDeflate.crc32([UInt8]()) == 0)
}

@Test func deflatedBytesInflateBackAndAnEmptyInputToo() throws {
    let text = Array(String(repeating: "panorama ", count: 10_000).utf8)
    let packed = try RawDeflate.deflate(text)
    #expect(packed.count < text.count / 50)
    #expect(try RawDeflate.inflate(packed[...], size: text.count) == text)
    #expect(try RawDeflate.inflate(try RawDeflate.deflate([])[...], size: 0) == [])
    #expect(throws: DeflateError.longerThanDeclared) { try RawDeflate.inflate(packed[...], size: text.count - 1) }
    #expect(throws: DeflateError.truncated) { try RawDeflate.inflate(packed.dropLast(packed.count / 2), size: text.count) }
}
