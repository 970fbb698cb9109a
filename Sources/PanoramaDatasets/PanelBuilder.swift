import Foundation
import PanoramaKit

/// One row of the panel: a project in an edition, its facts normalised.
public struct PanelRecord: Sendable, Equatable {
    public var edition: Int
    public var editionDate: CivilDate
    public var key: String
    /// The name as published in this edition.
    public var project: String
    /// The ministry normalised across renamings (`PanoramaVocabulary.ministries`).
    public var ministry: String
    /// The ministry as published in this edition.
    public var ministryLabel: String
    public var interministerial: Bool
    public var start: CivilDate?
    /// Planned duration in years.
    public var duration: Double?
    /// nil for `NA` and for withheld figures.
    public var phase: ProjectPhase?
    public var withheld: Bool
    /// M€; nil when the table gives no cost (scoping, withheld).
    public var cost: Double?
}

/// The long panel: one record per project per edition table, keyed by the reviewed key table.
public struct PanoramaPanel: Sendable {
    /// In edition order, then in each table's published order.
    public var records: [PanelRecord]
    /// The editions that have a per-project table, ascending.
    public var editions: [Int]
    /// The month of each of those editions.
    public var editionDates: [Int: CivilDate]

    /// Joins the edition tables with the key table and normalises every fact.
    /// - Throws: `DatasetError` when the key table disagrees with the tables
    ///   (`ProjectKeyTable.check(against:)`) or a ministry is unknown.
    public init(tables: [EditionTable], keys: ProjectKeyTable) throws {
        let keyed = try keys.check(against: tables)
        var records: [PanelRecord] = []
        for (t, table) in tables.enumerated() {
            for (r, row) in table.rows.enumerated() {
                records.append(PanelRecord(
                    edition: table.edition, editionDate: table.date, key: keyed[t][r],
                    project: row.project,
                    ministry: try PanoramaVocabulary.ministry(row.ministryLabel),
                    ministryLabel: row.ministryLabel, interministerial: row.interministerial,
                    start: row.start, duration: row.duration, phase: row.phase.phase,
                    withheld: row.phase.withheld, cost: row.cost))
            }
        }
        self.records = records
        editions = tables.map(\.edition)
        editionDates = Dictionary(uniqueKeysWithValues: tables.map { ($0.edition, $0.date) })
    }

    /// The panel as a frame with the columns `edition, edition_date, key, project, ministry,
    /// ministry_label, interministerial, start, duration, phase, withheld, cost`.
    public var frame: Frame {
        let r = records
        return Frame(columns: [
            Column(name: "edition", .number(r.map { Double($0.edition) })),
            Column(name: "edition_date", .date(r.map { Int32($0.editionDate.dayNumber) }, .month)),
            Column(name: "key", .text(Categorical(r.map { $0.key }))),
            Column(name: "project", .text(Categorical(r.map { $0.project }))),
            Column(name: "ministry", .text(Categorical(r.map { $0.ministry }))),
            Column(name: "ministry_label", .text(Categorical(r.map { $0.ministryLabel }))),
            Column(name: "interministerial", .bool(r.map { $0.interministerial ? 1 : 0 })),
            Column(name: "start", .date(r.map { day($0.start) }, .month)),
            Column(name: "duration", unit: "years", .number(r.map { $0.duration ?? .nan })),
            Column(name: "phase", .text(Categorical(r.map { $0.phase?.rawValue }))),
            Column(name: "withheld", .bool(r.map { $0.withheld ? 1 : 0 })),
            Column(name: "cost", unit: "M€", .number(r.map { $0.cost ?? .nan })),
        ])
    }

    /// The records of one edition.
    public func records(edition: Int) -> [PanelRecord] { records.filter { $0.edition == edition } }

    /// Entries, exits and continuing projects between each pair of successive edition tables.
    public var transitions: [Transition] {
        var everSeen: Set<String> = []
        var result: [Transition] = []
        for (a, b) in zip(editions, editions.dropFirst()) {
            let before = Set(records(edition: a).map(\.key))
            let after = Set(records(edition: b).map(\.key))
            everSeen.formUnion(before)
            let entries = after.subtracting(before)
            result.append(Transition(
                from: a, to: b, continuing: before.intersection(after).count,
                exits: before.subtracting(after).count, entries: entries.count,
                returning: entries.intersection(everSeen).count))
        }
        return result
    }

    /// Per edition: rows, rows with a cost, and the sum of costs (M€).
    public var costSums: [(edition: Int, rows: Int, costed: Int, sum: Double)] {
        editions.map { e in
            let costs = records(edition: e).compactMap(\.cost)
            return (e, records(edition: e).count, costs.count, costs.reduce(0, +))
        }
    }
}

/// The flow of projects from one edition table to the next.
public struct Transition: Sendable, Equatable {
    public var from: Int
    public var to: Int
    /// Keys in both tables.
    public var continuing: Int
    /// Keys in `from` and not in `to`.
    public var exits: Int
    /// Keys in `to` and not in `from`.
    public var entries: Int
    /// Entries already seen in an earlier table (a project back after an absence).
    public var returning: Int

    public init(from: Int, to: Int, continuing: Int, exits: Int, entries: Int, returning: Int) {
        self.from = from
        self.to = to
        self.continuing = continuing
        self.exits = exits
        self.entries = entries
        self.returning = returning
    }
}

func day(_ d: CivilDate?) -> Int32 {
    d.map { Int32($0.dayNumber) } ?? ColumnData.naDay
}
