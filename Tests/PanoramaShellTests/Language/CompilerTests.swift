import Testing
@testable import PanoramaShell

/// Loop and function bodies are compiled once into closures (Compiler.swift); these check that
/// the compiled form computes, fails and scopes exactly as the tree walk does.
@Suite struct CompilerTests {
    @Test(arguments: [
        // Locals created in a different order on each call: a remembered position must be checked.
        ("f = function(x) { if (x > 1) { a = 1; b = 2 } else { b = 20; a = 10 }; a * 100 + b }\ns = 0\nfor (i in 1:3) s = s + f(i)\ns", "1,224"),
        // A chain longer than the nested-closure limit is walked with a loop.
        ("s = 0\nfor (i in 1:2) s = s + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1\ns", "22"),
        // A missing number in the sequence is na in the body.
        ("n = 0\nfor (x in [1, na, 3]) { last = x; n = n + 1 }\n[n, last]", "[3, 3]"),
        ("for (x in [1, na]) last = x\nlast", "na"),
        // Defaults and keyword arguments still go through the binder.
        ("g = function(x, k=10) x * k\ns = 0\nfor (i in 1:3) s = s + g(i) + g(i, k=1) + g(i, 2)\ns", "78"),
        // A loop variable and a global assigned inside a function's loop.
        ("h = function(n) { t = 0; for (j in 1:n) { if (j == 3) next; t = t + j }; t }\nh(5)", "12"),
        ("k = 0\nwhile (k < 2500) k = k + 1\nk", "2,500"),
        ("fib = function(n) if (n < 2) n else fib(n - 1) + fib(n - 2)\nfib(15)", "610"),
    ])
    func `compiled loops and calls compute as the tree walk does`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }

    @Test func `an error inside a compiled body points where the tree walk points`() {
        // The same failing `x + "a"`, walked at the top level, in a loop body and in a function.
        let cases = [("x = 1\nx + \"a\"", "direct.pan:2:1:"),
                     ("for (x in 1:1) x + \"a\"", "looped.pan:1:16:"),
                     ("f = function(x) x + \"a\"\nf(1)", "called.pan:1:17:")]
        for (code, location) in cases {
            let t = run(code, file: String(location.prefix { $0 != ":" }))
            #expect(t.stderr.hasPrefix(location + " error: cannot apply '+' to number and text"), "\(t.stderr)")
        }
    }

    @Test func `a name that is not yet defined fails inside a loop and works once assigned`() {
        let t = run("for (i in 1:2) { if (i == 2) y = 5; z = i }\nfor (i in 1:1) w + 1")
        #expect(t.stderr.contains("w"))
        let u = run("f = function() y + 1\ny = 1\nf()\ny = 2\nf()")
        #expect(u.out.suffix(2) == ["2", "3"])
    }

    @Test func `bare names in a frame call inside a loop are the frame's columns`() {
        let t = run("cost = 100\np = frame(cost=[1, 2, 3])\ns = 0\nfor (i in 1:2) s = s + sum(where(p, cost > i).cost)\ns")
        #expect(t.stderr == "")
        #expect(t.out.last == "8")
    }
}
