/// The cells of one worksheet part, read by `XMLScanner` in one pass: `<row r=…>`, `<c r=… t=… s=…>`,
/// `<v>` and inline `<is><t>` (phonetic `<rPh>` runs left out). Values are decoded into one byte
/// buffer; cells and rows are flat arrays of ranges into it.
struct SheetCells {
    enum Kind: UInt8 { case number, shared, text, boolean, error }

    struct Cell {
        var column: Int32
        var kind: Kind
        var style: Int32
        var value: Range<Int>
    }

    /// Excel's limits: rows 1…1,048,576, columns A…XFD.
    static let maxRow = 1_048_576
    static let maxColumn = 16_384

    var values: [UInt8] = []
    var cells: [Cell] = []
    /// Each row's number and its cells' range in `cells`.
    var rows: [(row: Int, cells: Range<Int>)] = []

    /// Reads the sheet part `bytes`.
    /// - Parameter part: the part's name for messages (`sheet1.xml`).
    init(_ bytes: [UInt8], part: String, file: String) throws {
        var scanner = XMLScanner(bytes, part: part, file: file)
        var rowNumber = 0, rowStart = 0, nextColumn = 0
        var inRow = false, inCell = false, capturing = false, phonetic = 0
        var cell = Cell(column: 0, kind: .number, style: 0, value: 0..<0)
        func closeRow() {
            rows.append((rowNumber, rowStart..<cells.count))
            inRow = false
        }
        while true {
            switch try scanner.next() {
            case .endOfDocument:
                return
            case let .start(name, attributes, selfClosing):
                if scanner.isNamed(name, "row") {
                    if let r = try scanner.attribute("r", in: attributes) {
                        guard let n = SheetCells.number(scanner.bytes[r]), n >= 1, n <= SheetCells.maxRow else {
                            throw DataError(file: file, "\(part) row \(String(decoding: scanner.bytes[r], as: UTF8.self)): "
                                            + "not a row number from 1 to \(SheetCells.maxRow) (Excel's last row)")
                        }
                        rowNumber = n
                    } else {
                        rowNumber += 1
                        guard rowNumber <= SheetCells.maxRow else {
                            throw DataError(file: file, "\(part) row \(rowNumber): beyond Excel's last row (\(SheetCells.maxRow))")
                        }
                    }
                    rowStart = cells.count
                    nextColumn = 0
                    inRow = true
                    if selfClosing { closeRow() }
                } else if scanner.isNamed(name, "c"), inRow {
                    // Bytes, not strings: this runs for every cell of the sheet.
                    let reference = try scanner.attribute("r", in: attributes)
                    let column = reference.map { XMLCollector.columnIndex(scanner.bytes[$0]) } ?? nextColumn
                    guard let c = column, c < SheetCells.maxColumn else {
                        let where_ = reference.map { String(decoding: scanner.bytes[$0], as: UTF8.self) }
                            ?? SheetCells.reference(column: nextColumn, row: rowNumber)
                        throw DataError(file: file, "\(part) cell \(where_): not a cell reference within A1:XFD\(SheetCells.maxRow)")
                    }
                    nextColumn = c + 1
                    let kind = try scanner.attribute("t", in: attributes).map { SheetCells.kind(scanner.bytes[$0]) } ?? .number
                    let style = try scanner.attribute("s", in: attributes).flatMap { SheetCells.number(scanner.bytes[$0]) } ?? 0
                    cell = Cell(column: Int32(c), kind: kind, style: Int32(clamping: style), value: values.count..<values.count)
                    inCell = !selfClosing
                    if selfClosing { cells.append(cell) }
                } else if inCell, scanner.isNamed(name, "rPh") {
                    phonetic += selfClosing ? 0 : 1
                } else if inCell, phonetic == 0, !selfClosing, scanner.isNamed(name, "v") || scanner.isNamed(name, "t") {
                    capturing = true
                }
            case let .text(range, cdata):
                if capturing { try scanner.appendDecoded(range, cdata: cdata, to: &values) }
            case let .end(name):
                if scanner.isNamed(name, "v") || scanner.isNamed(name, "t") {
                    capturing = false
                } else if scanner.isNamed(name, "rPh") {
                    phonetic = max(0, phonetic - 1)
                } else if scanner.isNamed(name, "c"), inCell {
                    cell.value = cell.value.lowerBound..<values.count
                    cells.append(cell)
                    inCell = false
                } else if scanner.isNamed(name, "row"), inRow {
                    closeRow()
                }
            }
        }
    }

    /// The shared strings of `xl/sharedStrings.xml`: each `<si>`'s `<t>` runs, phonetic runs left out.
    static func sharedStrings(_ bytes: [UInt8], part: String, file: String) throws -> [String] {
        var scanner = XMLScanner(bytes, part: part, file: file)
        var strings: [String] = []
        var current: [UInt8] = []
        var capturing = false, phonetic = 0
        while true {
            switch try scanner.next() {
            case .endOfDocument:
                return strings
            case let .start(name, _, selfClosing):
                if scanner.isNamed(name, "si") {
                    current.removeAll(keepingCapacity: true)
                    if selfClosing { strings.append("") }
                } else if scanner.isNamed(name, "rPh") {
                    phonetic += selfClosing ? 0 : 1
                } else if scanner.isNamed(name, "t") {
                    capturing = !selfClosing && phonetic == 0
                }
            case let .text(range, cdata):
                if capturing { try scanner.appendDecoded(range, cdata: cdata, to: &current) }
            case let .end(name):
                if scanner.isNamed(name, "si") {
                    strings.append(String(decoding: current, as: UTF8.self))
                } else if scanner.isNamed(name, "t") {
                    capturing = false
                } else if scanner.isNamed(name, "rPh") {
                    phonetic = max(0, phonetic - 1)
                }
            }
        }
    }

    /// The kind a cell's `t=` attribute names: `s` shared, `str`/`inlineStr`/`d` text, `b`, `e`;
    /// anything else a number.
    static func kind(_ t: ArraySlice<UInt8>) -> Kind {
        switch t.count {
        case 1:
            switch t.first {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "d"): return .text
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            default: return .number
            }
        case 3: return t.elementsEqual("str".utf8) ? .text : .number
        case 9: return t.elementsEqual("inlineStr".utf8) ? .text : .number
        default: return .number
        }
    }

    /// The number a `<v>` holds (spaces around it allowed): the plain digits most cells are by
    /// the fast path, anything else (exponents, long mantissas) by the standard library.
    static func double(_ value: ArraySlice<UInt8>) -> Double? {
        value.withUnsafeBufferPointer { b -> Double? in
            guard let p = b.baseAddress else { return nil }
            let (s, e) = ValueParsing.trim(p, 0, b.count)
            guard s < e else { return nil }
            return ValueParsing.parsePlainNumber(p, s, e, decimal: 0x2E)
                ?? Double(String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self))
        }
    }

    /// Decimal digits as a number; nil for anything else or beyond Int.
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var v = 0
        for d in digits {
            guard d >= 0x30 && d <= 0x39 else { return nil }
            v = v * 10 + Int(d - 0x30)
        }
        return v
    }

    /// `B7` for column 1, row 7.
    static func reference(column: Int, row: Int) -> String {
        var letters: [Character] = []
        var c = column + 1
        while c > 0 {
            let r = (c - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            c = (c - 1) / 26
        }
        return String(letters) + String(row)
    }
}
