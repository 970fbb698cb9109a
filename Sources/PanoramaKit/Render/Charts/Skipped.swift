/// Counts of values a chart could not draw, said in its footnote:
/// `3 na skipped · 1 infinite value not shown · 2 values ≤ 0 left off the log scale`.
struct Skipped {
    var na = 0
    var infinite = 0
    var nonPositive = 0

    /// Whether `v` can be drawn on an axis of this scale; counts it otherwise.
    mutating func admit(_ v: Double, scale: AxisScale) -> Bool {
        if v.isNaN { na += 1; return false }
        if v.isInfinite { infinite += 1; return false }
        if scale == .log && v <= 0 { nonPositive += 1; return false }
        return true
    }

    func notes(ascii: Bool) -> [String] {
        var parts: [String] = []
        if na > 0 { parts.append("\(na) na skipped") }
        if infinite > 0 { parts.append("\(infinite) infinite value\(infinite == 1 ? "" : "s") not shown") }
        if nonPositive > 0 { parts.append("\(nonPositive) value\(nonPositive == 1 ? "" : "s") \(ascii ? "<=" : "≤") 0 left off the log scale") }
        return parts
    }
}
