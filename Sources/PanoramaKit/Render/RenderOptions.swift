/// How values render as text: the mode, the width, and the glyphs allowed.
public struct RenderOptions: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case box, markdown, csv, json
    }
    public enum Charset: String, Sendable {
        case unicode, ascii
    }

    public var mode: Mode
    /// Columns available (the terminal's, `.width N`, or 80 in notebooks).
    public var width: Int
    /// At most this many rows of a table print, then a `… N more rows` footer; 0 means no limit.
    public var maxRows: Int
    public var charset: Charset
    /// ANSI colour allowed (a terminal, no `NO_COLOR`, `.color on`).
    public var color: Bool
    public var numbers: NumberFormat

    /// The widths tables, vectors and charts are laid out for. `.width` and the terminal's
    /// width (COLUMNS, the window size) are clamped into it, so that a huge value
    /// (`COLUMNS=9223372036854775807`) cannot make rendering overflow or allocate without bound.
    public static let widthRange = 20...1000

    /// `requested` clamped into `widthRange`, and a note when it had to move.
    /// - Parameter source: what asked for the width (`.width`, `COLUMNS`), for the note.
    public static func clampedWidth(_ requested: Int, from source: String) -> (width: Int, note: String?) {
        let width = min(max(requested, widthRange.lowerBound), widthRange.upperBound)
        guard width != requested else { return (width, nil) }
        return (width, "\(source) \(requested) is outside \(widthRange.lowerBound)…\(widthRange.upperBound) columns; using \(width)")
    }

    public init(mode: Mode = .box, width: Int = 80, maxRows: Int = 40, charset: Charset = .unicode,
                color: Bool = false, numbers: NumberFormat = NumberFormat()) {
        self.mode = mode
        self.width = width
        self.maxRows = maxRows
        self.charset = charset
        self.color = color
        self.numbers = numbers
    }
}
