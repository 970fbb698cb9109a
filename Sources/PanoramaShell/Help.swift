import Foundation
import PanoramaKit

/// `.help`: topics, a builtin's page with its worked example run for real, and search.
enum Help {
    static func text(for query: String, session: Session) -> String {
        let q = query.trimmingCharacters(in: .whitespaces)
        if q.isEmpty { return overview() }
        if let b = BuiltinRegistry.byName[q] { return page(b, session: session) }
        if let c = Session.commands.first(where: { $0.name == q || $0.name == "." + q }) {
            return "\(c.usage)\n  \(c.summary)"
        }
        if let category = Builtin.Category(rawValue: q) {
            return list(BuiltinRegistry.all.filter { $0.category == category })
        }
        if q == "datasets" { return DatasetHelp.text() }
        if q == "commands" {
            return Session.commands.map { pad($0.usage, 30) + $0.summary }.joined(separator: "\n")
        }
        let matches = BuiltinRegistry.all.filter { $0.name.contains(q) || $0.summary.lowercased().contains(q.lowercased()) }
        if matches.isEmpty {
            let s = suggestion(for: q, among: BuiltinRegistry.byName.keys)
            return "nothing matches '\(q)'" + (s.map { ". Did you mean '\($0)'?" } ?? "")
        }
        return list(matches)
    }

    static func overview() -> String {
        var lines = ["panorama — topics (.help TOPIC), builtins (.help NAME), search (.help WORD):", ""]
        for c in Builtin.Category.allCases {
            let names = BuiltinRegistry.all.filter { $0.category == c }.map(\.name)
            if names.isEmpty { continue }
            lines.append(pad(c.rawValue, 14) + names.joined(separator: " "))
        }
        lines.append(pad("commands", 14) + Session.commands.map(\.name).joined(separator: " "))
        return lines.joined(separator: "\n")
    }

    static func list(_ builtins: [Builtin]) -> String {
        builtins.map { pad($0.signature, 40) + " " + $0.summary }.joined(separator: "\n")
    }

    static func page(_ b: Builtin, session: Session) -> String {
        var lines = [b.signature, "  " + b.summary]
        if !b.parameters.isEmpty {
            lines.append("")
            lines.append("arguments:")
            for p in b.parameters {
                lines.append("  " + pad(p.name + (p.keywordOnly ? "=" : "") + (p.variadic ? "…" : ""), 14) + p.summary)
            }
        }
        if !b.example.isEmpty {
            lines.append("")
            lines.append("example:")
            lines.append(contentsOf: b.example.split(separator: "\n").map { "  > " + $0 })
            lines.append(contentsOf: runExample(b.example, like: session).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
        }
        return lines.joined(separator: "\n")
    }

    /// Runs an example in a fresh session with the same options and returns what it printed.
    static func runExample(_ code: String, like session: Session) -> String {
        var out: [String] = []
        let scratch = Session(options: session.options, output: { out.append($0) }, diagnostics: { out.append($0) })
        scratch.run(code)
        return out.joined(separator: "\n")
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
}
