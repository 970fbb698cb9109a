import Foundation
import Testing
import TestSupport
@testable import PanoramaShell
import PanoramaKit

/// One case of `Tests/Fixtures/qreg/qreg_fixtures.json` (written by make_fixtures.py: an LP
/// oracle for the coefficients, quantreg's iid/nid formulas in numpy for the standard errors).
struct QuantileFixture: CustomTestStringConvertible, Sendable {
    struct Fit: Sendable {
        let tau: Double
        let coefficients: [Double]
        let unique: Bool
        let objective: Double
        let seIID: [Double]?
        let seNID: [Double]?
    }
    let name: String
    let file: String
    let formula: String
    let weights: String?
    let terms: [String]
    let taus: [Double]
    let fits: [Fit]

    var testDescription: String { name }

    static let folder = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/qreg")

    static let all: [QuantileFixture] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("qreg_fixtures.json")),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else { return [] }
        return cases.map { c in
            let fits = (c["fits"] as? [[String: Any]] ?? []).map { f in
                Fit(tau: f["tau"] as? Double ?? .nan, coefficients: f["coefficients"] as? [Double] ?? [],
                    unique: f["unique"] as? Bool ?? false, objective: f["objective"] as? Double ?? .nan,
                    seIID: f["se_iid"] as? [Double], seNID: f["se_nid"] as? [Double])
            }
            return QuantileFixture(name: c["name"] as? String ?? "", file: c["file"] as? String ?? "",
                                   formula: c["formula"] as? String ?? "", weights: c["weights"] as? String,
                                   terms: c["terms"] as? [String] ?? [], taus: c["taus"] as? [Double] ?? [], fits: fits)
        }
    }()

    /// Fits the case in a session with `se` and returns the model.
    func fit(se: String) throws -> QuantileModel {
        let t = RegressionSession()
        let path = QuantileFixture.folder.appendingPathComponent(file).path
        let taus = taus.map { "\($0)" }.joined(separator: ", ")
        let weighting = weights.map { ", weights=\($0)" } ?? ""
        let (_, err) = t.run("d = load(\"\(path)\")\nm = qreg(\(formula), d, tau=[\(taus)], se=\"\(se)\"\(weighting))")
        #expect(err == "", "\(name): \(err)")
        guard case .object(let o)? = t.session.interpreter.variables["m"], let m = o as? QuantileModelValue else {
            throw RegressionError("no model")
        }
        return m.model
    }
}

@Test func fixturesAreThere() {
    #expect(QuantileFixture.all.map(\.name) == ["panel", "heteroscedastic", "weighted", "ties", "large"])
}

@Test(arguments: QuantileFixture.all)
func quantileCoefficientsMatchTheLinearProgram(_ fixture: QuantileFixture) throws {
    let m = try fixture.fit(se: fixture.fits[0].seNID == nil ? "iid" : "nid")
    #expect(m.design.columnNames == fixture.terms)
    for (k, expected) in fixture.fits.enumerated() {
        #expect(m.nonUnique[k] == !expected.unique, "\(fixture.name) tau \(expected.tau) uniqueness")
        #expect(relative(m.objectives[k], expected.objective) < 1e-10, "\(fixture.name) tau \(expected.tau) objective")
        guard expected.unique else { continue }
        for (j, b) in expected.coefficients.enumerated() {
            #expect(abs(m.coefficients[k][j] - b) <= 1e-10 * max(1, abs(b)), "\(fixture.name) tau \(expected.tau) \(fixture.terms[j])")
        }
    }
}

/// Every (case, method) whose fixture has standard errors for that method at each tau.
private let standardErrorCases: [(QuantileFixture, String)] = QuantileFixture.all.flatMap { f in
    [("iid", f.fits.allSatisfy { $0.seIID != nil }), ("nid", f.fits.allSatisfy { $0.seNID != nil })]
        .filter(\.1).map { (f, $0.0) }
}

@Test(arguments: standardErrorCases)
func standardErrorsMatchQuantregFormulas(_ fixture: QuantileFixture, _ method: String) throws {
    let m = try fixture.fit(se: method)
    for (k, expected) in fixture.fits.enumerated() {
        for (j, se) in ((method == "iid" ? expected.seIID : expected.seNID) ?? []).enumerated() {
            #expect(relative(m.standardErrors[k][j], se) < 1e-8, "\(fixture.name) \(method) tau \(expected.tau) \(fixture.terms[j])")
        }
    }
}

@Test(arguments: [true, false])
func bothRoutesReachTheSameExactVertex(_ interiorPoint: Bool) throws {
    let fixture = try #require(QuantileFixture.all.first { $0.name == "large" })
    let design = try fixture.fit(se: "iid").design
    let m = try QuantileModel.fit(design, formula: fixture.formula,
                                  options: .init(taus: fixture.taus, standardErrors: .iid, interiorPoint: interiorPoint))
    #expect(m.usedInteriorPoint == interiorPoint)
    for (j, b) in fixture.fits[0].coefficients.enumerated() {
        #expect(abs(m.coefficients[0][j] - b) <= 1e-10 * max(1, abs(b)), "\(fixture.terms[j])")
    }
}
