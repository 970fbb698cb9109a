/// Counts of values a chart could not draw, said in its footnote:
/// `3 na skipped · 1 infinite value not shown · 2 values ≤ 0 left off the log scale`.
struct Skipped {
    var na = 0
    var infinite = 0
    var nonPositive = 0
    /// Items past `Skipped.maximumItems` (bars, boxes), and what they are called.
    var leftOut = 0
    var leftOutNoun = ""

    /// A chart with a row per item (bar, box) draws at most this many: thousands of rows would
    /// print megabytes nobody reads.
    static let maximumItems = 50

    /// The first `maximumItems` of `items`; counts the rest for the footnote.
    mutating func firstItems<T>(_ items: [T], noun: String) -> [T] {
        guard items.count > Skipped.maximumItems else { return items }
        leftOut = items.count - Skipped.maximumItems
        leftOutNoun = noun
        return Array(items.prefix(Skipped.maximumItems))
    }

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
        if leftOut > 0 {
            parts.append("\(leftOut) more \(leftOutNoun)\(leftOut == 1 ? "" : "s") not drawn (the first \(Skipped.maximumItems) are)")
        }
        return parts
    }
}
