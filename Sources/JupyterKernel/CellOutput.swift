import Foundation
import PanoramaKit
import PanoramaShell

/// Turns what a cell prints into IOPub messages, in order: text on `stdout`, notes and timings
/// on `stderr`, values as rich results (`text/plain` as the terminal shows them, `text/markdown`
/// for tables, `application/json` in the DESIGN §4 shape).
///
/// The last thing a cell shows is held back one step: a value that ends the cell is its
/// `execute_result` (earlier ones are `display_data`), and a diagnostic that ends a failed
/// cell is its `error` rather than a stderr line.
final class CellOutput {
    enum Pending {
        case value(Value)
        case diagnostic(String)
    }

    let session: Session
    let send: (String, [String: Any]) -> Void
    var executionCount = 0
    var pending: Pending?
    /// Everything shown, as text, for `history_request` with output.
    var transcript: [String] = []

    init(session: Session, send: @escaping (String, [String: Any]) -> Void) {
        self.session = session
        self.send = send
    }

    func print(_ text: String) {
        flush()
        stream("stdout", text)
    }

    func diagnose(_ text: String) {
        flush()
        pending = .diagnostic(text)
    }

    func show(_ value: Value) {
        flush()
        pending = .value(value)
    }

    /// Sends what is held back; returns the error reply fields when the cell failed.
    func finish(failed: Bool) -> [String: Any]? {
        defer { pending = nil }
        switch pending {
        case .diagnostic(let text) where failed:
            transcript.append(text)
            let error = CellOutput.error(text)
            send("error", error)
            return error
        case .value(let value):
            send("execute_result", ["execution_count": executionCount, "data": bundle(value), "metadata": [String: Any]()])
        case .diagnostic(let text):
            stream("stderr", text)
        case nil:
            break
        }
        return failed ? CellOutput.error("interrupted") : nil
    }

    func flush() {
        switch pending {
        case .value(let value): send("display_data", ["data": bundle(value), "metadata": [String: Any]()])
        case .diagnostic(let text): stream("stderr", text)
        case nil: break
        }
        pending = nil
    }

    func stream(_ name: String, _ text: String) {
        transcript.append(text)
        send("stream", ["name": name, "text": text + "\n"])
    }

    /// A value's MIME bundle.
    func bundle(_ value: Value) -> [String: Any] {
        let options = session.options
        let json = Display.json(value, options).text
        let plain = options.mode == .json ? json : Display.render(value, options)
        transcript.append(plain)
        var data: [String: Any] = ["text/plain": plain]
        if case .frame = value {
            var markdown = options
            markdown.mode = .markdown
            data["text/markdown"] = Display.render(value, markdown)
        }
        if let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) {
            data["application/json"] = object
        }
        return data
    }

    /// `error` content from the renderer's text: `error: message` then the caret lines.
    static func error(_ text: String) -> [String: Any] {
        let lines = text.components(separatedBy: "\n")
        let first = lines.first ?? text
        let value = first.range(of: "error: ").map { String(first[$0.upperBound...]) } ?? first
        return ["ename": first == "interrupted" ? "Interrupted" : "Error", "evalue": value, "traceback": lines]
    }
}
