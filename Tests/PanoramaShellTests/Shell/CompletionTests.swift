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

/// Context candidates come first, in this order: keywords, columns, variables, then builtins.
/// The tables give the leading candidates (builtins added later only lengthen the tail).
@Test(arguments: [
    // Expression start: variables, then builtins.
    ("sum", ["sum", "summarize"]),  // `su` also offers substr (issue 16), alphabetically first
    ("me", ["mean", "median"]),
    ("x = xs + n", ["n0", "n"]),
    ("cums", ["cumsum"]),
    // Columns after `frame.`.
    ("p.c", ["cost"]),
    ("p.", ["cost", "duration", "phase", "ministry"]),
    // Keyword arguments at the start of an argument.
    ("log(xs, b", ["base="]),
    ("round(n0, d", ["digits="]),
    ("diff(xs, l", ["lag="]),
    ("cumsum(x", ["xs"]),
    // A call on a frame: bare names are its columns.
    ("sum(p, co", ["cost"]),
    ("p |> mean(du", ["duration"]),
    ("p |> head(2) |> mean(du", ["duration"]),
    ("p.per_year = cost / du", ["duration"]),
    // Inside a formula: the frame named in the call or the statement, then the only frame.
    ("m = ols(log(cost) ~ du", ["duration"]),
    ("ols(cost ~ duration + ph", ["phase"]),
    ("f = cost ~ log(dur", ["duration"]),
    ("cost ~ m", ["ministry"]),
    // Dot-commands and their arguments.
    (".mo", [".mode"]),
    (".mode m", ["markdown"]),
    (".mode ", ["box", "markdown", "csv", "json"]),
    (".timer o", ["on", "off"]),
    (".charset a", ["ascii"]),
    (".seed ", ["off"]),
    (".help me", ["mean", "median"]),
    ("?cums", ["cumsum"]),
    ("x = 1; .ti", [".timer"]),
] as [(String, [String])])
func completionOffersWhatTheContextAllowsFirst(line: String, leading: [String]) {
    let got = complete(line)
    #expect(Array(got.prefix(leading.count)) == leading, "\(line) → \(got)")
}

/// Contexts where nothing fits.
@Test(arguments: ["# su", "12", "sum(xs)", "xs.c", "zz.c", ".mode markdown x", "x = \"a\" ", ".vars x"])
func completionOffersNothingWhereNothingFits(line: String) {
    #expect(complete(line).isEmpty, "\(line)")
}

/// Every candidate extends what was typed, and is a builtin, variable, column or keyword.
@Test(arguments: ["s", "m", "log(xs, ", "p |> where(", "n"])
func candidatesExtendTheTypedWordAndExist(line: String) {
    let session = completionSession()
    let word = String(line.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
    let known = Set(BuiltinRegistry.all.map(\.name)).union(session.interpreter.variables.keys)
        .union(["cost", "duration", "phase", "ministry"])
    for c in complete(line, session) {
        #expect(c.hasPrefix(word))
        #expect(known.contains(c) || c.hasSuffix("="), "\(c)")
    }
}

@Test func variablesAndColumnsDoNotLeakOutOfTheirContext() {
    #expect(!complete("mean(du").contains("duration"))        // no frame in this call
    #expect(!complete("log(xs, base=2, b").contains("base="))  // already given
    #expect(!complete("sum(x").contains("x="))                // the first positional is not offered
    #expect(!complete("cost ~ n").contains("n0"))             // a formula names columns, not variables
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
    #expect(r2.candidates.first == "delay")
    _ = session
}

@Test func formulaFrameIsNotGuessedAmongSeveral() {
    let two = completionSession(secondFrame: true)
    #expect(complete("cost ~ d", two).filter { $0 == "duration" || $0 == "delay" }.isEmpty)
    #expect(complete("ols(cost ~ d", two).contains("duration") == false)
    #expect(complete("ols(cost ~ du, p", two).contains("p"))
    #expect(complete("q |> ols(cost ~ de", two).first == "delay")
}

@Test func keywordArgumentsAlreadyGivenAreNotOfferedAgain() {
    // log(x, base=) has one keyword; once given nothing is left.
    #expect(complete("log(xs, base=10, ") .contains("base=") == false)
    #expect(complete("log(xs, ").first == "base=")
}

@Test func completionSeesEarlierLinesOfTheStatement() {
    let session = completionSession()
    let text = "log(xs,\n  b"
    #expect(Completion.candidates(line: text, cursor: text.unicodeScalars.count, session: session).first == "base=")
}

@Test func completionCountsUnicodeScalarsForAccentedText() {
    let session = completionSession()
    let line = "\"é\"; cums"
    let r = Completion.complete(line: line, cursor: line.unicodeScalars.count, variables: session.interpreter.variables)
    #expect(r == .init(start: 5, candidates: ["cumsum"]))
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
    #expect(DatasetLocator.available().map(\.name).contains("panorama"))
    #expect(complete("load(\"panor").contains { $0.hasPrefix("panorama") })
}

/// Inside the quotes of an argument whose parameter takes a fixed set of strings, TAB offers
/// those (from the builtin's parameter definition), not file names.
@Test(arguments: [
    ("forecast(xs, method=\"ho", ["holt\""]),
    ("forecast(xs, method=\"", ["auto", "combination", "naive", "drift", "mean", "trend", "ses", "holt"]),
    ("simulate(p, copula=\"", ["gaussian", "t", "iman-conover"]),
    ("simulate(p, copula='i", ["iman-conover'"]),
    ("fit(\"logn", ["lognormal\""]),
    ("join(p, p, how=\"l", ["left\""]),
    ("load(\"x.csv\", encoding=\"w", ["windows-1252\""]),
    ("predict(m, interval=\"p", ["prediction\""]),
    ("backtest(xs, methods=[\"naive\", \"dr", ["drift\""]),
])
func stringArgumentsCompleteTheirValues(line: String, expected: [String]) {
    #expect(complete(line) == expected)
}

/// Back-quoted names complete to column labels (accents and spaces kept) and close the quote;
/// names that are not plain identifiers are offered back-quoted.
@Test func backQuotedLabelsAndAccentedNamesComplete() {
    let session = completionSession()
    session.interpreter.set("c", .frame(Frame(columns: [
        Column(name: "cout_estime", label: "Coût estimé", .number([1])),
        Column(name: "durée", .number([2])),
        Column(name: "two words", .number([3])),
    ])))
    #expect(complete("sum(c.`Coû", session) == ["Coût estimé`"])
    #expect(complete("c |> where(`dur", session) == ["durée`"])
    #expect(complete("sum(c, dur", session).first == "durée")
    #expect(complete("c.tw", session) == ["`two words`"])
    // Scalar offsets: the word starts after the accented text before it.
    let line = "é = c |> sum(`Coû"
    let result = Completion.complete(line: line, cursor: line.unicodeScalars.count, variables: session.interpreter.variables)
    #expect(result.start == 14)
}
