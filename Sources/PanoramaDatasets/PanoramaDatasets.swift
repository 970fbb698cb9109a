import Foundation
import PanoramaKit

/// The bundled Panorama datasets, built from the source data by the project's own code.
///
/// Inputs: `<source>/editions/*.csv` (the ten per-project tables), `<source>/aggregates_by_edition.csv`
/// and the reviewed key table `datasets/panorama_keys.csv`. Outputs, written by `write(to:)`:
/// `panorama.csv` (the panel), `panorama_growth.csv` (derived measures) and
/// `panorama_series.csv` (editions 1–20). `datasets/README.md` documents every column.
public struct PanoramaDatasets: Sendable {
    public var tables: [EditionTable]
    public var panel: PanoramaPanel
    public var series: EditionSeries

    /// The files `write(to:)` produces, in order.
    public static let fileNames = ["panorama.csv", "panorama_growth.csv", "panorama_series.csv"]

    /// Builds everything from `source` (the `datasets/sources/panorama` folder) and the key table.
    /// - Throws: `DatasetError` for any source cell or key decision that fails its check.
    public init(source: URL, keys: URL) throws {
        tables = try EditionTable.readAll(source.appendingPathComponent("editions"))
        panel = try PanoramaPanel(tables: tables, keys: ProjectKeyTable.read(keys))
        series = try EditionSeries(aggregates: source.appendingPathComponent("aggregates_by_edition.csv"))
    }

    /// The frames in the order of `fileNames`.
    public var frames: [Frame] { [panel.frame, panel.measuresFrame, series.frame(panel: panel)] }

    /// The text of each file, by file name.
    public var files: [(name: String, text: String)] {
        zip(Self.fileNames, frames).map { ($0, Self.csv($1)) }
    }

    /// Writes the three CSV files into `directory` (each atomically).
    /// - Throws: `DatasetError` when a file cannot be written.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            let path = directory.appendingPathComponent(name).path
            do {
                try AtomicFile.write(Data(text.utf8), to: path)
            } catch let error as DataError {
                throw DatasetError("cannot write '\(path)': \(error.problem)")
            }
        }
    }

    /// The CSV form of the bundled files: `CSVWriter`'s (`,`, `.` decimals, shortest
    /// round-trip numbers, `true`/`false`, ISO dates, `na` empty), with LF record ends so that
    /// git diffs of a rebuild stay readable.
    public static func csv(_ frame: Frame) -> String {
        CSVWriter.text(frame, lineEnding: "\n")
    }

    /// The README's table of entries, exits and continuing projects per transition (Markdown).
    public var transitionsTable: String {
        var s = "| transition | months | continuing | exits | entries | of which returning |\n"
        s += "|---|---|---|---|---|---|\n"
        for t in panel.transitions {
            let months = panel.editionDates[t.to]!.monthIndex - panel.editionDates[t.from]!.monthIndex
            s += "| ed \(t.from) → ed \(t.to) | \(months) | \(t.continuing) | \(t.exits) | \(t.entries) | \(t.returning) |\n"
        }
        return s
    }

    /// The README's list of who leaves and who enters at each transition, by key (Markdown).
    public var transitionNames: String {
        var s = ""
        for (a, b) in zip(panel.editions, panel.editions.dropFirst()) {
            let before = Set(panel.records(edition: a).map(\.key))
            let after = Set(panel.records(edition: b).map(\.key))
            let out = before.subtracting(after).sorted().joined(separator: ", ")
            let into = after.subtracting(before).sorted().joined(separator: ", ")
            s += "- ed \(a) → ed \(b): out: \(out.isEmpty ? "none" : out); in: \(into.isEmpty ? "none" : into)\n"
        }
        return s
    }

    /// The README's table of per-edition cost sums: the panel, the edition table (summed from
    /// the source file independently of the key) and the published key figure (Markdown).
    public var costSumTable: String {
        var s = "| edition | month | rows | with cost | panel sum (M€) | table sum (M€) | published (M€) | basis | published − panel (M€) |\n"
        s += "|---|---|---|---|---|---|---|---|---|\n"
        let published = Dictionary(uniqueKeysWithValues: series.entries.map { ($0.edition, $0) })
        for (table, sum) in zip(tables, panel.costSums) {
            let tableSum = table.rows.compactMap(\.cost).reduce(0, +)
            let p = published[table.edition]
            let key = p?.totalCost.map { JSON.numberText($0) } ?? "na"
            let diff = p?.totalCost.map { JSON.numberText(round9($0 - sum.sum).roundedTo(2)) } ?? "na"
            s += "| \(table.edition) | \(table.date.text(.month)) | \(sum.rows) | \(sum.costed) | "
            s += "\(JSON.numberText(sum.sum.roundedTo(2))) | \(JSON.numberText(tableSum.roundedTo(2))) | "
            s += "\(key) | \(p?.basis?.name ?? "na") | \(diff) |\n"
        }
        return s
    }
}

extension Double {
    /// Rounded to `digits` decimals: `2511.8558475919832.roundedTo(2) // 2511.86`.
    func roundedTo(_ digits: Int) -> Double {
        let f = pow(10, Double(digits))
        return (self * f).rounded() / f
    }
}

extension PanoramaDatasets {
    /// What `swift run panorama-datasets` does: builds the files from
    /// `root/datasets/sources/panorama` and `root/datasets/panorama_keys.csv` and compares them
    /// with those in `root/datasets`; writes the ones that differ unless `check`.
    /// - Returns: the built datasets and the names of the files that differed.
    /// - Throws: `DatasetError` (or the reader's `DataError`) naming the source cell at fault.
    public static func rebuild(root: URL, check: Bool) throws -> (built: PanoramaDatasets, changed: [String]) {
        let datasets = root.appendingPathComponent("datasets")
        let built = try PanoramaDatasets(source: datasets.appendingPathComponent("sources/panorama"),
                                         keys: datasets.appendingPathComponent("panorama_keys.csv"))
        var changed: [String] = []
        for (name, text) in built.files {
            let committed = try? Data(contentsOf: datasets.appendingPathComponent(name))
            if committed != Data(text.utf8) { changed.append(name) }
        }
        if !check && !changed.isEmpty { try built.write(to: datasets) }
        return (built, changed)
    }
}
