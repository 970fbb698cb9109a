import Foundation

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

extension PanelRecord {
    /// A published row keyed and normalised: the ministry by `PanoramaVocabulary.ministry`, the
    /// phase cell split into phase and withheld flag.
    /// - Throws: `DatasetError` for an unknown ministry.
    public init(_ row: EditionRow, date: CivilDate, key: String) throws {
        self.init(edition: row.edition, editionDate: date, key: key, project: row.project,
                  ministry: try PanoramaVocabulary.ministry(row.ministryLabel), ministryLabel: row.ministryLabel,
                  interministerial: row.interministerial, start: row.start, duration: row.duration,
                  phase: row.phase.phase, withheld: row.phase.withheld, cost: row.cost)
    }

    /// Records as the panel frame (`datasets/panorama.csv`): `edition, edition_date, key,
    /// project, ministry, ministry_label, interministerial, start, duration, phase, withheld, cost`.
    public static func frame(_ r: [PanelRecord]) -> Frame {
        func day(_ d: CivilDate?) -> Int32 { d.map { Int32($0.dayNumber) } ?? ColumnData.naDay }
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
}
