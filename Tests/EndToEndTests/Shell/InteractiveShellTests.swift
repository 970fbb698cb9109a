import Foundation
import Testing

/// The interactive shell driven through a pseudo-terminal: prompt, continuation, completion,
/// history across runs, Ctrl-C and Ctrl-D, help.
@Suite(.timeLimit(.minutes(2)))
struct InteractiveShellTests {
    /// A fresh HOME (no ~/.panoramarc) and XDG_STATE_HOME (history) per test.
    final class Sandbox {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-pty-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("state"), withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: root) }

        var environment: [String: String] {
            ["HOME": root.path, "XDG_STATE_HOME": root.appendingPathComponent("state").path]
        }

        func write(_ name: String, _ text: String) throws -> String {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        /// - Parameter environment: added to the sandbox's (nil removes a variable).
        func start(_ arguments: [String] = [], environment extra: [String: String?] = [:]) throws -> PseudoTerminal {
            var env: [String: String?] = environment
            env.merge(extra) { $1 }
            let t = try PseudoTerminal(arguments, environment: env)
            try t.waitFor("panorama> ")
            return t
        }
    }

    static let prompt = "panorama> "

    @Test func promptAndBannerAppear() throws {
        let box = try Sandbox()
        let t = try PseudoTerminal([], environment: box.environment)
        let first = try t.waitFor(Self.prompt)
        #expect(first.contains("panorama 0."))
        #expect(first.contains(".help"))
        t.sendLine("1 + 1")
        #expect(try t.waitFor(Self.prompt).contains("2\n"))
    }

    @Test func unfinishedStatementShowsTheContinuationPrompt() throws {
        let box = try Sandbox()
        let t = try box.start()
        t.sendLine("x = [1,")
        try t.waitFor("...> ")
        t.sendLine("2] |>")
        try t.waitFor("...> ")
        t.sendLine("sum()")
        let out = try t.waitFor(Self.prompt)
        #expect(out.contains("x: number 3"))
    }

    @Test func multiLineStatementIsRecalledAsOneBlockAfterRestart() throws {
        let box = try Sandbox()
        do {
            let t = try box.start()
            t.sendLine("y = [10,")
            try t.waitFor("...> ")
            #expect(try t.run("20]").contains("y: number vector of 2"))
            try t.run("1 + 1")
            try t.run("1 + 1")  // a duplicate: kept once
            t.send("\u{04}")
            #expect(try t.waitForExit() == 0)
        }
        let t = try box.start()
        // libedit's file format escapes blanks and newlines (vis(3)): one entry per statement.
        // Entries are appended as typed; a starting shell drops the duplicates from the file.
        let history = try String(contentsOfFile: box.root.appendingPathComponent("state/panorama/history").path, encoding: .utf8)
        #expect(history.components(separatedBy: "1\\040+\\0401").count == 2)
        #expect(history.contains("y\\040=\\040[10,\\01220]"))
        // Up twice: `1 + 1` once (deduplicated), then the two-line statement as one entry.
        t.send("\u{1B}[A\u{1B}[A")
        try t.waitFor("20]")
        t.sendLine("")
        let out = try t.waitFor(Self.prompt)
        #expect(out.contains("y: number vector of 2"))
        #expect(!out.contains("...>"))
        let listing = try t.run(".history 2")
        #expect(listing.contains("y = [10,\n"))
        #expect(listing.contains(".history 2"))
    }

    @Test func upArrowSearchesHistoryByPrefix() throws {
        let box = try Sandbox()
        let t = try box.start()
        try t.run("alpha = 1")
        try t.run("beta = 2")
        try t.run("gamma = 3")
        // `a` then Up skips `gamma` (which contains an `a`) and `beta`: entries starting with `a`.
        t.send("a\u{1B}[A")
        #expect(!(try t.waitFor("alpha = 1")).contains("gamma"))
        t.sendLine("")
        #expect(try t.waitFor(Self.prompt).contains("alpha: number 1"))
        // Ctrl-R: reverse incremental search.
        t.send("\u{12}bet")
        try t.waitFor("beta = 2")
        t.sendLine("")
        #expect(try t.waitFor(Self.prompt).contains("beta: number 2"))
    }

    @Test func tabCompletesBuiltinsVariablesKeywordsAndCommands() throws {
        let box = try Sandbox()
        let t = try box.start()
        try t.run("measurements = [3, 4, 5]")
        // A variable and a builtin at the start of an expression.
        t.send("cums\t(measu\t)\r")
        #expect(try t.waitFor(Self.prompt).contains("[3, 7, 12]"))
        // A keyword argument inside a call.
        t.send("log(100, bas\t10)\r")
        #expect(try t.waitFor(Self.prompt).contains("2\n"))
        // Two TABs list the candidates.
        t.send("me\t\t")
        let listing = try t.waitFor("median")
        #expect(listing.contains("mean"))
        t.send("\u{15}")  // Ctrl-U
        // A dot-command and its argument.
        t.send(".mo\t j\t\r")
        try t.waitFor("json")
        try t.waitFor(Self.prompt)
        #expect(try t.run("[1, na]").contains("[1, null]"))
        t.send(".ti\t on\r")
        try t.waitFor(".timer on")
        try t.waitFor(Self.prompt)
        #expect(try t.run("2 + 3").contains("Run Time: wall"))
    }

    @Test func tabCompletesFilePathsInsideStrings() throws {
        let box = try Sandbox()
        let path = try box.write("data/alpha_costs.csv", "a\n1\n")
        let folder = (path as NSString).deletingLastPathComponent
        let t = try box.start()
        t.send("f = \"\(folder)/alp\t\r")
        try t.waitFor("f: ")
        try t.waitFor(Self.prompt)
        #expect(try t.run("f").contains("\(folder)/alpha_costs.csv"))
        let script = try box.write("scripts/setup_vars.pn", "zeta = 42\n")
        let scripts = (script as NSString).deletingLastPathComponent
        t.send(".read \(scripts)/set\t\r")
        try t.waitFor("setup_vars.pn")
        try t.waitFor(Self.prompt)
        #expect(try t.run("zeta").contains("42"))
    }

    static let hasLoad: Bool = {
        let p = Process()
        p.executableURL = PseudoTerminal.binary
        p.arguments = ["--no-init", "-e", ".help load"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = Pipe()
        guard (try? p.run()) != nil else { return false }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return out.hasPrefix("load(")
    }()

    /// Needs `load` (the data issue): columns after `frame.`, in a frame call and in a formula.
    @Test(.enabled(if: hasLoad)) func tabCompletesColumnsOfTheFrameInScope() throws {
        let box = try Sandbox()
        let csv = try box.write("projects.csv", "cost,duration,phase\n10,2,Build\n20,3,Run\n30,4,Build\n")
        let t = try box.start()
        t.sendLine("p = load(\"\(csv)\");")
        try t.waitFor(Self.prompt)
        t.send("sum(p.co\t)\r")
        #expect(try t.waitFor(Self.prompt).contains("60"))
        t.send("p |> where(dur\t > 2) |> nrow()\r")
        #expect(try t.waitFor(Self.prompt).contains("2"))
        t.send("f = log(cost) ~ dur\t\r")
        #expect(try t.waitFor(Self.prompt).contains("duration"))
    }

    @Test func ctrlCAtThePromptDiscardsTheLine() throws {
        let box = try Sandbox()
        let t = try box.start()
        t.send("this is not valid ((")
        try t.waitFor("((")
        // libedit draws the prompt a moment before it reads: a SIGINT in between is only
        // noted, so give it time to start reading.
        Thread.sleep(forTimeInterval: 0.2)
        t.send("\u{03}")
        try t.waitFor(Self.prompt)
        Thread.sleep(forTimeInterval: 0.2)
        t.send("\u{03}")  // twice within a second at the prompt: still no exit
        try t.waitFor(Self.prompt)
        let out = try t.run("1 + 2")
        #expect(out.contains("3\n"))
        #expect(!out.contains("error"))
    }

    @Test func ctrlCCancelsARunningStatementAndKeepsVariables() throws {
        let box = try Sandbox()
        // x: 2^21 numbers; the script then squares it thousands of times (tens of seconds).
        let setup = try box.write("setup.pn", "x = [1, 2, 3, 4]\n" + String(repeating: "x = [x, x]\n", count: 19) + "kept = 7\n")
        let slow = try box.write("slow.pn", String(repeating: "y = x * x\n", count: 5000))
        let t = try box.start(["--init", setup])
        t.sendLine(".read \(slow)")
        Thread.sleep(forTimeInterval: 1.0)
        t.send("\u{03}")
        let out = try t.waitFor(Self.prompt)
        #expect(out.contains("interrupted"))
        #expect(out.components(separatedBy: "interrupted").count == 2)
        #expect(try t.run("kept + n(x)").contains("2,097,159"))
        t.send("\u{04}")
        #expect(try t.waitForExit() == 0)
    }

    @Test func ctrlDOnAnEmptyLineExits() throws {
        let box = try Sandbox()
        let t = try box.start()
        t.send("\u{04}")
        #expect(try t.waitForExit() == 0)
    }

    @Test func helpOfABuiltinShowsItsExampleWithRealOutput() throws {
        let box = try Sandbox()
        let t = try box.start()
        let page = try t.run(".help log")
        #expect(page.contains("log(x, base=)"))
        #expect(page.contains("> log([1, 10, 100], base=10)"))
        #expect(page.contains("[0, 1, 2]"))
        #expect(try t.run("?cumsum").contains("[1, 3, 6]"))
        #expect(try t.run(".help keys").contains("Ctrl-R"))
    }

    @Test func initFileRunsBeforeThePromptUnlessNoInit() throws {
        let box = try Sandbox()
        _ = try box.write(".panoramarc", "from_rc = 5\n")
        let t = try box.start()
        #expect(try t.run("from_rc").contains("5"))
        let u = try box.start(["--no-init"])
        #expect(try u.run("from_rc").contains("no variable or function named 'from_rc'"))
    }
}

extension PseudoTerminal {
    /// Types `line` and Enter, waits for the next prompt; returns what came between (the
    /// echoed line and the statement's output). Every step of a test ends on a prompt, so the
    /// next prompt is the one printed after this statement.
    @discardableResult
    func run(_ line: String) throws -> String {
        sendLine(line)
        return try waitFor(InteractiveShellTests.prompt)
    }
}
