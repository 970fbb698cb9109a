import PanoramaKit

/// A chart as a value of the language: its data and parameters, drawn anew each time it is
/// printed so that `.width`, `.charset` and `.color` apply.
///
/// JSON (DESIGN §4): `{"kind": "chart", "type": "hist", "text": "…"}` with the text drawn
/// without colour.
public struct ChartValue: ObjectValue {
    /// `hist`, `bar`, `line`, `scatter`, `box`, `scurve`, `tornado`, `fan`, `waterfall`.
    public let type: String
    public let chart: any ChartRenderer
    /// What the summary says after the type: `of 1,000 values`.
    public let description: String
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    /// Overrides of the session's width and of the default height.
    public var width: Int?
    public var height: Int?
    public var xscale: AxisScale = .linear
    public var yscale: AxisScale = .linear

    public init(type: String, chart: any ChartRenderer, description: String) {
        self.type = type
        self.chart = chart
        self.description = description
    }

    public var kind: String { "chart" }

    /// The default plot height for a width: a fifth of it, between 10 and 20 rows.
    public static func defaultHeight(width: Int) -> Int { min(20, max(10, width / 5)) }

    public func layout(_ options: RenderOptions) -> ChartLayout {
        let w = width ?? options.width
        var layout = ChartLayout(options, height: height ?? ChartValue.defaultHeight(width: w))
        layout.width = w
        layout.title = title
        layout.xlabel = xlabel
        layout.ylabel = ylabel
        layout.xscale = xscale
        layout.yscale = yscale
        return layout
    }

    public func render(_ options: RenderOptions) -> String { chart.render(layout(options)) }

    public func summary(_ options: RenderOptions) -> String {
        "chart \(type) " + description + (title.map { ": \($0)" } ?? "")
    }

    public func json(_ options: RenderOptions) -> JSON {
        var plain = options
        plain.color = false
        return .object([("kind", .string("chart")), ("type", .string(type)), ("text", .string(render(plain)))])
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "type": return .string(type)
        case "title": return title.map { .string($0) } ?? .na
        default: return nil
        }
    }

    public var memberNames: [String] { ["type", "title"] }
}
