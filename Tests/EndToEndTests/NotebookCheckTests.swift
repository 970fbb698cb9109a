import Foundation
import Testing

/// Every notebook in notebooks/ is also a regression test: rerun with `--check`.
@Suite struct NotebookCheckTests {
    /// notebooks/*.md, docs/*.md (the language reference is a notebook too) and the README's tour.
    static var notebooks: [String] {
        [Binary.packageRoot.appendingPathComponent("README.md").path] + ["notebooks", "docs"].flatMap { folder -> [String] in
            let dir = Binary.packageRoot.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0).path }
        }
    }

    @Test(arguments: notebooks)
    func notebookOutputsAreUpToDate(path: String) throws {
        let r = try Binary.run(["notebook", path, "--check"], directory: Binary.packageRoot)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func checkFailsWithADiffOnAHandEditedOutput() throws {
        let nb = try Binary.temporaryFile("n.md", "```panorama\n6 * 7\n```\n")
        #expect(try Binary.run(["notebook", nb.path]).status == 0)
        let executed = try String(contentsOf: nb, encoding: .utf8)
        #expect(executed.contains("```output\npanorama "))
        try executed.replacingOccurrences(of: "\n42\n", with: "\n43\n").write(to: nb, atomically: true, encoding: .utf8)
        let r = try Binary.run(["notebook", nb.path, "--check"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("-43\n+42"))
    }

    @Test func outputGoesToDashO() throws {
        let nb = try Binary.temporaryFile("n.md", "```panorama\n1 + 1\n```\n")
        let out = nb.deletingLastPathComponent().appendingPathComponent("out.md")
        #expect(try Binary.run(["notebook", nb.path, "-o", out.path]).status == 0)
        #expect(try String(contentsOf: out, encoding: .utf8).hasSuffix("```output\npanorama 0.1.0\n2\n```\n"))
        #expect(try String(contentsOf: nb, encoding: .utf8) == "```panorama\n1 + 1\n```\n")
    }

    /// Issue 14.4: a new notebook with an error block passes `--check` right after its first run.
    @Test func aNewNotebookWithAnErrorBlockPassesCheckAfterItsFirstRun() throws {
        let nb = try Binary.temporaryFile("e.md", "# E\n\n```panorama\nx = [1, 2]\nsum(x)\n```\n\n```panorama\nx * 2\n```\n\n```panorama error\ncots * 2\n```\n")
        #expect(try Binary.run(["notebook", nb.path]).status == 0)
        let r = try Binary.run(["notebook", nb.path, "--check"])
        #expect(r.status == 0, "\(r.stderr)")
    }
}
