/// A calendar date of month or day precision, as public data states them (`2024-06`, `30/06/2024`).
///
/// Stored in columns as a day number (days since 1970-01-01); a month-precision date is the
/// first day of its month. Days are proleptic Gregorian (Howard Hinnant's `days_from_civil`).
public struct CivilDate: Hashable, Comparable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int = 1) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01. `CivilDate(year: 1970, month: 1).dayNumber // 0`
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number (inverse of `dayNumber`).
    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// Months since year 0 (`year * 12 + month - 1`): the natural time index for month data.
    public var monthIndex: Int { year * 12 + month - 1 }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    /// ISO text at the given precision: `2024-06` or `2024-06-30`.
    public func text(_ precision: DatePrecision) -> String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        // ISO 8601's expanded years: year 0 is 0000, the year before it -0001.
        let y = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        switch precision {
        case .month: return "\(y)-\(pad(month, 2))"
        case .day: return "\(y)-\(pad(month, 2))-\(pad(day, 2))"
        }
    }

    /// The years a date may have: −999,999 to 999,999, so that day numbers (and sums of them
    /// with day counts) stay far inside `Int32`.
    public static let years = -999_999...999_999
    /// The day numbers of `years`.
    public static let dayNumbers = CivilDate(year: years.lowerBound, month: 1).dayNumber...CivilDate(year: years.upperBound, month: 12, day: 31).dayNumber
    /// Why a computed date cannot be held, for errors.
    public static let rangeMessage = "dates go from year -999,999 to 999,999"

    /// Whether year, month and day name a real day.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return day <= (month == 2 && leap ? 29 : days)
    }
}

/// How precisely a date column is known.
public enum DatePrecision: String, Sendable {
    case month, day
}
