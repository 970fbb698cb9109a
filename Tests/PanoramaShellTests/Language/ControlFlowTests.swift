import Testing
@testable import PanoramaShell

@Suite struct ControlFlowTests {
    @Test(arguments: [
        ("if (2 > 1) \"yes\" else \"no\"", "\"yes\""),
        ("if (2 < 1) \"yes\" else \"no\"", "\"no\""),
        ("x = if (true) 3 else 4\nx + 1", "4"),
        ("total = 0\nfor (i in 1:4) total = total + i\ntotal", "10"),
        ("total = 0\nfor (i in [1, 2, 3, 4]) { if (i == 2) next; if (i == 4) break; total = total + i }\ntotal", "4"),
        ("i = 1\nwhile (i < 100) i = i * 3\ni", "243"),
        ("n = 0\nwhile (true) { n = n + 1; if (n >= 5) break }\nn", "5"),
        ("s = \"\"\nfor (w in [\"a\", \"b\"]) s = w\ns", "\"b\""),
        ("n = 0\nfor (r in frame(x=[1, 2, 3])) n = n + r.x\nn", "[6]"),
        ("k = 0\nfor (g in split(frame(m=[\"a\", \"b\", \"a\"]), by=m)) k = k + nrow(g)\nk", "3"),
    ])
    func `control flow computes as in R`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }

    @Test func `loops print nothing themselves and print shows values once`() {
        let t = run("for (i in 1:3) i * 2\nfor (i in 1:2) print(i * 10)\nprint(\"once\")")
        #expect(t.out == ["10", "20", "\"once\""])
    }

    @Test func `an na condition is an error naming it`() {
        let t = run("x = na\nif (x > 1) 1 else 2")
        #expect(t.stderr.contains("the condition of 'if' is na (x > 1)"))
        // A one-value vector holding na (an element, a comparison of one) says the same.
        for (setup, condition) in [("x = [na]", "x"), ("x = [1, na]", "x[2] > 1"), ("x = [1, na]", "x[2:2] > 1")] {
            let u = run(setup + "\nwhile (\(condition)) 1")
            #expect(u.stderr.contains("the condition of 'while' is na (\(condition))"), "\(u.stderr)")
        }
        let v = run("if ([true, false]) 1")
        #expect(v.stderr.contains("has 2 values"))
    }

    @Test func `a block spans lines inside a call`() {
        let t = run("""
        p = frame(m=["a", "b", "a"], cost=[1, 2, 4])
        group_map(p, by=m, function(g) {
          total = sum(g.cost)
          list(n=nrow(g), total=total)
        })
        """)
        #expect(t.stderr == "")
        #expect(t.stdout.contains("total"))
        #expect(t.stdout.contains("5"))
    }

    @Test func `else may start the next line inside braces`() {
        let t = run("f = function(x) {\n  if (x > 0) \"pos\"\n  else \"neg\"\n}\nf(-2)")
        #expect(t.stdout == "\"neg\"")
    }

    @Test(arguments: [
        ("x += 1", "there is no '+='; write x = x + 1"),
        ("x = 1; x -= 2", "there is no '-='; write x = x - 2"),
        ("x <- 3", "there is no '<-'"),
        ("true && false", "there is no '&' or '&&'; write 'and'"),
        ("true || false", "there is no '|' or '||'; write 'or'"),
        ("!true", "there is no '!'; write 'not'"),
    ])
    func `constructs from other languages are refused in words`(code: String, message: String) {
        #expect(run(code).stderr.contains(message))
    }

    @Test func `help has pages for the constructs`() {
        for topic in ["function", "for", "if", "while"] {
            let t = run(".help \(topic)")
            #expect(t.stdout.contains("example:"), "\(topic)")
            #expect(!t.stdout.contains("error:"), "\(topic)")
        }
    }
}

/// The scalar fast path must agree with the vectorised operators on every operator.
@Test(arguments: ["+", "-", "*", "/", "%", "^", "==", "!=", "<", "<=", ">", ">="])
func `scalar operators agree with their vector form`(op: String) {
    for (a, b) in [(7.0, 3.0), (-7.0, 3.0), (7.0, -3.0), (0.0, 0.0), (2.5, 2.5), (1.0, 0.0)] {
        let scalar = run("\(a) \(op) \(b)").stdout
        let vector = run("([\(a)] \(op) [\(b)])[1]").stdout
        #expect(scalar == vector, "\(a) \(op) \(b)")
    }
}

@Test func `a loop leaves ans to the last printed value`() {
    let t = run("6 * 7\nfor (i in 1:3) i\nans")
    #expect(t.out == ["42", "42"])
}
