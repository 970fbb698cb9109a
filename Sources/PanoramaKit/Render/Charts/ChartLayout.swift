/// What every chart shares: its size, its words and the glyphs it may use.
///
/// `width` is the whole chart's width in columns (labels included); `height` is the number of
/// rows of the plotting area (title, axes and footnotes come on top of it).
public struct ChartLayout: Sendable {
    public var width: Int
    public var height: Int
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    public var xscale: AxisScale
    public var yscale: AxisScale
    public var charset: RenderOptions.Charset
    /// ANSI colour for series, bands and markers.
    public var color: Bool
    public var numbers: NumberFormat

    public init(width: Int = 80, height: Int = 15, title: String? = nil, xlabel: String? = nil,
                ylabel: String? = nil, xscale: AxisScale = .linear, yscale: AxisScale = .linear,
                charset: RenderOptions.Charset = .unicode, color: Bool = false,
                numbers: NumberFormat = NumberFormat()) {
        self.width = width
        self.height = height
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.xscale = xscale
        self.yscale = yscale
        self.charset = charset
        self.color = color
        self.numbers = numbers
    }

    /// The layout of a session's render options: its width, charset and colour.
    public init(_ options: RenderOptions, height: Int = 15) {
        self.init(width: options.width, height: height, charset: options.charset, color: options.color,
                  numbers: options.numbers)
    }

    var ascii: Bool { charset == .ascii }
    var glyphs: ChartGlyphs { ascii ? .ascii : .unicode }
}

/// How an axis maps values: linearly or by their base-10 logarithm.
public enum AxisScale: String, Sendable {
    case linear, log
}

/// The eight ANSI colours charts use, in series order first.
public enum ChartColor: Int, Sendable, CaseIterable {
    case blue = 34, red = 31, green = 32, magenta = 35, cyan = 36, yellow = 33, white = 37, gray = 90

    /// The colour of the i-th series (blue, red, green, magenta, cyan, yellow, then again).
    public static func series(_ i: Int) -> ChartColor {
        let palette: [ChartColor] = [.blue, .red, .green, .magenta, .cyan, .yellow]
        return palette[i % palette.count]
    }
}

/// The chart's own glyphs in one charset; labels and titles print as given.
struct ChartGlyphs: Sendable {
    var vertical: Character
    var horizontal: Character
    var corner: Character
    var leftTick: Character
    var bottomTick: Character
    /// A y tick on the x axis line (the corner carries the lowest tick).
    var cornerTick: Character
    var ellipsis: String
    var full: Character
    /// Partial horizontal blocks, 1/8 … 7/8 of a cell (left aligned); ASCII has none.
    var eighthsLeft: [Character]
    /// Partial vertical blocks, 1/8 … 7/8 of a cell (bottom aligned).
    var eighthsUp: [Character]
    /// A right half block for floating bars; nil in ASCII.
    var rightHalf: Character?
    var dashedVertical: Character
    var dottedHorizontal: Character
    var outlier: Character
    var lightShade: Character
    var mediumShade: Character

    static let unicode = ChartGlyphs(
        vertical: "│", horizontal: "─", corner: "└", leftTick: "┤", bottomTick: "┬", cornerTick: "┼",
        ellipsis: "…", full: "█",
        eighthsLeft: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        eighthsUp: ["▁", "▂", "▃", "▄", "▅", "▆", "▇"],
        rightHalf: "▐", dashedVertical: "┊", dottedHorizontal: "┈", outlier: "•",
        lightShade: "░", mediumShade: "▒")

    static let ascii = ChartGlyphs(
        vertical: "|", horizontal: "-", corner: "+", leftTick: "+", bottomTick: "+", cornerTick: "+",
        ellipsis: "...", full: "#", eighthsLeft: [], eighthsUp: [], rightHalf: nil,
        dashedVertical: ":", dottedHorizontal: ".", outlier: "o", lightShade: ".", mediumShade: ":")
}

/// A chart drawn from its data at a given layout: every chart kind of the kernel.
public protocol ChartRenderer: Sendable {
    func render(_ layout: ChartLayout) -> String
}

extension Histogram: ChartRenderer {}
extension LineChart: ChartRenderer {}
extension ScatterChart: ChartRenderer {}
extension BarChart: ChartRenderer {}
extension BoxPlot: ChartRenderer {}
extension SCurve: ChartRenderer {}
extension FanChart: ChartRenderer {}
extension TornadoChart: ChartRenderer {}
extension Waterfall: ChartRenderer {}
