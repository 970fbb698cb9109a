import Foundation
import Testing

/// Non-ASCII input at the interactive prompt: what is typed reaches the evaluator byte for
/// byte whatever the locale variables say (libedit drops bytes above 0x7F unless LC_CTYPE is
/// UTF-8), and editing, history and completion work by whole characters.
@Suite(.timeLimit(.minutes(2)))
struct UnicodeInputTests {
    typealias Sandbox = InteractiveShellTests.Sandbox
    static let prompt = InteractiveShellTests.prompt
    static let text = "Éducation € è à ç œ ’ « » 日本 😀"

    /// The locale settings a terminal may come with: UTF-8, none at all, plain C, and a UTF-8
    /// locale that is not installed.
    static let locales: [[String: String?]] = [
        ["LANG": "C.UTF-8"],
        ["LANG": nil],
        ["LANG": "C", "LC_ALL": "POSIX"],
        ["LANG": nil, "LC_ALL": "fr_FR.UTF-8"],
    ]

    @Test(arguments: locales) func typedAccentsReachTheEvaluator(locale: [String: String?]) throws {
        let box = try Sandbox()
        let csv = try box.write("projects.csv",
                                "ministry,cost\nÉducation nationale,10\nÉducation nationale,20\nEducation nationale,40\nSanté,5\n")
        let t = try box.start(environment: locale)
        #expect(try t.run("x = \"\(Self.text)\"").contains("x: string \"\(Self.text)\""))
        try t.run("p = load(\"\(csv)\");")
        let answer = try t.run("p |> where(ministry == \"Éducation nationale\") |> nrow()")
        #expect(answer.components(separatedBy: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "2" }, "\(answer)")
    }

    @Test func backspaceCtrlWAndArrowsMoveByWholeCharacters() throws {
        let box = try Sandbox()
        let t = try box.start(environment: ["LANG": nil])
        // Backspace (DEL) twice removes `z` and `é`, not a byte of `é`.
        // (libedit redraws the prompt while editing: wait for the results themselves.)
        t.send("y = \"aéz\u{7F}\u{7F}b\"\r")
        try t.waitFor("y: string \"ab\"\n")
        try t.waitFor(Self.prompt)  // libedit reads raw keys only once it shows the prompt
        // Ctrl-W removes the word `trœs` whole.
        t.send("z = \"un deux trœs\u{17}\"\r")
        try t.waitFor("z: string \"un deux \"\n")
        try t.waitFor(Self.prompt)  // libedit reads raw keys only once it shows the prompt
        // Left over `"`, `ç` and `€` (three bytes) lands between `à` and `€`.
        t.send("w = \"à€ç\"\u{1B}[D\u{1B}[D\u{1B}[DX\r")
        try t.waitFor("w: string \"àX€ç\"\n")
    }

    @Test func accentedStatementsAreRecalledFromHistoryAcrossSessions() throws {
        let box = try Sandbox()
        let t = try box.start(environment: ["LANG": nil])
        try t.run("coût = \"Coût estimé ’€’\"")
        t.send("\u{04}")
        #expect(try t.waitForExit() == 0)
        let u = try box.start(environment: ["LANG": "C"])
        u.send("\u{1B}[A\r")
        try u.waitFor("coût: string \"Coût estimé ’€’\"\n")
        try u.waitFor(Self.prompt)
        u.sendLine(".history 2")
        try u.waitFor("1  coût = \"Coût estimé ’€’\"\n")
    }

    @Test func tabCompletesAccentedBackQuotedLabels() throws {
        let box = try Sandbox()
        let csv = try box.write("costs.csv", "Coût estimé,Durée prévue,ministère\n10,3,Éducation\n32,4,Santé\n")
        let t = try box.start(environment: ["LANG": nil])
        try t.run("p = load(\"\(csv)\");")
        // Inside back-quotes: the label with its accent and space, closed.
        t.send("sum(p.`Coû\t)\r")
        try t.waitFor("sum(p.`Coût estimé`)")
        try t.waitFor("\n42\n")
        t.send("p |> where(`Dur\t > 3) |> nrow()\r")
        try t.waitFor("where(`Durée prévue` > 3) |> nrow()")
        try t.waitFor("\n1\n")
    }
}
