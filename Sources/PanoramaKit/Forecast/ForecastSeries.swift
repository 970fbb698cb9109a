import Foundation

/// A series of totals on the edition index: equally spaced positions, NaN for a missing edition.
///
/// Built from a frame's value column and an optional time column (DESIGN §7):
/// - numeric time (edition numbers): positions run from the first to the last number, one per
///   whole number, so a number absent from the table is a gap, as is a row whose value is `na`;
/// - date time: the rows, in date order, are consecutive editions (dates are not evenly spaced:
///   2017 had three editions), so only `na` values are gaps; a row without a date (an edition
///   known to exist, its date not) keeps its place between its neighbours with an interpolated
///   date, and a note says so — the same positions as by edition number;
/// - no time: the rows in order.
public struct ForecastSeries: Sendable {
    /// The value column's name (`total_cost`).
    public var name: String
    /// The time column's name, if any.
    public var timeName: String?
    /// One value per position; NaN is a gap.
    public var values: [Double]
    /// How each position reads (`edition 14`, `2021-11`, `t = 3`).
    public var labels: [String]
    /// The time value of each position (edition number, day number or 1-based row).
    public var times: [Double]
    /// What the reader should know about how the series was read (an interpolated date…).
    public var notes: [String] = []
    /// For a series by edition number: each position's date (a day number, NaN where unknown),
    /// from a date column of the same frame; only the chart's axis reads it.
    public var dates: [Double]?
    var kind: Kind

    enum Kind: Sendable {
        case editionNumbers
        case dates(DatePrecision)
        case positions
    }

    init(name: String, timeName: String?, values: [Double], labels: [String], times: [Double], kind: Kind) {
        self.name = name
        self.timeName = timeName
        self.values = values
        self.labels = labels
        self.times = times
        self.kind = kind
    }

    /// A plain numeric series: positions 1…n.
    public init(values: [Double], name: String = "x") {
        let times = values.indices.map { Double($0 + 1) }
        self.init(name: name, timeName: nil, values: values, labels: times.map { "t = \(Int($0))" },
                  times: times, kind: .positions)
    }

    /// The series of `value` over `time`, both columns of the same frame (`time` may be nil).
    ///
    /// - Throws: `ForecastError` when the value column is not numeric, a time is repeated, or
    ///   numeric times are not whole numbers.
    public init(value: Column, time: Column?, dates: Column? = nil) throws {
        guard case .number(let v) = value.data else {
            throw ForecastError("'\(value.name)' must be numeric to forecast, not \(value.data.typeName)")
        }
        guard let time else {
            self.init(values: v, name: value.name)
            return
        }
        let values: [Double], times: [Double], labels: [String], kind: Kind
        var notes: [String] = [], editionDays: [Double]?
        switch time.data {
        case .number(let t):
            var byTime: [Int: Double] = [:]
            for i in t.indices where !t[i].isNaN {
                guard t[i] == t[i].rounded(), abs(t[i]) < 1e9 else {
                    throw ForecastError("time '\(time.name)' must hold whole edition numbers, not \(NumberFormat().string(t[i]))")
                }
                let k = Int(t[i])
                if byTime[k] != nil {
                    throw ForecastError("time '\(time.name)' repeats \(k): make one row per edition first (e.g. summarize(…, by=\(time.name), total=sum(…)))")
                }
                byTime[k] = v[i]
            }
            guard let first = byTime.keys.min(), let last = byTime.keys.max() else {
                throw ForecastError("time '\(time.name)' has no values")
            }
            values = (first...last).map { byTime[$0] ?? .nan }
            if case .date(let d, _)? = dates?.data, d.count == t.count {
                var days: [Int: Double] = [:]
                for i in t.indices where !t[i].isNaN && d[i] != ColumnData.naDay { days[Int(t[i])] = Double(d[i]) }
                editionDays = (first...last).map { days[$0] ?? .nan }
            }
            times = (first...last).map(Double.init)
            let word = time.name.hasPrefix("edition") ? "edition" : time.name
            labels = (first...last).map { "\(word) \($0)" }
            kind = .editionNumbers
        case .date(let d, let precision):
            let order = d.indices.filter { d[$0] != ColumnData.naDay }.sorted { d[$0] < d[$1] }
            for (a, b) in zip(order, order.dropFirst()) where d[a] == d[b] {
                throw ForecastError("time '\(time.name)' repeats \(CivilDate(dayNumber: Int(d[a])).text(precision)): make one row per edition first")
            }
            let placed = Self.placeUndated(d, order: order, precision: precision, timeName: time.name)
            values = placed.rows.map { v[$0] }
            times = placed.days
            labels = placed.labels
            kind = .dates(precision)
            notes = placed.notes
        case .text(let c):
            values = v
            times = v.indices.map { Double($0 + 1) }
            labels = c.strings.enumerated().map { $1 ?? "row \($0 + 1)" }
            kind = .positions
        case .bool:
            throw ForecastError("time '\(time.name)' must be edition numbers or dates, not bool")
        }
        self.init(name: value.name, timeName: time.name, values: values, labels: labels, times: times, kind: kind)
        self.notes = notes
        self.dates = editionDays
    }

    /// Observed (non-gap) values.
    public var observedCount: Int { values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }

    /// The word before an edition number in labels: the time column's name (`period 12`), and
    /// `edition` for `edition`, `edition_number`… or no name.
    public static func editionWord(_ timeName: String?) -> String {
        timeName.map { $0.hasPrefix("edition") ? "edition" : $0 } ?? "edition"
    }

    /// What horizon h forecasts: `edition 21`, `2 editions after 2024-12`, `t = 19`.
    public func targetLabel(_ h: Int) -> String {
        switch kind {
        case .editionNumbers:
            return "\(Self.editionWord(timeName)) \(Int(times.last!) + h)"
        case .dates(let precision):
            return dateTarget(h, precision: precision)
        case .positions:
            return "t = \(values.count + h)"
        }
    }

    /// The part from `time` on (a structural break declared with `since=`): an edition number,
    /// a date's day number, or a 1-based position, compared with `times`.
    ///
    /// - Throws: `ForecastError` when nothing is left.
    public func since(_ time: Double, label: String) throws -> ForecastSeries {
        guard let start = times.firstIndex(where: { $0 >= time }) else {
            throw ForecastError("nothing in the series from \(label) on (it ends at \(labels.last ?? "its start"))")
        }
        return dropFirst(start)
    }

    /// Leading gaps removed (a series that starts with missing editions starts at its first value).
    public var trimmed: ForecastSeries {
        guard let first = values.firstIndex(where: { !$0.isNaN }), first > 0 else { return self }
        return dropFirst(first)
    }

    /// The series from position `start` on.
    func dropFirst(_ start: Int) -> ForecastSeries {
        var s = self
        s.values = Array(values[start...])
        s.times = Array(times[start...])
        s.labels = Array(labels[start...])
        s.dates = dates.map { Array($0[start...]) }
        return s
    }

    /// Appends a position (a value, its time and label; no date known).
    public mutating func append(_ value: Double, time: Double, label: String) {
        values.append(value)
        times.append(time)
        labels.append(label)
        dates?.append(.nan)
    }
}
