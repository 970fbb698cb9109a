import Foundation
import Testing

/// Parameters given wrongly on the command line: refused before anything runs (exit 64).
@Suite struct ParameterMistakeTests {
    @Test(arguments: [
        (["edition=13", "edition=12"], "error: parameter 'edition' is given twice (13, then 12); give it once"),
        (["--edition", "13", "--edition=12"], "error: parameter 'edition' is given twice (13, then 12); give it once"),
        (["--edition"], "error: parameter 'edition' has no value: write --edition VALUE or edition=VALUE"),
    ])
    func `a script parameter given twice or without a value is refused`(arguments: [String], message: String) throws {
        let file = try Binary.temporaryFile("s.pn", ParameterTests.script)
        let r = try Binary.run(["run", file.path, "--"] + arguments)
        #expect(r.status == 64)
        #expect(r.stdout == "")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func `an argument that is not a parameter of a script still reaches args`() throws {
        let file = try Binary.temporaryFile("s.pn", ParameterTests.script + "\nargs")
        let r = try Binary.run(["run", file.path, "--", "data.csv", "--verbose"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("[\"data.csv\", \"--verbose\"]\n"))
    }

    static let notebook = "```panorama\ne = param(\"edition\", default=14)\ne * 2\n```\n"

    @Test func `a notebook parameter that is misspelt gets a did-you-mean and the notebook is left as it was`() throws {
        let nb = try Binary.temporaryFile("n.md", Self.notebook)
        let r = try Binary.run(["notebook", nb.path, "-p", "editon=13"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("error: no parameter named 'editon'. Did you mean 'edition'? (the notebook declares edition)"), "\(r.stderr)")
        #expect(try String(contentsOf: nb, encoding: .utf8) == Self.notebook)
    }

    @Test func `a parameter for a notebook that declares none is refused`() throws {
        let nb = try Binary.temporaryFile("n.md", "```panorama\n1 + 1\n```\n")
        let r = try Binary.run(["notebook", nb.path, "-p", "edition=13"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("error: no parameter named 'edition': the notebook declares none"))
    }

    @Test func `a notebook parameter given twice is refused`() throws {
        let nb = try Binary.temporaryFile("n.md", Self.notebook)
        let r = try Binary.run(["notebook", nb.path, "-p", "edition=13", "-p", "edition=12"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("error: parameter 'edition' is given twice (13, then 12); give it once"))
    }

    @Test func `a number parameter reads a French decimal comma and thousands space`() throws {
        let file = try Binary.temporaryFile("s.pn", ParameterTests.script)
        #expect(try Binary.run(["run", file.path, "--", "edition=1 234,5"]).stdout == "1,235.5\n\"all\"\n")
    }
}
