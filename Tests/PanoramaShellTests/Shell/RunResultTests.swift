import Foundation
import PanoramaKit
import Testing
@testable import PanoramaShell

/// `Session.run` says what happened as data; its callers never parse the printed text.
@Suite struct RunResultTests {
    func session() -> Session { Session(output: { _ in }, diagnostics: { _ in }) }

    @Test func theResultListsTheValuesShownAndTheNotesRaised() {
        let r = session().run("x = [1, na, 3]\nsum(x)\nprint(2)")
        #expect(r.outcome == .ok)
        #expect(r.shown.count == 2)
        if case .number(let v)? = r.shown.first { #expect(v == 4) } else { Issue.record("sum(x) not shown: \(r.shown)") }
        #expect(r.notes == ["sum skipped 1 na value"])
        #expect(r.errors.isEmpty && !r.interrupted)
    }

    @Test func theResultCarriesTheErrorWithItsPositionAndRendersItWithTheFile() {
        let r = session().run("a = 1\nb = a + nope", file: "s.pan")
        #expect(r.outcome == .failed)
        #expect(r.errors.count == 1)
        #expect(r.errors.first?.range?.line == 2)
        #expect(r.errors.first.map(r.render)?.hasPrefix("s.pan:2:9: error: no variable or function named 'nope'\n") == true)
    }

    @Test func withBailOffEveryErrorIsListed() {
        let s = session()
        s.bail = false
        let r = s.run("1 + nope\n2\n3 + nada")
        #expect(r.errors.count == 2)
        #expect(r.shown.count == 1)
    }

    @Test func aCancelledRunSaysItWasInterrupted() {
        let s = Session(isCancelled: { true }, output: { _ in }, diagnostics: { _ in })
        let r = s.run("x = 1\ny = 2")
        #expect(r.outcome == .failed)
        #expect(r.interrupted)
    }

    @Test func quitEndsTheRunWithOutcomeQuit() {
        #expect(session().run(".quit\n1").outcome == .quit)
    }

    @Test func aNoteContainingTheWordsErrorColonCannotFailANotebook() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-runresult-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("error: not one.csv").path
        let markdown = "```panorama\nsave(frame(x=[1, 2]), \"\(path)\")\n```\n"
        let r = Notebook(markdown: markdown).execute(file: "n.md")
        #expect(r.text.contains("note: wrote 2 rows"))
        #expect(r.succeeded, "\(r.errors)")
        #expect(r.errors.isEmpty)
    }

    @Test func aNotebookStoppedByCtrlCSaysSoAndExitsWith130() {
        let r = Notebook(markdown: "```panorama\n1\n```\n").execute(file: "n.md", isCancelled: { true })
        #expect(r.interrupted)
        #expect(!r.succeeded)
        #expect(r.exitCode == 130)
        #expect(r.errors.isEmpty)
    }

    @Test func readReportsOneInterruptionForTheWholeScript() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-read-\(getpid()).pan").path
        try "1\n2\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        final class Lines { var err: [String] = [] }
        let lines = Lines()
        let s = Session(isCancelled: { true }, output: { _ in }, diagnostics: { lines.err.append($0) })
        let r = s.run(".read \(path)")
        #expect(r.interrupted)
        #expect(lines.err == ["interrupted"])
    }
}
