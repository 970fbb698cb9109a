import Testing
@testable import PanoramaShell
import PanoramaKit

@Test(arguments: ["nonrobust", "HC0", "HC1", "HC2", "HC3"])
func standardErrorsMatchStatsmodels(_ covariance: String) throws {
    let t = RegressionSession()
    t.set("d", .frame(statsmodelsFrame()))
    let robust = covariance == "nonrobust" ? "" : ", robust=\"\(covariance)\""
    let (_, err) = t.run("m = ols(y ~ x1 + x2 + C(g), d\(robust))")
    #expect(err == "")
    let m = try #require(t.model())
    #expect(m.covarianceType.rawValue == covariance)
    let expected: ([Double], [Double], Double) = switch covariance {
    case "HC0": (StatsmodelsFixture.params_hc0, StatsmodelsFixture.bse_hc0, StatsmodelsFixture.fvalue_hc0)
    case "HC1": (StatsmodelsFixture.params_hc1, StatsmodelsFixture.bse_hc1, StatsmodelsFixture.fvalue_hc1)
    case "HC2": (StatsmodelsFixture.params_hc2, StatsmodelsFixture.bse_hc2, StatsmodelsFixture.fvalue_hc2)
    case "HC3": (StatsmodelsFixture.params_hc3, StatsmodelsFixture.bse_hc3, StatsmodelsFixture.fvalue_hc3)
    default: (StatsmodelsFixture.params_nonrobust, StatsmodelsFixture.bse_nonrobust, StatsmodelsFixture.fvalue_nonrobust)
    }
    for (k, name) in StatsmodelsFixture.terms.enumerated() {
        let j = column(m, name)
        #expect(relative(m.coefficients[j], expected.0[k]) < 1e-12, "\(name)")
        #expect(relative(m.standardErrors[j], expected.1[k]) < 1e-10, "\(name) SE")
    }
    #expect(relative(m.fStatistic, expected.2) < 1e-10)
}

@Test func fitStatisticsMatchStatsmodels() throws {
    let t = RegressionSession()
    t.set("d", .frame(statsmodelsFrame()))
    t.run("m = ols(y ~ x1 + x2 + C(g), d)")
    let m = try #require(t.model())
    let f = StatsmodelsFixture.self
    #expect(relative(m.rSquared, f.rsquared) < 1e-12)
    #expect(relative(m.adjustedRSquared, f.rsquared_adj) < 1e-12)
    #expect(relative(m.logLikelihood, f.llf) < 1e-12)
    #expect(relative(m.aic, f.aic) < 1e-12)
    #expect(relative(m.bic, f.bic) < 1e-12)
    #expect(relative(m.fPValue, f.f_pvalue) < 1e-10)
    #expect(relative(m.durbinWatson, f.durbin_watson) < 1e-12)
    #expect(relative(m.jarqueBera, f.jarque_bera) < 1e-10)
    #expect(relative(m.jarqueBeraPValue, f.jarque_bera_p) < 1e-10)
    #expect(relative(m.skew, f.skew) < 1e-10)
    #expect(relative(m.kurtosis, f.kurtosis) < 1e-10)
    #expect(relative(m.conditionNumber, f.condition_number) < 1e-8)
    let ci = m.confidenceIntervals()
    for (k, name) in f.terms.enumerated() {
        let j = column(m, name)
        #expect(relative(m.pValues[j], f.pvalues[k]) < 1e-10, "\(name) p")
        #expect(relative(ci[j].low, f.conf_low[k]) < 1e-12, "\(name) CI")
        #expect(relative(ci[j].high, f.conf_high[k]) < 1e-12, "\(name) CI")
    }
}

@Test func weightedLeastSquaresMatchesStatsmodels() throws {
    let t = RegressionSession()
    t.set("d", .frame(statsmodelsFrame()))
    t.run("m = ols(y ~ x1 + x2 + C(g), d, weights=w)\nh = ols(y ~ x1 + x2 + C(g), d, weights=w, robust=\"HC3\")")
    let m = try #require(t.model())
    let h = try #require(t.model("h"))
    let f = StatsmodelsFixture.self
    for (k, name) in f.terms.enumerated() {
        let j = column(m, name)
        #expect(relative(m.coefficients[j], f.wls_params[k]) < 1e-12, "\(name)")
        #expect(relative(m.standardErrors[j], f.wls_bse[k]) < 1e-10, "\(name) SE")
        #expect(relative(h.standardErrors[j], f.wls_bse_hc3[k]) < 1e-10, "\(name) HC3 SE")
    }
    #expect(relative(m.rSquared, f.wls_rsquared) < 1e-12)
    #expect(relative(m.logLikelihood, f.wls_llf) < 1e-12)
    #expect(relative(m.aic, f.wls_aic) < 1e-12)
    #expect(relative(m.fStatistic, f.wls_fvalue) < 1e-10)
    #expect(m.notes.contains("Weighted least squares: each row counts by its weight."))
}

@Test func predictionIntervalsMatchStatsmodels() throws {
    let t = RegressionSession(mode: .json)
    t.set("d", .frame(statsmodelsFrame()))
    let (out, err) = t.run("m = ols(y ~ x1 + x2 + C(g), d)\nnew = frame(x1=[2, 7.5], x2=[4, 6.5], g=[\"Terminé\", \"Conception\"])\n"
        + "predict(m, new, interval=\"confidence\")\npredict(m, new, interval=\"prediction\")\npredict(m, new)")
    #expect(err == "")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    let f = StatsmodelsFixture.self
    let confidence = try parseRows(lines[0]), prediction = try parseRows(lines[1])
    for i in 0..<2 {
        #expect(relative(confidence[i][0], f.predict_mean[i]) < 1e-12)
        #expect(relative(confidence[i][1], f.predict_mean_low[i]) < 1e-12)
        #expect(relative(prediction[i][2], f.predict_obs_high[i]) < 1e-12)
    }
    #expect(lines[2].hasPrefix("["))
}

@Test func varianceInflationFactorsMatchStatsmodels() throws {
    let t = RegressionSession()
    t.set("d", .frame(statsmodelsFrame()))
    t.run("m = ols(y ~ x1 + x2 + C(g), d)")
    let m = try #require(t.model())
    let v = try m.varianceInflationFactors()
    // statsmodels' exog order: Intercept, C(g)[T.Déploiement], C(g)[T.Terminé], x1, x2.
    for (k, name) in StatsmodelsFixture.terms.dropFirst().enumerated() {
        #expect(relative(v[column(m, name)], StatsmodelsFixture.vif[k]) < 1e-10, "\(name)")
    }
}

/// The numbers of a JSON frame's rows: `{"columns": [...], "rows": [[1, 2, 3], ...]}`.
func parseRows(_ json: String) throws -> [[Double]] {
    guard let start = json.range(of: "\"rows\": ")?.upperBound else { throw KernelError("no rows in \(json)") }
    let body = json[start...].dropFirst(2).dropLast(3)
    return body.components(separatedBy: "], [").map { row in
        row.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) ?? .nan }
    }
}
