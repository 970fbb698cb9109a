import ArgumentParser
import Foundation
import LineEditing
import PanoramaKit
import PanoramaShell

/// The command line (DESIGN §3): argument parsing and wiring only.
struct Panorama: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panorama",
        abstract: "A forecasting workbench for portfolios of large projects.",
        discussion: """
        With no FILE and a terminal: the interactive shell. With piped input: runs it as a script.
          panorama -e 'CODE'                 run CODE and exit (repeatable)
          panorama FILE… | run FILE… [-- ARG…]   run scripts (ARGs reach them as `args`)
          panorama notebook IN.md [-o OUT.md] [--check] [--keep-going]
        """,
        version: PanoramaVersion.string)

    @Option(name: .shortAndLong, parsing: .unconditionalSingleValue, help: "Run CODE and exit (repeatable; after the init file).")
    var e: [String] = []

    @Option(name: .long, help: "How results print: box, markdown, csv or json.")
    var format: String?

    @Option(name: .customLong("init"), help: "The init file to run first (default ~/.panoramarc).")
    var initFile: String?

    @Flag(name: .long, help: "Do not run an init file.")
    var noInit = false

    @Argument(help: "Scripts to run, or `run FILE… [-- ARG…]`, or `notebook …`.")
    var files: [String] = []

    mutating func validate() throws {
        if let format, RenderOptions.Mode(rawValue: format) == nil {
            throw ValidationError("--format must be box, markdown, csv or json, not '\(format)'")
        }
    }

    func run() throws {
        let code = Launcher(expressions: e + extractedExpressions, format: format.flatMap(RenderOptions.Mode.init(rawValue:)),
                            initFile: initFile, noInit: noInit, arguments: files,
                            scriptArguments: scriptArguments).run()
        throw ExitCode(code)
    }
}

// Everything after the first `--` reaches the script as `args` (DESIGN §3), untouched by the parser.
nonisolated(unsafe) var scriptArguments: [String] = []
var argv = Array(CommandLine.arguments.dropFirst())
if let dash = argv.firstIndex(of: "--") {
    scriptArguments = Array(argv[(dash + 1)...])
    argv = Array(argv[..<dash])
}
// `-e CODE` takes CODE verbatim, even when it starts with dashes (`-e '---1'`), so it is
// taken out before the option parser sees it.
nonisolated(unsafe) var extractedExpressions: [String] = []
var remaining: [String] = []
var k = 0
while k < argv.count {
    if (argv[k] == "-e" || argv[k] == "--e") && k + 1 < argv.count {
        extractedExpressions.append(argv[k + 1])
        k += 2
    } else {
        remaining.append(argv[k])
        k += 1
    }
}
argv = remaining
Panorama.main(argv)
