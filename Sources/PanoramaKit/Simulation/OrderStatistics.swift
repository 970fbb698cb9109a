/// Order statistics without a full sort.
enum OrderStatistics {
    /// The values at the given 0-based ranks of `values` as if sorted ascending: multiple
    /// quickselect (Hoare's FIND extended to several ranks) with three-way partitioning and
    /// median-of-three pivots, on a copy. O(n log k) for k ranks.
    ///
    /// `select([5, 1, 4, 2, 3], ranks: [0, 2]) // [0: 1, 2: 3]`
    static func select(_ values: [Double], ranks: [Int]) -> [Int: Double] {
        var out: [Int: Double] = [:]
        let wanted = Array(Set(ranks.filter { $0 >= 0 && $0 < values.count })).sorted()
        guard !wanted.isEmpty else { return out }
        var copy = values
        copy.withUnsafeMutableBufferPointer { a in
            select(a, 0, a.count, wanted[...], &out)
        }
        return out
    }

    private static func select(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int,
                               _ ranks: ArraySlice<Int>, _ out: inout [Int: Double]) {
        guard let first = ranks.first else { return }
        if hi - lo <= 24 {
            // Insertion sort the small range.
            for i in (lo + 1)..<max(hi, lo + 1) {
                let v = a[i]
                var j = i - 1
                while j >= lo && a[j] > v {
                    a[j + 1] = a[j]
                    j -= 1
                }
                a[j + 1] = v
            }
            for r in ranks { out[r] = a[r] }
            _ = first
            return
        }
        let mid = lo + (hi - lo) / 2
        let x = a[lo], y = a[mid], z = a[hi - 1]
        let pivot = max(min(x, y), min(max(x, y), z))
        // Dutch national flag: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot.
        var lt = lo, i = lo, gt = hi - 1
        while i <= gt {
            let v = a[i]
            if v < pivot {
                a.swapAt(lt, i)
                lt += 1
                i += 1
            } else if v > pivot {
                a.swapAt(i, gt)
                gt -= 1
            } else {
                i += 1
            }
        }
        var left = ranks.startIndex
        while left < ranks.endIndex && ranks[left] < lt { left += 1 }
        var right = left
        while right < ranks.endIndex && ranks[right] <= gt {
            out[ranks[right]] = pivot
            right += 1
        }
        select(a, lo, lt, ranks[ranks.startIndex..<left], &out)
        select(a, gt + 1, hi, ranks[right..<ranks.endIndex], &out)
    }
}
