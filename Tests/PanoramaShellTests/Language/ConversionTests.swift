import Testing
@testable import PanoramaShell

/// `as_number` and `as_text`, the conversions a script applies to its `args`.
@Suite struct ConversionTests {
    @Test(arguments: [
        ("as_number(\"1 234,5\")", "1,234.5"),
        ("as_number(\"3,5\")", "3.5"),
        ("as_number(\"1.234,5\")", "1,234.5"),
        ("as_number(\"1,234.5\")", "1,234.5"),
        ("as_number(\"1,234\")", "1,234"),
        ("as_number(\"1,234\", decimal_mark=\",\")", "1.234"),
        ("as_number([\"1 234,5\", \"2,25\", \"7\"])", "[1,234.5, 2.25, 7]"),
        ("as_number(\"12 M€\")", "12"),
        ("as_number([\"\", \"na\", \" 5 \"])", "[na, na, 5]"),
    ])
    func `as_number reads French and English numbers as load does`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.stdout == expected)
    }

    @Test func `text that is not a number becomes na with a note as in as_date`() {
        let t = run("as_number([\"13\", \"abc\", \"x\"])")
        #expect(t.outcome == .ok)
        #expect(t.stdout == "[13, na, na]")
        #expect(t.stderr == "note: as_number: 2 values did not read as a number, e.g. \"abc\"; they are na")
    }

    @Test(arguments: [
        ("as_text(1234567.891)", "\"1234567.891\""),
        ("as_text(0.1 + 0.2)", "\"0.3\""),
        ("as_text([13, na])", "[\"13\", na]"),
        ("as_text(na)", "na"),
        ("as_text(as_date([\"2024-06-30\", na]))", "[\"2024-06-30\", na]"),
        ("as_number(as_text(1 / 3)) == 1 / 3", "false"),
        ("abs(as_number(as_text(1 / 3)) - 1 / 3) < 1e-15", "true"),
        ("paste(\"total\", 1234567.891)", "\"total 1234567.891\""),
    ])
    func `as_text writes numbers in full without grouping as R's as.character`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.stdout == expected)
    }
}
