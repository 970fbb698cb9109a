import Foundation
import Testing
@testable import PanoramaKit

@Test func xoshiroMatchesTheReferenceOutputsFromStateOneTwoThreeFour() {
    var g = Xoshiro256StarStar(state: [1, 2, 3, 4])
    #expect([g.next(), g.next(), g.next(), g.next()] == [11520, 0, 1509978240, 1215971899390074240])
}

// Reference values from an independent Python transcription of Vigna's splitmix64.c,
// xoshiro256starstar.c and its jump().
@Test func splitMixSeedingAndJumpMatchTheReference() {
    var g = Xoshiro256StarStar(seed: 42)
    #expect([g.next(), g.next(), g.next()] == [1546998764402558742, 6990951692964543102, 12544586762248559009])
    var j = Xoshiro256StarStar(seed: 42).jumped()
    #expect([j.next(), j.next(), j.next()] == [5766981335298035530, 13414075677763163907, 6818771422820058410])
}

@Test func streamsAreSuccessiveJumps() {
    let streams = Xoshiro256StarStar.streams(seed: 7, count: 3)
    #expect(streams[0] == Xoshiro256StarStar(seed: 7))
    #expect(streams[2] == Xoshiro256StarStar(seed: 7).jumped().jumped())
}

@Test func uniformDoublesStayInTheirIntervals() {
    var g = Xoshiro256StarStar(seed: 3)
    for _ in 0..<100_000 {
        let u = g.nextDouble()
        #expect(u >= 0 && u < 1)
        let v = g.nextOpenDouble()
        #expect(v > 0 && v < 1)
    }
}

/// Mean and variance within 4 standard errors, and tail frequencies within 4 binomial SEs.
@Test func zigguratNormalsHaveTheRightMomentsAndTails() {
    var g = Xoshiro256StarStar(seed: 11)
    let n = 2_000_000
    var buffer = [Double](repeating: 0, count: n)
    buffer.withUnsafeMutableBufferPointer { Ziggurat.fillNormals($0.baseAddress!, count: n, using: &g) }
    let m = Descriptive.mean(buffer)
    let v = Descriptive.sampleVariance(buffer)
    #expect(abs(m) < 4 / Double(n).squareRoot())
    #expect(abs(v - 1) < 4 * (2.0 / Double(n)).squareRoot())
    // P(Z > z) for z in the body, at the ziggurat's base (r = 3.654) and in the tail.
    for (z, p) in [(0.5, 0.3085375387259869), (1.96, 0.024997895148220435), (3.0, 0.0013498980316301),
                   (3.6541528853610088, 0.00012903658883024957), (4.0, 3.167124183311992e-05)] {
        let count = buffer.lazy.filter { $0 > z }.count
        let se = (p * (1 - p) / Double(n)).squareRoot()
        #expect(abs(Double(count) / Double(n) - p) < 4 * se, "P(Z > \(z))")
    }
    // fillNormals and normal(using:) give the same sequence.
    var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5)
    var filled = [Double](repeating: 0, count: 10_000)
    filled.withUnsafeMutableBufferPointer { Ziggurat.fillNormals($0.baseAddress!, count: 10_000, using: &a) }
    #expect(filled == (0..<10_000).map { _ in Ziggurat.normal(using: &b) })
}

@Test func zigguratExponentialsHaveMeanOneAndTheRightTail() {
    var g = Xoshiro256StarStar(seed: 12)
    let n = 1_000_000
    let x = (0..<n).map { _ in Ziggurat.exponential(using: &g) }
    #expect(abs(Descriptive.mean(x) - 1) < 4 / Double(n).squareRoot())
    for z in [0.5, 2.0, 7.69711747013104972, 9.0] {
        let p = exp(-z)
        let count = x.lazy.filter { $0 > z }.count
        #expect(abs(Double(count) / Double(n) - p) < 4 * (p * (1 - p) / Double(n)).squareRoot(), "P(E > \(z))")
    }
}

@Test func vectorExpAgreesWithFoundationExpToTwoUlp() {
    var y = stride(from: -700.0, to: 700, by: 0.37).map { $0 }
    y += [0, 1e-300, -1e-300, 0.3465, -0.3466, 1, -1]
    var out = [Double](repeating: 0, count: y.count)
    y.withUnsafeBufferPointer { yb in
        out.withUnsafeMutableBufferPointer { ob in
            VectorMath.exp(affine: 0, 1, yb.baseAddress!, into: ob.baseAddress!, count: yb.count)
        }
    }
    for (v, e) in zip(y, out) {
        let exact = exp(v)
        #expect(abs(e - exact) <= 2 * exact.ulp, "exp(\(v))")
    }
    // Out of range falls back to the exact function.
    var z: [Double] = [800, -800, .nan]
    var o = [Double](repeating: 0, count: 3)
    z.withUnsafeMutableBufferPointer { zb in
        o.withUnsafeMutableBufferPointer { ob in
            VectorMath.exp(affine: 0, 1, zb.baseAddress!, into: ob.baseAddress!, count: 3)
        }
    }
    #expect(o[0] == .infinity && o[1] == 0 && o[2].isNaN)
}

@Test func multipleSelectionMatchesSorting() {
    var g = Xoshiro256StarStar(seed: 9)
    var x = (0..<10_001).map { _ in g.nextDouble() }
    x += Array(repeating: 0.5, count: 500)  // ties
    let sorted = x.sorted()
    let ranks = [0, 1, 17, 5000, 5250, 5251, 9999, x.count - 1]
    let found = OrderStatistics.select(x, ranks: ranks)
    for r in ranks { #expect(found[r] == sorted[r]) }
}
