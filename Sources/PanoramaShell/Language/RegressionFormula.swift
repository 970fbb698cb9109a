import PanoramaKit

/// A factor of a model formula as written, and how to evaluate it on data.
struct FormulaFactor: Sendable {
    enum Kind: Sendable {
        /// A column or any expression (`x`, `log(cost)`): numeric, or categorical for text/bool.
        case plain
        /// `C(x)` or `C(x, ref="level")`: always categorical.
        case categorical(reference: String?)
        /// `I(expr)`: arithmetic taken literally; numeric.
        case identity
    }
    /// The name in coefficient names: `log(cost)`, `C(phase)`, `I(x^2)`.
    var name: String
    /// What to evaluate (x for `C(x)`, the expression inside `I(…)`).
    var inner: Expr
    var kind: Kind
}

/// A formula taken apart R's way: response, factors, terms (sets of factors) and intercept.
///
/// Operators on the right-hand side: `+` adds terms, `-` removes them (`- 1` the intercept),
/// `0`/`1` drop/keep the intercept, `a:b` is the interaction, `a*b` = `a + b + a:b`,
/// `a/b` = `a + a:b`, `(a + b)^2` crosses up to degree 2. Terms are ordered by degree (main
/// effects first), as R's `terms()` does. Everything else is a factor.
struct FormulaStructure: Sendable {
    var response: FormulaFactor?
    var factors: [FormulaFactor] = []
    var terms: [ModelTerm] = []
    var intercept = true

    /// The right-hand side while expanding: terms as sorted factor indices.
    struct Expansion {
        /// In order of first appearance; `present` holds the same terms for constant-time look-ups
        /// (`(a + … + p)^8` has 39,203 terms).
        private(set) var terms: [[Int]] = []
        private var present = Set<[Int]>()
        /// Set by `1`, `0`, `- 1`: nil when the part says nothing.
        var intercept: Bool?

        init(terms: [[Int]] = [], intercept: Bool? = nil) {
            for t in terms { add(t) }
            self.intercept = intercept
        }

        mutating func add(_ t: [Int]) { if present.insert(t).inserted { terms.append(t) } }

        mutating func remove(_ other: Expansion) {
            terms.removeAll { other.present.contains($0) }
            present.subtract(other.present)
        }
    }

    init(_ formula: Formula) throws(PanoramaError) {
        if let lhs = formula.lhs { response = FormulaStructure.factor(for: lhs) }
        var expansion = Expansion()
        var me = self
        expansion = try me.expand(formula.rhs)
        self = me
        intercept = expansion.intercept ?? true
        // Main effects first, then interactions by degree; stable within a degree.
        let ordered = expansion.terms.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count < b.element.count : a.offset < b.offset
        }.map(\.element)
        terms = ordered.map { ModelTerm($0) }
    }

    static func factor(for expr: Expr) -> FormulaFactor {
        let name = ExprPrinter.text(expr)
        if case .call(let callee, let args) = expr.kind, case .name(let f) = callee.kind {
            if f == "I", args.count == 1, args[0].label == nil {
                return FormulaFactor(name: name, inner: args[0].value, kind: .identity)
            }
            if f == "C", let first = args.first, first.label == nil {
                var reference: String?
                for a in args.dropFirst() {
                    if a.label == "ref", case .string(let s) = a.value.kind { reference = s }
                }
                return FormulaFactor(name: name, inner: first.value, kind: .categorical(reference: reference))
            }
        }
        return FormulaFactor(name: name, inner: expr, kind: .plain)
    }

    mutating func index(of expr: Expr) throws(PanoramaError) -> Int {
        if case .call(let callee, let args) = expr.kind, case .name(let f) = callee.kind {
            if f == "C" {
                guard let first = args.first, first.label == nil else {
                    throw .type("C() needs a column: C(x) or C(x, ref=\"level\")", at: expr.range)
                }
                for a in args.dropFirst() {
                    guard a.label == "ref" else {
                        throw .type("C() takes a column and ref=\"level\"", at: a.range)
                    }
                    guard case .string = a.value.kind else {
                        throw .type("ref= must be a level in quotes, e.g. ref=\"Intérieur\"", at: a.value.range)
                    }
                }
            }
            if f == "I", args.count != 1 || args[0].label != nil {
                throw .type("I() takes one expression: I(x^2)", at: expr.range)
            }
        }
        let factor = FormulaStructure.factor(for: expr)
        if let i = factors.firstIndex(where: { $0.name == factor.name }) { return i }
        factors.append(factor)
        return factors.count - 1
    }

    mutating func expand(_ e: Expr) throws(PanoramaError) -> Expansion {
        switch e.kind {
        case .number(let x):
            guard x == 0 || x == 1 else {
                throw .type("a number in a formula can only be 0 or 1 (the intercept); use I(…) for arithmetic", at: e.range)
            }
            return Expansion(terms: [], intercept: x == 1)
        case .unary(.negate, let x):
            if case .number(let v) = x.kind, v == 1 || v == 0 { return Expansion(terms: [], intercept: v == 0) }
            throw .type("only the intercept can be removed at the start of a formula (- 1)", at: e.range)
        case .binary(.add, _, _), .binary(.subtract, _, _):
            // `a + b - c …` with a loop (a long generated formula must not overflow the stack).
            let chain = e.leftChain { $0 == .add || $0 == .subtract }
            var a = try expand(chain.first)
            for step in chain.steps { try combine(&a, step.op, step.right) }
            return a
        case .binary(.colon, let l, let r):
            let a = try expand(l), b = try expand(r)
            return Expansion(terms: FormulaStructure.cross(a.terms, b.terms), intercept: nil)
        case .binary(.multiply, let l, let r):
            let a = try expand(l), b = try expand(r)
            var out = a
            for t in b.terms { out.add(t) }
            for t in FormulaStructure.cross(a.terms, b.terms) { out.add(t) }
            if let i = b.intercept { out.intercept = i }
            return out
        case .binary(.divide, let l, let r):
            // Nesting: a/b = a + (all of a's factors):b.
            let a = try expand(l), b = try expand(r)
            var out = a
            let all = Array(Set(a.terms.flatMap { $0 })).sorted()
            for t in FormulaStructure.cross([all], b.terms) { out.add(t) }
            return out
        case .binary(.power, let l, let r):
            guard case .number(let k) = r.kind, k >= 1, k == k.rounded(), k <= 10 else {
                throw .type("in a formula, ^ crosses terms up to a whole degree: (a + b)^2; use I(x^2) for a square", at: e.range)
            }
            let a = try expand(l)
            var out = a
            var current = a.terms
            for _ in 1..<Int(k) {
                current = FormulaStructure.cross(current, a.terms)
                for t in current { out.add(t) }
            }
            return out
        default:
            return Expansion(terms: [[try index(of: e)]], intercept: nil)
        }
    }

    /// `a + r` or `a - r`: adds or removes `r`'s terms (`- 1`/`- 0`/`+ 0` set the intercept).
    mutating func combine(_ a: inout Expansion, _ op: BinaryOperator, _ r: Expr) throws(PanoramaError) {
        if op == .subtract, case .number(let v) = r.kind {
            guard v == 0 || v == 1 else {
                throw .type("a number in a formula can only be 0 or 1 (the intercept); use I(…) for arithmetic", at: r.range)
            }
            a.intercept = v == 0
            return
        }
        let b = try expand(r)
        if op == .add {
            for t in b.terms { a.add(t) }
            if let i = b.intercept { a.intercept = i }
        } else {
            a.remove(b)
            if b.intercept == true { a.intercept = false }
        }
    }

    /// Every union of a term from `a` with a term from `b`.
    static func cross(_ a: [[Int]], _ b: [[Int]]) -> [[Int]] {
        var out: [[Int]] = []
        var seen = Set<[Int]>()
        for x in a {
            for y in b {
                let t = Array(Set(x + y)).sorted()
                if seen.insert(t).inserted { out.append(t) }
            }
        }
        return out
    }
}

extension FormulaFactor {
    /// Evaluates the factor on `frame` (or the session's variables) into a kernel factor of
    /// `count` rows (a scalar is repeated). As the response, true/false read as 1/0 (a linear
    /// probability model, as R's `lm` does).
    func evaluate(_ ctx: CallContext, in frame: Frame?, count: Int?, response: Bool = false) throws -> ModelFactor {
        // I(x^k) with a whole k: powers in double-double, so high-degree polynomials are not
        // limited by rounding each power to a double.
        if case .identity = kind, case .binary(.power, let base, let exponent) = inner.kind,
           case .number(let k) = exponent.kind, k == k.rounded(), abs(k) >= 2, abs(k) <= 64 {
            let column = try FormulaFactor.column(try ctx.evaluate(base, in: frame), name: name, count: count, at: inner.range)
            if case .number(let xs) = column.data {
                return ModelFactor(name: name, values: ModelFactor.powerValues(xs, exponent: Int(k)))
            }
        }
        let column = try FormulaFactor.column(try ctx.evaluate(inner, in: frame), name: name, count: count, at: inner.range)
        switch (kind, column.data) {
        case (.identity, .number(let v)), (.plain, .number(let v)):
            return ModelFactor(name: name, values: .numeric(v, low: nil))
        case (.identity, .bool(let b)):
            return ModelFactor(name: name, values: .numeric(b.map { $0 < 0 ? .nan : Double($0) }, low: nil))
        case (.plain, .bool(let b)) where response:
            return ModelFactor(name: name, values: .numeric(b.map { $0 < 0 ? .nan : Double($0) }, low: nil))
        case (.identity, _):
            throw PanoramaError.type("I(…) must give numbers, not \(column.data.typeName)", at: inner.range)
        case (.plain, .text(let t)):
            return ModelFactor(name: name, values: .categorical(codes: t.codes, levels: t.levels))
        case (.plain, .bool(let b)), (.categorical, .bool(let b)):
            return ModelFactor(name: name, values: .categorical(codes: b.map { Int32($0) }, levels: ["false", "true"]),
                               reference: reference, ordered: true)
        case (.plain, .date):
            throw PanoramaError.type("'\(name)' is a date: use a number of it (e.g. a year column) or C(\(name)) for categories",
                                     at: inner.range)
        case (.categorical, .text(let t)):
            return ModelFactor(name: name, values: .categorical(codes: t.codes, levels: t.levels), reference: reference)
        case (.categorical, .number(let v)):
            // Levels in numeric order, named as numbers print.
            let distinct = Array(Set(v.filter { !$0.isNaN })).sorted()
            let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
            let format = NumberFormat(significantDigits: 15, groupSeparator: "")
            return ModelFactor(name: name, values: .categorical(codes: v.map { $0.isNaN ? -1 : position[$0]! },
                                                                levels: distinct.map { format.string($0) }),
                               reference: reference, ordered: true)
        case (.categorical, .date(let d, let precision)):
            let distinct = Array(Set(d.filter { $0 != ColumnData.naDay })).sorted()
            let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
            return ModelFactor(name: name, values: .categorical(
                codes: d.map { $0 == ColumnData.naDay ? -1 : position[$0]! },
                levels: distinct.map { CivilDate(dayNumber: Int($0)).text(precision) }), reference: reference, ordered: true)
        }
    }

    var reference: String? {
        if case .categorical(let r) = kind { return r }
        return nil
    }

    /// The value as a column of `count` rows.
    static func column(_ value: Value, name: String, count: Int?, at range: SourceRange) throws -> Column {
        guard let c = value.asColumn(name: name) else {
            throw PanoramaError.type("'\(name)' must be a column or a vector, not a \(value.kindName)", at: range)
        }
        guard let count, c.count != count else { return c }
        if c.count == 1 { return Column(name: name, c.data.gather(Array(repeating: 0, count: count))) }
        throw PanoramaError.type("'\(name)' has \(c.count) values but the data have \(count) rows", at: range)
    }
}
