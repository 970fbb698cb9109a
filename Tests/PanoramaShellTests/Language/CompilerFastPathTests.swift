import Testing
@testable import PanoramaShell

/// The compiled forms' fast paths (Compiler+Numbers.swift, Compiler+Calls.swift, reused call
/// scopes) against the tree walk: an expression typed at the prompt is walked, the same
/// expression in a loop body or a function body is compiled, and the two must print the same
/// value or the same error.
@Suite struct CompilerFastPathTests {
    static let setup = "a = 3\nv = [1, 2, na]\nn = na\nt = \"x\"\nb = true\nu = [\"p\", \"q\"]\nd = 4\nsq = function(x) x * x\n"

    @Test(arguments: [
        "a * 2 + 1", "-a ^ 2", "a % -2", "-7 % 3", "7.5 % 2", "2 ^ 0.5", "a / (a - 3)", "-a / 0",
        "0 / 0 + 1", "n + 1", "n ^ 0", "1 ^ n", "v * a + 1", "a + v[2]", "v[3] + 1", "a - v",
        "a > 2", "a * 2 == 6", "a <= n", "n == n", "v > 1", "a != a + 1e-300",
        "t + 1", "a + t", "b + 1", "-t", "a > t", "v[4] + 1", "v[0.5]", "q + 1",
        "v[a - 1] * 2", "v[-1]", "v[n]", "u[1] + 1", "d[1] + 1", "v[[1, 2]] * 2", "sq(a) + 1", "sq(v) + 1", "sq(t)",
    ])
    func `unboxed arithmetic and comparisons give the tree walk's value or error`(expr: String) {
        let ways = walkedLoopedCalled(expr, after: Self.setup)
        #expect(ways[0] == ways[1] && ways[0] == ways[2], "\(expr): \(ways)")
        #expect(!ways[0].isEmpty)
    }

    @Test func `an element read in a loop follows the vector when it changes`() {
        let t = run("x = [1, 2, 3]\ns = 0\nfor (i in 1:3) { s = s + x[i]; if (i == 1) x = [10, 20, 30]; if (i == 2) x[3] = 300 }\ns")
        #expect(t.stderr == "")
        #expect(t.out.last == "321")
        let u = run("x = [1, 2]\nfor (i in 1:2) { if (i == 2) x = [\"a\", \"b\"]; y = x[i] + 1 }", file: "e.pan")
        #expect(u.stderr.contains("e.pan:2:50: error: cannot apply '+' to text and number"), "\(u.stderr)")
    }

    @Test func `a variable that changes type inside a loop leaves the fast path`() {
        // number, then vector, then na, then number again: each iteration's value as walked.
        let t = run("x = 1\nout = list()\nfor (i in 1:4) { if (i == 2) x = [10, 20]; if (i == 3) x = na; if (i == 4) x = 5; out[i] = x * 2 + i }\nout")
        #expect(t.stderr == "")
        #expect(t.stdout == "[1]: 3\n\n[2]: [22, 42]\n\n[3]: na\n\n[4]: 14")
        let u = run("x = 1\nfor (i in 1:2) { if (i == 2) x = \"a\"; y = x * 2 }", file: "s.pan")
        #expect(u.stderr.hasPrefix("s.pan:2:43: error: cannot apply '*' to text and number"), "\(u.stderr)")
    }

    @Test func `a condition that is na or a vector in a compiled if is the same error`() {
        let t = run("x = na\nfor (i in 1:1) if (x > 1) 1", file: "c.pan")
        #expect(t.stderr.hasPrefix("c.pan:2:20: error: the condition of 'if' is na (x > 1)"), "\(t.stderr)")
        let u = run("x = [1, 2]\nwhile (x > 1) x = 0")
        #expect(u.stderr.contains("has 2 values; it needs one true or false"))
    }

    @Test func `a column shadows a variable of the same name inside a frame call in a body`() {
        let t = run("cost = 100\np = frame(cost=[1, 2, 3])\nf = function(cost) nrow(where(p, cost * 2 > 3))\ns = 0\nfor (i in 1:2) s = s + f(i) + cost\ns")
        #expect(t.stderr == "")
        #expect(t.out.last == "204")
    }

    @Test func `a function of its parameters alone reads its own arguments in nested calls`() {
        // f(i, f(2, i)) = i * (2i - 2) - i = 2i² - 3i: -1 + 2 + 9; the global x is not read.
        let t = run("x = 100\nf = function(x, y) x * y - x\ns = 0\nfor (i in 1:3) s = s + f(i, f(2, i))\ns")
        #expect(t.stderr == "")
        #expect(t.out.last == "10")
        // An argument that is not a plain number leaves the fast path, and the next calls are right.
        let u = run("g = function(a, b) a + b\nn = na\nfor (i in 1:2) r = g(i, n)\nr\nfor (i in 1:2) r = g(i, g(i, 1))\nr")
        #expect(u.stderr == "")
        #expect(u.out == ["na", "5"])
        let e = run("g = function(a, b) a + b\nfor (i in 1:2) r = g(i, \"t\")", file: "g.pan")
        #expect(e.stderr.hasPrefix("g.pan:1:20: error: cannot apply '+' to number and text"), "\(e.stderr)")
    }

    @Test func `closures keep the scope of the call that made them`() {
        // A call's scope is reused for the next call only when nothing kept it: here each
        // closure keeps its own k.
        let t = run("make = function(k) function(x) x + k\nadders = map(1:3, make)\nadd2 = adders[2]\nadd2(10)\nadders[3](10)\nadd2(0)")
        #expect(t.stderr == "")
        #expect(t.out == ["12", "13", "2"])
        // Closures made in a loop see the loop's (shared) variable, as in R.
        let u = run("fs = list()\nfor (i in 1:3) fs[i] = function(x) x + i\nfs[1](10)")
        #expect(u.out.last == "13")
    }

    @Test func `recursion keeps each call's locals apart`() {
        let t = run("f = function(n) { if (n == 0) return(0); a = n; b = f(n - 1); a * 10 + b }\nf(4)\ng = function(n) if (n < 2) n else g(n - 1) + g(n - 2)\nmap(1:6, g)")
        #expect(t.stderr == "")
        // 4·10 + 3·10 + 2·10 + 1·10: each level's `a` survives the deeper calls.
        #expect(t.out == ["100", "[1, 1, 2, 3, 5, 8]"])
    }

    @Test func `a call whose argument fails leaves the next call a clean scope`() {
        let t = run(".bail off\nf = function(x) { y = x + 1; y }\nf(\"a\")\nf(2)\ng = function(x) exists_here\ng(1)\nf(3)")
        #expect(t.out == ["3", "4"])
        #expect(t.err.count == 2)
    }
}
