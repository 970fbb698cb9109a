import Foundation

/// Per-column results written by concurrent workers, each to its own slot.
final class ColumnResults: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<Result<(ColumnData, String?, String?), any Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}

/// One slot of the date parser's cache: the cell's bytes (zero-padded) and what they parsed to.
struct DateCacheEntry {
    var w0: UInt64
    var w1: UInt64
    var length: Int
    var day: Int32
    var isDate: Bool
    var isDay: Bool
}

/// Interns byte strings of one buffer: an open-addressing table from bytes to a level code.
struct ByteInterner {
    struct Entry {
        var hash: UInt64
        var start: Int
        var end: Int
    }

    let base: UnsafeMutablePointer<UInt8>
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    private var entries: [Entry] = []

    init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

    @inline(__always)
    func hash(_ s: Int, _ e: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(e - s)
        var i = s
        let raw = UnsafeRawPointer(base)
        while i + 8 <= e {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        if i < e && e - s >= 8 {
            tail = raw.loadUnaligned(fromByteOffset: e - 8, as: UInt64.self)   // the last 8 bytes, overlapping
        } else {
            var shift: UInt64 = 0
            while i < e { tail |= UInt64(base[i]) << shift; shift += 8; i += 1 }
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    @inline(__always)
    func equal(_ a: Int, _ b: Int, _ n: Int) -> Bool {
        let raw = UnsafeRawPointer(base)
        var k = 0
        while k + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: a + k, as: UInt64.self) != raw.loadUnaligned(fromByteOffset: b + k, as: UInt64.self) { return false }
            k += 8
        }
        while k < n { if base[a + k] != base[b + k] { return false }; k += 1 }
        return true
    }

    /// The code of the bytes `[s, e)`, adding a level for bytes not seen before.
    mutating func intern(_ s: Int, _ e: Int) -> Int32 {
        let h = hash(s, e)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        let n = e - s
        let found: Int32? = slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                while true {
                    let code = slots[i]
                    if code < 0 { return nil }
                    let entry = entries[Int(code)]
                    if entry.hash == h, entry.end - entry.start == n, equal(entry.start, s, n) { return code }
                    i = (i + 1) & mask
                }
            }
        }
        if let found { return found }
        let code = Int32(entries.count)
        entries.append(Entry(hash: h, start: s, end: e))
        slots[i] = code
        if entries.count * 2 > slots.count { grow() }
        return code
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (c, entry) in entries.enumerated() {
            var i = Int(truncatingIfNeeded: entry.hash) & mask
            while bigger[i] >= 0 { i = (i + 1) & mask }
            bigger[i] = Int32(c)
        }
        slots = bigger
    }

    func levels(_ buffer: ByteBuffer) -> [String] {
        entries.map { buffer.string($0.start, $0.end) }
    }
}
