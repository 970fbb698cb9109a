import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads one worksheet of an XLSX workbook (Office Open XML) into a frame.
///
/// The workbook is a ZIP of XML parts (ZIPFoundation unzips, the platform's `XMLParser` reads):
/// shared strings, inline strings, numbers, booleans, and numbers whose cell style is a date
/// format (Excel serial days, 1900 system). Cells then go through the same typing as CSV, so
/// numbers stored as text with comma decimals (`53,02`) and `dd/mm/yyyy` text dates are read too.
/// The header is the first non-empty row (after `skip=` rows); empty rows are dropped.
enum XLSXReader {
    static func read(bytes: [UInt8], name: String, options: ReadOptions) throws -> Frame {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw DataError(file: name, "is not an xlsx workbook (not a zip archive)")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                throw DataError(file: name, "the workbook part '\(path)' is damaged")
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw DataError(file: name, "is a zip archive but not an xlsx workbook (no xl/workbook.xml)")
        }
        let sheets = XMLCollector.sheets(workbook)
        guard !sheets.isEmpty else { throw DataError(file: name, "the workbook has no sheets") }
        let relations = try part("xl/_rels/workbook.xml.rels").map(XMLCollector.relationships) ?? [:]
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
        let shared = try part("xl/sharedStrings.xml").map(XMLCollector.sharedStrings) ?? []
        let dateStyles = try part("xl/styles.xml").map(XMLCollector.dateStyles) ?? []
        try options.checkCancelled()
        let cells = XMLCollector.cells(sheetData)
        try options.checkCancelled()
        if let error = cells.error { throw DataError(file: name, "the sheet '\(chosen.name)' is not valid xml: \(error)") }
        return try build(cells.rows, shared: shared, dateStyles: dateStyles, name: name, options: options)
    }

    /// Lays the cells out as a `CellTable` (text in one buffer, typed values alongside) and types it.
    static func build(_ sheetRows: [(row: Int, cells: [XMLCollector.Cell])], shared: [String], dateStyles: Set<Int>,
                      name: String, options: ReadOptions) throws -> Frame {
        var notes: [String] = []
        var bytes: [UInt8] = []
        var errors = 0
        // Each row's cells as (column, span, native).
        func layout(_ cells: [XMLCollector.Cell]) -> [(Int, Span, NativeCell)] {
            var out: [(Int, Span, NativeCell)] = []
            for c in cells {
                let start = UInt32(bytes.count)
                var native = NativeCell(kind: .absent, value: 0)
                switch c.type {
                case "s":
                    if let k = Int(c.value), k >= 0, k < shared.count { bytes += shared[k].utf8 }
                case "str", "inlineStr", "d":
                    bytes += c.value.utf8
                case "b":
                    native = NativeCell(kind: .bool, value: c.value == "1" ? 1 : 0)
                    bytes += (c.value == "1" ? "true" : "false").utf8
                case "e":
                    errors += 1
                default:
                    let trimmed = c.value.trimmingCharacters(in: .whitespaces)
                    if let x = Double(trimmed) {
                        if dateStyles.contains(c.style), let day = ValueParsing.dayNumber(excelSerial: x) {
                            native = NativeCell(kind: .date, value: x)
                            bytes += CivilDate(dayNumber: Int(day)).text(.day).utf8
                        } else {
                            native = NativeCell(kind: .number, value: x)
                            bytes += JSON.numberText(x).utf8
                        }
                    } else {
                        bytes += c.value.utf8
                    }
                }
                out.append((c.column, Span(start: start, end: UInt32(bytes.count)), native))
            }
            return out
        }
        var laidOut: [(row: Int, cells: [(Int, Span, NativeCell)])] = []
        var skipped = 0
        for r in sheetRows {
            if skipped < options.skip { skipped += 1; continue }
            let cells = layout(r.cells).filter { $0.1.end > $0.1.start || $0.2.kind != .absent }
            if cells.isEmpty { continue }
            laidOut.append((r.row, cells))
        }
        guard let headerRow = laidOut.first else { throw DataError(file: name, line: 1, column: 1, "the sheet is empty") }
        let width = (laidOut.map { $0.cells.map(\.0).max() ?? 0 }.max() ?? 0) + 1
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
        let emptyRows = sheetRows.count - skipped - laidOut.count
        if emptyRows > 0 { notes.append("dropped \(emptyRows) empty row\(emptyRows == 1 ? "" : "s")") }
        if errors > 0 { notes.append("\(errors) cell\(errors == 1 ? " holds an Excel error" : "s hold Excel errors") (#N/A, #DIV/0!…), read as na") }
        let table = CellTable(buffer: buffer, header: header, spans: spans, lines: lines, width: width,
                              native: native, headerLine: headerRow.row)
        var frame = try FrameBuilder(table: table, name: name, options: options, defaultDecimal: options.decimal ?? 0x2E,
                                     decimalGiven: options.decimal != nil, headerLine: headerRow.row).build()
        frame.notes = notes + frame.notes
        return frame
    }
}

/// SAX readers for the few XLSX parts needed.
enum XMLCollector {
    struct Cell {
        var column: Int
        var type: String
        var style: Int
        var value: String
    }

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
    static func dateStyles(_ data: Data) -> Set<Int> {
        let d = StylesDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = d
        _ = parser.parse()
        var out: Set<Int> = []
        for (i, id) in d.cellFormats.enumerated() {
            if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) {
                out.insert(i)
            } else if let code = d.customFormats[id], isDateFormat(code) {
                out.insert(i)
            }
        }
        return out
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

    static func sharedStrings(_ data: Data) -> [String] {
        let d = SharedStringsDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = d
        _ = parser.parse()
        return d.strings
    }

    static func cells(_ data: Data) -> (rows: [(row: Int, cells: [Cell])], error: String?) {
        let d = SheetDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = d
        let ok = parser.parse()
        return (d.rows, ok ? nil : (parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error"))
    }

    /// Column index (0-based) of a cell reference: `C14` → 2.
    static func columnIndex(_ reference: String) -> Int? {
        var v = 0
        var letters = 0
        for u in reference.utf8 {
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

    final class SharedStringsDelegate: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            switch localName(elementName) {
            case "si": current = ""
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            switch localName(elementName) {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
    }

    final class SheetDelegate: NSObject, XMLParserDelegate {
        var rows: [(row: Int, cells: [Cell])] = []
        var cells: [Cell] = []
        var rowNumber = 0
        var cell: Cell?
        var nextColumn = 0
        var capture = false
        var text = ""
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            switch localName(elementName) {
            case "row":
                rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                cells = []
                nextColumn = 0
            case "c":
                let column = attributes["r"].flatMap(XMLCollector.columnIndex) ?? nextColumn
                nextColumn = column + 1
                cell = Cell(column: column, type: attributes["t"] ?? "n", style: attributes["s"].flatMap(Int.init) ?? 0, value: "")
            case "v", "t":
                if cell != nil { capture = true; text = "" }
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if capture { text += string } }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            switch localName(elementName) {
            case "v", "t":
                if capture { cell?.value += text; capture = false }
            case "c":
                if let c = cell, c.column < 16_384 { cells.append(c) }
                cell = nil
            case "row":
                rows.append((rowNumber, cells))
            default: break
            }
        }
    }
}

/// `x:sheet` → `sheet`.
private func localName(_ name: String) -> String {
    if let i = name.lastIndex(of: ":") { return String(name[name.index(after: i)...]) }
    return name
}
