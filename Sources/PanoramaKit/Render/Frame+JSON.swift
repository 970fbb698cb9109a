/// The JSON renderings of a frame: the §4 shape (printed in JSON mode and by `save` to
/// `.json`) and one object per row (`save` to `.jsonl`).
extension Frame {
    /// `{"columns": [...], "rows": [[...], ...]}`, rows complete, `na` as `null`.
    ///
    /// `headers` chooses what names the columns (identifiers by default; `save` writes the
    /// labels). With `keepingInfinity`, ±∞ are `1e999`/`-1e999` (JSON numbers that read back as
    /// ±∞), otherwise `null` like every non-finite number in §4.
    public func json(headers: KeyPath<Column, String> = \.name, keepingInfinity: Bool = false) -> JSON {
        let rows: [JSON] = (0..<rowCount).map { r in .array(columns.map { JSON.cell($0.data, r, keepingInfinity: keepingInfinity) }) }
        return .object([("columns", .array(columns.map { .string($0[keyPath: headers]) })), ("rows", .array(rows))])
    }

    /// One object per row, keyed by the column labels: `{"project": "A", "cost": 12.5}`.
    public func jsonRecords(keepingInfinity: Bool = true) -> [JSON] {
        (0..<rowCount).map { r in .object(columns.map { ($0.label, JSON.cell($0.data, r, keepingInfinity: keepingInfinity)) }) }
    }
}

extension JSON {
    /// Cell `r` of a column: a number, string (dates ISO: `2024-06`), boolean or `null` for `na`.
    public static func cell(_ data: ColumnData, _ r: Int, keepingInfinity: Bool = false) -> JSON {
        if data.isNA(r) { return .null }
        switch data {
        case .number(let v): return keepingInfinity && v[r].isInfinite ? .number(v[r]) : .finite(v[r])
        case .text(let t): return t[r].map { .string($0) } ?? .null
        case .bool(let v): return .bool(v[r] == 1)
        case .date(let v, let p): return .string(CivilDate(dayNumber: Int(v[r])).text(p))
        }
    }
}
