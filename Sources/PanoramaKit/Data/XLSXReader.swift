import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads one worksheet of an XLSX workbook (Office Open XML) into a frame.
///
/// The workbook is a ZIP of XML parts (`ZIPParts` unzips, each part up to a memory bound; the
/// sheet and shared strings are read by `XMLScanner`, the small parts by the platform's `XMLParser`):
/// shared strings, inline strings, numbers, booleans, and numbers whose cell style is a date
/// format (Excel serial days, 1900 system). Cells then go through the same typing as CSV, so
/// numbers stored as text with comma decimals (`53,02`) and `dd/mm/yyyy` text dates are read too.
/// The header is the first non-empty row (after `skip=` rows); empty rows are dropped.
enum XLSXReader {
    static func read(bytes: [UInt8], name: String, options: ReadOptions) throws -> Frame {
        let archive = try ZIPParts(bytes, file: name)
        // Each part unpacks into memory up to a bound (a zip bomb stops there).
        let bound = min(MemoryBudget.current.limit / 4, Int(UInt32.max) - 16)
        func part(_ path: String) throws -> [UInt8]? { try archive.part(path, bound: bound) }
        guard let workbook = try part("xl/workbook.xml") else {
            throw DataError(file: name, "is a zip archive but not an xlsx workbook (no xl/workbook.xml)")
        }
        let sheets = XMLCollector.sheets(Data(workbook))
        guard !sheets.isEmpty else { throw DataError(file: name, "the workbook has no sheets") }
        let relations = try part("xl/_rels/workbook.xml.rels").map { XMLCollector.relationships(Data($0)) } ?? [:]
        let chosen: (name: String, id: String)
        if let wanted = options.sheet {
            if let s = sheets.first(where: { $0.name == wanted }) {
                chosen = s
            } else if let k = Int(wanted), k >= 1, k <= sheets.count {
                chosen = sheets[k - 1]
            } else {
                throw DataError(file: name, "no sheet named '\(wanted)'; the sheets are "
                                + sheets.map { "'\($0.name)'" }.joined(separator: ", "))
            }
        } else {
            chosen = sheets[0]
        }
        var target = relations[chosen.id] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let sheetData = try part(target) else {
            throw DataError(file: name, "the sheet '\(chosen.name)' is missing from the workbook")
        }
        let sheetPart = String(target.split(separator: "/").last ?? Substring(target))
        let sharedPart = try part("xl/sharedStrings.xml")
        let shared = try sharedPart.map { try SheetCells.sharedStrings($0, part: "sharedStrings.xml", file: name) }
        let styles = try part("xl/styles.xml").map { XMLCollector.dateAndMonthStyles(Data($0)) } ?? (dates: [], months: [])
        try options.checkCancelled()
        let cells = try SheetCells(sheetData, part: sheetPart, file: name)
        try options.checkCancelled()
        return try build(cells, shared: shared, dateStyles: styles.dates, monthStyles: styles.months, part: sheetPart,
                         name: name, options: options)
    }

    /// Lays the cells out as a `CellTable` (text in one buffer, typed values alongside) and types it.
    ///
    /// Each cell's text follows one mark byte: `"` before a non-empty string cell, which
    /// `FrameBuilder` then never reads as a missing marker (a text `NA` stays `NA`), 0 before others.
    /// A date whose style shows only a year and month (`yyyy-mm`) is laid out as month text.
    static func build(_ sheet: SheetCells, shared: [String]?, dateStyles: Set<Int>, monthStyles: Set<Int> = [],
                      part: String, name: String, options: ReadOptions) throws -> Frame {
        var notes: [String] = []
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sheet.values.count)
        var errors = 0
        // Each row's cells as (column, span, native).
        func layout(_ row: Int, _ cells: Range<Int>) throws -> [(Int, Span, NativeCell)] {
            var out: [(Int, Span, NativeCell)] = []
            for c in sheet.cells[cells] {
                let string = (c.kind == .shared || c.kind == .text) && !sheet.values[c.value].isEmpty
                bytes.append(string ? 0x22 : 0)
                let start = UInt32(bytes.count)
                var native = NativeCell(kind: .absent, value: 0)
                let value = sheet.values[c.value]
                switch c.kind {
                case .shared:
                    guard let k = SheetCells.number(value), let strings = shared, k < strings.count else {
                        let which = String(decoding: value, as: UTF8.self)
                        let have = shared.map { "the workbook has \($0.count)" } ?? "the workbook has no shared strings part"
                        throw DataError(file: name, "\(part) cell \(SheetCells.reference(column: Int(c.column), row: row)): "
                                        + "shared string \(which) does not exist (\(have))")
                    }
                    bytes += strings[k].utf8
                case .text:
                    bytes += value
                case .boolean:
                    let yes = value.elementsEqual([0x31])
                    native = NativeCell(kind: .bool, value: yes ? 1 : 0)
                    bytes += (yes ? "true" : "false").utf8
                case .error:
                    errors += 1
                case .number:
                    if let x = SheetCells.double(value) {
                        if monthStyles.contains(Int(c.style)), let day = ValueParsing.dayNumber(excelSerial: x) {
                            bytes += CivilDate(dayNumber: Int(day)).text(.month).utf8
                        } else if dateStyles.contains(Int(c.style)), let day = ValueParsing.dayNumber(excelSerial: x) {
                            native = NativeCell(kind: .date, value: x)
                            bytes += CivilDate(dayNumber: Int(day)).text(.day).utf8
                        } else {
                            native = NativeCell(kind: .number, value: x)
                            bytes += JSON.numberText(x).utf8
                        }
                    } else {
                        bytes += value
                    }
                }
                guard bytes.count < Int(UInt32.max) else { throw DataError(file: name, "the sheet's text is over 4 GB") }
                out.append((Int(c.column), Span(start: start, end: UInt32(bytes.count)), native))
            }
            return out
        }
        var laidOut: [(row: Int, cells: [(Int, Span, NativeCell)])] = []
        var skipped = 0
        for r in sheet.rows {
            if skipped < options.skip { skipped += 1; continue }
            let cells = try layout(r.row, r.cells).filter { $0.1.end > $0.1.start || $0.2.kind != .absent }
            if cells.isEmpty { continue }
            laidOut.append((r.row, cells))
        }
        guard let headerRow = laidOut.first else { throw DataError(file: name, line: 1, column: 1, "the sheet is empty") }
        let width = (laidOut.map { $0.cells.map(\.0).max() ?? 0 }.max() ?? 0) + 1
        try MemoryBudget.current.check(MemoryBudget.bytes(MemoryBudget.bytes(laidOut.count, width), 48),
                                       for: "the sheet's \(laidOut.count) rows × \(width) columns",
                                       hint: "delete the far-away cells that widen the sheet, or save it as csv")
        let buffer = ByteBuffer(bytes)
        var header = [String](repeating: "", count: width)
        for (column, span, _) in headerRow.cells {
            let (a, b) = ValueParsing.trim(buffer.base, Int(span.start), Int(span.end))
            header[column] = buffer.string(a, b)
        }
        let empty = Span(start: 0, end: 0)
        let spans = SpanStore(width: width, capacity: laidOut.count)
        let blank = [Span](repeating: empty, count: width)
        blank.withUnsafeBufferPointer { b in for _ in 1..<max(laidOut.count, 1) { spans.append(b.baseAddress!) } }
        var native = [NativeCell](repeating: NativeCell(kind: .absent, value: 0), count: (laidOut.count - 1) * width)
        var lines: [Int32] = []
        for (i, row) in laidOut.dropFirst().enumerated() {
            for (column, span, cell) in row.cells {
                spans[column, i] = span
                native[i * width + column] = cell
            }
            lines.append(Int32(row.row))
        }
        let emptyRows = sheet.rows.count - skipped - laidOut.count
        if emptyRows > 0 { notes.append("dropped \(emptyRows) empty row\(emptyRows == 1 ? "" : "s")") }
        if errors > 0 { notes.append("\(errors) cell\(errors == 1 ? " holds an Excel error" : "s hold Excel errors") (#N/A, #DIV/0!…), read as na") }
        var table = CellTable(buffer: buffer, header: header, spans: spans, lines: lines, width: width,
                              native: native, headerLine: headerRow.row)
        table.marksQuotedCells = true
        var frame = try FrameBuilder(table: table, name: name, options: options, defaultDecimal: options.decimal ?? 0x2E,
                                     decimalGiven: options.decimal != nil, headerLine: headerRow.row).build()
        frame.notes = notes + frame.notes
        return frame
    }
}

/// SAX readers for the few XLSX parts needed.
enum XMLCollector {
    /// `<sheet name="…" r:id="…">` in workbook order.
    static func sheets(_ data: Data) -> [(name: String, id: String)] {
        let d = Collector { element, attributes, _ in element == "sheet" ? attributes : nil }
        d.parse(data)
        return d.found.map { a in
            (a["name"] ?? "", a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value ?? "")
        }
    }

    static func relationships(_ data: Data) -> [String: String] {
        let d = Collector { element, attributes, _ in element == "Relationship" ? attributes : nil }
        d.parse(data)
        var out: [String: String] = [:]
        for a in d.found { if let id = a["Id"], let t = a["Target"] { out[id] = t } }
        return out
    }

    /// The style indices (`s=`) whose number format is a date or time format.
    static func dateStyles(_ data: Data) -> Set<Int> { dateAndMonthStyles(data).dates }

    /// The date styles, and among them those that show only a month and year (`yyyy-mm`, `mmm-yy`).
    static func dateAndMonthStyles(_ data: Data) -> (dates: Set<Int>, months: Set<Int>) {
        let d = StylesDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = d
        _ = parser.parse()
        var out: Set<Int> = [], months: Set<Int> = []
        for (i, id) in d.cellFormats.enumerated() {
            if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) {
                out.insert(i)
                if id == 17 { months.insert(i) }  // mmm-yy
            } else if let code = d.customFormats[id], isDateFormat(code) {
                out.insert(i)
                if isMonthFormat(code) { months.insert(i) }
            }
        }
        return (out, months)
    }

    /// Whether a date format code shows a year and month but no day or time (`yyyy-mm`, `mmm yyyy`).
    static func isMonthFormat(_ code: String) -> Bool {
        var shown = Set<Character>(), inQuote = false, inBracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            default: if !inQuote && !inBracket { shown.insert(ch) }
            }
        }
        return shown.contains("y") && shown.contains("m") && shown.isDisjoint(with: ["d", "h", "s"])
    }

    /// Whether a format code shows a date: `d`, `m`, `y` outside quotes, escapes and brackets.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "\"" { inQuote.toggle(); continue }
            if inQuote { continue }
            if ch == "[" { inBracket = true; continue }
            if ch == "]" { inBracket = false; continue }
            if inBracket { continue }
            if "dDyY".contains(ch) { return true }
            if ch == "m" || ch == "M" { if !code.contains("0") && !code.contains("#") { return true } }
        }
        return false
    }

    /// Column index (0-based) of a cell reference: `C14` → 2.
    static func columnIndex(_ reference: String) -> Int? { columnIndex(reference.utf8) }

    static func columnIndex(_ reference: some Collection<UInt8>) -> Int? {
        var v = 0
        var letters = 0
        for u in reference {
            if u >= 0x41 && u <= 0x5A { v = v * 26 + Int(u - 0x40); letters += 1 }
            else if u >= 0x61 && u <= 0x7A { v = v * 26 + Int(u - 0x60); letters += 1 }
            else { break }
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : v - 1
    }

    final class Collector: NSObject, XMLParserDelegate {
        let pick: (String, [String: String], Int) -> [String: String]?
        var found: [[String: String]] = []
        init(_ pick: @escaping (String, [String: String], Int) -> [String: String]?) { self.pick = pick }
        func parse(_ data: Data) {
            let parser = XMLParser(data: data)
            parser.delegate = self
            _ = parser.parse()
        }
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            if let a = pick(localName(elementName), attributes, 0) { found.append(a) }
        }
    }

    final class StylesDelegate: NSObject, XMLParserDelegate {
        var customFormats: [Int: String] = [:]
        var cellFormats: [Int] = []
        var inCellXfs = false
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            switch localName(elementName) {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if localName(elementName) == "cellXfs" { inCellXfs = false }
        }
    }
}

/// `x:sheet` → `sheet`.
private func localName(_ name: String) -> String {
    if let i = name.lastIndex(of: ":") { return String(name[name.index(after: i)...]) }
    return name
}
