import Foundation
import Testing
@testable import PanoramaShell

@Suite struct NotebookTests {
    let source = """
    # Title

    ```panorama
    x = [1, 2, na, 4]
    sum(x)
    ```

    Prose.

    ```panorama
    x * 2
    ```
    """

    @Test func outputsFollowTheirBlockWithAProvenanceLineFirst() {
        let r = Notebook(markdown: source).execute(file: "n.md")
        #expect(r.succeeded)
        #expect(r.text == """
        # Title

        ```panorama
        x = [1, 2, na, 4]
        sum(x)
        ```

        ```output
        panorama \(PanoramaVersion.string)
        7
        note: sum skipped 1 na value
        ```

        Prose.

        ```panorama
        x * 2
        ```

        ```output
        [2, 4, na, 8]
        ```

        """)
    }

    @Test func rerunningReplacesOutputsInsteadOfDuplicating() {
        let once = Notebook(markdown: source).execute(file: "n.md").text
        let twice = Notebook(markdown: once).execute(file: "n.md").text
        #expect(once == twice)
    }

    @Test func aHandEditedOutputDiffersFromAFreshRun() {
        let once = Notebook(markdown: source).execute(file: "n.md").text
        let edited = once.replacingOccurrences(of: "\n7\n", with: "\n8\n")
        let fresh = Notebook(markdown: edited).execute(file: "n.md").text
        #expect(fresh != edited)
        let diff = lineDiff(edited, fresh, oldName: "n.md", newName: "fresh run")
        #expect(diff.contains("-8\n+7"))
    }

    @Test func errorsStopTheRunWithTheNotebookLine() {
        let r = Notebook(markdown: "text\n\n```panorama\n1\nzz\n```\n\n```panorama\n2\n```\n").execute(file: "n.md")
        #expect(!r.succeeded)
        #expect(r.errors == ["n.md:5:1: error: no variable or function named 'zz'"])
        #expect(!r.text.contains("\n2\n```\n\n```output"))
    }

    @Test func keepGoingShowsTheErrorInPlaceAndContinues() {
        let r = Notebook(markdown: "```panorama\nzz\n```\n\n```panorama\n2\n```\n").execute(file: "n.md", keepGoing: true)
        #expect(r.text.contains("n.md:2:1: error: no variable or function named 'zz'"))
        #expect(r.text.hasSuffix("```output\n2\n```\n"))
    }

    @Test func otherFencedBlocksAreLeftAlone() {
        let text = "```sh\nmake test\n```\n\n```output\nkept\n```\n"
        #expect(Notebook(markdown: text).execute(file: "n.md").text == text)
    }

    /// Issue 14.4: the recorded position is the written file's, so `--check` passes at once.
    @Test func anErrorBlockKeepsItsPositionInTheWrittenNotebook() throws {
        let text = "# T\n\n```panorama\nx = 1\nx + 1\n```\n\nProse.\n\n```panorama\n[1, 2]\n```\n\n```panorama error\nx\nzz + 1\n```\n"
        try expectErrorPositionOfTheWrittenFile(text, failingLine: "zz + 1")
    }

    /// Runs `text` once; the error names the line of `failingLine` in the written document, and
    /// a second run (what `--check` does) gives the same document.
    func expectErrorPositionOfTheWrittenFile(_ text: String, failingLine: String) throws {
        let once = Notebook(markdown: text).execute(file: "n.md")
        #expect(once.succeeded)
        let lines = once.text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex(of: failingLine))
        #expect(once.text.contains("n.md:\(line + 1):1: error: no variable or function named 'zz'"))
        #expect(Notebook(markdown: once.text).execute(file: "n.md").text == once.text)
    }

    @Test func anErrorBlockBeforeALoadCountsTheWholeProvenance() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("a.csv").path, tsv = dir.appendingPathComponent("b.csv").path
        try "x\n1\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try "y\n2\n".write(toFile: tsv, atomically: true, encoding: .utf8)
        let text = "```panorama\n1\n```\n\n```panorama error\nzz\n```\n\n```panorama\nload(\"\(csv)\")\nload(\"\(tsv)\")\n```\n"
        try expectErrorPositionOfTheWrittenFile(text, failingLine: "zz")
    }
}
