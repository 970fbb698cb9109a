import Foundation
import Testing

/// `param(…)` from `panorama run FILE -- name=value`, `--name value`, `run FILE --help` and
/// `notebook FILE -p name=value` (recorded in the provenance and reused by `--check`).
@Suite struct ParameterTests {
    static let script = """
    edition = param("edition", default=14, help="the edition to report on")
    label = param("label", default="all", help="a label")
    edition + 1
    label
    """

    @Test func `a script's parameters come from the command line typed by their default`() throws {
        let file = try Binary.temporaryFile("s.pn", Self.script)
        #expect(try Binary.run(["run", file.path]).stdout == "15\n\"all\"\n")
        #expect(try Binary.run(["run", file.path, "--", "edition=13"]).stdout == "14\n\"all\"\n")
        #expect(try Binary.run(["run", file.path, "--", "--edition", "12", "--label=x"]).stdout == "13\n\"x\"\n")
    }

    @Test func `a parameter's --name or name=value after the script's name needs no -- before it as in Rscript and python`() throws {
        let file = try Binary.temporaryFile("s.pn", Self.script)
        #expect(try Binary.run(["run", file.path, "--edition", "12", "--label=x"]).stdout == "13\n\"x\"\n")
        #expect(try Binary.run([file.path, "--edition", "11"]).stdout == "12\n\"all\"\n")
        #expect(try Binary.run([file.path, "edition=9", "label=é"]).stdout == "10\n\"é\"\n")
        #expect(try Binary.run(["run", file.path, file.path, "edition=9"]).stdout == "10\n\"all\"\n10\n\"all\"\n")
        #expect(try Binary.run(["run", "--format", "json", file.path, "--edition", "10"]).stdout == "11\n\"all\"\n")
        let misspelt = try Binary.run(["run", file.path, "--editon", "3"])
        #expect(misspelt.status == 64)
        #expect(misspelt.stderr.contains("no parameter named 'editon'. Did you mean 'edition'?"), "\(misspelt.stderr)")
        #expect(try Binary.run(["run", file.path, "--help"]).stdout.contains("edition=14"))
    }

    @Test func `a parameter that does not convert or does not exist is a clear error`() throws {
        let file = try Binary.temporaryFile("s.pn", Self.script)
        let bad = try Binary.run(["run", file.path, "--", "edition=abc"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("parameter 'edition' must be a number (its default is 14), not \"abc\""))
        let misspelt = try Binary.run(["run", file.path, "--", "editon=3"])
        #expect(misspelt.status == 64)
        #expect(misspelt.stderr.contains("no parameter named 'editon'. Did you mean 'edition'?"))
    }

    @Test func `run FILE --help lists the parameters with defaults and help`() throws {
        let file = try Binary.temporaryFile("s.pn", Self.script)
        let r = try Binary.run(["run", file.path, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  edition=14   the edition to report on\n  label=\"all\"  a label"))
    }

    @Test func `run FILE --help opens with what the script says it does in its first #' lines`() throws {
        let about = "#!/usr/bin/env panorama\n\n#' The semester's job: add the new table.\n#'   Then forecast.\n# not this\n"
        let file = try Binary.temporaryFile("s.pn", about + Self.script)
        let r = try Binary.run(["run", file.path, "--help"])
        #expect(r.stdout.hasPrefix("The semester's job: add the new table.\n  Then forecast.\n\nusage: panorama run "), "\(r.stdout)")
        let bare = try Binary.temporaryFile("b.pn", "#' Prints one.\n1\n#' not the description\n")
        #expect(try Binary.run(["run", bare.path, "--help"]).stdout.hasPrefix("Prints one.\n\n"))
        #expect(try Binary.run(["run", file.path, "--help"]).stdout.contains("not this") == false)
    }

    @Test func `a notebook run with parameters records them and check reuses them`() throws {
        let nb = try Binary.temporaryFile("n.md", "```panorama\ne = param(\"edition\", default=14)\ne * 2\n```\n")
        #expect(try Binary.run(["notebook", nb.path, "-p", "edition=13"]).status == 0)
        let executed = try String(contentsOf: nb, encoding: .utf8)
        #expect(executed.contains("parameter edition=13\n26\n"))
        #expect(try Binary.run(["notebook", nb.path, "--check"]).status == 0)
    }
}
