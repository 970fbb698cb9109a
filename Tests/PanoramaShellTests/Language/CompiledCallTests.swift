import Testing
@testable import PanoramaShell

/// Compiled calls (Compiler+Calls.swift: the callee looked up by a hinted search, arguments
/// bound by a match worked out once per call site; builtins' scalar forms in unboxed arithmetic)
/// against the tree walk: a call typed at the prompt is walked, the same call in a loop body or
/// a function body is compiled, and the three must print the same value or the same error.
@Suite struct CompiledCallTests {
    static let setup = """
        k = 3
        g = function(x) x * k + 1
        h = function(x) g(x) + 1
        b = function(x) { y = x * 2; if (y > 10) y else -y }
        kw = function(x, by=2, scale=1) (x * by + 1) * scale
        fib = function(n) if (n < 2) n else fib(n - 1) + fib(n - 2)
        t = "x"
        v = [4, 9, na]
        y = 100
        ub = function(x) { z = y + x; y = z * 2; y }
        nb = function(x) { if (x > 1) 5 }
        ab = function(x) { ans = x; ans }
        pb = function(x) { print(x); x + 1 }
        sb = function(x) { y = sqrt(x); if (y > 2) { w = y * 10; w } else y - k }
        lw = function(x) { if (x > 5) w = x; w - 1 }
        cw = function(x) { if (x > 5) w = x; 1 - w }
        ss = function(x, y) x - y * 2
        cmp = function(x) if (x < 2) x else -x

        """

    @Test(arguments: [
        // user functions: globals, nested calls, locals and if, keywords, defaults, recursion
        "g(2) + 1", "h(2)", "b(3) + b(7)", "kw(2, by=3)", "kw(by=3, 2)", "kw(scale=2, x=1, by=5)", "kw(2)",
        "kw(2, 3, 4)", "fib(10)", "g(v)", "g(t)", "b(t)",
        // bodies with locals: a local read before it is assigned reads the global, an if
        // without else, a reserved name, a side effect, a block inside a branch
        "ub(1) + y", "nb(0) + 1", "nb(2) + 1", "ab(1)", "pb(1) * 2", "sb(4) + sb(9)", "b(-1) + fib(-3)",
        // a local or parameter read in place (`w - 1`, `1 - w`, `x - y`, `x < 2`) that is not
        // assigned yet or not a number: the call made in full says what it holds
        "lw(9) + cw(9)", "lw(2)", "cw(2)", "ss(3, 1) + ss(1, 3)", "ss(3, v[3])", "ss(v, 1)", "ss(t, 1)",
        "cmp(1) + cmp(3)", "cmp(v[3])", "cmp(v)", "kw(by=kw(1, by=2), x=kw(2)) + fib(kw(3))",
        // the binder's errors
        "kw()", "kw(2, bye=3)", "kw(2, by=3, by=4)", "kw(1, 2, 3, 4)", "g(x=1, x=2)", "g(1, 2)", "g()",
        // builtins: scalar forms, vectors, na, keywords, text, usage errors
        "sqrt(16) + 1", "sqrt(-1) + 1", "abs(-k) * 2", "sqrt(v)", "sqrt(t)", "exp(0) + floor(2.5) + ceil(2.5)",
        "log(100, base=10)", "round(2.567, digits=1)", "paste(t, \"y\", sep=\"\")", "paste(t, 1.5, na, true)",
        "paste(t, [1, 2], sep=\"-\")", "paste(t, \"y\", collapse=\"+\")", "paste(t, g)", "sqrt()", "sqrt(1, 2)",
        "sqrt(x=4)", "sqrt(y=4)", "round(2.5, digit=1)", "nchar(paste(t, t))",
    ])
    func `a compiled call gives the tree walk's value or error`(expr: String) {
        let ways = walkedLoopedCalled(expr, after: Self.setup)
        #expect(ways[0] == ways[1] && ways[0] == ways[2], "\(expr): \(ways)")
        #expect(!ways[0].isEmpty)
    }

    @Test func `wrong arity keeps the binder's message and usage line`() {
        let t = run("kw = function(x, by=2) x * by\nfor (i in 1:2) r = kw(i, 2, 3)", file: "a.pan")
        #expect(t.stderr.hasPrefix("a.pan:2:29: error: kw() takes at most 2 positional arguments"), "\(t.stderr)")
        #expect(t.stderr.contains("usage: kw(x, by=2)"), "\(t.stderr)")
        let u = run("for (i in 1:2) r = sqrt(i, 2)", file: "s.pan")
        #expect(u.stderr.hasPrefix("s.pan:1:28: error: sqrt() takes at most 1 positional argument"), "\(u.stderr)")
        let m = run("kw = function(x, by=2) x * by\nfor (i in 1:2) r = kw(by=i)", file: "m.pan")
        #expect(m.stderr.hasPrefix("m.pan:2:20: error: kw() is missing its argument 'x'"), "\(m.stderr)")
    }

    @Test func `a callee rebound in the middle of a loop is called from the next iteration`() {
        let t = run("f = function(x) x + 1\ns = 0\nfor (i in 1:4) { s = s + f(i); if (i == 2) f = function(x) x * 100 }\ns")
        #expect(t.stderr == "")
        #expect(t.out.last == "705")  // 2 + 3 + 300 + 400
        // Rebound to a function with other parameters: the keywords are matched again.
        let u = run("f = function(x, by) x * by\ns = 0\nfor (i in 1:4) { s = s + f(by=2, x=i); if (i == 2) f = function(by, x) by - x }\ns")
        #expect(u.stderr == "")
        #expect(u.out.last == "3")  // 2 + 4 + (2 - 3) + (2 - 4)
        // Rebound to a number: the call's error names it.
        let e = run("f = function(x) x\nfor (i in 1:2) { r = f(i); f = 3 }", file: "e.pan")
        #expect(e.stderr.hasPrefix("e.pan:2:22: error: 'f' is a number, not a function"), "\(e.stderr)")
    }

    @Test func `a function called from a body follows its rebinding at the next call`() {
        // h's body keeps the f it called last (not retained): when f is rebound, the old one is
        // freed and the next call finds the new one (a number: the full call's error).
        let t = run("f = function(x) x + 1\nh = function(x) f(x) * 10\ns = 0\nfor (i in 1:4) { s = s + h(i); if (i == 2) f = function(x) x * 100 }\ns")
        #expect(t.stderr == "")
        #expect(t.out.last == "7,050")  // 20 + 30 + 3000 + 4000
        let e = run("f = function(x) x + 1\nh = function(x) f(x) * 10\nfor (i in 1:2) { r = h(i); f = 3 }", file: "h.pan")
        #expect(e.stderr.contains("'f' is a number, not a function"), "\(e.stderr)")
    }

    @Test func `deep recursion with many locals keeps every level's numbers when their memory grows`() {
        // 8 numbers a level, 150 levels: more than the 1,024 first kept, so the memory moves
        // while calls are under way. g(n, a) = a + 6 (n + 1) - n.
        let setup = "g = function(n, a) { b = a + 1; c = b + 1; d = c + 1; e = d + 1; f = e + 1; h = f + 1; if (n < 1) h else g(n - 1, h) - 1 }\n"
        let ways = walkedLoopedCalled("g(150, 0) + g(3, 1)", after: setup)
        #expect(ways == ["778", "778", "778"])  // 756 + 22
    }

    @Test func `a builtin shadowed by a user function in the middle of a loop calls the function`() {
        let t = run("s = 0\nfor (i in 1:4) { s = s + sqrt(i * i); if (i == 2) sqrt = function(x) x * 10 }\ns")
        #expect(t.stderr == "")
        #expect(t.out.last == "253")  // 1 + 2 + 9 · 10 + 16 · 10
        let u = run("s = \"\"\nfor (i in 1:3) { s = paste(s, i, sep=\"\"); if (i == 1) paste = function(a, b, sep) b }\ns")
        #expect(u.stderr == "")
        #expect(u.out.last == "3")
        // A local of a function body shadows the builtin inside that body only.
        let l = run("f = function(x) { abs = function(y) 0; abs(x) }\nr = 0\nfor (i in 1:2) r = r + f(-i) + abs(-i)\nr")
        #expect(l.stderr == "")
        #expect(l.out.last == "3")
        // A variable holding a builtin is called as that builtin.
        let v = run("s = 0\nfor (i in 1:3) { s = s + sqrt(i * i); sqrt = abs }\ns")
        #expect(v.stderr == "")
        #expect(v.out.last == "14")  // 1 + abs(4) + abs(9)
    }

    @Test func `a global read from a function body follows new variables and rebinding`() {
        // `k` is first missing (an error), then defined in the loop, then changed.
        let t = run(".bail off\ng = function(x) x * k\nfor (i in 1:1) r = g(i)\nk = 2\nfor (i in 1:3) { r = g(i); k = k + 1 }\nr")
        #expect(t.err.count == 1)
        #expect(t.stderr.contains("unknown name 'k'") || t.stderr.contains("'k'"), "\(t.stderr)")
        #expect(t.out.last == "12")  // 3 * 4
    }

    @Test func `recursion through compiled calls keeps the depth limit`() {
        let t = run("f = function(n) f(n + 1) + 1\nf(1)")
        #expect(t.stderr.contains("calling 'f' would nest calls 10001 levels deep"), "\(t.stderr)")
        let u = run("f = function(n, by=1) if (n == 0) 0 else f(by=by, n - 1) + by\nf(150, by=2)")
        #expect(u.stderr == "")
        #expect(u.out.last == "300")
    }
}
