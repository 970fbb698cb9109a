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

/// Every (case, method) for which R wrote standard errors at each tau.
private let rStandardErrorCases: [(QuantileFixture, String)] = QuantileFixture.all.flatMap { f in
    ["iid", "nid"].filter { method in
        f.taus.indices.allSatisfy { !(rQuantile?["\(f.name).tau\($0 + 1).se_\(method)"].isEmpty ?? true) }
    }.map { (f, $0) }
}

@Test(arguments: rStandardErrorCases)
func quantileStandardErrorsAgreeWithSummaryRq(_ fixture: QuantileFixture, _ method: String) throws {
    let r = try #require(rQuantile)
    let m = try fixture.fit(se: method)
    for k in fixture.taus.indices {
        let key = "\(fixture.name).tau\(k + 1)"
        for (j, se) in r["\(key).se_\(method)"].enumerated() {
            #expect(relative(m.standardErrors[k][j], se) < 1e-8, "\(key) \(method) \(fixture.terms[j])")
        }
    }
}
