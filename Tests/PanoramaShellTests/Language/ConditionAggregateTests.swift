import Testing
@testable import PanoramaShell

/// `any` and `all`, which the error for a condition with several values recommends.
@Suite struct ConditionAggregateTests {
    @Test(arguments: [
        ("any([1, 5, 9] > 8)", "true"),
        ("any([1, 5, 9] > 10)", "false"),
        ("all([1, 5, 9] > 0)", "true"),
        ("all([1, 5, 9] > 1)", "false"),
        ("any([])", "false"),
        ("all([])", "true"),
        ("x = [3, 12]\nif (any(x > 10)) \"some big\" else \"all small\"", "\"some big\""),
    ])
    func `any and all reduce true or false values to one`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }

    @Test func `any and all skip na and say so like the other aggregates`() {
        let t = run("all([true, na, true])")
        #expect(t.stdout == "true")
        #expect(t.stderr == "note: all skipped 1 na value")
    }

    @Test func `the advice for a condition with several values names builtins that exist`() {
        let t = run("x = [1, 5]\nif (x > 3) 1")
        #expect(t.stderr.contains("use any() or all()"))
        #expect(run("if (any([1, 5] > 3)) 1").outcome == .ok)
        #expect(run("if (all([1, 5] > 3)) 1").outcome == .ok)
    }

    @Test func `any of numbers is an error naming the type`() {
        let t = run("any([1, 2])")
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("'x' must be true/false values, like x > 3, not number"))
    }
}
