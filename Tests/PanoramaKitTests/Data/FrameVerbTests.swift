import Testing
@testable import PanoramaKit

let verbProjects = Frame(columns: [
    Column(name: "project", .text(Categorical(["A", "B", "C", "D", "E"]))),
    Column(name: "phase", .text(Categorical(["Cadrage", "Déploiement", "Cadrage", nil, "Déploiement"]))),
    Column(name: "cost", .number([12.5, 40, .nan, 7, 40])),
])

func verbTexts(_ f: Frame, _ c: String) -> [String?] {
    guard case .text(let t)? = f.column(c)?.data else { return [] }
    return t.strings
}

@Test func headTailAndFilter() {
    #expect(verbTexts(verbProjects.head(2), "project") == ["A", "B"])
    #expect(verbTexts(verbProjects.head(-3), "project") == ["A", "B"])
    #expect(verbTexts(verbProjects.tail(2), "project") == ["D", "E"])
    #expect(verbTexts(verbProjects.head(99), "project").count == 5)
    #expect(verbTexts(verbProjects.filter([1, 0, -1, 1, 0]), "project") == ["A", "D"])
}

@Test func sortIsStableWithNaLastInBothDirections() {
    let up = verbProjects.sorted(by: [(2, false)])
    #expect(verbTexts(up, "project") == ["D", "A", "B", "E", "C"])
    let down = verbProjects.sorted(by: [(2, true)])
    #expect(verbTexts(down, "project") == ["B", "E", "A", "D", "C"])
    let byPhase = verbProjects.sorted(by: [(1, false), (2, true)])
    #expect(verbTexts(byPhase, "project") == ["A", "C", "B", "E", "D"])
}

@Test func groupsAreOrderedByKeyWithNaLast() {
    #expect(verbProjects.groups(by: [1]) == [[0, 2], [1, 4], [3]])
    let counts = verbProjects.countRows(by: [1])
    #expect(verbTexts(counts, "phase") == ["Cadrage", "Déploiement", nil])
    #expect(counts.column("n")?.data.numbers == [2, 2, 1])
}

@Test func distinctKeepsFirstOccurrences() {
    #expect(verbTexts(verbProjects.distinct(on: [1]), "phase") == ["Cadrage", "Déploiement", nil])
    #expect(verbProjects.distinct().rowCount == 5)
}

@Test func joinInnerLeftAndFull() throws {
    let owners = Frame(columns: [
        Column(name: "project", .text(Categorical(["A", "C", "Z"]))),
        Column(name: "cost", .number([1, 2, 3])),
    ])
    let inner = try verbProjects.join(owners, on: ["project"])
    #expect(verbTexts(inner, "project") == ["A", "C"])
    #expect(inner.names == ["project", "phase", "cost_x", "cost_y"])
    let left = try verbProjects.join(owners, on: ["project"], kind: .left)
    #expect(left.rowCount == 5)
    #expect(left.column("cost_y")?.data.numbers?.map { $0.isNaN ? -1 : $0 } == [1, -1, 2, -1, -1])
    let full = try verbProjects.join(owners, on: ["project"], kind: .full)
    #expect(verbTexts(full, "project") == ["A", "B", "C", "D", "E", "Z"])
    #expect(throws: KernelError("no column named 'projet'. Did you mean 'project'?")) { try verbProjects.join(owners, on: ["projet"]) }
}

@Test func stackMatchesColumnsByNameAndAddsAnId() throws {
    let a = Frame(columns: [Column(name: "project", .text(Categorical(["A"]))), Column(name: "cost", .number([1]))])
    let b = Frame(columns: [Column(name: "cost", .number([2, 3])), Column(name: "phase", .text(Categorical(["X", nil])))])
    let s = try Frame.stack([a, b], id: "edition", ids: Column(name: "ids", .number([13, 14])))
    #expect(s.names == ["edition", "project", "cost", "phase"])
    #expect(s.column("edition")?.data.numbers == [13, 14, 14])
    #expect(verbTexts(s, "project") == ["A", nil, nil])
    #expect(s.column("cost")?.data.numbers == [1, 2, 3])
    let wrong = Frame(columns: [Column(name: "cost", .text(Categorical(["x"])))])
    #expect(throws: KernelError("column 'cost' is number in one frame but text in frame 2")) { try Frame.stack([a, wrong]) }
}

@Test func describeSummarizesEachColumn() {
    let d = verbProjects.describe()
    #expect(verbTexts(d, "column") == ["project", "phase", "cost"])
    #expect(d.column("count")?.data.numbers == [5, 4, 4])
    #expect(d.column("missing")?.data.numbers == [0, 1, 1])
    #expect(d.column("distinct")?.data.numbers == [5, 2, 3])
    let cost = d.rows([2])
    #expect(cost.column("mean")?.data.numbers == [24.875])
    #expect(cost.column("median")?.data.numbers == [26.25])
    #expect(cost.column("q25")?.data.numbers == [11.125])            // R type 7
    #expect(abs(cost.column("sd")!.data.numbers![0] - 17.608591652940333) < 1e-12)   // Python statistics.stdev
    #expect(verbTexts(d, "top")[1] == "Cadrage 2, Déploiement 2")
}

@Test func frequencyTableCountsMostFrequentFirstThenNa() {
    let t = Frame.frequencyTable(verbProjects.columns[1])
    #expect(verbTexts(t, "phase") == ["Cadrage", "Déploiement", nil])
    #expect(t.column("n")?.data.numbers == [2, 2, 1])
    #expect(t.column("percent")?.data.numbers?.prefix(2) == [50, 50])
}
