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
