import Testing
@testable import PanoramaShell
import PanoramaKit

// glm against statsmodels GLM (GLMFixtures.swift, written by generate_glm_fixtures.py):
// coefficients, standard errors and deviances to 1e-8 relative, as issue 18 asks.

extension RegressionSession {
    func glm(_ name: String = "m") -> GeneralizedLinearModel? {
        if case .object(let o)? = session.interpreter.variables[name], let g = o as? GLMValue { return g.model }
        return nil
    }
}

/// The panel's steps between consecutive editions, as notebooks/02 builds them.
let panelSteps = """
    p = load("panorama")
    g = load("panorama_growth")
    steps = g |> where(edition_gap == 1 and not is_na(cost_growth))
    now = p |> select(edition, key, project, ministry, cost)
    before = p |> select(edition, key, phase, cost) |> rename(previous_edition=edition, cost_before=cost)
    d = steps |> join(now, by=["edition", "key"]) |> join(before, by=["previous_edition", "key"])
    """

struct GLMExpectation {
    var terms: [String], params: [Double], bse: [Double]
    var deviance: Double, nullDeviance: Double, llf: Double, aic: Double, dfResidual: Int
}

func expectAgreement(_ m: GeneralizedLinearModel, _ e: GLMExpectation, tolerance: Double = 1e-8,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Set(m.design.columnNames) == Set(e.terms), sourceLocation: sourceLocation)
    for (k, term) in e.terms.enumerated() {
        guard let j = m.design.columnNames.firstIndex(of: term) else { continue }
        #expect(relative(m.coefficients[j], e.params[k]) < tolerance, "\(term)", sourceLocation: sourceLocation)
        #expect(relative(m.standardErrors[j], e.bse[k]) < tolerance, "\(term) SE", sourceLocation: sourceLocation)
    }
    #expect(relative(m.deviance, e.deviance) < tolerance, sourceLocation: sourceLocation)
    #expect(relative(m.nullDeviance, e.nullDeviance) < tolerance, sourceLocation: sourceLocation)
    #expect(relative(m.logLikelihood, e.llf) < tolerance, sourceLocation: sourceLocation)
    #expect(relative(m.aic, e.aic) < tolerance, sourceLocation: sourceLocation)
    #expect(m.dfResidual == e.dfResidual, sourceLocation: sourceLocation)
}

/// Intervals of `m` (in its column order) against expected ones in the fixture's term order.
func expectIntervals(_ m: GeneralizedLinearModel, _ ci: [(low: Double, high: Double)], terms: [String], low: [Double], high: [Double],
                     tolerance: Double = 1e-7, sourceLocation: SourceLocation = #_sourceLocation) {
    for (k, term) in terms.enumerated() {
        guard let j = m.design.columnNames.firstIndex(of: term) else { continue }
        #expect(relative(ci[j].low, low[k]) < tolerance, "lower \(term)", sourceLocation: sourceLocation)
        #expect(relative(ci[j].high, high[k]) < tolerance, "upper \(term)", sourceLocation: sourceLocation)
    }
}

@Test func logisticModelOfCostGrowthOnThePanelMatchesStatsmodels() throws {
    let t = RegressionSession()
    let (_, err) = t.run(panelSteps + "\nm = glm(cost_growth > 0.2 ~ C(phase) + log(cost_before) + age, d)\n"
                         + "pr = glm(cost_growth > 0.2 ~ C(phase) + log(cost_before) + age, d, link=\"probit\")")
    #expect(err == "")
    let m = try #require(t.glm())
    typealias F = GLMFixture.PanelLogit
    expectAgreement(m, .init(terms: F.terms, params: F.params, bse: F.bse, deviance: F.deviance, nullDeviance: F.null_deviance,
                             llf: F.llf, aic: F.aic, dfResidual: F.df_resid))
    #expect(m.design.response.reduce(0, +) == Double(GLMFixture.panelGrew))
    expectIntervals(m, try m.profileIntervals(), terms: F.terms, low: F.profile_low, high: F.profile_high)
    let p = try #require(t.glm("pr"))
    typealias P = GLMFixture.PanelProbit
    expectAgreement(p, .init(terms: P.terms, params: P.params, bse: P.bse, deviance: P.deviance, nullDeviance: P.null_deviance,
                             llf: P.llf, aic: P.aic, dfResidual: P.df_resid))
    expectIntervals(p, try p.profileIntervals(), terms: P.terms, low: P.profile_low, high: P.profile_high)
}

@Test(arguments: ["HC0", "HC1", "HC2", "HC3"])
func robustStandardErrorsOfTheLogisticModelMatchTheSandwichFormula(_ type: String) throws {
    let t = RegressionSession()
    let (_, err) = t.run(panelSteps + "\nm = glm(cost_growth > 0.2 ~ C(phase) + log(cost_before) + age, d, robust=\"\(type)\")")
    #expect(err == "")
    let m = try #require(t.glm())
    typealias F = GLMFixture.PanelLogit
    let expected = switch type {
    case "HC0": F.bse_hc0
    case "HC1": F.bse_hc1
    case "HC2": F.bse_hc2
    default: F.bse_hc3
    }
    #expect(m.design.columnNames == F.terms)
    for j in F.terms.indices {
        #expect(relative(m.coefficients[j], F.params[j]) < 1e-8)
        #expect(relative(m.standardErrors[j], expected[j]) < 1e-8, "\(F.terms[j])")
    }
}

@Test func poissonCountsWithAnExposureOffsetMatchStatsmodels() throws {
    let t = RegressionSession()
    t.set("c", .frame(Frame(columns: [
        Column(name: "y", .number(GLMFixture.offsetY)), Column(name: "x", .number(GLMFixture.offsetX)),
        Column(name: "e", .number(GLMFixture.offsetExposure)),
    ])))
    let (_, err) = t.run("m = glm(y ~ x, c, family=\"poisson\", offset=log(e))\nh = glm(y ~ x, c, family=\"poisson\", offset=log(e), robust=\"HC1\")")
    #expect(err == "")
    let m = try #require(t.glm())
    typealias F = GLMFixture.Offset
    expectAgreement(m, .init(terms: F.terms, params: F.params, bse: F.bse, deviance: F.deviance, nullDeviance: F.null_deviance,
                             llf: F.llf, aic: F.aic, dfResidual: F.df_resid))
    expectIntervals(m, try m.profileIntervals(), terms: F.terms, low: F.profile_low, high: F.profile_high)
    let h = try #require(t.glm("h"))
    for j in F.terms.indices { #expect(relative(h.standardErrors[j], F.bse_hc1[j]) < 1e-8) }
}

@Test func binomialProportionsWithTrialsAsWeightsMatchStatsmodels() throws {
    let t = RegressionSession()
    t.set("b", .frame(Frame(columns: [
        Column(name: "share", .number(GLMFixture.proportionY)), Column(name: "x", .number(GLMFixture.proportionX)),
        Column(name: "n", .number(GLMFixture.proportionTrials)),
    ])))
    let (_, err) = t.run("m = glm(share ~ x, b, weights=n)\ncl = glm(share ~ x, b, weights=n, link=\"cloglog\")\nh = glm(share ~ x, b, weights=n, robust=\"HC3\")")
    #expect(err == "")
    let m = try #require(t.glm())
    typealias F = GLMFixture.ProportionLogit
    expectAgreement(m, .init(terms: F.terms, params: F.params, bse: F.bse, deviance: F.deviance, nullDeviance: F.null_deviance,
                             llf: F.llf, aic: F.aic, dfResidual: F.df_resid))
    expectIntervals(m, try m.profileIntervals(), terms: F.terms, low: F.profile_low, high: F.profile_high)
    let h = try #require(t.glm("h"))
    for j in F.terms.indices { #expect(relative(h.standardErrors[j], F.bse_hc3[j]) < 1e-8) }
    let c = try #require(t.glm("cl"))
    typealias C = GLMFixture.ProportionCloglog
    expectAgreement(c, .init(terms: C.terms, params: C.params, bse: C.bse, deviance: C.deviance, nullDeviance: C.null_deviance,
                             llf: C.llf, aic: C.aic, dfResidual: C.df_resid))
}

@Test func poissonCountsWithACategoricalPredictorAndPriorWeightsMatchStatsmodels() throws {
    let t = RegressionSession()
    t.set("c", .frame(Frame(columns: [
        Column(name: "y", .number(GLMFixture.countsY)), Column(name: "x", .number(GLMFixture.countsX)),
        Column(name: "g", .text(Categorical(GLMFixture.countsG.map { Optional($0) }))),
        Column(name: "w", .number(GLMFixture.countsWeights)),
    ])))
    let (_, err) = t.run("m = glm(y ~ x + C(g), c, family=\"poisson\")\ns = glm(y ~ x + C(g), c, family=\"poisson\", link=\"sqrt\")\n"
                         + "w = glm(y ~ x + C(g), c, family=\"poisson\", weights=w)")
    #expect(err == "")
    let m = try #require(t.glm())
    typealias F = GLMFixture.CountsLog
    expectAgreement(m, .init(terms: F.terms, params: F.params, bse: F.bse, deviance: F.deviance, nullDeviance: F.null_deviance,
                             llf: F.llf, aic: F.aic, dfResidual: F.df_resid))
    expectIntervals(m, try m.profileIntervals(), terms: F.terms, low: F.profile_low, high: F.profile_high)
    let weighted = try #require(t.glm("w"))
    typealias W = GLMFixture.CountsWeighted
    expectAgreement(weighted, .init(terms: W.terms, params: W.params, bse: W.bse, deviance: W.deviance, nullDeviance: W.null_deviance,
                                    llf: W.llf, aic: W.aic, dfResidual: W.df_resid))
    let s = try #require(t.glm("s"))
    typealias S = GLMFixture.CountsSqrt
    expectAgreement(s, .init(terms: S.terms, params: S.params, bse: S.bse, deviance: S.deviance, nullDeviance: S.null_deviance,
                             llf: S.llf, aic: S.aic, dfResidual: S.df_resid))
}

@Test func quasiSeparationIsReportedWithItsTermAndDirection() {
    let t = RegressionSession()
    t.set("q", .frame(Frame(columns: [
        Column(name: "y", .number(GLMFixture.QuasiSeparation.y)), Column(name: "x", .number(GLMFixture.QuasiSeparation.x)),
        Column(name: "g", .text(Categorical(GLMFixture.QuasiSeparation.g.map { Optional($0) }))),
    ])))
    let (out, err) = t.run("glm(y ~ x + C(g), q)")
    #expect(out == "")
    let rows = GLMFixture.QuasiSeparation.g.filter { $0 == "c" }.count
    #expect(err == "error: quasi-complete separation: every row with \(GLMFixture.QuasiSeparation.term) = 1 has y = 0 (\(rows) rows), "
            + "so the estimate of '\(GLMFixture.QuasiSeparation.term)' runs to \(GLMFixture.QuasiSeparation.direction)∞; "
            + "drop the term or merge its level with another")
}
