import Foundation
import PanoramaKit

extension PanoramaPanel {
    /// Derived measures, one row per panel row (same order), joined to the panel by
    /// `edition, key` (`datasets/panorama_growth.csv`).
    ///
    /// - `first_edition`: the key's first edition table.
    /// - `previous_edition`, `edition_gap`, `months_elapsed`: the key's previous appearance,
    ///   how many editions back (1 = the previous edition; 5 across the 2019–2021 gap) and the
    ///   months between the two editions' dates.
    /// - `cost_change` (M€) and `cost_growth` (ratio − 1): cost against the previous
    ///   appearance; semester-on-semester growth is `cost_growth` where `edition_gap == 1`.
    /// - `first_cost`, `first_cost_edition`, `cost_drift`: the first cost the key was published
    ///   with (the Panorama states no initial cost, so this is a proxy) and cost / first_cost − 1.
    /// - `planned_end` (month): start + duration, rounded to the month; `end_slip` (years): its
    ///   move since the previous appearance; `end_slip_total` (years): since the first known.
    /// - `age` (years since start at the edition date), `remaining` (years from the edition
    ///   date to the planned end; negative when past).
    /// - `next_edition`: the key's next appearance; `leaves`: absent from the next edition
    ///   table (na for the last table).
    ///
    /// Ratios and differences are rounded to 9 decimals so that float noise (0.6000000000000014)
    /// does not reach the file.
    public var measuresFrame: Frame {
        struct State {
            var firstEdition: Int
            var previous: PanelRecord
            var previousEnd: Int?
            var firstCost: (Double, Int)?
            var firstEnd: Int?
        }
        var state: [String: State] = [:]
        var nextEdition: [Int?] = Array(repeating: nil, count: records.count)
        var lastIndex: [String: Int] = [:]
        for (i, r) in records.enumerated() {
            if let j = lastIndex[r.key] { nextEdition[j] = r.edition }
            lastIndex[r.key] = i
        }
        let last = editions.last
        let nextTable = Dictionary(uniqueKeysWithValues: zip(editions, editions.dropFirst()))

        var first = [Double](), prev = [Double](), gap = [Double](), months = [Double]()
        var change = [Double](), growth = [Double](), firstCost = [Double](), firstCostEd = [Double]()
        var drift = [Double](), end = [Int32](), slip = [Double](), slipTotal = [Double]()
        var age = [Double](), remaining = [Double](), next = [Double](), leaves = [Int8]()

        for (i, r) in records.enumerated() {
            let endMonth: Int? = {
                guard let s = r.start, let d = r.duration else { return nil }
                return s.monthIndex + Int((d * 12).rounded())
            }()
            let now = r.editionDate.monthIndex
            var s = state[r.key] ?? State(firstEdition: r.edition, previous: r, previousEnd: nil,
                                          firstCost: nil, firstEnd: nil)
            let p: PanelRecord? = state[r.key] == nil ? nil : s.previous
            first.append(Double(s.firstEdition))
            prev.append(p.map { Double($0.edition) } ?? .nan)
            gap.append(p.map { Double(r.edition - $0.edition) } ?? .nan)
            months.append(p.map { Double(now - $0.editionDate.monthIndex) } ?? .nan)
            if let c = r.cost, let pc = p?.cost {
                change.append(round9(c - pc))
                growth.append(pc > 0 ? round9(c / pc - 1) : .nan)
            } else {
                change.append(.nan)
                growth.append(.nan)
            }
            if s.firstCost == nil, let c = r.cost { s.firstCost = (c, r.edition) }
            firstCost.append(s.firstCost?.0 ?? .nan)
            firstCostEd.append(s.firstCost.map { Double($0.1) } ?? .nan)
            if let c = r.cost, let (c0, _) = s.firstCost, c0 > 0 {
                drift.append(round9(c / c0 - 1))
            } else {
                drift.append(.nan)
            }
            end.append(endMonth.map { Int32(CivilDate(year: $0 / 12, month: $0 % 12 + 1).dayNumber) } ?? ColumnData.naDay)
            if let e = endMonth, let pe = p == nil ? nil : s.previousEnd {
                slip.append(round9(Double(e - pe) / 12))
            } else {
                slip.append(.nan)
            }
            if s.firstEnd == nil { s.firstEnd = endMonth }
            if let e = endMonth, let fe = s.firstEnd {
                slipTotal.append(round9(Double(e - fe) / 12))
            } else {
                slipTotal.append(.nan)
            }
            age.append(r.start.map { round9(Double(now - $0.monthIndex) / 12) } ?? .nan)
            remaining.append(endMonth.map { round9(Double($0 - now) / 12) } ?? .nan)
            next.append(nextEdition[i].map(Double.init) ?? .nan)
            if r.edition == last {
                leaves.append(-1)
            } else {
                leaves.append(nextEdition[i] == nextTable[r.edition] ? 0 : 1)
            }
            s.previous = r
            s.previousEnd = endMonth
            state[r.key] = s
        }
        return Frame(columns: [
            Column(name: "edition", .number(records.map { Double($0.edition) })),
            Column(name: "key", .text(Categorical(records.map { $0.key }))),
            Column(name: "first_edition", .number(first)),
            Column(name: "previous_edition", .number(prev)),
            Column(name: "edition_gap", .number(gap)),
            Column(name: "months_elapsed", unit: "months", .number(months)),
            Column(name: "cost_change", unit: "M€", .number(change)),
            Column(name: "cost_growth", .number(growth)),
            Column(name: "first_cost", unit: "M€", .number(firstCost)),
            Column(name: "first_cost_edition", .number(firstCostEd)),
            Column(name: "cost_drift", .number(drift)),
            Column(name: "planned_end", .date(end, .month)),
            Column(name: "end_slip", unit: "years", .number(slip)),
            Column(name: "end_slip_total", unit: "years", .number(slipTotal)),
            Column(name: "age", unit: "years", .number(age)),
            Column(name: "remaining", unit: "years", .number(remaining)),
            Column(name: "next_edition", .number(next)),
            Column(name: "leaves", .bool(leaves)),
        ])
    }
}

/// Rounds to 9 decimals: `round9(0.6000000000000014) // 0.6`.
func round9(_ x: Double) -> Double {
    (x * 1e9).rounded() / 1e9
}
