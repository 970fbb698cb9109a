import Foundation

/// Turns a reader's cells into typed columns: labels and identifiers, then per column the first
/// type every cell fits, tried in the order bool → number → date → text.
///
/// A mostly-numeric (or mostly-date) column whose other cells are at most three distinct words
/// without digits (`En cadrage`) takes that type, those cells `na`, and a note names the words.
/// `types=` forces a type; a cell that fits no type is then an error naming its line and column,
/// or (with `strict=false`) `na` counted in a note.
struct FrameBuilder {
    let table: CellTable
    let name: String
    let options: ReadOptions
    let defaultDecimal: UInt8
    let decimalGiven: Bool
    let headerLine: Int

    private var missing: [[UInt8]]
    private var longestMissing: Int

    init(table: CellTable, name: String, options: ReadOptions, defaultDecimal: UInt8, decimalGiven: Bool, headerLine: Int) {
        self.table = table
        self.name = name
        self.options = options
        self.defaultDecimal = defaultDecimal
        self.decimalGiven = decimalGiven
        self.headerLine = headerLine
        missing = (ValueParsing.defaultMissing + options.missing).map { Array($0.utf8) }
        longestMissing = missing.map(\.count).max() ?? 0
    }

    var p: UnsafeMutablePointer<UInt8> { table.buffer.base }
    var rows: Int { table.rowCount }

    func build() throws -> Frame {
        var notes: [String] = []
        let width = table.width
        // Trailing unnamed columns with no values are dropped.
        var keep = width
        while keep > 0 && table.header[keep - 1].isEmpty && columnIsEmpty(keep - 1) { keep -= 1 }
        if keep == 0 { throw DataError(file: name, line: headerLine, column: 1, "the header names no columns") }
        if keep < width {
            let n = width - keep
            notes.append("dropped \(n) empty unnamed column\(n == 1 ? "" : "s") at the end")
        }
        // Labels, duplicates and identifiers.
        var labels: [String] = []
        var seen: [String: Int] = [:]
        for j in 0..<keep {
            var label = table.header[j].isEmpty ? "column \(j + 1)" : table.header[j]
            if seen[label] != nil {
                var n = 2
                while seen["\(label) \(n)"] != nil { n += 1 }
                notes.append("column \(j + 1) repeats the name '\(label)'; it is called '\(label) \(n)'")
                label = "\(label) \(n)"
            }
            seen[label] = j
            labels.append(label)
        }
        var names: [String] = []
        var used: Set<String> = []
        for label in labels {
            let base = identifier(for: label)
            var id = base
            var n = 2
            while used.contains(id) { id = "\(base)_\(n)"; n += 1 }
            used.insert(id)
            names.append(id)
        }
        // Forced types, by label or identifier.
        var forced: [Int: ColumnType] = [:]
        var byLabel: [String: Int] = [:], byName: [String: Int] = [:]
        if !options.types.isEmpty || !options.dateFormats.isEmpty {
            for (j, label) in labels.enumerated() where byLabel[label] == nil { byLabel[label] = j }
            for (j, name) in names.enumerated() where byName[name] == nil { byName[name] = j }
        }
        func column(_ key: String) throws -> Int {
            guard let j = byLabel[key] ?? byName[key] else {
                let hint = suggestion(for: key, among: names + labels, replacingAll: true).map { ". Did you mean '\($0)'?" } ?? ""
                throw DataError(file: name, "types= names '\(key)', which is not a column\(hint)")
            }
            return j
        }
        for (key, type) in options.types { forced[try column(key)] = type }
        var formats: [Int: DateFormat] = [:]
        for (key, format) in options.dateFormats {
            let j = try column(key)
            forced[j] = .date
            formats[j] = format
        }
        // Columns are typed independently: on large files, on all cores. Results (and the first
        // error, by column) come out in column order whatever the scheduling.
        let results = ColumnResults(count: keep)
        let forcedTypes = forced, finalLabels = labels, finalFormats = formats
        let builder = self
        if rows * keep >= 200_000 && keep > 1 {
            DispatchQueue.concurrentPerform(iterations: keep) { j in
                results.slots[j] = Result { try builder.buildColumn(j, label: finalLabels[j], forced: forcedTypes[j], format: finalFormats[j]) }
            }
        } else {
            for j in 0..<keep { results.slots[j] = Result { try buildColumn(j, label: labels[j], forced: forced[j], format: formats[j]) } }
        }
        var columns: [Column] = []
        columns.reserveCapacity(keep)
        for j in 0..<keep {
            let (data, unit, note) = try results.slots[j]!.get()
            if let note { notes.append(note) }
            columns.append(Column(name: names[j], label: labels[j], unit: unit, data))
        }
        return Frame(columns: columns, notes: notes)
    }

    // MARK: Cells

    func columnIsEmpty(_ j: Int) -> Bool {
        let w = table.width
        for r in 0..<rows {
            let s = table.spans[j, r]
            if s.end > s.start { return false }
            if let native = table.native, native[r * w + j].kind != .absent { return false }
        }
        return true
    }

    @inline(__always)
    func isMissing(_ s: Int, _ e: Int) -> Bool {
        let (a, b) = ValueParsing.trim(p, s, e)
        let n = b - a
        if n == 0 { return true }
        if n > longestMissing { return false }
        for m in missing where m.count == n {
            if m.withUnsafeBufferPointer({ memcmp(p + a, $0.baseAddress!, n) }) == 0 { return true }
        }
        return false
    }

    /// Whether the cell starting at `s` was quoted in a CSV source (its span starts after the quote).
    @inline(__always)
    func wasQuoted(_ s: Int) -> Bool { table.marksQuotedCells && s > 0 && p[s - 1] == 0x22 }

    @inline(__always)
    func nativeKind(_ k: Int) -> NativeCell.Kind { table.native?[k].kind ?? NativeCell.Kind.absent }

    func trimmedString(_ s: Int, _ e: Int) -> String {
        let (a, b) = ValueParsing.trim(p, s, e)
        return table.buffer.string(a, b)
    }

    func containsDigit(_ s: Int, _ e: Int) -> Bool {
        var i = s
        while i < e { if p[i] &- 0x30 < 10 { return true }; i += 1 }
        return false
    }

    // MARK: Typing

    func buildColumn(_ j: Int, label: String, forced: ColumnType?, format: DateFormat? = nil) throws -> (ColumnData, String?, String?) {
        try options.checkCancelled()
        if let forced {
            switch forced {
            case .number:
                let (v, unit, note) = try numbers(j, label: label, infer: false)!
                return (.number(v), unit, note)
            case .date:
                let (v, precision, note) = try dates(j, label: label, infer: false, format: format)!
                return (.date(v, precision), nil, note)
            case .bool:
                let (v, note) = try bools(j, label: label, infer: false)!
                return (.bool(v), nil, note)
            case .text:
                return (.text(text(j)), nil, nil)
            }
        }
        if let (v, note) = try bools(j, label: label, infer: true) { return (.bool(v), nil, note) }
        if let (v, unit, note) = try numbers(j, label: label, infer: true) { return (.number(v), unit, note) }
        if let (v, precision, note) = try dates(j, label: label, infer: true) { return (.date(v, precision), nil, note) }
        return (.text(text(j)), nil, nil)
    }

    /// The decimal mark of column `j`: the file's default unless its cells say otherwise.
    func decimal(for j: Int) -> UInt8 {
        if decimalGiven { return defaultDecimal }
        var dots = 0, commas = 0
        let w = table.width
        for r in 0..<min(rows, 5_000) {
            let k = r * w + j
            if let native = table.native, native[k].kind != .absent { continue }
            let s = table.spans[j, r]
            switch ValueParsing.decimalHint(p, Int(s.start), Int(s.end)) {
            case 0x2E?: dots += 1
            case 0x2C?: commas += 1
            default: break
            }
        }
        if defaultDecimal == 0x2C { return dots > commas ? 0x2E : 0x2C }
        return commas > dots ? 0x2C : 0x2E
    }

    /// Scans column `j` with `parse`: each cell parses, is missing, or fails.
    ///
    /// Inferring, nil means "not this type" (a failure with digits, a fourth distinct word, or
    /// no fewer failures than values). Forced and strict, a failure throws; forced and lenient,
    /// failures are `na` and counted. With `prose`, cells of free text (`Not provided`, an
    /// exemption) are `na` whatever the mode, counted in `prose` with the first quoted.
    @inline(__always)
    func scan<T>(_ j: Int, label: String, typeName: String, infer: Bool, na: T, prose: UnsafeMutablePointer<ProseCells>? = nil,
                 parse: (Int, Int, Int) -> T?) throws -> ([T], String?)? {
        let w = table.width
        var out = [T](repeating: na, count: rows)
        var words: [String: Int] = [:]
        var order: [String] = []
        var failed = 0
        var parsed = 0
        var firstFailure: (String, Int)?
        let sp = table.spans.column(j)
        let ok: Bool = try out.withUnsafeMutableBufferPointer { o in
            for r in 0..<rows {
                if r & 0xFFFF == 0xFFFF { try options.checkCancelled() }
                // Inferring, stop as soon as the cells that did not parse outnumber what the
                // rest could still parse (the verdict below needs failed + prose < parsed):
                // a text column is rejected halfway instead of read to its end as prose.
                if infer, r & 0xFF == 0, failed + (prose?.pointee.count ?? 0) >= parsed + (rows - r) { return false }
                let k = r * w + j
                let s = Int(sp[r].start), e = Int(sp[r].end)
                if let v = parse(k, s, e) { o[r] = v; parsed += 1; continue }
                if nativeKind(k) == .absent && isMissing(s, e) { continue }
                let (a, b) = ValueParsing.trim(p, s, e)
                if infer, !containsDigit(a, b), nativeKind(k) == .absent, prose == nil || b - a <= 30, order.count < 3 || words[table.buffer.string(a, b)] != nil {
                    let word = table.buffer.string(a, b)
                    if words[word] == nil { order.append(word) }
                    words[word, default: 0] += 1
                    failed += 1
                    prose?.pointee.addWord(word, line: Int(table.lines[r]))
                    continue
                }
                if let prose, options.freeTextIsMissing, nativeKind(k) == .absent, isProse(a, b) {
                    prose.pointee.add(table.buffer.string(a, b), line: Int(table.lines[r]))
                    continue
                }
                if infer { return false }
                let text = table.buffer.string(a, b)
                if options.strict {
                    throw DataError(file: name, line: Int(table.lines[r]), column: j + 1,
                                    "cannot read '\(text)' as a \(typeName) in column '\(label)'")
                }
                failed += 1
                if firstFailure == nil { firstFailure = (text, Int(table.lines[r])) }
            }
            return true
        }
        let proseCount = prose?.pointee.count ?? 0
        if infer {
            guard ok, parsed > 0, failed + proseCount < parsed else { return nil }
            guard failed > 0 else { return (out, nil) }
            let listed = order.map { "\(words[$0]!) \(words[$0]! == 1 ? "cell" : "cells") '\($0)'" }
            return (out, "column '\(label)' is \(typeName == "number" ? "numeric" : "dates"): "
                    + listed.joined(separator: ", ") + " read as na")
        }
        guard let (text, line) = firstFailure else { return (out, nil) }
        return (out, "column '\(label)': \(failed) \(failed == 1 ? "cell is" : "cells are") not \(typeName == "date" ? "a date" : "a \(typeName)") and read as na (first: '\(text)' on line \(line))")
    }

    /// Free text in a column of amounts: more letters than digits, and words (`Not provided`)
    /// or a long word (`Unavailable`) — not a stray token such as `oops` or `12abc`.
    func isProse(_ s: Int, _ e: Int) -> Bool {
        var letters = 0, digits = 0, spaces = 0
        for i in s..<e {
            let b = p[i]
            if b &- 0x30 < 10 { digits += 1 }
            else if (b | 0x20) &- 0x61 < 26 || b >= 0xC0 { letters += 1 }
            else if b == 0x20, letters > 0 { spaces += 1 }
        }
        return letters >= 3 && letters > digits && (spaces > 0 || letters >= 10)
    }

    func numbers(_ j: Int, label: String, infer: Bool) throws -> ([Double], String?, String?)? {
        let mark = decimal(for: j)
        var unit = ValueParsing.Unit.none
        var overflowed = 0
        var firstOverflow: String?
        let native = table.native
        let p = self.p
        var prose = ProseCells()
        guard let (values, scanNote) = try scan(j, label: label, typeName: "number", infer: infer, na: Double.nan, prose: &prose, parse: { k, s, e in
            if let native {
                switch native[k].kind {
                case .number: return native[k].value
                case .date, .bool: return nil
                case .absent: break
                }
            }
            guard let (v, u) = ValueParsing.parseNumber(p, s, e, decimal: mark) else { return nil }
            if u != .none {
                if unit == .none { unit = u } else if unit != u { return nil }
            }
            if v.isInfinite && containsDigit(s, e) {
                overflowed += 1
                if firstOverflow == nil { firstOverflow = trimmedString(s, e) }
            }
            return v
        }) else { return nil }
        // Inferring, free text makes a column of amounts only beside a currency or a clear majority.
        if infer, prose.count > 0, !unit.isMoney, prose.count * 4 > values.count { return nil }
        let note = prose.note(label: label) ?? scanNote ?? ""
        guard let firstOverflow else { return (values, unit.text, note.isEmpty ? nil : note) }
        let overflow = "column '\(label)': \(Prose.counted(overflowed, "number")) beyond ±1.8e308 read as ±∞ (first: '\(firstOverflow)')"
        return (values, unit.text, note.isEmpty ? overflow : note + "; " + overflow)
    }

    func dates(_ j: Int, label: String, infer: Bool, format: DateFormat? = nil) throws -> ([Int32], DatePrecision, String?)? {
        var precision = DatePrecision.month
        let monthFirst = format == nil && isMonthFirst(j)
        let native = table.native
        let p = self.p
        let raw = UnsafeRawPointer(p)
        let bufferCount = table.buffer.count
        // Made at the first cell worth caching: a sheet widened to 16,384 mostly empty columns
        // by one far cell (XFD1048576) does not pay 4,096 entries per column.
        var slots: UnsafeMutablePointer<DateCacheEntry>?
        defer { slots?.deallocate() }
        guard let (values, note) = try scan(j, label: label, typeName: "date", infer: infer, na: ColumnData.naDay, parse: { k, s, e in
            if let native {
                switch native[k].kind {
                case .date:
                    precision = .day
                    return ValueParsing.dayNumber(excelSerial: native[k].value)
                case .number, .bool: return nil
                case .absent: break
                }
            }
            guard e - s >= 4 else { return nil }
            // Date columns repeat a few hundred texts: a direct-mapped cache keyed by the
            // cell's bytes (up to 16) skips parsing them again.
            let n = e - s
            if n <= 16 && s + 16 <= bufferCount {
                let cache: UnsafeMutablePointer<DateCacheEntry>
                if let made = slots { cache = made } else {
                    cache = .allocate(capacity: 4096)
                    cache.initialize(repeating: DateCacheEntry(w0: 0, w1: 0, length: -1, day: 0, isDate: false, isDay: false), count: 4096)
                    slots = cache
                }
                var w0 = raw.loadUnaligned(fromByteOffset: s, as: UInt64.self)
                var w1 = raw.loadUnaligned(fromByteOffset: s + 8, as: UInt64.self)
                if n < 8 { w0 &= (1 << UInt64(8 * n)) &- 1; w1 = 0 } else if n < 16 { w1 &= (1 << UInt64(8 * (n - 8))) &- 1 }
                let slot = Int(truncatingIfNeeded: ((w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)) >> 52)
                if cache[slot].length == n && cache[slot].w0 == w0 && cache[slot].w1 == w1 {
                    let hit = cache[slot]
                    if hit.isDay { precision = .day }
                    return hit.isDate ? hit.day : nil
                }
                let parsed = format.map { $0.parse(p, s, e) } ?? ValueParsing.parseDate(p, s, e, monthFirst: monthFirst)
                cache[slot] = DateCacheEntry(w0: w0, w1: w1, length: n, day: parsed?.0 ?? 0,
                                             isDate: parsed != nil, isDay: parsed?.1 == .day)
                if parsed?.1 == .day { precision = .day }
                return parsed?.0
            }
            guard let (d, pr) = format.map({ $0.parse(p, s, e) }) ?? ValueParsing.parseDate(p, s, e, monthFirst: monthFirst) else { return nil }
            if pr == .day { precision = .day }
            return d
        }) else { return nil }
        return (values, precision, note)
    }

    /// Whether column `j` writes dates month first: its first present cell has the `NN/NN/YY`
    /// shape, some cell's second field is above 12 and no cell's first field is (`12/31/2008`).
    func isMonthFirst(_ j: Int) -> Bool {
        let sp = table.spans.column(j)
        var r = 0
        while r < rows, table.native?[r * table.width + j].kind ?? .absent == .absent, isMissing(Int(sp[r].start), Int(sp[r].end)) { r += 1 }
        guard r < rows, ValueParsing.leadingFields(p, Int(sp[r].start), Int(sp[r].end)) != nil else { return false }
        var secondAbove12 = false
        while r < rows {
            if let (first, second) = ValueParsing.leadingFields(p, Int(sp[r].start), Int(sp[r].end)) {
                if first > 12 { return false }
                if second > 12 { secondAbove12 = true }
            }
            r += 1
        }
        return secondAbove12
    }

    func bools(_ j: Int, label: String, infer: Bool) throws -> ([Int8], String?)? {
        if infer {
            // Cheap rejection: the first present cell must already be a boolean word.
            let w = table.width
            for r in 0..<rows {
                let k = r * w + j
                let s = table.spans[j, r]
                if let native = table.native, native[k].kind == .bool { break }
                if isMissing(Int(s.start), Int(s.end)) { continue }
                if ValueParsing.parseBool(p, Int(s.start), Int(s.end)) == nil { return nil }
                break
            }
        }
        let native = table.native
        let p = self.p
        let result = try scan(j, label: label, typeName: "bool", infer: infer, na: Int8(-1), parse: { k, s, e in
            if let native {
                switch native[k].kind {
                case .bool: return native[k].value != 0 ? 1 : 0
                case .number, .date: return nil
                case .absent: break
                }
            }
            return ValueParsing.parseBool(p, s, e)
        })
        // Booleans allow no stray words: a column of Oui/Non/Peut-être is text.
        if infer, let (_, note) = result, note != nil { return nil }
        return result
    }

    /// Dictionary-encodes column `j` by its bytes; missing markers are `na` unless quoted.
    func text(_ j: Int) -> Categorical {
        let w = table.width
        var interner = ByteInterner(base: p)
        var codes = [Int32](repeating: -1, count: rows)
        codes.withUnsafeMutableBufferPointer { c in
            let sp = table.spans.column(j)
            for r in 0..<rows {
                let k = r * w + j
                let s = Int(sp[r].start), e = Int(sp[r].end)
                if e - s <= longestMissing, nativeKind(k) == .absent, isMissing(s, e), !wasQuoted(s) { continue }
                c[r] = interner.intern(s, e)
            }
        }
        return Categorical(codes: codes, levels: interner.levels(table.buffer))
    }
}

/// The free-text cells a column of amounts reads as `na`: how many, and the first (counting the
/// few repeated words such a column may also hold, when there is free text too).
struct ProseCells {
    var count = 0
    var words = 0
    var first: (text: String, line: Int)?

    /// `text` is made only for the cell the note quotes (a text column tried as numbers while
    /// inferring passes here for every cell).
    mutating func add(_ text: @autoclosure () -> String, line: Int) {
        count += 1
        if first == nil || line < first!.line { first = (text(), line) }
    }

    mutating func addWord(_ text: String, line: Int) {
        words += 1
        if first == nil || line < first!.line { first = (text, line) }
    }

    /// `column 'Cost': 3 cells of text read as na (first: 'Not provided' on line 4)`; nil
    /// without free text (the repeated words have their own note).
    func note(label: String) -> String? {
        guard count > 0, let first else { return nil }
        let quoted = first.text.count > 60 ? String(first.text.prefix(59)) + "…" : first.text
        return "column '\(label)': \(Prose.counted(count + words, "cell")) of text read as na (first: '\(quoted)' on line \(first.line))"
    }
}
