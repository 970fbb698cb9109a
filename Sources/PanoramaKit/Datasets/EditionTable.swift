import Foundation

/// One row of a published edition table, its facts read and typed (descriptions left out).
public struct EditionRow: Sendable, Equatable {
    public var edition: Int
    /// The published name, unchanged.
    public var project: String
    /// The published `Ministère porteur`, unchanged.
    public var ministryLabel: String
    public var interministerial: Bool
    /// Start month; nil when the table gives none.
    public var start: CivilDate?
    /// Planned duration in years; nil when the table gives none.
    public var duration: Double?
    public var phase: PublishedPhase
    /// Estimated (full) cost in M€; nil when the table gives none.
    public var cost: Double?
}

/// A per-project table of one edition: `editions/panorama_<YYYY-MM>_ed<NN>.csv`.
public struct EditionTable: Sendable {
    public var edition: Int
    /// The edition's month, from the file name.
    public var date: CivilDate
    public var rows: [EditionRow]
    public var fileName: String

    /// Reads one edition file, converting each fact; the file name gives edition and month.
    /// - Throws: `DatasetError` naming the file and line of any cell that fits no rule.
    public static func read(_ url: URL) throws -> EditionTable {
        let name = url.lastPathComponent
        guard let (date, edition) = parseFileName(name) else {
            throw DatasetError("'\(name)' is not named panorama_<YYYY-MM>_ed<NN>.csv")
        }
        let table = try TextTable.read(url)
        let project = try table.column("Projet")
        let ministry = try table.column("Ministère porteur")
        let inter = try table.column("Projet inter-ministériel")
        let start = try table.column("Début")
        let duration = try table.column("Durée du projet en années")
        let phase = try table.column("Phase du projet en cours")
        let cost = try table.column("Coût complet estimé", "Coût estimé")
        var rows: [EditionRow] = []
        for (r, cells) in table.records.enumerated() {
            func fail(_ message: String) -> DatasetError { DatasetError("\(name):\(table.lines[r]): \(message)") }
            func number(_ i: Int) throws -> Double? {
                let t = cells[i].trimmingCharacters(in: .whitespaces)
                if t.isEmpty { return nil }
                guard let v = Double(t), v.isFinite else { throw fail("'\(t)' is not a number") }
                return v
            }
            let flag: Bool
            switch cells[inter].trimmingCharacters(in: .whitespaces) {
            case "Oui": flag = true
            case "Non": flag = false
            case let other: throw fail("'\(other)' is not Oui or Non")
            }
            do {
                rows.append(EditionRow(
                    edition: edition,
                    project: cells[project],
                    ministryLabel: cells[ministry],
                    interministerial: flag,
                    start: try PanoramaVocabulary.monthDate(cells[start]),
                    duration: try number(duration),
                    phase: try PublishedPhase(cells[phase]),
                    cost: try number(cost)))
            } catch let e as DatasetError where !e.message.hasPrefix(name) {
                throw fail(e.message)
            }
        }
        return EditionTable(edition: edition, date: date, rows: rows, fileName: name)
    }

    /// Every edition table of `directory`, in edition order.
    /// - Throws: `DatasetError` when the folder holds none or one cannot be read.
    public static func readAll(_ directory: URL) throws -> [EditionTable] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let files = names.filter { parseFileName($0) != nil }
        guard !files.isEmpty else { throw DatasetError("no edition tables in '\(directory.path)'") }
        return try files.map { try read(directory.appendingPathComponent($0)) }
            .sorted { $0.edition < $1.edition }
    }

    /// `panorama_2016-11_ed01.csv` → (2016-11, 1).
    static func parseFileName(_ name: String) -> (CivilDate, Int)? {
        guard name.hasPrefix("panorama_"), name.hasSuffix(".csv") else { return nil }
        let core = name.dropFirst("panorama_".count).dropLast(".csv".count)  // 2016-11_ed01
        let parts = core.split(separator: "_")
        guard parts.count == 2, parts[1].hasPrefix("ed"), let edition = Int(parts[1].dropFirst(2)) else { return nil }
        let ym = parts[0].split(separator: "-")
        guard ym.count == 2, let y = Int(ym[0]), let m = Int(ym[1]), (1...12).contains(m) else { return nil }
        return (CivilDate(year: y, month: m), edition)
    }
}
