import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

/// Issue 18.3: models that span a constant without an intercept, zero weights, and the JSON
/// carrying every statistic the printout shows — against statsmodels
/// (`generate_statsmodels_fixtures.py`).

@Test func termsThatSpanAConstantGiveTheCentredRSquaredAndFAsStatsmodels() throws {
    let t = RegressionSession()
    t.set("d", .frame(statsmodelsFrame()))
    t.run("m = ols(y ~ C(g) + x1 - 1, d)")
    let m = try #require(t.model(), "\(t.diagnostics)")
    let f = StatsmodelsFixture.self
    #expect(!m.hasIntercept && m.spansConstant && f.span_k_constant == 1)
    #expect(Double(m.dfModel) == f.span_df_model)
    #expect(relative(m.rSquared, f.span_rsquared) < 1e-12)
    #expect(relative(m.adjustedRSquared, f.span_rsquared_adj) < 1e-12)
    #expect(relative(m.fStatistic, f.span_fvalue) < 1e-10)
    #expect(relative(m.fPValue, f.span_f_pvalue) < 1e-9)
    #expect(relative(m.uncentredRSquared, f.span_rsquared_uncentred) < 1e-12)
    #expect(m.notes.contains { $0.hasPrefix("The terms span a constant (no explicit intercept)") && $0.hasSuffix("0.8228.") })
    let printed = t.run("m").out
    #expect(printed.contains("The terms span a constant") && !printed.contains("R² (uncentred)"), "\(printed)")
}

@Test func aModelWithoutAConstantKeepsItsUncentredRSquared() throws {
    let t = RegressionSession()
    t.set("d", .frame(statsmodelsFrame()))
    t.run("m = ols(y ~ x1 + x2 - 1, d)")
    let m = try #require(t.model())
    #expect(!m.spansConstant && !m.centred)
    #expect(m.rSquared == m.uncentredRSquared)
    #expect(m.notes.contains("R² is uncentred: the model has no intercept."))
}

@Test func aNearlyConstantPredictorDoesNotSpanAConstant() throws {
    let t = RegressionSession()
    t.run("d = frame(x = 1e9 + [1, 2, 3, 4, 5, 6, 7, 8], y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1])\nm = ols(y ~ x - 1, d)")
    let m = try #require(t.model())
    #expect(!m.spansConstant && m.rSquared == m.uncentredRSquared)
}

@Test func zeroWeightsLeaveTheirRowsOutAsInR() throws {
    let t = RegressionSession()
    var frame = statsmodelsFrame()
    frame.columns.append(Column(name: "w0", .number(StatsmodelsFixture.w0)))
    t.set("d", .frame(frame))
    let (_, err) = t.run("m = ols(y ~ x1 + x2 + C(g), d, weights=w0)")
    #expect(err == "")
    let m = try #require(t.model())
    let f = StatsmodelsFixture.self
    #expect(Double(m.observations) == f.w0_nobs && Double(m.dfResidual) == f.w0_df_resid)
    for (k, name) in f.terms.enumerated() {
        let j = column(m, name)
        #expect(relative(m.coefficients[j], f.w0_params[k]) < 1e-12, "\(name)")
        #expect(relative(m.standardErrors[j], f.w0_bse[k]) < 1e-10, "\(name) SE")
    }
    #expect(relative(m.rSquared, f.w0_rsquared) < 1e-12)
    #expect(relative(m.logLikelihood, f.w0_llf) < 1e-12)
    #expect(relative(m.aic, f.w0_aic) < 1e-12 && relative(m.bic, f.w0_bic) < 1e-12)
    #expect(relative(m.fStatistic, f.w0_fvalue) < 1e-10)
    #expect(m.notes.contains("4 rows with weight 0 were left out; 36 used."))
    #expect(t.run("m").out.contains("(4 with weight 0 left out)"))
}

@Test func negativeWeightsAreStillRefused() {
    let t = RegressionSession()
    t.set("d", .frame(statsmodelsFrame()))
    let (_, err) = t.run("ols(y ~ x1, d, weights=x1 - 1)")
    #expect(err.contains("weights must be zero or positive and finite; 2 are not"), "\(err)")
}

@Test func theModelJSONCarriesEveryStatisticThePrintoutShows() throws {
    let t = RegressionSession(mode: .json)
    t.set("d", .frame(statsmodelsFrame()))
    let (out, err) = t.run("m = ols(y ~ x1 + x2 + C(g), d)\nm")
    #expect(err == "")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], "\(out)")
    let f = StatsmodelsFixture.self
    let expected: [(String, Double)] = [
        ("jarque_bera", f.jarque_bera), ("jarque_bera_p", f.jarque_bera_p), ("skew", f.skew), ("kurtosis", f.kurtosis),
        ("durbin_watson", f.durbin_watson), ("aic", f.aic), ("bic", f.bic), ("f_p", f.f_pvalue),
        ("f_statistic", f.fvalue_nonrobust), ("condition_number", f.condition_number), ("log_likelihood", f.llf),
    ]
    for (key, value) in expected {
        let v = try #require(object[key] as? Double, "\(key) missing")
        #expect(relative(v, value) < 1e-8, "\(key)")
    }
    #expect(object["information_criteria_k"] as? Double == 5)
    #expect((object["information_criteria"] as? String)?.contains("σ not counted") == true)
}

@Test func aNegativeWeightIsNamedByItsRowAndValue() {
    let t = RegressionSession()
    let (_, err) = t.run("d = frame(x=[1, 2, 3, 4], y=[2, 3, 5, 4])\nols(y ~ x, d, weights=[1, 1, -2, 1])")
    #expect(err.contains("weights must be zero or positive and finite; 1 is not (row 3: -2)"), "\(err)")
}

@Test(arguments: ["ols(y ~ x + g, d)", "ols(y ~ x * g, d)", "qreg(y ~ x + g, d, tau=0.5)", "glm(I(y > 4) ~ x + g, d)"])
func aFactorWithOneLevelInTheRowsUsedIsNamedInsteadOfVanishing(call: String) {
    let t = RegressionSession()
    let (out, err) = t.run("d = frame(x=[1, 2, 3, 4, 5, 6], y=[2.1, 2.9, 4.2, 3.8, 5.1, 6.3], g=[\"Ops\", \"Ops\", \"Ops\", \"Ops\", \"Ops\", \"Ops\"])\n\(call)")
    #expect(err.isEmpty, "\(err)")
    #expect(out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        .contains("'g' has one level ('Ops') in the rows used: its terms add no column and are not estimated."), "\(out)")
}

@Test func aFactorWithOneLevelAndNoInterceptKeepsItsIndicatorWithoutTheNote() {
    let t = RegressionSession()
    let (out, _) = t.run("d = frame(x=[1, 2, 3, 4], y=[2.1, 2.9, 4.2, 3.8], g=[\"Ops\", \"Ops\", \"Ops\", \"Ops\"])\nols(y ~ g - 1, d)")
    #expect(out.contains("g[Ops]") && !out.contains("has one level"), "\(out)")
}
