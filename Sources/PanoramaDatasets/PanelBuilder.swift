import Foundation
import PanoramaKit

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
                records.append(try PanelRecord(row, date: table.date, key: keyed[t][r]))
            }
        }
        self.records = records
        editions = tables.map(\.edition)
        editionDates = Dictionary(uniqueKeysWithValues: tables.map { ($0.edition, $0.date) })
    }

    /// The panel as a frame with the columns `edition, edition_date, key, project, ministry,
    /// ministry_label, interministerial, start, duration, phase, withheld, cost`.
    public var frame: Frame { PanelRecord.frame(records) }

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
