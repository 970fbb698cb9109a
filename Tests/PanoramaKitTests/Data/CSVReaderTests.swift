import Foundation
import Testing
@testable import PanoramaKit

func readCSV(_ text: String, _ options: ReadOptions = ReadOptions()) throws -> Frame {
    try CSVReader.read(text: text, options: options)
}

func textCells(_ frame: Frame, _ column: String) -> [String?] {
    guard case .text(let t)? = frame.column(column)?.data else { return [] }
    return t.strings
}

@Test func quotedCellsKeepSeparatorsNewlinesAndDoubledQuotes() throws {
    let f = try readCSV("name,n\r\n\"a, \"\"b\"\"\",1\r\n\"multi\nline\",2\r\n")
    #expect(textCells(f, "name") == ["a, \"b\"", "multi\nline"])
    #expect(f.column("n")?.data.numbers == [1, 2])
}

@Test(arguments: ["a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r", "a,b\n1,2\n3,4", "\u{FEFF}a,b\n1,2\n3,4\n"])
func lineEndingsAndByteOrderMark(_ text: String) throws {
    let f = try readCSV(text)
    #expect(f.names == ["a", "b"])
    #expect(f.column("b")?.data.numbers == [2, 4])
}

@Test func windows1252BytesAreReadWithANote() throws {
    let bytes: [UInt8] = Array("projet;co".utf8) + [0xFB] + Array("t\nCaf".utf8) + [0xE9] + Array(";3 ".utf8) + [0x80] + [0x0A]
    let f = try CSVReader.read(bytes: bytes)
    #expect(f.columns.map(\.label) == ["projet", "coût"])
    #expect(textCells(f, "projet") == ["Café"])
    #expect(f.column("cout")?.data.numbers == [3])
    #expect(f.column("cout")?.unit == "€")
    #expect(f.notes == ["data.csv is not utf-8; read as windows-1252 (say encoding= to choose)"])
}

@Test(arguments: [("a;b\n1,5;2\n", 1.5), ("a\tb\n1.5\t2\n", 1.5), ("a|b\n1.5|2\n", 1.5), ("a,b\n1.5,2\n", 1.5)])
func separatorIsSniffed(_ text: String, _ first: Double) throws {
    let f = try readCSV(text)
    #expect(f.columnCount == 2)
    #expect(f.column("a")?.data.numbers == [first])
}

@Test func semicolonFilesDefaultToDecimalCommaAndCommaFilesDecidePerColumn() throws {
    #expect(try readCSV("x;y\n1,234;2\n").column("x")?.data.numbers == [1.234])
    #expect(try readCSV("x;y\n1,234;2\n", ReadOptions(decimal: 0x2E)).column("x")?.data.numbers == [1234])
    #expect(try readCSV("x,y\n\"53,02\",1\n\"4,5\",2\n").column("x")?.data.numbers == [53.02, 4.5])
}

@Test func frenchBenchmarkRowReadsIntoTypedColumns() throws {
    let f = try readCSV("id;projet;ministere;debut;cout;inter\n1;\"Projet ; \"\"Alpha\"\"\";Ministère de l'Intérieur;juillet 2013;1 234,56;Oui\n")
    #expect(textCells(f, "projet") == ["Projet ; \"Alpha\""])
    #expect(f.column("cout")?.data.numbers == [1234.56])
    guard case .date(let d, .month)? = f.column("debut")?.data, case .bool(let b)? = f.column("inter")?.data else {
        Issue.record("types"); return
    }
    #expect(CivilDate(dayNumber: Int(d[0])) == CivilDate(year: 2013, month: 7))
    #expect(b == [1])
}

@Test func aFewRepeatedWordsInANumericColumnBecomeNaWithANote() throws {
    let f = try readCSV("cost\n12\nEn cadrage\n7,5\nEn cadrage\nNC\n3\n4\n", ReadOptions(separator: 0x3B))
    #expect(f.column("cost")?.data.numbers?.map { $0.isNaN ? -1 : $0 } == [12, -1, 7.5, -1, -1, 3, 4])
    #expect(f.notes == ["column 'cost' is numeric: 2 cells 'En cadrage', 1 cell 'NC' read as na"])
}

@Test func wordsOutnumberingNumbersMakeText() throws {
    let f = try readCSV("v\n1\nabc\nabc\n")
    #expect(f.column("v")?.data.typeName == "text")
}

@Test func missingMarkersAndExtraNa() throws {
    let f = try readCSV("x,y\nNA,a\nN/A,b\nn/a,c\n-,d\nNone,e\n,f\n?,g\n4,h\n", ReadOptions(missing: ["?"]))
    #expect(f.column("x")?.data.numbers?.filter { !$0.isNaN } == [4])
    #expect(f.column("x")?.data.numbers?.count == 8)
    #expect(f.notes.isEmpty)
}

@Test func typesOverrideInference() throws {
    let f = try readCSV("code,when\n01000,2024-06\n75001,2024-07\n", ReadOptions(types: ["code": .text, "when": .text]))
    #expect(textCells(f, "code") == ["01000", "75001"])
    #expect(textCells(f, "when") == ["2024-06", "2024-07"])
}

@Test func skipDropsLinesBeforeTheHeader() throws {
    let f = try readCSV("Panorama export\nsecond line, with a comma\na,b\n1,2\n", ReadOptions(skip: 2))
    #expect(f.names == ["a", "b"])
    #expect(f.rowCount == 1)
}

@Test func emptyRecordsAndTrailingEmptyFieldsAreDroppedWithNotes() throws {
    let f = try readCSV("a,b,,\n1,2,,\n,,,\n3,4,,\n,,,\n")
    #expect(f.names == ["a", "b"])
    #expect(f.rowCount == 2)
    #expect(f.notes == ["dropped 2 empty records", "dropped 2 empty unnamed columns at the end"])
    let g = try readCSV("a,b\n1,2,\n3,4\n")
    #expect(g.notes == ["ignored empty fields after the last column in 1 row"])
}

@Test func headerOnlyFileIsAFrameWithNoRows() throws {
    let f = try readCSV("a,b,c\n")
    #expect(f.rowCount == 0)
    #expect(f.columnCount == 3)
}

@Test func identifiersThatCollideGetSuffixes() throws {
    let f = try readCSV("Coût,cout,COUT\n1,2,3\n")
    #expect(f.names == ["cout", "cout_2", "cout_3"])
    #expect(f.columns.map(\.label) == ["Coût", "cout", "COUT"])
}

@Test func unnamedColumnWithValuesGetsALabel() throws {
    let f = try readCSV("a,,c\n1,2,3\n")
    #expect(f.columns.map(\.label) == ["a", "column 2", "c"])
    #expect(f.names == ["a", "column_2", "c"])
}

@Test func singleColumnFileAndLongRows() throws {
    #expect(try readCSV("x\n1\n2\n").column("x")?.data.numbers == [1, 2])
    let header = (1...300).map { "c\($0)" }.joined(separator: ",")
    let row = (1...300).map(String.init).joined(separator: ",")
    #expect(try readCSV(header + "\n" + row + "\n").columnCount == 300)
}

@Test func manyRowsReserveAndParseCorrectly() throws {
    var text = "id;nom;montant;mois\n"
    for i in 0..<5_000 { text += "\(i);\"N° \(i % 37); \"\"q\"\"\";\(i),5;\(["janvier", "mai", "août"][i % 3]) 20\(10 + i % 10)\n" }
    let f = try readCSV(text)
    #expect(f.rowCount == 5_000)
    #expect(f.column("montant")?.data.numbers?[4_999] == 4999.5)
    guard case .text(let t)? = f.column("nom")?.data else { Issue.record("nom is text"); return }
    #expect(t.levels.count == 37)
    #expect(f.column("mois")?.data.typeName == "date")
}

@Test func datasetLocatorFindsNamesInTheEnvironmentFolder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-datasets-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "a\n1\n".write(to: folder.appendingPathComponent("demo.csv"), atomically: true, encoding: .utf8)
    let folders = DatasetLocator.folders(environment: ["PANORAMA_DATASETS": folder.path], executable: nil)
    #expect(folders == [folder.standardizedFileURL.path])
    #expect(DatasetLocator.path(for: "demo", in: folders) == folders[0] + "/demo.csv")
    #expect(DatasetLocator.available(in: folders).map(\.name) == ["demo"])
    #expect(DatasetLocator.path(for: "nothing", in: folders) == nil)
}

/// Found by the fuzz target: a month name followed by a hundred digits overflowed the year.
@Test func monthNameWithAHugeYearIsNotADate() throws {
    #expect(ValueParsing.date("avril " + String(repeating: "7", count: 100) + "15") == nil)
    let f = try readCSV("d\navril 15\navril 77777777777777777777777777777777777777777715\n")
    #expect(f.column("d")?.data.typeName == "text")
}
