import Testing
@testable import PanoramaShell

@Suite struct ParserTests {
    func expr(_ text: String) throws -> Expr {
        let statements = try Parser.parse(text)
        guard case .expression(let e, _) = statements.first else { Issue.record("not an expression"); throw PanoramaError.interrupted }
        return e
    }

    @Test(arguments: [
        ("1 + 2 * 3", "1 + 2 * 3"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("-2 ^ 2", "-2^2"),
        ("2 ^ 3 ^ 2", "2^3^2"),
        ("(2 ^ 3) ^ 2", "(2^3)^2"),
        ("a - b - c", "a - b - c"),
        ("a - (b - c)", "a - (b - c)"),
        ("not a == b and c or d", "not a == b and c or d"),
        ("x |> f(1) |> g(k=2)", "g(f(x, 1), k=2)"),
        ("y ~ a + b:c", "y ~ a + b:c"),
        ("log(cost) ~ C(phase, ref=\"Terminé\")", "log(cost) ~ C(phase, ref=\"Terminé\")"),
        ("~ x", "~ x"),
        ("`Coût estimé` * 2", "`Coût estimé` * 2"),
        ("p.`Coût estimé`", "p.Coût estimé"),
        ("[1, 2, [3]]", "[1, 2, [3]]"),
        ("x in [\"a\", \"b\"]", "x in [\"a\", \"b\"]"),
        ("1_000 + 1e6 + .5", "1000 + 1000000 + 0.5"),
        ("a % b * c", "a % b * c"),
    ])
    func precedenceRoundTrips(input: String, printed: String) throws {
        #expect(ExprPrinter.text(try expr(input)) == printed)
    }

    @Test func positionsAreOneBasedLineAndColumn() throws {
        let statements = try Parser.parse("a = 1\n  b + foo(2)")
        guard case .expression(let e, _) = statements[1], case .binary(_, _, let right) = e.kind else {
            Issue.record("shape"); return
        }
        #expect(e.range.line == 2)
        #expect(e.range.column == 3)
        #expect(right.range.column == 7)
        #expect(right.range.length == 6)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let statements = try Parser.parse("é + ü")
        guard case .expression(let e, _) = statements[0], case .binary(_, _, let right) = e.kind else { return }
        #expect(right.range.column == 5)
    }

    @Test func statementsSplitOnNewlinesAndSemicolons() throws {
        let s = try Parser.parse("a = 1; b = 2\nc\n\nd;")
        #expect(s.count == 4)
        if case .expression(_, let silent) = s[3] { #expect(silent) } else { Issue.record("d") }
        if case .expression(_, let silent) = s[2] { #expect(!silent) } else { Issue.record("c") }
    }

    @Test func statementsContinueAfterOperatorsAndInsideBrackets() throws {
        let s = try Parser.parse("x = 1 +\n  2\ny = f(1,\n 2)\nz = a |>\n  g()")
        #expect(s.count == 3)
    }

    @Test func dotCommandsTakeTheRestOfTheLine() throws {
        let s = try Parser.parse(".mode json\n?sum\nx")
        guard case .command(let name, let args, _) = s[0], case .command(let help, let topic, _) = s[1] else {
            Issue.record("commands"); return
        }
        #expect(name == ".mode" && args == ["json"])
        #expect(help == ".help" && topic == ["sum"])
    }

    @Test func assignmentTargets() throws {
        let s = try Parser.parse("p.per_year = p.cost / p.duration")
        guard case .assignColumn(let frame, let column, _, _, _) = s[0] else { Issue.record("shape"); return }
        #expect(frame == "p" && column == "per_year")
    }

    @Test(arguments: [
        ("1 +", "unexpected end of input; the expression is incomplete", 1, 4),
        ("f(1, 2", "unexpected end of input; expected ')' to close the call", 1, 7),
        // Input ending right after '(' or ',' (it once read past the end of the tokens).
        ("f(", "unexpected end of input; the expression is incomplete", 1, 3),
        ("f(1,", "unexpected end of input; the expression is incomplete", 1, 5),
        ("(1 + 2", "unexpected end of input; expected ')'", 1, 7),
        ("[1, 2", "unexpected end of input; expected ']' to close the vector", 1, 6),
        ("1 + )", "unexpected ')'", 1, 5),
        ("1 2", "unexpected number; expected end of statement", 1, 3),
        ("\"abc", "unclosed string", 1, 1),
        ("`abc", "unclosed back-quoted name", 1, 1),
        ("x = = 1", "unexpected '='", 1, 5),
        ("1 = 2", "can only assign to a name, frame.column or x[i]", 1, 3),
        ("f(1) = 2", "can only assign to a name, frame.column or x[i]", 1, 6),
        ("a < b < c", "comparisons cannot be chained; use 'and'", 1, 7),
        ("x |> 3", "the right side of '|>' must be a call, like f(…)", 1, 6),
        ("1e999", "number '1e999' is too large", 1, 1),
        ("12abc", "malformed number '12abc'", 1, 1),
        ("1__0", "malformed number '1__0'", 1, 1),
        ("a $ b", "unexpected character '$'", 1, 3),
        ("p.", "unexpected end of input; expected a column or member name after '.'", 1, 3),
        ("\"a\\qb\"", "unknown escape '\\q' in string", 1, 3),
    ])
    func syntaxErrorsHaveExactMessagesAndPositions(input: String, message: String, line: Int, column: Int) {
        do {
            _ = try Parser.parse(input)
            Issue.record("expected an error for \(input)")
        } catch {
            #expect(error.message == message)
            #expect(error.range?.line == line)
            #expect(error.range?.column == column)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(throws: PanoramaError.self) { try Parser.parse(deep) }
        let unary = String(repeating: "-", count: 5000) + "1"
        #expect(throws: PanoramaError.self) { try Parser.parse(unary) }
        let ok = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect((try? Parser.parse(ok)) != nil)
    }

    @Test(arguments: [
        ("x = 1", true), ("f(1,", false), ("x = [1,\n2", false), ("a |>", false), ("a +", false),
        ("\"abc", false), ("x = 1 # comment (", true), (".mode json", true), ("a and", false), ("", true),
    ])
    func completenessDecidesContinuation(text: String, complete: Bool) {
        #expect(Parser.isComplete(text) == complete)
    }
}
