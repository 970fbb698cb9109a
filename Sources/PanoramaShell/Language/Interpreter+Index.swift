import PanoramaKit

/// Ranges `a:b` and 1-based indexing: `x[2]`, `x[2:5]`, `x[x > 3]`, `p[1:10]` (rows),
/// `l[2]`, `l["name"]`, and the assignments `x[i] = v`, `f.col[rows] = v`.
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

    /// `x[i] = v` and `f.col[rows] = v`.
    func assignIndex(_ target: Expr, _ indexExpr: Expr, _ valueExpr: Expr, scope: Frame?) throws(PanoramaError) -> Value {
        let value = try evaluate(valueExpr, scope: scope)
        switch target.kind {
        case .name(let name):
            guard let current = environment.lookup(name) else {
                throw .unknownName(name, suggestion: suggestion(for: name, among: environment.visibleNames), at: target.range)
            }
            let updated: Value
            if case .object(let list as ListValue) = current {
                updated = .object(try list.replacing(try evaluate(indexExpr, scope: scope), with: value, interpreter: self, at: indexExpr.range))
            } else {
                guard let column = current.asColumn(name: name) else {
                    throw .type("'\(name)' is a \(current.kindName); only a vector or list can be assigned by index", at: target.range)
                }
                let i = try evaluate(indexExpr, scope: scope)
                updated = .vector(try replaced(column, i, value, of: "'\(name)'", extending: true, at: indexExpr.range,
                                               valueRange: valueExpr.range))
            }
            try assign(name, updated, at: target.range)
            return value
        case .member(let frameExpr, let columnName):
            guard case .name(let frameName) = frameExpr.kind, case .frame(var frame)? = environment.lookup(frameName) else {
                throw .type("'\(ExprPrinter.text(frameExpr))' is not a frame variable", at: frameExpr.range)
            }
            guard let column = frame.column(columnName) else {
                let near = suggestion(for: columnName, among: frame.names)
                // A new column cannot be made row by row (R's p$new[1] = v fills the rest with NA): say how.
                guard near != nil else {
                    throw .type("no column named '\(columnName)' in '\(frameName)'; make it first (\(frameName).\(columnName) = na), then assign to its rows", at: target.range)
                }
                throw .unknownColumn(columnName, suggestion: near, at: target.range)
            }
            let i = try evaluate(indexExpr, scope: frame)
            frame.setColumn(try replaced(column, i, value, of: "'\(frameName).\(columnName)'", at: indexExpr.range, valueRange: valueExpr.range))
            set(frameName, .frame(frame))
            return value
        default:
            throw .syntax("can only assign to x[i] or frame.column[rows]", at: target.range)
        }
    }

    /// `column` with the positions `index` selects set to `value`; when `extending` (a vector
    /// variable, not a frame's column) positions just past the end grow it.
    func replaced(_ column: Column, _ index: Value, _ value: Value, of what: String, extending: Bool = false,
                  at range: SourceRange, valueRange: SourceRange) throws(PanoramaError) -> Column {
        let (p, _) = try positions(index, count: column.count, of: what, extending: extending, at: range)
        guard let v = value.asColumn() else {
            throw .type("cannot store a \(value.kindName) in a vector", at: valueRange)
        }
        guard v.count == 1 || v.count == p.count else {
            throw .type("\(Prose.counted(p.count, "position")) selected but \(Prose.counted(v.count, "value")) given", at: valueRange)
        }
        func source(_ k: Int) -> Int { v.count == 1 ? 0 : k }
        var out = column.extended(to: (p.max() ?? -1) + 1)
        // A column of na only (`p.flag = na`) takes the type of the first values stored in it.
        if out.data.isAllMissing, v.data.typeName != out.data.typeName { out.data = ColumnData.missing(like: v.data, count: out.count) }
        let allMissing = (0..<v.count).allSatisfy { v.data.isNA($0) }
        switch (out.data, v.data) {
        case (.number(var xs), .number(let ys)):
            for (k, i) in p.enumerated() { xs[i] = ys[source(k)] }
            out.data = .number(xs)
        case (.bool(var xs), .bool(let ys)):
            for (k, i) in p.enumerated() { xs[i] = ys[source(k)] }
            out.data = .bool(xs)
        case (.date(var xs, let precision), .date(let ys, let given)):
            for (k, i) in p.enumerated() { xs[i] = ys[source(k)] }
            // A day stored among months makes them days (as [a, b] does), rather than losing its day.
            out.data = .date(xs, given == .day ? .day : precision)
        case (.text(var t), _) where allMissing || v.data.typeName == out.data.typeName:
            // The codes are set in place, the value's levels found or added: re-encoding every
            // string made a loop of s[i] = "…" quadratic (20,000 turns took 30 s).
            var given = [Int32](repeating: -1, count: v.count)
            if case .text(let u) = v.data { given = t.adding(u) }
            for (k, i) in p.enumerated() { t.codes[i] = given[source(k)] }
            out.data = .text(t)
        case (.bool(var xs), _) where allMissing:
            for i in p { xs[i] = -1 }
            out.data = .bool(xs)
        case (.date(var xs, let precision), _) where allMissing:
            for i in p { xs[i] = ColumnData.naDay }
            out.data = .date(xs, precision)
        default:
            // R would turn the whole vector into text; here the conversion is written out.
            let convert = switch (v.data, column.data) {
            case (.text, .date): "; read it as a date first with as_date(…)"
            case (.text, _): "; convert it first with as_text(…)"
            case (_, .text): "; convert the value with as_text(…)"
            default: ""
            }
            throw .type("cannot store \(v.data.typeName) in \(what), which holds \(column.data.typeName)\(convert)", at: valueRange)
        }
        return out
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

extension Column {
    /// The column with `na` appended up to `count` elements (itself when it is that long).
    func extended(to count: Int) -> Column {
        let extra = count - self.count
        guard extra > 0 else { return self }
        var out = self
        switch data {
        case .number(let v): out.data = .number(v + repeatElement(.nan, count: extra))
        case .text(let c): out.data = .text(Categorical(codes: c.codes + repeatElement(-1, count: extra), levels: c.levels))
        case .bool(let v): out.data = .bool(v + repeatElement(-1, count: extra))
        case .date(let v, let p): out.data = .date(v + repeatElement(ColumnData.naDay, count: extra), p)
        }
        return out
    }
}
