import Foundation
import Testing
@testable import PanoramaKit

/// The generalised Pareto, Pareto and Student's t against mpmath at 60 digits
/// (Fixtures/tail_precision.csv, from generate_tail_precision.py): shapes down to ±1e-12, x a
/// billionth above the threshold, t quantiles beyond √DBL_MAX. Every value to 13 digits.
struct TailPrecisionCase: CustomTestStringConvertible, Sendable {
    let function: String
    let distribution: Distribution
    let x: Double, value: Double
    var testDescription: String { "\(function) of \(distribution.description()) at \(x)" }

    static let all: [TailPrecisionCase] = {
        guard let url = Bundle.module.url(forResource: "tail_precision", withExtension: "csv", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 7 else { return nil }
            let numbers = f[2...].compactMap(Double.init)
            guard numbers.count == 5 else { return nil }
            let (a, b, c) = (numbers[0], numbers[1], numbers[2])
            let d: Distribution
            switch f[1] {
            case "gpd": d = .generalizedPareto(threshold: a, scale: b, shape: c)
            case "pareto": d = .pareto(scale: a, shape: b)
            default: d = .studentT(df: a, location: b, scale: c)
            }
            return TailPrecisionCase(function: f[0], distribution: d, x: numbers[3], value: numbers[4])
        }
    }()
}

@Suite struct TailPrecisionTests {
    @Test func theFixtureIsRead() {
        #expect(TailPrecisionCase.all.count == 343)
    }

    @Test(arguments: TailPrecisionCase.all)
    func tailFunctionsKeepThirteenDigits(_ c: TailPrecisionCase) {
        let computed: Double
        switch c.function {
        case "cdf": computed = c.distribution.cdf(c.x)
        case "pdf": computed = c.distribution.pdf(c.x)
        default: computed = c.distribution.quantile(c.x)
        }
        #expect(abs(computed - c.value) <= 1e-13 * abs(c.value), "\(computed) vs mpmath \(c.value)")
    }

    @Test func theGPDCdfJustAboveTheThresholdIsNotZero() {
        // The case: 1 + ξz rounded to 1 and the cdf came out 0.
        let p = Distribution.generalizedPareto(threshold: 0, scale: 2, shape: 1e-9).cdf(2e-9)
        #expect(abs(p - 9.9999999950000006e-10) <= 1e-24)
    }
}
