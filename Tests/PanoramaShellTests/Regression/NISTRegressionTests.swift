import Testing
import Foundation
@testable import PanoramaShell
import PanoramaKit
import TestSupport

/// A NIST StRD linear-regression dataset, the formula a user would write for it, and the
/// digits (LRE) it must reach — issue 5's targets: 10 everywhere, Filip 7.5.
struct NISTRegressionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let formula: String
    /// Predictor column names in the data, after `y`.
    let predictors: [String]
    let target: Double
    /// The coefficient digits this implementation reaches, less half a digit: a guard against
    /// losing accuracy silently while staying above `target` (the README table shows them).
    let reached: Double
    var testDescription: String { name }
}

func polynomial(_ degree: Int) -> String {
    "y ~ x" + (2...max(2, degree)).map { " + I(x^\($0))" }.joined()
}

let nistRegressionCases: [NISTRegressionCase] = [
    .init(name: "Norris", formula: "y ~ x", predictors: ["x"], target: 10, reached: 13.6),
    .init(name: "Pontius", formula: polynomial(2), predictors: ["x"], target: 10, reached: 13.0),
    .init(name: "NoInt1", formula: "y ~ x - 1", predictors: ["x"], target: 10, reached: 14.2),
    .init(name: "NoInt2", formula: "y ~ x - 1", predictors: ["x"], target: 10, reached: 14.5),
    .init(name: "Filip", formula: polynomial(10), predictors: ["x"], target: 7.5, reached: 13.5),
    .init(name: "Longley", formula: "y ~ x1 + x2 + x3 + x4 + x5 + x6", predictors: ["x1", "x2", "x3", "x4", "x5", "x6"], target: 10, reached: 14.1),
    .init(name: "Wampler1", formula: polynomial(5), predictors: ["x"], target: 10, reached: 14.5),
    .init(name: "Wampler2", formula: polynomial(5), predictors: ["x"], target: 10, reached: 12.7),
    .init(name: "Wampler3", formula: polynomial(5), predictors: ["x"], target: 10, reached: 14.5),
    .init(name: "Wampler4", formula: polynomial(5), predictors: ["x"], target: 10, reached: 14.5),
    .init(name: "Wampler5", formula: polynomial(5), predictors: ["x"], target: 10, reached: 14.5),
]

/// Fits `formula` on a frame through the language (`ols`) and returns the model.
func fitThroughSession(_ frame: Frame, _ formula: String, options: String = "") throws -> LinearModel {
    var errors: [String] = []
    let session = Session(output: { _ in }, diagnostics: { errors.append($0) })
    session.interpreter.set("d", .frame(frame))
    guard session.run("m = ols(\(formula), d\(options))").outcome == .ok, case .object(let o)? = session.interpreter.variables["m"],
          let model = o as? ModelValue else {
        throw KernelError(errors.joined(separator: "\n"))
    }
    return model.model
}

@Test(arguments: nistRegressionCases)
func nistLinearRegressionReachesItsDigits(_ c: NISTRegressionCase) throws {
    let d = try NISTDataset(c.name)
    var columns = [Column(name: "y", .number(d.column(0)))]
    for (k, name) in c.predictors.enumerated() { columns.append(Column(name: name, .number(d.column(k + 1)))) }
    let m = try fitThroughSession(Frame(columns: columns), c.formula)
    #expect(m.aliasedColumns.isEmpty)
    #expect(m.coefficients.count == d.estimates.count)
    let b = zip(m.coefficients, d.estimates).map { logRelativeError($0, $1) }
    let se = zip(m.standardErrors, d.standardErrors).map { logRelativeError($0, $1) }
    let sd = logRelativeError(m.sigma, d.residualSD)
    let r2 = logRelativeError(m.rSquared, d.rSquared)
    print(String(format: "NIST %@: coefficients %.1f, standard errors %.1f, residual SD %.1f, R² %.1f",
                 c.name, b.min()!, se.min()!, sd, r2))
    for (j, digits) in b.enumerated() { #expect(digits >= max(c.target, c.reached), "B\(j) has \(digits) digits") }
    for (j, digits) in se.enumerated() { #expect(digits >= c.target, "SE of B\(j) has \(digits) digits") }
    #expect(sd >= c.target)
    #expect(r2 >= c.target)
}

@Test func certifiedValuesAreParsedFromTheFiles() throws {
    let longley = try NISTDataset("Longley")
    #expect(longley.estimates.count == 7)
    #expect(longley.rows.count == 16)
    #expect(longley.estimates[0] == -3482258.63459582)
    #expect(longley.residualSD == 304.854073561965)
    let filip = try NISTDataset("Filip")
    #expect(filip.estimates.count == 11)
    #expect(filip.rows.count == 82)
    let wampler1 = try NISTDataset("Wampler1")
    #expect(wampler1.residualSD == 0)
    #expect(wampler1.rSquared == 1)
}

/// Regressors with a large offset (around 1e9 in unit steps), certified exactly by
/// `Tests/Fixtures/certified/generate_large_offset.py`: every certified value — coefficients,
/// standard errors, σ and R² — reaches 13 digits. Before the residuals were taken from the
/// centred design, σ and the standard errors of LargeOffset3 (an ordinary-sized response, so
/// nothing called for refinement) reached only about 8 digits: y − Xβ cancels nine.
@Test(arguments: [("LargeOffset1", ["x1"]), ("LargeOffset2", ["x1", "x2"]), ("LargeOffset3", ["x1"])])
func largeOffsetRegressorsReachThirteenDigitsInEveryCertifiedValue(_ name: String, _ predictors: [String]) throws {
    let d = try NISTDataset(name, folder: RepositoryPaths.certified)
    var columns = [Column(name: "y", .number(d.column(0)))]
    for (k, p) in predictors.enumerated() { columns.append(Column(name: p, .number(d.column(k + 1)))) }
    let m = try fitThroughSession(Frame(columns: columns), "y ~ " + predictors.joined(separator: " + "))
    #expect(m.coefficients.count == d.estimates.count)
    for j in d.estimates.indices {
        #expect(logRelativeError(m.coefficients[j], d.estimates[j]) >= 13, "B\(j): \(m.coefficients[j]) vs \(d.estimates[j])")
        #expect(logRelativeError(m.standardErrors[j], d.standardErrors[j]) >= 13, "SE\(j): \(m.standardErrors[j]) vs \(d.standardErrors[j])")
    }
    #expect(logRelativeError(m.sigma, d.residualSD) >= 13, "σ: \(m.sigma) vs \(d.residualSD)")
    #expect(logRelativeError(m.rSquared, d.rSquared) >= 13, "R²: \(m.rSquared) vs \(d.rSquared)")
}
