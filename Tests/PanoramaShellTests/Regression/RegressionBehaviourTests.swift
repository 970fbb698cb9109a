import Testing
import Foundation
@testable import PanoramaShell
import PanoramaKit

let smallData = """
d = frame(x1=[1, 2, 3, 4, 5, 6, 7, 8], x2=[0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4], \
y=[1.2, 2.1, 3.5, 3.9, 5.3, 5.8, 7.4, 7.9], g=["b", "a", "c", "a", "b", "c", "a", "b"])
"""

@Test func aSingularDesignReportsTheAliasedTermAndFitsTheRest() throws {
    let t = RegressionSession(mode: .json)
    let (out, err) = t.run(smallData + "\nd.x3 = d.x1 + d.x2\nm = ols(y ~ x1 + x2 + x3, d)\nm")
    #expect(err == "")
    #expect(out.contains("{\"term\": \"x3\", \"estimate\": null, \"std_error\": null, \"t\": null, \"p\": null, \"ci_low\": null, \"ci_high\": null, \"aliased\": true}"))
    #expect(out.contains("\"'x3' is aliased (a linear combination of the terms before it): not estimated.\""))
    let m = try #require(t.model())
    #expect(m.aliasedColumns == ["x3"])
    #expect(m.rank == 3 && m.dfResidual == 5)
    t.run("r = ols(y ~ x1 + x2, d)")
    let reduced = try #require(t.model("r"))
    for j in 0..<3 { #expect(abs(m.coefficients[j] - reduced.coefficients[j]) < 1e-13) }
}

@Test func modelJSONHasDesignsShape() throws {
    let t = RegressionSession(mode: .json)
    let (out, _) = t.run(smallData + "\nols(y ~ x1, d)")
    let keys = ["kind", "formula", "n", "df_model", "df_residual", "coefficients", "r_squared", "adj_r_squared", "sigma",
                "f_statistic", "f_p", "log_likelihood", "aic", "bic", "durbin_watson", "condition_number", "covariance", "notes"]
    var position = out.startIndex
    for key in keys {
        let r = try #require(out.range(of: "\"\(key)\": ", range: position..<out.endIndex), "missing \(key)")
        position = r.upperBound
    }
    #expect(out.hasPrefix("{\"kind\": \"ols\", \"formula\": \"y ~ x1\", \"n\": 8, \"df_model\": 1, \"df_residual\": 6, \"coefficients\": [{\"term\": \"(Intercept)\", \"estimate\": "))
    #expect(!out.contains("r_squared_centered"))
    #expect(out.hasSuffix("\"covariance\": \"nonrobust\", \"notes\": [\"Standard errors assume that the covariance matrix of the errors is correctly specified.\"]}"))
}

@Test func withoutAnInterceptRSquaredIsUncentred() throws {
    for formula in ["y ~ x1 - 1", "y ~ 0 + x1", "y ~ -1 + x1"] {
        let t = RegressionSession(mode: .json)
        let (out, _) = t.run(smallData + "\nm = ols(\(formula), d)\nm")
        #expect(out.contains("\"r_squared_centered\": false"))
        let m = try #require(t.model())
        #expect(!m.hasIntercept && m.design.columnNames == ["x1"])
        let y = m.design.response
        let uncentred = 1 - m.residualSumOfSquares / y.reduce(0) { $0 + $1 * $1 }
        #expect(abs(m.rSquared - uncentred) < 1e-15)
        #expect(m.notes.contains("R² is uncentred: the model has no intercept."))
    }
}

@Test func textColumnsBecomeTreatmentDummies() throws {
    let t = RegressionSession()
    t.run(smallData + "\na = ols(y ~ x1 + g, d)\nb = ols(y ~ x1 + C(g), d)\nc = ols(y ~ x1 + C(g, ref=\"c\"), d)\nz = ols(y ~ C(g) - 1, d)")
    #expect(t.model("a")?.design.columnNames == ["(Intercept)", "x1", "g[T.b]", "g[T.c]"])
    #expect(t.model("b")?.design.columnNames == ["(Intercept)", "x1", "C(g)[T.b]", "C(g)[T.c]"])
    #expect(t.model("c")?.design.columnNames == ["(Intercept)", "x1", "C(g, ref=\"c\")[T.a]", "C(g, ref=\"c\")[T.b]"])
    #expect(t.model("z")?.design.columnNames == ["C(g)[a]", "C(g)[b]", "C(g)[c]"])
    // Changing the reference changes the parametrisation, not the fit.
    #expect(abs(t.model("b")!.residualSumOfSquares - t.model("c")!.residualSumOfSquares) < 1e-13)
    // Full indicator coding without an intercept gives the group means (x1 left out).
    let means = ["a": [2.1, 3.9, 7.4], "b": [1.2, 5.3, 7.9], "c": [3.5, 5.8]].mapValues { $0.reduce(0, +) / Double($0.count) }
    let z = t.model("z")!
    for (j, level) in ["a", "b", "c"].enumerated() { #expect(abs(z.coefficients[j] - means[level]!) < 1e-14) }
}

@Test func accentedLevelsSortAsFrenchReadersExpect() throws {
    let t = RegressionSession()
    t.run("d = frame(y=[1, 2, 3, 4, 5, 6], phase=[\"Terminé\", \"Étude\", \"Déploiement\", \"Étude\", \"Terminé\", \"Déploiement\"])\nm = ols(y ~ C(phase), d)")
    #expect(t.model()?.design.columnNames == ["(Intercept)", "C(phase)[T.Étude]", "C(phase)[T.Terminé]"])
}

@Test func interactionsAndCrossingFollowR() throws {
    let t = RegressionSession()
    t.run(smallData + "\na = ols(y ~ x1 * g, d)\nb = ols(y ~ x1:x2 + x1, d)\nc = ols(y ~ (x1 + x2 + g)^2, d)\ne = ols(y ~ g:x1, d)")
    #expect(t.model("a")?.design.columnNames == ["(Intercept)", "x1", "g[T.b]", "g[T.c]", "x1:g[T.b]", "x1:g[T.c]"])
    // Main effects first, whatever the order written.
    #expect(t.model("b")?.design.columnNames == ["(Intercept)", "x1", "x1:x2"])
    #expect(t.model("c")?.design.columnNames == ["(Intercept)", "x1", "x2", "g[T.b]", "g[T.c]", "x1:x2", "x1:g[T.b]", "x1:g[T.c]", "x2:g[T.b]", "x2:g[T.c]"])
    // A categorical factor without its margin gets one indicator per level (R's rule).
    #expect(t.model("e")?.design.columnNames == ["(Intercept)", "g[a]:x1", "g[b]:x1", "g[c]:x1"])
}

@Test func rowsWithNAAreDroppedAndCounted() throws {
    let t = RegressionSession(mode: .json)
    let (out, _) = t.run("d = frame(x=[1, 2, na, 4, 5, 6], y=[1.1, 1.9, 3.2, na, 5.1, 5.8], z=[na, 1, 1, 1, 1, 1])\nm = ols(y ~ x, d)\nm")
    let m = try #require(t.model())
    #expect(m.observations == 4 && m.design.droppedRows == 2)
    #expect(m.design.rows == [0, 1, 4, 5])
    #expect(out.contains("\"2 rows with na were dropped; 4 used.\""))
    // A column the formula does not use does not drop rows.
    #expect(!out.contains("\"z\""))
}

@Test func aPredictorWithALargeOffsetStaysInTheModel() throws {
    let t = RegressionSession()
    t.run("d = frame(x=[1e9 + 1, 1e9 + 2, 1e9 + 4, 1e9 + 7, 1e9 + 8, 1e9 + 11], y=[2.1, 2.4, 3.1, 4.4, 4.6, 6.2])\nm = ols(y ~ x, d)\nr = ols(y ~ I(x - 1e9), d)")
    let m = try #require(t.model())
    let r = try #require(t.model("r"))
    #expect(m.aliasedColumns.isEmpty)
    #expect(abs(m.coefficients[1] - r.coefficients[1]) < 1e-9)
    #expect(abs(m.standardErrors[1] - r.standardErrors[1]) < 1e-9)
    #expect(m.conditionNumber > 1e9)
    #expect(m.notes.last!.hasPrefix("The condition number is large (2.86e+17)"))
}

@Test func edgeCasesOneRowConstantColumnAllNA() throws {
    let t = RegressionSession(mode: .json)
    var (out, err) = t.run("m = ols(y ~ x, frame(x=[3], y=[7]))\nm.df_residual\ncoef(m)")
    #expect(err == "")
    #expect(out.hasSuffix("0\n{\"columns\": [\"term\", \"estimate\"], \"rows\": [[\"(Intercept)\", 7], [\"x\", null]]}"))
    (out, err) = t.run("m = ols(y ~ x + k, frame(x=[1, 2, 3, 4], k=[5, 5, 5, 5], y=[1, 3, 2, 4]))\nm.aliased")
    #expect(out == "[\"k\"]")
    (out, err) = t.run("ols(y ~ x, frame(x=[na, na, na], y=[1, 2, 3]))")
    #expect(err == "error: no rows left: every row has na in a variable of the model")
    (out, err) = t.run("ols(y ~ x, frame(x=[na], y=[na]) |> head(0))")
    #expect(err == "error: the data have no rows")
}

struct RegressionErrorCase: Sendable, CustomTestStringConvertible {
    let code: String
    let message: String
    var testDescription: String { code }
}

@Test(arguments: [
    RegressionErrorCase(code: "ols(y ~ x1, d, robust=\"HC4\")",
                        message: "error: 'robust' must be \"HC0\", \"HC1\", \"HC2\" or \"HC3\", not \"HC4\". Did you mean 'HC0'?\nusage: ols(formula, data, weights=, robust=)"),
    RegressionErrorCase(code: "ols(y ~ x9, d)", message: "error: no column named 'x9'. Did you mean 'x1'?"),
    RegressionErrorCase(code: "ols(g ~ x1, d)", message: "error: the response 'g' must be numeric"),
    RegressionErrorCase(code: "ols(y ~ log(x1 - 1), d)", message: "error: 'log(x1 - 1)' is infinite in 1 row (log of 0?); drop those rows first"),
    RegressionErrorCase(code: "ols(y ~ x1, d, weights=x1 - 3)", message: "error: weights must be zero or positive and finite; 2 are not (row 1: -2, …)"),
    RegressionErrorCase(code: "ols(y ~ C(g, ref=\"z\"), d)", message: "error: 'z' is not a level of 'C(g, ref=\"z\")' (levels: 'a', 'b', 'c')"),
    RegressionErrorCase(code: "ols(y ~ 2 + x1, d)", message: "error: a number in a formula can only be 0 or 1 (the intercept); use I(…) for arithmetic"),
    RegressionErrorCase(code: "ols(y ~ x1, 3)", message: "error: 'data' must be a frame, not a number\nusage: ols(formula, data, weights=, robust=)"),
    RegressionErrorCase(code: "ols(~ x1, d)", message: "error: the formula needs a response: y ~ x\nusage: ols(formula, data, weights=, robust=)"),
    RegressionErrorCase(code: "ols(d, d)", message: "error: 'formula' must be a formula like y ~ x, not a frame\nusage: ols(formula, data, weights=, robust=)"),
    RegressionErrorCase(code: "predict(ols(y ~ g, d), frame(g=[\"q\"]))", message: "error: level 'q' of 'g' was not in the data the model was fitted on"),
    RegressionErrorCase(code: "predict(ols(y ~ x1, d), d, interval=\"mean\")",
                        message: "error: 'interval' must be \"confidence\" or \"prediction\", not \"mean\"\nusage: predict(m, newdata, interval=, type=, level=0.95)"),
    RegressionErrorCase(code: "confint(ols(y ~ x1, d), level=95)",
                        message: "error: 'level' must be between 0 and 1, not 95\nusage: confint(m, level=0.95, method=)"),
    RegressionErrorCase(code: "coef(d)", message: "error: 'm' must be a model, not a frame\nusage: coef(m)"),
    RegressionErrorCase(code: "ols(y ~ x1 + I(g), d)", message: "error: I(…) must give numbers, not text"),
])
func regressionErrorsReadWell(_ c: RegressionErrorCase) {
    let t = RegressionSession()
    t.run(smallData)
    let (_, err) = t.run(c.code)
    // The caret lines of the error renderer follow; the message is the first line(s).
    #expect(err.hasPrefix(c.message), "\(err)")
}

@Test func predictWithoutNewDataGivesTheFittedValues() throws {
    let t = RegressionSession(mode: .json)
    let (out, _) = t.run(smallData + "\nm = ols(y ~ x1 + g, d)\nsum(abs(predict(m) - fitted(m))) < 1e-13\nsum(abs(residuals(m) + fitted(m) - d.y)) < 1e-13")
    #expect(out == "true\ntrue")
}

@Test func bootstrapIsReproducibleWithASeed() throws {
    let t = RegressionSession(mode: .json)
    let (a, errA) = t.run(smallData + "\nbootstrap(ols(y ~ x1, d), reps=300, seed=11)")
    let (b, _) = t.run("bootstrap(ols(y ~ x1, d), reps=300, seed=11)")
    let (c, _) = t.run(".seed 11\nbootstrap(ols(y ~ x1, d), reps=300)")
    #expect(errA == "")
    #expect(a == b && b == c)
    #expect(a.hasPrefix("{\"kind\": \"bootstrap\", \"formula\": \"y ~ x1\", \"reps\": 300, \"seed\": 11, \"level\": 0.95, \"coefficients\": [{\"term\": \"(Intercept)\""))
    let (_, noted) = RegressionSession().run(smallData + "\nb = bootstrap(ols(y ~ x1, d), reps=10)")
    #expect(noted.hasPrefix("note: bootstrap seed "))
}

@Test func bootstrapIntervalsCoverTheEstimateAndAgreeWithTheSandwich() throws {
    // Pairs bootstrap SEs estimate the same thing as HC standard errors: close for n = 200.
    var x: [Double] = [], y: [Double] = []
    var g = Xoshiro256StarStar(seed: 5)
    for i in 0..<200 {
        let xi = Double(i % 17) + Double(g.next(below: 1000)) / 1000
        x.append(xi)
        y.append(1 + 0.5 * xi + (Double(g.next(below: 2001)) / 1000 - 1) * (0.2 + 0.1 * xi))
    }
    let t = RegressionSession()
    t.set("d", .frame(Frame(columns: [Column(name: "x", .number(x)), Column(name: "y", .number(y))])))
    t.run("m = ols(y ~ x, d, robust=\"HC3\")\nb = bootstrap(m, reps=4000, seed=1)")
    let m = try #require(t.model())
    guard case .object(let o)? = t.session.interpreter.variables["b"], let b = o as? BootstrapValue else {
        Issue.record("no bootstrap value"); return
    }
    for j in 0..<2 {
        #expect(b.result.lower[j] < m.coefficients[j] && m.coefficients[j] < b.result.upper[j])
        #expect(abs(b.result.standardErrors[j] / m.standardErrors[j] - 1) < 0.1)
    }
    #expect(b.result.failures == [0, 0])
}
