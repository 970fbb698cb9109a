import Foundation
import Testing

/// The history file shared by several shells, a shell without HOME, colour and width taken from
/// the environment.
@Suite(.timeLimit(.minutes(2)))
struct ShellHistoryAndTerminalTests {
    typealias Sandbox = InteractiveShellTests.Sandbox
    static let prompt = InteractiveShellTests.prompt

    @Test func twoShellsWritingHistoryAtOnceLoseNothing() throws {
        let box = try Sandbox()
        let a = try box.start()
        let b = try box.start()
        // Interleaved: each shell appends its own statements; neither rewrites the other's away.
        for i in 1...3 {
            try a.run("from_a_\(i) = \(i)")
            try b.run("from_b_\(i) = \(i)")
        }
        a.send("\u{04}")
        b.send("\u{04}")
        #expect(try a.waitForExit() == 0)
        #expect(try b.waitForExit() == 0)
        let c = try box.start()
        let listing = try c.run(".history 10")
        for i in 1...3 {
            #expect(listing.contains("from_a_\(i) = \(i)"), "\(listing)")
            #expect(listing.contains("from_b_\(i) = \(i)"), "\(listing)")
        }
    }

    @Test func withoutHomeHistoryIsOffWithANote() throws {
        let box = try Sandbox()
        let folder = box.root.appendingPathComponent("cwd")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let t = try PseudoTerminal(["--no-init"], environment: ["HOME": nil, "XDG_STATE_HOME": nil], directory: folder.path)
        let banner = try t.waitFor(Self.prompt)
        #expect(banner.contains("history is not saved"))
        try t.run("kept_in_session = 1")
        t.sendLine(".history 2")
        try t.waitFor("1  kept_in_session = 1\n")
        try t.waitFor(Self.prompt)  // libedit reads raw keys only once it shows the prompt
        t.send("\u{04}")
        #expect(try t.waitForExit() == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func controlCharactersInHistoryAndEchoShowEscaped() throws {
        let box = try Sandbox()
        let t = try box.start()
        // ESC typed inside a string reaches the line as ESC then `]`… : the listing shows `\e`.
        t.send("s = \"\u{16}\u{1B}]0;pwned\u{16}\u{07}\"\r")
        try t.waitFor(Self.prompt)
        t.sendLine(".history 2")
        try t.waitFor("1  s = \"\\e]0;pwned\\u{7}\"\n")
    }

    @Test(arguments: [(["TERM": "dumb"], "off"), (["NO_COLOR": "1"], "off"), ([:], "on")])
    func colourFollowsTermAndNoColor(environment: [String: String], expected: String) throws {
        let box = try Sandbox()
        defer { withExtendedLifetime(box) {} }  // its HOME must outlive the shell
        var env: [String: String?] = box.environment
        for (k, v) in environment { env[k] = v }
        let t = try PseudoTerminal([], environment: env)
        try t.waitFor(Self.prompt)
        let answer = try t.run(".color")
        #expect(answer.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == expected }, "\(answer)")
    }

    @Test func helpKeysAndValueCompletionAtThePrompt() throws {
        let box = try Sandbox()
        let t = try box.start()
        #expect(try t.run(".help keys").contains("Enter runs the match"))
        // TAB inside `copula="` offers the copulas, not file names.
        t.send("simulate(cost=[1, 2], overrun=pert(1, 1.1, 1.5), trials=1000, seed=1, copula=\"iman\t)\r")
        // (The echo holds libedit's redraw; the result names the copula used.)
        let out = try t.waitFor("1,000 trials, iman-conover,")
        #expect(!out.contains("error"), "\(out)")
    }
}

extension ShellHistoryAndTerminalTests {
    @Test func hugeColumnsIsClampedWithANote() throws {
        let r = try Binary.run(["-e", "[1, 2, 3]"], environment: ["COLUMNS": "9223372036854775807"])
        #expect(r.status == 0)
        #expect(r.stdout == "[1, 2, 3]\n")
        #expect(r.stderr.contains("COLUMNS 9223372036854775807 is outside 20…1000 columns; using 1000"))
    }
}
