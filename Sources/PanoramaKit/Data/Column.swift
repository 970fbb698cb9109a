/// One typed column of a frame, or a vector value of the language.
///
/// Numbers are contiguous `[Double]` (NaN is `na`) so that statistics and LAPACK read them
/// without copies; text is dictionary-encoded; dates are day numbers (see `CivilDate`).
public struct Column: Sendable {
    /// The identifier used in code (`cout_complet_estime`).
    public var name: String
    /// The label as the source wrote it (`Coût complet estimé`), used for display.
    public var label: String
    /// A unit stripped from the cells while reading (`M€`, `%`), if any.
    public var unit: String?
    public var data: ColumnData
    /// How a table prints the column's numbers when not at their own precision (display only:
    /// CSV, JSON and computations see the numbers); kept by the verbs that keep the column.
    public var display: NumberDisplay?

    public init(name: String, label: String? = nil, unit: String? = nil, _ data: ColumnData) {
        self.name = name
        self.label = label ?? name
        self.unit = unit
        self.data = data
    }

    public var count: Int { data.count }
}

/// A number column's display in tables: a fixed number of decimals (`348`, `1.44`), or shares
/// as percentages (`0.636364` → `64 %`).
public enum NumberDisplay: Sendable, Equatable {
    case decimals(Int)
    case percent(decimals: Int)
}

/// The storage of a column.
public enum ColumnData: Sendable {
    /// Numbers; `Double.nan` is `na`.
    case number([Double])
    /// Text, dictionary-encoded.
    case text(Categorical)
    /// Booleans: 0 false, 1 true, -1 `na`.
    case bool([Int8])
    /// Day numbers (days since 1970-01-01; `Int32.min` is `na`) and the precision known.
    case date([Int32], DatePrecision)

    public static let naDay = Int32.min

    public var count: Int {
        switch self {
        case .number(let v): v.count
        case .text(let c): c.codes.count
        case .bool(let v): v.count
        case .date(let v, _): v.count
        }
    }

    /// The name of the storage type as users read it: `number`, `text`, `bool`, `date`.
    public var typeName: String {
        switch self {
        case .number: "number"
        case .text: "text"
        case .bool: "bool"
        case .date: "date"
        }
    }

    /// Whether the element at `i` is `na`.
    public func isNA(_ i: Int) -> Bool {
        switch self {
        case .number(let v): v[i].isNaN
        case .text(let c): c.codes[i] < 0
        case .bool(let v): v[i] < 0
        case .date(let v, _): v[i] == ColumnData.naDay
        }
    }

    /// Whether every element is `na` (true when there are none): such a column says nothing
    /// about its type, e.g. `na` returned where text was expected.
    public var isAllMissing: Bool { (0..<count).allSatisfy(isNA) }

    /// The elements at the given indices, in that order.
    public func gather(_ indices: [Int]) -> ColumnData {
        switch self {
        case .number(let v): .number(indices.map { v[$0] })
        case .text(let c): .text(Categorical(codes: indices.map { c.codes[$0] }, levels: c.levels))
        case .bool(let v): .bool(indices.map { v[$0] })
        case .date(let v, let p): .date(indices.map { v[$0] }, p)
        }
    }

    /// The numbers, or nil when the column is not numeric.
    public var numbers: [Double]? {
        if case .number(let v) = self { return v }
        return nil
    }
}

/// Dictionary-encoded text: `levels[codes[i]]`, code -1 is `na`.
public struct Categorical: Sendable {
    public var codes: [Int32]
    public var levels: [String]

    public init(codes: [Int32], levels: [String]) {
        self.codes = codes
        self.levels = levels
    }

    /// Encodes strings (nil is `na`), levels in order of first appearance.
    public init<S: Sequence>(_ values: S) where S.Element == String? {
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes: [Int32] = []
        for v in values {
            guard let v else { codes.append(-1); continue }
            if let c = index[v] { codes.append(c) } else {
                let c = Int32(levels.count)
                index[v] = c
                levels.append(v)
                codes.append(c)
            }
        }
        self.init(codes: codes, levels: levels)
    }

    /// The string at `i`, nil for `na`.
    public subscript(i: Int) -> String? {
        let c = codes[i]
        return c < 0 ? nil : levels[Int(c)]
    }

    public var strings: [String?] { codes.map { $0 < 0 ? nil : levels[Int($0)] } }
}
