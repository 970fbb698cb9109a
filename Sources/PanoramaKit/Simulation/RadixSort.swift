/// Stable LSD radix sorts of doubles by their bit patterns, for the Iman–Conover reordering
/// (two sorts of a few thousand values per project and chunk, where a comparison sort with a
/// closure took two thirds of the run).
///
/// A double's bits map to an unsigned key in the same order (negative: all bits flipped;
/// otherwise the sign bit set), so eight byte-wide counting passes sort it; a pass whose byte
/// is the same for every key is skipped (the sign and exponent bytes of draws from one
/// distribution often are). Stable, so equal values keep their input order, as the stable
/// comparison sort did (−0 sorts before +0, which it did not distinguish).
enum RadixSort {
    @inline(__always)
    static func key(_ v: Double) -> UInt64 {
        let b = v.bitPattern
        return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
    }

    @inline(__always)
    static func value(_ k: UInt64) -> Double {
        Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
    }

    /// Reusable buffers for sorting up to `capacity` values.
    final class Scratch {
        let capacity: Int
        let keys: UnsafeMutablePointer<UInt64>
        let keys2: UnsafeMutablePointer<UInt64>
        let index: UnsafeMutablePointer<Int32>
        let index2: UnsafeMutablePointer<Int32>

        init(capacity: Int) {
            self.capacity = capacity
            keys = .allocate(capacity: capacity)
            keys2 = .allocate(capacity: capacity)
            index = .allocate(capacity: capacity)
            index2 = .allocate(capacity: capacity)
        }

        deinit {
            keys.deallocate()
            keys2.deallocate()
            index.deallocate()
            index2.deallocate()
        }
    }

    /// Sorts `x[0..<n]` ascending in place.
    static func sort(_ x: UnsafeMutablePointer<Double>, count n: Int, scratch s: Scratch) {
        precondition(n <= s.capacity, "radix sort scratch too small")
        for i in 0..<n { s.keys[i] = key(x[i]) }
        let sorted = passes(n, s, withIndex: false)
        for i in 0..<n { x[i] = value(sorted.keys[i]) }
    }

    /// `order[r]` = the position of the r-th smallest of `y[0..<n]` (ties in position order).
    static func order(_ y: UnsafePointer<Double>, count n: Int, into order: UnsafeMutablePointer<Int32>, scratch s: Scratch) {
        precondition(n <= s.capacity, "radix sort scratch too small")
        for i in 0..<n {
            s.keys[i] = key(y[i])
            s.index[i] = Int32(i)
        }
        let sorted = passes(n, s, withIndex: true)
        order.update(from: sorted.index, count: n)
    }

    /// Positions of `keys` in ascending order, ties in position order (the permutation a
    /// stable sort applies). Frames and groups use it with keys from `ColumnData.sortKeys`.
    static func order(keys: [UInt64]) -> [Int32] {
        let n = keys.count
        guard n > 0 else { return [] }
        let s = Scratch(capacity: n)
        keys.withUnsafeBufferPointer { s.keys.update(from: $0.baseAddress!, count: n) }
        for i in 0..<n { s.index[i] = Int32(truncatingIfNeeded: i) }
        let sorted = passes(n, s, withIndex: true)
        return Array(UnsafeBufferPointer(start: sorted.index, count: n))
    }

    /// The eight counting passes (all eight byte histograms taken in one read first); returns
    /// the buffers holding the result.
    private static func passes(_ n: Int, _ s: Scratch, withIndex: Bool)
        -> (keys: UnsafeMutablePointer<UInt64>, index: UnsafeMutablePointer<Int32>) {
        var (keys, keysOut) = (s.keys, s.keys2)
        var (index, indexOut) = (s.index, s.index2)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 8 * 256)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: 8 * 256)
        for i in 0..<n {
            var k = keys[i]
            for pass in 0..<8 {
                counts[pass &* 256 &+ Int(k & 0xFF)] += 1
                k >>= 8
            }
        }
        for pass in 0..<8 where n > 0 {
            let shift = UInt64(pass * 8)
            let count = counts + pass * 256
            if count[Int((keys[0] >> shift) & 0xFF)] == n { continue }   // every key has the same byte here
            var total = 0
            for b in 0..<256 {
                let c = count[b]
                count[b] = total
                total += c
            }
            for i in 0..<n {
                let b = Int((keys[i] >> shift) & 0xFF)
                let at = count[b]
                count[b] = at + 1
                keysOut[at] = keys[i]
                if withIndex { indexOut[at] = index[i] }
            }
            swap(&keys, &keysOut)
            if withIndex { swap(&index, &indexOut) }
        }
        return (keys, index)
    }
}
