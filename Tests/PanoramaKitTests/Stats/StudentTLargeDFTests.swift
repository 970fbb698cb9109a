import Testing
import Foundation
@testable import PanoramaKit

/// Student's t from 1 to 1e25 degrees of freedom against scipy.stats.t
/// (Fixtures/student_t_large_df.csv): with many degrees of freedom it is the normal, and the
/// incomplete beta under its cdf must neither hang nor drift (ν = 1e25 once gave cdf(1) = 1.42).
struct StudentTLargeDFCase: CustomTestStringConvertible, Sendable {
    let function: String
    let df: Double, x: Double, value: Double
    var testDescription: String { "\(function)(df \(df), \(x))" }

    static let all: [StudentTLargeDFCase] = {
        guard let url = Bundle.module.url(forResource: "student_t_large_df", withExtension: "csv", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 4, let df = Double(f[1]), let x = Double(f[2]), let v = Double(f[3]) else { return nil }
            return StudentTLargeDFCase(function: f[0], df: df, x: x, value: v)
        }
    }()
}

@Suite struct StudentTLargeDFTests {
    @Test func theFixtureIsRead() {
        #expect(StudentTLargeDFCase.all.count == 140)
    }

    @Test(arguments: StudentTLargeDFCase.all)
    func studentTMatchesScipyForAnyDegreesOfFreedom(_ c: StudentTLargeDFCase) {
        let t = StudentTDistribution(degreesOfFreedom: c.df)
        let computed: Double
        switch c.function {
        case "cdf": computed = t.cdf(c.x)
        case "pdf": computed = t.density(c.x)
        default: computed = t.quantile(c.x)
        }
        #expect(abs(computed - c.value) <= 1e-9 * abs(c.value), "\(computed) vs scipy \(c.value)")
    }

    @Test func theDistributionWithHugeDegreesOfFreedomSamplesLikeTheNormal() {
        var rng = Xoshiro256StarStar(seed: 7)
        let d = Distribution.studentT(df: 1e25, location: 0, scale: 1)
        let draws = d.sample(20_000, using: &rng)
        let below = Double(draws.filter { $0 < 1 }.count) / Double(draws.count)
        #expect(abs(below - 0.8413447460685429) < 0.01)
        #expect(abs(d.quantile(0.975) - 1.959963984540054) < 1e-9)
    }
}
