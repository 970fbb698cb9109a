/// A rectangle of terminal cells, each a character with an optional colour, turned into text.
///
/// Charts are drawn into a grid and then written out row by row: trailing blanks trimmed,
/// ANSI colour codes only when asked for and only around the coloured runs.
struct CellGrid {
    struct Cell: Equatable {
        var character: Character = " "
        var color: ChartColor?
    }

    let width: Int
    let height: Int
    private(set) var cells: [Cell]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < height && column >= 0 && column < width
    }

    func isBlank(row: Int, column: Int) -> Bool {
        contains(row: row, column: column) && self[row, column].character == " "
    }

    /// Puts one character; cells outside the grid are ignored.
    mutating func put(_ c: Character, row: Int, column: Int, color: ChartColor? = nil) {
        guard contains(row: row, column: column) else { return }
        cells[row * width + column] = Cell(character: c, color: color)
    }

    /// Writes text from `column` on, one character a cell, clipped at the grid's edge. Control
    /// characters (a title or label from a data file) are written escaped, as tables show them.
    mutating func write(_ text: String, row: Int, column: Int, color: ChartColor? = nil) {
        var c = column
        for ch in text.controlsEscaped {
            put(ch, row: row, column: c, color: color)
            c += 1
        }
    }

    /// The grid as lines, trailing blanks removed; colour codes when `color` is true.
    func lines(color: Bool) -> [String] {
        (0..<height).map { r in
            var last = width - 1
            while last >= 0, self[r, last].character == " " { last -= 1 }
            var line = ""
            var current: ChartColor?
            for c in 0..<(last + 1) {
                let cell = self[r, c]
                if color && cell.character != " " && cell.color != current {
                    if current != nil { line += "\u{1B}[0m" }
                    if let fg = cell.color { line += "\u{1B}[\(fg.rawValue)m" }
                    current = cell.color
                }
                line.append(cell.character)
            }
            if current != nil { line += "\u{1B}[0m" }
            return line
        }
    }
}
