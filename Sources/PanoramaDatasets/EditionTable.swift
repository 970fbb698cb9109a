import Foundation
import PanoramaKit

/// A per-project table of one edition: `editions/panorama_<YYYY-MM>_ed<NN>.csv`.
public struct EditionTable: Sendable {
    public var edition: Int
    /// The edition's month, from the file name.
    public var date: CivilDate
    public var rows: [EditionRow]
    public var fileName: String

    /// Reads one edition file with `EditionRow.read` (types forced: text, Oui/Non, month dates
    /// such as `juillet 2013` or `avril 15`, numbers); the file name gives edition and month.
    /// - Throws: `DataError` for a cell that fits no type (file, line, column); `DatasetError`
    ///   for a missing column, an empty name, a missing Oui/Non or an unknown phase.
    public static func read(_ url: URL) throws -> EditionTable {
        let name = url.lastPathComponent
        guard let (date, edition) = parseFileName(name) else {
            throw DatasetError("'\(name)' is not named panorama_<YYYY-MM>_ed<NN>.csv")
        }
        let rows = try EditionRow.read(url, edition: edition)
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
