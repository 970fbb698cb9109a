import PanoramaKit

/// Ranges `a:b` and 1-based indexing: `x[2]`, `x[2:5]`, `x[x > 3]`, `p[1:10]` (rows),
/// `l[2]`, `l["name"]` (the assignments `x[i] = v`, `f.col[rows] = v`: Interpreter+IndexAssignment.swift).
extension Interpreter {
    /// Ranges longer than this are refused (a typo like `1:1e12` would exhaust memory).
    static let maximumRangeLength = 100_000_000

    func range(_ a: Value, _ b: Value, at range: SourceRange) throws(PanoramaError) -> Value {
        guard case .number(let from) = a, case .number(let to) = b else {
            throw .type("a range a:b needs two whole numbers, not a \(a.kindName) and a \(b.kindName) (inside a formula ':' is the interaction)", at: range)
        }
        guard from.isFinite, to.isFinite, from == from.rounded(), to == to.rounded(),
              abs(from) < 9e15, abs(to) < 9e15 else {
            throw .type("a range a:b needs whole numbers, not \(NumberFormat().string(from)):\(NumberFormat().string(to))", at: range)
        }
        let lo = Int(from), hi = Int(to)
        guard abs(hi - lo) < Interpreter.maximumRangeLength else {
            throw .type("the range \(lo):\(hi) is too long (more than \(Prose.counted(Interpreter.maximumRangeLength, "value")))", at: range)
        }
        // Filled in place: `(lo...hi).map` took 8 s for 1:2e7 in a debug build, deaf to Ctrl-C.
        let count = abs(hi - lo) + 1, step = lo <= hi ? 1.0 : -1.0, first = Double(lo)
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count { buffer[k] = first + step * Double(k) }
            initialized = count
        }
        return .vector(Column(name: "x", .number(values)))
    }

    /// The 0-based positions an index selects among `count` elements. When `extending` (an
    /// assignment), numbers may also name the positions just after the end, `count + 1` on,
    /// without gaps: `x[length(x) + 1] = v` appends.
    func positions(_ index: Value, count: Int, of what: String, unit: String = "value", extending: Bool = false,
                   at range: SourceRange) throws(PanoramaError) -> (positions: [Int], single: Bool) {
        guard let c = index.asColumn() else {
            throw .type("an index must be numbers or true/false values, not a \(index.kindName)", at: range)
        }
        let single: Bool
        if case .vector = index { single = false } else { single = true }
        switch c.data {
        case .number(let xs):
            var out: [Int] = []
            out.reserveCapacity(xs.count)
            for x in xs {
                guard x == x.rounded() else {
                    // All the digits: 2.0000000001 is not "2".
                    let shown = NumberFormat().string(x)
                    throw .type("an index must be whole numbers, not \(x.isNaN ? "na" : Double(shown) == x ? shown : "\(x)")", at: range)
                }
                guard x >= 1 && x <= Double(count + (extending ? xs.count : 0)) else {
                    throw outOfRange(x, count: count, of: what, unit: unit, extending: extending, at: range)
                }
                let i = Int(x)
                out.append(i - 1)
            }
            if extending, let gap = firstGap(out, after: count) {
                throw outOfRange(Double(gap + 1), count: count, of: what, unit: unit, extending: true, at: range)
            }
            return (out, single)
        case .bool(let mask):
            guard mask.count == count else {
                throw .type("a true/false index needs one value per element: \(what) has \(count), the index \(mask.count)", at: range)
            }
            // As `where`: a position whose condition is na is left out, and a note says so.
            let unknown = mask.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            if unknown > 0 { note("the index left out \(Prose.counted(unknown, unit)) where the condition is na") }
            return (mask.indices.filter { mask[$0] == 1 }, false)
        default:
            throw .type("an index must be numbers or true/false values, not \(c.data.typeName)", at: range)
        }
    }

    private func outOfRange(_ x: Double, count: Int, of what: String, unit: String, extending: Bool, at range: SourceRange) -> PanoramaError {
        let i = abs(x) < 9e15 ? "\(Int(x))" : "\(x)"
        let valid = extending ? "assign to 1 to \(count + 1) (\(count + 1) appends; gaps are not filled with na)"
            : count == 0 ? "it is empty" : "valid indexes are 1 to \(count)"
        // R's x[0] (nothing) and x[-i] (all but i) have no meaning here: say so rather than only "out of range".
        let reading = x == 0 ? " (indexes start at 1)"
            : x < 0 ? " (negative indexes do not drop elements as in R: take the others with a range or a condition)" : ""
        return .type("index \(i) is out of range: \(what) has \(Prose.counted(count, unit)); \(valid)\(reading)", at: range)
    }

    /// The highest position past the end when those positions leave a gap after `count` (nil
    /// when they are exactly `count`, `count + 1`, …, or there are none).
    private func firstGap(_ positions: [Int], after count: Int) -> Int? {
        let beyond = Set(positions.filter { $0 >= count })
        guard let highest = beyond.max(), highest >= count + beyond.count else { return nil }
        return highest
    }

    func index(_ value: Value, _ index: Value, at range: SourceRange) throws(PanoramaError) -> Value {
        switch value {
        case .vector(let c):
            let (p, single) = try positions(index, count: c.count, of: "the vector", at: range)
            if single { return c.element(p[0]) }
            var out = c
            out.data = c.data.gather(p)
            return .vector(out)
        case .frame(let f):
            // pandas' p["cost"] and R's p[["cost"]] take a column: say how it is written here.
            if let name = index.asColumn().flatMap({ c -> String? in if case .text(let t) = c.data { t.strings.first ?? nil } else { nil } }) {
                throw .type("a frame's [ ] takes rows (by number or condition); for the column '\(name)' write p.\(name) or column(p, \"\(name)\")", at: range)
            }
            let (p, _) = try positions(index, count: f.rowCount, of: "the frame", unit: "row", at: range)
            return .frame(f.rows(p))
        case .object(let list as ListValue):
            return try list.index(index, interpreter: self, at: range)
        case .number, .string, .bool, .date, .na:
            if case .string = value, case .number(let i) = index, i != 1 {
                throw .type("a text is one value, not its characters; substr(x, start, stop) takes characters", at: range)
            }
            guard let c = value.asColumn() else { break }
            return try self.index(.vector(c), index, at: range)
        default: break
        }
        throw .type("a \(value.kindName) cannot be indexed with [ ]; index a vector, a frame's rows or a list", at: range)
    }
}

extension Categorical {
    /// `other`'s codes in this encoding, its levels not yet here added at the end (looked for
    /// from the end, where a loop's recent values are; a dictionary when there are many).
    mutating func adding(_ other: Categorical) -> [Int32] {
        var mapped = [Int32](repeating: -1, count: other.levels.count)
        let index: [String: Int32]? = other.levels.count > 8
            ? Dictionary(levels.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a }) : nil
        for (k, level) in other.levels.enumerated() {
            if let found = index.map({ $0[level] }) ?? levels.lastIndex(of: level).map(Int32.init) {
                mapped[k] = found
            } else {
                mapped[k] = Int32(levels.count)
                levels.append(level)
            }
        }
        return other.codes.map { $0 < 0 ? -1 : mapped[Int($0)] }
    }
}
