import ArgumentParser
import Foundation
import JupyterKernel
import LinearAlgebra
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
          panorama FILE… | run FILE… [-- ARG…]   run scripts (ARGs reach them as `args`;
                                             name=value or --name value set param(…))
          panorama run FILE --help           list a script's parameters
          panorama notebook IN.md [-o OUT.md] [--check] [--keep-going] [-p name=value]
          panorama notebook IN.md --to ipynb | IN.ipynb --to md   convert for Jupyter
          panorama kernel install [--user | --prefix DIR]        the Jupyter kernel
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

/// `panorama notebook IN.md [-o OUT.md] [--check] [--keep-going]`.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panorama notebook",
        abstract: "Execute a Markdown notebook and write each block's output after it.")

    @Argument(help: "The notebook (Markdown with ```panorama blocks).")
    var input: String

    @Option(name: .short, help: "Write the executed notebook here instead of in place.")
    var o: String?

    @Flag(name: .long, help: "Rerun and fail with a diff if any output differs; write nothing.")
    var check = false

    @Flag(name: .long, help: "Show an error in its block's output and run the next blocks.")
    var keepGoing = false

    @Option(name: .short, help: "A parameter for the notebook's param(…) calls: -p name=value (repeatable; recorded in the output).")
    var p: [String] = []

    @Option(name: .long, help: "Convert instead of running: ipynb (from .md) or md (from .ipynb).")
    var to: String?

    func run() throws {
        if let to { throw ExitCode(Notebook.convert(input: input, output: o, to: to)) }
        var launcher = NotebookLauncher(input: input, output: o, check: check, keepGoing: keepGoing)
        launcher.parameters = p
        throw ExitCode(launcher.run())
    }
}

/// `panorama kernel -f CONNECTION_FILE` (Jupyter starts this) and `panorama kernel install`.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panorama kernel",
        abstract: "Serve a Jupyter kernel, or install its kernelspec.",
        discussion: "  panorama kernel install [--user | --prefix DIR]\n  panorama kernel -f CONNECTION_FILE")

    @Argument(help: "`install` writes the kernelspec.")
    var action: String?

    @Option(name: .short, help: "The connection file Jupyter wrote.")
    var f: String?

    @Flag(name: .long, help: "Install for the current user only.")
    var user = false

    @Option(name: .long, help: "Install under DIR/share/jupyter/kernels.")
    var prefix: String?

    mutating func validate() throws {
        if let action, action != "install" { throw ValidationError("unknown kernel action '\(action)' (install is the one)") }
        if action == nil && f == nil { throw ValidationError("give -f CONNECTION_FILE, or `install`") }
        if user && prefix != nil { throw ValidationError("--user and --prefix exclude each other") }
    }

    func run() throws {
        do {
            if action == "install" {
                let directory = KernelSpec.directory(user: user, prefix: prefix)
                try KernelSpec.install(executable: KernelSpec.currentExecutable(), directory: directory)
                print("installed the panorama kernelspec in \(directory)")
                return
            }
            throw ExitCode(try Kernel(connection: ConnectionInfo(file: f ?? "")).run())
        } catch let error as JupyterKernelError {
            FileHandle.standardError.write(Data(("error: \(error)\n").utf8))
            throw ExitCode(1)
        }
    }
}

// Closed standard descriptors get /dev/null before any file is opened (see StandardStreams).
StandardStreams.prepare()

// One BLAS thread: panorama parallelises above BLAS, and idle OpenBLAS workers spin on a core.
BLASThreads.useOne()

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
if argv.first == "run", argv.contains("--help") || argv.contains("-h"), argv.count > 2 {
    // `panorama run FILE --help`: the script's parameters, not the command's options.
    exit(Launcher.scriptHelp(argv.dropFirst().filter { $0 != "--help" && $0 != "-h" }))
}
if argv.first == "kernel" {
    KernelCommand.main(Array(argv.dropFirst()))
} else if argv.first == "notebook" {
    NotebookCommand.main(Array(argv.dropFirst()))
} else {
    Panorama.main(argv)
}
