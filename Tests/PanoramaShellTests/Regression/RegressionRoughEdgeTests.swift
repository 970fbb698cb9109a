import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

// Rough edges found while writing the notebooks: a model as a scatter's fit line, leverage-1
// rows under HC2/HC3, a true/false response, the bootstrap's printout at the render width.

private let small = """
d = frame(x=[1, 2, 3, 4, 5, 6, 7], y=[1.2, 1.9, 3.2, 3.8, 5.1, 6.3, 6.8], \
g=["a", "a", "b", "b", "a", "b", "c"], b=[true, false, true, true, false, true, false])
"""

@Test func aStraightLineModelDrawsAsTheScattersFit() {
    let s = RegressionSession()
    s.run(small)
    let (out, err) = s.run("m = ols(y ~ x, d)\nscatter(d, x, y, fit=m, width=40, height=8)")
    #expect(err.isEmpty)
    // statsmodels: Intercept 0.11428571, x 0.98214286.
    #expect(out.contains("fit: y = 0.1143 + 0.9821 x"))
}

@Test(arguments: ["y ~ x + g", "y ~ g", "y ~ 0 + x", "y ~ x + I(x^2)", "y ~ b"])
func aModelThatIsNotOneNumericLineIsRefusedClearly(_ formula: String) {
    let s = RegressionSession()
    s.run(small)
    let (_, err) = s.run("scatter(d, x, y, fit=ols(\(formula), d))")
    #expect(err.contains("error: the model is not a straight line in one numeric predictor; scatter can only draw such a fit"), "\(formula): \(err)")
}

@Test(arguments: [("HC3", [0.30194, 0.22551367, 0.07105277]), ("HC2", [0.21091927, 0.17430867, 0.04889113])])
func aRowWithLeverageOneLeavesItsCoefficientsStandardErrorUndefined(_ type: String, _ reference: [Double]) throws {
    // 'c' has one row (row 7): its dummy fits it exactly, h₇₇ = 1, e₇ = 0, e²/(1 − h)ᵏ = 0/0.
    let s = RegressionSession()
    s.run(small)
    s.run("m = ols(y ~ x + g, d, robust=\"\(type)\")")
    let m = try #require(s.model())
    let names = m.design.columnNames
    #expect(names == ["(Intercept)", "x", "g[T.b]", "g[T.c]"])
    #expect(m.standardErrors[3].isNaN && m.tValues[3].isNaN && m.pValues[3].isNaN)
    // The other standard errors are statsmodels' (Intercept, g[T.b], x), to 1e-6 relative.
    for (j, r) in zip([0, 2, 1], reference) {
        #expect(abs(m.standardErrors[j] - r) <= 1e-6 * r, "\(names[j]): \(m.standardErrors[j]) vs \(r)")
    }
    #expect(m.unitLeverageRows == [6] && m.undefinedColumns == [3])
    #expect(m.notes.contains("Observation 7 has leverage 1: \(type) standard errors are undefined for 'g[T.c]'."))
    let (out, _) = s.run("m")
    #expect(out.contains("[2] Observation 7 has leverage 1: \(type) standard errors are undefined for\n    'g[T.c]'."))
    #expect(out.split(separator: "\n").contains { $0.hasPrefix("g[T.c]") && $0.contains(" na ") })
}

@Test func leverageOneDoesNotTouchHC0OrHC1() throws {
    let s = RegressionSession()
    s.run(small)
    for type in ["HC0", "HC1"] {
        s.run("m = ols(y ~ x + g, d, robust=\"\(type)\")")
        let m = try #require(s.model())
        #expect(m.standardErrors.allSatisfy(\.isFinite) && m.unitLeverageRows.isEmpty)
        #expect(!m.notes.contains { $0.contains("leverage") })
    }
}

@Test func aTrueFalseResponseIsALinearProbabilityModel() throws {
    let s = RegressionSession()
    s.run(small)
    let (_, err) = s.run("m = ols(b ~ x, d)")
    #expect(err.isEmpty)
    let m = try #require(s.model())
    // statsmodels on b as 0/1: params [0.85714286, -0.07142857], bse [0.47380354, 0.10594569].
    for (value, reference) in zip(m.coefficients + m.standardErrors, [0.85714286, -0.07142857, 0.47380354, 0.10594569]) {
        #expect(abs(value - reference) <= 1e-7)
    }
    // As a predictor a bool stays a category.
    s.run("m = ols(x ~ b, d)")
    #expect(try #require(s.model()).design.columnNames == ["(Intercept)", "b[T.true]"])
}

@Test func theBootstrapPrintoutFitsTheWidth() throws {
    let s = RegressionSession(width: 80)
    s.run("""
    d = frame(y=[1.2, 1.9, 3.2, 3.8, 5.1, 6.3, 6.8, 8.1, 8.8, 10.2, 11.1, 12.3], \
    long_predictor_name=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], \
    category_of_the_project=["alpha", "beta", "alpha", "beta", "gamma", "beta", "alpha", "gamma", "beta", "alpha", "beta", "gamma"])
    m = ols(y ~ log(long_predictor_name) + C(category_of_the_project, ref="gamma"), d)
    """)
    let (out, err) = s.run("bootstrap(m, reps=200, seed=3)")
    #expect(err.isEmpty)
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.map(\.count))")
    #expect(lines[0] == "Bootstrap of ols y ~ log(long_predictor_name) + C(category_of_the_project,")
    #expect(lines[1] == "  ref=\"gamma\"): 200 case resamples, seed 3, 95 % percentile intervals")
    // The term names keep their variable and level, as in the summary; the columns that do
    // not fit beside them continue in a second block (issue 14.5: none is left out).
    #expect(lines[3] == "term                                    estimate  bootstrap se    2.5 %  97.5 %")
    #expect(lines[6] == "C(category_of_the_project, …)[T.alpha]   0.14051        1.2041  -2.4365  2.2576")
    #expect(lines[9] == "term                                    failed")
    #expect(lines[12] == "C(category_of_the_project, …)[T.alpha]       1")
    #expect(lines[15] == "Note: in 8 resamples a coefficient was aliased (a level or value missing from")
    // Narrower still, names are cut in their middles and the columns take more blocks.
    s.run(".width 50")
    let narrow = s.run("bootstrap(m, reps=200, seed=3)").out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(narrow.allSatisfy { $0.count <= 50 })
    #expect(narrow.contains("term                estimate  bootstrap se"))
    #expect(narrow.contains("term                  2.5 %  97.5 %  failed"))
    #expect(narrow.contains("log(long_…or_name)   3.4831  7.5082       0"))
}
