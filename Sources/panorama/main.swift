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

    @Option(name: .shortAndLong, help: "Run CODE and exit (repeatable; after the init file).")
    var e: [String] = []

    @Option(name: .long, help: "How results print: box, markdown, csv or json.")
    var format: String?

    @Option(name: .customLong("init"), help: "The init file to run first (default ~/.panoramarc).")
    var initFile: String?

    @Flag(name: .long, help: "Do not run an init file.")
    var noInit = false

    @Argument(parsing: .captureForPassthrough, help: "Scripts to run, or `run FILE… [-- ARG…]`, or `notebook …`.")
    var files: [String] = []

    mutating func validate() throws {
        if let format, RenderOptions.Mode(rawValue: format) == nil {
            throw ValidationError("--format must be box, markdown, csv or json, not '\(format)'")
        }
    }

    func run() throws {
        let code = Launcher(expressions: e, format: format.flatMap(RenderOptions.Mode.init(rawValue:)),
                            initFile: initFile, noInit: noInit, arguments: files).run()
        throw ExitCode(code)
    }
}

Panorama.main()
