import Foundation
import PanoramaKit
import Testing

@Suite struct CommandLineTests {
    @Test func jsonSumSkipsNAWithANote() throws {
        let r = try Binary.run(["--format", "json", "-e", "x = [1, 2, na, 4]; sum(x)"])
        #expect(r.stdout == "7\n")
        #expect(r.stderr == "note: sum skipped 1 na value\n")
        #expect(r.status == 0)
    }

    @Test func parseErrorShowsACaretAndExitsOne() throws {
        let r = try Binary.run(["-e", "1 +"])
        #expect(r.stderr == "error: unexpected end of input; the expression is incomplete\n  1 +\n     ^\n")
        #expect(r.status == 1)
    }

    @Test func repeatedDashERunsInOneSession() throws {
        let r = try Binary.run(["-e", "x = 2", "-e", "x * 21"])
        #expect(r.stdout == "42\n")
    }

    @Test func scriptsStopAtTheFirstErrorWithFileLineColumn() throws {
        let script = try Binary.temporaryFile("a.pan", "x = 1\nx\nnope + 1\nx + 1\n")
        let r = try Binary.run([script.path])
        #expect(r.stdout == "1\n")
        #expect(r.stderr.hasPrefix("\(script.path):3:1: error: no variable or function named 'nope'"))
        #expect(r.status == 1)
    }

    @Test func runPassesArgumentsAfterDoubleDash() throws {
        let script = try Binary.temporaryFile("b.pan", "args\n")
        let r = try Binary.run(["run", script.path, "--", "one", "two"])
        #expect(r.stdout == "[\"one\", \"two\"]\n")
        #expect(r.status == 0)
    }

    @Test func `--help right after the script shows its help, after -- it reaches the script as Python passes it`() throws {
        let script = try Binary.temporaryFile("h.pan", "e = param(\"edition\", default=14, help=\"which\")\nargs\n")
        let help = try Binary.run(["run", script.path, "--help"])
        #expect(help.stdout.contains("edition=14  which") && !help.stdout.contains("[\""), "\(help.stdout)")
        let passed = try Binary.run(["run", script.path, "--", "--help"])
        #expect(passed.stdout == "[\"--help\"]\n", "\(passed.stdout)")
        #expect(passed.status == 0)
    }

    @Test func runIsTheDefaultSubcommandAndEverythingAfterDoubleDashIsTheScripts() throws {
        let script = try Binary.temporaryFile("c.pan", "args\n")
        let r = try Binary.run([script.path, "--", "-e", "--format", "---x", "notebook"])
        #expect(r.stdout == "[\"-e\", \"--format\", \"---x\", \"notebook\"]\n")
        #expect(r.status == 0)
    }

    @Test func dashETakesCodeVerbatimEvenWhenItStartsWithDashesOrNamesASubcommand() throws {
        #expect(try Binary.run(["-e", "---1"]).stdout == "-1\n")
        #expect(try Binary.run(["-e", "-1", "-e", "--2"]).stdout == "-1\n2\n")
        let r = try Binary.run(["-e", "run = 3", "-e", "run + 1"])
        #expect(r.stdout == "4\n", "\(r.stderr)")
    }

    @Test func theUsageNamesTheSubcommandsAndNoDoubleDashE() throws {
        let help = try Binary.run(["--help"]).stdout
        #expect(help.contains("notebook"))
        #expect(help.contains("run (default)"))
        #expect(!help.contains("--e"))
        #expect(try Binary.run(["run", "--help"]).stdout.contains("-e <code>"))
    }

    @Test func launcherFailuresAreRenderedAsErrors() throws {
        let r = try Binary.run(["notebook", "/nonexistent/n.md"])
        #expect(r.stderr == "error: cannot read notebook '/nonexistent/n.md'\n")
        #expect(r.status == 1)
    }

    @Test func severalScriptsShareTheSession() throws {
        let a = try Binary.temporaryFile("a.pan", "x = 5\n")
        let b = try Binary.temporaryFile("b.pan", "x * 2\n")
        let r = try Binary.run([a.path, b.path])
        #expect(r.stdout == "10\n")
    }

    @Test func pipedStdinRunsAsAScriptWithoutPrompt() throws {
        let r = try Binary.run([], stdin: Data("a = 3\na ^ 2\n".utf8))
        #expect(r.stdout == "9\n")
        #expect(r.stderr == "")
        #expect(r.status == 0)
    }

    @Test func pipedStdinErrorsNameStdin() throws {
        let r = try Binary.run([], stdin: Data("1\nzz\n".utf8))
        #expect(r.stderr.hasPrefix("<stdin>:2:1: error:"))
        #expect(r.status == 1)
    }

    @Test func badUsageExits64() throws {
        #expect(try Binary.run(["--format", "yaml", "-e", "1"]).status == 64)
        #expect(try Binary.run(["--frobnicate"]).status == 64)
    }

    @Test func missingScriptIsAnErrorNotACrash() throws {
        let r = try Binary.run(["/nonexistent/x.pan"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot read '/nonexistent/x.pan': there is no such file\n")
    }

    @Test func `a directory or a Latin-1 script is refused saying why and where`() throws {
        let directory = FileManager.default.temporaryDirectory.path
        let r = try Binary.run(["run", directory])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot read '\(directory)': it is a directory\n")
        let latin1 = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).pan")
        try Data("x = 1\n# caf".utf8 + [0xE9] + Data("\nx\n".utf8)).write(to: latin1)
        defer { try? FileManager.default.removeItem(at: latin1) }
        let bad = try Binary.run(["run", latin1.path])
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: '\(latin1.path)' is not UTF-8 text (line 2); save it as UTF-8, e.g. iconv -f latin1 -t utf-8\n")
        #expect(try Binary.run(["run", latin1.path, "--help"]).stderr == bad.stderr)
    }

    @Test func versionAndHelp() throws {
        #expect(try Binary.run(["--version"]).stdout.hasPrefix("0."))
        #expect(try Binary.run(["--help"]).stdout.contains("USAGE"))
    }

    @Test func initFileRunsFirstUnlessDisabled() throws {
        let rc = try Binary.temporaryFile("rc", "greeting = 41\n")
        #expect(try Binary.run(["--init", rc.path, "-e", "greeting + 1"]).stdout == "42\n")
        #expect(try Binary.run(["--no-init", "-e", "1"]).stdout == "1\n")
    }

    @Test func formatsApplyToEveryResult() throws {
        #expect(try Binary.run(["--format", "json", "-e", "[1.5, na]"]).stdout == "[1.5, null]\n")
        #expect(try Binary.run(["--format", "csv", "-e", "\"a\""]).stdout == "a\n")
    }
}

@Suite struct GarbageInputTests {
    /// Random bytes, unbalanced brackets, huge literals, deep nesting: exit 0 or 1, a message, never a crash.
    ///
    /// The random inputs come from a seeded generator: a new seed each run (so runs explore),
    /// printed with any failure; `PANORAMA_GARBAGE_SEED=N swift test --filter GarbageInputTests`
    /// replays that run.
    @Test func garbageNeverCrashes() throws {
        let seed = ProcessInfo.processInfo.environment["PANORAMA_GARBAGE_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64.max)
        var rng = Xoshiro256StarStar(seed: seed)
        let replay = "(seed \(seed); PANORAMA_GARBAGE_SEED=\(seed) replays it)"
        var inputs = [
            String(repeating: "(", count: 100_000),
            String(repeating: "[", count: 50_000) + String(repeating: "]", count: 10),
            String(repeating: "-", count: 100_000) + "1",
            "9" + String(repeating: "9", count: 5000),
            "1e99999999999999999999",
            "f(" + String(repeating: "1,", count: 20_000) + ")",
            "\"" + String(repeating: "\\", count: 1001),
            String(repeating: "not ", count: 10_000) + "true",
            "x = 1; " + String(repeating: "x |> abs() |> ", count: 150) + "abs()",
            "\u{0}\u{1}\u{7f}",
            ".", "?", "`", "'", "~", "~~", "a ~ ~ b", "|>", ".help \u{0}",
        ]
        for _ in 0..<40 {
            var bytes = [UInt8](repeating: 0, count: Int.random(in: 1...200, using: &rng))
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        for input in inputs {
            let r = try Binary.run(["-e", input])
            #expect(r.status == 0 || r.status == 1, "status \(r.status) for \(input.prefix(40).debugDescription): \(r.stderr.prefix(300)) \(replay)")
            if r.status == 1 { #expect(r.stderr.contains("error: "), "no error line for \(input.prefix(40).debugDescription) \(replay)") }
            #expect(!r.stderr.contains("Fatal error"), "crash for \(input.prefix(40).debugDescription) \(replay)")
        }
        // Raw, invalid UTF-8 through stdin.
        let r = try Binary.run([], stdin: Data([0xff, 0xfe, 0x28, 0x0a]))
        #expect(r.status == 1)
        #expect(r.stderr == "<stdin>: error: the input is not UTF-8 text\n")
    }
}
