import Foundation
import Testing
import TestSupport
@testable import PanoramaShell

/// Markdown notebooks ↔ .ipynb (`panorama notebook --to`).
@Suite struct NotebookJupyterTests {
    static let sample = """
    # Title

    Some text.

    ```panorama
    x = 2
    x * 3
    ```

    ```output
    panorama 0.1.0
    dataset panorama.csv e9f9731e534285a3
    6
    ```

    ```panorama error
    y + 1
    ```

    ```output
    s.md:16:1: error: no variable named 'y'
    ```

    ```panorama
    x
    ```

    Closing words.

    """

    static func document(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("Markdown becomes nbformat 4.5 cells: text, code with its output, error blocks tagged, provenance in metadata")
    func toIpynb() throws {
        let doc = try NotebookJupyterTests.document(Notebook.ipynb(fromMarkdown: NotebookJupyterTests.sample))
        #expect(doc["nbformat"] as? Int == 4 && doc["nbformat_minor"] as? Int == 5)
        let cells = try #require(doc["cells"] as? [[String: Any]])
        #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code", "code", "code", "markdown"])
        #expect(cells[0]["source"] as? [String] == ["# Title\n", "\n", "Some text."])
        #expect(cells[1]["source"] as? [String] == ["x = 2\n", "x * 3"])
        let outputs = try #require(cells[1]["outputs"] as? [[String: Any]])
        #expect(outputs.count == 1 && outputs[0]["text"] as? [String] == ["6\n"])
        #expect((cells[2]["metadata"] as? [String: Any])?["tags"] as? [String] == ["raises-exception"])
        // Never executed: no execution count, no outputs.
        #expect(cells[3]["execution_count"] is NSNull)
        let meta = try #require(doc["metadata"] as? [String: Any])
        #expect((meta["panorama"] as? [String: Any])?["provenance"] as? [String]
                == ["panorama 0.1.0", "dataset panorama.csv e9f9731e534285a3"])
        #expect((meta["kernelspec"] as? [String: Any])?["name"] as? String == "panorama")
    }

    @Test("Markdown → ipynb → Markdown gives back the same bytes")
    func roundTripSample() throws {
        let md = NotebookJupyterTests.sample
        #expect(try Notebook.markdown(fromIpynb: Notebook.ipynb(fromMarkdown: md)) == md)
    }

    @Test("Every checked notebook of the repository survives the round trip byte for byte",
          arguments: ["README.md", "docs/language.md", "notebooks/01-portfolio-tour.md", "notebooks/02-cost-growth-drivers.md",
                      "notebooks/03-cost-overrun-risk.md", "notebooks/04-next-semester-total.md",
                      "notebooks/05-per-ministry-edition-8.md"])
    func roundTripCheckedNotebooks(_ name: String) throws {
        let md = try String(contentsOf: RepositoryPaths.root.appendingPathComponent(name), encoding: .utf8)
        #expect(try Notebook.markdown(fromIpynb: Notebook.ipynb(fromMarkdown: md)) == md)
    }

    @Test("A Jupyter-made notebook (one-string sources, results, errors, progress displays) becomes Markdown")
    func fromJupyter() throws {
        let ipynb = """
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
          {"cell_type": "markdown", "metadata": {}, "source": "Intro"},
          {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "1 + 1\\n[1, 2]", "outputs": [
            {"output_type": "display_data", "metadata": {"panorama": {"progress": true}}, "data": {"text/plain": "[###   ] 10 %"}},
            {"output_type": "display_data", "metadata": {}, "data": {"text/plain": "2"}},
            {"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/plain": ["[1, ", "2]"]}}]},
          {"cell_type": "code", "metadata": {"tags": ["raises-exception"]}, "execution_count": 2, "source": "z", "outputs": [
            {"output_type": "error", "ename": "Error", "evalue": "x", "traceback": ["error: no variable named 'z'"]}]}
        ]}
        """
        #expect(try Notebook.markdown(fromIpynb: ipynb) == """
        Intro

        ```panorama
        1 + 1
        [1, 2]
        ```

        ```output
        panorama \(PanoramaVersion.string)
        2
        [1, 2]
        ```

        ```panorama error
        z
        ```

        ```output
        error: no variable named 'z'
        ```

        """)
    }

    @Test("Text that is not a notebook is refused with a one-line reason")
    func notANotebook() {
        #expect(throws: PanoramaError.self) { try Notebook.markdown(fromIpynb: "[1, 2]") }
        #expect(throws: PanoramaError.self) { try Notebook.markdown(fromIpynb: "not json") }
    }
}
