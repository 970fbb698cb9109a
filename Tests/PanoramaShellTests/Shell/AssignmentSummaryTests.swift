import Testing
@testable import PanoramaShell
import PanoramaKit

/// The line the prompt prints after `name = frame`: it names the first columns that fit the
/// terminal, counting characters as the terminal shows them.
private func assignedLine(_ code: String, width: Int) -> String {
    var out: [String] = []
    let session = Session(options: RenderOptions(width: width), output: { out.append($0) }, diagnostics: { _ in })
    session.interactive = true
    session.run(code)
    return out.last ?? ""
}

@Test(arguments: [80, 100])
func theSummaryOfAnAssignedFrameFitsTheTerminal(_ width: Int) {
    let line = assignedLine("s = load(\"panorama_series\")", width: width)
    #expect(line.hasPrefix("s: frame 20 rows × 21 columns: edition, "), "\(line)")
    #expect(line.hasSuffix(", …"), "\(line)")
    #expect(line.count <= width, "\(line.count) characters at \(width): \(line)")
    #expect(line.count > width - 20, "room for more names was left: \(line)")
}

@Test func aColumnAssignmentsSummaryFitsTheTerminalToo() {
    let long = (1...6).map { "a_rather_long_column_name_\($0) = [1]" }.joined(separator: ", ")
    let line = assignedLine("d = frame(\(long))\nd.extra = [2]", width: 80)
    #expect(line == "d: frame 1 row × 7 columns: a_rather_long_column_name_1, …", "\(line)")
}

@Test(arguments: [(80, 2), (100, 3)])
func accentedColumnNamesCountAsTheTerminalShowsThem(_ width: Int, _ expected: Int) {
    // Precomposed and combining accents: each é is one column on the terminal, two or three bytes.
    let names = ["coût_estimé_initial", "coût_complet_estimé", "ministère_porteur", "durée_estimée_initiale",
                 "date_de_début", "e\u{301}tat_d'avancement", "numéro"]
    let frame = Frame(columns: names.map { Column(name: $0, .number([1])) })
    let line = Display.assigned("p", .frame(frame), RenderOptions(width: width))
    #expect(line.count <= width, "\(line.count) characters at \(width): \(line)")
    // Every name that fits is shown: one more would not fit with its `, …`.
    let shown = line.split(separator: ": ", maxSplits: 2).last.map { $0.components(separatedBy: ", ").filter { $0 != "…" }.count } ?? 0
    // At 100 columns the line is 93 characters but 101 bytes: counted in bytes, it would show 2.
    #expect(shown == expected, "\(line)")
    #expect(line.count + 2 + names[shown].count > width, "\(names[shown]) would have fitted: \(line)")
}

@Test func aFrameWhoseFirstNameCannotFitShowsOnlyAnEllipsis() {
    let frame = Frame(columns: [Column(name: String(repeating: "x", count: 90), .number([1])), Column(name: "y", .number([2]))])
    #expect(Display.assigned("d", .frame(frame), RenderOptions(width: 80)) == "d: frame 1 row × 2 columns: …")
    var ascii = RenderOptions(width: 80)
    ascii.charset = .ascii
    #expect(Display.assigned("d", .frame(frame), ascii) == "d: frame 1 row × 2 columns: ...")
}
