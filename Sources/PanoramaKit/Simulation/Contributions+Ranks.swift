import Foundation
import LinearAlgebra

/// The mid-ranks of the totals (and of the groups' subtotals) for the rank correlations.
extension Contributions {
    /// Each value's mid-rank among `values` (ties share the mean rank), divided by the count:
    /// (number below + number at or below) / 2 / n.
    ///
    /// Values go to buckets by their order-preserving bit keys (`RadixSort.key`, −0 counted as
    /// +0 so that equal values share a bucket): at most n / 256 buckets (up to 4,096), each a
    /// consecutive range of keys, so bucket b's values all rank after bucket b − 1's. The
    /// buckets are then radix-sorted and ranked on `threads` workers, each small enough to stay
    /// in cache (one pass of radix sort over a million totals took as long as all of them).
    /// Linear time; binary searches of a million sorted totals took four times the simulation.
    static func midRanks(of values: [Double], threads: Int = 1) -> [Double] {
        let n = values.count
        guard n > 0, n <= Int(Int32.max) else { return midRanksBySearch(of: values) }
        var ranks = [Double](repeating: 0, count: n)
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        let order = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer { keys.deallocate(); order.deallocate() }
        values.withUnsafeBufferPointer { v in
            ranks.withUnsafeMutableBufferPointer { r in
                var lowest = UInt64.max, highest = UInt64.min
                for i in 0..<n {
                    let k = RadixSort.key(v[i] + 0)
                    keys[i] = k
                    lowest = min(lowest, k)
                    highest = max(highest, k)
                }
                // Bucket = (key − lowest) >> shift, fewer than 2^levels buckets.
                let levels = max(0, min(12, Int.bitWidth - (n / 256).leadingZeroBitCount - 1))
                let shift = UInt64(max(0, UInt64.bitWidth - (highest - lowest).leadingZeroBitCount - levels))
                let bucketCount = Int((highest - lowest) >> shift) + 1
                var starts = [Int](repeating: 0, count: bucketCount + 1)
                for i in 0..<n { starts[Int((keys[i] - lowest) >> shift) + 1] += 1 }
                for b in 0..<bucketCount { starts[b + 1] += starts[b] }
                var next = starts
                for i in 0..<n {
                    let b = Int((keys[i] - lowest) >> shift)
                    order[next[b]] = Int32(i)
                    next[b] += 1
                }
                let largest = (0..<bucketCount).reduce(0) { max($0, starts[$1 + 1] - starts[$1]) }
                let valueIn = SharedPointer(readOnly: v.baseAddress!), rankOut = SharedPointer(r.baseAddress!)
                let orderIn = SharedPointer(order)
                try? ParallelChunks.run(count: bucketCount, threads: threads, isCancelled: { false }, progress: nil,
                                        makeWorkspace: { BucketWorkspace(capacity: largest) }) { [starts] b, ws in
                    rankBucket(starts[b]..<starts[b + 1], of: n, values: valueIn.base, order: orderIn.base,
                               workspace: ws, into: rankOut.base)
                }
            }
        }
        return ranks
    }

    /// Buffers for ranking one bucket.
    final class BucketWorkspace {
        let values: UnsafeMutablePointer<Double>
        let order: UnsafeMutablePointer<Int32>
        let scratch: RadixSort.Scratch

        init(capacity: Int) {
            values = .allocate(capacity: capacity)
            order = .allocate(capacity: capacity)
            scratch = RadixSort.Scratch(capacity: capacity)
        }

        deinit {
            values.deallocate()
            order.deallocate()
        }
    }

    /// Ranks the values at positions order[range] (one bucket, whose values rank range.lowerBound
    /// and up among all n): sorted by a radix sort, then each run of equal values given its mean
    /// rank.
    private static func rankBucket(_ range: Range<Int>, of n: Int, values: UnsafePointer<Double>,
                                   order: UnsafePointer<Int32>, workspace ws: BucketWorkspace,
                                   into ranks: UnsafeMutablePointer<Double>) {
        let m = range.count
        for i in 0..<m { ws.values[i] = values[Int(order[range.lowerBound + i])] }
        RadixSort.order(ws.values, count: m, into: ws.order, scratch: ws.scratch)
        var i = 0
        while i < m {
            let value = ws.values[Int(ws.order[i])]
            var j = i + 1
            while j < m && ws.values[Int(ws.order[j])] == value { j += 1 }
            let rank = (Double(range.lowerBound + i) + Double(range.lowerBound + j)) / 2 / Double(n)
            for k in i..<j { ranks[Int(order[range.lowerBound + Int(ws.order[k])])] = rank }
            i = j
        }
    }

    /// The same by two binary searches per value (for more than 2³¹ values).
    static func midRanksBySearch(of values: [Double]) -> [Double] {
        let sorted = values.sorted()
        let n = sorted.count
        return values.map { v in
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            let below = lo
            hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] <= v { lo = mid + 1 } else { hi = mid }
            }
            return (Double(below) + Double(lo)) / 2 / Double(n)
        }
    }
}
