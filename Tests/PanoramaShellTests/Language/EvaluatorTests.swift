import Testing
@testable import PanoramaShell

@Suite struct EvaluatorTests {
    @Test(arguments: [
        ("1 + 2 * 3", "7"),
        ("2 ^ 10", "1,024"),
        ("-2 ^ 2", "-4"),
        ("7 % 3", "1"),
        ("-7 % 3", "2"),
        ("1 / 0", "∞"),
        ("[1, 2, 3] * 2", "[2, 4, 6]"),
        ("[1, 2, 3] + [10, 20, 30]", "[11, 22, 33]"),
        ("[1, na, 3] + 1", "[2, na, 4]"),
        ("na + 1", "na"),
        ("[1, 2, 3] > 2", "[false, false, true]"),
        ("[1, na, 3] == 1", "[true, na, false]"),
        ("na and false", "false"),
        ("na or true", "true"),
        ("na and true", "na"),
        ("not [true, false, na]", "[false, true, na]"),
        ("\"b\" in [\"a\", \"b\"]", "true"),
        ("[1, 5] in [5, 6]", "[false, true]"),
        ("\"abc\" < \"abd\"", "true"),
        ("[\"x\", na, \"z\"]", "[\"x\", na, \"z\"]"),
        ("sqrt([4, 9, na])", "[2, 3, na]"),
        ("log(100, base=10)", "2"),
        ("round(2.5)", "3"),
        ("round(-2.5)", "-3"),
        ("round(3.14159, digits=2)", "3.14"),
        ("abs(-3) |> sqrt()", "1.732051"),
        ("[1, 2, 3] |> sum()", "6"),
        ("cumsum([1, 2, 3])", "[1, 3, 6]"),
        ("diff([1, 4, 9, 16])", "[3, 5, 7]"),
        ("lag([1, 2, 3])", "[na, 1, 2]"),
        ("ifelse([1, 5, 9] > 4, \"big\", \"small\")", "[\"small\", \"big\", \"big\"]"),
        ("is_na([1, na])", "[false, true]"),
        ("mean([1, 2, 3, 4])", "2.5"),
        ("median([3, 1, 2])", "2"),
        ("sd([1, 2, 3, 4])", "1.290994"),
        ("var([1, 2, 3, 4])", "1.666667"),
        ("min([3, 1, 2]) + max([3, 1, 2])", "4"),
        ("quantile([1, 2, 3, 4, 5], [0.1, 0.5, 0.9])", "[1.4, 3, 4.6]"),
        ("n([1, na, 3])", "2"),
        ("cor([1, 2, 3, 4], [2, 4, 6, 8])", "1"),
        ("sum([])", "0"),
        ("mean([])", "na"),
        ("1234567.891", "1,234,568"),
        ("0.000012345", "1.2345e-05"),
        ("0.00012345", "0.00012345"),
    ])
    func expressionsEvaluate(code: String, printed: String) {
        let t = run(code)
        #expect(t.stderr.hasPrefix("error") == false, "\(t.stderr)")
        #expect(t.stdout == printed)
    }

    @Test func aggregatesNoteSkippedNA() {
        let t = run("sum([1, 2, na, 4])")
        #expect(t.stdout == "7")
        #expect(t.stderr == "note: sum skipped 1 na value")
    }

    @Test func ansHoldsTheLastPrintedValue() {
        #expect(run("1 + 1\nans * 10").stdout == "2\n20")
    }

    @Test func assignmentPrintsASummaryOnlyInteractively() {
        #expect(run("x = [1, 2, na]").stdout == "")
        #expect(run("x = [1, 2, na]", interactive: true).stdout == "x: number vector of 3 (1 na)")
        #expect(run("x = 1;", interactive: true).stdout == "")
    }

    @Test func keywordArgumentsBindByName() {
        #expect(run("round(digits=1, x=3.14159)").stdout == "3.1")
    }

    @Test func formulasAreValuesNotEvaluated() {
        #expect(run("f = log(cost) ~ a + b:c\nf").stdout == "log(cost) ~ a + b:c")
        #expect(json("y ~ x") == #"{"kind": "formula", "text": "y ~ x"}"#)
    }

    @Test(arguments: [
        ("y", "error: no variable or function named 'y'"),
        ("x = 1; xx", "error: no variable or function named 'xx'. Did you mean 'x'?"),
        ("sqr(4)", "error: no variable or function named 'sqr'. Did you mean 'sqrt'?"),
        ("sum + 1", "error: cannot use a function in an arithmetic or comparison expression"),
        ("x = 3; x(1)", "error: 'x' is a number, not a function"),
        ("round(1, digts=2)", "error: round() has no argument 'digts'. Did you mean 'digits'?\nusage: round(x, digits=)"),
        ("round(1, 2)", "error: round() takes at most 1 positional argument\nusage: round(x, digits=)"),
        ("round()", "error: round() is missing its argument 'x'\nusage: round(x, digits=)"),
        ("round(1, digits=1, digits=2)", "error: argument 'digits' given twice\nusage: round(x, digits=)"),
        ("round(1, digits=\"a\")", "error: 'digits' must be a number, not a string\nusage: round(x, digits=)"),
        ("[1, 2] + [1, 2, 3]", "error: vectors of different lengths (2 and 3)"),
        ("\"a\" + 1", "error: cannot apply '+' to text and number"),
        ("s = \"a\"; s + \"x\"", "error: cannot apply '+' to text and text; texts are joined with paste(a, b, sep=\"\")"),
        ("[1, \"a\"]", "error: a vector holds one type; cannot mix text with number"),
        ("1 and true", "error: 'and' needs true/false values, not number and bool"),
        ("ans = 3", "error: 'ans' is set by panorama and cannot be assigned"),
        ("x = 1; x.cost", "error: a number has no member 'cost'"),
        ("quantile([1, 2], 1.5)", "error: 'p' must be probabilities between 0 and 1, not 1.5\nusage: quantile(x, p)"),
        ("a ~ b:c + d; \"a\":2", "error: a range a:b needs two whole numbers, not a string and a number (inside a formula ':' is the interaction)"),
        (".mode fancy", "error: usage: .mode [box|markdown|csv|json]"),
        (".mdoe json", "error: unknown command '.mdoe'. Did you mean '.mode'? (.help commands lists them)"),
    ])
    func errorsReadAsOneLine(code: String, message: String) {
        let t = run(code)
        #expect(t.outcome == .failed)
        #expect(t.stderr == message)
    }

    @Test func scriptErrorsCarryFileLineAndColumn() {
        let t = run("x = 1\ny = x +\n  zz", file: "model.pan")
        #expect(t.stderr.hasPrefix("model.pan:3:3: error: no variable or function named 'zz'"))
    }

    @Test func parseErrorsShowTheLineWithACaret() {
        let t = run("x = (1 + ]")
        #expect(t.stderr == "error: unexpected ']'\n  x = (1 + ]\n           ^")
    }

    @Test func scriptsStopAtTheFirstError() {
        let t = run("1\nnope\n2", file: "s.pan")
        #expect(t.stdout == "1")
        #expect(t.outcome == .failed)
    }

    @Test func timerPrintsWallAndCPUTimeOnStderr() {
        let t = run(".timer on\n1")
        #expect(t.stdout == "1")
        #expect(t.stderr.hasPrefix("Run Time: wall "))
        #expect(t.stderr.contains(" s, cpu "))
    }

    @Test func `the statement that turns the timer on reports no time, not the CPU spent since start`() {
        // It printed "Run Time: wall 0.0000 s, cpu 1.7202 s" after a long load: its CPU
        // baseline was never taken (the timer was off when it started).
        let t = run("x = 0\nfor (i in seq_len(200000)) { x = x + i }\n.timer on\n1")
        #expect(t.stdout == "1")
        #expect(t.stderr.split(separator: "\n").count == 1, "\(t.stderr)")
    }
}
