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
}
