import Dispatch
import Foundation

/// Splits a CSV buffer into a header and per-column cell spans, on all cores for large files.
///
/// Unquoted cells are scanned eight bytes at a time (SWAR: a byte equal to the separator, LF
/// or CR is found with the "has zero byte" trick on the XOR of the word). A quoted cell whose
/// bytes must move (a doubled quote, text after the closing quote) is unescaped in place.
///
/// Parallel split: the body is cut into one part per core, each starting after the first line
/// break past its cut. That start is a guess (the break may sit inside a quoted cell); the
/// first part starts on a record for sure, and a part's start is confirmed when the part
/// before it, scanned from a confirmed start, ends exactly there. Parts whose start is a guess
/// record the cells to unescape instead of writing, and do it once confirmed. From the first
/// part that is not confirmed, or that met an error or an unclosed quote, the rest of the body
/// is scanned again sequentially from the last confirmed record start — the same result as
/// one sequential scan, in every case.
struct CSVTokenizer {
    let buffer: ByteBuffer
    let separator: UInt8
    let name: String
    let strict: Bool
    /// Bodies smaller than this are scanned on one core; `parts` is how many parts a larger
    /// one is cut into (tests lower the first and raise the second).
    var parallelBytes = 4 << 20
    var parts = ProcessInfo.processInfo.activeProcessorCount
    /// Polled every 65,536 records: true stops the scan with `Cancelled` (Ctrl-C).
    var isCancelled: @Sendable () -> Bool = { false }

    /// How many records of each kind a scan met that the notes report.
    struct RowCounts {
        var emptyRecords = 0, trailingEmptyFields = 0, padded = 0, cut = 0

        mutating func add(_ other: RowCounts) {
            emptyRecords += other.emptyRecords
            trailingEmptyFields += other.trailingEmptyFields
            padded += other.padded
            cut += other.cut
        }
    }

    /// What one scan of a byte range found.
    final class Part: @unchecked Sendable {
        var store: SpanStore
        var lines: [Int32] = []
        /// The line of the next record, counted from the scan's first line (the body's for the
        /// first part, 0 for the others until they are shifted).
        var line = 0
        var end = 0
        /// Rows dropped, trimmed, padded or cut, for the notes.
        var counts = RowCounts()
        var unclosedAt: Int?
        var error: (any Error)?
        /// Quoted cells whose bytes move when unescaped: (first byte after the opening quote,
        /// end of the cell's raw bytes).
        var fixups: [(Int, Int)] = []
        /// Where the scan was asked to stop: a cell reaching past it is in the next part's
        /// bytes, which that part may be reading, so it is deferred too.
        var limit = Int.max

        /// Whether cells that move are recorded in `fixups` rather than unescaped at once: for
        /// a part whose start is a guess until the part before it ends there.
        let deferWrites: Bool

        init(width: Int, deferWrites: Bool = false) {
            store = SpanStore(width: width, capacity: 4096)
            self.deferWrites = deferWrites
        }
    }

    func tokenize(from start: Int, line firstLine: Int, notes: inout [String]) throws -> CellTable {
        let p = buffer.base
        // The header: the first record that is not all empty.
        let head = Part(width: 0)
        var header: [Span] = []
        var i = start
        var line = firstLine
        var headerLine = firstLine
        let record = RecordBuffer()
        while i < buffer.count {
            let recordLine = line
            let allEmpty = try scanRecord(&i, line: &line, into: record, part: head)
            if allEmpty { continue }
            header = Array(UnsafeBufferPointer(start: record.spans, count: record.count))
            headerLine = recordLine
            break
        }
        let width = header.count
        let body: Part
        if width == 0 {
            body = Part(width: 0)
        } else if buffer.count - i >= parallelBytes && parts > 1,
                  let parts = scanInParallel(from: i, line: line, width: width, parts: parts) {
            body = parts
        } else {
            body = Part(width: width)
            scanRecords(from: i, limit: buffer.count, firstLine: line, width: width, into: body, expectedBytes: buffer.count - i)
        }
        if let error = body.error { throw error }
        let counts = body.counts
        if counts.emptyRecords > 0 { notes.append("dropped \(counts.emptyRecords) empty record\(counts.emptyRecords == 1 ? "" : "s")") }
        if counts.trailingEmptyFields > 0 {
            notes.append("ignored empty fields after the last column in \(counts.trailingEmptyFields) row\(counts.trailingEmptyFields == 1 ? "" : "s")")
        }
        if counts.padded > 0 { notes.append("\(counts.padded) row\(counts.padded == 1 ? " has" : "s have") fewer fields than the header; the missing cells are na") }
        if counts.cut > 0 { notes.append("\(counts.cut) row\(counts.cut == 1 ? " has" : "s have") more fields than the header; the extra cells were dropped") }
        if let unclosed = head.unclosedAt ?? body.unclosedAt {
            notes.append("a quote opened on line \(unclosed) is never closed; the rest of the file is that one cell")
        }
        let labels = header.map { s -> String in
            let (a, b) = ValueParsing.trim(p, Int(s.start), Int(s.end))
            return buffer.string(a, b)
        }
        return CellTable(buffer: buffer, header: labels, spans: body.store, lines: body.lines, width: width,
                         native: nil, headerLine: headerLine)
    }

    // MARK: Parallel split

    /// The body scanned as `parts` ranges on all cores (see the type's documentation); nil
    /// when there is nowhere to split.
    func scanInParallel(from start: Int, line firstLine: Int, width: Int, parts count: Int) -> Part? {
        let end = buffer.count
        var bounds = [start]
        for k in 1..<count {
            let cut = start + (end - start) * k / count
            if let s = lineStart(after: cut), s > bounds.last!, s < end { bounds.append(s) }
        }
        guard bounds.count > 1 else { return nil }
        bounds.append(end)
        let fixed = bounds
        let n = fixed.count - 1
        let results = (0..<n).map { Part(width: width, deferWrites: $0 > 0) }
        let scanner = self
        DispatchQueue.concurrentPerform(iterations: n) { k in
            // The first part counts lines from the body's; the others from 0, shifted below.
            scanner.scanRecords(from: fixed[k], limit: fixed[k + 1], firstLine: k == 0 ? firstLine : 0, width: width, into: results[k],
                                expectedBytes: k == 0 ? end - start : fixed[k + 1] - fixed[k])
        }
        // Parts kept: each starts where the one before ended, with no error and no unclosed quote.
        var kept = 0
        while kept < n {
            let part = results[kept]
            if kept > 0 && results[kept - 1].end != fixed[kept] { break }
            if part.error != nil || part.unclosedAt != nil { break }
            kept += 1
        }
        // The first part scanned from a true record start, writing: if it failed, it is what one
        // sequential scan gives (an error, or an unclosed quote that ran to the end).
        guard kept > 0 else {
            // Its cells that ran past its end (an unclosed quote) were deferred.
            for (fs, rawEnd) in results[0].fixups { unescape(fs, rawEnd) }
            return results[0]
        }
        // Unescape what the confirmed parts deferred, on all cores.
        let fixups = results[0..<kept].flatMap(\.fixups)
        let chunk = 8192
        DispatchQueue.concurrentPerform(iterations: (fixups.count + chunk - 1) / chunk) { c in
            for k in (c * chunk)..<min(fixups.count, (c + 1) * chunk) { scanner.unescape(fixups[k].0, fixups[k].1) }
        }
        // Line numbers of later parts continue those of the parts before.
        let first = results[0]
        var lineOffset = Int32(first.line)
        for part in results[1..<kept] {
            part.lines.withUnsafeMutableBufferPointer { l in for r in 0..<l.count { l[r] &+= lineOffset } }
            lineOffset &+= Int32(part.line)
            first.lines += part.lines
            first.counts.add(part.counts)
        }
        first.store.append(contentsOf: results[1..<kept].map(\.store))
        first.line = Int(lineOffset)
        guard kept < n else { return first }
        // The rest, sequentially, from the last confirmed record start.
        let resume = results[kept - 1].end
        let rest = Part(width: width)
        scanRecords(from: resume, limit: end, firstLine: first.line, width: width, into: rest, expectedBytes: end - resume)
        first.store.append(contentsOf: [rest.store])
        first.lines += rest.lines
        first.line = rest.line
        first.error = rest.error
        first.unclosedAt = rest.unclosedAt
        first.counts.add(rest.counts)
        first.end = rest.end
        return first
    }

    /// The offset just after the first line break at or after `from`.
    func lineStart(after from: Int) -> Int? {
        let p = buffer.base
        var i = from
        while i < buffer.count {
            let b = p[i]
            i += 1
            if b == 0x0A { return i }
            if b == 0x0D { return i < buffer.count && p[i] == 0x0A ? i + 1 : i }
        }
        return nil
    }

    // MARK: Records

    /// One record's spans (grown as needed; freed with the buffer).
    final class RecordBuffer {
        var spans = UnsafeMutablePointer<Span>.allocate(capacity: 64)
        var capacity = 64
        var count = 0

        deinit { spans.deallocate() }

        func append(_ s: Span) {
            if count == capacity {
                let bigger = UnsafeMutablePointer<Span>.allocate(capacity: capacity * 2)
                bigger.update(from: spans, count: count)
                spans.deallocate()
                spans = bigger
                capacity *= 2
            }
            spans[count] = s
            count += 1
        }
    }

    /// Scans records from `start` until one ends at or after `limit`, appending those of the
    /// body to `part` (its `end` is where the scan stopped, its `line` the next line number,
    /// counting from `firstLine`). An error in strict mode is kept in `part.error`.
    func scanRecords(from start: Int, limit: Int, firstLine: Int, width: Int, into part: Part, expectedBytes: Int) {
        var i = start
        var line = firstLine
        part.limit = limit
        let record = RecordBuffer()
        var reserved = false
        do {
            while i < limit {
                let recordLine = line
                let allEmpty = try scanRecord(&i, line: &line, into: record, part: part)
                if allEmpty {
                    if record.count > 1 { part.counts.emptyRecords += 1 }
                    continue
                }
                let count = record.count
                if count != width {
                    if count > width && (width..<count).allSatisfy({ record.spans[$0].start == record.spans[$0].end }) {
                        part.counts.trailingEmptyFields += 1
                    } else if strict {
                        throw DataError(file: name, line: recordLine, column: min(count, width) + 1,
                                        "row has \(count) field\(count == 1 ? "" : "s") but the header has \(width)")
                    } else if count > width {
                        part.counts.cut += 1
                    } else {
                        for _ in count..<width { record.append(Span(start: UInt32(truncatingIfNeeded: i), end: UInt32(truncatingIfNeeded: i))) }
                        part.counts.padded += 1
                    }
                }
                part.store.append(record.spans)
                part.lines.append(Int32(truncatingIfNeeded: recordLine))
                if part.lines.count & 0xFFFF == 0, isCancelled() { throw Cancelled() }
                // Once the first rows show the average row size, reserve for the whole range.
                if !reserved && part.lines.count == 2_000 {
                    reserved = true
                    let perRow = max(1, (i - start) / (part.lines.count + 1))
                    let expected = expectedBytes / perRow + 16
                    let extra = expected + expected / 16
                    part.store.reserve(extra)
                    part.lines.reserveCapacity(extra)
                }
            }
        } catch {
            part.error = error
        }
        part.line = line
        part.end = i
    }

    /// Scans one record from `i` into `record`; returns whether every field was empty and
    /// unquoted. `line` counts the line breaks consumed.
    func scanRecord(_ i: inout Int, line: inout Int, into record: RecordBuffer, part: Part) throws -> Bool {
        let p = buffer.base
        let raw = UnsafeRawPointer(p)
        let end = buffer.count
        let quote: UInt8 = 0x22
        let sep = separator
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let sepWord = ones &* UInt64(sep), lfWord = ones &* 0x0A, crWord = ones &* 0x0D
        record.count = 0
        var allEmpty = true
        while true {
            var fs = i
            var fe: Int
            if i < end && p[i] == quote {
                let openLine = line
                i += 1
                fs = i
                var w = i
                var moved = false
                var closed = false
                while i < end {
                    let b = p[i]
                    if b == quote {
                        if i + 1 < end && p[i + 1] == quote { moved = true; w += 1; i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if b == 0x0A || (b == 0x0D && !(i + 1 < end && p[i + 1] == 0x0A)) { line += 1 }
                    w += 1
                    i += 1
                }
                if !closed {
                    if strict {
                        throw DataError(file: name, line: openLine, column: record.count + 1,
                                        "a quote opens this field and is never closed")
                    }
                    part.unclosedAt = part.unclosedAt ?? openLine
                }
                // Text after the closing quote, up to the separator, stays in the cell.
                while i < end {
                    let b = p[i]
                    if b == sep || b == 0x0A || b == 0x0D { break }
                    moved = true
                    w += 1
                    i += 1
                }
                if moved {
                    if part.deferWrites || i > part.limit { part.fixups.append((fs, i)) } else { unescape(fs, i) }
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
            record.append(Span(start: UInt32(truncatingIfNeeded: fs), end: UInt32(truncatingIfNeeded: fe)))
            if i < end && p[i] == sep { i += 1; continue }
            if i < end {
                if p[i] == 0x0D { i += 1; if i < end && p[i] == 0x0A { i += 1 } } else { i += 1 }
                line += 1
            }
            return allEmpty
        }
    }

    /// Unescapes the quoted cell whose bytes after the opening quote run from `fs` to `rawEnd`:
    /// doubled quotes become one and text after the closing quote moves up, as the scan
    /// computed the cell's span.
    func unescape(_ fs: Int, _ rawEnd: Int) {
        let p = buffer.base
        let end = buffer.count
        var i = fs, w = fs
        while i < rawEnd {
            let b = p[i]
            if b == 0x22 {
                if i + 1 < end && p[i + 1] == 0x22 { p[w] = 0x22; w += 1; i += 2; continue }
                i += 1
                break
            }
            p[w] = b
            w += 1
            i += 1
        }
        while i < rawEnd {
            p[w] = p[i]
            w += 1
            i += 1
        }
    }
}
