import Testing
@testable import PanoramaShell

/// A `param(…)` that no command line could set is refused where it is declared: a name with a
/// space (its name=value was taken for a plain argument and silently ignored) or a default that
/// is not one value (no text given converted to it).
@Suite struct ParamDeclarationTests {
    @Test(arguments: [
        ("param(\"x y\", default=1)", "a parameter's name is typed on the command line as name=value: letters, digits and _, not \"x y\""),
        ("param(\"\", default=1)", "a parameter's name is typed on the command line as name=value: letters, digits and _, not \"\""),
        ("param(\"editions\", default=[13, 14])", "the default of parameter 'editions' must be one number, text, true/false or date (it sets the type of a value given as text), not a vector"),
        ("param(\"opts\", default=list(a=1))", "the default of parameter 'opts' must be one number, text, true/false or date (it sets the type of a value given as text), not a list"),
    ])
    func `a parameter no command line could set is refused where it is declared`(code: String, message: String) {
        let t = run(code, file: "s.pan")
        #expect(t.outcome == .failed)
        #expect(t.stderr.hasPrefix("s.pan:1:1: error: " + message), "\(t.stderr)")
    }

    @Test(arguments: ["param(\"édition\", default=14)", "param(\"since\", default=date(2024, 1, 5))", "param(\"label\", default=na)"])
    func `a name with accents and one-value defaults are declared`(code: String) {
        let t = run(code)
        #expect(t.outcome == .ok, "\(t.stderr)")
    }
}
