import Foundation
import Deflate

/// The parts of a ZIP archive held in memory, read with every offset and size checked against
/// the bytes (ZIPFoundation's in-memory archive trapped on damaged archives, and its streaming
/// inflate crashed zlib, both found by fuzzing). Stored and deflated parts, inflated by zlib in one
/// pass into the declared size; no ZIP64, no encryption.
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

    /// The part's bytes, nil when there is no such part.
    ///
    /// A part declaring more than `bound` bytes is refused before unpacking; a deflated part is
    /// inflated (zlib, through `RawDeflate`) into exactly its declared size, so one that unpacks to
    /// more (a zip bomb declaring a small size) stops there. The CRC is checked.
    /// - Throws: a one-line `DataError` naming the part.
    func part(_ path: String, bound: Int) throws -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        func failure(_ why: String) -> DataError { DataError(file: file, "the workbook part '\(path)' \(why)") }
        guard entry.size <= bound else {
            throw failure("unpacks to more than \(MemoryBudget.text(bound)), more than the memory available allows")
        }
        let stored = bytes[entry.dataOffset..<entry.dataOffset + entry.compressedSize]
        let out: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else { throw failure("is damaged (its sizes differ but it is stored uncompressed)") }
            out = Array(stored)
        case 8:
            do {
                out = try RawDeflate.inflate(stored, size: entry.size)
            } catch {
                switch error {
                case .damaged: throw failure("is damaged (not a valid deflate stream)")
                case .truncated: throw failure("is damaged (its deflate stream is cut short)")
                case .shorterThanDeclared: throw failure("is damaged (it unpacks to fewer than its declared \(entry.size) bytes)")
                case .longerThanDeclared:
                    throw failure("unpacks to more than its declared \(entry.size) bytes (a damaged part or a zip bomb); unpacking stopped there")
                case .outOfMemory: throw failure("cannot be unpacked: out of memory")
                }
            }
        default:
            throw failure("uses a compression method panorama does not read (\(entry.method))")
        }
        guard RawDeflate.crc32(out) == entry.crc else { throw failure("is damaged (its CRC-32 does not match)") }
        return out
    }

    private func u16(_ i: Int) -> UInt16 { UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 }
    private func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
}
