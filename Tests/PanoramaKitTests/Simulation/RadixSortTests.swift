import Testing
@testable import PanoramaKit

/// Values with negatives, both zeros, duplicates, infinities and subnormals.
private func awkwardValues(_ n: Int, seed: UInt64) -> [Double] {
    var g = Xoshiro256StarStar(seed: seed)
    let specials: [Double] = [0, 0, -1, 1, .infinity, -.infinity, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 3.5, 3.5]
    return (0..<n).map { i in i % 7 == 0 ? specials[i % specials.count] : Ziggurat.normal(using: &g) * 1e3 }
}

@Test(arguments: [1, 2, 17, 256, 4096, 8191])
func radixSortMatchesTheStandardSort(n: Int) {
    let x = awkwardValues(n, seed: UInt64(n))
    var sorted = x
    let scratch = RadixSort.Scratch(capacity: n)
    sorted.withUnsafeMutableBufferPointer { RadixSort.sort($0.baseAddress!, count: n, scratch: scratch) }
    #expect(sorted == x.sorted())
    // The order is the stable argsort: ties (3.5, 0) keep their input order.
    var order = [Int32](repeating: -1, count: n)
    x.withUnsafeBufferPointer { y in
        order.withUnsafeMutableBufferPointer { RadixSort.order(y.baseAddress!, count: n, into: $0.baseAddress!, scratch: scratch) }
    }
    let expected = (0..<n).sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
    #expect(order.map(Int.init) == expected)
}

@Test func radixKeysKeepTheOrderOfDoubles() {
    let values: [Double] = [-.infinity, -1e300, -1, -.leastNonzeroMagnitude, -0.0, 0, .leastNonzeroMagnitude, 1, 1e300, .infinity]
    let keys = values.map(RadixSort.key)
    #expect(keys == keys.sorted())
    #expect(values.map { RadixSort.value(RadixSort.key($0)).bitPattern } == values.map(\.bitPattern))
}
