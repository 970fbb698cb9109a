import PanoramaKit

/// A function of the language: its documentation and its implementation, in one place.
///
/// `.help`, tab completion and argument checking all read this, so nothing is written twice.
/// Its fields are held by reference and copied on write: every call's `CallContext` holds its
/// builtin, and copying a dozen fields (retaining each, releasing them after) cost a tenth of a
/// builtin's call in a loop.
public struct Builtin: Sendable {
    public enum Category: String, Sendable, CaseIterable {
        case language, data, math, text, dates, stats, regression, distributions, simulation, forecast, charts
    }

    private struct Fields {
        var name: String
        var category: Category
        var summary: String
        var parameters: [Parameter]
        var example: String
        var quoted: Set<String>
        var otherKeywords: String?
        var frameScope: Bool
        var implementation: @Sendable (inout CallContext) throws -> Value
        var scalar: Scalar? = nil
        var append: (@Sendable (inout String, _ values: [Value], _ parameters: [String?]) -> Bool)? = nil
    }

    private final class Box: @unchecked Sendable {
        // Changed only through `change`, on a box nothing else references.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func change(_ body: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        body(&box.fields)
    }

    public var name: String {
        get { box.fields.name }
        set { change { $0.name = newValue } }
    }
    public var category: Category {
        get { box.fields.category }
        set { change { $0.category = newValue } }
    }
    /// One line: what it does.
    public var summary: String {
        get { box.fields.summary }
        set { change { $0.summary = newValue } }
    }
    /// Parameters in positional order; keyword-only ones after.
    public var parameters: [Parameter] {
        get { box.fields.parameters }
        set { change { $0.parameters = newValue } }
    }
    /// A worked example that `.help` runs to show its real output (may be several lines).
    public var example: String {
        get { box.fields.example }
        set { change { $0.example = newValue } }
    }
    /// Keyword arguments whose expressions are passed unevaluated (e.g. `summarize`'s
    /// `name=expr`). `"*"` means every keyword not declared in `parameters`.
    public var quoted: Set<String> {
        get { box.fields.quoted }
        set { change { $0.quoted = newValue } }
    }
    /// How the keywords not declared in `parameters` read in the usage line when `quoted` holds
    /// `"*"`: `name=expr` gives `summarize(frame, by=, name=expr, …)`.
    public var otherKeywords: String? {
        get { box.fields.otherKeywords }
        set { change { $0.otherKeywords = newValue } }
    }
    /// Whether bare names in later arguments resolve to the first argument's columns when it
    /// is a frame (DESIGN §2).
    public var frameScope: Bool {
        get { box.fields.frameScope }
        set { change { $0.frameScope = newValue } }
    }
    public var implementation: @Sendable (inout CallContext) throws -> Value {
        get { box.fields.implementation }
        set { change { $0.implementation = newValue } }
    }
    /// For element-wise maths of numbers (`sqrt`, `round`…): the function on plain numbers, so
    /// compiled arithmetic calls it without binding arguments or building a `Value`
    /// (`Compiler.number`); nil for every other builtin.
    public var scalar: Scalar? {
        get { box.fields.scalar }
        set { change { $0.scalar = newValue } }
    }
    /// For a builtin whose result is its first argument's text followed by more (`paste`): adds
    /// to `text` in place what the call would add after it, given the values of the other
    /// arguments and, for each, the name of the parameter it fills (nil for the variadic one),
    /// so a compiled `s = paste(s, …)` appends to a text nothing else references instead of
    /// copying it (`Compiler.appending`). What it adds must not depend on `text` (for constant
    /// arguments it is worked out once, appended to ""). Returns false, leaving `text` as it was,
    /// when the call's result is not that (a vector, a value it does not take): the call is then
    /// made as usual.
    public var append: (@Sendable (inout String, _ values: [Value], _ parameters: [String?]) -> Bool)? {
        get { box.fields.append }
        set { change { $0.append = newValue } }
    }

    public init(_ name: String, _ category: Category, summary: String,
                parameters: [Parameter] = [], example: String = "", quoted: Set<String> = [],
                otherKeywords: String? = nil, frameScope: Bool = true,
                implementation: @escaping @Sendable (inout CallContext) throws -> Value) {
        box = Box(Fields(name: name, category: category, summary: summary, parameters: parameters, example: example,
                         quoted: quoted, otherKeywords: otherKeywords, frameScope: frameScope,
                         implementation: implementation))
    }

    /// The usage line, written from the parameters: `ols(formula, data, weights=, robust=)`.
    ///
    /// Positional parameters read `name`, keywords `name=`, each followed by its default when it
    /// has one (`level=0.95`); a variadic parameter reads as its `forms` — several forms give one
    /// call per form, joined by "or", the parameters after it shown on the last; of a run of
    /// `common` keywords only the first shows, then `…`:
    /// `bar(labels, values) or bar(frame, x, y, sort=, title=, …)`.
    public var signature: String {
        func usages(_ ps: ArraySlice<Parameter>) -> [String] {
            ps.indices.compactMap { i in
                guard ps[i].common, i > ps.startIndex, ps[i - 1].common else { return ps[i].usage }
                return i + 1 == ps.endIndex || !ps[i + 1].common ? "…" : nil
            }
        }
        let split = parameters.firstIndex { !$0.forms.isEmpty }
        let before = usages(parameters[..<(split ?? parameters.endIndex)])
        var after = split.map { usages(parameters[($0 + 1)...]) } ?? []
        if let otherKeywords { after.append(otherKeywords + ", …") }
        guard let split else { return name + "(" + (before + after).joined(separator: ", ") + ")" }
        let forms = parameters[split].forms
        return forms.enumerated().map { i, form in
            name + "(" + (before + [form] + (i == forms.count - 1 ? after : [])).joined(separator: ", ") + ")"
        }.joined(separator: " or ")
    }

    /// `usage: ols(formula, data, weights=, robust=)`
    public var usage: String { "usage: \(signature)" }
}

/// A builtin's function on plain numbers (`Builtin.scalar`): of `x` alone and, for one with a
/// numeric option (`round`'s `digits=`, `log`'s `base=`), of `x` and that option. The builtin's
/// implementation applies these same functions, so a compiled call and the call at the prompt
/// give the same numbers; a NaN result, or nil for an option the builtin refuses, leaves the
/// call to the general path, which gives its `na` or its error.
public struct Scalar: Sendable {
    public var apply: @Sendable (Double) -> Double
    /// The option's parameter name.
    public var option: String?
    public var applyWithOption: (@Sendable (Double, Double) -> Double?)?

    public init(_ apply: @escaping @Sendable (Double) -> Double) {
        self.apply = apply
    }

    public init(_ apply: @escaping @Sendable (Double) -> Double, option: String,
                _ applyWithOption: @escaping @Sendable (Double, Double) -> Double?) {
        self.apply = apply
        self.option = option
        self.applyWithOption = applyWithOption
    }
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
    /// The value used when it is not given, as the usage line shows it (`level=0.95`); nil when
    /// there is none or it depends on the other arguments.
    public var `default`: String?
    /// How a variadic parameter's arguments read in the usage line, one string per call form
    /// (`["labels, values", "frame, x, y"]`); empty: `name, …`.
    public var forms: [String]
    /// One of a family's shared keywords (the charts' `title=`, `width=`, …): the usage line
    /// shows the first of a run of them, then `…`; `.help` lists them all.
    public var common = false

    public init(_ name: String, _ summary: String = "", keywordOnly: Bool = false,
                variadic: Bool = false, required: Bool = false, values: [String] = [],
                default: String? = nil, forms: [String] = []) {
        self.name = name
        self.summary = summary
        self.keywordOnly = keywordOnly
        self.variadic = variadic
        self.required = required
        self.values = values
        self.default = `default`
        self.forms = forms
    }

    public static func required(_ name: String, _ summary: String = "") -> Parameter {
        Parameter(name, summary, required: true)
    }
    public static func keyword(_ name: String, _ summary: String = "", default: String? = nil) -> Parameter {
        Parameter(name, summary, keywordOnly: true, default: `default`)
    }
    /// A keyword a family of builtins shares (see `common`).
    public static func commonKeyword(_ name: String, _ summary: String) -> Parameter {
        var p = Parameter(name, summary, keywordOnly: true)
        p.common = true
        return p
    }
    /// A keyword taking one of `values`.
    public static func choice(_ name: String, _ summary: String, _ values: [String], default: String? = nil) -> Parameter {
        Parameter(name, summary, keywordOnly: true, values: values, default: `default`)
    }

    /// How it reads in the usage line: `data`, `level=0.95`, `weights=`, `column, …`.
    var usage: String {
        if variadic && forms.isEmpty { return name + ", …" }
        return name + (keywordOnly || `default` != nil ? "=" + (`default` ?? "") : "")
    }
}
