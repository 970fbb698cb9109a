/// Key columns as integers: the one engine behind `groups`, `sort`, `join` and `pivot_wider`.
///
/// A column's values become order-preserving unsigned keys (`sortKeys`) or dense ranks
/// 0..<k in value order (`denseRanks`), `na` last in both. Text works on its dictionary codes:
/// the levels are ranked once (accent- and case-folded, then exact), so no row's text is hashed
/// or compared. Numbers and dates are ranked by one stable LSD radix sort of their keys.
extension ColumnData {
    /// The key standing for `na`: greater than every value's, so `na` sorts last.
    static let naKey = UInt64.max

    /// Each row's key, in the column's order: ascending, or descending when `descending`
    /// (`na` is last either way). Equal values have equal keys (−0 and +0 too). A value's key
    /// is never 0, so its descending key (all bits flipped) never reaches `na`'s.
    public func sortKeys(descending: Bool = false) -> [UInt64] {
        @inline(__always) func directed(_ k: UInt64) -> UInt64 { descending ? ~k : k }
        switch self {
        case .number(let v):
            return v.map { x in
                if x.isNaN { return ColumnData.naKey }
                return directed(RadixSort.key(x == 0 ? 0 : x))
            }
        case .text(let c):
            let rank = Categorical.levelRanks(c.levels)
            return c.codes.map { $0 < 0 ? ColumnData.naKey : directed(UInt64(rank[Int($0)]) + 1) }
        case .bool(let v):
            return v.map { $0 < 0 ? ColumnData.naKey : directed(UInt64($0) + 1) }
        case .date(let v, _):
            return v.map { $0 == ColumnData.naDay ? ColumnData.naKey : directed(UInt64(bitPattern: Int64($0)) ^ (1 << 63)) }
        }
    }

    /// Dense ranks of the values: equal values share a rank, ranks 0..<count follow the
    /// column's ascending order, `na` (if any) has the last rank.
    /// - Complexity: O(rows + levels·log levels) for text and bools; one radix sort otherwise.
    public func denseRanks() -> (ranks: [UInt32], count: Int) {
        switch self {
        case .text(let c):
            let rank = Categorical.levelRanks(c.levels)
            let na = UInt32((rank.max() ?? -1) + 1)
            return DenseCodes.compact(c.codes.map { $0 < 0 ? na : UInt32(rank[Int($0)]) }, upTo: Int(na) + 1)
        case .bool(let v):
            return DenseCodes.compact(v.map { $0 < 0 ? 2 : UInt32($0) }, upTo: 3)
        case .number, .date:
            return DenseCodes.ranks(of: sortKeys())
        }
    }
}

extension ColumnData {
    /// Dense codes of the values in no particular order: equal values share a code, `na` has
    /// its own. For text the levels are only deduplicated (hashed once each), not folded and
    /// ranked, which is what joins and pivots need; other columns give their `denseRanks`.
    public func denseCodes() -> (ranks: [UInt32], count: Int) {
        guard case .text(let c) = self else { return denseRanks() }
        var index: [String: UInt32] = [:]
        index.reserveCapacity(c.levels.count)
        let canonical = c.levels.map { level -> UInt32 in
            if let k = index[level] { return k }
            let k = UInt32(index.count)
            index[level] = k
            return k
        }
        let na = UInt32(index.count)
        return DenseCodes.compact(c.codes.map { $0 < 0 ? na : canonical[Int($0)] }, upTo: Int(na) + 1)
    }
}

extension Categorical {
    /// Each level's rank in text order — accent- and case-folded first, then exact — with equal
    /// levels sharing a rank: `["b", "É", "a", "b"]` ranks `[2, 1, 0, 2]`.
    static func levelRanks(_ levels: [String]) -> [Int] {
        let keys = levels.map { $0.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) }
        let order = levels.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : levels[$0] < levels[$1] }
        var rank = [Int](repeating: 0, count: levels.count)
        var current = -1
        for (k, level) in order.enumerated() {
            if k == 0 || levels[level] != levels[order[k - 1]] { current += 1 }
            rank[level] = current
        }
        return rank
    }
}

/// Integer codes made dense: the building blocks of `GroupIndex` and `sortedIndices`.
enum DenseCodes {
    /// Codes below `bound` renumbered 0..<k in order, leaving out the unused ones.
    static func compact(_ codes: [UInt32], upTo bound: Int) -> (ranks: [UInt32], count: Int) {
        var renumber = [UInt32](repeating: 0, count: bound)
        for c in codes { renumber[Int(c)] = 1 }
        var k: UInt32 = 0
        for i in 0..<bound where renumber[i] != 0 {
            renumber[i] = k
            k += 1
        }
        return (codes.map { renumber[Int($0)] }, Int(k))
    }

    /// Dense ranks of arbitrary keys, by one stable radix sort.
    static func ranks(of keys: [UInt64]) -> (ranks: [UInt32], count: Int) {
        guard !keys.isEmpty else { return ([], 0) }
        let order = RadixSort.order(keys: keys)
        var ranks = [UInt32](repeating: 0, count: keys.count)
        var k: UInt32 = 0
        var previous = keys[Int(order[0])]
        for i in order {
            let key = keys[Int(i)]
            if key != previous { k += 1; previous = key }
            ranks[Int(i)] = k
        }
        return (ranks, Int(k) + 1)
    }

    /// Two rank columns combined into dense ranks of the pairs, in lexicographic order.
    static func combine(_ a: (ranks: [UInt32], count: Int), _ b: (ranks: [UInt32], count: Int)) -> (ranks: [UInt32], count: Int) {
        let product = a.count * b.count
        let n = a.ranks.count
        if product <= max(4 * n, 1 << 16), product <= Int(UInt32.max) {
            let width = UInt32(b.count)
            var pairs = [UInt32](repeating: 0, count: n)
            for i in 0..<n { pairs[i] = a.ranks[i] &* width &+ b.ranks[i] }
            return compact(pairs, upTo: product)
        }
        let width = UInt64(b.count)
        var pairs = [UInt64](repeating: 0, count: n)
        for i in 0..<n { pairs[i] = UInt64(a.ranks[i]) * width + UInt64(b.ranks[i]) }
        return ranks(of: pairs)
    }
}

/// Rows grouped by equal key values: each row's group, groups numbered in key order (`na` last).
public struct GroupIndex: Sendable {
    /// The group of each row, in 0..<count.
    public let groupOfRow: [UInt32]
    /// How many groups (non-empty).
    public let count: Int

    /// The groups of the rows of `frame` by the key columns `keys`; one group of every row when
    /// `keys` is empty (none when the frame has no rows). With `ordered` false the groups come
    /// in no particular order, and text keys are not ranked (see `ColumnData.denseCodes`).
    public init(_ frame: Frame, keys: [Int], ordered: Bool = true) {
        guard let first = keys.first else {
            groupOfRow = Array(repeating: 0, count: frame.rowCount)
            count = frame.rowCount > 0 ? 1 : 0
            return
        }
        func codes(_ k: Int) -> (ranks: [UInt32], count: Int) {
            ordered ? frame.columns[k].data.denseRanks() : frame.columns[k].data.denseCodes()
        }
        var combined = codes(first)
        for k in keys.dropFirst() { combined = DenseCodes.combine(combined, codes(k)) }
        (groupOfRow, count) = combined
    }

    /// Rows ordered by group, each group's rows in row order, and where each group starts:
    /// group g is `rows[starts[g]..<starts[g + 1]]` (a counting sort).
    public func partition() -> (starts: [Int], rows: [Int]) {
        var starts = [Int](repeating: 0, count: count + 1)
        for g in groupOfRow { starts[Int(g) + 1] += 1 }
        for g in 0..<count { starts[g + 1] += starts[g] }
        var next = starts
        var rows = [Int](repeating: 0, count: groupOfRow.count)
        for (r, g) in groupOfRow.enumerated() {
            rows[next[Int(g)]] = r
            next[Int(g)] += 1
        }
        return (starts, rows)
    }

    /// Each group's rows, in row order.
    public func rowLists() -> [[Int]] {
        let (starts, rows) = partition()
        return (0..<count).map { Array(rows[starts[$0]..<starts[$0 + 1]]) }
    }

    /// The first row of each group.
    public func firstRows() -> [Int] {
        var first = [Int](repeating: -1, count: count)
        for (r, g) in groupOfRow.enumerated() where first[Int(g)] < 0 { first[Int(g)] = r }
        return first
    }

    /// The groups renumbered by their first row (the order of first appearance, as tidyr and
    /// pandas' `sort=False`), with each group's first row in that order.
    public func inOrderOfAppearance() -> (groupOfRow: [UInt32], firstRows: [Int]) {
        var renumber = [UInt32](repeating: .max, count: count)
        var first: [Int] = []
        for (r, g) in groupOfRow.enumerated() where renumber[Int(g)] == .max {
            renumber[Int(g)] = UInt32(first.count)
            first.append(r)
        }
        return (groupOfRow.map { renumber[Int($0)] }, first)
    }
}
