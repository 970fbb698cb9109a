import Foundation
@testable import PanoramaKit

/// A statsmodels reference file (`Fixtures/forecast/ets_*.txt`): `name = v1 v2 …` lines.
struct ETSReference {
    var values: [String: [Double]]

    init(_ name: String) throws {
        let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/forecast")!
        let text = try String(contentsOf: url, encoding: .utf8)
        var values: [String: [Double]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            values[key] = parts[1].split(separator: " ").compactMap { Double($0) }
        }
        self.values = values
    }

    subscript(_ key: String) -> [Double] { values[key] ?? [] }
    func scalar(_ key: String) -> Double { values[key]?.first ?? .nan }
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
