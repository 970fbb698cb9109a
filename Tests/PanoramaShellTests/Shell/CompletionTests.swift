import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

/// A session holding a frame `p` (cost, duration, phase, ministry), a number `n0` and a vector `xs`.
func completionSession(secondFrame: Bool = false) -> Session {
    let session = Session(output: { _ in }, diagnostics: { _ in })
    let p = Frame(columns: [
        Column(name: "cost", .number([10, 20, 30])),
        Column(name: "duration", .number([2, 3, 4])),
        Column(name: "phase", .text(Categorical(["Build", "Run", "Build"]))),
        Column(name: "ministry", .text(Categorical(["A", "B", "C"]))),
    ])
    session.interpreter.set("p", .frame(p))
    session.interpreter.set("n0", .number(3))
    session.interpreter.set("xs", .vector(Column(name: "xs", .number([1, 2]))))
    if secondFrame {
        session.interpreter.set("q", .frame(Frame(columns: [Column(name: "delay", .number([1])), Column(name: "cause", .number([2]))])))
    }
    return session
}

func complete(_ line: String, _ session: Session = completionSession()) -> [String] {
    Completion.candidates(line: line, cursor: line.unicodeScalars.count, session: session)
}

@Test(arguments: [
    // Expression start: builtins and variables.
    ("su", ["sum"]),
    ("me", ["mean", "median"]),
    ("x = xs + n", ["n0", "n"]),
    ("m", ["max", "mean", "median", "min"]),
    // Columns after `frame.`.
    ("p.c", ["cost"]),
    ("p.", ["cost", "duration", "phase", "ministry"]),
    ("xs.c", []),
    ("zz.c", []),
    // Keyword arguments at the start of an argument.
    ("log(xs, b", ["base="]),
    ("round(n0, d", ["digits=", "diff"]),
    ("diff(xs, l", ["lag=", "lag", "log"]),
    ("log(xs, base=2, b", []),
    ("cumsum(x", ["xs"]),
    // A call on a frame: bare names are its columns.
    ("sum(p, co", ["cost", "cor"]),
    ("p |> mean(du", ["duration"]),
    ("p |> head(2) |> mean(du", ["duration"]),
    ("p.per_year = cost / du", ["duration"]),
    ("mean(du", []),
    // Inside a formula: the frame named in the call or the statement, then the only frame.
    ("m = ols(log(cost) ~ du", ["duration"]),
    ("ols(cost ~ duration + ph", ["phase"]),
    ("f = cost ~ log(dur", ["duration"]),
    ("cost ~ m", ["ministry", "max", "mean", "median", "min"]),
    // Dot-commands and their arguments.
    (".mo", [".mode"]),
    (".mode m", ["markdown"]),
    (".mode ", ["box", "markdown", "csv", "json"]),
    (".timer o", ["on", "off"]),
    (".charset a", ["ascii"]),
    (".mode markdown x", []),
    (".help me", ["mean", "median"]),
    ("?su", ["sum"]),
    ("x = 1; .ti", [".timer"]),
    // Nothing in comments, numbers and after a closing bracket.
    ("# su", []),
    ("12", []),
    ("sum(xs)", []),
] as [(String, [String])])
func completionOffersWhatTheContextAllows(line: String, expected: [String]) {
    #expect(complete(line) == expected, "\(line)")
}

@Test func completionReplacesTheWordBeingTyped() {
    let session = completionSession()
    let r = Completion.complete(line: "y = p.co", cursor: 8, variables: session.interpreter.variables)
    #expect(r == .init(start: 6, candidates: ["cost"]))
    let c = Completion.complete(line: ".mode mar", cursor: 9, variables: session.interpreter.variables)
    #expect(c.start == 6)
    let d = Completion.complete(line: ".mo", cursor: 3, variables: session.interpreter.variables)
    #expect(d.start == 0)
}

@Test func completionUsesTheCursorNotTheLineEnd() {
    let session = completionSession()
    // Cursor after `ols(cost ~ du`, the data frame typed later on the line.
    let line = "ols(cost ~ du, q)"
    let two = completionSession(secondFrame: true)
    let r = Completion.complete(line: line, cursor: 13, variables: two.interpreter.variables)
    #expect(r.candidates.isEmpty)  // q has no column starting with du
    let r2 = Completion.complete(line: "ols(cost ~ de, q)", cursor: 13, variables: two.interpreter.variables)
    #expect(r2.candidates == ["delay"])
    _ = session
}

@Test func formulaFrameIsNotGuessedAmongSeveral() {
    let two = completionSession(secondFrame: true)
    #expect(complete("cost ~ d", two).filter { $0 == "duration" || $0 == "delay" }.isEmpty)
    #expect(complete("ols(cost ~ d", two).contains("duration") == false)
    #expect(complete("ols(cost ~ du, p", two).contains("p"))
    #expect(complete("q |> ols(cost ~ de", two) == ["delay"])
}

@Test func keywordArgumentsAlreadyGivenAreNotOfferedAgain() {
    // log(x, base=) has one keyword; once given nothing is left.
    #expect(complete("log(xs, base=10, ") .contains("base=") == false)
    #expect(complete("log(xs, ").first == "base=")
}

@Test func completionSeesEarlierLinesOfTheStatement() {
    let session = completionSession()
    let text = "log(xs,\n  b"
    #expect(Completion.candidates(line: text, cursor: text.unicodeScalars.count, session: session) == ["base="])
}

@Test func completionCountsUnicodeScalarsForAccentedText() {
    let session = completionSession()
    let line = "\"é\"; su"
    let r = Completion.complete(line: line, cursor: line.unicodeScalars.count, variables: session.interpreter.variables)
    #expect(r == .init(start: 5, candidates: ["sum"]))
}

@Test func pathsCompleteInsideStringsAndFileCommands() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-completion-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: dir.appendingPathComponent("costs.csv").path, contents: Data())
    FileManager.default.createFile(atPath: dir.appendingPathComponent("costs.xlsx").path, contents: Data())
    FileManager.default.createFile(atPath: dir.appendingPathComponent(".hidden").path, contents: Data())
    defer { try? FileManager.default.removeItem(at: dir) }
    let d = dir.path
    #expect(complete("load(\"\(d)/co") == ["\(d)/costs.csv", "\(d)/costs.xlsx"])
    #expect(complete("load(\"\(d)/costs.cs") == ["\(d)/costs.csv\""])
    #expect(complete("load('\(d)/costs.cs") == ["\(d)/costs.csv'"])
    #expect(complete("load(\"\(d)/s") == ["\(d)/sub/"])
    #expect(complete("load(\"\(d)/") == ["\(d)/costs.csv", "\(d)/costs.xlsx", "\(d)/sub/"])
    #expect(complete("load(\"\(d)/.h") == ["\(d)/.hidden\""])
    #expect(complete(".read \(d)/c") == ["\(d)/costs.csv", "\(d)/costs.xlsx"])
    #expect(complete(".output \(d)/s") == ["\(d)/sub/"])
    // The word starts after the quote.
    let r = Completion.complete(line: "x = load(\"\(d)/su", cursor: "x = load(\"\(d)/su".unicodeScalars.count, variables: [:])
    #expect(r.start == 10)
}

@Test func bundledDatasetsCompleteByShortNameInLoad() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-datasets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: dir.appendingPathComponent("panorama.csv").path, contents: Data("a\n1\n".utf8))
    FileManager.default.createFile(atPath: dir.appendingPathComponent("README.md").path, contents: Data())
    defer { try? FileManager.default.removeItem(at: dir) }
    setenv("PANORAMA_DATASETS", dir.path, 1)
    defer { unsetenv("PANORAMA_DATASETS") }
    #expect(Help.datasetNames() == ["panorama"])
    #expect(complete("load(\"panor").first == "panorama\"")
}
