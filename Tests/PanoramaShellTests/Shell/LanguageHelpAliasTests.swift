import Testing
@testable import PanoramaShell

/// `.help` finds the language's pages under the words users try first.
@Suite struct LanguageHelpAliasTests {
    @Test(arguments: [
        ("args", "param(name, default, help=)"),
        ("parameters", "param(name, default, help=)"),
        ("repeat", "while (cond) body"),
        ("next", "for (x in xs) body"),
        ("indexing", "x[i], x[2:5]"),
        ("[", "x[i], x[2:5]"),
        ("functions", "function(x, by=\"a\") body"),
    ])
    func `a language word finds its page`(word: String, start: String) {
        let t = run(".help " + word)
        #expect(t.outcome == .ok)
        #expect(t.stdout.hasPrefix(start), "\(t.stdout)")
    }
}
