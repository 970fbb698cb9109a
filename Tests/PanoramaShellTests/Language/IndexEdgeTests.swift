import Testing
@testable import PanoramaShell

/// Indexes R users write that panorama reads differently, and na among true/false indexes.
@Suite struct IndexEdgeTests {
    @Test(arguments: [
        ("x = [5, 6, 7]\nx[0]", "index 0 is out of range: the vector has 3 values; valid indexes are 1 to 3 (indexes start at 1)"),
        ("x = [5, 6, 7]\nx[-1]", "index -1 is out of range: the vector has 3 values; valid indexes are 1 to 3 (negative indexes do not drop elements as in R: take the others with a range or a condition)"),
        ("p = frame(a=[1, 2])\np[3]", "index 3 is out of range: the frame has 2 rows; valid indexes are 1 to 2"),
    ])
    func `zero and negative indexes say how panorama reads them`(code: String, message: String) {
        let t = run(code)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("error: " + message + "\n"), "\(t.stderr)")
    }

    @Test(arguments: [
        ("x = [5, 6, 7]\nx[[true, na, true]]", "[5, 7]", "note: the index left out 1 value where the condition is na"),
        ("p = frame(a=[1, na, 3])\nnrow(p[a > 0])", "2", "note: the index left out 1 row where the condition is na"),
    ])
    func `na in a true or false index leaves the element out with a note as where does`(code: String, expected: String, note: String) {
        let t = run(code)
        #expect(t.outcome == .ok)
        #expect(t.out.last == expected)
        #expect(t.stderr == note)
    }

    @Test func `a frame's bare names are its columns inside the index of one of its columns`() {
        let t = run("p = frame(a=[1, 5, 9], b=[10, 20, 30])\np.b[a > 4]\np.b[a > 4] = 0\np.b")
        #expect(t.stderr == "")
        #expect(t.out == ["[20, 30]", "[10, 0, 0]"])
    }

    @Test func `a frame's bare names are its columns inside a column index in compiled loop bodies too`() {
        let t = run("p = frame(a=[1, 5, 9], b=[10, 20, 30])\nt = 0\nfor (k in 1:2) { t = t + sum(p.b[a > 4]) }\nt")
        #expect(t.stderr == "")
        #expect(t.out.last == "100")
    }
}

/// `by=` of the group-wise functions names columns of the frame the data comes from.
@Suite struct GroupingNameTests {
    @Test(arguments: ["cumsum(p.cost, by=mm)", "diff(p.cost, by=mm)", "lag(p.cost, by=mm)",
                      "fit(\"normal\", p.cost, by=mm)", "uplift(p.cost, by=mm)", "cumsum(p.cost, by=[m, mm])",
                      "cumsum(p.cost, by=\"mm\")"])
    func `an unknown column in by= gets a did-you-mean like other names`(call: String) {
        let t = run("p = frame(m=[\"a\", \"b\", \"a\"], cost=[1, 2, 3])\n" + call)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("error: no column named 'mm'. Did you mean 'm'?"), "\(t.stderr)")
    }

    @Test func `by= still takes a vector variable of groups`() {
        let t = run("p = frame(m=[\"a\", \"b\", \"a\"], cost=[1, 2, 3])\ng = [\"x\", \"x\", \"y\"]\ncumsum(p.cost, by=g)")
        #expect(t.stderr == "")
        #expect(t.stdout == "[1, 3, 3]")
    }
}

/// `f.col[rows] = v` on a column the frame does not have.
@Suite struct MissingColumnAssignmentTests {
    @Test func `assigning rows of a missing column says how to make it`() {
        let t = run("p = frame(cost=[1, 2])\np.flag[1] = true")
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("error: no column named 'flag' in 'p'; make it first (p.flag = na), then assign to its rows"), "\(t.stderr)")
    }

    @Test func `the advice works`() {
        let t = run("p = frame(cost=[1, 2])\np.flag = na\np.flag[1] = true\np.flag")
        #expect(t.stderr == "")
        #expect(t.out.last == "[true, na]")
    }

    @Test func `a misspelt column still gets a did-you-mean`() {
        let t = run("p = frame(cost=[1, 2])\np.cots[1] = 3")
        #expect(t.stderr.contains("no column named 'cots'. Did you mean 'cost'?"))
    }
}

/// Indexes pandas and R users write for a column or a character.
@Suite struct ForeignIndexTests {
    @Test(arguments: [
        ("p = frame(cost=[1, 2])\np[\"cost\"]", "a frame's [ ] takes rows (by number or condition); for the column 'cost' write p.cost or column(p, \"cost\")"),
        ("s = \"abc\"\ns[2]", "a text is one value, not its characters; substr(x, start, stop) takes characters"),
    ])
    func `a column or character index says how to write it`(code: String, message: String) {
        let t = run(code)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("error: " + message), "\(t.stderr)")
    }

    @Test func `the first element of a scalar text is itself`() {
        #expect(run("s = \"abc\"\ns[1]").stdout == "\"abc\"")
    }
}

/// `x[i] = v` with a value of another type: R converts the whole vector, panorama says how.
@Suite struct IndexTypeChangeTests {
    @Test(arguments: [
        ("x = [1, 2, 3]\nx[2] = \"a\"", "cannot store text in 'x', which holds number; convert it first with as_text(…)"),
        ("x = [\"a\", \"b\"]\nx[2] = 3", "cannot store number in 'x', which holds text; convert the value with as_text(…)"),
        ("p = frame(start=[date(2024, 1, 5)])\np.start[1] = \"2020-01-01\"", "cannot store text in 'p.start', which holds date; read it as a date first with as_date(…)"),
        ("p = frame(a=[1, 2])\np.a[1] = true", "cannot store bool in 'p.a', which holds number"),
    ])
    func `storing another type says which conversion to write`(code: String, message: String) {
        let t = run(code)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("error: " + message), "\(t.stderr)")
    }

    @Test(arguments: [
        ("x[1] = date(2024, 5, 17)\nx", "[2024-05-17, 2024-02-01, 2024-03-01]"),
        ("for (k in 1:1) x[1] = date(2024, 5, 17)\nx", "[2024-05-17, 2024-02-01, 2024-03-01]"),
        ("f = function(v) { v[2] = date(2024, 5, 17); v }\nf(x)", "[2024-01-01, 2024-05-17, 2024-03-01]"),
        ("x[4] = date(2024, 5, 17)\nx", "[2024-01-01, 2024-02-01, 2024-03-01, 2024-05-17]"),
        ("p = frame(d=x)\np.d[1] = date(2024, 5, 17)\np.d", "[2024-05-17, 2024-02-01, 2024-03-01]"),
    ])
    func `a day stored among month dates keeps its day and makes them days as a vector literal does`(code: String, expected: String) {
        let t = run("x = seq(date(2024, 1), date(2024, 3), by=\"month\")\n" + code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }

    @Test func `the conversion it names works`() {
        let t = run("x = [1, 2, 3]\nx = as_text(x)\nx[2] = \"a\"\nx")
        #expect(t.stderr == "")
        #expect(t.out.last == "[\"1\", \"a\", \"3\"]")
    }
}

/// `s[i] = "…"` on a text vector sets codes in place instead of re-encoding every string.
@Suite struct TextIndexAssignmentTests {
    @Test func `assigned texts keep the others and reuse or add levels`() {
        let t = run("s = [\"a\", \"b\", na]\ns[3] = \"b\"\ns[4] = \"é\"\ns[[1, 5]] = [\"c\", na]\ns\ntable(s)")
        #expect(t.stderr == "")
        #expect(t.out.first == "[\"c\", \"b\", \"b\", \"é\", na]")
        #expect(!t.stdout.contains("│ a "), "a replaced text is no value any more: \(t.stdout)")
    }

    @Test func `a loop fills a text vector with repeated and new texts`() {
        let t = run("s = []\nfor (i in 1:300) s[i] = paste(\"p\", i % 7)\nlength(s)\ns[[7, 8, 300]]\nnrow(table(s))")
        #expect(t.stderr == "")
        #expect(t.out == ["300", "[\"p 0\", \"p 1\", \"p 6\"]", "7"])
    }
}

