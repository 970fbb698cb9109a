import Testing
@testable import PanoramaKit

/// Bad input: each case with its exact message (strict, the default).
@Test(arguments: [
    ("ragged row, too many fields", "a,b\n1,2\n1,2,3\n", ReadOptions(), "data.csv:3:3: row has 3 fields but the header has 2"),
    ("ragged row, too few fields", "a,b,c\n1,2,3\n4,5\n", ReadOptions(), "data.csv:3:3: row has 2 fields but the header has 3"),
    ("ragged row after a multi-line cell", "a,b\n\"x\ny\",1\n1,2,3\n", ReadOptions(), "data.csv:4:3: row has 3 fields but the header has 2"),
    ("unclosed quote", "a,b\n1,\"open\n2,3\n", ReadOptions(), "data.csv:2:2: a quote opens this field and is never closed"),
    ("value fitting no type in a typed column", "a,b\n1,2\nx,3\n", ReadOptions(types: ["a": .number]), "data.csv:3:1: cannot read 'x' as a number in column 'a'"),
    ("date column with a non-date", "d\n2024-06\nsoon\n", ReadOptions(types: ["d": .date]), "data.csv:3:1: cannot read 'soon' as a date in column 'd'"),
    ("bool column with a non-bool", "ok;n\nOui;1\nPeut-être;2\n", ReadOptions(types: ["ok": .bool]), "data.csv:3:1: cannot read 'Peut-être' as a bool in column 'ok'"),
    ("empty file", "", ReadOptions(), "data.csv:1:1: the file is empty"),
    ("file of blank lines", "\n\r\n\n", ReadOptions(), "data.csv:1:1: the file is empty"),
    // It said "the file is empty" of a file with lines in it.
    ("skip= past the end", "a,b\n1,2\n3,4\n", ReadOptions(skip: 5), "data.csv:4:1: nothing is left after skip=5: the file has no header line past it"),
    ("types= naming no column", "a,b\n1,2\n", ReadOptions(types: ["c": .number]), "data.csv: types= names 'c', which is not a column. Did you mean 'a'?"),
] as [(String, String, ReadOptions, String)])
func malformedInputIsAnErrorNamingFileLineAndColumn(_ name: String, _ text: String, _ options: ReadOptions, _ message: String) {
    #expect(throws: DataError.self, "\(name)") { try CSVReader.read(text: text, options: options) }
    do {
        _ = try CSVReader.read(text: text, options: options)
    } catch let e as DataError {
        #expect(e.message == message, "\(name)")
    } catch {
        Issue.record("\(name): \(error)")
    }
}

@Test func bytesThatAreNotUTF8AreAnErrorWhenUTF8WasAskedFor() {
    let bytes: [UInt8] = Array("a,b\n1,caf".utf8) + [0xE9] + [0x0A]
    #expect(throws: DataError(file: "data.csv", line: 2, column: 2,
                              "byte 0xE9 is not utf-8; the file may be windows-1252 (try encoding=\"windows-1252\")")) {
        try CSVReader.read(bytes: bytes, options: ReadOptions(encoding: .utf8))
    }
}

@Test func missingFileAndDirectoryAreNamed() {
    #expect(throws: DataError(file: "/nonexistent/x.csv", "no such file")) {
        try DataReader.load(path: "/nonexistent/x.csv")
    }
    #expect(throws: DataError(file: "/tmp", "is a directory, not a data file")) {
        try DataReader.load(path: "/tmp")
    }
}

@Test func aZipThatIsNotAWorkbookIsNamed() {
    #expect(throws: DataError.self) { try XLSXReader.read(bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0], name: "x.xlsx", options: ReadOptions()) }
}

// MARK: strict=false

let lenientOptions = ReadOptions(strict: false)

@Test func lenientRaggedRowsArePaddedOrCutWithNotes() throws {
    let f = try CSVReader.read(text: "a,b,c\n1,2,3\n4,5\n6,7,8,9\n", options: lenientOptions)
    #expect(f.rowCount == 3)
    #expect(f.column("c")?.data.numbers?.map { $0.isNaN ? -1 : $0 } == [3, -1, 8])
    #expect(f.notes == ["1 row has fewer fields than the header; the missing cells are na",
                        "1 row has more fields than the header; the extra cells were dropped"])
}

@Test func lenientTypedColumnReadsBadCellsAsNa() throws {
    var options = lenientOptions
    options.types = ["a": .number]
    let f = try CSVReader.read(text: "a\n1\nx\ny\n4\n", options: options)
    #expect(f.column("a")?.data.numbers?.map { $0.isNaN ? -1 : $0 } == [1, -1, -1, 4])
    #expect(f.notes == ["column 'a': 2 cells are not a number and read as na (first: 'x' on line 3)"])
}

@Test func lenientUnclosedQuoteKeepsTheRestAsOneCell() throws {
    let f = try CSVReader.read(text: "a,b\n1,\"open\n2,3\n", options: lenientOptions)
    #expect(f.rowCount == 1)
    #expect(textCells(f, "b") == ["open\n2,3\n"])
    #expect(f.notes == ["a quote opened on line 2 is never closed; the rest of the file is that one cell"])
}

@Test func lenientDuplicateHeadersAreRenamed() throws {
    let f = try CSVReader.read(text: "a,b,a\n1,2,3\n", options: lenientOptions)
    #expect(f.columns.map(\.label) == ["a", "b", "a 2"])
    #expect(f.names == ["a", "b", "a_2"])
    #expect(f.notes == ["column 3 repeats the name 'a'; it is called 'a 2'"])
}

@Test func lenientUTF8ReplacesBadBytes() throws {
    var options = lenientOptions
    options.encoding = .utf8
    let bytes: [UInt8] = Array("a\ncaf".utf8) + [0xE9] + [0x0A]
    let f = try CSVReader.read(bytes: bytes, options: options)
    #expect(textCells(f, "a") == ["caf\u{FFFD}"])
    #expect(f.notes == ["data.csv has bytes that are not utf-8; they read as '\u{FFFD}'"])
}
