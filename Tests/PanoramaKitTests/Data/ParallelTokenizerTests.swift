import Foundation
import Testing
@testable import PanoramaKit

/// The parallel tokenizer (`CSVTokenizer.scanInParallel`) must give what one sequential scan
/// gives, for any bytes: the same frame (types, values, column names), the same notes, or the
/// same error. Large files take the parallel path; here the threshold is lowered to 0 and the
/// part count varied so that small inputs are cut in many places.

/// The frame as canonical text (names, CSV of the values, notes), or the error message.
private func outcome(_ text: [UInt8], split: (bytes: Int, parts: Int), strict: Bool = true) -> String {
    var options = ReadOptions()
    options.strict = strict
    do {
        let frame = try CSVReader.read(buffer: ByteBuffer(text), name: "t.csv", options: options, split: split)
        return frame.columns.map { "\($0.name):\($0.data.typeName)" }.joined(separator: "|") + "\n"
            + CSVWriter.text(frame) + "\nnotes: " + frame.notes.joined(separator: "; ")
    } catch {
        return "error: " + ((error as? DataError)?.message ?? "\(error)")
    }
}

private let sequential = (bytes: Int.max, parts: 1)

/// A seeded generator of CSV-like text: words, numbers, quoted cells holding separators,
/// newlines (LF, CRLF, CR) and doubled quotes, empty and ragged records, text after a closing
/// quote, and stray quotes inside unquoted cells.
private struct CSVFuzz {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }

    mutating func cell() -> String {
        switch next(12) {
        case 0: return ""
        case 1, 2: return String(next(100_000))
        case 3: return "\(next(1000)),\(next(100))"
        case 4: return ["Cadrage", "Déploiement", "Terminé", "Oui", "Non"][next(5)]
        case 5: return "\"a;b\nc\""
        case 6: return "\"say \"\"hi\"\" ; ok\""
        case 7: return "\"x\r\ny\""
        case 8: return "\"q\"tail"
        case 9: return "5\" disk"
        case 10: return "\"\""
        default: return "w\(next(50))"
        }
    }

    mutating func file(rows: Int) -> [UInt8] {
        let width = 3
        var out = "a;b;c\n"
        for _ in 0..<rows {
            let fields = next(10) == 0 ? width + next(3) - 1 : width
            let breaks = ["\n", "\n", "\n", "\r\n", "\r"]
            if next(25) == 0 { out += breaks[next(breaks.count)]; continue }
            out += (0..<max(1, fields)).map { _ in cell() }.joined(separator: ";") + breaks[next(breaks.count)]
        }
        return Array(out.utf8)
    }
}

@Test(arguments: 0..<40)
func parallelTokenizingMatchesOneSequentialScan(seed: Int) {
    var fuzz = CSVFuzz(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
    let text = fuzz.file(rows: 30 + seed * 7)
    for strict in [true, false] {
        let expected = outcome(text, split: sequential, strict: strict)
        for parts in [2, 3, 5, 8] {
            #expect(outcome(text, split: (0, parts), strict: strict) == expected, "seed \(seed), \(parts) parts, strict \(strict)")
        }
    }
}

@Test func aCutInsideAQuotedCellFallsBackToTheConfirmedRecordStart() {
    // Every record's name spans three lines: most cut points land inside a quoted cell.
    var text = "id;name;cost\n"
    for i in 0..<200 { text += "\(i);\"line one\nline \"\"two\"\"\nline three\";\(i),5\n" }
    let bytes = Array(text.utf8)
    let expected = outcome(bytes, split: sequential)
    #expect(expected.hasPrefix("id:number|name:text|cost:number"))
    for parts in 2...6 { #expect(outcome(bytes, split: (0, parts)) == expected) }
}

@Test func errorsInALaterPartNameTheirLine() {
    var text = "a,b\n"
    for i in 0..<300 { text += "\(i),x\n" }
    text += "1,2,3\n"   // line 302: one field too many
    for i in 0..<300 { text += "\(i),y\n" }
    let bytes = Array(text.utf8)
    #expect(outcome(bytes, split: sequential) == "error: t.csv:302:3: row has 3 fields but the header has 2")
    for parts in 2...4 { #expect(outcome(bytes, split: (0, parts)) == "error: t.csv:302:3: row has 3 fields but the header has 2") }
}

@Test func anUnclosedQuoteInALaterPartIsNotedFromItsLine() {
    var text = "a,b\n"
    for i in 0..<300 { text += "\(i),x\n" }
    text += "1,\"never closed\n"
    for i in 0..<50 { text += "\(i),y\n" }
    let bytes = Array(text.utf8)
    let expected = outcome(bytes, split: sequential, strict: false)
    #expect(expected.contains("a quote opened on line 302 is never closed"))
    for parts in 2...4 { #expect(outcome(bytes, split: (0, parts), strict: false) == expected) }
}

@Test func lineNumbersContinueAcrossParts() throws {
    // A ragged row near the end in lenient mode is kept; a forced type then reports the line
    // of a bad cell in the last part.
    var text = "n\n"
    for i in 0..<500 { text += "\(i)\n" }
    text += "oops\n"
    var options = ReadOptions()
    options.types = ["n": .number]
    for parts in [1, 2, 3] {
        #expect(throws: DataError(file: "t.csv", line: 502, column: 1, "cannot read 'oops' as a number in column 'n'")) {
            try CSVReader.read(buffer: ByteBuffer(Array(text.utf8)), name: "t.csv", options: options,
                               split: parts == 1 ? sequential : (0, parts))
        }
    }
}

@Test func anUnclosedQuoteInTheFirstPartIsStillUnescaped() {
    // The quote opens on line 3 and runs to the end of the file, past every cut; the cell's
    // doubled quotes must still become single ones (found by the fuzz target).
    var text = "a,b\n1,2\n\"open \"\"quoted\"\" text\n"
    for i in 0..<200 { text += "\(i),\"\"x\"\"\n" }
    let bytes = Array(text.utf8)
    let expected = outcome(bytes, split: sequential, strict: false)
    #expect(expected.contains("a quote opened on line 3 is never closed"))
    for parts in 2...5 { #expect(outcome(bytes, split: (0, parts), strict: false) == expected) }
}
