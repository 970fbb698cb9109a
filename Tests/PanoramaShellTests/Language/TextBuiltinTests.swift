import Testing
@testable import PanoramaShell

/// The text builtins through `Session.run`: vectorised, `na`-aware, clear errors. The kernel's
/// values are pinned against Python in PanoramaKitTests/Data/TextOracleTests.
@Suite struct TextBuiltinTests {
    @Test(arguments: [
        ("contains([\"Éducation\", na, \"Armées\"], \"É\")", "[true, na, false]"),
        ("contains(\"SI-RH 2\", \"\\\\d\", regex=true)", "true"),
        ("starts_with([\"SI-RH\", \"Portail\"], \"SI\")", "[true, false]"),
        ("ends_with(\"note.PDF\", \"(?i)\\\\.pdf\", regex=true)", "true"),
        ("m = [\"Éducation nationale\", \"EDUCATION\"]\ncontains(fold(m), fold(\"éducation\"))", "[true, true]"),
        ("replace(\"a-b-c\", \"-\", \"+\")", "\"a+b+c\""),
        ("replace(\"a-b-c\", \"-\", \"+\", first=true)", "\"a+b-c\""),
        ("replace(\"2024-06\", \"(\\\\d+)-(\\\\d+)\", \"\\\\2/\\\\1\", regex=true)", "\"06/2024\""),
        ("extract([\"édition 14\", \"aucune\", na], \"\\\\d+\")", "[\"14\", na, na]"),
        ("lower(\"ÉDUCATION\")", "\"éducation\""),
        ("upper([\"straße\", na])", "[\"STRASSE\", na]"),
        ("trim(\"  a b \")", "\"a b\""),
        ("substr(\"Éducation\", 1, 3)", "\"Édu\""),
        ("substr(\"Éducation\", 8, 20)", "\"on\""),
        ("nchar([\"Éducation\", na])", "[9, na]"),
        ("paste(\"T\", [1, 2], na)", "[\"T 1 na\", \"T 2 na\"]"),
        ("paste(\"a\", \"b\", sep=\"\")", "\"ab\""),
        ("paste([\"a\", \"b\"], 1, sep=\"-\", collapse=\", \")", "\"a-1, b-1\""),
        ("format(2292.94, digits=1, big_mark=\" \", decimal_mark=\",\")", "\"2 292,9\""),
        ("format([1234.5, na], digits=2)", "[\"1,234.50\", na]"),
        ("split(\"a;b;;c\", \";\")", "[\"a\", \"b\", \"\", \"c\"]"),
        ("split(\"a1b22c\", \"\\\\d+\", regex=true)", "[\"a\", \"b\", \"c\"]"),
        ("l = split([\"a,b\", \"c\", na], \",\")\nl[1]", "[\"a\", \"b\"]"),
        ("l = split([\"a,b\", \"c\", na], \",\")\nl[3]", "na"),
        ("nrow(split(frame(g=[\"a\", \"b\", \"a\"]), by=g).a)", "2"),
    ])
    func `text functions compute as stringr and Python do`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "", "\(code)")
        #expect(t.out.last == expected, "\(code)")
    }

    @Test func `a text column stays a column and keeps its length`() {
        let t = run("p = frame(m=[\"Éducation\", na, \"Armées\", \"Éducation\"])\np.k = fold(p.m)\nnrow(where(p, k == \"education\"))")
        #expect(t.stderr == "note: where left out 1 row where the condition is na")
        #expect(t.out.last == "2")
    }

    @Test(arguments: [
        ("contains(\"abc\", \"([a-\", regex=true)", "'([a-' is not a valid regular expression"),
        ("contains(12, \"1\")", "'x' must be text, not a number"),
        ("contains([1, 2], \"1\")", "'x' must be text, not number (as_text(x) converts)"),
        ("substr(\"abc\", 1.5, 2)", "'start' must be a whole number"),
        ("split(\"a,b\")", "split a frame with by=column, or a text with a separator"),
        ("format(\"a\")", "'x' must be numeric, not text"),
        ("paste([\"a\", \"b\"], [1, 2, 3])", "vectors of different lengths (2 and 3)"),
    ])
    func `bad text arguments are one-line errors naming them`(code: String, message: String) {
        let t = run(code)
        #expect(t.stderr.contains(message), "\(code): \(t.stderr)")
    }
}
