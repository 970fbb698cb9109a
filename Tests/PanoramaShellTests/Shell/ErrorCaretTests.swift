import Testing
@testable import PanoramaShell

/// The caret line under an error: exactly under the token's characters, and on a very long line
/// (a generated script, 10⁵ nested brackets) an excerpt of the line around it, not the whole line.
@Suite struct ErrorCaretTests {
    static let longList = "x = [" + (0..<20_000).map(String.init).joined(separator: ", ") + ", nom_inconnu, " + (0..<1_000).map(String.init).joined(separator: ", ") + "]"

    @Test func `an unknown name in a line of a hundred thousand characters is shown in an excerpt with its caret`() {
        let t = run(Self.longList, file: "gen.pan")
        #expect(t.outcome == .failed)
        let lines = t.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3, "\(lines.map { $0.prefix(200) })")
        guard lines.count == 3 else { return }
        #expect(lines[0].hasPrefix("gen.pan:1:"))
        #expect(lines[1].count <= 110 && lines[2].count <= 110, "\(lines[1].count), \(lines[2].count)")
        let shown = lines[1].firstRange(of: "nom_inconnu")
        let caret = lines[2].firstRange(of: "^^^^^^^^^^^")
        #expect(shown != nil && caret != nil)
        if let shown, let caret {
            #expect(lines[1].distance(from: lines[1].startIndex, to: shown.lowerBound)
                    == lines[2].distance(from: lines[2].startIndex, to: caret.lowerBound))
        }
        #expect(lines[1].hasPrefix("  …") && lines[1].hasSuffix("…"))
    }

    @Test func `brackets nested a hundred thousand deep are one short error`() {
        let code = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let t = run(code, file: "deep.pan")
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("nested too deeply"))
        #expect(t.stderr.count < 400, "\(t.stderr.count) characters")
    }

    @Test(arguments: [("x = été + 1", "      ^^^"), ("x = \"Équipe\" + 1", "      ^^^^^^^^^^^^"), ("y = 1\ny = « a »", "      ^")])
    func `the caret spans the characters of a token with accents, not its bytes`(code: String, caret: String) {
        // A second line: a short one-line statement at the prompt shows no caret line.
        let t = run("z = 0\n" + code, file: "s.pan")
        #expect(t.outcome == .failed)
        #expect(t.stderr.hasSuffix("\n" + caret), "\(t.stderr)")
    }

    @Test func `a short line is shown whole`() {
        let t = run("y = 1 + nom_inconnu * 2 + 3 + 4 + 5 + 6 + 7", file: "s.pan")
        #expect(t.stderr.contains("\n  y = 1 + nom_inconnu * 2 + 3 + 4 + 5 + 6 + 7\n          ^^^^^^^^^^^"), "\(t.stderr)")
    }
}

/// Chains of calls, `[ ]` and `.name` (`x[1][1]…`, `l.a.a…`, `f()()…`) nest as deeply as
/// brackets: 1,000 `[1]` crashed the process when evaluated; they count toward the nesting limit.
/// (Operator chains are bounded separately: OrdinaryInputTests, on the binary.)
@Suite struct LongChainTests {
    @Test(arguments: [
        "x = [1]\ny = x" + String(repeating: "[1]", count: 100_000),
        "x = list(a=1)\ny = x" + String(repeating: ".a", count: 100_000),
        "f = function() f\ny = f" + String(repeating: "()", count: 100_000),
    ])
    func `a chain of a hundred thousand links is one short error, not a crash`(code: String) {
        let t = run(code, file: "chain.pan")
        #expect(t.outcome == .failed)
        // The index inside the 201st [ ] is where an x[1][1]… chain stops: the bracket's own message.
        #expect(t.stderr.contains("error: expression nested too deeply (more than 200 levels"), "\(t.stderr.prefix(300))")
        #expect(t.stderr.count < 500)
    }

    @Test func `chains within the limit still run`() {
        let t = run("y = [[5]]\ny[1][1]\nl = list(a=list(b=2))\nl.a.b")
        #expect(t.stderr == "")
        #expect(t.out == ["5", "2"])
    }
}
