import Foundation
import Testing
@testable import PanoramaKit

/// `text(at:)` and `json(at:)` are the one cell formatter: every kind of cell, and `na` in each.
private let day = Int32(CivilDate(year: 2024, month: 6, day: 15).dayNumber)
private let sample = Frame(columns: [
    Column(name: "n", .number([1234.5, .nan])),
    Column(name: "s", .text(Categorical(["a,b", nil]))),
    Column(name: "b", .bool([1, -1])),
    Column(name: "d", .date([day, ColumnData.naDay], .month)),
])

@Test func eachKindOfCellReadsTheSameWherever() {
    #expect(sample.columns.map { $0.text(at: 0) } == ["1234.5", "a,b", "true", "2024-06"])
    #expect(sample.columns.map { $0.text(at: 0, numbers: NumberFormat()) } == ["1,234.5", "a,b", "true", "2024-06"])
    #expect(sample.columns.map { $0.json(at: 0).text } == ["1234.5", "\"a,b\"", "true", "\"2024-06\""])
}

@Test func naReadsAsNaInTextAndNullInJSONForEveryKind() {
    #expect(sample.columns.map { $0.text(at: 1) } == ["na", "na", "na", "na"])
    #expect(sample.columns.map { $0.json(at: 1).text } == ["null", "null", "null", "null"])
    // The table, describe's counts, CSV and frame JSON read cells through the formatter.
    #expect(renderTable(sample, RenderOptions()).contains("na"))
    #expect(sample.json().text.hasSuffix("[null, null, null, null]]}"))
    #expect(CSVWriter.text(sample).replacingOccurrences(of: "\r\n", with: "\n") == "n,s,b,d\n1234.5,\"a,b\",true,2024-06\n,,,\n")
}

@Test func infinityIsNullInJSONUnlessKept() {
    let c = Column(name: "x", .number([.infinity]))
    #expect(c.json(at: 0).text == "null")
    #expect(c.json(at: 0, keepingInfinity: true).text == "1e999")
}
