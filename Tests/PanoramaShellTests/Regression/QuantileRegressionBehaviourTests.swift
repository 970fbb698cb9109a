import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

private let small = "d = frame(x=[1, 2, 3, 4, 5], z=[2, 4, 6, 8, 10], y=[1, 3, 2, 5, 4])\n"

@Test(arguments: [
    ("qreg(y ~ x, d, tau=1.2)", "error: 'tau' must be between 0 and 1 (exclusive), not 1.2"),
    ("qreg(y ~ x, d, tau=[0.5, 0])", "error: 'tau' must be between 0 and 1 (exclusive), not 0"),
    ("qreg(y ~ x, d, se=\"nide\")", "error: 'se' must be \"nid\", \"iid\" or \"boot\", not \"nide\". Did you mean 'nid'?"),
    ("qreg(y ~ x + z, d)", "error: the design is singular: 'x' is a combination of the other columns; drop it from the formula"),
    ("qreg(y ~ x, frame(x=[1, 2], y=[3, 4]))", "error: a quantile regression with 2 coefficients needs more than 2 rows, not 2"),
    ("predict(qreg(y ~ x, d, se=\"iid\"), d, interval=\"prediction\")",
     "error: a quantile regression predicts quantiles; 'interval' applies to ols models"),
])
func quantileRegressionErrorsSayWhatIsWrong(_ input: String, _ message: String) {
    let t = RegressionSession()
    t.run(small)
    let (_, err) = t.run(input)
    #expect(err.components(separatedBy: "\n").first == message)
}

@Test func theMedianOfAnEvenSampleIsReportedAsNotUnique() {
    let t = RegressionSession()
    let (out, err) = t.run("m = qreg(y ~ 1, frame(y=[1, 2, 3, 4]), tau=0.5, se=\"iid\")\nm")
    #expect(err == "")
    #expect(out.contains("The solution at tau 0.5 is not unique"))
    let (odd, _) = t.run("qreg(y ~ 1, frame(y=[1, 2, 3, 4, 9]), tau=0.5, se=\"iid\")")
    #expect(!odd.contains("not unique"))
}

@Test func coefAndPredictGiveOneColumnPerTau() {
    let t = RegressionSession(mode: .csv)
    let script = "d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8], y=[1, 3, 2, 5, 4, 7, 9, 8])\n"
        + "m = qreg(y ~ x, d, tau=[0.25, 0.75], se=\"iid\")\ncoef(m)\npredict(m, frame(x=[0, 10]))"
    let (out, err) = t.run(script)
    #expect(err == "")
    let lines = out.components(separatedBy: "\n")
    #expect(lines.contains("term,P25,P75"))
    #expect(lines.contains("P25,P75"))
    // Each column's predictions are that tau's line: intercept + slope × x.
    guard case .object(let o)? = t.session.interpreter.variables["m"], let m = o as? QuantileModelValue else {
        Issue.record("no model")
        return
    }
    let b = m.model.coefficients
    let expected = "\(NumberFormat(significantDigits: 7, groupSeparator: "").string(b[0][0] + 10 * b[0][1]))"
    #expect(lines.last?.hasPrefix(expected) == true, "\(lines.last ?? "")")
}

@Test func theJSONShapeIsOneEntryPerTermPerTau() throws {
    let t = RegressionSession(mode: .json)
    let (out, _) = t.run(small + "qreg(y ~ x, d, tau=[0.5, 0.8], se=\"iid\")")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    #expect(json["kind"] as? String == "qreg")
    #expect(json["taus"] as? [Double] == [0.5, 0.8])
    #expect(json["se_method"] as? String == "iid")
    let rows = try #require(json["coefficients"] as? [[String: Any]])
    #expect(rows.map { $0["term"] as? String } == ["(Intercept)", "x", "(Intercept)", "x"])
    #expect(rows.map { $0["tau"] as? Double } == [0.5, 0.5, 0.8, 0.8])
    #expect(Set(rows[0].keys).isSuperset(of: ["estimate", "std_error", "ci_low", "ci_high"]))
}

@Test func scatterDrawsOneLinePerTau() {
    let t = RegressionSession()
    let (out, err) = t.run("d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8], y=[1, 3, 2, 5, 4, 7, 9, 8])\n"
                           + "scatter(d, x, y, fit=qreg(y ~ x, d, tau=[0.1, 0.9], se=\"iid\"))")
    #expect(err == "")
    #expect(out.contains("tau 0.1: y = "))
    #expect(out.contains("tau 0.9: y = "))
}

@Test func bootstrapStandardErrorsRepeatWithTheirSeed() throws {
    func errors(_ seed: Int) throws -> [[Double]] {
        let t = RegressionSession()
        t.run("d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], y=[1, 3, 2, 5, 4, 7, 9, 8, 12, 10, 11, 15])\n"
              + "m = qreg(y ~ x, d, tau=[0.5, 0.8], se=\"boot\", reps=300, seed=\(seed))")
        guard case .object(let o)? = t.session.interpreter.variables["m"], let m = o as? QuantileModelValue else {
            throw RegressionError("no model")
        }
        return m.model.standardErrors
    }
    let first = try errors(7), again = try errors(7), other = try errors(8)
    #expect(first == again)
    #expect(first != other)
    #expect(first.joined().allSatisfy { $0.isFinite && $0 > 0 })
}

@Test func weightsAreTheSameAsRepeatedRows() throws {
    // An integer weight counts a row that many times: the same objective, the same solution.
    let t = RegressionSession()
    t.run("""
        a = frame(x=[1, 2, 3, 4, 5, 6, 7], y=[2, 1, 4, 3, 7, 5, 6], w=[1, 3, 1, 2, 1, 1, 2])
        b = frame(x=[1, 2, 2, 2, 3, 4, 4, 5, 6, 7, 7], y=[2, 1, 1, 1, 4, 3, 3, 7, 5, 6, 6])
        ma = qreg(y ~ x, a, tau=0.7, weights=w, se="iid")
        mb = qreg(y ~ x, b, tau=0.7, se="iid")
        """)
    func model(_ name: String) -> QuantileModel? {
        if case .object(let o)? = t.session.interpreter.variables[name] { return (o as? QuantileModelValue)?.model }
        return nil
    }
    let a = try #require(model("ma")), b = try #require(model("mb"))
    #expect(abs(a.objectives[0] - b.objectives[0]) < 1e-12)
    if !a.nonUnique[0] && !b.nonUnique[0] {
        for j in 0..<2 { #expect(abs(a.coefficients[0][j] - b.coefficients[0][j]) < 1e-12) }
    }
}

@Test func methodChoosesTheRouteButNotTheAnswer() throws {
    let t = RegressionSession()
    t.run("""
        d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], y=[1, 3, 2, 5, 4, 7, 9, 8, 12, 10, 11, 15])
        br = qreg(y ~ x, d, tau=0.7, se="iid", method="br")
        fn = qreg(y ~ x, d, tau=0.7, se="iid", method="fn")
        """)
    func model(_ name: String) -> QuantileModel? {
        if case .object(let o)? = t.session.interpreter.variables[name] { return (o as? QuantileModelValue)?.model }
        return nil
    }
    let br = try #require(model("br")), fn = try #require(model("fn"))
    #expect(!br.usedInteriorPoint && fn.usedInteriorPoint)
    #expect(br.coefficients == fn.coefficients)
    let (_, err) = t.run("qreg(y ~ x, d, method=\"lasso\")")
    #expect(err.hasPrefix("error: 'method' must be \"br\" (simplex) or \"fn\" (interior point, then simplex), not \"lasso\""))
}

@Test(arguments: [
    ("qreg(y ~ x, frame(x=[1, 2, 3, 4, 5], y=[2, 2, 2, 2, 2]), se=\"iid\")",
     "error: the iid standard errors at tau 0.8 cannot be estimated: 5 of the 5 residuals are zero; try se=\"boot\""),
    ("qreg(y ~ x, frame(x=[1, 2, 3], y=[1, 5, 2]), tau=0.000000001, se=\"iid\")",
     "error: the iid standard errors at tau 1e-09 cannot be estimated: 2 of the 3 residuals are zero; try se=\"boot\""),
])
func standardErrorsThatCannotBeEstimatedAreAnErrorNotACrash(_ input: String, _ message: String) {
    let t = RegressionSession()
    let (_, err) = t.run(input)
    #expect(err.components(separatedBy: "\n").first == message)
}

@Test func residualsFittedAndConfintWorkPerTau() throws {
    let t = RegressionSession(mode: .csv)
    let script = "d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8], y=[1, 3, 2, 5, 4, 7, 9, 8])\n"
        + "m = qreg(y ~ x, d, tau=[0.25, 0.75], se=\"iid\")\n"
    t.run(script)
    guard case .object(let o)? = t.session.interpreter.variables["m"], let m = o as? QuantileModelValue else {
        Issue.record("no model")
        return
    }
    let (fitted, e1) = t.run("fitted(m)")
    let (resid, e2) = t.run("residuals(m)")
    let (ci, e3) = t.run("confint(m, level=0.9)")
    #expect(e1 == "" && e2 == "" && e3 == "")
    #expect(fitted.hasPrefix("P25,P75") && resid.hasPrefix("P25,P75"))
    #expect(ci.hasPrefix("term,tau,5 %,95 %"))
    // Residual + fitted = y for every row and tau.
    let f = fitted.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
    let r = resid.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
    let y: [Double] = [1, 3, 2, 5, 4, 7, 9, 8]
    for i in y.indices { for k in 0..<2 { #expect(abs(f[i][k] + r[i][k] - y[i]) < 1e-5) } }
    #expect(m.model.confidenceIntervals(0, level: 0.9)[1].low < m.model.coefficients[0][1])
}

@Test func rowsLeftOutForZeroWeightOrNaAreNotedAsForOls() {
    let t = RegressionSession()
    let (out, err) = t.run("""
        d = frame(x=[1, 2, 3, 4, 5, 6, 7, 8, 9], y=[1.2, 1.9, 3.4, 3.8, 5.5, 6.1, 6.8, 8.4, na], w=[1, 1, 0, 1, 1, 1, 0, 1, 1])
        qreg(y ~ x, d, tau=0.5, weights=w, se="iid")
        """)
    #expect(err == "")
    #expect(out.contains("2 rows with weight 0 were left out; 6 used."), "\(out)")
    #expect(out.contains("1 row with na was dropped; 6 used."), "\(out)")
}
