/// The JSON renderings of a frame: the §4 shape (printed in JSON mode and by `save` to
/// `.json`) and one object per row (`save` to `.jsonl`).
extension Frame {
    /// `{"columns": [...], "rows": [[...], ...]}`, rows complete, `na` as `null`.
    ///
    /// `headers` chooses what names the columns (identifiers by default; `save` writes the
    /// labels). With `keepingInfinity`, ±∞ are `1e999`/`-1e999` (JSON numbers that read back as
    /// ±∞), otherwise `null` like every non-finite number in §4.
    public func json(headers: KeyPath<Column, String> = \.name, keepingInfinity: Bool = false) -> JSON {
        let rows: [JSON] = (0..<rowCount).map { r in .array(columns.map { $0.json(at: r, keepingInfinity: keepingInfinity) }) }
        return .object([("columns", .array(columns.map { .string($0[keyPath: headers]) })), ("rows", .array(rows))])
    }

    /// One object per row, keyed by the column labels: `{"project": "A", "cost": 12.5}`.
    public func jsonRecords(keepingInfinity: Bool = true) -> [JSON] {
        (0..<rowCount).map { r in .object(columns.map { ($0.label, $0.json(at: r, keepingInfinity: keepingInfinity)) }) }
    }
}
