import PanoramaKit

/// A value of the panorama language.
///
/// Scalars, typed vectors and frames are cases of their own; every richer result (a model, a
/// simulation, a distribution, a forecast, a chart…) is an `ObjectValue`, so an area adds its
/// kind of value without touching this enum.
public enum Value: Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case na
    case date(CivilDate, DatePrecision)
    /// A typed column (the language's vector).
    case vector(Column)
    case frame(Frame)
    /// An unevaluated formula `y ~ x1 + x2`.
    case formula(Formula)
    case object(any ObjectValue)

    /// The kind as users read it in messages and `.vars`: `number`, `vector`, `frame`, `model`…
    public var kindName: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .bool: "bool"
        case .na: "na"
        case .date: "date"
        case .vector: "vector"
        case .frame: "frame"
        case .formula: "formula"
        case .object(let o): o.kind
        }
    }
}

/// A rich value: knows its kind, a one-line summary, its full text and its JSON (DESIGN §4).
public protocol ObjectValue: Sendable {
    /// `model`, `simulation`, `distribution`, `forecast`, `chart`, …
    var kind: String { get }
    /// One line, used after assignment in the REPL and in `.vars`.
    func summary(_ options: RenderOptions) -> String
    /// The full rendering for `box`, `markdown` and `csv` modes.
    func render(_ options: RenderOptions) -> String
    /// The JSON document for `json` mode.
    func json(_ options: RenderOptions) -> JSON
    /// A frame view for `csv` mode and for verbs that accept tables (nil when there is none).
    var tableView: Frame? { get }
    /// `value.name` access (`m.r_squared`, `s.p80`); nil when there is no such member.
    func member(_ name: String) -> Value?
    /// The member names, for completion and did-you-mean.
    var memberNames: [String] { get }
    /// Itself when it is a user function (read by compiled calls without a dynamic cast).
    var userFunction: FunctionValue? { get }
}

extension ObjectValue {
    public var tableView: Frame? { nil }
    public func member(_ name: String) -> Value? { nil }
    public var memberNames: [String] { [] }
    public var userFunction: FunctionValue? { nil }
}

/// A value with a distribution of numbers (a distribution, a simulation's totals…), so that
/// `mean`, `sd`, `median` and `quantile` work on it as on a vector.
public protocol QuantileValue: ObjectValue {
    func quantile(_ p: Double) -> Double
    var mean: Double { get }
    var standardDeviation: Double { get }
}

/// A formula value: its syntax tree, kept unevaluated until a model uses it.
public struct Formula: Sendable {
    /// The response, nil for a one-sided formula `~ x`.
    public var lhs: Expr?
    public var rhs: Expr
    /// The formula as typed, for display (`log(cost) ~ duration + C(phase)`).
    public var text: String

    public init(lhs: Expr?, rhs: Expr, text: String) {
        self.lhs = lhs
        self.rhs = rhs
        self.text = text
    }
}
