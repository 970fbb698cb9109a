import Foundation

/// A Panorama source file (the bundled build's inputs, or a publisher's file given to
/// `add_edition`), read by the data reader with the types the reader of it needs forced, so that
/// nothing is guessed: a cell that does not fit is an error naming its line and column
/// (`DataError`), and any note the reader would make is an error too.
public struct SourceFile {
    public var frame: Frame
    /// The file name, for messages.
    public var name: String
    /// The reader's notes a publisher's file may have (the encoding it was read in), to pass on.
    public var notes: [String] = []

    /// One column the builder reads: the labels it may have (the first present wins) and its type.
    public struct Wanted: Sendable {
        public var labels: [String]
        public var type: ColumnType
        public init(_ labels: String..., as type: ColumnType) {
            self.labels = labels
            self.type = type
        }
    }

    /// Reads `url` and returns it with the frame index of each wanted column, in order.
    ///
    /// The file is read once to learn its labels, then again with every wanted column's type
    /// forced (strict). Labels are compared as `PanoramaVocabulary.normalisedName` does (spaces,
    /// punctuation, case and accents ignored: `Ministère porteur ` of the 2016 export); `missing` adds cell texts that mean `na`
    /// (`En cadrage` in a cost column); `dropsEmptyRecords` accepts the reader dropping all-empty
    /// records (a raw export's trailing ones), which is otherwise an error, and a file that is not
    /// UTF-8 is read as `encoding` (Windows-1252 when nil, with a note kept in `notes`) — a
    /// publisher's file as downloaded; the bundled build's own files must be UTF-8. Other columns
    /// are left as inferred and not used. `header` is the file's header when the caller has
    /// already found it (`header(_:_:encoding:)`), so the file is not searched again.
    /// - Throws: `DatasetError` for a missing column or a reader note; the reader's `DataError`
    ///   for a cell that fits no forced type.
    public static func read(_ url: URL, _ wanted: [Wanted], missing: [String] = [],
                            dropsEmptyRecords: Bool = false, encoding: TextEncoding? = nil,
                            header found: (labels: [String], skip: Int)? = nil) throws -> (SourceFile, [Int]) {
        let name = url.lastPathComponent
        let (labels, skip) = try found ?? header(url, wanted, encoding: encoding)
        var types: [String: ColumnType] = [:]
        var chosen: [String] = []
        for w in wanted {
            guard let label = label(of: w, in: labels) else { throw DatasetError("\(name): no column '\(w.labels[0])'") }
            types[label] = w.type
            chosen.append(label)
        }
        var options = ReadOptions(encoding: encoding, types: types, missing: missing, skip: skip)
        options.freeTextIsMissing = false      // a source cell that is not a number is an error here
        let frame = try DataReader.load(path: url.path, options: options, displayName: name).frame
        let tolerated = { (note: String) in
            dropsEmptyRecords && (note.hasPrefix("dropped ") && note.contains(" empty ") || note.contains("is not utf-8; read as"))
        }
        if let note = frame.notes.first(where: { !tolerated($0) }) { throw DatasetError("\(name): \(note)") }
        let indices = chosen.map { label in frame.columns.firstIndex { $0.label == label }! }
        return (SourceFile(frame: frame, name: name, notes: frame.notes.filter { !$0.hasPrefix("dropped ") && tolerated($0) }), indices)
    }

    /// The label of `labels` that is `wanted`'s (its first label present wins), compared as
    /// `PanoramaVocabulary.normalisedName` does.
    static func label(of wanted: Wanted, in labels: [String]) -> String? {
        let normalised = labels.map(PanoramaVocabulary.normalisedName)
        return wanted.labels.lazy.compactMap { want in
            normalised.firstIndex(of: PanoramaVocabulary.normalisedName(want)).map { labels[$0] }
        }.first
    }

    /// The header's labels and the number of lines above it: the first of the file's first
    /// `headerSearch` rows under which every wanted column has a label (a publisher's workbook
    /// may carry a title and a blank line above its table).
    /// - Throws: `DatasetError` naming the first wanted column missing under the first row.
    public static func header(_ url: URL, _ wanted: [Wanted], encoding: TextEncoding?) throws -> (labels: [String], skip: Int) {
        let name = url.lastPathComponent
        func labels(_ skip: Int) throws -> [String] {
            try DataReader.load(path: url.path, options: ReadOptions(encoding: encoding, skip: skip),
                                displayName: name).frame.columns.map(\.label)
        }
        // A title line above the header may make the first read fail (a ragged CSV): look further
        // down first, and report the first row's failure only when no row below is the header.
        let first: [String]
        do { first = try labels(0) } catch { first = [] }
        if let missing = wanted.first(where: { label(of: $0, in: first) == nil }) {
            for skip in 1..<headerSearch {
                guard let found = try? labels(skip) else { continue }
                if wanted.allSatisfy({ label(of: $0, in: found) != nil }) { return (found, skip) }
            }
            if first.isEmpty { _ = try labels(0) }
            throw DatasetError("\(name): no column '\(missing.labels[0])' in the header (or the \(headerSearch - 1) rows under it); its columns: \(first.prefix(12).map { "'\($0)'" }.joined(separator: ", "))")
        }
        return (first, 0)
    }

    /// How many rows from the top `header` looks at.
    static let headerSearch = 11

    /// Text cells of column `j` (nil for `na`).
    public func text(_ j: Int) -> [String?] {
        if case .text(let c) = frame.columns[j].data { return c.strings }
        return Array(repeating: nil, count: frame.rowCount)
    }

    /// Numbers of column `j` (nil for `na`).
    public func numbers(_ j: Int) -> [Double?] {
        (frame.columns[j].data.numbers ?? []).map { $0.isNaN ? nil : $0 }
    }

    /// Dates of column `j` (nil for `na`).
    public func dates(_ j: Int) -> [CivilDate?] {
        guard case .date(let days, _) = frame.columns[j].data else { return [] }
        return days.map { $0 == ColumnData.naDay ? nil : CivilDate(dayNumber: Int($0)) }
    }

    /// Booleans of column `j` (nil for `na`).
    public func bools(_ j: Int) -> [Bool?] {
        guard case .bool(let v) = frame.columns[j].data else { return [] }
        return v.map { $0 < 0 ? nil : $0 == 1 }
    }

    /// The error for data record `r` (0-based), numbered from 1 in the message.
    public func error(row r: Int, _ message: String) -> DatasetError {
        DatasetError("\(name): row \(r + 1): \(message)")
    }
}
