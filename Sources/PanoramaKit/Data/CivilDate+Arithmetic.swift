/// Calendar arithmetic on civil dates: parts, month steps, spans between dates, flooring.
///
/// Conventions follow lubridate (R): adding months clamps to the end of a shorter month
/// (`%m+%`: 31 January + 1 month is 29 February in a leap year), and spans between two dates
/// count whole calendar steps then a fraction of the next step (`time_length(interval(a, b), "month")`,
/// whose anniversaries roll an impossible day to the 1st of the next month instead).
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

    /// The date `n` months later as lubridate's `add_with_rollback(roll_to_first = TRUE)`: a day
    /// the target month lacks rolls to the 1st of the month after (31 January + 1 month is 1 March).
    func addingMonthsRollingToFirst(_ n: Int) -> CivilDate {
        let clamped = addingMonths(n)
        guard clamped.day < day else { return clamped }
        return CivilDate(dayNumber: clamped.dayNumber + 1)
    }

    /// Calendar steps of `months` months from `self` to `b`, as lubridate's
    /// `time_length(interval(self, b), unit)`: `n` whole steps counted on the calendar fields (a
    /// step is complete once the day of the month is reached again, as `as.period`), plus the
    /// days from the `n`th anniversary to `b` over the days to the next one, anniversaries
    /// rolling an impossible day to the 1st of the next month. Negative when `b` is earlier.
    public func steps(to b: CivilDate, months step: Int) -> Double {
        let sign = b < self ? -1 : 1
        let (lo, hi) = sign > 0 ? (self, b) : (b, self)
        let whole = hi.monthIndex - lo.monthIndex - (hi.day < lo.day ? 1 : 0)
        let n = sign * (whole / step)
        let prev = addingMonthsRollingToFirst(n * step), next = addingMonthsRollingToFirst((n + sign) * step)
        return Double(n) + Double(sign) * Double(b.dayNumber - prev.dayNumber) / Double(next.dayNumber - prev.dayNumber)
    }
}
