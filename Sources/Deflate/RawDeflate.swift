import CZlib

/// Raw deflate streams (RFC 1951, no zlib or gzip wrapper), as ZIP archives hold them, through
/// the system's zlib. Each call works on whole buffers in one pass: the input is all there, and
/// the output never grows past the size the caller allows.
public enum RawDeflate {
    /// The bytes `compressed` unpacks to, which must be exactly `size` bytes.
    ///
    /// Inflates into a buffer of `size + 1` bytes, so a stream that unpacks to more than it
    /// declared (a zip bomb declaring a small size) stops there and throws
    /// `DeflateError.longerThanDeclared` without unpacking further.
    /// The corresponding zlib routines are `inflateInit2` (window bits −15), `inflate` with
    /// `Z_FINISH`, `inflateEnd`.
    /// - Throws: `DeflateError`: `.damaged` for an invalid stream, `.truncated` when the input
    ///   ends before the stream does, `.longerThanDeclared`, `.shorterThanDeclared`, `.outOfMemory`.
    /// - Complexity: O(`compressed.count` + `size`).
    public static func inflate(_ compressed: ArraySlice<UInt8>, size: Int) throws(DeflateError) -> [UInt8] {
        guard size >= 0, size < Int(UInt32.max) else { throw .longerThanDeclared }
        var stream = z_stream()
        guard panorama_inflate_init_raw(&stream) == Z_OK else { throw .outOfMemory }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: size + 1)
        let status = pass(&stream, compressed, into: &out) { CZlib.inflate(&$0, Z_FINISH) }
        let produced = Int(stream.total_out)
        switch status {
        case Z_STREAM_END:
            guard produced <= size else { throw .longerThanDeclared }
            guard produced == size else { throw .shorterThanDeclared }
            out.removeLast()
            return out
        case Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR: throw .damaged
        case Z_MEM_ERROR: throw .outOfMemory
        default:
            // Z_BUF_ERROR or Z_OK: the output is full (more than declared) or the input ran out.
            throw produced > size ? .longerThanDeclared : .truncated
        }
    }

    /// `bytes` compressed as one raw deflate stream.
    ///
    /// The corresponding zlib routines are `deflateInit2` (window bits −15, memory level 8),
    /// `deflateBound`, `deflate` with `Z_FINISH`, `deflateEnd`.
    /// - Parameter level: 0 (stored blocks) to 9 (smallest); 6 is zlib's default.
    /// - Throws: `DeflateError.outOfMemory` when zlib cannot allocate its state.
    public static func deflate(_ bytes: [UInt8], level: Int32 = 6) throws(DeflateError) -> [UInt8] {
        var stream = z_stream()
        guard panorama_deflate_init_raw(&stream, level) == Z_OK else { throw .outOfMemory }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let status = pass(&stream, bytes[...], into: &out) { CZlib.deflate(&$0, Z_FINISH) }
        // `deflateBound` leaves room for the whole stream, so one call ends it.
        guard status == Z_STREAM_END else { throw .outOfMemory }
        out.removeLast(out.count - Int(stream.total_out))
        return out
    }

    /// One call of `step` (inflate or deflate) with the whole input and output lent to zlib;
    /// the pointers are valid only during the call.
    private static func pass(_ stream: inout z_stream, _ input: ArraySlice<UInt8>, into out: inout [UInt8],
                             _ step: (inout z_stream) -> Int32) -> Int32 {
        input.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return step(&stream)
            }
        }
    }

    /// The CRC-32 (ISO 3309, as ZIP and gzip use it) of `bytes`.
    ///
    /// The corresponding zlib routine is `crc32_z`. Example: `crc32(Array("123456789".utf8))`
    /// is `0xCBF43926`.
    public static func crc32(_ bytes: some Collection<UInt8>) -> UInt32 {
        let value = bytes.withContiguousStorageIfAvailable { buffer in
            CZlib.crc32_z(0, buffer.baseAddress, buffer.count)
        } ?? Array(bytes).withUnsafeBufferPointer { buffer in
            CZlib.crc32_z(0, buffer.baseAddress, buffer.count)
        }
        return UInt32(truncatingIfNeeded: value)
    }
}

/// Why a raw deflate stream could not be unpacked or packed.
public enum DeflateError: Error, Equatable, Sendable {
    /// Not a valid deflate stream (a bad block type, code or distance).
    case damaged
    /// The input ended before the stream's last block.
    case truncated
    /// The stream unpacks to more bytes than were declared: unpacking stopped there.
    case longerThanDeclared
    /// The stream ended before producing the declared number of bytes.
    case shorterThanDeclared
    /// zlib could not allocate its state.
    case outOfMemory
}
