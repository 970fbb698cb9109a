import Foundation
import LinearAlgebra

/// Reads data files (CSV, XLSX, JSON) into frames.
public enum DataReader {
    /// Reads the file at `path`: XLSX by its extension (or ZIP signature), JSON (the §4 frame
    /// shape, an array of row objects, or JSON Lines) by its extension or a first `{`/`[`,
    /// CSV otherwise. A file that is none of these (Parquet, a ZIP without a workbook, binary
    /// data) is refused in one line: `data.parquet: not a CSV/XLSX/JSON file (Parquet)`.
    ///
    /// - Parameter displayName: the name used in messages (default: `path` as given).
    /// - Returns: the frame (with its notes) and the content hash of the file's bytes.
    /// - Throws: `DataError` naming file, line and column.
    public static func load(path: String, options: ReadOptions = ReadOptions(),
                            displayName: String? = nil) throws -> (frame: Frame, hash: String) {
        let name = displayName ?? path
        let (buffer, hash) = try readFile(path, name: name)
        try options.checkCancelled()
        let bytes = UnsafeBufferPointer(start: buffer.base, count: buffer.count)
        let lower = path.lowercased()
        let isZip = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        if bytes.starts(with: Array("PAR1".utf8)) { throw DataError(file: name, "not a CSV/XLSX/JSON file (Parquet)") }
        if isZip && !contains(bytes, "xl/workbook.xml") {
            throw DataError(file: name, "not a CSV/XLSX/JSON file (a zip archive without a workbook)")
        }
        if isZip || lower.hasSuffix(".xlsx") {
            return (try XLSXReader.read(bytes: Array(bytes), name: name, options: options), hash)
        }
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !utf16 && bytes.prefix(4096).contains(0) { throw DataError(file: name, "not a CSV/XLSX/JSON file (binary data)") }
        let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 < 0x80 })
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") || first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return (try JSONReader.read(bytes: Array(bytes), name: name), hash)
        }
        return (try CSVReader.read(buffer: buffer, name: name, options: options), hash)
    }

    /// Whether `text`'s bytes occur in `bytes` (a ZIP's central directory stores names as is).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        bytes.firstRange(of: Array(text.utf8)) != nil
    }

    /// The whole file, read with POSIX calls into one buffer.
    ///
    /// The file is read in pieces of `ContentHash.piece` bytes on all cores (`pread`; a file up
    /// to that size is one piece), and each piece is hashed and checked for UTF-8 right after
    /// it is read, while it is in cache:
    /// most of the cost of reading is the first touch of the buffer's pages, which the cores
    /// share, and the two checks then cost no second pass over memory.
    /// - Returns: the bytes (their UTF-8 check recorded on the buffer) and their content hash.
    static func readFile(_ path: String, name: String) throws -> (buffer: ByteBuffer, hash: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : errno == EACCES ? "permission denied" : "cannot open the file"
            throw DataError(file: name, reason)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw DataError(file: name, "cannot read the file") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw DataError(file: name, "is a directory, not a data file") }
        // A FIFO, /dev/stdin or a /proc file reports no size (or a wrong one): read it as a stream.
        if (st.st_mode & S_IFMT) != S_IFREG || st.st_size == 0 { return try readStream(fd, name: name) }
        let size = Int(st.st_size)
        guard size < Int(UInt32.max) - 16 else { throw DataError(file: name, "files over 4 GB are not supported") }
        let buffer = ByteBuffer(count: size)
        let piece = ContentHash.piece
        let pieces = max(1, (size + piece - 1) / piece)
        // Per piece: bytes read, hash, where UTF-8 checking started and where it stopped.
        let results = UnsafeMutableBufferPointer<PieceResult>.allocate(capacity: pieces)
        defer { results.deallocate() }
        let sharedResults = SharedPointer(results.baseAddress!), bytes = SharedPointer(buffer.base)
        DispatchQueue.concurrentPerform(iterations: pieces) { k in
            let start = k * piece, end = min(size, start + piece)
            var done = start
            while done < end {
                let r = pread(fd, bytes.base + done, end - done, off_t(done))
                if r < 0 { if errno == EINTR { continue }; break }
                if r == 0 { break }
                done += r
            }
            guard done == end else {
                sharedResults[k] = PieceResult(complete: false, hash: 0, checkedFrom: start, stoppedAt: nil)
                return
            }
            let hash = ContentHash.piece(bytes.base + start, end - start)
            // Start at a sequence's first byte: up to three continuation bytes belong to the
            // previous piece's last character (checked at the boundary below).
            var from = start
            while k > 0 && from < min(end, start + 3) && bytes.base[from] & 0xC0 == 0x80 { from += 1 }
            let stopped = TextEncoding.firstInvalidUTF8(bytes.base + from, end - from).map { from + $0 }
            sharedResults[k] = PieceResult(complete: true, hash: hash, checkedFrom: from, stoppedAt: stopped)
        }
        guard results.allSatisfy(\.complete) else { throw DataError(file: name, "the file changed while it was read") }
        let hash = ContentHash.hex(ContentHash.combine(results.map(\.hash)))
        // A piece's check that stopped in its last three bytes may have met a character cut
        // by the boundary: check from there to where the next piece's check started.
        var firstInvalid: Int?
        for k in 0..<pieces {
            let end = min(size, (k + 1) * piece)
            let next = k + 1 < pieces ? results[k + 1].checkedFrom : size
            var tail = end
            if let stopped = results[k].stoppedAt {
                if stopped < end - 3 { firstInvalid = stopped; break }
                tail = stopped
            }
            if tail < next, let bad = TextEncoding.firstInvalidUTF8(buffer.base + tail, next - tail) {
                firstInvalid = tail + bad
                break
            }
        }
        buffer.knownFirstInvalidUTF8 = .some(firstInvalid)
        return (buffer, hash)
    }
}

extension DataReader {
    /// Everything `fd` gives until its end, for files that are not regular (pipes, devices,
    /// /proc): the same buffer, UTF-8 check and content hash as `readFile`.
    static func readStream(_ fd: Int32, name: String) throws -> (buffer: ByteBuffer, hash: String) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let r = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if r < 0 { if errno == EINTR { continue }; throw DataError(file: name, "cannot read the file") }
            if r == 0 { break }
            bytes += chunk[0..<r]
            guard bytes.count < Int(UInt32.max) - 16 else { throw DataError(file: name, "files over 4 GB are not supported") }
        }
        let buffer = ByteBuffer(bytes)
        let pieces = stride(from: 0, to: max(buffer.count, 1), by: ContentHash.piece).map { start in
            ContentHash.piece(buffer.base + start, min(ContentHash.piece, buffer.count - start))
        }
        buffer.knownFirstInvalidUTF8 = .some(TextEncoding.firstInvalidUTF8(buffer.base, buffer.count))
        return (buffer, ContentHash.hex(ContentHash.combine(pieces)))
    }
}

/// What one worker of `readFile` found in its piece.
private struct PieceResult {
    var complete: Bool
    var hash: UInt64
    var checkedFrom: Int
    var stoppedAt: Int?
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
