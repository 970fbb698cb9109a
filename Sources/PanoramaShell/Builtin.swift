import PanoramaKit

/// A function of the language: its documentation and its implementation, in one place.
///
/// `.help`, tab completion and argument checking all read this, so nothing is written twice.
public struct Builtin: Sendable {
    public enum Category: String, Sendable, CaseIterable {
        case language, data, math, text, dates, stats, regression, distributions, simulation, forecast, charts
    }

    public var name: String
    public var category: Category
    /// The usage line: `ols(formula, data, weights=, robust=)`.
    public var signature: String
    /// One line: what it does.
    public var summary: String
    /// Parameters in positional order; keyword-only ones after.
    public var parameters: [Parameter]
    /// A worked example that `.help` runs to show its real output (may be several lines).
    public var example: String
    /// Keyword arguments whose expressions are passed unevaluated (e.g. `summarize`'s
    /// `name=expr`). `"*"` means every keyword not declared in `parameters`.
    public var quoted: Set<String>
    /// Whether bare names in later arguments resolve to the first argument's columns when it
    /// is a frame (DESIGN §2).
    public var frameScope: Bool
    public var implementation: @Sendable (inout CallContext) throws -> Value

    public init(_ name: String, _ category: Category, signature: String, summary: String,
                parameters: [Parameter] = [], example: String = "", quoted: Set<String> = [],
                frameScope: Bool = true,
                implementation: @escaping @Sendable (inout CallContext) throws -> Value) {
        self.name = name
        self.category = category
        self.signature = signature
        self.summary = summary
        self.parameters = parameters
        self.example = example
        self.quoted = quoted
        self.frameScope = frameScope
        self.implementation = implementation
    }

    /// `usage: ols(formula, data, weights=, robust=)`
    public var usage: String { "usage: \(signature)" }
}

/// One parameter of a builtin.
public struct Parameter: Sendable {
    public var name: String
    public var summary: String
    /// Only accepted as `name=value`.
    public var keywordOnly: Bool
    /// Takes every remaining positional argument (`line(x, y…)`).
    public var variadic: Bool
    /// Must be given.
    public var required: Bool
    /// The strings it accepts, when they are a fixed set (`copula=`: gaussian, t, iman-conover):
    /// TAB completes them inside the quotes.
    public var values: [String]

    public init(_ name: String, _ summary: String = "", keywordOnly: Bool = false,
                variadic: Bool = false, required: Bool = false, values: [String] = []) {
        self.name = name
        self.summary = summary
        self.keywordOnly = keywordOnly
        self.variadic = variadic
        self.required = required
        self.values = values
    }

    public static func required(_ name: String, _ summary: String = "") -> Parameter {
        Parameter(name, summary, required: true)
    }
    public static func keyword(_ name: String, _ summary: String = "") -> Parameter {
        Parameter(name, summary, keywordOnly: true)
    }
    /// A keyword taking one of `values`.
    public static func choice(_ name: String, _ summary: String, _ values: [String]) -> Parameter {
        Parameter(name, summary, keywordOnly: true, values: values)
    }
}
