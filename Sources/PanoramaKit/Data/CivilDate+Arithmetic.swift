/// Calendar arithmetic on civil dates: parts, month steps, spans between dates, flooring.
///
/// Conventions follow lubridate (R): adding months clamps to the end of a shorter month
/// (`%m+%`: 31 January + 1 month is 29 February in a leap year), and spans between two dates
/// count whole calendar steps then a fraction of the next step (`time_length(interval(a, b), "month")`).
extension CivilDate {
    /// Days in the date's month.
    public var daysInMonth: Int { CivilDate.daysIn(year: year, month: month) }

    public static func daysIn(year: Int, month: Int) -> Int {
        let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return month == 2 && leap ? 29 : days
    }

    /// 1 to 4.
    public var quarter: Int { (month - 1) / 3 + 1 }
    /// 1 or 2.
    public var semester: Int { month <= 6 ? 1 : 2 }
    /// ISO weekday: 1 Monday … 7 Sunday (1970-01-01 was a Thursday).
    public var weekday: Int {
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The date `n` months later (earlier when negative), the day clamped to the month's end.
    public func addingMonths(_ n: Int) -> CivilDate {
        let m = monthIndex + n
        let y = m >= 0 ? m / 12 : (m - 11) / 12
        let month = m - y * 12 + 1
        return CivilDate(year: y, month: month, day: min(day, CivilDate.daysIn(year: y, month: month)))
    }

    /// The first day of the period holding the date; `months` is 1 (month), 3 (quarter), 6
    /// (semester) or 12 (year).
    public func floored(months: Int) -> CivilDate {
        CivilDate(year: year, month: (month - 1) / months * months + 1, day: 1)
    }

    /// Days from `self` to `b` (positive when `b` is later).
    public func days(to b: CivilDate) -> Int { b.dayNumber - dayNumber }

    /// Calendar steps of `months` months from `self` to `b`, as lubridate's
    /// `time_length(interval(self, b), unit)`: the whole steps `n` such that `self + n steps`
    /// does not pass `b`, plus the days left over divided by the length in days of the next step.
    /// When `b` is earlier the steps walk backwards from `self` and the result is negative.
    public func steps(to b: CivilDate, months step: Int) -> Double {
        let dir = b < self ? -1 : 1
        func passes(_ d: CivilDate) -> Bool { dir > 0 ? d > b : d < b }
        // An estimate from the month indices, then corrected a step at a time.
        var n = (b.monthIndex - monthIndex) / step
        while n != 0 && passes(addingMonths(n * step)) { n -= dir }
        while !passes(addingMonths((n + dir) * step)) { n += dir }
        let lo = addingMonths(n * step), hi = addingMonths((n + dir) * step)
        return Double(n) + Double(b.dayNumber - lo.dayNumber) / Double(abs(hi.dayNumber - lo.dayNumber))
    }
}
