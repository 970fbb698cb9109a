import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

/// A session whose stdout and stderr are captured line by line.
final class ShellTranscript {
    var out: [String] = []
    var err: [String] = []
    lazy var session = Session(output: { [unowned self] in self.out.append($0) },
                               diagnostics: { [unowned self] in self.err.append($0) })

    @discardableResult
    func run(_ text: String) -> Session.Outcome {
        session.run(text).outcome
    }

    /// Runs `text` and returns what it printed (stdout lines, stderr lines), clearing both.
    func take(_ text: String) -> (out: String, err: String) {
        out = []
        err = []
        session.run(text)
        return (out.joined(separator: "\n"), err.joined(separator: "\n"))
    }
}

@Test(arguments: [
    (".mode", "usage: .mode [box|markdown|csv|json]", "x"),
    (".mode", "usage: .mode [box|markdown|csv|json]", "box json"),
    (".timer", "usage: .timer [on|off]", "yes"),
    (".bail", "usage: .bail [on|off]", "1"),
    (".echo", "usage: .echo [on|off]", "of"),
    (".color", "usage: .color [on|off]", "on off"),
    (".charset", "usage: .charset [unicode|ascii]", "latin1"),
    (".maxrows", "usage: .maxrows [N]", "-1"),
    (".maxrows", "usage: .maxrows [N]", "many"),
    (".width", "usage: .width [N]", "wide"),
    (".seed", "usage: .seed [N|off]", "-3"),
    (".vars", "usage: .vars", "x"),
    (".last", "usage: .last", "all"),
    (".history", "usage: .history [N]", "0"),
    (".history", "usage: .history [N]", "ten"),
    (".quit", "usage: .quit", "now"),
    (".read", "usage: .read FILE", ""),
    (".read", "usage: .read FILE", "a b"),
    (".once", "usage: .once FILE", ""),
    (".output", "usage: .output [FILE]", "a b"),
])
func misusedCommandsPrintTheirUsage(command: String, usage: String, arguments: String) {
    let t = ShellTranscript()
    let r = t.take(command + (arguments.isEmpty ? "" : " " + arguments))
    #expect(r.err == "error: " + usage)
    #expect(r.out.isEmpty)
}

@Test func everyCommandHasAUsageLineAndASummary() {
    for c in Session.commands {
        #expect(c.usage.hasPrefix(c.name))
        #expect(!c.summary.isEmpty)
    }
    let names = Session.commands.map(\.name)
    #expect(Set(names).count == names.count)
    for required in [".mode", ".timer", ".read", ".output", ".once", ".maxrows", ".width", ".vars", ".seed",
                     ".bail", ".echo", ".charset", ".color", ".last", ".history", ".quit", ".help"] {
        #expect(names.contains(required), "\(required)")
    }
}

@Test func settingsShowTheirValueWithoutAnArgument() {
    let t = ShellTranscript()
    #expect(t.take(".mode").out == "box")
    t.run(".mode markdown")
    #expect(t.take(".mode").out == "markdown")
    #expect(t.take(".timer").out == "off")
    #expect(t.take(".bail").out == "on")
    t.run(".bail off")
    #expect(t.take(".bail").out == "off")
    #expect(t.take(".seed").out == "off")
    t.run(".seed 42")
    #expect(t.take(".seed").out == "42")
    #expect(t.session.interpreter.defaultSeed == 42)
    t.run(".seed off")
    #expect(t.session.interpreter.defaultSeed == nil)
    t.run(".maxrows 5")
    #expect(t.take(".maxrows").out == "5")
    #expect(t.session.options.maxRows == 5)
    t.run(".width 100")
    #expect(t.session.options.width == 100)
    // Outside 20…1000 the width is clamped, with a note (a huge width once made rendering
    // allocate without bound).
    #expect(t.take(".width 100000000").err.contains("using 1000"))
    #expect(t.session.options.width == 1000)
    #expect(t.take(".width 19").err.contains(".width 19 is outside 20…1000 columns; using 20"))
    #expect(t.session.options.width == 20)
    #expect(t.take("[1, 2, 3]").out == "[1, 2, 3]")
    t.run(".charset ascii")
    #expect(t.session.options.charset == .ascii)
    #expect(t.session.options.numbers.ascii)
    t.run(".color off")
    #expect(t.take(".color").out == "off")
}

@Test func modeChangesHowResultsPrint() {
    let t = ShellTranscript()
    t.run(".mode json")
    #expect(t.take("[1, na, 3]").out == "[1, null, 3]")
    t.run(".mode box")
    #expect(t.take("[1, na, 3]").out == "[1, na, 3]")
}

@Test func timerPrintsWallAndCpuTimeOnStderr() throws {
    let t = ShellTranscript()
    t.run(".timer on")
    let r = t.take("x = 1; x + 1")
    #expect(r.out == "2")
    let lines = r.err.split(separator: "\n")
    #expect(lines.count == 2)
    let regex = try Regex(#"^Run Time: wall \d+\.\d{4} s, cpu \d+\.\d{4} s$"#)
    for line in lines { #expect(line.wholeMatch(of: regex) != nil, "\(line)") }
    t.run(".timer off")
    #expect(t.take("1").err.isEmpty)
}

@Test func echoPrintsEachStatementBeforeItsResult() {
    let t = ShellTranscript()
    t.run(".echo on")
    #expect(t.take("1 + 1\n2 * 3").out == "1 + 1\n2\n2 * 3\n6")
}

@Test func bailStopsAtTheFirstErrorOnlyWhenOn() {
    let t = ShellTranscript()
    t.run(".bail on")
    var r = t.take("nope\n1 + 1")
    #expect(r.out.isEmpty)
    t.run(".bail off")
    r = t.take("nope\n1 + 1")
    #expect(r.out == "2")
    #expect(r.err.hasPrefix("error: no variable or function named 'nope'"))
}

@Test func varsListsNameKindAndSummary() {
    let t = ShellTranscript()
    #expect(t.take(".vars").out == "no variables yet")
    t.run("b = [1, 2]; a = 3")
    let listing = t.take(".vars").out
    #expect(listing.contains("a"))
    #expect(listing.contains("number vector of 2"))
    #expect(listing.range(of: "a ")!.lowerBound < listing.range(of: "b ")!.lowerBound)
    t.run(".mode json")
    #expect(t.take(".vars").out == #"{"columns": ["name", "kind", "summary"], "rows": [["a", "number", "number 3"], ["b", "vector", "number vector of 2"]]}"#)
}

@Test func lastShowsTheLastResultAgain() {
    let t = ShellTranscript()
    #expect(t.take(".last").out == "no result yet")
    t.run("[4, 5, 6]")
    #expect(t.take(".last").out == "[4, 5, 6]")
    t.run("y = 1")  // an assignment prints nothing in a script: .last keeps the vector
    #expect(t.take(".last").out == "[4, 5, 6]")
}

@Test func readRunsAScriptInThisSessionAndNamesItsErrors() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-read-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = dir.appendingPathComponent("good.pn")
    try "z = 40\nz + 2\n".write(to: good, atomically: true, encoding: .utf8)
    let bad = dir.appendingPathComponent("bad.pn")
    try "w = 1\nw +\n".write(to: bad, atomically: true, encoding: .utf8)
    let t = ShellTranscript()
    #expect(t.take(".read \(good.path)").out == "42")
    #expect(t.take("z").out == "40")
    let r = t.take(".read \(bad.path)")
    #expect(r.err.hasPrefix("\(bad.path):"))
    #expect(t.take(".read \(dir.path)/missing.pn").err == "error: cannot read '\(dir.path)/missing.pn': there is no such file")
    // Quoted paths may hold spaces.
    let spaced = dir.appendingPathComponent("with space.pn")
    try "7".write(to: spaced, atomically: true, encoding: .utf8)
    #expect(t.take(".read \"\(spaced.path)\"").out == "7")
}

@Test func outputAndOnceSendResultsToAFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = ShellTranscript()
    let all = dir.appendingPathComponent("all.txt").path
    #expect(t.take(".output \(all)\n1\n2\n.output\n3").out == "3")
    #expect(try String(contentsOfFile: all, encoding: .utf8) == "1\n2\n")
    let once = dir.appendingPathComponent("once.txt").path
    #expect(t.take(".once \(once)\n10\n20").out == "20")
    #expect(try String(contentsOfFile: once, encoding: .utf8) == "10\n")
    #expect(t.take(".output /nonexistent-dir/x.txt").err == "error: /nonexistent-dir/x.txt: no such folder '/nonexistent-dir'")
}

@Test func quitStopsTheRunAndExitAliasesIt() {
    let t = ShellTranscript()
    #expect(t.run(".quit\n1") == .quit)
    #expect(t.out.isEmpty)
    let u = ShellTranscript()
    #expect(u.run(".exit") == .quit)
}

@Test func historyAsksTheREPLAndSaysWhenThereIsNone() {
    let t = ShellTranscript()
    #expect(t.take(".history").out == "no history: .history lists what was typed at the interactive prompt")
    var asked: [Int] = []
    t.session.historyProvider = { asked.append($0); return "listing" }
    #expect(t.take(".history").out == "listing")
    #expect(t.take(".history 3").out == "listing")
    #expect(asked == [20, 3])
}

@Test func unknownCommandsSuggestTheClosest() {
    let t = ShellTranscript()
    #expect(t.take(".moed json").err == "error: unknown command '.moed'. Did you mean '.mode'? (.help commands lists them)")
    #expect(t.take(".frobnicate").err == "error: unknown command '.frobnicate' (.help commands lists them)")
}

@Test func historyListingNumbersEntriesAndIndentsContinuationLines() {
    #expect(REPL.historyListing(["a = 1", "b = [1,\n2]"], total: 12) == "11  a = 1\n12  b = [1,\n    2]")
    #expect(REPL.historyListing([], total: 0) == "no history yet")
}
