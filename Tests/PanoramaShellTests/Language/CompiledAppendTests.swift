import Synchronization
import Testing
@testable import PanoramaShell

/// `s = paste(s, …)` compiled in a loop appends to the text in place (Compiler+Append.swift):
/// it must print what the same statements typed at the prompt (walked) print, leave `s` as it
/// was when an argument fails or is interrupted, and never change another variable's text.
@Suite struct CompiledAppendTests {
    /// The statement run three times at the prompt and in a compiled loop, then `shown` printed
    /// (its whole output).
    static func walkedAndLooped(_ setup: String, _ statement: String, shown variable: String = "s") -> [String] {
        let walked = run(".bail off\n" + setup + "\n" + (1...3).map { "i = \($0)\n\(statement)" }.joined(separator: "\n") + "\n" + variable)
        let looped = run(".bail off\n" + setup + "\nfor (i in 1:3) { \(statement) }\n" + variable)
        func shown(_ t: Transcript) -> String {
            let error = t.stderr.range(of: "error: ").map { String(t.stderr[$0.lowerBound...].prefix { $0 != "\n" }) }
            return (error ?? "") + " | " + t.out.joined(separator: "\n")
        }
        return [shown(walked), shown(looped)]
    }

    @Test(arguments: [
        ("s = \"a\"", "s = paste(s, i, sep=\"\")"),
        ("s = \"a\"", "s = paste(s, \"x\", i / 4, na, true, sep=\"-\")"),
        ("s = \"a\"", "s = paste(s, \"x\")"),
        ("s = \"a\"", "s = paste(s, \"x\", collapse=\"+\")"),
        ("s = \"a\"", "s = paste(s, \"x\", collapse=\"+\", sep=\"\")"),
        ("s = \"a\"", "s = paste(s, date(2024, 1, i), sep=\"/\")"),
        // constants only (what they add is worked out once), of every kind
        ("s = \"a\"", "s = paste(s, \"x\", 2.5, na, true, sep=\"-\")"),
        ("s = \"a\"", "s = paste(s, -1, \"y\")"),
        // an argument assigning `s` first: the text appended to is the one read before it
        ("s = \"a\"", "s = paste(s, { s = \"q\"; \"x\" }, sep=\"\")"),
        ("s = \"a\"", "s = paste(s, if (i > 1) { s = \"q\"; i } else \"x\", sep=\"\")"),
        ("s = \"a\"", "s = paste(s, { for (s in 1:2) 0; \"x\" }, sep=\"\")"),
        // `s` not a text of the running scope: the error names it before the argument's
        ("", "s = paste(s, nowhere, sep=\"\")"),
        // not appended: a vector piece, a text becoming a vector, a number, na
        ("s = \"a\"", "s = paste(s, [1, 2], sep=\"\")"),
        ("s = \"a\"; v = [\"p\", \"q\"]", "s = paste(s, v, collapse=\"\")"),
        ("s = 1", "s = paste(s, \"x\", sep=\"\")"),
        ("s = na", "s = paste(s, \"x\", sep=\"\")"),
        // errors: the call's own, and the binder's
        ("s = \"a\"", "s = paste(s, \"x\", sep=1)"),
        ("s = \"a\"", "s = paste(s, \"x\", collapse=na)"),
        ("s = \"a\"", "s = paste(s, \"x\", bad=1)"),
        ("s = \"a\"", "s = paste(s, \"x\", sep=\"\", sep=\"-\")"),
        ("s = \"a\"", "s = paste(s, function(x) x)"),
        // a function body's local text, and a global text read from a function body
        ("s = \"a\"\nf = function(n) { t = \"b\"; t = paste(t, n, sep=\"\"); t = paste(t, n); t }", "s = paste(s, f(i))"),
        ("s = \"a\"\nf = function(n) { s = paste(s, n, sep=\"\"); s }", "s = f(i)"),
        // the same append reached again while its arguments are evaluated (its buffer of values)
        ("s = \"a\"\nf = function(n) { t = \"b\"; t = paste(t, n, if (n > 0) f(n - 1) else \"z\", sep=\"\"); t }",
         "s = paste(s, f(i), sep=\"/\")"),
    ])
    func `appending in a loop prints what the walked statements print`(setup: String, statement: String) {
        let ways = Self.walkedAndLooped(setup, statement)
        #expect(ways[0] == ways[1], "\(statement): \(ways)")
    }

    @Test func `another variable holding the same text keeps it`() {
        let t = run("s = \"a\"\nt = s\nl = [s]\nfor (i in 1:3) s = paste(s, \"x\", sep=\"\")\nt\nl[1]\ns")
        #expect(t.stderr == "")
        #expect(t.out.suffix(3) == ["\"a\"", "\"a\"", "\"axxx\""], "\(t.out)")
    }

    @Test func `an append whose value is used gives the text, one in a loop body's middle does not change it`() {
        let t = run("""
            s = "a"
            f = function(t) { t = paste(t, "x", sep="") }
            for (i in 1:2) { u = { s = paste(s, "y", sep="") }; v = f(s); s = paste(s, "z", sep=""); w = 1 }
            u
            v
            s
            """)
        #expect(t.stderr == "")
        #expect(t.out.suffix(3) == ["\"ayzy\"", "\"ayzyx\"", "\"ayzyz\""], "\(t.out)")
    }

    @Test func `an error in an argument leaves the text as it was`() {
        let t = run(".bail off\ns = \"ab\"\nfor (i in 1:3) { s = paste(s, if (i == 2) nowhere else \"x\", sep=\"\") }\ns")
        #expect(t.stderr.contains("nowhere"), "\(t.stderr)")
        #expect(t.out.last == "\"abx\"")
        let u = run(".bail off\ns = \"ab\"\nfor (i in 1:3) { s = paste(s, \"x\", sep=if (i == 2) 1 else \"\") }\ns")
        #expect(u.stderr.contains("'sep' must be a string"), "\(u.stderr)")
        #expect(u.out.last == "\"abx\"")
    }

    @Test func `a Ctrl-C in an argument leaves the text as it was`() {
        // Cancelled half-way through the second call of spin: one call's polls are counted
        // first (how often a loop polls is the interpreter's business, not this test's).
        let spin = "spin = function() { k = 0; while (k < 100000) k = k + 1; \"x\" }\n"
        let counted = Mutex(0)
        let counter = Session(isCancelled: { counted.withLock { $0 += 1; return false } }, output: { _ in }, diagnostics: { _ in })
        counter.run(spin)
        counted.withLock { $0 = 0 }
        counter.run("spin()")
        let perCall = counted.withLock { $0 }
        #expect(perCall > 10, "spin() polled \(perCall) times")
        let polls = Mutex(0)
        var err: [String] = []
        let session = Session(isCancelled: { polls.withLock { $0 += 1; return $0 >= perCall * 3 / 2 } }, output: { _ in },
                              diagnostics: { err.append($0) })
        let code = spin + """
            s = "a"
            for (i in 1:5) s = paste(s, spin(), sep="")
            """
        #expect(session.run(code).outcome == .failed)
        #expect(err.last == "interrupted")
        guard case .string(let s)? = session.interpreter.variables["s"] else {
            Issue.record("s is not a text: \(String(describing: session.interpreter.variables["s"]))")
            return
        }
        #expect(s.hasPrefix("a") && s.dropFirst().allSatisfy { $0 == "x" } && s.count < 6, "\(s)")
        #expect(s.count > 1, "the first call should have finished: \(s)")
    }
}
