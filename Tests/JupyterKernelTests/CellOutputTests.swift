import Foundation
import PanoramaShell
import Testing
@testable import JupyterKernel

/// What a cell sends on IOPub, in order, from what the session prints.
@Suite struct CellOutputTests {
    /// Runs `code` in a fresh session wired as the kernel wires it; returns the messages.
    static func run(_ code: String) -> (messages: [(type: String, content: [String: Any])], error: [String: Any]?) {
        let session = Session(options: Kernel.renderOptions)
        var messages: [(type: String, content: [String: Any])] = []
        let cell = CellOutput(session: session) { messages.append(($0, $1)) }
        session.output = cell.print
        session.diagnostics = cell.diagnose
        session.valueSink = cell.show
        let error = cell.finish(failed: session.run(code).outcome == .failed)
        return (messages, error)
    }

    static func plain(_ content: [String: Any]) -> String? {
        (content["data"] as? [String: Any])?["text/plain"] as? String
    }

    @Test("The cell's last value is its execute_result; earlier ones are display data")
    func results() {
        let out = CellOutputTests.run("1 + 1\n[1, 2] * 3")
        #expect(out.messages.map(\.type) == ["display_data", "execute_result"])
        #expect(out.messages.map { CellOutputTests.plain($0.content) } == ["2", "[3, 6]"])
        #expect(out.error == nil)
    }

    @Test("A table carries text/plain as the terminal draws it, text/markdown and the DESIGN §4 JSON")
    func tableBundle() throws {
        let out = CellOutputTests.run("frame(a=[1, 2], b=[\"x\", \"y\"])")
        let data = try #require(out.messages.last?.content["data"] as? [String: Any])
        #expect((data["text/plain"] as? String)?.hasPrefix("┌") == true)
        #expect((data["text/markdown"] as? String)?.hasPrefix("|") == true)
        let json = try #require(data["application/json"] as? [String: Any])
        #expect(json["columns"] as? [String] == ["a", "b"])
        #expect((json["rows"] as? [[Any]])?.count == 2)
    }

    @Test("Notes go to the stderr stream after the value they follow")
    func notes() {
        let out = CellOutputTests.run("mean([1, na, 3])")
        #expect(out.messages.map(\.type) == ["display_data", "stream"])
        #expect(out.messages[1].content["name"] as? String == "stderr")
        #expect((out.messages[1].content["text"] as? String)?.hasPrefix("note: ") == true)
    }

    @Test("A failing cell sends one error message with the caret rendering, not a stderr line")
    func errors() throws {
        let out = CellOutputTests.run("x = 1\nmean(x, nope=2) + (")
        #expect(out.messages.map(\.type) == ["error"])
        let error = try #require(out.error)
        #expect(error["ename"] as? String == "Error")
        let traceback = try #require(error["traceback"] as? [String])
        #expect(traceback.count == 3 && traceback[0].hasPrefix("error: ") && traceback[2].hasSuffix("^"))
        #expect(error["evalue"] as? String == String(traceback[0].dropFirst("error: ".count)))
    }

    @Test("The name under the cursor is what inspection looks up")
    func word() {
        #expect(Kernel.word(in: "x = quantile(p.cost, 0.8)", at: 8) == "quantile")
        #expect(Kernel.word(in: ".help", at: 5) == ".help")
        #expect(Kernel.word(in: "", at: 3) == "")
    }
}

/// IPython habits a Jupyter user brings — magics, shell escapes, `name?` — get an error saying
/// what panorama offers instead, not the parser's "unexpected '%'" or "write 'not'".
@Test(arguments: [
    ("%matplotlib inline", "panorama has no IPython magics such as '%matplotlib'"),
    ("\n  %%time\n1 + 1", "panorama has no IPython magics such as '%%time'"),
    ("!ls -l", "panorama's kernel runs no shell commands such as '!ls'"),
    ("ols?", "help is ?ols (or .help ols), not 'ols?'"),
    ("ols??", "help is ?ols (or .help ols), not 'ols??'"),
])
func anIPythonHabitOnACellsFirstLineIsAClearError(code: String, message: String) {
    #expect(Kernel.ipythonHabit(code)?.hasPrefix(message) == true, "\(Kernel.ipythonHabit(code) ?? "nil")")
}

@Test(arguments: ["x = 10 % 3", "?ols", "# %not a magic\n1", "a = [1, 2]\n!done", ".timer on", "if (x > 1) 2 else 3"])
func panoramaCodeIsNotMistakenForAnIPythonHabit(code: String) {
    #expect(Kernel.ipythonHabit(code) == nil)
}
