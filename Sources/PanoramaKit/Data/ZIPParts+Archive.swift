import Deflate

extension ZIPParts {
    /// A ZIP archive holding `parts` (path and bytes) in order, each deflated by zlib (or stored
    /// when `compressed` is false): local headers, then the central directory and its end record
    /// (APPNOTE 4.3). No ZIP64: each part and the whole archive stay under 4 GiB.
    ///
    /// Times are the DOS epoch (1980-01-01 00:00), so the same parts give the same bytes.
    /// - Throws: `DataError` when a part or the archive is too large for a ZIP without ZIP64, or
    ///   zlib cannot allocate its state.
    static func archive(_ parts: [(path: String, bytes: [UInt8])], compressed: Bool = true) throws -> [UInt8] {
        var out: [UInt8] = [], directory: [UInt8] = []
        for (path, bytes) in parts {
            let name = Array(path.utf8)
            let tooLarge = DataError(file: "workbook", "the part '\(path)' is too large for a zip archive (4 GB)")
            guard bytes.count < Int(UInt32.max), name.count <= 0xFFFF else { throw tooLarge }
            let data: [UInt8]
            do { data = compressed ? try RawDeflate.deflate(bytes) : bytes } catch {
                throw DataError(file: "workbook", "cannot compress the part '\(path)': out of memory")
            }
            guard out.count + data.count < Int(UInt32.max) else { throw tooLarge }
            // The fields the local header and the central directory share: version needed 2.0,
            // no flags, the method, DOS time and date, CRC-32, sizes, name length.
            var common: [UInt8] = []
            for (value, width) in [(20, 2), (0, 2), (compressed ? 8 : 0, 2), (0, 2), (0x21, 2),
                                   (Int(RawDeflate.crc32(bytes)), 4), (data.count, 4), (bytes.count, 4),
                                   (name.count, 2), (0, 2)] as [(Int, Int)] {
                common.append(littleEndian: value, width)
            }
            directory.append(littleEndian: 0x0201_4B50, 4)
            directory.append(littleEndian: 20, 2)  // made by: MS-DOS, version 2.0
            directory += common
            // Comment length, disk number, internal and external attributes, local header offset.
            for (value, width) in [(0, 2), (0, 2), (0, 2), (0, 4), (out.count, 4)] { directory.append(littleEndian: value, width) }
            directory += name
            out.append(littleEndian: 0x0403_4B50, 4)
            out += common + name + data
        }
        guard out.count + directory.count < Int(UInt32.max), parts.count <= 0xFFFF else {
            throw DataError(file: "workbook", "the workbook is too large for a zip archive (4 GB)")
        }
        let directoryOffset = out.count
        out += directory
        for (value, width) in [(0x0605_4B50, 4), (0, 2), (0, 2), (parts.count, 2), (parts.count, 2),
                               (directory.count, 4), (directoryOffset, 4), (0, 2)] {
            out.append(littleEndian: value, width)
        }
        return out
    }
}

private extension [UInt8] {
    /// Appends the low `width` bytes of `value`, least significant first.
    mutating func append(littleEndian value: Int, _ width: Int) {
        for k in 0..<width { append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }
}
