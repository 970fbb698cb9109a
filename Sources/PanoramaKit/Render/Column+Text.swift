/// The one cell formatter: how a cell reads as text and as JSON, wherever it is shown — tables,
/// vectors, notes, `describe`, CSV and JSON output. A change to how `na`, a date or a bool
/// prints is an edit here.
extension ColumnData {
    /// Cell `r` as text: `na`, a number by `numbers` (full precision, `JSON.numberText`, when
    /// nil), the text itself, `true`/`false`, a date in ISO form at its precision (`2024-06`).
    ///
    /// ```
    /// ColumnData.number([0.1, .nan]).text(at: 1)   // "na"
    /// ```
    public func text(at r: Int, numbers: NumberFormat? = nil) -> String {
        if isNA(r) { return "na" }
        switch self {
        case .number(let v): return numbers?.string(v[r]) ?? JSON.numberText(v[r])
        case .text(let t): return t[r] ?? "na"
        case .bool(let v): return v[r] == 1 ? "true" : "false"
        case .date(let v, let p): return CivilDate(dayNumber: Int(v[r])).text(p)
        }
    }

    /// Cell `r` as JSON (DESIGN §4): a number, a string (dates ISO), a boolean, or `null` for
    /// `na` and — unless `keepingInfinity` — for every non-finite number.
    public func json(at r: Int, keepingInfinity: Bool = false) -> JSON {
        if isNA(r) { return .null }
        switch self {
        case .number(let v): return keepingInfinity && v[r].isInfinite ? .number(v[r]) : .finite(v[r])
        case .text(let t): return t[r].map { .string($0) } ?? .null
        case .bool(let v): return .bool(v[r] == 1)
        case .date: return .string(text(at: r))
        }
    }
}

extension Column {
    /// Cell `r` as text (see `ColumnData.text(at:numbers:)`).
    public func text(at r: Int, numbers: NumberFormat? = nil) -> String { data.text(at: r, numbers: numbers) }

    /// Cell `r` as JSON (see `ColumnData.json(at:keepingInfinity:)`).
    public func json(at r: Int, keepingInfinity: Bool = false) -> JSON { data.json(at: r, keepingInfinity: keepingInfinity) }
}
