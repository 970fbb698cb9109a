import Testing
@testable import PanoramaShell

/// A builtin's name used as a value is a function (Function+Builtin.swift).
@Suite struct BuiltinValueTests {
    @Test(arguments: [
        ("f = sqrt\nf(16)", "4"),
        ("map([1, 4, 9], sqrt)", "[1, 2, 3]"),
        ("map([1.234, 5.678], function(x) round(x, digits=1))", "[1.2, 5.7]"),
        ("g = round\ng(3.14159, digits=2)", "3.14"),
        ("fs = list(lo=min, hi=max)\nfs.hi([3, 9, 4])", "9"),
        ("apply_to = function(f, x) f(x)\napply_to(abs, -3)", "3"),
        ("(sqrt)(9)", "3"),
        ("f = sqrt\nf", "sqrt(x)\n  builtin: square root"),
        // A variable holding a builtin shadows the builtin of its name, as a user function does.
        ("mean = max\nmean([1, 5])", "5"),
        // A column or a variable of the builtin's name is that column or variable.
        ("sqrt = 3\nsqrt + 1", "4"),
        ("p = frame(sum=[1, 2])\nwhere(p, sum > 1).sum", "[2]"),
    ])
    func `a builtin used as a value is a function`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.stdout.hasSuffix(expected), "\(t.stdout)")
    }

    @Test func `a builtin value shows in vars and its help page is the builtin's`() {
        let t = ShellTranscript()
        _ = t.take("f = sqrt")
        #expect(t.take(".vars").out.contains("builtin sqrt(x)"))
        let page = t.take("?f").out
        #expect(page.hasPrefix("f holds the builtin sqrt:\nsqrt(x)"))
        #expect(page.contains("example:"))
        #expect(json("f = sqrt\nf") == #"{"kind": "function", "signature": "sqrt(x)", "doc": "square root"}"#)
    }

    @Test(arguments: [
        ("f = sqrt\nf(1, 2)", "error: sqrt() takes at most 1 positional argument\nusage: sqrt(x)"),
        ("map([1, 2], where)", "error: where() is missing its argument 'condition'\nusage: where(frame, condition)"),
        ("sum + 1", "error: cannot use a function in an arithmetic or comparison expression"),
        ("map([1], 3)", "'f' must be a function, like function(x) x * 2 or sqrt, not a number"),
    ])
    func `a builtin called through a value binds its arguments as the builtin does`(code: String, message: String) {
        let t = run(code)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains(message), "\(t.stderr)")
    }
}
