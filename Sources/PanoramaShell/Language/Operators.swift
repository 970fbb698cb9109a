import Foundation
import PanoramaKit

/// Vectorised operators with broadcasting and `na` propagation.
///
/// Scalars broadcast against vectors; two vectors must have the same length (or one of them
/// length 1). Arithmetic is on numbers (bools count as 0/1); comparisons work on numbers,
/// text, dates (a string like `"2024-06"` compared with a date is read as a date) and bools.
/// Logic is Kleene's three-valued logic: `na and false` is false.
enum Operators {
    /// A typed view of a value for element-wise work.
    enum Elements {
        case numbers([Double])
        case strings([String?])
        case bools([Int8])
        case dates([Int32], DatePrecision)

        var count: Int {
            switch self {
            case .numbers(let v): v.count
            case .strings(let v): v.count
            case .bools(let v): v.count
            case .dates(let v, _): v.count
            }
        }
    }

    static func elements(_ v: Value, at range: SourceRange) throws(PanoramaError) -> (Elements, isScalar: Bool) {
        switch v {
        case .number(let x): return (.numbers([x]), true)
        case .na: return (.numbers([.nan]), true)
        case .bool(let b): return (.bools([b ? 1 : 0]), true)
        case .string(let s): return (.strings([s]), true)
        case .date(let d, let p): return (.dates([Int32(d.dayNumber)], p), true)
        case .vector(let c):
            switch c.data {
            case .number(let xs): return (.numbers(xs), false)
            case .text(let t): return (.strings(t.strings), false)
            case .bool(let b): return (.bools(b), false)
            case .date(let d, let p): return (.dates(d, p), false)
            }
        default:
            throw .type("cannot use a \(v.kindName) in an arithmetic or comparison expression", at: range)
        }
    }

    static func resultLength(_ a: Int, _ b: Int, at range: SourceRange) throws(PanoramaError) -> Int {
        if a == b { return a }
        if a == 1 { return b }
        if b == 1 { return a }
        throw .type("vectors of different lengths (\(a) and \(b))", at: range)
    }

    static func wrap(_ e: Elements, scalar: Bool, name: String = "x") -> Value {
        if scalar {
            switch e {
            case .numbers(let v): return v[0].isNaN ? .na : .number(v[0])
            case .bools(let v): return v[0] < 0 ? .na : .bool(v[0] == 1)
            case .strings(let v): return v[0].map { .string($0) } ?? .na
            case .dates(let v, let p):
                return v[0] == ColumnData.naDay ? .na : .date(CivilDate(dayNumber: Int(v[0])), p)
            }
        }
        switch e {
        case .numbers(let v): return .vector(Column(name: name, .number(v)))
        case .bools(let v): return .vector(Column(name: name, .bool(v)))
        case .strings(let v): return .vector(Column(name: name, .text(Categorical(v))))
        case .dates(let v, let p): return .vector(Column(name: name, .date(v, p)))
        }
    }

    /// Bools for logic: `na` (an all-NaN number) counts as a missing bool.
    static func logical(_ e: Elements) -> [Int8]? {
        switch e {
        case .bools(let v): v
        case .numbers(let v) where v.allSatisfy(\.isNaN): Array(repeating: -1, count: v.count)
        default: nil
        }
    }

    static func numbers(_ e: Elements) -> [Double]? {
        switch e {
        case .numbers(let v): v
        case .bools(let v): v.map { $0 < 0 ? .nan : Double($0) }
        default: nil
        }
    }

    static func typeName(_ e: Elements) -> String {
        switch e {
        case .numbers: "number"
        case .strings: "text"
        case .bools: "bool"
        case .dates: "date"
        }
    }

    // MARK: Unary

    static func unary(_ op: UnaryOperator, _ v: Value, at range: SourceRange) throws(PanoramaError) -> Value {
        let (e, scalar) = try elements(v, at: range)
        switch op {
        case .negate:
            guard let xs = numbers(e) else { throw .type("cannot negate \(typeName(e))", at: range) }
            return wrap(.numbers(xs.map { -$0 }), scalar: scalar)
        case .not:
            guard let bs = logical(e) else { throw .type("'not' needs true/false values, not \(typeName(e))", at: range) }
            return wrap(.bools(bs.map { $0 < 0 ? -1 : 1 - $0 }), scalar: scalar)
        }
    }

    // MARK: Binary

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange) throws(PanoramaError) -> Value {
        if op == .in { return try membership(a, b, at: range) }
        let (ea, sa) = try elements(a, at: range)
        var (eb, sb) = try elements(b, at: range)
        var left = ea
        // A string compared with dates is read as a date.
        if case .dates(_, let p) = ea, case .strings(let ss) = eb { eb = try datesFromStrings(ss, p, at: range) }
        if case .dates(_, let p) = eb, case .strings(let ss) = ea { left = try datesFromStrings(ss, p, at: range) }
        let n = try resultLength(left.count, eb.count, at: range)
        let scalar = sa && sb
        switch op {
        case .add, .subtract, .multiply, .divide, .remainder, .power:
            if let dated = try dateArithmetic(op, left, eb, n, at: range) { return wrap(dated, scalar: scalar) }
            guard let x = numbers(left), let y = numbers(eb) else {
                // `s + "x"` as Python writes it: say how texts are joined here.
                let join = op == .add && typeName(left) == "text" && typeName(eb) == "text" ? "; texts are joined with paste(a, b, sep=\"\")" : ""
                throw .type("cannot apply '\(op.rawValue)' to \(typeName(left)) and \(typeName(eb))" + join, at: range)
            }
            let f: (Double, Double) -> Double
            switch op {
            case .add: f = (+)
            case .subtract: f = (-)
            case .multiply: f = (*)
            case .divide: f = (/)
            case .remainder: f = { a, b in
                let r = a.truncatingRemainder(dividingBy: b)
                return r != 0 && (r < 0) != (b < 0) ? r + b : r
            }
            default: f = { pow($0, $1) }
            }
            return wrap(.numbers(broadcast(x, y, n, f)), scalar: scalar)
        case .and, .or:
            guard let x = logical(left), let y = logical(eb) else {
                throw .type("'\(op.rawValue)' needs true/false values, not \(typeName(left)) and \(typeName(eb))", at: range)
            }
            let isAnd = op == .and
            let out = broadcast(x, y, n) { (p: Int8, q: Int8) -> Int8 in
                if isAnd {
                    if p == 0 || q == 0 { return 0 }
                    return p < 0 || q < 0 ? -1 : 1
                }
                if p == 1 || q == 1 { return 1 }
                return p < 0 || q < 0 ? -1 : 0
            }
            return wrap(.bools(out), scalar: scalar)
        default:
            return wrap(.bools(try compare(op, left, eb, n, at: range)), scalar: scalar)
        }
    }

    static func datesFromStrings(_ ss: [String?], _ p: DatePrecision, at range: SourceRange) throws(PanoramaError) -> Elements {
        var out: [Int32] = []
        for s in ss {
            guard let s else { out.append(ColumnData.naDay); continue }
            guard let d = parseISODate(s) else {
                throw .type("cannot compare a date with '\(s)'; write dates as \"2024-06\" or \"2024-06-30\"", at: range)
            }
            out.append(Int32(d.dayNumber))
        }
        return .dates(out, p)
    }

    /// `2024-06` or `2024-06-30`.
    static func parseISODate(_ s: String) -> CivilDate? {
        let parts = s.split(separator: "-").map { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        let d = CivilDate(year: parts[0]!, month: parts[1]!, day: parts.count == 3 ? parts[2]! : 1)
        return d.isValid ? d : nil
    }

    static func compare(_ op: BinaryOperator, _ a: Elements, _ b: Elements, _ n: Int,
                        at range: SourceRange) throws(PanoramaError) -> [Int8] {
        func test<T>(_ x: [T], _ y: [T], isNA: (T) -> Bool, less: (T, T) -> Bool, equal: (T, T) -> Bool) -> [Int8] {
            broadcast(x, y, n) { p, q -> Int8 in
                if isNA(p) || isNA(q) { return -1 }
                let r: Bool
                switch op {
                case .equal: r = equal(p, q)
                case .notEqual: r = !equal(p, q)
                case .less: r = less(p, q)
                case .lessEqual: r = less(p, q) || equal(p, q)
                case .greater: r = less(q, p)
                default: r = less(q, p) || equal(p, q)
                }
                return r ? 1 : 0
            }
        }
        switch (a, b) {
        case (.strings(let x), .strings(let y)):
            return test(x, y, isNA: { $0 == nil }, less: { $0! < $1! }, equal: { $0 == $1 })
        case (.dates(let x, _), .dates(let y, _)):
            return test(x, y, isNA: { $0 == ColumnData.naDay }, less: { $0 < $1 }, equal: { $0 == $1 })
        case (.bools(let x), .bools(let y)) where op == .equal || op == .notEqual:
            return test(x, y, isNA: { $0 < 0 }, less: { $0 < $1 }, equal: { $0 == $1 })
        default:
            guard let x = numbers(a), let y = numbers(b) else {
                throw .type("cannot compare \(typeName(a)) with \(typeName(b))", at: range)
            }
            return test(x, y, isNA: { $0.isNaN }, less: { $0 < $1 }, equal: { $0 == $1 })
        }
    }

    static func membership(_ a: Value, _ b: Value, at range: SourceRange) throws(PanoramaError) -> Value {
        let (ea, sa) = try elements(a, at: range)
        let (eb, _) = try elements(b, at: range)
        switch (ea, eb) {
        case (.strings(let x), .strings(let y)):
            let set = Set(y.compactMap { $0 })
            return wrap(.bools(x.map { $0 == nil ? -1 : (set.contains($0!) ? 1 : 0) }), scalar: sa)
        default:
            guard let x = numbers(ea), let y = numbers(eb) else {
                throw .type("cannot test \(typeName(ea)) values 'in' \(typeName(eb)) values", at: range)
            }
            let set = Set(y.filter { !$0.isNaN })
            return wrap(.bools(x.map { $0.isNaN ? -1 : (set.contains($0) ? 1 : 0) }), scalar: sa)
        }
    }

    static func broadcast<T, U, R>(_ x: [T], _ y: [U], _ n: Int, _ f: (T, U) -> R) -> [R] {
        var out: [R] = []
        out.reserveCapacity(n)
        if x.count == n && y.count == n {
            for i in 0..<n { out.append(f(x[i], y[i])) }
        } else if x.count == 1 {
            for i in 0..<n { out.append(f(x[0], y[i])) }
        } else {
            for i in 0..<n { out.append(f(x[i], y[0])) }
        }
        return out
    }

    /// `[a, b, c]`: scalars and vectors of one type joined into a vector.
    static func combine(_ values: [Value], at range: SourceRange) throws(PanoramaError) -> Value {
        var parts: [Elements] = []
        for v in values { parts.append(try elements(v, at: range).0) }
        // The type: text if any text, else dates, else numbers (bools alone stay bools).
        let hasText = parts.contains { if case .strings = $0 { true } else { false } }
        let isNAValue: (Value) -> Bool = { if case .na = $0 { true } else { false } }
        let allBools = zip(parts, values).contains { if case .bools = $0.0 { true } else { false } }
            && zip(parts, values).allSatisfy { if case .bools = $0.0 { true } else { isNAValue($0.1) } }
        let hasDates = parts.contains { if case .dates = $0 { true } else { false } }
        let isNA: (Value) -> Bool = { if case .na = $0 { true } else { false } }
        if hasText {
            var out: [String?] = []
            for (p, v) in zip(parts, values) {
                switch p {
                case .strings(let s): out += s
                case .numbers where isNA(v): out.append(nil)
                default: throw .type("a vector holds one type; cannot mix text with \(typeName(p))", at: range)
                }
            }
            return .vector(Column(name: "x", .text(Categorical(out))))
        }
        if hasDates {
            var out: [Int32] = []
            var precision = DatePrecision.month
            for (p, v) in zip(parts, values) {
                switch p {
                case .dates(let d, let pr): out += d; if pr == .day { precision = .day }
                case .numbers where isNA(v): out.append(ColumnData.naDay)
                default: throw .type("a vector holds one type; cannot mix dates with \(typeName(p))", at: range)
                }
            }
            return .vector(Column(name: "x", .date(out, precision)))
        }
        if allBools {
            var out: [Int8] = []
            for p in parts {
                if case .bools(let b) = p { out += b } else { out.append(-1) }
            }
            return .vector(Column(name: "x", .bool(out)))
        }
        var out: [Double] = []
        for p in parts {
            guard let xs = numbers(p) else { throw .type("a vector holds one type", at: range) }
            out += xs
        }
        return .vector(Column(name: "x", .number(out)))
    }
}

