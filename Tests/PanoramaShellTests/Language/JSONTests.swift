import Testing
import PanoramaKit
@testable import PanoramaShell

@Suite struct JSONShapeTests {
    @Test(arguments: [
        ("3.5", "3.5"),
        ("7", "7"),
        ("0.1 + 0.2", "0.30000000000000004"),
        ("1 / 0", "null"),
        ("\"x\\ty\"", #""x\ty""#),
        ("true", "true"),
        ("na", "null"),
        ("[1, na, 4]", "[1, null, 4]"),
        ("[\"a\", na]", #"["a", null]"#),
        ("1e300 * 10", "1e+301"),
        ("-0.000001", "-1e-06"),
    ])
    func scalarsAndVectors(code: String, expected: String) {
        #expect(json(code) == expected)
    }

    @Test func framesAreColumnsAndCompleteRows() {
        let f = Frame(columns: [Column(name: "a", .number([1, 2])), Column(name: "b", .text(Categorical(["x", nil])))])
        #expect(f.json().text == #"{"columns": ["a", "b"], "rows": [[1, "x"], [2, null]]}"#)
    }

    @Test func datesPrintAtTheirPrecision() {
        let c = Column(name: "d", .date([Int32(CivilDate(year: 2024, month: 6).dayNumber)], .month))
        #expect(Display.json(.vector(c), RenderOptions()).text == #"["2024-06"]"#)
        let d = Column(name: "d", .date([Int32(CivilDate(year: 2024, month: 6, day: 30).dayNumber)], .day))
        #expect(Display.json(.vector(d), RenderOptions()).text == #"["2024-06-30"]"#)
    }

    @Test func eachDisplayedValueIsOneLine() {
        let t = run("[1, 2]\n\"a\nb\"\n3", mode: .json)
        #expect(t.out == ["[1, 2]", #""a\nb""#, "3"])
    }
}
