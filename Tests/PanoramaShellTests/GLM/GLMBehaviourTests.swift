import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

private func offsetSession(mode: RenderOptions.Mode = .box) -> RegressionSession {
    let t = RegressionSession(mode: mode)
    t.set("c", .frame(Frame(columns: [
        Column(name: "y", .number(GLMFixture.offsetY)), Column(name: "x", .number(GLMFixture.offsetX)),
        Column(name: "e", .number(GLMFixture.offsetExposure)),
    ])))
    t.set("new", .frame(Frame(columns: [
        Column(name: "x", .number(GLMFixture.predictX)), Column(name: "e", .number(GLMFixture.predictExposure)),
    ])))
    return t
}

/// The fit, lower and upper columns of the two JSON tables printed by
/// `predict(m, new, interval=…)` and `predict(m, new, type="link", interval=…)`.
func predictionColumns(_ out: String) throws -> (response: [[Double]], link: [[Double]]) {
    let lines = out.split(separator: "\n").map(String.init)
    try #require(lines.count == 2)
    func columns(_ line: String) throws -> [[Double]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[Double]])
        return (0..<3).map { c in rows.map { $0[c] } }
    }
    return (try columns(lines[0]), try columns(lines[1]))
}

@Test func predictionsAtNewRowsUseTheirOwnOffsetAndTransformTheLinkInterval() throws {
    let t = offsetSession(mode: .json)
    let (out, err) = t.run("m = glm(y ~ x, c, family=\"poisson\", offset=log(e))\n"
                           + "predict(m, new, interval=\"confidence\")\npredict(m, new, type=\"link\", interval=\"confidence\")")
    #expect(err == "")
    let (response, link) = try predictionColumns(out)
    for i in GLMFixture.predictX.indices {
        #expect(relative(response[0][i], GLMFixture.predictMean[i]) < 1e-8)
        #expect(relative(response[1][i], GLMFixture.predictLow[i]) < 1e-8)
        #expect(relative(response[2][i], GLMFixture.predictHigh[i]) < 1e-8)
        #expect(relative(link[0][i], GLMFixture.predictLink[i]) < 1e-8)
        #expect(relative(link[1][i], GLMFixture.predictLinkLow[i]) < 1e-8)
    }
}

@Test func theModelJSONHasTheGLMShape() throws {
    let t = offsetSession(mode: .json)
    let (out, err) = t.run("glm(y ~ x, c, family=\"poisson\", offset=log(e))")
    #expect(err == "")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    #expect(object["kind"] as? String == "glm")
    #expect(object["family"] as? String == "poisson")
    #expect(object["link"] as? String == "log")
    #expect(object["df_null"] as? Double == Double(GLMFixture.offsetY.count - 1))
    #expect(object["df_residual"] as? Double == Double(GLMFixture.Offset.df_resid))
    #expect(relative(try #require(object["deviance"] as? Double), GLMFixture.Offset.deviance) < 1e-8)
    #expect(relative(try #require(object["null_deviance"] as? Double), GLMFixture.Offset.null_deviance) < 1e-8)
    #expect(relative(try #require(object["aic"] as? Double), GLMFixture.Offset.aic) < 1e-8)
    #expect((object["iterations"] as? Double ?? 0) >= 3)
    let coefficients = try #require(object["coefficients"] as? [[String: Any]])
    #expect(coefficients.map { $0["term"] as? String } == ["(Intercept)", "x"])
    #expect(coefficients.allSatisfy { $0["z"] != nil && $0["t"] == nil })
}

@Test func theSummaryPrintsDeviancesAICAndIterationsAsRDoes() {
    let t = RegressionSession()
    let (out, err) = t.run("d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8], y=[0, 0, 1, 0, 1, 0, 1, 1])\nglm(y ~ x, d)")
    #expect(err == "")
    // R 4.3: glm(y ~ x, binomial) on these data prints Null deviance 11.090 on 7 df, Residual
    // deviance 8.450 on 6 df, AIC 12.45, 4 Fisher scoring iterations.
    #expect(out.contains("GLM binomial (logit): y ~ x"))
    #expect(out.contains("8 observations · df null 7, residual 6 · covariance nonrobust"))
    #expect(out.contains("Null deviance             11.0904 on 7 df"))
    #expect(out.contains("Residual deviance         8.44958 on 6 df"))
    #expect(out.contains("AIC                               12.4496"))
    #expect(out.contains("Fisher scoring iterations               4"))
    #expect(out.contains("[1] Dispersion parameter for the binomial family taken to be 1."))
}

@Test func aliasedTermsAreReportedAsOlsDoes() throws {
    let t = RegressionSession()
    let (_, err) = t.run("d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8], z=[2, 4, 6, 8, 10, 12, 14, 16], y=[0, 0, 1, 0, 1, 0, 1, 1])\nm = glm(y ~ x + z, d)")
    #expect(err == "")
    let m = try #require(t.glm())
    #expect(m.aliasedColumns == ["z"])
    #expect(m.coefficients[2].isNaN)
    #expect(m.notes.contains("'z' is aliased (a linear combination of the terms before it): not estimated."))
}

@Test func completeSeparationByANumericPredictorNamesItsThreshold() {
    let t = RegressionSession()
    let (_, err) = t.run("glm(y ~ x, frame(x=[1, 2, 3, 4, 5, 6], y=[1, 1, 1, 0, 0, 0]))")
    #expect(err == "error: complete separation: y is 1 for every x ≤ 3 and 0 for every x ≥ 4, so the estimate of 'x' runs to −∞; "
            + "drop the term or use fewer predictors")
}

@Test func separationByACombinationOfTermsIsCaughtFromTheFittedProbabilities() {
    let t = RegressionSession()
    // Neither a nor b separates alone, but a + b > 1 does exactly.
    let (_, err) = t.run("d = frame(a=[0, 1, 0, 1, 2, 0, 2, 1], b=[0, 0, 1, 1, 0, 2, 1, 2], y=[0, 0, 0, 1, 1, 1, 1, 1])\nglm(y ~ a + b, d)")
    #expect(err.hasPrefix("error: separation: "))
    #expect(err.contains("toward +∞"))
}

struct GLMErrorCase: Sendable, CustomTestStringConvertible {
    let code: String
    let message: String
    var testDescription: String { code }
}

@Test(arguments: [
    GLMErrorCase(code: "glm(n ~ x, d)",
                 message: "error: a binomial response must be 0/1, true/false or a proportion in [0, 1]; 'n' is 3 in row 1"),
    GLMErrorCase(code: "glm(p ~ x, d)",
                 message: "error: a binomial response must be 0/1 or true/false ('p' is 0.5 in row 2); for proportions give the numbers of trials as weights="),
    GLMErrorCase(code: "glm(s ~ x, d, family=\"poisson\")", message: "error: a Poisson response must be counts ≥ 0; 's' is -1 in row 3"),
    GLMErrorCase(code: "glm(y ~ x, d, family=\"poison\")",
                 message: "error: 'family' must be \"binomial\" or \"poisson\", not \"poison\". Did you mean 'poisson'?\n"
                     + "usage: glm(formula, data, family=, link=, weights=, offset=, robust=, maxit=)"),
    GLMErrorCase(code: "glm(y ~ x, d, link=\"log\")",
                 message: "error: the binomial family takes link \"logit\", \"probit\", \"cloglog\", not \"log\". Did you mean 'logit'?\n"
                     + "usage: glm(formula, data, family=, link=, weights=, offset=, robust=, maxit=)"),
    GLMErrorCase(code: "glm(n ~ x, d, family=\"poisson\", offset=o)",
                 message: "error: 'offset' is na in row 2; give every row used an offset\n"
                     + "usage: glm(formula, data, family=, link=, weights=, offset=, robust=, maxit=)"),
    GLMErrorCase(code: "predict(glm(y ~ x, d), interval=\"prediction\")",
                 message: "error: a glm predicts means: 'interval' must be \"confidence\", not \"prediction\"\n"
                     + "usage: predict(m, newdata, interval=, type=, level=0.95)"),
    GLMErrorCase(code: "confint(ols(n ~ x, d), method=\"profile\")",
                 message: "error: method=\"profile\" is for glm models; an ols interval is exact (t)\n"
                     + "usage: confint(m, level=0.95, method=)"),
    GLMErrorCase(code: "glm(n ~ x, d, family=\"poisson\", link=\"identity\", offset=-20 * x)",
                 message: "error: no valid coefficients found (the identity link gives means outside the poisson range); try another link"),
    GLMErrorCase(code: "vif(glm(y ~ x, d))", message: "error: 'm' must be a model from ols(), not a glm\nusage: vif(m)"),
])
func badGLMInputGivesOneLineErrors(_ c: GLMErrorCase) {
    let t = RegressionSession()
    t.run("d = frame(x=[1, 2, 3, 4, 5, 6], y=[0, 1, 0, 1, 1, 0], n=[3, 1, 4, 1, 5, 9], p=[0, 0.5, 1, 0, 1, 0], "
          + "s=[1, 2, -1, 3, 0, 2], o=[0, na, 0, 0, 0, 0])")
    let (out, err) = t.run(c.code)
    #expect(out == "")
    #expect(err == c.message)
}
