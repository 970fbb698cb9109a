import Foundation
import Testing
@testable import PanoramaKit

@Test func midRanksByRadixSortEqualTheDefinitionWithTiesAndSignedZeros() {
    var rng = Xoshiro256StarStar(seed: 3)
    // Ties (values on a coarse grid), negatives, both zeros, and a long run of one value.
    var values = (0..<2_000).map { _ in Double(rng.next(below: 400)) / 4 - 50 }
    values += [0.0, -0.0, 0.0, -0.0] + Array(repeating: 7.25, count: 300)
    let ranks = Contributions.midRanks(of: values)
    let n = Double(values.count)
    for (i, v) in values.enumerated() {
        // (number below + number at or below) / 2 / n, counted directly.
        let below = values.filter { $0 < v }.count, atOrBelow = values.filter { $0 <= v }.count
        #expect(ranks[i] == (Double(below) + Double(atOrBelow)) / 2 / n, "value \(v) at \(i)")
    }
    #expect(Contributions.midRanksBySearch(of: values) == ranks)
}

/// Mid-ranks from buckets of bit keys ranked on several threads against the definition (the
/// sorted values): enough values for hundreds of buckets, with ties, both zeros, infinities, a
/// heavy tail spanning many binades, and runs of one value in a bucket of its own.
@Test(arguments: [1, 2, 3])
func midRanksFromBucketsOnSeveralThreadsEqualTheDefinition(threads: Int) {
    var rng = Xoshiro256StarStar(seed: UInt64(10 + threads))
    var values = (0..<100_000).map { _ in Double(rng.next(below: 50_000)) / 8 - 1_000 }
    values += (0..<20_000).map { _ in Foundation.exp(Double(rng.next(below: 1 << 20)) / 20_000) }
    values += [0.0, -0.0, -0.0, .infinity, -.infinity, .infinity, 1e300, -1e-300]
    values += Array(repeating: 123.5, count: 5_000) + Array(repeating: -0.0, count: 700)
    let sorted = values.sorted()
    var below: [Double: Int] = [:], atOrBelow: [Double: Int] = [:]
    for (i, v) in sorted.enumerated() {
        if below[v] == nil { below[v] = i }
        atOrBelow[v] = i + 1
    }
    let n = Double(values.count)
    let ranks = Contributions.midRanks(of: values, threads: threads)
    let wrong = values.indices.filter { ranks[$0] != (Double(below[values[$0]]!) + Double(atOrBelow[values[$0]]!)) / 2 / n }
    #expect(wrong.isEmpty, "\(wrong.count) wrong ranks, first at \(wrong.prefix(3).map { values[$0] })")
}
