import Foundation

/// How an edition's total moved to another's: continuing projects' growth, entries, projects
/// newly costed, exits and projects no longer costed, each named (DESIGN §7; definitions in
/// `PortfolioPanel`). The steps add up exactly to the end total.
public struct PortfolioBridge: Sendable {
    public var from: Int
    public var to: Int
    public var fromLabel: String
    public var toLabel: String
    public var startTotal: Double
    public var endTotal: Double
    public var transition: PortfolioPanel.Transition
    public var notes: [String]

    /// - Throws: `ForecastError` when either edition has no table.
    public init(_ panel: PortfolioPanel, from: Int, to: Int) throws {
        for e in [from, to] where panel.tables[e] == nil {
            throw ForecastError("the panel has no table for edition \(e); editions with tables: "
                                + panel.editions.map(String.init).joined(separator: ", "))
        }
        guard from != to else { throw ForecastError("from= and to= are the same edition (\(from))") }
        self.from = from
        self.to = to
        fromLabel = panel.label(from)
        toLabel = panel.label(to)
        startTotal = panel.total(from)
        endTotal = panel.total(to)
        transition = panel.transition(from: from, to: to)
        notes = []
        if abs(to - from) != 1 {
            notes.append("editions \(from) and \(to) are not consecutive: the flows add up \(abs(to - from)) editions' changes")
        }
    }

    /// The signed steps, for the table and the waterfall.
    public var steps: [(label: String, delta: Double)] {
        let t = transition
        return [("continuing growth", t.continuingGrowth), ("entries", t.entryCost), ("newly costed", t.newlyCostedCost),
                ("exits", 0 - t.exitCost), ("no longer costed", 0 - t.uncostedCost)]  // 0 − x: no −0 for a zero step
    }

    /// One row per step: step, amount, projects, detail (names, largest first, amounts in
    /// `numbers`: four significant digits unless asked otherwise).
    public func frame(_ numbers: NumberFormat = NumberFormat(significantDigits: 4)) -> Frame {
        func named(_ items: [(String, Double)], signed: Bool) -> String {
            items.sorted { abs($0.1) > abs($1.1) }.map { name, amount in
                let text = numbers.string(amount)
                return "\(name) (\(signed && amount > 0 ? "+" : "")\(text))"
            }.joined(separator: ", ")
        }
        let t = transition
        let movers = t.continuing.map { ($0.after.name, $0.after.cost - $0.before.cost) }.filter { $0.1 != 0 }
        let top = movers.sorted { abs($0.1) > abs($1.1) }.prefix(5)
        let growthDetail = movers.isEmpty ? "no cost changed"
            : "\(movers.count) changed; largest: " + named(Array(top), signed: true)
        let startCount = t.continuing.count + t.departures.count
        let endCount = t.continuing.count + t.arrivals.count
        func detail(_ ps: [PortfolioPanel.Project]) -> String { named(ps.map { ($0.name, $0.cost) }, signed: false) }
        return Frame(columns: [
            Column(name: "step", .text(Categorical([fromLabel + " total"] + steps.map(\.label) + [toLabel + " total"]))),
            Column(name: "amount", .number([startTotal] + steps.map(\.delta) + [endTotal])),
            Column(name: "projects", .number([startCount, t.continuing.count, t.entries.count, t.newlyCosted.count,
                                              t.exits.count, t.uncosted.count, endCount].map(Double.init))),
            Column(name: "detail", .text(Categorical(["", growthDetail, detail(t.entries), detail(t.newlyCosted),
                                                      detail(t.exits), detail(t.uncosted), ""]))),
        ])
    }

    /// One row per project with a cost in either edition: key, project, flow, before, after, change.
    public var projects: Frame {
        let t = transition
        var key: [String?] = [], name: [String?] = [], flow: [String?] = [], before: [Double] = [], after: [Double] = []
        for (a, b) in t.continuing { key.append(a.key); name.append(b.name); flow.append("continuing"); before.append(a.cost); after.append(b.cost) }
        for p in t.entries { key.append(p.key); name.append(p.name); flow.append("entry"); before.append(0); after.append(p.cost) }
        for p in t.newlyCosted { key.append(p.key); name.append(p.name); flow.append("newly costed"); before.append(0); after.append(p.cost) }
        for p in t.exits { key.append(p.key); name.append(p.name); flow.append("exit"); before.append(p.cost); after.append(0) }
        for p in t.uncosted { key.append(p.key); name.append(p.name); flow.append("no longer costed"); before.append(p.cost); after.append(0) }
        return Frame(columns: [
            Column(name: "key", .text(Categorical(key))), Column(name: "project", .text(Categorical(name))),
            Column(name: "flow", .text(Categorical(flow))), Column(name: "before", .number(before)),
            Column(name: "after", .number(after)), Column(name: "change", .number(zip(after, before).map { $0 - $1 })),
        ])
    }
}
