import Testing
@testable import PanoramaShell
import PanoramaKit

@Test func summaryPrintsLikeStatsmodelsAndR() {
    let t = RegressionSession(width: 80)
    let (out, err) = t.run(smallData + "\nd.x3 = d.x1 + d.x2\nols(y ~ x1 + x2 + x3 + g, d)")
    #expect(err == "")
    #expect(out == """
    OLS regression: y ~ x1 + x2 + x3 + g
    8 observations · df model 4, residual 3 · covariance nonrobust
    ════════════════════════════════════════════════════════════════════════════════
                  estimate  std. error        t    P>|t|          2.5 %   97.5 %
    (Intercept)  -0.039081     0.12648  -0.3090    0.778       -0.44161  0.36345
    x1             0.96288    0.019593    49.15  1.9e-05  ***   0.90053   1.0252
    x2             0.83312     0.17061    4.883   0.0164  *     0.29015   1.3761
    x3             aliased
    g[T.b]       -0.098711     0.10549  -0.9358    0.418       -0.43442  0.23700
    g[T.c]        -0.10212     0.11788  -0.8663     0.45       -0.47726  0.27303
    ────────────────────────────────────────────────────────────────────────────────
    Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1

    R²               0.9988   Adj. R²          0.9972   Residual SE      0.1261
    F(4, 3)           630.8   Prob (F)       0.000102   Log-likelihood   9.1386
    AIC             -8.2772   BIC             -7.8800   Durbin–Watson     2.474
    Jarque–Bera      0.4921   Prob (JB)         0.782   Skew             -0.559
    Kurtosis           3.47   Cond. no.          21.7

    Notes:
    [1] Standard errors assume that the covariance matrix of the errors is correctly
        specified.
    [2] 'x3' is aliased (a linear combination of the terms before it): not
        estimated.
    """)
}

@Test func summaryFitsANarrowASCIITerminal() {
    let t = RegressionSession(width: 60)
    t.session.options.charset = .ascii
    let (out, _) = t.run(smallData + "\nols(y ~ x1 + C(g, ref=\"c\"), d, robust=\"HC1\")")
    let lines = out.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 60 })
    #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) || $0.contains("²") == false })
    #expect(out.contains("C(g, ref=\"c\")[T.a]  "))
    #expect(out.contains("R^2 "))
    #expect(out.contains("[1] Standard errors are heteroscedasticity robust (HC1)."))
    // Issue 14.5: no column is lost; what does not fit continues in a block below, as in R.
    let headers = lines.filter { $0.hasPrefix("                     ") && !$0.contains("0.") }
    #expect(headers.map { $0.split(separator: " ", omittingEmptySubsequences: true) }.flatMap { $0 }
            == ["estimate", "std.", "error", "t", "P>|t|", "2.5", "%", "97.5", "%"])
    #expect(lines.filter { $0.hasPrefix("C(g, ref=\"c\")[T.a]") }.count == 2)
}

@Test func longTermNamesKeepTheirVariableAndLevelAndEveryColumnShows() {
    let t = RegressionSession(width: 80)
    let (out, _) = t.run("""
    d = frame(y=[1.2, 2.3, 2.9, 4.1, 5.2, 5.8, 7.1, 8.3, 8.8, 10.2], x=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      stage=["design_build", "completed", "experimentation", "design_build", "completed", "experimentation", "design_build", "completed", "experimentation", "design_build"])
    ols(y ~ x + C(stage, ref="design_build"), d)
    """)
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { $0.count <= 80 })
    for column in ["estimate", "std. error", "P>|t|", "2.5 %", "97.5 %"] { #expect(out.contains(column), "\(column)") }
    // The reference level is in the formula; the variable and the level stay whole.
    #expect(lines.contains { $0.hasPrefix("C(stage, …)[T.experimentation]") })
    #expect(lines.contains { $0.hasPrefix("C(stage, …)[T.completed]") })
}

@Test(arguments: [
    ("C(phase, ref=\"design_build\")[T.completed]", 30, "C(phase, …)[T.completed]"),
    ("C(phase, ref=\"design_build\")[T.experimentation]", 24, "C(phase, …)[T.expe…tion]"),
    ("phase[T.design_build]", 19, "phase[T.desig…uild]"),
    ("phase[T.design_build]", 18, "phase[T.desi…uild]"),
    ("log(long_predictor_name)", 18, "log(long_…or_name)"),
])
func termNamesAreShortenedInTheirMiddles(name: String, width: Int, shortened: String) {
    let s = RegressionSummary.shorten(name, to: width)
    #expect(s == shortened)
    #expect(s.count <= width)
}

@Test func summaryInMarkdownIsTables() {
    let t = RegressionSession(mode: .markdown)
    let (out, _) = t.run(smallData + "\nols(y ~ x1, d)")
    #expect(out.hasPrefix("**OLS regression: y ~ x1**\n\n8 observations · df model 1, residual 6 · covariance nonrobust\n\n"
        + "| term | estimate | std. error | t | P>\\|t\\| |   | 2.5 % | 97.5 % |\n|---|--:|--:|--:|--:|:-|--:|--:|\n"
        + "| (Intercept) | 0.26071 | 0.20793 | 1.254 | 0.257 |  | -0.24807 | 0.76950 |\n"))
    #expect(out.hasSuffix("Notes:\n1. Standard errors assume that the covariance matrix of the errors is correctly specified."))
}

@Test func modelMembersAndOneLineSummary() {
    let t = RegressionSession(mode: .json)
    t.session.interactive = true
    let (out, err) = t.run(smallData + "\nm = ols(y ~ x1, d)\nm.r_squared > 0.98\nm.n\nm.coefficients.term\nm.covariance\nm.nope")
    #expect(err.hasPrefix("error: a model has no member 'nope'"))
    let interactive = RegressionSession()
    interactive.session.interactive = true
    let (line, _) = interactive.run(smallData + "\nm = ols(y ~ x1, d)")
    #expect(line.hasSuffix("ols y ~ x1 · n = 8 · R² = 0.9894"))
    #expect(out.hasSuffix("true\n8\n[\"(Intercept)\", \"x1\"]\n\"nonrobust\""))
}

@Test func csvModePrintsTheCoefficientTable() {
    let t = RegressionSession(mode: .csv)
    let (out, _) = t.run(smallData + "\nols(y ~ x1, d)")
    #expect(out.hasPrefix("term,estimate,std. error,t,P>|t|,2.5 %,97.5 %\n(Intercept),0.26071428571428"))
}
