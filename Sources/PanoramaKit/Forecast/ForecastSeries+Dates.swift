import Foundation

/// A series over edition dates: rows without a date, semester labels, the date of the target.
extension ForecastSeries {
    /// The rows in date order, with each undated row kept in its place when the dated rows are in
    /// date order (its date interpolated between its dated neighbours by row position) and left
    /// out otherwise — either way with a note naming it, never silently.
    static func placeUndated(_ days32: [Int32], order: [Int], precision: DatePrecision, timeName: String)
        -> (rows: [Int], days: [Double], labels: [String], notes: [String])
    {
        let undated = days32.indices.filter { days32[$0] == ColumnData.naDay }
        let d = days32.map(Double.init)
        var rows = order, days = order.map { d[$0] }
        var labels = days.map { CivilDate(dayNumber: Int($0)).text(precision) }
        guard !undated.isEmpty else { return (rows, days, labels, []) }
        let inRowOrder = zip(order, order.dropFirst()).allSatisfy { $0 < $1 }
        var placed: [String] = [], dropped: [Int] = []
        if inRowOrder {
            rows = []; days = []; labels = []
            for r in d.indices {
                if days32[r] != ColumnData.naDay {
                    rows.append(r); days.append(d[r]); labels.append(CivilDate(dayNumber: Int(d[r])).text(precision))
                    continue
                }
                guard let before = order.last(where: { $0 < r }), let after = order.first(where: { $0 > r }) else {
                    dropped.append(r)
                    continue
                }
                let day = Self.interpolate(d[before], d[after], Double(r - before) / Double(after - before), precision)
                let text = "~" + CivilDate(dayNumber: Int(day)).text(precision)
                rows.append(r); days.append(day); labels.append(text)
                placed.append("row \(r + 1) (\(text), between \(CivilDate(dayNumber: Int(d[before])).text(precision)) and \(CivilDate(dayNumber: Int(d[after])).text(precision)))")
            }
        } else {
            dropped = undated
        }
        var notes: [String] = []
        if !placed.isEmpty {
            notes.append("\(Prose.counted(placed.count, "row")) with no '\(timeName)' kept in place with an interpolated date: " + placed.joined(separator: ", "))
        }
        if !dropped.isEmpty {
            let reason = inRowOrder ? "before the first or after the last dated row" : "the rows are not in date order, so their place is unknown"
            notes.append("\(Prose.counted(dropped.count, "row")) with no '\(timeName)' left out (\(reason)): rows "
                         + dropped.map { String($0 + 1) }.joined(separator: ", "))
        }
        return (rows, days, labels, notes)
    }

    /// The day a fraction of the way from one date to another: on the month index for dates of
    /// month precision (so the result is a month, `2021-01` between `2020-07` and `2021-07`).
    static func interpolate(_ a: Double, _ b: Double, _ fraction: Double, _ precision: DatePrecision) -> Double {
        guard precision == .month else { return (a + (b - a) * fraction).rounded() }
        let ma = Double(CivilDate(dayNumber: Int(a)).monthIndex), mb = Double(CivilDate(dayNumber: Int(b)).monthIndex)
        let m = Int((ma + (mb - ma) * fraction).rounded())
        return Double(CivilDate(year: m / 12, month: m % 12 + 1).dayNumber)
    }

    /// Each position's day number when the series has dates (NaN where unknown), else nil.
    var axisDays: [Double]? {
        if case .dates = kind { return times }
        return dates
    }

    /// The median spacing of the last (up to six) dates, in days; a semester when unknown.
    var typicalSpacing: Double {
        let recent = Array((axisDays ?? []).filter { !$0.isNaN }.suffix(7))
        let gaps = zip(recent, recent.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }
        return gaps.isEmpty ? 182.6 : Descriptive.median(gaps)
    }

    /// Whether the dates come about twice a year (then they read as semesters: `2024-S2`).
    var isSemestrial: Bool {
        guard let days = axisDays, days.contains(where: { !$0.isNaN }) else { return false }
        return (120...250).contains(typicalSpacing)
    }

    /// What horizon h of a series of dates forecasts: the h-th semester after the last date's
    /// (`2025-S1`) for a half-yearly series, otherwise the last date plus h typical spacings at
    /// the series' precision.
    func dateTarget(_ h: Int, precision: DatePrecision) -> String {
        guard isSemestrial, let semester = axisTarget(h) else {
            return CivilDate(dayNumber: Int((times.last! + Double(h) * typicalSpacing).rounded())).text(precision)
        }
        return semester
    }

    /// The semester horizon h falls in (`2025-S1`: h semesters after the last dated position's,
    /// counting the undated positions after it), or nil when the series is not half-yearly. A
    /// series by edition number keeps `edition 21` as its target: editions are not semesters
    /// (2017 had three).
    func axisTarget(_ h: Int) -> String? {
        guard isSemestrial, let days = axisDays, let i = days.lastIndex(where: { !$0.isNaN }) else { return nil }
        let last = CivilDate(dayNumber: Int(days[i]))
        let index = last.year * 2 + (last.month <= 6 ? 0 : 1) + h + (days.count - 1 - i)
        return "\(index / 2)-S\(index % 2 + 1)"
    }

    static func semester(_ date: CivilDate) -> String {
        "\(date.year)-S\(date.month <= 6 ? 1 : 2)"
    }

    /// The labels of the positions on a chart's axis: semesters for a half-yearly series of
    /// dates, the labels otherwise.
    public var axisLabels: [String] {
        guard isSemestrial, let days = axisDays else { return labels }
        let known = days.indices.filter { !days[$0].isNaN }
        return days.indices.map { i in
            if !days[i].isNaN { return (labels[i].hasPrefix("~") ? "~" : "") + Self.semester(CivilDate(dayNumber: Int(days[i]))) }
            // An edition with no date: between its dated neighbours, by position.
            guard let a = known.last(where: { $0 < i }), let b = known.first(where: { $0 > i }) else { return labels[i] }
            let day = Self.interpolate(days[a], days[b], Double(i - a) / Double(b - a), .month)
            return "~" + Self.semester(CivilDate(dayNumber: Int(day)))
        }
    }
}
