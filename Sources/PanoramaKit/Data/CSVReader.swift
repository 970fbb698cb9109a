/// Reads CSV as public data writes it (DESIGN §5), byte by byte, into typed columns.
///
/// RFC 4180 quoting (embedded separators, newlines and doubled quotes), separator sniffed among
/// `,` `;` TAB `|`, LF/CRLF/CR records, UTF-8 with or without BOM, else Windows-1252 (noted).
/// All-empty records and trailing unnamed empty columns are dropped with a note.
///
/// Quoted cells are unescaped in place, so a cell is never copied before its type is known;
/// numbers, dates and booleans are parsed from the bytes, text is interned by its bytes.
public enum CSVReader {
    /// Reads CSV text (tests, the fuzz target). `name` is used in messages.
    public static func read(bytes: some Collection<UInt8>, name: String = "data.csv",
                            options: ReadOptions = ReadOptions()) throws -> Frame {
        try read(buffer: ByteBuffer(bytes), name: name, options: options)
    }

    public static func read(text: String, name: String = "data.csv", options: ReadOptions = ReadOptions()) throws -> Frame {
        try read(bytes: Array(text.utf8), name: name, options: options)
    }

    static func read(buffer raw: ByteBuffer, name: String, options: ReadOptions) throws -> Frame {
        var notes: [String] = []
        var buffer = raw
        var start = 0
        // Byte-order mark.
        let hasBOM = buffer.count >= 3 && buffer.base[0] == 0xEF && buffer.base[1] == 0xBB && buffer.base[2] == 0xBF
        switch options.encoding {
        case nil, .utf8?:
            if let bad = TextEncoding.firstInvalidUTF8(buffer.base, buffer.count) {
                if options.encoding == nil {
                    buffer = TextEncoding.transcodeToUTF8(buffer.base, buffer.count, from: .windows1252)
                    notes.append("\(name) is not utf-8; read as windows-1252 (say encoding= to choose)")
                } else if options.strict {
                    let (line, column) = position(of: bad, in: buffer, separator: options.separator ?? sniff(buffer, from: hasBOM ? 3 : 0))
                    let hex = String(buffer.base[bad], radix: 16, uppercase: true)
                    throw DataError(file: name, line: line, column: column,
                                    "byte 0x\(hex) is not utf-8; the file may be windows-1252 (try encoding=\"windows-1252\")")
                } else {
                    let text = String(decoding: UnsafeBufferPointer(start: buffer.base, count: buffer.count), as: UTF8.self)
                    let replaced = text.utf8.count
                    buffer = ByteBuffer(text.utf8)
                    _ = replaced
                    notes.append("\(name) has bytes that are not utf-8; they read as '\u{FFFD}'")
                }
            } else if hasBOM {
                start = 3
            }
        case let e?:
            buffer = TextEncoding.transcodeToUTF8(buffer.base, buffer.count, from: e)
        }
        // Skipped lines.
        var line = 1
        if options.skip > 0 {
            var skipped = 0
            while start < buffer.count && skipped < options.skip {
                let b = buffer.base[start]
                start += 1
                if b == 0x0A || (b == 0x0D && !(start < buffer.count && buffer.base[start] == 0x0A)) { skipped += 1; line += 1 }
            }
        }
        let separator = options.separator ?? sniff(buffer, from: start)
        var table = try tokenize(buffer, from: start, line: line, separator: separator, name: name,
                                 strict: options.strict, notes: &notes)
        if table.width == 0 { throw DataError(file: name, line: line, column: 1, "the file is empty") }
        let decimal = options.decimal ?? (separator == 0x3B ? 0x2C : 0x2E)
        var frame = try FrameBuilder(table: table, name: name, options: options, defaultDecimal: decimal,
                                     decimalGiven: options.decimal != nil, headerLine: table.headerLine).build()
        frame.notes = notes + frame.notes
        return frame
    }

    // MARK: Separator sniffing

    /// The separator among `,` `;` TAB `|` that splits the first records most consistently
    /// into the most fields (quote-aware); `,` when none splits anything.
    static func sniff(_ buffer: ByteBuffer, from start: Int) -> UInt8 {
        let limit = min(buffer.count, start + 65_536)
        var best: (separator: UInt8, consistency: Double, fields: Int) = (0x2C, -1, 1)
        for candidate: UInt8 in [0x2C, 0x3B, 0x09, 0x7C] {
            var counts: [Int] = []
            var fields = 1
            var inQuotes = false
            var atFieldStart = true
            var i = start
            var complete = false
            while i < limit && counts.count < 30 {
                let b = buffer.base[i]
                if inQuotes {
                    if b == 0x22 {
                        if i + 1 < limit && buffer.base[i + 1] == 0x22 { i += 2; continue }
                        inQuotes = false
                    }
                    i += 1
                    continue
                }
                if b == 0x22 && atFieldStart { inQuotes = true; atFieldStart = false; i += 1; continue }
                if b == candidate { fields += 1; atFieldStart = true; i += 1; continue }
                if b == 0x0A || b == 0x0D {
                    if b == 0x0D && i + 1 < limit && buffer.base[i + 1] == 0x0A { i += 1 }
                    counts.append(fields)
                    fields = 1
                    atFieldStart = true
                    i += 1
                    continue
                }
                atFieldStart = false
                i += 1
            }
            if i >= buffer.count && !inQuotes { counts.append(fields); complete = true }
            _ = complete
            guard let header = counts.first, header > 1 else { continue }
            let rows = counts.count > 1 ? Array(counts.dropFirst()) : counts
            let consistency = Double(rows.filter { $0 == header }.count) / Double(rows.count)
            if consistency > best.consistency || (consistency == best.consistency && header > best.fields) {
                best = (candidate, consistency, header)
            }
        }
        return best.separator
    }

    // MARK: Tokenizing

    /// Splits the buffer into a header and per-column cell spans, unescaping quoted cells in place.
    ///
    /// Unquoted cells are scanned eight bytes at a time (SWAR: a byte equal to the separator,
    /// LF or CR is found with the "has zero byte" trick on the XOR of the word).
    static func tokenize(_ buffer: ByteBuffer, from start: Int, line firstLine: Int, separator sep: UInt8,
                         name: String, strict: Bool, notes: inout [String]) throws -> CellTable {
        let p = buffer.base
        let raw = UnsafeRawPointer(p)
        let end = buffer.count
        let quote: UInt8 = 0x22
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let sepWord = ones &* UInt64(sep), lfWord = ones &* 0x0A, crWord = ones &* 0x0D
        var i = start
        var line = firstLine
        var columns = SpanStore(width: 0)
        var recordCapacity = 64
        var record = UnsafeMutablePointer<Span>.allocate(capacity: recordCapacity)
        var count = 0
        defer { record.deallocate() }
        var lines: [Int32] = []
        var header: [Span] = []
        var headerLine = firstLine
        var width = -1
        var emptyRecords = 0, trailingEmptyFields = 0, padded = 0, cut = 0, reserved = false
        var unclosedAt: Int?

        while i < end {
            let recordLine = line
            count = 0
            var allEmpty = true
            while true {
                var fs = i
                var fe: Int
                if i < end && p[i] == quote {
                    let openLine = line
                    i += 1
                    fs = i
                    var w = i
                    var closed = false
                    while i < end {
                        let b = p[i]
                        if b == quote {
                            if i + 1 < end && p[i + 1] == quote { p[w] = quote; w += 1; i += 2; continue }
                            i += 1
                            closed = true
                            break
                        }
                        if b == 0x0A || (b == 0x0D && !(i + 1 < end && p[i + 1] == 0x0A)) { line += 1 }
                        if w != i { p[w] = b }   // bytes move only after a doubled quote
                        w += 1
                        i += 1
                    }
                    if !closed {
                        if strict {
                            throw DataError(file: name, line: openLine, column: count + 1,
                                            "a quote opens this field and is never closed")
                        }
                        unclosedAt = unclosedAt ?? openLine
                    }
                    // Text after the closing quote, up to the separator, stays in the cell.
                    while i < end {
                        let b = p[i]
                        if b == sep || b == 0x0A || b == 0x0D { break }
                        p[w] = b
                        w += 1
                        i += 1
                    }
                    fe = w
                    allEmpty = false     // a quoted cell, even "", is written on purpose
                } else {
                    scan: while i + 8 <= end {
                        let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        let a = v ^ sepWord, b = v ^ lfWord, c = v ^ crWord
                        let hits = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
                        if hits != 0 { i += hits.trailingZeroBitCount >> 3; break scan }
                        i += 8
                    }
                    if i + 8 > end {
                        while i < end {
                            let b = p[i]
                            if b == sep || b == 0x0A || b == 0x0D { break }
                            i += 1
                        }
                    }
                    fe = i
                }
                if fe > fs { allEmpty = false }
                if count == recordCapacity {
                    let bigger = UnsafeMutablePointer<Span>.allocate(capacity: recordCapacity * 2)
                    bigger.update(from: record, count: count)
                    record.deallocate()
                    record = bigger
                    recordCapacity *= 2
                }
                record[count] = Span(start: UInt32(truncatingIfNeeded: fs), end: UInt32(truncatingIfNeeded: fe))
                count += 1
                if i < end && p[i] == sep { i += 1; continue }
                if i < end {
                    if p[i] == 0x0D { i += 1; if i < end && p[i] == 0x0A { i += 1 } } else { i += 1 }
                    line += 1
                }
                break
            }
            if allEmpty {
                if width >= 0 && count > 1 { emptyRecords += 1 }
                continue
            }
            if width < 0 {
                width = count
                header = Array(UnsafeBufferPointer(start: record, count: count))
                headerLine = recordLine
                columns = SpanStore(width: width, capacity: 4096)
                continue
            }
            if count != width {
                if count > width && (width..<count).allSatisfy({ record[$0].start == record[$0].end }) {
                    trailingEmptyFields += 1
                } else if strict {
                    throw DataError(file: name, line: recordLine, column: min(count, width) + 1,
                                    "row has \(count) field\(count == 1 ? "" : "s") but the header has \(width)")
                } else if count > width {
                    cut += 1
                } else {
                    if width > recordCapacity {
                        let bigger = UnsafeMutablePointer<Span>.allocate(capacity: width)
                        bigger.update(from: record, count: count)
                        record.deallocate()
                        record = bigger
                        recordCapacity = width
                    }
                    for k in count..<width { record[k] = Span(start: UInt32(truncatingIfNeeded: i), end: UInt32(truncatingIfNeeded: i)) }
                    padded += 1
                }
            }
            columns.append(record)
            lines.append(Int32(truncatingIfNeeded: recordLine))
            // Once the first rows show the average row size, reserve for the whole file.
            if !reserved && lines.count == 2_000 {
                reserved = true
                let perRow = max(1, (i - start) / (lines.count + 1))
                let expected = (end - start) / perRow + 16
                let extra = expected + expected / 16
                columns.reserve(extra)
                lines.reserveCapacity(extra)
            }
        }
        if width < 0 { width = 0 }
        if emptyRecords > 0 { notes.append("dropped \(emptyRecords) empty record\(emptyRecords == 1 ? "" : "s")") }
        if trailingEmptyFields > 0 {
            notes.append("ignored empty fields after the last column in \(trailingEmptyFields) row\(trailingEmptyFields == 1 ? "" : "s")")
        }
        if padded > 0 { notes.append("\(padded) row\(padded == 1 ? " has" : "s have") fewer fields than the header; the missing cells are na") }
        if cut > 0 { notes.append("\(cut) row\(cut == 1 ? " has" : "s have") more fields than the header; the extra cells were dropped") }
        if let unclosedAt { notes.append("a quote opened on line \(unclosedAt) is never closed; the rest of the file is that one cell") }
        let labels = header.map { s -> String in
            let (a, b) = ValueParsing.trim(p, Int(s.start), Int(s.end))
            return buffer.string(a, b)
        }
        return CellTable(buffer: buffer, header: labels, spans: columns, lines: lines, width: width,
                         native: nil, headerLine: headerLine)
    }

    /// The line and field number of byte `offset` (for messages about one byte).
    static func position(of offset: Int, in buffer: ByteBuffer, separator: UInt8) -> (Int, Int) {
        var line = 1, field = 1, inQuotes = false, atStart = true
        var i = 0
        while i < offset && i < buffer.count {
            let b = buffer.base[i]
            if inQuotes {
                if b == 0x22 && i + 1 < buffer.count && buffer.base[i + 1] == 0x22 { i += 2; continue }
                if b == 0x22 { inQuotes = false }
                else if b == 0x0A || (b == 0x0D && !(i + 1 < buffer.count && buffer.base[i + 1] == 0x0A)) { line += 1 }
            } else if b == 0x22 && atStart {
                inQuotes = true
            } else if b == separator {
                field += 1; atStart = true; i += 1; continue
            } else if b == 0x0A || (b == 0x0D && !(i + 1 < buffer.count && buffer.base[i + 1] == 0x0A)) {
                line += 1; field = 1; atStart = true; i += 1; continue
            }
            atStart = false
            i += 1
        }
        return (line, field)
    }
}
