import Foundation
@testable import PanoramaKit
import TestSupport

/// A statsmodels reference file (`Fixtures/forecast/ets_*.txt`): `name = v1 v2 …` lines.
struct ETSReference {
    var values: KeyValueFixture

    init(_ name: String) throws {
        let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/forecast")!
        values = try KeyValueFixture(contentsOf: url)
    }

    subscript(_ key: String) -> [Double] { values[key] }
    func scalar(_ key: String) -> Double { values.scalar(key) }
}

/// A seeded generator for simulated series (the kernel's SplitMix64 with Box–Muller normals):
/// a stream of its own, independent of the simulation's generator and samplers.
struct TestRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

func relativeDifference(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(abs(b), 1e-300)
}
