import Foundation
import ZeroMQ
import PanoramaKit
import PanoramaShell

/// The requests panorama answers, one method each.
extension Kernel {
    func handle(_ request: WireMessage, on socket: ZeroMQSocket) {
        let content = request.content
        switch request.type {
        case "kernel_info_request": reply(request, on: socket, kernelInfo)
        case "interrupt_request":
            Interruption.request()
            reply(request, on: socket, ["status": "ok"])
        case "shutdown_request":
            reply(request, on: socket, ["status": "ok", "restart": content["restart"] as? Bool ?? false])
            publish("shutdown_reply", ["status": "ok", "restart": content["restart"] as? Bool ?? false], parent: request)
            exit(0)
        case _ where socket !== shell:
            // The control channel never touches the session, which the shell thread owns.
            return
        case "execute_request": execute(request)
        case "complete_request": reply(request, on: socket, complete(content))
        case "inspect_request": reply(request, on: socket, inspect(content))
        case "is_complete_request":
            let status = Session.completeness(of: content["code"] as? String ?? "")
            reply(request, on: socket, ["status": status.rawValue, "indent": ""].filter { status == .incomplete || $0.key == "status" })
        case "history_request": reply(request, on: socket, ["status": "ok", "history": historyEntries(content)])
        case "comm_info_request": reply(request, on: socket, ["status": "ok", "comms": [String: Any]()])
        default: return
        }
    }

    var kernelInfo: [String: Any] {
        ["status": "ok", "protocol_version": "5.3", "implementation": "panorama",
         "implementation_version": PanoramaVersion.string,
         "language_info": ["name": "panorama", "version": PanoramaVersion.string, "mimetype": "text/x-panorama",
                           "file_extension": ".pn", "pygments_lexer": "text", "codemirror_mode": "r"],
         "banner": "panorama \(PanoramaVersion.string) — a forecasting workbench for portfolios of large projects",
         "help_links": Kernel.helpLinks,
         "debugger": false]
    }

    /// The language reference and the README of the checkout this binary was built in
    /// (file URLs; none when the binary lives elsewhere).
    static var helpLinks: [[String: String]] {
        var dir = URL(fileURLWithPath: KernelSpec.currentExecutable()).deletingLastPathComponent()
        for _ in 0..<5 {
            let reference = dir.appendingPathComponent("docs/language.md")
            if FileManager.default.fileExists(atPath: reference.path) {
                return [["text": "panorama language", "url": reference.absoluteString],
                        ["text": "panorama README", "url": dir.appendingPathComponent("README.md").absoluteString]]
            }
            dir.deleteLastPathComponent()
        }
        return []
    }

    /// Runs a cell; outputs go out on IOPub as they come.
    func execute(_ request: WireMessage) {
        let code = request.content["code"] as? String ?? ""
        let silent = request.content["silent"] as? Bool ?? false
        let store = (request.content["store_history"] as? Bool ?? true) && !silent
        if store { executionCount += 1 }
        let count = executionCount
        if !silent { publish("execute_input", ["code": code, "execution_count": count], parent: request) }
        let cell = CellOutput(session: session) { [self] type, content in
            if !silent { publish(type, content, parent: request) }
        }
        cell.executionCount = count
        session.output = cell.print
        session.diagnostics = cell.diagnose
        session.valueSink = cell.show
        let progress = ProgressDisplay(kernel: self, parent: request)
        session.interpreter.progress = silent ? nil : progress.update
        Interruption.reset()
        var failed = true
        if let habit = Kernel.ipythonHabit(code) { cell.diagnose("error: " + habit) } else {
            failed = session.run(code).outcome == .failed
        }
        progress.finish()
        let error = cell.finish(failed: failed)
        if store { history.append((count, code, cell.transcript.joined(separator: "\n"))) }
        var content: [String: Any] = ["execution_count": count]
        if let error {
            content.merge(error) { $1 }
            content["status"] = "error"
        } else {
            content.merge(["status": "ok", "payload": [Any](), "user_expressions": [String: Any]()]) { $1 }
        }
        let queued = error != nil && request.content["stop_on_error"] as? Bool ?? true ? takeQueued() : []
        reply(request, on: shell, content)
        abort(queued)
    }

    /// What a Jupyter user types out of IPython habit, on a cell's first line — a magic
    /// (`%matplotlib`, `%%time`), a shell escape (`!ls`), help as `name?` — and what panorama
    /// says instead; nil for anything else (the parser's own errors name '%' or '!' as operators).
    static func ipythonHabit(_ code: String) -> String? {
        guard let line = code.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        else { return nil }
        let word = line.prefix { !$0.isWhitespace }
        if line.hasPrefix("%") {
            return "panorama has no IPython magics such as '\(word)': .timer on times each cell, .help commands lists the dot-commands"
        }
        if line.hasPrefix("!") {
            return "panorama's kernel runs no shell commands such as '\(word)': run them in a terminal (load and save read and write files)"
        }
        if line.hasSuffix("?"), !line.hasPrefix("?"), line.dropLast().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "?" }) {
            let name = line.prefix { $0 != "?" }
            return "help is ?\(name) (or .help \(name)), not '\(line)'"
        }
        return nil
    }

    /// The requests already waiting on the shell channel, taken before the failed cell's
    /// reply goes out, so nothing sent after that reply is mistaken for a queued cell.
    func takeQueued() -> [WireMessage] {
        var queued: [WireMessage] = []
        while let frames = try? shell.receive(timeout: 0) {
            if let request = try? WireMessage(frames: frames, key: key) { queued.append(request) }
        }
        return queued
    }

    /// After a failed cell, the cells queued behind it (JupyterLab's Run All sends them all at
    /// once) are answered `aborted` instead of run, as ipykernel does; other requests taken
    /// meanwhile are served as usual.
    func abort(_ queued: [WireMessage]) {
        for request in queued {
            publish("status", ["execution_state": "busy"], parent: request)
            if request.type == "execute_request" {
                reply(request, on: shell, ["status": "aborted", "execution_count": executionCount])
            } else {
                handle(request, on: shell)
            }
            publish("status", ["execution_state": "idle"], parent: request)
        }
    }

    /// The shell's context completion at the cursor (a code-point offset, as in protocol 5.2+).
    func complete(_ content: [String: Any]) -> [String: Any] {
        let code = content["code"] as? String ?? ""
        let cursor = content["cursor_pos"] as? Int ?? code.unicodeScalars.count
        let result = Completion.complete(line: code, cursor: cursor, variables: session.interpreter.variables)
        return ["status": "ok", "matches": result.candidates, "cursor_start": result.start, "cursor_end": cursor,
                "metadata": [String: Any]()]
    }

    /// `.help NAME` for the name under the cursor.
    func inspect(_ content: [String: Any]) -> [String: Any] {
        let code = content["code"] as? String ?? ""
        let cursor = content["cursor_pos"] as? Int ?? code.unicodeScalars.count
        let name = Kernel.word(in: code, at: cursor)
        guard let page = session.helpPage(for: name) else {
            return ["status": "ok", "found": false, "data": [String: Any](), "metadata": [String: Any]()]
        }
        return ["status": "ok", "found": true, "data": ["text/plain": page], "metadata": [String: Any]()]
    }

    /// The identifier (or dot-command) around a code-point offset.
    static func word(in code: String, at cursor: Int) -> String {
        let scalars = Array(code.unicodeScalars)
        func part(_ c: Unicode.Scalar) -> Bool { c == "_" || c == "." || c.properties.isAlphabetic || ("0"..."9").contains(c) }
        var start = min(max(0, cursor), scalars.count), end = start
        while start > 0 && part(scalars[start - 1]) { start -= 1 }
        while end < scalars.count && part(scalars[end]) { end += 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// `history_request`: tail, range or search over this kernel's cells.
    func historyEntries(_ content: [String: Any]) -> [[Any]] {
        let withOutput = content["output"] as? Bool ?? false
        var entries = history
        switch content["hist_access_type"] as? String {
        case "range":
            let start = content["start"] as? Int ?? 0
            let stop = content["stop"] as? Int ?? Int.max
            entries = entries.filter { $0.line >= start && $0.line < stop }
        case "search":
            let pattern = content["pattern"] as? String ?? "*"
            entries = entries.filter { fnmatch(pattern, $0.input, 0) == 0 }
            if content["unique"] as? Bool ?? false {
                var seen = Set<String>()
                entries = entries.reversed().filter { seen.insert($0.input).inserted }.reversed()
            }
            if let n = content["n"] as? Int, n > 0 { entries = Array(entries.suffix(n)) }
        default:
            if let n = content["n"] as? Int, n >= 0 { entries = Array(entries.suffix(n)) }
        }
        return entries.map { entry in
            [0, entry.line, withOutput ? [entry.input, entry.output] as [Any] : entry.input]
        }
    }
}
