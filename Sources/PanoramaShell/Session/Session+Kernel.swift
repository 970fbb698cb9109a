import Foundation
import PanoramaKit

/// What the Jupyter kernel asks of a session besides running code: help pages for
/// inspection and the parser's verdict on a cell.
extension Session {
    /// `.help NAME` for a builtin, command, category or topic; nil when nothing has that name.
    public func helpPage(for name: String) -> String? {
        let q = name.trimmingCharacters(in: .whitespaces)
        let known = BuiltinRegistry.byName[q] != nil
            || Session.commands.contains { $0.name == q || $0.name == "." + q }
            || Builtin.Category(rawValue: q) != nil || Help.topics.contains(q)
        return known ? Help.text(for: q, session: self) : nil
    }

    public enum Completeness: String, Sendable {
        case complete, incomplete, invalid
    }

    /// Whether `text` is a whole statement list (run it), needs more lines (the REPL's
    /// continuation rule), or can never parse.
    public static func completeness(of text: String) -> Completeness {
        guard Parser.isComplete(text) else { return .incomplete }
        do {
            _ = try Parser.parse(text)
            return .complete
        } catch {
            return .invalid
        }
    }
}
