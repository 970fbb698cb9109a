import Foundation

/// One row of a published per-project table, its facts read and typed (descriptions left out).
public struct EditionRow: Sendable, Equatable {
    public var edition: Int
    /// The published name, unchanged.
    public var project: String
    /// The published ministry (`Ministère nom complet` where the file has it, else `Ministère
    /// porteur`), unchanged.
    public var ministryLabel: String
    public var interministerial: Bool
    /// Start month; nil when the table gives none.
    public var start: CivilDate?
    /// Planned duration in years; nil when the table gives none.
    public var duration: Double?
    public var phase: PublishedPhase
    /// Estimated (full) cost in M€; nil when the table gives none.
    public var cost: Double?

    public init(edition: Int, project: String, ministryLabel: String, interministerial: Bool, start: CivilDate?,
                duration: Double?, phase: PublishedPhase, cost: Double?) {
        self.edition = edition
        self.project = project
        self.ministryLabel = ministryLabel
        self.interministerial = interministerial
        self.start = start
        self.duration = duration
        self.phase = phase
        self.cost = cost
    }

    /// The columns of a per-project table under each label the publisher has used: the page
    /// tables of editions 1–14 (`Projet`, `Coût complet estimé`, …) and the raw exports of
    /// 2016–2018 (`Nom du projet`, `Durée prévisionnelle en année`, …).
    static let columns: [SourceFile.Wanted] = [
        .init("Projet", "Nom du projet", as: .text),
        .init("Ministère porteur", "Ministère nom complet", as: .text),
        .init("Projet inter-ministériel", "Projet interministériel", as: .bool),
        .init("Début", as: .date),
        .init("Durée du projet en années", "Durée prévisionnelle en année", as: .number),
        .init("Phase du projet en cours", as: .text),
        .init("Coût complet estimé", "Coût estimé", as: .number),
    ]

    /// Reads the rows of a per-project table (CSV or XLSX, any of the historical layouts: month
    /// dates such as `juillet 2013`, `avril 15` or `2013-07-01`, comma or dot decimals). Where
    /// the file has `Ministère nom complet` (the raw exports, whose `Ministère porteur` is an
    /// abbreviation such as `SPM`), that is the ministry label. With `export`, the publisher's
    /// raw export is read as downloaded: `En cadrage` is a cost not known yet and records with
    /// every cell empty (the 2016 export ends with hundreds) are skipped; without, as the
    /// bundled build reads its page tables, both are errors.
    /// - Throws: `DataError` for a cell that fits no type (file, line, column); `DatasetError`
    ///   for a missing column, an empty name, a missing Oui/Non or an unknown phase.
    public static func read(_ url: URL, edition: Int, export: Bool = false) throws -> [EditionRow] {
        var notes: [String] = []
        return try read(url, edition: edition, export: export, encoding: nil, notes: &notes)
    }

    /// The rows as `read(_:edition:export:)` gives them; an export that is not UTF-8 is read as
    /// `encoding` (Windows-1252 when nil), and the reader's note saying so is added to `notes`.
    public static func read(_ url: URL, edition: Int, export: Bool, encoding: TextEncoding?,
                            notes: inout [String]) throws -> [EditionRow] {
        var wanted = columns
        let header = try SourceFile.header(url, wanted, encoding: encoding)
        if header.labels.contains(where: { PanoramaVocabulary.normalisedName($0) == "ministerenomcomplet" }) {
            wanted[1] = .init("Ministère nom complet", as: .text)
        }
        let (file, c) = try SourceFile.read(url, wanted, missing: export ? ["En cadrage", "en cadrage"] : [],
                                            dropsEmptyRecords: export, encoding: encoding, header: header)
        notes += file.notes
        let projects = file.text(c[0]), ministries = file.text(c[1]), flags = file.bools(c[2])
        let starts = file.dates(c[3]), durations = file.numbers(c[4]), phases = file.text(c[5])
        let costs = file.numbers(c[6])
        var rows: [EditionRow] = []
        for r in 0..<file.frame.rowCount {
            guard let project = projects[r] else { throw file.error(row: r, "no project name") }
            guard let ministry = ministries[r] else { throw file.error(row: r, "no ministry for '\(project)'") }
            guard let flag = flags[r] else { throw file.error(row: r, "no Oui/Non interministerial flag for '\(project)'") }
            let phase: PublishedPhase
            do {
                phase = try PublishedPhase(phases[r] ?? "")
            } catch let e as DatasetError {
                throw file.error(row: r, e.message)
            }
            rows.append(EditionRow(
                edition: edition, project: project, ministryLabel: ministry, interministerial: flag,
                start: starts[r], duration: durations[r], phase: phase, cost: costs[r]))
        }
        return rows
    }
}
