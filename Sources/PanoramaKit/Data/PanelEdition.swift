import Foundation

/// Adds a publisher's per-project table to a panel frame (`add_edition`) and lists the links
/// left for review (`review_keys`).
///
/// The panel is a frame with the bundled panel's columns (`datasets/panorama.csv`); the new
/// rows get the same columns plus `key_review` (true where the key is new only because no
/// candidate was good enough to link without review), which the earlier rows get as false.
public enum PanelEdition {
    /// The result of adding an edition: the extended panel and how each new row was keyed.
    public struct Added: Sendable {
        public var panel: Frame
        public var matches: [KeyMatch]
    }

    /// Keys `rows` against `panel` (every earlier edition) with `EditionKeyMatcher` and appends
    /// them as edition `edition` of month `date`. `decisions` (published name → key) are the
    /// analyst's and override the matcher.
    /// - Throws: `DatasetError` when the panel lacks a column, already has the edition, a
    ///   ministry is unknown, or a decision names a project the table does not have.
    public static func add(_ rows: [EditionRow], to panel: Frame, edition: Int, date: CivilDate,
                           decisions: [String: String] = [:]) throws -> Added {
        let history = try self.history(panel)
        if history.contains(where: { $0.edition == edition }) {
            throw DatasetError("the panel already has edition \(edition)")
        }
        let names = Set(rows.map(\.project))
        if let unknown = decisions.keys.sorted().first(where: { !names.contains($0) }) {
            throw DatasetError("keys= names '\(unknown)', which is not a project of the new table")
        }
        let normalised = try rows.map { ($0, try PanoramaVocabulary.ministry($0.ministryLabel) as String?) }
        let matches = EditionKeyMatcher(history: history.filter { $0.edition < edition })
            .match(normalised, decisions: decisions)
        let records = try zip(rows, matches).map { row, m in
            var r = row
            r.edition = edition
            return try PanelRecord(r, date: date, key: m.key)
        }
        var added = PanelRecord.frame(records)
        added.columns.append(Column(name: "key_review", .bool(matches.map { $0.decision == .review ? 1 : 0 })))
        var old = panel
        if old.column("key_review") == nil {
            old.columns.append(Column(name: "key_review", .bool(Array(repeating: 0, count: old.rowCount))))
        }
        var frame = try Frame.stack([old, added])
        frame.notes = []
        return Added(panel: frame, matches: matches)
    }

    /// The rows of `panel` flagged `key_review`, each with its best candidate among the keys of
    /// earlier editions (not already used in its own edition), the score and the evidence:
    /// columns `edition, project, key, candidate, candidate_project, candidate_edition, score,
    /// evidence`.
    /// - Throws: `DatasetError` when the panel has no `key_review` column or lacks a column.
    public static func review(_ panel: Frame) throws -> Frame {
        guard let flags = panel.column("key_review"), case .bool(let f) = flags.data else {
            throw DatasetError("the panel has no key_review column (add_edition makes it)")
        }
        let all = try history(panel)
        var rows: [(KeyedProject, KeyMatch)] = []
        for (i, p) in all.enumerated() where f[i] == 1 {
            let sameEdition = Set(all.filter { $0.edition == p.edition }.map(\.key))
            let earlier = all.filter { $0.edition < p.edition && !sameEdition.contains($0.key) }
            var latest: [String: KeyedProject] = [:]
            for h in earlier.sorted(by: { $0.edition < $1.edition }) { latest[h.key] = h }
            let row = EditionRow(edition: p.edition, project: p.project, ministryLabel: p.ministry ?? "",
                                 interministerial: false, start: p.start, duration: nil,
                                 phase: PublishedPhase(phase: nil, withheld: false), cost: p.cost)
            var best: (KeyedProject, Double, String)?
            for c in latest.values.sorted(by: { $0.key < $1.key }) {
                let (s, e) = EditionKeyMatcher.score(row, ministry: p.ministry, c)
                if s > (best?.1 ?? -1) { best = (c, s, e) }
            }
            rows.append((p, KeyMatch(project: p.project, key: p.key, decision: .review, candidate: best?.0,
                                     score: best?.1, evidence: best?.2 ?? "")))
        }
        return Frame(columns: [
            Column(name: "edition", .number(rows.map { Double($0.0.edition) })),
            Column(name: "project", .text(Categorical(rows.map { $0.0.project }))),
            Column(name: "key", .text(Categorical(rows.map { $0.0.key }))),
            Column(name: "candidate", .text(Categorical(rows.map { $0.1.candidate?.key }))),
            Column(name: "candidate_project", .text(Categorical(rows.map { $0.1.candidate?.project }))),
            Column(name: "candidate_edition", .number(rows.map { $0.1.candidate.map { Double($0.edition) } ?? .nan })),
            Column(name: "score", .number(rows.map { $0.1.score ?? .nan })),
            Column(name: "evidence", .text(Categorical(rows.map { $0.1.evidence }))),
        ])
    }

    /// Every row of the panel as a keyed project (ministry, start and cost when the columns exist).
    static func history(_ panel: Frame) throws -> [KeyedProject] {
        func need(_ name: String) throws -> Column {
            guard let c = panel.column(name) else { throw DatasetError("the panel has no column '\(name)'") }
            return c
        }
        guard let editions = try need("edition").data.numbers else { throw DatasetError("the panel's 'edition' is not numeric") }
        guard case .text(let keys) = try need("key").data, case .text(let projects) = try need("project").data else {
            throw DatasetError("the panel's 'key' and 'project' must be text")
        }
        var ministries: [String?] = Array(repeating: nil, count: panel.rowCount)
        if case .text(let m)? = panel.column("ministry")?.data { ministries = m.strings }
        var starts: [CivilDate?] = Array(repeating: nil, count: panel.rowCount)
        if case .date(let d, _)? = panel.column("start")?.data {
            starts = d.map { $0 == ColumnData.naDay ? nil : CivilDate(dayNumber: Int($0)) }
        }
        let costs = panel.column("cost")?.data.numbers ?? Array(repeating: .nan, count: panel.rowCount)
        return try (0..<panel.rowCount).map { i in
            guard editions[i].isFinite, editions[i] == editions[i].rounded(), abs(editions[i]) < 1e9,
                  let key = keys[i], let project = projects[i] else {
                throw DatasetError("panel row \(i + 1): an edition number, a key and a project name are required")
            }
            return KeyedProject(edition: Int(editions[i]), key: key, project: project, ministry: ministries[i],
                                start: starts[i], cost: costs[i].isNaN ? nil : costs[i])
        }
    }
}
