/// The text encodings a data file may be in, and conversion to UTF-8.
public enum TextEncoding: String, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "latin-1"

    /// The encoding a user named (`"utf-8"`, `"UTF8"`, `"latin1"`, `"iso-8859-1"`, `"cp1252"`…).
    public init?(name: String) {
        switch String(name.lowercased().map { $0 == "_" ? "-" : $0 }) {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win1252", "windows1252": self = .windows1252
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso-8859-15", "latin9": self = .latin1
        default: return nil
        }
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all are.
    ///
    /// Rejects overlong forms, surrogates and code points above U+10FFFF (RFC 3629).
    /// - Complexity: O(n); ASCII runs are checked eight bytes at a time.
    static func firstInvalidUTF8(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        let raw = UnsafeRawPointer(p)
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // ASCII fast path, sixteen bytes at a time.
            while i + 16 <= n,
                  (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) & highs == 0 {
                i += 16
            }
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highs
                if w == 0 { i += 8; continue }
                i += w.trailingZeroBitCount >> 3
            }
            guard i < n else { break }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            // The common case in French text: a two-byte sequence (é = C3 A9).
            if b >= 0xC2 && b <= 0xDF {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return i }
                i += 2
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            let c1 = p[i + 1]
            guard c1 >= lo && c1 <= hi, p[i + 2] & 0xC0 == 0x80 else { return i }
            if need == 3 { guard p[i + 3] & 0xC0 == 0x80 else { return i } }
            i += need + 1
        }
        return nil
    }

    /// Windows-1252's characters for bytes 0x80–0x9F (undefined ones as their Latin-1 controls).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The bytes converted from a single-byte encoding to UTF-8.
    static func transcodeToUTF8(_ p: UnsafePointer<UInt8>, _ n: Int, from encoding: TextEncoding) -> ByteBuffer {
        var extra = 0
        for i in 0..<n where p[i] >= 0x80 { extra += 2 }
        let out = ByteBuffer(count: n + extra)
        var w = 0
        let o = out.base
        for i in 0..<n {
            let b = p[i]
            if b < 0x80 { o[w] = b; w += 1; continue }
            let scalar: UInt32 = (encoding == .windows1252 && b < 0xA0) ? windows1252High[Int(b - 0x80)] : UInt32(b)
            if scalar < 0x800 {
                o[w] = UInt8(0xC0 | (scalar >> 6)); o[w + 1] = UInt8(0x80 | (scalar & 0x3F)); w += 2
            } else {
                o[w] = UInt8(0xE0 | (scalar >> 12)); o[w + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                o[w + 2] = UInt8(0x80 | (scalar & 0x3F)); w += 3
            }
        }
        return w == out.count ? out : ByteBuffer(UnsafeBufferPointer(start: o, count: w))
    }
}

/// A 64-bit content hash of a file's bytes, as 16 hex digits (for notebooks' provenance line).
///
/// FNV-1a 64 applied to the bytes read as little-endian 8-byte words (then the remaining bytes
/// one by one), so that hashing a 100 MB file costs a few milliseconds. A file longer than
/// `ContentHash.piece` (8 MiB) is hashed piece by piece — as the parallel reader does while
/// the pieces are in cache — and the pieces' hashes are combined by the same FNV-1a, one word
/// each. Not cryptographic.
public func contentHash(_ bytes: UnsafeRawBufferPointer) -> String {
    let n = bytes.count
    guard let base = bytes.baseAddress, n > ContentHash.piece else {
        return ContentHash.hex(ContentHash.piece(bytes.baseAddress, n))
    }
    let pieces = stride(from: 0, to: n, by: ContentHash.piece).map { start in
        ContentHash.piece(base + start, min(ContentHash.piece, n - start))
    }
    return ContentHash.hex(ContentHash.combine(pieces))
}

enum ContentHash {
    static let piece = 8 << 20
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a 64 of one piece, by words.
    static func piece(_ base: UnsafeRawPointer?, _ n: Int) -> UInt64 {
        var h = basis
        var i = 0
        if let base {
            while i + 8 <= n {
                h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
                i += 8
            }
            while i < n {
                h = (h ^ UInt64(base.load(fromByteOffset: i, as: UInt8.self))) &* prime
                i += 1
            }
        }
        return h
    }

    /// One piece: its own hash; several: FNV-1a 64 over their hashes.
    static func combine(_ pieces: [UInt64]) -> UInt64 {
        guard pieces.count > 1 else { return pieces.first ?? basis }
        return pieces.reduce(basis) { ($0 ^ $1) &* prime }
    }

    static func hex(_ h: UInt64) -> String {
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension TextEncoding {
    /// A file starting with a UTF-16 byte-order mark (FF FE little-endian, FE FF big-endian)
    /// as UTF-8 without the mark (a lone surrogate reads as U+FFFD); nil for any other file.
    static func decodingUTF16(_ base: UnsafePointer<UInt8>, _ count: Int) -> ByteBuffer? {
        guard count >= 2 else { return nil }
        let little: Bool
        switch (base[0], base[1]) {
        case (0xFF, 0xFE): little = true
        case (0xFE, 0xFF): little = false
        default: return nil
        }
        let units = (count - 2) / 2
        var codeUnits = [UInt16](repeating: 0, count: units)
        for k in 0..<units {
            let a = UInt16(base[2 + 2 * k]), b = UInt16(base[3 + 2 * k])
            codeUnits[k] = little ? a | b << 8 : a << 8 | b
        }
        return ByteBuffer(String(decoding: codeUnits, as: UTF16.self).utf8)
    }
}
