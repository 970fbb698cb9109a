import Foundation
import Testing
@testable import PanoramaKit

// The code-based verbs (GroupIndex, radix sortedIndices, joinIndex, pivot by codes) against
// straightforward references written from their definitions — comparisons of cell values,
// hashing of the values' text — on random frames with na, ties, −0, equal text levels, one row
// and no rows.

/// One cell as a comparable, hashable value for the references (nil is na).
private enum Cell: Hashable {
    case number(Double), text(String), bool(Int8), date(Int32)

    init?(_ data: ColumnData, _ r: Int) {
        switch data {
        case .number(let v): if v[r].isNaN { return nil }; self = .number(v[r] == 0 ? 0 : v[r])
        case .text(let c): guard let s = c[r] else { return nil }; self = .text(s)
        case .bool(let v): if v[r] < 0 { return nil }; self = .bool(v[r])
        case .date(let v, _): if v[r] == ColumnData.naDay { return nil }; self = .date(v[r])
        }
    }

    /// Ascending order of two present cells of one column (text folded first, then exact).
    static func less(_ a: Cell, _ b: Cell) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.bool(let x), .bool(let y)): return x < y
        case (.date(let x), .date(let y)): return x < y
        case (.text(let x), .text(let y)):
            let fx = x.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            let fy = y.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            return fx != fy ? fx < fy : x < y
        default: return false
        }
    }
}

/// -1, 0 or 1: row a of `data` before, tied with or after row b; na last in both directions.
private func compare(_ data: ColumnData, _ a: Int, _ b: Int, descending: Bool = false) -> Int {
    switch (Cell(data, a), Cell(data, b)) {
    case (nil, nil): return 0
    case (nil, _): return 1
    case (_, nil): return -1
    case (let x?, let y?):
        if Cell.less(x, y) { return descending ? 1 : -1 }
        if Cell.less(y, x) { return descending ? -1 : 1 }
        return 0
    }
}

private func referenceSort(_ f: Frame, _ keys: [(column: Int, descending: Bool)]) -> [Int] {
    Array(0..<f.rowCount).sorted { a, b in
        for k in keys {
            let c = compare(f.columns[k.column].data, a, b, descending: k.descending)
            if c != 0 { return c < 0 }
        }
        return a < b
    }
}

private func referenceGroups(_ f: Frame, _ keys: [Int]) -> [[Int]] {
    var index: [[Cell?]: Int] = [:]
    var groups: [[Int]] = []
    for r in 0..<f.rowCount {
        let key = keys.map { Cell(f.columns[$0].data, r) }
        if let g = index[key] { groups[g].append(r) } else { index[key] = groups.count; groups.append([r]) }
    }
    return groups.sorted { a, b in
        for k in keys {
            let c = compare(f.columns[k].data, a[0], b[0])
            if c != 0 { return c < 0 }
        }
        return false
    }
}

/// A random frame: numbers with −0, ±∞ and na; text with accents, case and a level written
/// twice; bools and dates with na.
private func randomFrame(rows: Int, using rng: inout some RandomNumberGenerator) -> Frame {
    let numbers: [Double] = [-1, 0, -0.0, 2.5, .nan, .infinity, -.infinity, 1e300, 7]
    let levels = ["b", "É", "a", "e", "B", "b"]        // "b" twice: one text, two codes
    return Frame(columns: [
        Column(name: "x", .number((0..<rows).map { _ in numbers.randomElement(using: &rng)! })),
        Column(name: "t", .text(Categorical(codes: (0..<rows).map { _ in Int32.random(in: -1..<Int32(levels.count), using: &rng) },
                                            levels: levels))),
        Column(name: "b", .bool((0..<rows).map { _ in Int8.random(in: -1...1, using: &rng) })),
        Column(name: "d", .date((0..<rows).map { _ in Bool.random(using: &rng) ? ColumnData.naDay : Int32.random(in: -3...3, using: &rng) }, .day)),
        Column(name: "v", .number((0..<rows).map { Double($0) })),
    ])
}

private let keySets: [[Int]] = [[0], [1], [2], [3], [1, 0], [0, 2, 3], [3, 1], [1, 2, 3, 0]]

@Test func groupsMatchAReferenceGroupingOnRandomFrames() {
    var rng = Xoshiro256StarStar(seed: 16)
    for rows in [0, 1, 2, 7, 60, 500] {
        let f = randomFrame(rows: rows, using: &rng)
        for keys in keySets {
            #expect(f.groups(by: keys) == referenceGroups(f, keys), "rows \(rows), keys \(keys)")
        }
    }
}

@Test func sortIsStableWithNALastInBothDirectionsOnRandomFrames() {
    var rng = Xoshiro256StarStar(seed: 17)
    for rows in [0, 1, 2, 9, 80, 700] {
        let f = randomFrame(rows: rows, using: &rng)
        for keys in keySets {
            for descending in [[false], [true], [true, false], [false, true, true, false]] {
                let spec = keys.enumerated().map { (column: $1, descending: descending[$0 % descending.count]) }
                #expect(f.sortedIndices(by: spec) == referenceSort(f, spec), "rows \(rows), keys \(spec)")
            }
        }
    }
}

@Test func sortOfNumbersOrdersTheIEEEValuesWithTiesInRowOrder() {
    let x = [3.5, -0.0, .nan, -2, 0, .infinity, -.infinity, 3.5, 1e-300, -1e-300]
    let f = Frame(columns: [Column(name: "x", .number(x))])
    #expect(f.sortedIndices(by: [(0, false)]) == [6, 3, 9, 1, 4, 8, 0, 7, 5, 2])
    #expect(f.sortedIndices(by: [(0, true)]) == [5, 0, 7, 8, 1, 4, 9, 3, 6, 2])
}

@Test func distinctKeepsTheFirstRowOfEachCombinationInRowOrder() {
    var rng = Xoshiro256StarStar(seed: 18)
    for rows in [0, 1, 50] {
        let f = randomFrame(rows: rows, using: &rng)
        for keys in keySets {
            let expected = referenceGroups(f, keys).map { $0[0] }.sorted()
            let kept = f.distinct(on: keys)
            for (i, k) in keys.enumerated() {
                let want = f.columns[k].data.gather(expected)
                #expect((0..<kept.rowCount).map { Cell(kept.columns[i].data, $0) } == expected.indices.map { Cell(want, $0) })
            }
            #expect(kept.rowCount == expected.count)
        }
    }
}

/// Nested loops over both sides: left rows in order, each with its matches in right order.
private func referenceJoin(_ l: Frame, _ r: Frame, keys: [Int], kind: Frame.JoinKind) -> (left: [Int], right: [Int]) {
    func matches(_ a: Int, _ b: Int) -> Bool {
        keys.allSatisfy { k in
            guard let x = Cell(l.columns[k].data, a), let y = Cell(r.columns[k].data, b) else { return false }
            return x == y
        }
    }
    var left: [Int] = [], right: [Int] = [], used = Set<Int>()
    for a in 0..<l.rowCount {
        let ms = (0..<r.rowCount).filter { matches(a, $0) }
        switch kind {
        case .semi: if !ms.isEmpty { left.append(a) }
        case .anti: if ms.isEmpty { left.append(a) }
        default:
            for m in ms { left.append(a); right.append(m); used.insert(m) }
            if ms.isEmpty, kind != .inner { left.append(a); right.append(-1) }
        }
    }
    if kind == .full { for b in 0..<r.rowCount where !used.contains(b) { left.append(-1); right.append(b) } }
    return (left, right)
}

@Test func joinMatchesNestedLoopsForEveryKindOnRandomFrames() throws {
    var rng = Xoshiro256StarStar(seed: 19)
    for (lrows, rrows) in [(0, 0), (1, 0), (0, 3), (1, 1), (40, 25), (120, 9)] {
        let l = randomFrame(rows: lrows, using: &rng)
        var r = randomFrame(rows: rrows, using: &rng)
        r.columns[4].name = "w"
        r.columns[4].data = .number((0..<rrows).map { Double(1000 + $0) })
        for keys in keySets where !keys.contains(4) {
            for kind in Frame.JoinKind.allCases {
                let out = try l.join(r, on: keys.map { l.columns[$0].name }, kind: kind)
                let expected = referenceJoin(l, r, keys: keys, kind: kind)
                let v = try #require(out.column("v")?.data.numbers)
                #expect(v.map { $0.isNaN ? -1 : Int($0) } == expected.left, "\(kind) on \(keys), \(lrows)×\(rrows)")
                if kind != .semi && kind != .anti {
                    let w = try #require(out.column("w")?.data.numbers)
                    #expect(w.map { $0.isNaN ? -1 : Int($0) - 1000 } == expected.right, "\(kind) on \(keys)")
                }
            }
        }
    }
}

@Test func pivotWiderPlacesEachValueInItsRowAndColumnInOrderOfFirstAppearance() throws {
    let long = Frame(columns: [
        Column(name: "ministry", .text(Categorical(["B", "A", "B", "A", "C", nil]))),
        Column(name: "edition", .number([14, 14, 13, 0, -0.0, .nan])),
        Column(name: "cost", .number([1, 2, 3, 4, 5, 6])),
    ])
    let wide = try long.pivotWider(namesFrom: "edition", valuesFrom: "cost")
    #expect(wide.columns.map(\.label) == ["ministry", "14", "13", "0", "na"])
    #expect(wide.columns[0].data.count == 4)
    let cells = wide.columns.dropFirst().map { $0.data.numbers ?? [] }
    #expect(cells.map { $0.map { $0.isNaN ? -1 : $0 } } == [[1, 2, -1, -1], [3, -1, -1, -1], [-1, 4, 5, -1], [-1, -1, -1, 6]])
    let twice = Frame(columns: [long.columns[0], Column(name: "edition", .number([1, 1, 1, 1, 1, 1])), long.columns[2]])
    #expect(throws: KernelError.self) { try twice.pivotWider(namesFrom: "edition", valuesFrom: "cost") }
}

@Test func descendingSortKeepsNALastAfterTheSmallestTextAndBool() {
    let f = Frame(columns: [
        Column(name: "b", .bool([1, 0, -1, 1, 0])),
        Column(name: "t", .text(Categorical(codes: [0, 1, -1, 0, 1], levels: ["a", "b"]))),
    ])
    #expect(f.sortedIndices(by: [(0, true)]) == [0, 3, 1, 4, 2])
    #expect(f.sortedIndices(by: [(1, true)]) == [1, 4, 0, 3, 2])
}

@Test func unorderedGroupsHoldTheSameRowsAsOrderedOnes() {
    var rng = Xoshiro256StarStar(seed: 21)
    for rows in [0, 1, 90] {
        let f = randomFrame(rows: rows, using: &rng)
        for keys in keySets {
            let unordered = GroupIndex(f, keys: keys, ordered: false).rowLists()
            #expect(Set(unordered) == Set(f.groups(by: keys)), "rows \(rows), keys \(keys)")
            #expect(unordered.count == f.groups(by: keys).count)
        }
    }
}
