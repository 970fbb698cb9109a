import Foundation
import Testing
import TestSupport
@testable import PanoramaShell
import PanoramaKit

// qreg against R's quantreg (Tests/Fixtures/r/r_qreg.txt, written by make_r_fixtures.R on the
// CSV cases of Tests/Fixtures/qreg): rq(method = "br") coefficients to 1e-10 where the LP
// optimum is unique (qreg_fixtures.json decides uniqueness; where it is not, R's simplex and
// panorama may stop at different optimal vertices, so only the objective is compared), and
// summary.rq's "iid" and "nid" (hs = TRUE) standard errors to 1e-8 relative.

private let rQuantile = try? KeyValueFixture(contentsOf: RepositoryPaths.rFixtures.appendingPathComponent("r_qreg.txt"))

@Test(arguments: QuantileFixture.all)
func quantileCoefficientsAgreeWithQuantregBarrodaleRoberts(_ fixture: QuantileFixture) throws {
    let r = try #require(rQuantile)
    #expect(r.words("\(fixture.name).terms") == fixture.terms)
    #expect(r["\(fixture.name).taus"] == fixture.taus)
    let m = try fixture.fit(se: "iid")
    for (k, own) in fixture.fits.enumerated() {
        let key = "\(fixture.name).tau\(k + 1)"
        #expect(relative(m.objectives[k], r.scalar("\(key).objective")) < 1e-10, "\(key) objective")
        guard own.unique else { continue }
        let expected = r["\(key).coefficients"]
        #expect(expected.count == fixture.terms.count)
        for (j, b) in expected.enumerated() {
            #expect(abs(m.coefficients[k][j] - b) <= 1e-10 * max(1, abs(b)), "\(key) \(fixture.terms[j])")
        }
    }
}

extension QuantileFixture {
    /// The same case at the taus `indices` only.
    func at(_ indices: [Int]) -> QuantileFixture {
        QuantileFixture(name: name, file: file, formula: formula, weights: weights, terms: terms,
                        taus: indices.map { taus[$0] }, fits: indices.map { fits[$0] })
    }
}

/// The indices of the taus of `f` at which R wrote `method` standard errors.
private func rTaus(_ f: QuantileFixture, _ method: String) -> [Int] {
    f.taus.indices.filter { !(rQuantile?["\(f.name).tau\($0 + 1).se_\(method)"].isEmpty ?? true) }
}

/// Every (case, method) for which R wrote standard errors at some tau (the panel's "nid" at
/// tau 0.8 and 0.95: R cannot estimate it at 0.5).
private let rStandardErrorCases: [(QuantileFixture, String)] = QuantileFixture.all.flatMap { f in
    ["iid", "nid"].filter { !rTaus(f, $0).isEmpty }.map { (f, $0) }
}

@Test(arguments: rStandardErrorCases)
func quantileStandardErrorsAgreeWithSummaryRq(_ fixture: QuantileFixture, _ method: String) throws {
    let r = try #require(rQuantile)
    let taus = rTaus(fixture, method)
    let m = try fixture.at(taus).fit(se: method)
    for (i, k) in taus.enumerated() {
        let key = "\(fixture.name).tau\(k + 1)"
        for (j, se) in r["\(key).se_\(method)"].enumerated() {
            #expect(relative(m.standardErrors[i][j], se) < 1e-8, "\(key) \(method) \(fixture.terms[j])")
        }
    }
}

/// Where summary.rq cannot estimate "nid" (the panel: most fitted densities are not positive and
/// X'FX is singular), qreg refuses with its one-line error instead of printing numbers.
@Test func nidStandardErrorsAreRefusedWhereQuantregCannotEstimateThem() throws {
    let r = try #require(rQuantile)
    let failing = QuantileFixture.all.filter { f in f.taus.indices.contains { !r.words("\(f.name).tau\($0 + 1).se_nid_fails").isEmpty } }
    #expect(failing.map(\.name) == ["panel"])
    for fixture in failing {
        let t = RegressionSession()
        let path = QuantileFixture.folder.appendingPathComponent(fixture.file).path
        let taus = fixture.taus.map { "\($0)" }.joined(separator: ", ")
        let (out, err) = t.run("d = load(\"\(path)\")\nqreg(\(fixture.formula), d, tau=[\(taus)], se=\"nid\")")
        #expect(out == "")
        #expect(err.hasPrefix("error: the nid standard errors at tau") && err.contains("too few positive local densities"), "\(err)")
    }
}
