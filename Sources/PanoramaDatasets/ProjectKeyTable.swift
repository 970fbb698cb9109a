import Foundation
import PanoramaKit

/// How a row of the key table was linked to the project's previous appearance.
public enum KeyDecision: String, Sendable, CaseIterable {
    /// The same published name as the previous appearance.
    case exact
    /// The same name once case, accents and punctuation are folded (`Expadon 2` → `EXPADON 2`).
    case normalisedName = "normalised-name"
    /// A different name, linked by hand (`Réseau Interministériel de l'Etat` → `RIE`); the note
    /// gives the evidence.
    case reviewedRename = "reviewed-rename"
    /// The project's first appearance (the note names any candidate rejected).
    case new
}

/// The reviewed project key (`datasets/panorama_keys.csv`): for each (edition, published
/// name), the key that follows the project across editions and how the link was decided.
///
/// It is input, not output: decisions are made by reading candidates (name, ministry, start,
/// cost, description) and committed. `check(against:)` makes sure the table and the edition
/// tables agree row for row and that every `decided` value is what the names show.
public struct ProjectKeyTable: Sendable {
    public struct Entry: Sendable, Equatable {
        public var edition: Int
        public var project: String
        public var key: String
        public var decided: KeyDecision
        public var note: String
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Reads the key table CSV (`edition,project,key,decided,note`) with the data reader.
    /// - Throws: `DataError` for a non-numeric edition (with its line); `DatasetError` naming
    ///   the row of an empty name or key or an unknown decision.
    public static func read(_ url: URL) throws -> ProjectKeyTable {
        let (file, c) = try SourceFile.read(url, [
            .init("edition", as: .number), .init("project", as: .text), .init("key", as: .text),
            .init("decided", as: .text), .init("note", as: .text),
        ])
        let editions = file.numbers(c[0]), projects = file.text(c[1]), keys = file.text(c[2])
        let decisions = file.text(c[3]), notes = file.text(c[4])
        var entries: [Entry] = []
        for r in 0..<file.frame.rowCount {
            guard let e = editions[r], e == e.rounded(), let project = projects[r] else {
                throw file.error(row: r, "an edition number and a project name are required")
            }
            guard let key = keys[r] else { throw file.error(row: r, "empty key") }
            guard let decided = decisions[r].flatMap(KeyDecision.init(rawValue:)) else {
                throw file.error(row: r, "decided '\(decisions[r] ?? "")' is not one of exact, normalised-name, reviewed-rename, new")
            }
            entries.append(Entry(edition: Int(e), project: project, key: key, decided: decided, note: notes[r] ?? ""))
        }
        return ProjectKeyTable(entries: entries)
    }

    /// The key of each row of each edition table, in table order.
    ///
    /// Checks, in this order: every (edition, name) of the key table is unique and matches a
    /// row of that edition's table, and every table row has a key row; no key appears twice in
    /// one edition; and each `decided` value agrees with the names — `new` exactly on a key's
    /// first appearance, `exact` when the name equals the previous appearance's, `normalised-name`
    /// when only folding makes them equal, `reviewed-rename` when even folded they differ.
    /// - Throws: `DatasetError` describing the first disagreement.
    public func check(against tables: [EditionTable]) throws -> [[String]] {
        var byRow: [String: Entry] = [:]
        func id(_ edition: Int, _ project: String) -> String { "\(edition)\u{1F}\(project)" }
        for entry in entries {
            let i = id(entry.edition, entry.project)
            if byRow[i] != nil {
                throw DatasetError("key table: '\(entry.project)' is listed twice for edition \(entry.edition)")
            }
            byRow[i] = entry
        }
        let tableRows = Set(tables.flatMap { t in t.rows.map { id(t.edition, $0.project) } })
        for entry in entries where !tableRows.contains(id(entry.edition, entry.project)) {
            throw DatasetError("key table: edition \(entry.edition) has no project '\(entry.project)'")
        }
        var keys: [[String]] = []
        var previous: [String: (edition: Int, project: String)] = [:]
        for table in tables {
            var seen: Set<String> = []
            var editionKeys: [String] = []
            for row in table.rows {
                guard let entry = byRow[id(table.edition, row.project)] else {
                    throw DatasetError("key table: no key for '\(row.project)' of edition \(table.edition)")
                }
                guard seen.insert(entry.key).inserted else {
                    throw DatasetError("key table: key '\(entry.key)' is given twice in edition \(table.edition)")
                }
                let expected: KeyDecision
                if let last = previous[entry.key] {
                    if last.project == row.project {
                        expected = .exact
                    } else if PanoramaVocabulary.normalisedName(last.project) == PanoramaVocabulary.normalisedName(row.project) {
                        expected = .normalisedName
                    } else {
                        expected = .reviewedRename
                    }
                } else {
                    expected = .new
                }
                if entry.decided != expected {
                    let was = previous[entry.key].map { " (was '\($0.project)' in edition \($0.edition))" } ?? ""
                    throw DatasetError("key table: '\(row.project)' of edition \(table.edition) is decided "
                        + "\(entry.decided.rawValue) but the names say \(expected.rawValue)\(was)")
                }
                previous[entry.key] = (table.edition, row.project)
                editionKeys.append(entry.key)
            }
            keys.append(editionKeys)
        }
        return keys
    }
}
