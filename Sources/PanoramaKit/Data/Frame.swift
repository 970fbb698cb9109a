import Foundation

/// A table of equally long, named, typed columns.
public struct Frame: Sendable {
    public var columns: [Column]
    /// Notes gathered while building the frame (what a reader guessed, dropped or repaired).
    public var notes: [String]

    public init(columns: [Column] = [], notes: [String] = []) {
        self.columns = columns
        self.notes = notes
    }

    public var rowCount: Int { columns.first?.count ?? 0 }
    public var columnCount: Int { columns.count }
    public var names: [String] { columns.map(\.name) }

    /// The index of the column whose identifier or original label is `key`.
    public func columnIndex(_ key: String) -> Int? {
        columns.firstIndex { $0.name == key } ?? columns.firstIndex { $0.label == key }
    }

    public func column(_ key: String) -> Column? {
        columnIndex(key).map { columns[$0] }
    }

    /// Adds a column, or replaces the one with the same identifier.
    public mutating func setColumn(_ column: Column) {
        if let i = columns.firstIndex(where: { $0.name == column.name }) {
            columns[i] = column
        } else {
            columns.append(column)
        }
    }

    /// The rows at the given indices, in that order.
    public func rows(_ indices: [Int]) -> Frame {
        Frame(columns: columns.map { c in
            var c = c
            c.data = c.data.gather(indices)
            return c
        }, notes: notes)
    }
}

/// The identifier for code derived from a label: lowercase, accents folded, other characters `_`.
///
/// A label that yields nothing becomes `x`; one starting with a digit gets an `x` prefix.
/// `identifier(for: "Coût complet estimé") // "cout_complet_estime"`
public func identifier(for label: String) -> String {
    // ASCII labels (most headers, and every column of wide machine-made files) need no folding.
    if label.utf8.allSatisfy({ $0 < 0x80 }) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(label.utf8.count)
        var pendingUnderscore = false
        for b in label.utf8 {
            let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A), isDigit = b >= 0x30 && b <= 0x39
            if isLetter || isDigit {
                if pendingUnderscore && !bytes.isEmpty { bytes.append(0x5F) }
                pendingUnderscore = false
                bytes.append(isLetter ? b | 0x20 : b)
            } else {
                pendingUnderscore = true
            }
        }
        if bytes.isEmpty { return "x" }
        let out = String(decoding: bytes, as: UTF8.self)
        return bytes[0] <= 0x39 ? "x" + out : out
    }
    let folded = label
        .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "OE")
        .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "AE")
        .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var out = ""
    var pendingUnderscore = false
    for ch in folded {
        if ch.isASCII, ch.isLetter || ch.isNumber {
            if pendingUnderscore && !out.isEmpty { out.append("_") }
            pendingUnderscore = false
            out.append(contentsOf: ch.lowercased())
        } else {
            pendingUnderscore = true
        }
    }
    if out.isEmpty { return "x" }
    if let f = out.first, f.isNumber { out = "x" + out }
    return out
}
