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

    /// `split` sets the tokenizer's parallel threshold and part count (tests).
    static func read(buffer raw: ByteBuffer, name: String, options: ReadOptions,
                     split: (bytes: Int, parts: Int)? = nil) throws -> Frame {
        var notes: [String] = []
        var buffer = raw
        var start = 0
        // Byte-order mark: UTF-16 (LE or BE) is decoded to UTF-8 first; UTF-8's is skipped.
        let utf16 = TextEncoding.decodingUTF16(buffer.base, buffer.count)
        if let utf16 { buffer = utf16 }
        let hasBOM = buffer.count >= 3 && buffer.base[0] == 0xEF && buffer.base[1] == 0xBB && buffer.base[2] == 0xBF
        switch utf16 != nil ? .utf8 : options.encoding {
        case nil, .utf8?:
            if let bad = buffer.firstInvalidUTF8() {
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
        var tokenizer = CSVTokenizer(buffer: buffer, separator: separator, name: name, strict: options.strict)
        if let split { (tokenizer.parallelBytes, tokenizer.parts) = split }
        tokenizer.isCancelled = options.isCancelled
        var table = try tokenizer.tokenize(from: start, line: line, notes: &notes)
        try options.checkCancelled()
        table.marksQuotedCells = true
        if table.width == 0 {
            let what = options.skip > 0 ? "nothing is left after skip=\(options.skip): the file has no header line past it" : "the file is empty"
            throw DataError(file: name, line: line, column: 1, what)
        }
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
