import Testing
@testable import PanoramaShell

/// Lists inside lists, and `map`'s choice between a vector and a list.
@Suite struct ListEdgeTests {
    @Test func `a list inside a list prints its entries with their paths`() {
        let t = run("l = list(a=1, b=list(c=2, d=[1, 2], e=list(3)), g=list())\nl")
        #expect(t.stderr == "")
        #expect(t.stdout == "a: 1\n\nb.c: 2\n\nb.d: [1, 2]\n\nb.e[1]: 3\n\ng: list()")
    }

    @Test func `a frame inside a list prints as a table under its name`() {
        let t = run("list(n=2, rows=frame(a=[1, 2]))")
        #expect(t.stdout == "n: 2\n\nrows:\n┌───┐\n│ a │\n├───┤\n│ 1 │\n│ 2 │\n└───┘")
    }

    @Test(arguments: [
        ("map([\"a\", \"b\"], function(x) if (x == \"a\") na else x)", "[na, \"b\"]"),
        ("map(1:3, function(x) if (x == 1) na else x)", "[na, 2, 3]"),
        ("map([true, false], function(x) if (x) na else x)", "[na, false]"),
        ("map(1:2, function(i) date(2024, i))", "[2024-01, 2024-02]"),
        ("map(1:2, function(x) na)", "[na, na]"),
        ("map([], sqrt)", "list()"),
        ("map(1:2, function(x) if (x == 1) \"a\" else 2)", "[1]: \"a\"\n\n[2]: 2"),
    ])
    func `map gives a vector when the results are scalars of one kind, na among them`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.stdout == expected)
    }
}

/// `l.name = v` on a list, as R's `l$name <- v`.
@Suite struct ListMemberAssignmentTests {
    @Test func `assigning a list's member replaces or adds the entry`() {
        let t = run("l = list(a=1)\nl.a = 10\nl.b = \"deux\"\nl")
        #expect(t.stderr == "")
        #expect(t.stdout == "a: 10\n\nb: \"deux\"")
    }

    @Test func `a list's member is assigned inside a loop body too`() {
        let t = run("l = list()\nfor (e in [13, 14]) { l.last = e }\nl.last")
        #expect(t.stderr == "")
        #expect(t.stdout == "14")
    }
}

/// A list indexed by a vector of names.
@Suite struct ListNameIndexTests {
    @Test func `a vector of names takes those entries as a shorter list`() {
        let t = run("l = list(a=1, b=\"deux\", c=3)\nl[[\"c\", \"a\"]]")
        #expect(t.stderr == "")
        #expect(t.stdout == "c: 3\n\na: 1")
    }

    @Test func `an unknown name among them gets a did-you-mean`() {
        let t = run("l = list(alpha=1)\nl[[\"alpah\"]]")
        #expect(t.stderr.contains("the list has no entry 'alpah'. Did you mean 'alpha'?"))
    }
}

/// A loop that collects one frame per group in a list, then binds them: the R and pandas way
/// (`do.call(rbind, l)`, `pd.concat(l)`); `stack` took frames only, so the list was refused.
@Suite struct ListOfFramesTests {
    @Test func `stack binds a list of frames a loop collected`() {
        let code = """
        p = frame(dept=["DWP", "MoD", "DWP"], cost=[1, 2, 4])
        rows = list()
        for (g in split(p, by=dept)) rows[length(rows) + 1] = frame(dept=g.dept[1], n=nrow(g), total=sum(g.cost))
        stack(rows) |> sort(total)
        nrow(stack(split(p, by=dept), frame(dept="x", cost=0)))
        """
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.first?.contains("│ MoD  │ 1 │     2 │\n│ DWP  │ 2 │     5 │") == true, "\(t.stdout)")
        #expect(t.out.last == "4")
    }

    @Test func `stack names the entry that is not a frame`() {
        let t = run("stack(list(frame(a=[1]), 2))")
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("stack() takes frames or lists of frames, not a number"), "\(t.stderr)")
    }

    @Test func `names of a list are its entry names`() {
        let t = run("names(list(a=1, 2, b=\"x\"))")
        #expect(t.stderr == "")
        #expect(t.stdout == "[\"a\", na, \"b\"]")
    }
}
