import Testing
@testable import PanoramaKit

/// A number column's `display` sets how tables print it, and only tables.
private func sample() -> Frame {
    var share = Column(name: "share", .number([0.636364, 1, .nan]))
    share.display = .percent(decimals: 0)
    var error = Column(name: "error", .number([347.818, 1112.19, 2.4]))
    error.display = .decimals(0)
    var ratio = Column(name: "ratio", .number([1.43811, 3.90091, 12]))
    ratio.display = .decimals(2)
    return Frame(columns: [share, error, ratio])
}

@Test func aColumnsDisplayFixesItsDecimalsOrShowsPercentInBoxAndMarkdown() {
    let box = renderTable(sample(), RenderOptions())
    #expect(box.contains("│  64 % │   348 │  1.44 │"), "\(box)")
    #expect(box.contains("│ 100 % │ 1,112 │  3.90 │"), "\(box)")
    #expect(box.contains("│    na │     2 │ 12.00 │"), "\(box)")
    let markdown = renderTable(sample(), RenderOptions(mode: .markdown))
    #expect(markdown.contains("| 64 % | 348 | 1.44 |"), "\(markdown)")
}

@Test func aColumnsDisplayLeavesCSVAndJSONAndIsKeptByRowsAndSelection() {
    let csv = renderTable(sample(), RenderOptions(mode: .csv))
    #expect(csv.contains("0.636364,347.818,1.43811"), "\(csv)")
    #expect(sample().json().text.contains("0.636364"))
    let kept = sample().rows([1]).selecting([2, 0])
    #expect(kept.columns.map(\.display) == [.decimals(2), .percent(decimals: 0)])
}
