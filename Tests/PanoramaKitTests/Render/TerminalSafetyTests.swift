import Foundation
import Testing
@testable import PanoramaKit

/// Data shown in box and markdown tables cannot drive the terminal: control characters in
/// cells and column names print escaped; CSV and JSON keep the data as is.
struct TerminalSafetyTests {
    /// An OSC sequence that sets the window title, and one that clears the screen.
    static let title = "\u{1B}]0;pwned\u{07}"
    static let clear = "\u{1B}[2J"

    static var frame: Frame {
        Frame(columns: [
            Column(name: "x" + title, .text(Categorical(["a" + title, clear + "b"]))),
            Column(name: "n", .number([1, 2])),
        ])
    }

    @Test(arguments: [RenderOptions.Mode.box, .markdown])
    func boxAndMarkdownShowControlCharactersEscaped(mode: RenderOptions.Mode) {
        let text = renderTable(Self.frame, RenderOptions(mode: mode, width: 100))
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        #expect(text.contains("a\\e]0;pwned\\u{7}"))
        #expect(text.contains("x\\e]0;pwned\\u{7}"))
        #expect(text.contains("\\e[2Jb"))
    }

    @Test func chartTextShowsControlCharactersEscaped() {
        var grid = CellGrid(width: 30, height: 1)
        grid.write("t" + Self.title, row: 0, column: 0)
        #expect(grid.lines(color: false) == ["t\\e]0;pwned\\u{7}"])
    }

    @Test func csvAndJSONKeepTheBytes() {
        let csv = renderTable(Self.frame, RenderOptions(mode: .csv))
        #expect(csv.contains("a" + Self.title))
        #expect(csv.contains("x" + Self.title))
        let json = renderTable(Self.frame, RenderOptions(mode: .json))
        #expect(json.contains("a\\u001b]0;pwned\\u0007") || json.contains("a\\u001B]0;pwned\\u0007"))
    }

    @Test func escapingKeepsPrintableUnicodeAndNamesEachControl() {
        #expect("Coût € 日本 😀 👩‍💻".controlsEscaped == "Coût € 日本 😀 👩‍💻")
        #expect("a\nb\tc\r\u{1B}\u{07}\u{7F}\u{9B}".controlsEscaped == "a\\nb\\tc\\r\\e\\u{7}\\u{7F}\\u{9B}")
        #expect(DataError(file: "f.csv", "bad \u{1B}]52;c;x\u{07}").message == "f.csv: bad \\e]52;c;x\\u{7}")
    }

    @Test func widthIsClampedWithANote() {
        #expect(RenderOptions.clampedWidth(Int.max, from: "COLUMNS") ==
                (1000, "COLUMNS 9223372036854775807 is outside 20…1000 columns; using 1000"))
        #expect(RenderOptions.clampedWidth(5, from: ".width").width == 20)
        #expect(RenderOptions.clampedWidth(120, from: ".width") == (120, nil))
    }

    @Test func aCancelledLoadStopsWithCancelled() throws {
        var options = ReadOptions()
        options.isCancelled = { true }
        #expect(throws: Cancelled.self) { try CSVReader.read(text: "a,b\n1,2\n", options: options) }
        #expect(try CSVReader.read(text: "a,b\n1,2\n").rowCount == 1)
    }

    @Test func theTokenizerPollsWhileItScansALargeFile() throws {
        func tokenize(rows: Int) throws {
            var tokenizer = CSVTokenizer(buffer: ByteBuffer(Array(("a,b\n" + String(repeating: "1,2\n", count: rows)).utf8)),
                                         separator: UInt8(ascii: ","), name: "t.csv", strict: true)
            tokenizer.isCancelled = { true }
            var notes: [String] = []
            _ = try tokenizer.tokenize(from: 0, line: 1, notes: &notes)
        }
        // Every 65,536 records: a long scan stops midway; a short one has no poll.
        #expect(throws: Cancelled.self) { try tokenize(rows: 70_000) }
        try tokenize(rows: 100)
    }
}
