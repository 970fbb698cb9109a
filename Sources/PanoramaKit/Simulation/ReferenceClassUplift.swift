import Foundation

/// Flyvbjerg's reference-class uplift: how much to add to an estimate so that, judged by the
/// overruns a class of past projects actually had, the budget is exceeded with probability at
/// most 1 − p. For overrun factors r = actual / estimated cost, uplift_p = Q_p(r) − 1 (R type 7
/// quantile), so a budget of estimate × (1 + uplift) was enough for p % of the class.
///
/// Each class carries its size and the Hill estimate of its right tail: with a fat tail (α ≤ 2)
/// or a small class the high quantiles rest on a handful of projects, and the uplift says so.
public struct ReferenceClassUplift: Sendable {
    public struct Row: Sendable, Equatable {
        /// The class (nil for the whole reference class).
        public var group: String?
        /// Projects in the class (positive, finite factors).
        public var n: Int
        /// The median overrun factor.
        public var median: Double
        /// Q_p(r) − 1, a fraction (0.25 is +25 %).
        public var uplift: Double
        /// The Hill tail index of the factors (nil with fewer than 3 values).
        public var tail: TailIndex?
        /// Why the uplift deserves caution: a fat tail, a small class.
        public var warnings: [String]
    }

    /// The acceptable chance of staying within budget, in percent.
    public var p: Double
    public var rows: [Row]

    /// A class smaller than this gets a warning: its P80 or P90 rests on two or three projects.
    public static let smallClass = 20

    /// The uplift of the factors as one class, or per group when `groups` is given (same length;
    /// nil groups form the class `na`).
    /// - Throws: `KernelError` for p outside (0, 100), lengths that differ, or no usable factor.
    public static func make(_ factors: [Double], groups: [String?]? = nil, p: Double = 80) throws -> ReferenceClassUplift {
        guard p > 0 && p < 100 else { throw KernelError("uplift: 'p' must be between 0 and 100 (exclusive), not \(NumberFormat().string(p))") }
        if let groups, groups.count != factors.count {
            throw KernelError("uplift: 'by' has \(groups.count) values but growth has \(factors.count)")
        }
        var classes: [(String?, [Double])] = []
        if let groups {
            var byName: [String: [Double]] = [:]
            for (g, r) in zip(groups, factors) { byName[g ?? "na", default: []].append(r) }
            classes = byName.keys.sorted().map { ($0, byName[$0]!) }
        } else {
            classes = [(nil, factors)]
        }
        let rows = classes.compactMap { name, values -> Row? in
            let x = values.filter { $0.isFinite && $0 > 0 }.sorted()
            guard !x.isEmpty else { return nil }
            let tail = try? TailIndex.hill(x)
            var warnings = tail?.warnings ?? []
            if x.count < smallClass {
                let largest = max(1, Int((Double(x.count) * (1 - p / 100)).rounded(.up)))
                warnings.append("a class of \(Prose.counted(x.count, "project")): its P\(Int(p)) rests on " + (largest == 1 ? "the largest alone" : "the \(largest) largest"))
            }
            return Row(group: name, n: x.count, median: Descriptive.quantile(sorted: x, 0.5),
                       uplift: Descriptive.quantile(sorted: x, p / 100) - 1, tail: tail, warnings: warnings)
        }
        guard !rows.isEmpty else { throw KernelError("uplift: no positive overrun factor in 'growth'") }
        return ReferenceClassUplift(p: p, rows: rows)
    }

    /// One row per class: `class` (with `by`), `n`, `median`, `uplift` (%), `tail_index`, `warning`.
    public var frame: Frame {
        var columns: [Column] = []
        if rows.contains(where: { $0.group != nil }) {
            columns.append(Column(name: "class", .text(Categorical(rows.map(\.group)))))
        }
        columns += [
            Column(name: "n", .number(rows.map { Double($0.n) })),
            Column(name: "median", .number(rows.map(\.median))),
            Column(name: "uplift", unit: "%", .number(rows.map { 100 * $0.uplift })),
            Column(name: "tail_index", .number(rows.map { $0.tail?.alpha ?? .nan })),
            Column(name: "warning", .text(Categorical(rows.map { $0.warnings.isEmpty ? nil : $0.warnings.joined(separator: "; ") }))),
        ]
        return Frame(columns: columns)
    }
}

extension PortfolioPanel {
    /// The reference class of the panel itself: each project's last published cost over its
    /// first (1 + cost drift at its last appearance), projects with a positive cost, by key.
    public var overrunFactors: [Double] {
        var first: [String: Double] = [:], last: [String: Double] = [:]
        for e in editions {
            for p in tables[e] ?? [] where p.counts && p.cost > 0 {
                if first[p.key] == nil { first[p.key] = p.cost }
                last[p.key] = p.cost
            }
        }
        return first.keys.sorted().compactMap { k in last[k].flatMap { l in first[k].map { l / $0 } } }
    }
}
