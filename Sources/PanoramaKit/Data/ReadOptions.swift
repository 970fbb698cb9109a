/// The type a column is read as.
public enum ColumnType: String, Sendable, CaseIterable {
    case number, text, bool, date
}

/// What a reader may be told instead of guessing (DESIGN §5): every guess can be overridden.
public struct ReadOptions: Sendable {
    /// The field separator (`,` `;` TAB `|`…); sniffed when nil.
    public var separator: UInt8?
    /// The decimal mark (`.` or `,`); decided per column when nil (`;` files default to `,`).
    public var decimal: UInt8?
    /// The text encoding; UTF-8, else Windows-1252 with a note, when nil.
    public var encoding: TextEncoding?
    /// Column types by label or identifier; other columns are inferred.
    public var types: [String: ColumnType]
    /// Date formats by label or identifier (`%d.%m.%y`); such a column is read as dates.
    public var dateFormats: [String: DateFormat] = [:]
    /// Extra cell texts that mean `na` (beyond `""`, `NA`, `N/A`, `n/a`, `-`, `None`…).
    public var missing: [String]
    /// Lines to skip before the header.
    public var skip: Int
    /// Bad input is an error (true) or a load with `na` cells and a note (false).
    public var strict: Bool
    /// Free text in a column of amounts (`Not provided`, an exemption) is `na` with a note, even
    /// in a column forced to numbers; false makes it bad input (a builder checking its sources).
    public var freeTextIsMissing = true
    /// The worksheet of an XLSX file, by name or 1-based number; the first when nil.
    public var sheet: String?
    /// Polled between the stages of a load (read, tokenize or parse the sheet, type each column)
    /// and every 65,536 CSV records while they are split and typed; true stops the load with
    /// `Cancelled` (Ctrl-C in the shell).
    public var isCancelled: @Sendable () -> Bool = { false }

    /// Throws `Cancelled` when the load should stop.
    func checkCancelled() throws {
        if isCancelled() { throw Cancelled() }
    }

    public init(separator: UInt8? = nil, decimal: UInt8? = nil, encoding: TextEncoding? = nil,
                types: [String: ColumnType] = [:], missing: [String] = [], skip: Int = 0,
                strict: Bool = true, sheet: String? = nil) {
        self.separator = separator
        self.decimal = decimal
        self.encoding = encoding
        self.types = types
        self.missing = missing
        self.skip = skip
        self.strict = strict
        self.sheet = sheet
    }
}
