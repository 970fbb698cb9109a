import Testing
import PanoramaKit
@testable import PanoramaShell

/// `table(x)` names its first column after a frame's column, otherwise `value`.
@Test(arguments: [
    ("table(d.phase)", "phase"),
    ("table(d.x)", "x"),
    ("v = d.phase\ntable(v)", "phase"),
    ("table(ifelse(d.x > 1, \"big\", \"small\"))", "value"),
    ("v = ifelse(d.x > 1, \"big\", \"small\")\ntable(v)", "value"),
    ("table(d.x > 1)", "value"),
    ("table(round(d.x))", "value"),
    ("table([\"a\", \"b\", \"a\"])", "value"),
])
func theFrequencyTableIsLabelledByTheFramesColumnOrValue(_ code: String, _ label: String) {
    let t = run("d = frame(x=[1, 2, 2], phase=[\"Cadrage\", \"Terminé\", \"Cadrage\"])\n" + code)
    #expect(t.err.isEmpty)
    let header = t.out.last!.split(separator: "\n")[1]
    #expect(header.split(separator: "│").first!.trimmingCharacters(in: .whitespaces) == label, "\(code): \(header)")
}
