import Foundation

/// Which columns of a per-project panel hold what (DESIGN §7: every forecasting builtin names its
/// columns). Defaults match the bundled `panorama` panel.
public struct PortfolioColumns: Sendable {
    public var key = "key"
    public var time = "edition"
    public var cost = "cost"
    public var phase: String? = "phase"
    public var start: String? = "start"
    public var duration: String? = "duration"
    /// The edition's month, for ages and planned ends.
    public var date: String? = "edition_date"
    /// A grouping for `by=` breakdowns (e.g. `ministry`).
    public var group: String?
    /// A display name per project (defaults to the key).
    public var name: String? = "project"

    public init() {}
}

/// A per-project panel: one table of projects per edition, as the bottom-up view and the
/// bridge read it.
///
/// A project *counts* in an edition's total when its cost is known. Between two editions a
/// project is **continuing** when it counts in both; an **exit** when it is in the first table
/// with a cost and absent from the second; an **entry** when it is absent from the first and in
/// the second with a cost (new or returning); **newly costed** when it is in both tables but
/// gets its first cost in the second (out of scoping, figures no longer withheld); **no longer
/// costed** the reverse. So the second total = first total + continuing growth + entries +
/// newly costed − exits − no longer costed, exactly.
public struct PortfolioPanel: Sendable {
    public struct Project: Sendable {
        public var key: String
        public var name: String
        /// M€ (the panel's unit); NaN when the table gives none.
        public var cost: Double
        /// nil when the table gives none.
        public var phase: String?
        /// Years from the project's start to the edition; NaN when unknown.
        public var age: Double
        /// Whether the planned end (start + duration) is before the edition; nil when unknown.
        public var pastPlannedEnd: Bool?
        public var group: String?

        public var counts: Bool { !cost.isNaN }
    }

    /// Edition numbers with a table, ascending.
    public var editions: [Int]
    public var tables: [Int: [Project]]
    /// How each edition reads: its month when known (`2021-11`), else `edition 14`.
    public var labels: [Int: String]
    public var columns: PortfolioColumns

    /// Reads a panel frame.
    ///
    /// - Throws: `ForecastError` naming a missing column or one of the wrong type.
    public init(_ frame: Frame, columns: PortfolioColumns = PortfolioColumns()) throws {
        self.columns = columns
        func column(_ name: String, _ role: String) throws -> Column {
            guard let c = frame.column(name) else {
                throw ForecastError("the panel has no column '\(name)' (\(role)); name it with \(role)=")
            }
            return c
        }
        func optional(_ name: String?, _ role: String, required: Bool) throws -> Column? {
            guard let name else { return nil }
            if let c = frame.column(name) { return c }
            if required { throw ForecastError("the panel has no column '\(name)' (\(role)); name it with \(role)=") }
            return nil
        }
        let keyColumn = try column(columns.key, "key")
        let timeColumn = try column(columns.time, "time")
        let costColumn = try column(columns.cost, "cost")
        guard case .number(let times) = timeColumn.data else {
            throw ForecastError("time '\(columns.time)' must hold edition numbers, not \(timeColumn.data.typeName)")
        }
        guard case .number(let costs) = costColumn.data else {
            throw ForecastError("cost '\(columns.cost)' must be numeric, not \(costColumn.data.typeName)")
        }
        let keys = Self.texts(keyColumn)
        let phases = try optional(columns.phase, "phase", required: columns.phase != "phase").map(Self.texts)
        let groups = try optional(columns.group, "by", required: true).map(Self.texts)
        let names = try optional(columns.name, "name", required: columns.name != "project").map(Self.texts)
        var starts: [Int32]?, dates: [Int32]?, datePrecision = DatePrecision.month
        if let c = try optional(columns.start, "start", required: columns.start != "start") {
            guard case .date(let d, _) = c.data else { throw ForecastError("start '\(c.name)' must be dates, not \(c.data.typeName)") }
            starts = d
        }
        if let c = try optional(columns.date, "date", required: columns.date != "edition_date") {
            guard case .date(let d, let p) = c.data else { throw ForecastError("date '\(c.name)' must be dates, not \(c.data.typeName)") }
            dates = d
            datePrecision = p
        }
        var durations: [Double]?
        if let c = try optional(columns.duration, "duration", required: columns.duration != "duration") {
            guard case .number(let d) = c.data else { throw ForecastError("duration '\(c.name)' must be numeric (years), not \(c.data.typeName)") }
            durations = d
        }
        var tables: [Int: [Project]] = [:]
        var labels: [Int: String] = [:]
        for i in 0..<frame.rowCount {
            guard !times[i].isNaN, times[i] == times[i].rounded(), let key = keys[i] else { continue }
            let edition = Int(times[i])
            var age = Double.nan
            var past: Bool?
            if let dates, dates[i] != ColumnData.naDay {
                let when = CivilDate(dayNumber: Int(dates[i]))
                if labels[edition] == nil { labels[edition] = when.text(datePrecision) }
                if let starts, starts[i] != ColumnData.naDay {
                    let start = CivilDate(dayNumber: Int(starts[i]))
                    age = Double(when.monthIndex - start.monthIndex) / 12
                    if let durations, !durations[i].isNaN { past = age > durations[i] }
                }
            }
            let cost = costs[i]
            let project = Project(key: key, name: names?[i] ?? key, cost: cost > 0 ? cost : .nan,
                                  phase: phases?[i], age: age, pastPlannedEnd: past, group: groups?[i])
            tables[edition, default: []].append(project)
        }
        guard !tables.isEmpty else { throw ForecastError("the panel has no rows with an edition number and a key") }
        editions = tables.keys.sorted()
        for e in editions where labels[e] == nil { labels[e] = "\(ForecastSeries.editionWord(columns.time)) \(e)" }
        self.tables = tables
        self.labels = labels
    }

    static func texts(_ c: Column) -> [String?] {
        switch c.data {
        case .text(let t): return t.strings
        case .number(let v): return v.map { $0.isNaN ? nil : NumberFormat(groupSeparator: "").string($0) }
        case .bool(let v): return v.map { $0 < 0 ? nil : ($0 == 1 ? "true" : "false") }
        case .date(let v, let p): return v.map { $0 == ColumnData.naDay ? nil : CivilDate(dayNumber: Int($0)).text(p) }
        }
    }

    public func label(_ edition: Int) -> String { labels[edition] ?? "\(ForecastSeries.editionWord(columns.time)) \(edition)" }

    /// The sum of the known costs of an edition's table.
    public func total(_ edition: Int) -> Double {
        (tables[edition] ?? []).reduce(0) { $0 + ($1.counts ? $1.cost : 0) }
    }

    /// The latest edition with a table.
    public var latest: Int { editions.last! }

    /// Editions k with a table for k + 1 too.
    public var consecutivePairs: [(from: Int, to: Int)] {
        editions.filter { tables[$0 + 1] != nil }.map { ($0, $0 + 1) }
    }

    /// The flows from one edition's table to another's.
    public func transition(from: Int, to: Int) -> Transition {
        let a = tables[from] ?? [], b = tables[to] ?? []
        var later: [String: Project] = [:]
        for p in b where later[p.key] == nil { later[p.key] = p }
        var earlier: [String: Project] = [:]
        for p in a where earlier[p.key] == nil { earlier[p.key] = p }
        var t = Transition(from: from, to: to, continuing: [], exits: [], entries: [], newlyCosted: [], uncosted: [])
        // A key listed twice in a table counts once (its first row).
        for p in a where p.counts && earlier[p.key]?.cost == p.cost {
            guard let q = later[p.key] else { t.exits.append(p); continue }
            if q.counts { t.continuing.append((p, q)) } else { t.uncosted.append(p) }
        }
        for q in b where q.counts && later[q.key]?.cost == q.cost {
            guard let p = earlier[q.key] else { t.entries.append(q); continue }
            if !p.counts { t.newlyCosted.append(q) }
        }
        return t
    }
}

extension PortfolioPanel {
/// Projects' flows between two editions (see `PortfolioPanel`).
public struct Transition: Sendable {
    public var from: Int
    public var to: Int
    /// (the project in `from`, the same project in `to`), both with a cost.
    public var continuing: [(before: Project, after: Project)]
    /// In the first table with a cost, absent from the second.
    public var exits: [Project]
    /// Absent from the first table, in the second with a cost.
    public var entries: [Project]
    /// In both tables, with a cost only in the second.
    public var newlyCosted: [Project]
    /// In both tables, with a cost only in the first.
    public var uncosted: [Project]

    public var continuingGrowth: Double { continuing.reduce(0) { $0 + $1.after.cost - $1.before.cost } }
    public var entryCost: Double { entries.reduce(0) { $0 + $1.cost } }
    public var exitCost: Double { exits.reduce(0) { $0 + $1.cost } }
    public var newlyCostedCost: Double { newlyCosted.reduce(0) { $0 + $1.cost } }
    public var uncostedCost: Double { uncosted.reduce(0) { $0 + $1.cost } }
    /// What joins the total: entries and newly costed projects.
    public var arrivals: [Project] { entries + newlyCosted }
    /// What leaves the total: exits and projects no longer costed.
    public var departures: [Project] { exits + uncosted }
    /// The log growth of each continuing project: log(cost_to / cost_from).
    public var logGrowth: [Double] { continuing.map { log($0.after.cost / $0.before.cost) } }
}
}
