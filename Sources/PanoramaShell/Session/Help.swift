import Foundation
import LineEditing
import PanoramaKit

/// `.help`: topics, a builtin's page with its worked example run for real, dot-commands, key
/// bindings, bundled datasets, and search. Everything comes from the builtin registry and
/// `Session.commands`, so nothing is documented twice.
enum Help {
    /// Topics besides builtins, categories and commands.
    static let topics = ["keys", "datasets", "commands", "synonyms"]

    static func text(for query: String, session: Session) -> String {
        let q = query.trimmingCharacters(in: .whitespaces)
        if q.isEmpty { return overview() }
        if let page = languagePage(q, session: session) { return page }
        if let b = BuiltinRegistry.byName[q] { return page(b, session: session) }
        if let c = Session.commands.first(where: { $0.name == q || $0.name == "." + q }) {
            return "\(c.usage)\n  \(c.summary)"
        }
        if let category = Builtin.Category(rawValue: q) {
            return list(BuiltinRegistry.all.filter { $0.category == category })
        }
        switch q {
        case "commands": return commands()
        case "keys": return keys()
        case "datasets": return DatasetHelp.text()
        case "synonyms": return Synonym.table()
        default: return search(q)
        }
    }

    static func overview() -> String {
        var lines = ["panorama — .help NAME shows a builtin or command, .help WORD searches, ?NAME is short for .help NAME", ""]
        for c in Builtin.Category.allCases {
            let names = BuiltinRegistry.all.filter { $0.category == c }.map(\.name)
            if names.isEmpty { continue }
            lines.append(pad(c.rawValue, 14) + names.joined(separator: " "))
        }
        lines.append(pad("commands", 14) + Session.commands.map(\.name).joined(separator: " "))
        lines.append("")
        lines.append(pad("keys", 14) + "key bindings (TAB completes, Up searches history, Ctrl-R searches, Ctrl-C stops)")
        lines.append(pad("datasets", 14) + "the bundled datasets, loaded by short name: load(\"NAME\")")
        lines.append(pad("synonyms", 14) + "words from dplyr, pandas, SQL and R, and how panorama says them")
        return lines.joined(separator: "\n")
    }

    static func commands() -> String {
        Session.commands.map { pad($0.usage, 30) + $0.summary }.joined(separator: "\n")
    }

    static func keys() -> String {
        let rows = EditLineReader.keyHelp.map { pad($0.keys, 18) + $0.action }
        return (rows + ["", "Bindings can be changed in ~/.editrc (libedit's editrc(5), e.g. `bind ^X ed-kill-line`)."])
            .joined(separator: "\n")
    }

    /// What `q` finds: synonyms from other tools (`filter` → `where`), then builtins whose name,
    /// summary or an argument's name contains it, then commands; a did-you-mean when none.
    static func search(_ q: String) -> String {
        let needle = q.lowercased()
        let synonyms = Synonym.matching(q)
        let seen = Set(synonyms.flatMap(\.see))
        let builtins = BuiltinRegistry.all.filter { b in
            seen.contains(b.name) || b.name.contains(needle) || b.summary.lowercased().contains(needle)
                || b.parameters.contains { $0.name.lowercased().contains(needle) }
        }
        let commands = Session.commands.filter {
            seen.contains($0.name) || $0.name.contains(needle) || $0.summary.lowercased().contains(needle)
                || $0.usage.lowercased().contains(needle)
        }
        if synonyms.isEmpty && builtins.isEmpty && commands.isEmpty {
            let names = Array(BuiltinRegistry.byName.keys) + Session.commands.map { String($0.name.dropFirst()) } + topics
                + Synonym.all.map(\.word)
            let s = suggestion(for: q, among: names)
            return "nothing matches '\(q)'" + (s.map { ". Did you mean '\($0)'?" } ?? "") + " (.help lists the topics)"
        }
        var lines = synonyms.map(\.line)
        if !synonyms.isEmpty && !(builtins.isEmpty && commands.isEmpty) { lines.append("") }
        if !builtins.isEmpty { lines.append(list(builtins)) }
        lines += commands.map { pad($0.usage, 40) + " " + $0.summary }
        return lines.joined(separator: "\n")
    }

    static func list(_ builtins: [Builtin]) -> String {
        builtins.map { pad($0.signature, 40) + " " + $0.summary }.joined(separator: "\n")
    }

    /// A builtin's page, its prose wrapped to the width (an argument's description under itself).
    static func page(_ b: Builtin, session: Session) -> String {
        let o = session.options
        var lines = [o.prose(b.signature), o.prose("  " + b.summary, indent: 2)]
        if !b.parameters.isEmpty {
            lines.append("")
            lines.append("arguments:")
            for p in b.parameters {
                lines.append(o.prose("  " + pad(p.name + (p.keywordOnly ? "=" : "") + (p.variadic ? "…" : ""), 14) + p.summary, indent: 16))
            }
        }
        if !b.example.isEmpty {
            lines.append("")
            lines.append("example:")
            lines.append(contentsOf: runExample(b.example, like: session).map { "  " + $0 })
        }
        return lines.joined(separator: "\n")
    }

    /// Runs an example in a fresh session with the same options, statement by statement, and
    /// returns a transcript: each statement after `> ` (continuation lines after `  `), then
    /// what it printed — as the REPL would have shown it. Relative paths are those of a
    /// temporary folder, removed afterwards: help leaves no files behind.
    static func runExample(_ code: String, like session: Session) -> [String] {
        var out: [String] = []
        let scratch = Session(options: session.options,
                              output: { out += $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) },
                              diagnostics: { out += $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) })
        scratch.interpreter.defaultSeed = session.interpreter.defaultSeed
        // Examples that write files (`save`) write them in a folder removed afterwards.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-help-\(UUID().uuidString)")
        if (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil {
            scratch.interpreter.directory = folder.path
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        var statement: [String] = []
        for line in code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            statement.append(line)
            let text = statement.joined(separator: "\n")
            guard Parser.isComplete(text) else { continue }
            out.append("> " + statement[0])
            out += statement.dropFirst().map { "  " + $0 }
            statement = []
            if scratch.run(text).outcome != .ok { break }
        }
        if !statement.isEmpty {
            out += statement.map { "> " + $0 }
            scratch.run(statement.joined(separator: "\n"))
        }
        return out
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
}
