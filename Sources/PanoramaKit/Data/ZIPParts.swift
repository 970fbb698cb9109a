import Foundation
import ZIPFoundation

/// The parts of a ZIP archive held in memory, read with every offset and size checked against
/// the bytes (ZIPFoundation's in-memory archive traps on some damaged archives, found by fuzzing);
/// ZIPFoundation only inflates. Stored and deflated parts; no ZIP64, no encryption.
struct ZIPParts {
    struct Entry {
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        /// Where the part's data starts.
        var dataOffset: Int
    }

    let bytes: [UInt8]
    let file: String
    private(set) var entries: [String: Entry] = [:]

    /// Reads the central directory. Throws a `DataError` when `bytes` is not a ZIP archive.
    init(_ bytes: [UInt8], file: String) throws {
        self.bytes = bytes
        self.file = file
        let notZip = DataError(file: file, "is not an xlsx workbook (not a zip archive)")
        // The end-of-central-directory record: in the last 22 + 65,535 bytes.
        var end = -1
        var i = bytes.count - 22
        while i >= 0 && i >= bytes.count - 22 - 65_535 {
            if u32(i) == 0x0605_4B50 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw notZip }
        let count = u16(end + 10), directorySize = u32(end + 12), directoryOffset = u32(end + 16)
        guard Int(directoryOffset) + Int(directorySize) <= end else { throw notZip }
        var at = Int(directoryOffset)
        for _ in 0..<count {
            guard at + 46 <= end, u32(at) == 0x0201_4B50 else { throw notZip }
            let nameLength = Int(u16(at + 28)), extra = Int(u16(at + 30)), comment = Int(u16(at + 32))
            let local = Int(u32(at + 42))
            guard at + 46 + nameLength <= end, local + 30 <= bytes.count, u32(local) == 0x0403_4B50 else { throw notZip }
            let name = String(decoding: bytes[at + 46..<at + 46 + nameLength], as: UTF8.self)
            let dataOffset = local + 30 + Int(u16(local + 26)) + Int(u16(local + 28))
            let entry = Entry(method: Int(u16(at + 10)), crc: u32(at + 16), compressedSize: Int(u32(at + 20)),
                              size: Int(u32(at + 24)), dataOffset: dataOffset)
            guard dataOffset + entry.compressedSize <= bytes.count else { throw notZip }
            entries[name] = entry
            at += 46 + nameLength + extra + comment
        }
    }

    /// The part's bytes, nil when there is no such part. Unpacking stops past `bound` bytes
    /// (a zip bomb) and the CRC is checked.
    func part(_ path: String, bound: Int) throws -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        let tooBig = DataError(file: file, "the workbook part '\(path)' unpacks to more than \(MemoryBudget.text(bound)), "
                               + "more than the memory available allows")
        let damaged = DataError(file: file, "the workbook part '\(path)' is damaged")
        guard entry.size <= bound else { throw tooBig }
        let start = entry.dataOffset, stored = start..<start + entry.compressedSize
        var out: [UInt8] = []
        switch entry.method {
        case 0:
            out = Array(bytes[stored])
        case 8:
            let source = Data(bytes[stored])
            do {
                _ = try Data.decompress(size: Int64(entry.compressedSize), bufferSize: 1 << 16, skipCRC32: true, provider: { position, size in
                    // A truncated deflate stream asks for more than there is: stop (else inflate loops).
                    let from = Int(position)
                    guard from < source.count else { throw damaged }
                    return source.subdata(in: from..<min(source.count, from + size))
                }, consumer: { chunk in
                    guard out.count + chunk.count <= bound else { throw tooBig }
                    out += chunk
                })
            } catch let error as DataError {
                throw error
            } catch {
                throw damaged
            }
        default:
            throw DataError(file: file, "the workbook part '\(path)' uses a compression method panorama does not read (\(entry.method))")
        }
        guard Data(out).crc32(checksum: 0) == entry.crc else { throw damaged }
        return out
    }

    private func u16(_ i: Int) -> UInt16 { UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 }
    private func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
}
