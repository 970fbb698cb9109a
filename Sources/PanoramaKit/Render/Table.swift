/// Renders a frame as a table in the given mode (box, markdown, csv).
///
/// Interim minimal renderer; the data issue owns its full behaviour (width fitting, alignment).
public func renderTable(_ frame: Frame, _ options: RenderOptions) -> String {
    let n = frame.rowCount
    let shown = options.maxRows > 0 ? min(n, options.maxRows) : n
    var lines = [frame.columns.map(\.label).joined(separator: " | ")]
    for r in 0..<shown {
        lines.append(frame.columns.map { c -> String in
            if c.data.isNA(r) { return "na" }
            switch c.data {
            case .number(let v): return options.numbers.string(v[r])
            case .text(let t): return t[r] ?? "na"
            case .bool(let v): return v[r] == 1 ? "true" : "false"
            case .date(let v, let p): return CivilDate(dayNumber: Int(v[r])).text(p)
            }
        }.joined(separator: " | "))
    }
    if shown < n { lines.append("… \(n - shown) more rows") }
    return lines.joined(separator: "\n")
}
