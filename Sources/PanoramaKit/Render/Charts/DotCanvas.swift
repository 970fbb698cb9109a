/// A drawing surface of dots: 2 × 4 dots a cell in braille, 2 × 3 in ASCII.
///
/// Dots are addressed from the top-left corner (x to the right, y down). Each cell keeps the
/// colour of the last series that drew in it. In ASCII a cell's dots become the character that
/// looks most like them (`'` top, `-` middle, `.`/`_` bottom, `|`, `/`, `\`), as UnicodePlots'
/// ASCII canvas does.
struct DotCanvas {
    let columns: Int
    let rows: Int
    let ascii: Bool
    /// Dots across one cell.
    let dotsPerColumn = 2
    /// Dots down one cell: 4 in braille, 3 in ASCII.
    let dotsPerRow: Int
    private var bits: [UInt8]
    private var colors: [ChartColor?]

    init(columns: Int, rows: Int, ascii: Bool) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.ascii = ascii
        dotsPerRow = ascii ? 3 : 4
        bits = Array(repeating: 0, count: self.columns * self.rows)
        colors = Array(repeating: nil, count: self.columns * self.rows)
    }

    var dotWidth: Int { columns * dotsPerColumn }
    var dotHeight: Int { rows * dotsPerRow }

    /// Sets the dot at (x, y); dots outside the canvas are ignored.
    mutating func set(_ x: Int, _ y: Int, color: ChartColor? = nil) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / dotsPerRow) * columns + x / dotsPerColumn
        bits[cell] |= DotCanvas.bit(dx: x % dotsPerColumn, dy: y % dotsPerRow, ascii: ascii)
        colors[cell] = color
    }

    /// Draws a straight line of dots from (x0, y0) to (x1, y1) (Bresenham). With `dashed`,
    /// every other pair of dots is left out.
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, color: ChartColor? = nil, dashed: Bool = false) {
        // Clip far-away ends so a huge coordinate cannot make the loop long.
        let limit = 4 * (dotWidth + dotHeight) + 8
        if abs(x0) > limit || abs(x1) > limit || abs(y0) > limit || abs(y1) > limit {
            guard let (a, b) = clip(Double(x0), Double(y0), Double(x1), Double(y1)) else { return }
            line(Int(saturating: a.0.rounded()), Int(saturating: a.1.rounded()), Int(saturating: b.0.rounded()), Int(saturating: b.1.rounded()), color: color, dashed: dashed)
            return
        }
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var step = 0
        while true {
            if !dashed || (step / 2) % 2 == 0 { set(x, y, color: color) }
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
            step += 1
        }
    }

    /// The segment clipped to the canvas (Liang–Barsky), nil when it misses it.
    private func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> ((Double, Double), (Double, Double))? {
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        let checks = [(-dx, x0), (dx, Double(dotWidth - 1) - x0), (-dy, y0), (dy, Double(dotHeight - 1) - y0)]
        for (p, q) in checks {
            if p == 0 { if q < 0 { return nil }; continue }
            let r = q / p
            if p < 0 { if r > t1 { return nil }; t0 = max(t0, r) } else { if r < t0 { return nil }; t1 = min(t1, r) }
        }
        return ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy))
    }

    func isEmpty(row: Int, column: Int) -> Bool { bits[row * columns + column] == 0 }

    /// The character of a cell, nil when no dot is set in it.
    func character(row: Int, column: Int) -> Character? {
        let b = bits[row * columns + column]
        guard b != 0 else { return nil }
        if ascii { return DotCanvas.asciiGlyph(b) }
        return Character(Unicode.Scalar(0x2800 + UInt32(b))!)
    }

    func color(row: Int, column: Int) -> ChartColor? { colors[row * columns + column] }

    /// Copies the drawn cells into a grid at an offset; blank cells leave the grid as it is.
    func draw(into grid: inout CellGrid, row: Int = 0, column: Int = 0) {
        for r in 0..<rows {
            for c in 0..<columns {
                if let ch = character(row: r, column: c) {
                    grid.put(ch, row: row + r, column: column + c, color: colors[r * columns + c])
                }
            }
        }
    }

    static func bit(dx: Int, dy: Int, ascii: Bool) -> UInt8 {
        if ascii { return UInt8(1) << UInt8(dy * 2 + dx) }
        // Braille numbering: dots 1-2-3 down the left, 4-5-6 down the right, 7 and 8 below.
        let table: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        return table[dx][dy]
    }

    /// The ASCII character closest to a 2 × 3 pattern of dots (bit dy·2 + dx).
    static func asciiGlyph(_ b: UInt8) -> Character {
        let rowBits = [(b & 0b11), (b >> 2) & 0b11, (b >> 4) & 0b11]
        let occupied = (0..<3).filter { rowBits[$0] != 0 }
        if occupied.count == 1 {
            switch occupied[0] {
            case 0: return "'"
            case 1: return "-"
            default: return rowBits[2] == 0b11 ? "_" : "."
            }
        }
        let left = b & 0b010101 != 0, right = b & 0b101010 != 0
        if left != right { return occupied == [0, 2] ? ":" : "|" }
        // Both columns: the slant from the highest row to the lowest.
        func center(_ bits: UInt8) -> Double {
            bits == 0b11 ? 0.5 : (bits == 0b01 ? 0 : 1)
        }
        let top = center(rowBits[occupied.first!]), bottom = center(rowBits[occupied.last!])
        if top > bottom { return "/" }
        if top < bottom { return "\\" }
        return occupied.count == 3 && b == 0b111111 ? "#" : (top == 0.5 ? "=" : "|")
    }
}
