import ArgumentParser
import Foundation
import JupyterKernel
import LinearAlgebra
import LineEditing
import PanoramaKit
import PanoramaShell

/// The command line (DESIGN §3): argument parsing and wiring only. `run` is the default
/// subcommand, so `panorama FILE…`, `panorama -e CODE` and plain `panorama` mean `panorama run …`.
struct Panorama: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panorama",
        abstract: "A forecasting workbench for portfolios of large projects.",
        usage: """
        panorama [run] [-e <code> ...] [--format <format>] [--init <file>] [--no-init] [<file> ...] [-- <arg> ...]
          panorama run <file> ... --help
          panorama notebook <in.md> [-o <out.md>] [--check] [--keep-going] [-p <name=value> ...]
          panorama notebook <in.md> --to ipynb | <in.ipynb> --to md   (convert for Jupyter)
          panorama kernel -f <connection-file> | kernel install [--user | --prefix <dir>]
        """,
        discussion: """
        With no FILE and a terminal: the interactive shell; with piped input: runs it as a \
        script. The ARGs after -- reach the scripts as `args`; name=value or --name value \
        set their param(…) (after FILE, a --name panorama does not know or a name=value starts them without \
        --). `panorama run FILE --help` lists a script's parameters; after --, --help is the script's (in `args`).
        """,
        version: PanoramaVersion.string,
        subcommands: [Run.self, NotebookCommand.self, KernelCommand.self],
        defaultSubcommand: Run.self)

    /// What follows `--`: the scripts' `args`, untouched by the option parser. Declared here, on
    /// the root, because ArgumentParser does not allow a second positional array beside `run`'s
    /// FILE…; `run` reads it through `@ParentCommand`.
    @Argument(parsing: .postTerminator, help: ArgumentHelp("After --: the scripts' `args` (name=value or --name value set param(…)).",
                                                          valueName: "arg"))
    var scriptArguments: [String] = []
}

extension RenderOptions.Mode: ExpressibleByArgument {}

/// `panorama [run] [-e CODE]… [FILE…] [-- ARG…]`: code, scripts, piped stdin or the REPL.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run code and scripts; with none and a terminal, the interactive shell (the default command).",
        helpNames: [])

    @Option(name: .customShort("e"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Run CODE and exit (repeatable; after the init file).", valueName: "code"))
    var expressions: [String] = []

    @Option(help: "How results print: box, markdown, csv or json.")
    var format: RenderOptions.Mode?

    @Option(name: .customLong("init"), help: ArgumentHelp("The init file to run first (default ~/.panoramarc).", valueName: "file"))
    var initFile: String?

    @Flag(help: "Do not run an init file.")
    var noInit = false

    @Flag(name: .shortAndLong, help: "Show help; after FILE…, list the scripts' parameters.")
    var help = false

    @Argument(help: ArgumentHelp("Scripts to run, in one session.", valueName: "file"))
    var files: [String] = []

    @ParentCommand var panorama: Panorama

    /// `-e ---1` → `-e=---1` (before any `--`); every other word as given.
    static func joiningDashedExpressions(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            if arguments[i] == "--" { return out + arguments[i...] }
            if arguments[i] == "-e", i + 1 < arguments.count, arguments[i + 1].hasPrefix("---") {
                out.append("-e=" + arguments[i + 1])
                i += 2
            } else {
                out.append(arguments[i])
                i += 1
            }
        }
        return out
    }

    /// `panorama [run] FILE --edition 13` or `FILE edition=13` (`./report.pan edition=13` through
    /// a `#!` line): an option `run` does not have, or a name=value that is no file, after a
    /// script's name starts the scripts' arguments as `--` does (`Rscript FILE --x` and `python
    /// FILE --x` pass what follows the file to it); they were "Unknown option '--edition'. Did
    /// you mean '--init'?" and "cannot read 'edition=13'". With a `--` there, words stay as typed.
    static func passingScriptOptions(_ arguments: [String]) -> [String] {
        guard !["notebook", "kernel"].contains(arguments.first), !arguments.contains("--") else { return arguments }
        let options: Set<String> = ["-e", "--format", "--init", "--no-init", "--help", "-h", "--version"]
        let takingValue: Set<String> = ["-e", "--format", "--init"]
        var sawFile = false
        var i = arguments.first == "run" ? 1 : 0
        while i < arguments.count {
            let word = arguments[i]
            if word.hasPrefix("-") && word.count > 1 {
                let name = String(word.prefix { $0 != "=" })
                if sawFile && word.hasPrefix("--") && !options.contains(name) {
                    return Array(arguments[..<i]) + ["--"] + arguments[i...]
                }
                if takingValue.contains(word) { i += 1 }
            } else if sawFile, let equals = word.firstIndex(of: "="), word.startIndex < equals,
                      word[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                      !FileManager.default.fileExists(atPath: word) {
                return Array(arguments[..<i]) + ["--"] + arguments[i...]
            } else {
                sawFile = true
            }
            i += 1
        }
        return arguments
    }

    func run() throws {
        if help {
            guard !files.isEmpty else {
                print(Panorama.helpMessage(for: Run.self))
                return
            }
            throw ExitCode(Launcher.scriptHelp(files))
        }
        let code = Launcher(expressions: expressions, format: format, initFile: initFile, noInit: noInit,
                            arguments: files, scriptArguments: panorama.scriptArguments).run()
        throw ExitCode(code)
    }
}

/// `panorama notebook IN.md [-o OUT.md] [--check] [--keep-going] [-p name=value]…`.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Execute a Markdown notebook and write each block's output after it.")

    @Argument(help: ArgumentHelp("The notebook (Markdown with ```panorama blocks).", valueName: "in.md"))
    var input: String

    @Option(name: .short, help: ArgumentHelp("Write the executed notebook here instead of in place.", valueName: "out.md"))
    var o: String?

    @Flag(name: .long, help: "Rerun and fail with a diff if any output differs; write nothing.")
    var check = false

    @Flag(name: .long, help: "Show an error in its block's output and run the next blocks.")
    var keepGoing = false

    @Option(name: .short, help: ArgumentHelp("A parameter for the notebook's param(…) calls (repeatable; recorded in the output).",
                                             valueName: "name=value"))
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
        commandName: "kernel",
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
            throw ExitCode(Launcher.report(.failed(error.description, at: nil)))
        }
    }
}

// Closed standard descriptors get /dev/null before any file is opened (see StandardStreams).
StandardStreams.prepare()

// One BLAS thread: panorama parallelises above BLAS, and idle OpenBLAS workers spin on a core.
BLASThreads.useOne()

// `-e CODE` takes CODE verbatim (`.unconditionalSingleValue`), but ArgumentParser's splitter
// rejects a word of three or more leading dashes before any option sees it: such a CODE is handed
// over in ArgumentParser's own joined form, `-e=---1`.
Panorama.main(Run.passingScriptOptions(Run.joiningDashedExpressions(Array(CommandLine.arguments.dropFirst()))))
