import Testing
@testable import PanoramaShell

@Suite struct IndexTests {
    @Test(arguments: [
        ("1:5", "[1, 2, 3, 4, 5]"),
        ("3:1", "[3, 2, 1]"),
        ("x = [5, 6, 7, 8]\nx[2]", "6"),
        ("x = [5, 6, 7, 8]\nx[2:3]", "[6, 7]"),
        ("x = [5, 6, 7, 8]\nx[x > 6]", "[7, 8]"),
        ("x = [5, 6, 7, 8]\nx[2] = 60\nx", "[5, 60, 7, 8]"),
        ("x = [5, 6, 7, 8]\nx[x > 6] = 0\nx", "[5, 6, 0, 0]"),
        ("p = frame(cost=[1, 5, 9])\nnrow(p[2:3])", "2"),
        ("p = frame(cost=[1, 5, 9])\np[cost > 4].cost", "[5, 9]"),
        ("p = frame(cost=[1, 5, 9])\np.cost[1] = 100\np.cost", "[100, 5, 9]"),
        ("which = \"cost\"\ncolumn(frame(cost=[1, 2]), which)", "[1, 2]"),
        ("l = list(model=\"m\", n=12)\nl[2]", "12"),
        ("l = list(model=\"m\", n=12)\nl.model", "\"m\""),
        ("l = list(model=\"m\", n=12)\nl[\"n\"] = 13\nl.n", "13"),
        ("as_number([\"13\", \"14.5\"])[2] + 1", "15.5"),
        ("as_text(13)", "\"13\""),
        ("square = function(x) x ^ 2\nmap(1:4, square)", "[1, 4, 9, 16]"),
        ("map([1, 2], function(x) if (x > 1) \"big\" else 3)", "[1]: 3\n\n[2]: \"big\""),
    ])
    func `ranges and indexes are 1-based as in R`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }

    @Test func `the interaction colon still works inside a formula`() {
        let t = run("f = y ~ a:b\nf")
        #expect(t.stdout == "y ~ a:b")
    }

    @Test(arguments: [
        ("x = [1, 2, 3]\nx[4]", "index 4 is out of range: the vector has 3 values; valid indexes are 1 to 3"),
        ("x = [1, 2, 3]\nx[0]", "index 0 is out of range"),
        ("x = [1, 2, 3]\nx[1.5]", "an index must be whole numbers, not 1.5"),
        ("x = [1, 2, 3]\nx[[true, false]]", "a true/false index needs one value per element"),
        ("x = [1, 2, 3]\nx[5] = 1", "index 5 is out of range: 'x' has 3 values"),
        ("x = [1, 2, 3]\nx[1] = \"a\"", "cannot store text in 'x', which holds number"),
        ("p = frame(cost=[1])\np[3]", "index 3 is out of range: the frame has 1 row"),
        ("1:1e12", "too long"),
        ("\"a\":3", "a range a:b needs two whole numbers"),
    ])
    func `bad indexes get one-line errors with the valid range`(code: String, message: String) {
        let t = run(code)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains(message))
    }

    @Test func `group_map returns a frame with the group column first`() {
        let t = run("""
        p = frame(m=["b", "a", "b"], cost=[1, 2, 4])
        r = group_map(p, by=m, function(g) list(n=nrow(g), total=sum(g.cost)))
        names(r)
        r.total
        """)
        #expect(t.stderr == "")
        #expect(t.out == ["[\"m\", \"n\", \"total\"]", "[2, 5]"])
    }

    @Test func `group_map returns a named list when results are not rows`() {
        let t = run("""
        p = frame(m=["b", "a", "b"], cost=[1, 2, 4])
        r = group_map(p, by=m, function(g) g.cost)
        r.b
        """)
        #expect(t.stderr == "")
        #expect(t.stdout == "[1, 4]")
    }

    @Test(arguments: [
        ("x = [1, 2]\nx[3] = 7\nx", "[1, 2, 7]"),
        ("x = [1, 2]\nx[length(x) + 1] = 7\nlength(x)", "3"),
        ("x = [1, 2]\nx[3:4] = [7, 8]\nx", "[1, 2, 7, 8]"),
        ("x = [1, 2]\nx[[4, 3]] = [8, 7]\nx", "[1, 2, 7, 8]"),
        ("s = \"a\"\ns[2] = \"b\"\ns", "[\"a\", \"b\"]"),
        ("b = [true]\nb[2] = na\nb", "[true, na]"),
        ("acc = [0]\nfor (i in 1:4) acc[i + 1] = acc[i] + i\nacc", "[0, 1, 3, 6, 10]"),
        ("l = list(a=1)\nl[2] = \"b\"\nl[2]", "\"b\""),
        ("l = list()\nfor (e in [13, 14]) l[length(l) + 1] = e * 10\nlength(l)", "2"),
        ("length(list(a=1, b=[1, 2]))", "2"),
        ("length(7)", "1"),
    ])
    func `assigning just past the end grows a vector or a list`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }

    @Test(arguments: [
        ("x = [1, 2, 3]\nx[5] = 1", "index 5 is out of range: 'x' has 3 values; assign to 1 to 4 (4 appends; gaps are not filled with na)"),
        ("x = [1, 2, 3]\nx[[4, 6]] = 1", "index 6 is out of range: 'x' has 3 values; assign to 1 to 4"),
        ("l = list(1)\nl[3] = 1", "index 3 is out of range: the list has 1 value; assign to 1 to 2"),
        ("p = frame(cost=[1])\np.cost[2] = 5", "index 2 is out of range: 'p.cost' has 1 value; valid indexes are 1 to 1"),
        ("length(frame(a=[1]))", "for a frame, nrow(f) counts its rows and ncol(f) its columns"),
    ])
    func `an assignment beyond the next position or into a frame's column does not grow`(code: String, message: String) {
        let t = run(code)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains(message), "\(t.stderr)")
    }
}
