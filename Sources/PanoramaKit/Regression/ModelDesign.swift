import Foundation
import LinearAlgebra

/// One factor of a model formula, evaluated on the data: a numeric variable or a categorical one.
///
/// `log(cost)` is numeric; a text column, a bool column or `C(x)` is categorical.
public struct ModelFactor: Sendable {
    public enum Values: Sendable {
        /// Numbers (NaN is `na`), with optional low-order parts for values known beyond double
        /// precision (a power `I(x^k)` computed in double-double).
        case numeric([Double], low: [Double]?)
        /// Level codes (−1 is `na`) into `levels`.
        case categorical(codes: [Int32], levels: [String])
    }

    /// The name used in coefficient names: `log(cost)`, `phase`, `C(phase)`.
    public var name: String
    public var values: Values
    /// For a categorical factor, the level to leave out in treatment coding (default: the first
    /// level in sorted order).
    public var reference: String?
    /// Whether a categorical factor's levels are already in their natural order (numbers,
    /// booleans, dates); text levels are sorted.
    public var ordered: Bool

    public init(name: String, values: Values, reference: String? = nil, ordered: Bool = false) {
        self.name = name
        self.values = values
        self.reference = reference
        self.ordered = ordered
    }

    /// The values xᵏ of a power term `I(x^k)`, computed in double-double so that the design
    /// keeps what rounding each power to a double would lose (NaN stays NaN).
    public static func powerValues(_ x: [Double], exponent k: Int) -> Values {
        var hi = [Double](repeating: .nan, count: x.count), lo = hi
        for (i, v) in x.enumerated() where !v.isNaN {
            let p = DoubleDouble.power(v, k)
            hi[i] = p.hi.isFinite ? p.hi : Foundation.pow(v, Double(k))
            lo[i] = p.hi.isFinite ? p.lo : 0
        }
        return .numeric(hi, low: lo)
    }

    public var count: Int {
        switch values {
        case .numeric(let v, _): v.count
        case .categorical(let c, _): c.count
        }
    }

    func isNA(_ i: Int) -> Bool {
        switch values {
        case .numeric(let v, _): v[i].isNaN
        case .categorical(let c, _): c[i] < 0
        }
    }
}

/// A term of a formula: the factors multiplied together (`a:b`), by index into the factor list.
public struct ModelTerm: Sendable, Hashable {
    public var factors: [Int]
    public init(_ factors: [Int]) { self.factors = factors }
}

/// How each factor and term became design columns, kept so that new data is coded identically
/// (`predict`).
public struct DesignCoding: Sendable {
    public enum FactorCoding: Sendable {
        case numeric
        /// Levels in order (sorted, or natural for numbers, booleans and dates) and the one left
        /// out by treatment contrasts.
        case categorical(levels: [String], reference: String)
    }
    public var factorNames: [String]
    public var factors: [FactorCoding]
    public var terms: [ModelTerm]
    /// For each term, for each of its factors: whether a categorical factor is coded by
    /// treatment contrasts (k − 1 columns) rather than by k indicators.
    public var contrasts: [[Bool]]
    public var intercept: Bool

    /// The number of design columns, counted before they are built (saturating at `Int.max`).
    public var columnCount: Int {
        var count = intercept ? 1 : 0
        for (t, term) in terms.enumerated() {
            var width = 1
            for (j, k) in term.factors.enumerated() {
                if case .categorical(let levels, _) = factors[k] { width = MemoryBudget.bytes(width, levels.count - (contrasts[t][j] ? 1 : 0)) }
            }
            let (sum, overflow) = count.addingReportingOverflow(width)
            count = overflow ? Int.max : sum
        }
        return count
    }
}

/// The design matrix of a model and what it was built from.
public struct ModelDesign: Sendable {
    /// X, rows used × columns.
    public var matrix: Matrix
    /// Low-order parts of X when some factor carries them.
    public var matrixLow: Matrix?
    public var response: [Double]
    public var weights: [Double]?
    /// Column names: `(Intercept)`, `log(duration)`, `C(phase)[T.Déploiement]`, `x:z`.
    public var columnNames: [String]
    /// For each column, the index of its term (−1 for the intercept).
    public var columnTerms: [Int]
    /// Term names: `log(duration)`, `C(phase)`, `x:z`.
    public var termNames: [String]
    /// Indices of the input rows used (those with no `na` in any variable of the model).
    public var rows: [Int] {
        get { selectedRows ?? Array(0..<matrix.rows) }
        set { selectedRows = newValue }
    }
    /// The rows used when some were dropped; nil when all were (no index array to build).
    var selectedRows: [Int]?
    /// How many input rows were dropped for `na`.
    public var droppedRows: Int
    /// How many input rows were left out for a weight of 0 (R's reading of a zero weight).
    public var zeroWeightRows = 0
    public var coding: DesignCoding

    public var interceptColumn: Int? { coding.intercept ? 0 : nil }

    /// Builds the design: drops rows with `na` in the response, any factor or the weights,
    /// codes categorical factors (levels sorted, treatment contrasts where the term's margin is
    /// already in the model, as R does), and forms interaction columns.
    /// - Throws: `RegressionError` for infinite values, bad weights, unknown reference levels or
    ///   no rows left.
    public static func build(response: ModelFactor, factors: [ModelFactor], terms: [ModelTerm],
                             intercept: Bool, weights: [Double]? = nil) throws -> ModelDesign {
        let n = response.count
        for f in factors where f.count != n {
            throw RegressionError("'\(f.name)' has \(f.count) values but '\(response.name)' has \(n)")
        }
        if let weights, weights.count != n {
            throw RegressionError("the weights have \(weights.count) values but '\(response.name)' has \(n)")
        }
        guard case .numeric(let y, _) = response.values else {
            throw RegressionError("the response '\(response.name)' must be numeric")
        }
        let used = Set(terms.flatMap(\.factors))
        // Rows with every variable present. A column with no NaN or ±∞ (the usual case) costs
        // one pass; only columns that have some are looked at row by row.
        var keep: [Bool]?
        func drop(_ i: Int) {
            if keep == nil { keep = [Bool](repeating: true, count: n) }
            keep![i] = false
        }
        var numeric: [(name: String, values: [Double])] = [(response.name, y)]
        for k in used.sorted() {
            switch factors[k].values {
            case .numeric(let v, _): numeric.append((factors[k].name, v))
            case .categorical(let codes, _):
                if codes.contains(where: { $0 < 0 }) { for i in 0..<n where codes[i] < 0 { drop(i) } }
            }
        }
        var unusual = numeric.filter { !ModelDesign.allFinite($0.values) }
        if let weights, !ModelDesign.allFinite(weights) { unusual.append(("weights", weights)) }
        for (_, values) in unusual { for i in 0..<n where values[i].isNaN { drop(i) } }
        // A weight of 0 leaves its row out, as in R: n and the degrees of freedom count only
        // rows of positive weight.
        var zeroWeights = 0
        if let weights {
            let present: (Int) -> Bool = { keep?[$0] ?? true }
            let bad = (0..<n).filter { present($0) && (!(weights[$0] >= 0) || weights[$0].isInfinite) }
            if let first = bad.first {
                throw RegressionError("weights must be zero or positive and finite; \(bad.count) \(bad.count == 1 ? "is" : "are") not "
                                      + "(row \(first + 1): \(String(format: "%g", weights[first]))\(bad.count > 1 ? ", …" : ""))")
            }
            for i in 0..<n where weights[i] == 0 && present(i) {
                drop(i)
                zeroWeights += 1
            }
        }
        let selected: [Int]? = keep.map { keep in (0..<n).filter { keep[$0] } }
        let kept: (Int) -> Bool = { keep?[$0] ?? true }
        for (name, values) in unusual where name != "weights" {
            let bad = (0..<n).lazy.filter { kept($0) && values[$0].isInfinite }.count
            if bad > 0 {
                throw RegressionError("'\(name)' is infinite in \(bad) row\(bad == 1 ? "" : "s") (log of 0?); drop those rows first")
            }
        }
        let rowCount = selected?.count ?? n
        guard rowCount > 0 else {
            throw RegressionError(n == 0 ? "the data have no rows"
                : zeroWeights > 0 ? "no rows left: every row has na in a variable of the model or a weight of 0"
                : "no rows left: every row has na in a variable of the model")
        }
        // Factor codings from the rows used.
        var codings: [DesignCoding.FactorCoding] = []
        for f in factors {
            switch f.values {
            case .numeric: codings.append(.numeric)
            case .categorical(let codes, let levels):
                var present = Set<Int32>()
                if let selected {
                    for i in selected { present.insert(codes[i]) }
                } else {
                    for c in codes { present.insert(c) }
                }
                guard !present.isEmpty else { throw RegressionError("'\(f.name)' has no values") }
                let names = f.ordered ? present.sorted().map { levels[Int($0)] }
                    : present.map { levels[Int($0)] }.sorted(by: levelOrder)
                var reference = names[0]
                if let r = f.reference {
                    guard names.contains(r) else {
                        let shown = names.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
                        throw RegressionError("'\(r)' is not a level of '\(f.name)' (levels: \(shown)\(names.count > 8 ? ", …" : ""))")
                    }
                    reference = r
                }
                codings.append(.categorical(levels: names, reference: reference))
            }
        }
        // Contrasts or indicators, term by term (R's rule: contrasts when the term without the
        // factor is already spanned).
        var spanned = Set<Set<Int>>()
        if intercept { spanned.insert([]) }
        var contrasts: [[Bool]] = []
        for term in terms {
            let set = Set(term.factors)
            var flags: [Bool] = []
            for k in term.factors {
                if case .categorical = codings[k] {
                    let margin = set.subtracting([k])
                    let c = spanned.contains(margin)
                    flags.append(c)
                    if !c { spanned.insert(margin) }
                } else {
                    flags.append(false)
                }
            }
            spanned.insert(set)
            contrasts.append(flags)
        }
        let coding = DesignCoding(factorNames: factors.map(\.name), factors: codings, terms: terms,
                                  contrasts: contrasts, intercept: intercept)
        try MemoryBudget.current.check(MemoryBudget.bytes(MemoryBudget.bytes(rowCount, coding.columnCount), 24),
                                       for: "the design matrix (\(rowCount) rows × \(coding.columnCount) columns)",
                                       hint: "use fewer terms or categories (lump rare levels, drop interactions)")
        var design = try coding.matrix(factors: factors, selecting: selected, count: rowCount, rows: selected)
        design.response = selected.map { rows in rows.map { y[$0] } } ?? y
        design.weights = weights.map { w in selected.map { rows in rows.map { w[$0] } } ?? w }
        design.droppedRows = n - rowCount - zeroWeights
        design.zeroWeightRows = zeroWeights
        return design
    }

    /// Whether every value is finite (no NaN, no ±∞), in one branch-free pass.
    static func allFinite(_ values: [Double]) -> Bool {
        values.withUnsafeBufferPointer { v in
            var bad = false
            for x in v { bad = bad || !x.isFinite }
            return !bad
        }
    }

    /// Sorted order for levels: accents and case folded first (so `Étude` sorts with `E`),
    /// then the raw text.
    static func levelOrder(_ a: String, _ b: String) -> Bool {
        let fa = a.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let fb = b.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return fa != fb ? fa < fb : a < b
    }
}

extension DesignCoding {
    /// The columns of one factor as coded in `term` position: (names, values per row).
    func factorColumns(_ k: Int, contrast: Bool, factor: ModelFactor, rows selecting: [Int]?, count: Int) throws
        -> [(name: String, values: [Double], low: [Double]?)] {
        switch (factors[k], factor.values) {
        case (.numeric, .numeric(let v, let low)):
            guard let selecting else { return [(factorNames[k], v, low)] }
            return [(factorNames[k], selecting.map { v[$0] }, low.map { l in selecting.map { l[$0] } })]
        case (.categorical(let levels, let reference), .categorical(let codes, let inputLevels)):
            // Map the input's codes to this coding's level positions.
            let position = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
            var map = [Int](repeating: -1, count: inputLevels.count)
            for (c, name) in inputLevels.enumerated() { map[c] = position[name] ?? -1 }
            let rows = selecting ?? Array(0..<count)
            var out: [(String, [Double], [Double]?)] = []
            for (target, level) in levels.enumerated() where !(contrast && level == reference) {
                let values = rows.map { i -> Double in
                    let c = codes[i]
                    if c < 0 { return .nan }
                    return map[Int(c)] == target ? 1 : 0
                }
                out.append((factorNames[k] + (contrast ? "[T.\(level)]" : "[\(level)]"), values, nil))
            }
            // Levels unseen when fitting.
            for i in rows where codes[i] >= 0 && map[Int(codes[i])] < 0 {
                throw RegressionError("level '\(inputLevels[Int(codes[i])])' of '\(factorNames[k])' was not in the data the model was fitted on")
            }
            return out
        case (.numeric, .categorical):
            throw RegressionError("'\(factorNames[k])' was numeric when the model was fitted but is text here")
        case (.categorical, .numeric):
            throw RegressionError("'\(factorNames[k])' was categorical when the model was fitted but is numeric here")
        }
    }

    /// The design columns for the given rows of `factors` (evaluated the same way as when fitting).
    public func matrix(factors input: [ModelFactor], rows: [Int]) throws -> ModelDesign {
        let all = rows.count == input.first?.count && rows.last == rows.count - 1
        return try matrix(factors: input, selecting: all ? nil : rows, count: rows.count, rows: all ? nil : rows)
    }

    /// The design columns; `selecting` nil means every row in order (no gather).
    func matrix(factors input: [ModelFactor], selecting: [Int]?, count m: Int, rows: [Int]?) throws -> ModelDesign {
        var names: [String] = []
        var termOf: [Int] = []
        var columns: [[Double]] = []
        var lows: [[Double]?] = []
        if intercept {
            names.append("(Intercept)")
            termOf.append(-1)
            columns.append(Array(repeating: 1, count: m))
            lows.append(nil)
        }
        for (t, term) in terms.enumerated() {
            // Product of the factors' columns, first factor varying fastest (R's order).
            var parts: [(name: String, values: [Double]?, low: [Double]?)] = [("", nil, nil)]
            for (position, k) in term.factors.enumerated() {
                let cols = try factorColumns(k, contrast: contrasts[t][position], factor: input[k], rows: selecting, count: m)
                var next: [(name: String, values: [Double]?, low: [Double]?)] = []
                for c in cols {
                    for p in parts {
                        let name = p.name.isEmpty ? c.name : p.name + ":" + c.name
                        let values = p.values.map { zip($0, c.values).map { $0 * $1 } } ?? c.values
                        // Low parts survive only for a single numeric factor (I(x^k)).
                        let low = term.factors.count == 1 ? c.low : nil
                        next.append((name, values, low))
                    }
                }
                parts = next
            }
            for p in parts {
                names.append(p.name)
                termOf.append(t)
                columns.append(p.values ?? Array(repeating: 1, count: m))
                lows.append(p.low)
            }
        }
        let x = Matrix(columns: columns, rows: m)
        columns = []
        let low: Matrix? = lows.contains { $0 != nil }
            ? Matrix(columns: lows.map { $0 ?? Array(repeating: 0, count: m) }, rows: m) : nil
        let termNames = terms.map { $0.factors.map { factorNames[$0] }.joined(separator: ":") }
        return ModelDesign(matrix: x, matrixLow: low, response: [], weights: nil, columnNames: names,
                           columnTerms: termOf, termNames: termNames, selectedRows: rows, droppedRows: 0, coding: self)
    }
}
