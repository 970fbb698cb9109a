import Foundation
import PanoramaKit

extension BuiltinRegistry {
    /// Date functions, vectorised over date columns and scalars; `na` stays `na`. A date keeps
    /// its precision: a month date (`2024-06`) stays a month date through `add_months`,
    /// `floor_date` and `seq`.
    static let dateBuiltins: [Builtin] = [
        Builtin("date", .dates, summary: "the date of a year, month and day (without d: a month date)",
                parameters: [.required("y", "year(s)"), .required("m", "month(s), 1–12"), Parameter("d", "day(s) of the month")],
                example: "date(2024, 6, 30)\ndate(2024, [1, 7])") { ctx in
            let value = try ctx.required("y")
            let y = try ctx.requiredNumbers("y"), m = try ctx.requiredNumbers("m")
            let d = try ctx.numbers("d")
            var n = try Operators.resultLength(y.count, m.count, at: ctx.range)
            if let d { n = try Operators.resultLength(n, d.count, at: ctx.range) }
            func at(_ v: [Double], _ i: Int) -> Double { v.count == 1 ? v[0] : v[i] }
            var out: [Int32] = []
            for i in 0..<n {
                let parts = [at(y, i), at(m, i), d.map { at($0, i) } ?? 1]
                if parts.contains(where: \.isNaN) { out.append(ColumnData.naDay); continue }
                let call = "date(\(parts.map { NumberFormat(groupSeparator: "").string($0) }.joined(separator: ", ")))"
                guard parts.allSatisfy({ $0 == $0.rounded() }) else { throw ctx.failure("\(call) needs whole numbers") }
                guard parts.allSatisfy({ abs($0) < 1e6 }) else { throw ctx.failure("\(call) is out of range: \(CivilDate.rangeMessage)") }
                let date = CivilDate(year: Int(parts[0]), month: Int(parts[1]), day: Int(parts[2]))
                guard date.isValid else { throw ctx.failure("there is no date \(date.text(d == nil ? .month : .day))") }
                out.append(Int32(date.dayNumber))
            }
            let scalar = !value.isVector && !(ctx["m"]?.isVector ?? false) && !(ctx["d"]?.isVector ?? false)
            return Operators.wrap(.dates(out, d == nil ? .month : .day), scalar: scalar, name: "date")
        },
        Builtin("as_date", .dates, summary: "text read as dates, as the CSV reader does or by a strftime-style format (%d %m %Y %y %b %B …); na where it does not parse",
                parameters: [.required("x", "text"), .keyword("format", "e.g. \"%d/%m/%Y\", \"%d %B %Y\" (French or English month names), \"%b %Y\"")],
                example: "as_date([\"30/06/2008\", \"2024-06\"])\nas_date([\"30 juin 2008\"], format=\"%d %B %Y\")\nas_date(\"juil. 2013\", format=\"%b %Y\")") { ctx in
            try asDate(ctx)
        },
        datePart("year", "the year", example: "year(date(2024, 6, 30))") { d, _ in d.year },
        datePart("month", "the month, 1–12", example: "month(as_date(\"30/06/2024\"))") { d, _ in d.month },
        datePart("quarter", "the quarter, 1–4", example: "quarter(date(2024, [2, 5, 8, 11]))") { d, _ in d.quarter },
        datePart("semester", "the half-year, 1 or 2", example: "semester(date(2024, [6, 7]))") { d, _ in d.semester },
        datePart("day", "the day of the month (na for a month date)", example: "day(date(2024, 6, 30))") { d, p in p == .day ? d.day : nil },
        datePart("weekday", "the ISO day of the week: 1 Monday … 7 Sunday (na for a month date)",
                 example: "weekday(date(2024, 6, 30))") { d, p in p == .day ? d.weekday : nil },
        Builtin("today", .dates, summary: "today's date (UTC)", example: "year(today()) >= 2024",
                frameScope: false) { _ in
            let days = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
            return .date(CivilDate(dayNumber: days), .day)
        },
        Builtin("add_months", .dates, summary: "the dates n months later (earlier when negative); a day past the month's end becomes its last day",
                parameters: [.required("x", "dates"), .required("n", "whole months")],
                example: "add_months(date(2024, 1, 31), 1)\nadd_months(date(2024, 6), [-6, 6])") { ctx in
            let (x, p, scalar) = try dateArgument(ctx, "x")
            let months = try ctx.requiredNumbers("n")
            let n = try Operators.resultLength(x.count, months.count, at: ctx.range)
            let out: [Int32] = try (0..<n).map { i in
                let day = x.count == 1 ? x[0] : x[i], k = months.count == 1 ? months[0] : months[i]
                if day == ColumnData.naDay || k.isNaN { return ColumnData.naDay }
                guard k == k.rounded(), abs(k) < 1e6 else { throw ctx.fail("'n' must be whole months, not \(NumberFormat().string(k))") }
                let moved = CivilDate(dayNumber: Int(day)).addingMonths(Int(k))
                guard CivilDate.years.contains(moved.year) else { throw ctx.fail(CivilDate.rangeMessage) }
                return Int32(moved.dayNumber)
            }
            return Operators.wrap(.dates(out, p), scalar: scalar && !(ctx["n"]?.isVector ?? false), name: "add_months")
        },
        between("days_between", "days from a to b (positive when b is later)",
                example: "days_between(date(2024, 1, 1), date(2024, 12, 31))") { Double($0.days(to: $1)) },
        between("months_between", "months from a to b: whole months, then the days left as a fraction of the next month (lubridate's time_length)",
                example: "months_between(date(2024, 1, 31), date(2024, 3, 15))") { $0.steps(to: $1, months: 1) },
        between("years_between", "years from a to b: whole years, then the days left as a fraction of the next year (lubridate's time_length)",
                example: "years_between(date(2008, 6, 30), date(2024, 1, 1))") { $0.steps(to: $1, months: 12) },
        Builtin("floor_date", .dates, summary: "the first day of the month, quarter, semester or year holding each date",
                parameters: [.required("x", "dates"), Parameter("unit", "the period", required: true, values: Array(periodMonths.keys).sorted())],
                example: "floor_date(date(2024, 8, 15), \"quarter\")\nfloor_date(date(2024, 8), \"semester\")") { ctx in
            let (x, p, scalar) = try dateArgument(ctx, "x")
            let months = try period(ctx, "unit")
            let out = x.map { $0 == ColumnData.naDay ? $0 : Int32(CivilDate(dayNumber: Int($0)).floored(months: months).dayNumber) }
            return Operators.wrap(.dates(out, p), scalar: scalar, name: "floor_date")
        },
    ]

    /// Months in each period name `floor_date`, `seq` and friends accept.
    static let periodMonths: [String: Int] = ["month": 1, "quarter": 3, "semester": 6, "year": 12]

    static func period(_ ctx: CallContext, _ name: String) throws -> Int {
        guard let unit = try ctx.string(name) else { throw ctx.fail("missing argument '\(name)'") }
        guard let months = periodMonths[unit] else {
            throw ctx.fail("'\(name)' must be \"month\", \"quarter\", \"semester\" or \"year\", not \"\(unit)\"")
        }
        return months
    }

    /// A date argument as day numbers, its precision, and whether it was a scalar.
    static func dateArgument(_ ctx: CallContext, _ name: String) throws -> ([Int32], DatePrecision, scalar: Bool) {
        let v = try ctx.required(name)
        switch v {
        case .date(let d, let p): return ([Int32(d.dayNumber)], p, true)
        case .na: return ([ColumnData.naDay], .day, true)
        case .vector(let c):
            if case .date(let days, let p) = c.data { return (days, p, false) }
            if (0..<c.count).allSatisfy({ c.data.isNA($0) }) { return (Array(repeating: ColumnData.naDay, count: c.count), .day, false) }
            throw ctx.fail("'\(name)' must be dates, not \(c.data.typeName) (as_date(\(name)) reads text)")
        case .string(let s):
            throw ctx.fail("'\(name)' must be a date, not the text \"\(s)\" (as_date(\"\(s)\") reads it)")
        default:
            throw ctx.fail("'\(name)' must be dates, not a \(v.kindName)")
        }
    }

    /// A builtin giving a number from each date (nil gives `na`).
    static func datePart(_ name: String, _ summary: String, example: String,
                         _ f: @escaping @Sendable (CivilDate, DatePrecision) -> Int?) -> Builtin {
        Builtin(name, .dates, summary: summary, parameters: [.required("x", "dates")], example: example) { ctx in
            let (x, p, scalar) = try dateArgument(ctx, "x")
            let out = x.map { $0 == ColumnData.naDay ? .nan : f(CivilDate(dayNumber: Int($0)), p).map(Double.init) ?? .nan }
            return Operators.wrap(.numbers(out), scalar: scalar, name: name)
        }
    }

    /// A builtin measuring from dates a to dates b.
    static func between(_ name: String, _ summary: String, example: String,
                        _ f: @escaping @Sendable (CivilDate, CivilDate) -> Double) -> Builtin {
        Builtin(name, .dates, summary: summary,
                parameters: [.required("a", "start dates"), .required("b", "end dates")], example: example) { ctx in
            let (a, _, sa) = try dateArgument(ctx, "a")
            let (b, _, sb) = try dateArgument(ctx, "b")
            let n = try Operators.resultLength(a.count, b.count, at: ctx.range)
            let out = Operators.broadcast(a, b, n) { x, y in
                x == ColumnData.naDay || y == ColumnData.naDay ? .nan : f(CivilDate(dayNumber: Int(x)), CivilDate(dayNumber: Int(y)))
            }
            return Operators.wrap(.numbers(out), scalar: sa && sb, name: name)
        }
    }

    static func asDate(_ ctx: CallContext) throws -> Value {
        let (x, scalar) = try textArgument(ctx, "x")
        var precision = DatePrecision.month
        let parse: (String) -> (CivilDate, DatePrecision)?
        if let text = try ctx.string("format") {
            let format: DateFormat
            do { format = try DateFormat(text) } catch let e as KernelError { throw ctx.failure(e.message, argument: "format") }
            precision = format.precision
            parse = { s in format.parse(s).map { ($0, format.precision) } }
        } else {
            let monthFirst = ValueParsing.provesMonthFirst(x.levels)
            parse = { ValueParsing.date($0, monthFirst: monthFirst) }
        }
        let byLevel = x.levels.map(parse)
        if byLevel.contains(where: { $0?.1 == .day }) { precision = .day }
        let out = x.codes.map { $0 < 0 ? ColumnData.naDay : byLevel[Int($0)].map { Int32($0.0.dayNumber) } ?? ColumnData.naDay }
        let failed = x.codes.filter { $0 >= 0 && byLevel[Int($0)] == nil }
        if let first = failed.first {
            let how = try ctx.string("format").map { "the format \"\($0)\"" } ?? "a date (write format= for its layout)"
            ctx.note("as_date: \(failed.count) value\(failed.count == 1 ? "" : "s") did not read as \(how), e.g. \"\(x.levels[Int(first)])\"; they are na")
        }
        return Operators.wrap(.dates(out, precision), scalar: scalar, name: "as_date")
    }

    /// `format(x, layout, lang=)` when `x` is dates (nil otherwise): text in the layout, ISO
    /// without one; `na` stays `na`.
    static func formatDates(_ ctx: CallContext) throws -> Value? {
        switch ctx["x"] {
        case .date?: break
        case .vector(let c)?: guard case .date = c.data else { return nil }
        default: return nil
        }
        let (x, p, scalar) = try dateArgument(ctx, "x")
        let language = try ctx.string("lang").flatMap(DateFormat.Language.init(rawValue:)) ?? .fr
        var write: (CivilDate) -> String = { $0.text(p) }
        if let text = try ctx.string("layout") {
            let layout: DateFormat
            do { layout = try DateFormat(text) } catch let e as KernelError { throw ctx.failure(e.message, argument: "layout") }
            if layout.namesTheDay && p == .month {
                throw ctx.failure("month dates have no day for %d; use a layout without it, such as \"%m/%Y\" or \"%B %Y\"", argument: "layout")
            }
            write = { layout.text($0, language: language) }
        }
        let out: [String?] = x.map { $0 == ColumnData.naDay ? nil : write(CivilDate(dayNumber: Int($0))) }
        return Operators.wrap(.strings(out), scalar: scalar, name: "format")
    }

    /// The non-`na` day numbers of a date argument `x` (nil when it is not dates), with the same
    /// note as for numbers when some were skipped.
    static func presentDates(_ ctx: CallContext, builtin: String) throws -> ([Int32], DatePrecision)? {
        switch ctx["x"] {
        case .date(let d, let p)?: return ([Int32(d.dayNumber)], p)
        case .vector(let c)?:
            guard case .date(let days, let p) = c.data else { return nil }
            let kept = days.filter { $0 != ColumnData.naDay }
            let skipped = days.count - kept.count
            if skipped > 0 { ctx.note("\(builtin) skipped \(skipped) na value\(skipped == 1 ? "" : "s")") }
            return (kept, p)
        default: return nil
        }
    }

    /// A numeric aggregate that also picks among dates (`min`, `max`), keeping their precision.
    static func dateAware(_ b: Builtin, _ pick: @escaping @Sendable ([Int32]) -> Int32?) -> Builtin {
        var out = b
        out.summary = b.summary
        out.implementation = { ctx in
            guard let (days, p) = try presentDates(ctx, builtin: b.name) else { return try b.implementation(&ctx) }
            return pick(days).map { .date(CivilDate(dayNumber: Int($0)), p) } ?? .na
        }
        return out
    }

    /// `seq(from, to, by=)` on dates: by a period name (the precision of `from` is kept) or a
    /// whole number of days (day dates only).
    static func dateSequence(_ ctx: CallContext) throws -> Value {
        let (from, p, _) = try dateArgument(ctx, "from")
        let (to, _, _) = try dateArgument(ctx, "to")
        guard from[0] != ColumnData.naDay, to[0] != ColumnData.naDay else { throw ctx.fail("'from' and 'to' must be dates, not na") }
        if ctx.has("length") { throw ctx.fail("a sequence of dates takes by=, not length=") }
        let start = CivilDate(dayNumber: Int(from[0])), end = CivilDate(dayNumber: Int(to[0]))
        var out: [Int32] = []
        if case .string? = ctx["by"] {
            let months = try period(ctx, "by") * (end < start ? -1 : 1)
            var k = 0
            while true {
                let d = start.addingMonths(k * months)
                if months > 0 ? d > end : d < end { break }
                out.append(Int32(d.dayNumber))
                k += 1
                guard out.count <= 1_000_000 else { throw ctx.fail("seq would make more than 1,000,000 dates") }
            }
        } else {
            guard p == .day else { throw ctx.fail("a sequence of month dates goes by=\"month\", \"quarter\", \"semester\" or \"year\"") }
            let by = try ctx.int("by", default: end < start ? -1 : 1, in: -100_000...100_000)
            guard by != 0, (end.dayNumber - start.dayNumber) / by >= 0 else {
                throw ctx.fail("'by' must go from \(start.text(.day)) towards \(end.text(.day))")
            }
            out = stride(from: start.dayNumber, through: end.dayNumber, by: by).map { Int32($0) }
        }
        return .vector(Column(name: "seq", .date(out, p)))
    }
}
