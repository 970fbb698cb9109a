import Foundation
import LineEditing
import PanoramaKit

/// The interactive loop: read a whole statement (continuation lines while incomplete), run it
/// through `Session.run`, repeat. Line editing, history and completion live in `LineEditing`.
public struct REPL {
    let session: Session

    public init(session: Session) {
        self.session = session
    }

    public func run() -> Int32 {
        session.interactive = true
        session.bail = false
        var reader = EditLineReader(historyFile: REPL.historyPath())
        print("panorama \(PanoramaVersion.string) — .help for help, .quit or Ctrl-D to leave")
        while true {
            var text = ""
            var prompt = "panorama> "
            var cancelled = false
            while true {
                Interruption.reset()
                switch reader.readLine(prompt: prompt) {
                case .endOfInput:
                    if text.isEmpty { print(""); return 0 }
                    cancelled = true
                case .interrupted:
                    cancelled = true
                    print("")
                case .line(let line):
                    text += text.isEmpty ? line : "\n" + line
                }
                if cancelled || Parser.isComplete(text) { break }
                prompt = "     ...> "
            }
            if cancelled || text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            reader.addHistory(text)
            Interruption.reset()
            if session.run(text) == .quit { return 0 }
        }
    }

    static func historyPath() -> String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_STATE_HOME"].map { $0 + "/panorama" }
            ?? (env["HOME"] ?? ".") + "/.local/state/panorama"
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base + "/history"
    }
}
