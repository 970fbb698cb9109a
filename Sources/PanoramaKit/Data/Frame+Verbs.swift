import Foundation

/// The frame verbs as pure functions: rows (head, tail, filter, sort, distinct), columns
/// (select, drop, rename), groups, and combining frames (stack, join).
extension Frame {
    /// The first `n` rows (all when fewer); a negative `n` drops the last `-n`.
    public func head(_ n: Int) -> Frame {
        let count = n >= 0 ? min(n, rowCount) : max(0, rowCount + n)
        return rows(Array(0..<count))
    }

    /// The last `n` rows; a negative `n` drops the first `-n`.
    public func tail(_ n: Int) -> Frame {
        let count = n >= 0 ? min(n, rowCount) : max(0, rowCount + n)
        return rows(Array((rowCount - count)..<rowCount))
    }

    /// The rows where `mask` is true (1); false (0) and `na` (-1) rows are left out.
    public func filter(_ mask: [Int8]) -> Frame {
        rows(mask.indices.filter { mask[$0] == 1 })
    }

    /// The columns at `indices`, in that order.
    public func selecting(_ indices: [Int]) -> Frame {
        Frame(columns: indices.map { columns[$0] }, notes: notes)
    }

    /// The index of a column by identifier or label, or a `KernelError` with a suggestion.
    public func requireColumn(_ key: String) throws -> Int {
        if let i = columnIndex(key) { return i }
        throw KernelError(Frame.unknownColumnMessage(key, among: names))
    }

    static func unknownColumnMessage(_ key: String, among names: [String]) -> String {
        "no column named '\(key)'" + (suggestion(for: key, among: names, replacingAll: true).map { ". Did you mean '\($0)'?" } ?? "")
    }

    // MARK: Ordering

    /// Row indices ordered by the given columns (stable; `na` last whatever the direction).
    ///
    /// One stable LSD radix sort per key column, last key first, on the columns' order-preserving
    /// keys (`ColumnData.sortKeys`): text by its ranked levels, numbers by their IEEE bits.
    /// - Complexity: O(rows) per key column (at most eight byte passes).
    public func sortedIndices(by keys: [(column: Int, descending: Bool)]) -> [Int] {
        var order: [Int32]?
        for key in keys.reversed() {
            let k = columns[key.column].data.sortKeys(descending: key.descending)
            guard let previous = order else { order = RadixSort.order(keys: k); continue }
            let positions = RadixSort.order(keys: previous.map { k[Int($0)] })
            order = positions.map { previous[Int($0)] }
        }
        return order.map { $0.map(Int.init) } ?? Array(0..<rowCount)
    }

    public func sorted(by keys: [(column: Int, descending: Bool)]) -> Frame {
        rows(sortedIndices(by: keys))
    }

    // MARK: Groups

    /// Rows grouped by equal values of `keys`, groups ordered by their key values (na last).
    public func groups(by keys: [Int]) -> [[Int]] {
        guard !keys.isEmpty else { return [Array(0..<rowCount)] }
        return GroupIndex(self, keys: keys).rowLists()
    }

    /// The first row of each distinct combination of `keys` (all columns when empty), in order.
    public func distinct(on keys: [Int] = []) -> Frame {
        let cols = keys.isEmpty ? Array(columns.indices) : keys
        let kept = rows(GroupIndex(self, keys: cols, ordered: false).firstRows().sorted())
        return keys.isEmpty ? kept : kept.selecting(keys)
    }

    /// Rows per distinct combination of `keys`: the key columns and `n`, ordered by key.
    public func countRows(by keys: [Int]) -> Frame {
        let gs = groups(by: keys)
        var out = Frame(columns: keys.map { k in
            var c = columns[k]
            c.data = c.data.gather(gs.map { $0[0] })
            return c
        })
        out.columns.append(Column(name: "n", .number(gs.map { Double($0.count) })))
        return out
    }

    // MARK: Combining

    /// Binds frames by rows, matching columns by identifier; a column missing from a frame is
    /// `na` there. With `id`, a first column of that name tells which frame each row came from
    /// (`ids`, or 1, 2, … when nil).
    ///
    /// - Throws: when one column has different types in two frames.
    public static func stack(_ frames: [Frame], id: String? = nil, ids: Column? = nil) throws -> Frame {
        var order: [String] = []
        var first: [String: Column] = [:]
        for f in frames {
            for c in f.columns {
                if first[c.name] == nil { order.append(c.name) }
                // The type comes from the first frame where the column holds a value: a column
                // of na only (`na` from a function that had nothing to say) takes any type.
                if first[c.name].map({ $0.data.isAllMissing && !c.data.isAllMissing }) ?? true { first[c.name] = c }
            }
        }
        var columns: [Column] = []
        for name in order {
            var parts: [ColumnData] = []
            let template = first[name]!
            for (i, f) in frames.enumerated() {
                if let c = f.columns.first(where: { $0.name == name }), !(c.data.isAllMissing && c.data.typeName != template.data.typeName) {
                    guard c.data.typeName == template.data.typeName else {
                        throw KernelError("column '\(name)' is \(template.data.typeName) in one frame but \(c.data.typeName) in frame \(i + 1)")
                    }
                    parts.append(c.data)
                } else {
                    parts.append(ColumnData.missing(like: template.data, count: f.rowCount))
                }
            }
            var c = template
            c.data = ColumnData.concatenate(parts)
            columns.append(c)
        }
        if let id {
            if let ids, ids.count != frames.count {
                throw KernelError("ids= has \(Prose.counted(ids.count, "value")) but \(frames.count) frames are stacked")
            }
            let source = ids ?? Column(name: id, .number(frames.indices.map { Double($0 + 1) }))
            var indices: [Int] = []
            for (i, f) in frames.enumerated() { indices += Array(repeating: i, count: f.rowCount) }
            let idColumn = Column(name: identifier(for: id), label: id, unit: source.unit, source.data.gather(indices))
            columns.removeAll { $0.name == idColumn.name }
            columns.insert(idColumn, at: 0)
        }
        return Frame(columns: columns)
    }

    /// How `join` keeps rows without a match.
    public enum JoinKind: String, Sendable, CaseIterable {
        /// Only rows with a match on both sides.
        case inner
        /// Every left row; right columns `na` when there is no match.
        case left
        /// Every row of both sides.
        case full
        /// Left rows with a match, once each, left columns only (dplyr `semi_join`).
        case semi
        /// Left rows without a match, left columns only (dplyr `anti_join`).
        case anti
    }

    /// Joins on the columns `keys` (identifiers present in both). Rows come in left order, each
    /// with its matches in right order; other columns present in both get `_x` / `_y` suffixes.
    public func join(_ right: Frame, on keys: [String], kind: JoinKind = .inner) throws -> Frame {
        guard !keys.isEmpty else { throw KernelError("join needs at least one key column (by=)") }
        let lk = try keys.map { try requireColumn($0) }
        let rk: [Int] = try keys.map { k in
            guard let i = right.columnIndex(k) else { throw KernelError("the right frame has no column '\(k)'") }
            return i
        }
        for (a, b) in zip(lk, rk) where columns[a].data.typeName != right.columns[b].data.typeName {
            throw KernelError("key '\(columns[a].name)' is \(columns[a].data.typeName) on the left but \(right.columns[b].data.typeName) on the right")
        }
        let (leftGroup, rightRowsOf) = joinIndex(right, lk, rk)
        if kind == .semi || kind == .anti {
            let kept = (0..<rowCount).filter { r in
                (leftGroup[r] >= 0 && !rightRowsOf(leftGroup[r]).isEmpty) == (kind == .semi)
            }
            return Frame(columns: columns.map { var c = $0; c.data = $0.data.gather(kept); return c })
        }
        // The output's size first: each left row's matches (or 1 when it is kept unmatched).
        var outputRows = kind == .full ? right.rowCount : 0
        for r in 0..<rowCount {
            let matches = leftGroup[r] < 0 ? 0 : rightRowsOf(leftGroup[r]).count
            outputRows = outputRows.addingReportingOverflow(matches > 0 || kind != .inner ? max(matches, 1) : 0).partialValue
        }
        try MemoryBudget.current.check(MemoryBudget.bytes(outputRows, 8 * (columnCount + right.columnCount + 2)),
                                       for: "the join's \(outputRows) rows", hint: "join on more key columns, or make the keys unique first (distinct)")
        var leftRows: [Int] = [], rightRows: [Int] = []
        leftRows.reserveCapacity(outputRows)
        rightRows.reserveCapacity(outputRows)
        var matched = [Bool](repeating: false, count: kind == .full ? right.rowCount : 0)
        for r in 0..<rowCount {
            let ms = leftGroup[r] < 0 ? ArraySlice<Int>() : rightRowsOf(leftGroup[r])
            if !ms.isEmpty {
                for m in ms {
                    leftRows.append(r); rightRows.append(m)
                    if kind == .full { matched[m] = true }
                }
            } else if kind != .inner {
                leftRows.append(r); rightRows.append(-1)
            }
        }
        var keyFromRight: [Int] = []
        if kind == .full {
            for r in 0..<right.rowCount where !matched[r] {
                leftRows.append(-1); rightRows.append(r); keyFromRight.append(leftRows.count - 1)
            }
        }
        let rightOthers = right.columns.indices.filter { !rk.contains($0) }
        let shared = Set(rightOthers.map { right.columns[$0].name })
        var out: [Column] = []
        for (i, c) in columns.enumerated() {
            var col = c
            col.data = c.data.gatherAllowingMissing(leftRows)
            if let k = lk.firstIndex(of: i), !keyFromRight.isEmpty {
                let fromRight = right.columns[rk[k]].data.gatherAllowingMissing(rightRows)
                col.data = ColumnData.concatenate([col.data.gather(Array(0..<(leftRows.count - keyFromRight.count))),
                                                   fromRight.gather(keyFromRight)])
            }
            if !lk.contains(i), shared.contains(c.name) { col.name += "_x"; col.label += "_x" }
            out.append(col)
        }
        let leftNames = Set(columns.map(\.name))
        for i in rightOthers {
            var col = right.columns[i]
            col.data = col.data.gatherAllowingMissing(rightRows)
            if leftNames.contains(col.name) { col.name += "_y"; col.label += "_y" }
            out.append(col)
        }
        return Frame(columns: out)
    }
}

extension Frame {
    /// The join's index: each left row's key group (-1 when a key is `na` or has no match on
    /// the right), and each group's right rows in right order. Both sides' keys are ranked
    /// together (`GroupIndex` over the key columns end to end), so text keys are matched through
    /// their codes: each distinct text is hashed once, no row's text is.
    func joinIndex(_ right: Frame, _ lk: [Int], _ rk: [Int]) -> (leftGroup: [Int], rightRowsOf: (Int) -> ArraySlice<Int>) {
        let both = Frame(columns: zip(lk, rk).map { a, b in
            Column(name: columns[a].name, ColumnData.concatenate([columns[a].data, right.columns[b].data]))
        })
        let index = GroupIndex(both, keys: Array(both.columns.indices), ordered: false)
        let missing: (Int) -> Bool = { r in both.columns.contains { $0.data.isNA(r) } }
        var starts = [Int](repeating: 0, count: index.count + 1)
        for r in 0..<right.rowCount where !missing(rowCount + r) { starts[Int(index.groupOfRow[rowCount + r]) + 1] += 1 }
        for g in 0..<index.count { starts[g + 1] += starts[g] }
        var next = starts
        var rows = [Int](repeating: 0, count: starts[index.count])
        for r in 0..<right.rowCount where !missing(rowCount + r) {
            let g = Int(index.groupOfRow[rowCount + r])
            rows[next[g]] = r
            next[g] += 1
        }
        let leftGroup = (0..<rowCount).map { r in
            let g = Int(index.groupOfRow[r])
            return missing(r) || starts[g] == starts[g + 1] ? -1 : g
        }
        return (leftGroup, { g in rows[starts[g]..<starts[g + 1]] })
    }
}

extension ColumnData {
    /// A column of `count` missing values of the same type.
    public static func missing(like data: ColumnData, count: Int) -> ColumnData {
        switch data {
        case .number: .number(Array(repeating: .nan, count: count))
        case .text(let c): .text(Categorical(codes: Array(repeating: -1, count: count), levels: c.levels))
        case .bool: .bool(Array(repeating: -1, count: count))
        case .date(_, let p): .date(Array(repeating: ColumnData.naDay, count: count), p)
        }
    }

    /// The elements at `indices`; index -1 gives `na`.
    public func gatherAllowingMissing(_ indices: [Int]) -> ColumnData {
        switch self {
        case .number(let v): .number(indices.map { $0 < 0 ? .nan : v[$0] })
        case .text(let c): .text(Categorical(codes: indices.map { $0 < 0 ? -1 : c.codes[$0] }, levels: c.levels))
        case .bool(let v): .bool(indices.map { $0 < 0 ? -1 : v[$0] })
        case .date(let v, let p): .date(indices.map { $0 < 0 ? ColumnData.naDay : v[$0] }, p)
        }
    }

    /// Columns of one type joined end to end (text levels merged; dates at the finer precision).
    public static func concatenate(_ parts: [ColumnData]) -> ColumnData {
        guard let first = parts.first else { return .number([]) }
        switch first {
        case .number:
            return .number(parts.flatMap { $0.numbers ?? [] })
        case .bool:
            var out: [Int8] = []
            for case .bool(let v) in parts { out += v }
            return .bool(out)
        case .date:
            var precision = DatePrecision.month
            var out: [Int32] = []
            for case .date(let v, let p) in parts {
                out += v
                if p == .day { precision = .day }
            }
            return .date(out, precision)
        case .text:
            var levels: [String] = []
            var index: [String: Int32] = [:]
            var codes: [Int32] = []
            for case .text(let c) in parts {
                let map: [Int32] = c.levels.map { level in
                    if let k = index[level] { return k }
                    let k = Int32(levels.count)
                    levels.append(level)
                    index[level] = k
                    return k
                }
                codes += c.codes.map { $0 < 0 ? -1 : map[Int($0)] }
            }
            return .text(Categorical(codes: codes, levels: levels))
        }
    }
}

/// One cell as a hashable key (for groups, distinct and joins); text by value, not code.
enum KeyPart: Hashable {
    case number(UInt64)
    case text(String)
    case missing

    init(_ data: ColumnData, _ r: Int) {
        switch data {
        case .number(let v):
            let x = v[r]
            self = x.isNaN ? .missing : .number((x == 0 ? 0 : x).bitPattern)
        case .text(let c):
            self = c.codes[r] < 0 ? .missing : .text(c.levels[Int(c.codes[r])])
        case .bool(let v):
            self = v[r] < 0 ? .missing : .number(UInt64(v[r]))
        case .date(let v, _):
            self = v[r] == ColumnData.naDay ? .missing : .number(UInt64(bitPattern: Int64(v[r])))
        }
    }
}
