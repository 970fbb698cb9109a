import Testing
@testable import PanoramaShell

/// Issue 14.7: a `;` between statements separates them; only a `;` that ends the line silences
/// (as in R and the DuckDB shell).
@Suite struct StatementSeparatorTests {
    @Test(arguments: [
        ("x = [1, 2, 3]\nsum(x); mean(x)", "6\n2"),
        ("sum([1, 2]);  mean([4, 6])", "3\n5"),
        ("sum([1, 2]); mean([4, 6]);", "3"),
        ("sum([1, 2]);\nmean([4, 6])", "5"),
        ("sum([1, 2]); # silenced, a comment follows\nmean([4, 6])", "5"),
        ("sum([1, 2]);;", ""),
        ("(1 + 2); 4", "3\n4"),
    ])
    func onlyASemicolonEndingTheLineSilences(code: String, printed: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.stdout == printed)
    }

    @Test func anAssignmentFollowedByCodeOnItsLineShowsItsSummaryAtTheREPL() {
        let t = run("x = 1; y = 2;", interactive: true)
        #expect(t.stdout == "x: number 1")
    }
}
