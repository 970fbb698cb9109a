import Testing
@testable import PanoramaShell

@Suite struct FunctionTests {
    @Test(arguments: [
        ("f = function(x) x * 2\nf(21)", "42"),
        ("f = function(x, by=10) x * by\nf(2)", "20"),
        ("f = function(x, by=10) x * by\nf(2, by=3)", "6"),
        ("f = function(x, by=10) x * by\nf(by=3, x=5)", "15"),
        ("f = function(g) { a = g + 1; a * 2 }\nf(4)", "10"),
        ("f = function(x) { if (x > 0) return(\"positive\"); \"not positive\" }\nf(-1)", "\"not positive\""),
        ("f = function(x) { if (x > 0) return(\"positive\"); \"not positive\" }\nf(1)", "\"positive\""),
        ("f = function(a, b=a * 2) a + b\nf(1)", "3"),
        ("(function(x) x + 1)(2)", "3"),
        ("fact = function(n) if (n <= 1) 1 else n * fact(n - 1)\nfact(10)", "3,628,800"),
    ])
    func `a function's value is its body's last expression`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }

    @Test func `a closure keeps the scope it was defined in`() {
        let t = run("""
        make = function(k) function(x) x + k
        add3 = make(3)
        k = 100
        add3(1)
        """)
        #expect(t.stdout == "4")
    }

    @Test func `assignments inside a function stay local`() {
        let t = run("x = 1\nf = function() { x = 5; x }\nf()\nx")
        #expect(t.out == ["5", "1"])
    }

    @Test func `a parameter named like a column shadows nothing inside frame calls`() {
        // Inside where(), the bare name `cost` is the frame's column even though the function
        // has a parameter called cost (columns first, as in any frame call).
        let t = run("""
        p = frame(cost=[1, 5, 9])
        f = function(g, cost) nrow(where(g, cost > 4))
        f(p, 100)
        """)
        #expect(t.stderr == "")
        #expect(t.stdout == "2")
    }

    @Test func `a function uses a frame's bare names in its body`() {
        let t = run("""
        p = frame(ministry=["a", "b", "a"], cost=[1, 5, 9])
        total = function(g, m) summarize(where(g, ministry == m), total=sum(cost)).total
        total(p, "a")
        """)
        #expect(t.stderr == "")
        #expect(t.stdout == "[10]" || t.stdout == "10")
    }

    @Test func `arguments are checked like a builtin's with did-you-mean and usage`() {
        let t = run("f = function(x, by=1) x\nf(1, bye=2)")
        #expect(t.stderr.contains("f() has no argument 'bye'. Did you mean 'by'?"))
        #expect(t.stderr.contains("usage: f(x, by=1)"))
        let missing = run("f = function(x, y) x\nf(1)")
        #expect(missing.stderr.contains("f() is missing its argument 'y'"))
    }

    @Test func `endless recursion stops with a one-line error`() {
        let t = run("f = function(n) f(n + 1)\nf(1)")
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("calling 'f' would nest calls 10001 levels deep, more than panorama allows (10000"))
    }

    @Test func `recursion through map and group_map stops before the stack runs out`() {
        // Each level costs many Swift frames here; the call-depth limit alone let a debug build
        // overflow its stack at about 140 levels.
        let t = run("""
        g = function(n) group_map(frame(k=["a"], v=[n]), by=k, function(s) list(r=map([1], function(z) g(n + 1))[1]))
        g(1)
        """)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("levels deep"))
    }

    @Test func `a function prints its signature and shows in vars`() {
        let t = run("f = function(x, by=\"ministry\") x\nf\n.vars")
        #expect(t.out.first == "function(x, by=\"ministry\")")
        #expect(t.stdout.contains("function"))
    }

    @Test func `help on a user function shows its signature and doc comment`() {
        let t = run("#' Twice the value.\n#' Second line.\ndouble = function(x) x * 2\n?double")
        #expect(t.stdout == "double(x)\n  Twice the value.\n  Second line.")
    }

    @Test func `return outside a function and break outside a loop are errors`() {
        #expect(run("return(1)").stderr.contains("'return' is only meaningful inside a function"))
        #expect(run("break").stderr.contains("'break' is only meaningful inside a loop"))
    }
}

@Test func `TAB completes a user function's name and keyword arguments`() {
    let session = Session(output: { _ in }, diagnostics: { _ in })
    session.run("growth = function(g, by=\"ministry\", level=0.9) g")
    #expect(Completion.candidates(line: "gro", cursor: 3, session: session).contains("growth"))
    let keywords = Completion.candidates(line: "growth(p, ", cursor: 10, session: session)
    #expect(keywords.contains("by="))
    #expect(keywords.contains("level="))
}

/// A default that uses a parameter after it reads that parameter, given or defaulted, as R's
/// lazy defaults do; it read a global of that name (silently) or failed.
@Suite struct DefaultOrderTests {
    @Test func `a default uses a later parameter rather than a global of its name`() {
        let t = run("b = 100\nf = function(a=b, b=1) a * 10 + b\nf()\nf(b=5)\nf(2)\nf(2, 3)")
        #expect(t.stderr == "")
        #expect(t.out == ["11", "55", "21", "23"])
    }

    @Test func `defaults that use each other are an error naming them and a given one breaks the cycle`() {
        let t = run("f = function(a=b + 1, b=a * 2, c=0) a\nf(b=4)\nf()")
        #expect(t.out == ["5"])
        #expect(t.stderr.contains("error: the defaults of 'a' → 'b' → 'a' use each other; give one of them"), "\(t.stderr)")
    }

    @Test func `a default still uses the parameters before it and the defining scope`() {
        let t = run("k = 3\ng = function(x, y=x * k) y\ng(2)\nk = 4\ng(2)")
        #expect(t.stderr == "")
        #expect(t.out == ["6", "8"])
    }
}
