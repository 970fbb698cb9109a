import Testing
@testable import PanoramaShell

/// `group_map` when the function's results do not line up as rows.
@Suite struct GroupMapEdgeTests {
    let p = "p = frame(m=[\"a\", \"b\", \"a\"], cost=[1, 2, 3])\n"

    @Test func `a result named like the group column with other values is an error, not dropped`() {
        let t = run(p + "group_map(p, by=m, function(g) list(total=sum(g.cost), m=nrow(g)))")
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("f returned 'm', the name of the group column, with another value (2 for group 'a'); give it another name"), "\(t.stderr)")
    }

    @Test func `a result that repeats its group column is one row per group`() {
        let t = run(p + "r = group_map(p, by=m, function(g) head(g, 1))\nnames(r)\nr.cost")
        #expect(t.stderr == "")
        #expect(t.out == ["[\"m\", \"cost\"]", "[1, 2]"])
    }

    @Test func `results of different types for one column name the two groups`() {
        let t = run(p + "group_map(p, by=m, function(g) if (nrow(g) > 1) list(x=1) else list(x=\"z\"))")
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("f returned number as 'x' for group 'a' but text for group 'b'; a frame's column holds one type"), "\(t.stderr)")
    }

    @Test func `na for one group takes the type of the other groups' values`() {
        let t = run(p + "r = group_map(p, by=m, function(g) list(label=if (nrow(g) > 1) na else \"single\"))\nr.label")
        #expect(t.stderr == "")
        #expect(t.stdout == "[na, \"single\"]")
    }

    @Test func `stack takes a column of na only as the other frames' type`() {
        let t = run("stack(frame(x=[na]), frame(x=[\"a\"])).x")
        #expect(t.stderr == "")
        #expect(t.stdout == "[na, \"a\"]")
    }
}
