/// A place in source text: 1-based line and column of the first character, and a length.
public struct SourceRange: Sendable, Equatable {
    public var line: Int
    public var column: Int
    /// Offset of the first character in the statement's text (UTF-8 code units).
    public var offset: Int
    public var length: Int

    public init(line: Int, column: Int, offset: Int, length: Int) {
        self.line = line
        self.column = column
        self.offset = offset
        self.length = length
    }

    /// The smallest range covering both (they must be in the same text).
    public func through(_ other: SourceRange) -> SourceRange {
        let end = max(offset + length, other.offset + other.length)
        let first = offset <= other.offset ? self : other
        return SourceRange(line: first.line, column: first.column, offset: first.offset,
                           length: end - first.offset)
    }
}
