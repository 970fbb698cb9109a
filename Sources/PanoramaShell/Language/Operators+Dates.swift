import PanoramaKit

extension Operators {
    /// Date arithmetic: a date plus or minus a number of days is a date, a date minus a date is
    /// the days between them; nil when neither side is a date.
    ///
    /// A month date (`2024-06`) has no day, so adding days to it is refused (`add_months` keeps
    /// its precision; `date(year(x), month(x), 1)` makes a day date). The difference of two
    /// month dates counts days between their first days.
    static func dateArithmetic(_ op: BinaryOperator, _ a: Elements, _ b: Elements, _ n: Int,
                               at range: SourceRange) throws(PanoramaError) -> Elements? {
        switch (a, b) {
        case (.dates(let x, _), .dates(let y, _)):
            guard op == .subtract else { throw .type("cannot apply '\(op.rawValue)' to two dates (a date minus a date is days)", at: range) }
            return .numbers(broadcast(x, y, n) { p, q in
                p == ColumnData.naDay || q == ColumnData.naDay ? .nan : Double(Int(p) - Int(q))
            })
        case (.dates(let x, let p), _):
            guard op == .add || op == .subtract, let days = numbers(b) else { break }
            return .dates(try shift(x, p, by: days, sign: op == .add ? 1 : -1, n, at: range), p)
        case (_, .dates(let y, let p)):
            guard op == .add, let days = numbers(a) else { break }
            return .dates(try shift(y, p, by: days, sign: 1, n, at: range), p)
        default:
            return nil
        }
        throw .type("cannot apply '\(op.rawValue)' to \(typeName(a)) and \(typeName(b)); dates take + and − a number of days", at: range)
    }

    static func shift(_ days: [Int32], _ p: DatePrecision, by k: [Double], sign: Double, _ n: Int,
                      at range: SourceRange) throws(PanoramaError) -> [Int32] {
        guard p == .day else {
            throw .type("a month date has no day to add days to; use add_months(x, n), or date(year(x), month(x), 1) for a day date", at: range)
        }
        var out: [Int32] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let d = days.count == 1 ? days[0] : days[i], v = k.count == 1 ? k[0] : k[i]
            if d == ColumnData.naDay || v.isNaN { out.append(ColumnData.naDay); continue }
            guard v == v.rounded() else { throw .type("a date moves by whole days, not \(NumberFormat().string(v))", at: range) }
            let moved = abs(v) < 1e12 ? Int(d) + Int(sign * v) : Int.max
            guard CivilDate.dayNumbers.contains(moved) else {
                throw .type("\(CivilDate(dayNumber: Int(d)).text(.day)) \(sign > 0 ? "+" : "-") \(NumberFormat().string(v)) days is out of range: \(CivilDate.rangeMessage)", at: range)
            }
            out.append(Int32(moved))
        }
        return out
    }
}
