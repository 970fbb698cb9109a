import Foundation
import Testing
import TestSupport
@testable import PanoramaShell
import PanoramaKit

// glm against R itself (Tests/Fixtures/r/r_glm.txt, written by make_r_fixtures.R from the same
// data as GLMFixtures.swift, R iterating to the optimum): glm's coefficients, SEs, deviances,
// log-likelihood and AIC to 1e-8 relative, sandwich::vcovHC HC0–HC3 to 1e-8, predict on both
// scales to 1e-8.
// Profile intervals: against the exact bounds R root-finds on the refitted deviance
// (make_r_fixtures.R, profile_roots: uniroot on the signed root deviance) to 1e-7 relative, as
// against scipy; MASS's confint.glm itself profiles on a grid of steps of about 0.5 SE and
// reads the bound off an interpolating spline, which here lands up to 1.1e-3 relative
// (5.7e-4 SE) from the exact root, so against MASS the bound is |ours − MASS| < 1e-3 SE.

private let rGLM = try? KeyValueFixture(contentsOf: RepositoryPaths.rFixtures.appendingPathComponent("r_glm.txt"))

/// The R case `key` as the comparison helpers take it.
private func rExpectation(_ key: String) throws -> GLMExpectation {
    let r = try #require(rGLM)
    return GLMExpectation(terms: r.words("\(key).terms"), params: r["\(key).params"], bse: r["\(key).bse"],
                          deviance: r.scalar("\(key).deviance"), nullDeviance: r.scalar("\(key).null_deviance"),
                          llf: r.scalar("\(key).llf"), aic: r.scalar("\(key).aic"), dfResidual: Int(r.scalar("\(key).df_resid")))
}

/// Coefficients, SEs and deviances of `name` against R's case `key`, and — when R has them —
/// its profile intervals (exact roots and MASS) and the HC0–HC3 sandwich errors of refits with `robust=`.
private func expectAgreesWithR(_ t: RegressionSession, _ name: String, _ key: String, refit: String? = nil,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
    let r = try #require(rGLM)
    let m = try #require(t.glm(name), sourceLocation: sourceLocation)
    let e = try rExpectation(key)
    #expect(!e.terms.isEmpty, "no R case \(key)", sourceLocation: sourceLocation)
    expectAgreement(m, e, sourceLocation: sourceLocation)
    if !r["\(key).profile_low"].isEmpty {
        let ci = try m.profileIntervals()
        expectIntervals(m, ci, terms: e.terms, low: r["\(key).profile_root_low"], high: r["\(key).profile_root_high"],
                        sourceLocation: sourceLocation)
        for (k, term) in e.terms.enumerated() {
            guard let j = m.design.columnNames.firstIndex(of: term) else { continue }
            let spline = (r["\(key).profile_low"][k], r["\(key).profile_high"][k])
            #expect(abs(ci[j].low - spline.0) < 1e-3 * e.bse[k] && abs(ci[j].high - spline.1) < 1e-3 * e.bse[k],
                    "MASS bounds of \(term)", sourceLocation: sourceLocation)
        }
    }
    guard let refit, !r["\(key).bse_hc0"].isEmpty else { return }
    for type in ["HC0", "HC1", "HC2", "HC3"] {
        let (_, err) = t.run("h = \(refit.dropLast()), robust=\"\(type)\")")
        #expect(err == "", sourceLocation: sourceLocation)
        let h = try #require(t.glm("h"), sourceLocation: sourceLocation)
        for (k, term) in e.terms.enumerated() {
            guard let j = h.design.columnNames.firstIndex(of: term) else { continue }
            #expect(relative(h.standardErrors[j], r["\(key).bse_\(type.lowercased())"][k]) < 1e-8, "\(type) \(term)",
                    sourceLocation: sourceLocation)
        }
    }
}

@Test func theLogisticAndProbitModelsOfThePanelAgreeWithR() throws {
    let t = RegressionSession()
    let logit = "glm(cost_growth > 0.2 ~ C(phase) + log(cost_before) + age, d)"
    let (_, err) = t.run(panelSteps + "\nm = \(logit)\npr = glm(cost_growth > 0.2 ~ C(phase) + log(cost_before) + age, d, link=\"probit\")")
    #expect(err == "")
    try expectAgreesWithR(t, "m", "panel_logit", refit: logit)
    try expectAgreesWithR(t, "pr", "panel_probit")
}

@Test func poissonCountsWithAnExposureOffsetAgreeWithRIncludingPredictions() throws {
    let t = RegressionSession(mode: .json)
    t.set("c", .frame(Frame(columns: [
        Column(name: "y", .number(GLMFixture.offsetY)), Column(name: "x", .number(GLMFixture.offsetX)),
        Column(name: "e", .number(GLMFixture.offsetExposure)),
    ])))
    t.set("new", .frame(Frame(columns: [
        Column(name: "x", .number(GLMFixture.predictX)), Column(name: "e", .number(GLMFixture.predictExposure)),
    ])))
    let model = "glm(y ~ x, c, family=\"poisson\", offset=log(e))"
    let (_, err) = t.run("m = \(model)")
    #expect(err == "")
    try expectAgreesWithR(t, "m", "offset", refit: model)
    let r = try #require(rGLM)
    let (out, perr) = t.run("predict(m, new, interval=\"confidence\")\npredict(m, new, type=\"link\", interval=\"confidence\")")
    #expect(perr == "")
    let (response, link) = try predictionColumns(out)
    let expected = [(response, ["predict_mean", "predict_low", "predict_high"]),
                    (link, ["predict_link", "predict_link_low", "predict_link_high"])]
    for (got, keys) in expected {
        for (c, key) in keys.enumerated() {
            let want = r["offset.\(key)"]
            #expect(want.count == got[c].count, "\(key)")
            for (i, value) in want.enumerated() where i < got[c].count {
                #expect(relative(got[c][i], value) < 1e-8, "\(key) row \(i)")
            }
        }
    }
}

@Test func binomialProportionsWithTrialsAsWeightsAgreeWithR() throws {
    let t = RegressionSession()
    t.set("b", .frame(Frame(columns: [
        Column(name: "share", .number(GLMFixture.proportionY)), Column(name: "x", .number(GLMFixture.proportionX)),
        Column(name: "n", .number(GLMFixture.proportionTrials)),
    ])))
    let model = "glm(share ~ x, b, weights=n)"
    let (_, err) = t.run("m = \(model)\ncl = glm(share ~ x, b, weights=n, link=\"cloglog\")")
    #expect(err == "")
    try expectAgreesWithR(t, "m", "proportion_logit", refit: model)
    try expectAgreesWithR(t, "cl", "proportion_cloglog")
}

@Test func poissonCountsWithAFactorOtherLinksAndPriorWeightsAgreeWithR() throws {
    let t = RegressionSession()
    t.set("c", .frame(Frame(columns: [
        Column(name: "y", .number(GLMFixture.countsY)), Column(name: "x", .number(GLMFixture.countsX)),
        Column(name: "g", .text(Categorical(GLMFixture.countsG.map { Optional($0) }))),
        Column(name: "w", .number(GLMFixture.countsWeights)),
    ])))
    let model = "glm(y ~ x + C(g), c, family=\"poisson\")"
    let (_, err) = t.run("m = \(model)\ns = glm(y ~ x + C(g), c, family=\"poisson\", link=\"sqrt\")\n"
                         + "w = glm(y ~ x + C(g), c, family=\"poisson\", weights=w)")
    #expect(err == "")
    try expectAgreesWithR(t, "m", "counts_log", refit: model)
    try expectAgreesWithR(t, "s", "counts_sqrt")
    try expectAgreesWithR(t, "w", "counts_weighted")
}
