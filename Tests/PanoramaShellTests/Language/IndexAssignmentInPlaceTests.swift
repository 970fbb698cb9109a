import Synchronization
import Testing
@testable import PanoramaShell

/// `x[i] = v`, `l[i] = v`, `f.col[i] = v` and `v = [v, x]` change the variable's value in place
/// (Interpreter+IndexAssignment.swift, Compiler+Grow.swift): a loop must give what the same assignments typed at the
/// prompt give, an error or a Ctrl-C must leave the variable as it was, and another variable, a
/// list or a frame holding the same value must keep the old one.
@Suite struct IndexAssignmentInPlaceTests {
    @Test(arguments: [
        // vectors of each type, grown and set
        ("x = []", "x[i] = i * 2", "x"),
        ("x = [1]", "x[length(x) + 1] = i / 4", "x"),
        // one number into numbers: shared with a frame and a variable, na, a gap past the end
        ("x = [1, 2, 3]\nf = frame(a=x)\nw = x", "x[i] = -i", "[x, f.a, w]"),
        ("x = [1, 2, 3]", "x[i] = if (i == 2) na else i / 3", "x"),
        ("x = [1, 2, 3]", "x[i + if (i == 3) 2 else 3] = i", "x"),
        ("x = [0, 0, 0, 0]", "x[i + 1] = i", "x"),
        ("x = [0, 0, 0, 0]", "x[[true, false, i > 1, true]] = i", "x"),
        ("x = [\"a\"]", "x[i] = paste(\"v\", i)", "x"),
        ("x = [true]", "x[i + 1] = i > 1", "x"),
        ("x = [date(2024, 1, 1)]", "x[i] = date(2024, 2, i)", "x"),
        ("x = [true, false, true]", "x[i] = na", "x"),
        ("x = [na, na]", "x[i] = \"t\"", "x"),
        ("x = 5", "x[i + 1] = i", "x"),
        ("x = \"a\"", "x[i] = \"b\"", "x"),
        // errors, at the first turn or at the last (the prompt goes on after an error, a loop stops)
        ("x = []", "x[i + 1] = i", "x"),
        ("x = [1, 2, 3]", "x[i] = if (i == 3) \"a\" else i", "x"),
        ("x = [1, 2, 3]", "x[if (i == 3) na else i] = 0", "x"),
        ("x = [1, 2, 3]", "x[i] = [1, 2]", "x"),
        ("x = [1, 2, 3]", "x[i] = frame(a=[1])", "x"),
        ("x = [\"a\", \"b\", \"c\"]", "x[i] = if (i == 3) 1 else \"z\"", "x"),
        ("x = 5", "x[if (i == 3) 4 else 1] = i", "x"),
        ("x = frame(a=[1])", "x[i] = 0", "x"),
        ("2 + 2", "ans[i] = 0", "ans"),
        // lists
        ("l = list()", "l[length(l) + 1] = i", "l"),
        ("l = list(a=1)", "l[paste(\"k\", i, sep=\"\")] = [i, i]", "l"),
        ("l = list(1, 2, 3)", "l[i] = list(i)", "l"),
        ("l = list(1)", "l[length(l) + 1] = l", "l"),
        ("l = list(1)", "l[i + if (i == 3) 3 else 0] = 0", "l"),
        ("l = list(1, 2, 3)", "l[1:i] = 0", "l"),
        // frames' columns
        ("f = frame(a=[1, 2, 3], b=[\"x\", \"y\", \"z\"])", "f.a[i] = i * 10", "f"),
        ("f = frame(a=[1, 2, 3], b=[\"x\", \"y\", \"z\"])", "f.b[i] = if (i == 3) 5 else \"q\"", "f"),
        ("f = frame(a=[1, 2, 3])", "f.a[i + 1] = 0", "f"),
        ("f = frame(a=[1, 2, 3])", "f.nope[i] = 0", "f"),
        ("f = frame(a=[1, 2, 3])\nf.c = na", "f.c[i] = date(2024, 1, i)", "f"),
        // `v = [v, x]` (Compiler+Grow.swift): numbers appended in place, anything else combined as usual
        ("v = [1]", "v = [v, i * 2]", "v"),
        ("v = [1]\nw = v", "v = [v, i, i / 2]", "[w, v]"),
        ("v = [1]", "v = [v, [i, i]]", "v"),
        ("v = [1]", "v = [v, na]", "v"),
        ("v = [1]", "v = [v, if (i == 3) \"a\" else i]", "v"),
        ("v = [true]", "v = [v, i > 1]", "v"),
        ("v = 1", "v = [v, i]", "v"),
        ("", "v = [v, nowhere]", "1"),
        ("f = function(n) { v = []; for (k in 1:n) v = [v, k]; v }", "x = f(i)", "x"),
        // a function body's own vector, and a global assigned from a function body (the call's copy)
        ("f = function(n) { v = []; for (k in 1:n) v[k] = k; v }", "x = f(i)", "x"),
        ("x = [1, 2, 3]\ng = function(k) { x[k] = 0; x }", "y = g(i)", "[x, y]"),
    ])
    func `assigning by index in a loop gives what the assignments at the prompt give`(setup: String, statement: String, shown: String) {
        let ways = CompiledAppendTests.walkedAndLooped(setup, statement, shown: shown)
        #expect(ways[0] == ways[1], "\(statement): \(ways)")
    }

    @Test func `a loop fills a vector and a list by index`() {
        let t = run("x = []\nfor (i in 1:5) x[i] = i * 2\nx\nl = list()\nfor (i in 1:3) l[length(l) + 1] = i\nlength(l)\nl[3]")
        #expect(t.stderr == "")
        #expect(t.out == ["[2, 4, 6, 8, 10]", "3", "3"], "\(t.out)")
    }

    @Test func `an error leaves the variable as it was`() {
        let t = run(".bail off\nx = [1, 2, 3]\nfor (i in 1:3) x[i] = if (i == 2) \"a\" else 10 * i\nx\nl = list(1)\nl[5] = 0\nlength(l)")
        #expect(t.stderr.contains("cannot store text in 'x', which holds number"), "\(t.stderr)")
        #expect(t.stderr.contains("index 5 is out of range"), "\(t.stderr)")
        #expect(t.out == ["[10, 2, 3]", "1"], "\(t.out)")
    }

    @Test func `another variable, a list or a frame holding the same value keeps it`() {
        let t = run("""
            x = [1, 2, 3]
            y = x
            k = list(x)
            for (i in 1:3) x[i] = 0
            y
            k[1]
            l = list(1)
            m = l
            l[2] = 5
            length(m)
            f = frame(a=[1, 2])
            g = f
            h = list(f)
            for (i in 1:2) f.a[i] = 9
            g.a
            h[1].a
            f.a
            """)
        #expect(t.stderr == "")
        #expect(t.out == ["[1, 2, 3]", "[1, 2, 3]", "1", "[1, 2]", "[1, 2]", "[9, 9]"], "\(t.out)")
    }

    @Test func `an element read right after it is set is the new one`() {
        // x[i] is read unboxed from the vector's cached numbers, which the change must not leave stale.
        let t = run("x = [1, 2, 3]\ns = 0\nfor (i in 1:3) { x[i] = i * 100; s = s + x[i] }\ns")
        #expect(t.out.last == "600", "\(t.out)")
    }

    @Test func `a Ctrl-C in a filling loop leaves the vector whole`() {
        let polls = Mutex(0)
        let session = Session(isCancelled: { polls.withLock { $0 += 1; return $0 >= 200 } }, output: { _ in }, diagnostics: { _ in })
        #expect(session.run("x = []\nfor (i in 1:100000) x[i] = i").outcome == .failed)
        guard case .vector(let c)? = session.interpreter.variables["x"], case .number(let xs) = c.data else {
            Issue.record("x is not a vector: \(String(describing: session.interpreter.variables["x"]))")
            return
        }
        #expect(xs.count > 0 && xs.count < 100_000, "\(xs.count)")
        #expect(xs == (1...xs.count).map(Double.init))
    }
}
