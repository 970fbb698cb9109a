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
