import Testing
@testable import PanoramaShell

/// `glm(…, maxit=)`: R's `glm.control(maxit=)`; a fit that has not converged is one error line.
@Suite struct GLMIterationLimitTests {
    static let data = "d = frame(dose=[1, 2, 3, 4, 5, 6], n=[20, 20, 20, 20, 20, 20], dead=[1, 4, 9, 13, 18, 20])\n"

    @Test func `a fit stopped before it converges is one error line that says to raise maxit`() {
        let t = run(Self.data + "glm(dead / n ~ dose, d, weights=n, maxit=2)")
        #expect(t.outcome == .failed)
        #expect(t.stderr.hasPrefix("error: glm did not converge in 2 iterations (deviance "), "\(t.stderr)")
        #expect(t.stderr.hasSuffix("); raise maxit="))
        #expect(!t.stderr.contains("\n"))
    }

    @Test func `enough iterations give the same fit as the default`() {
        let limited = run(Self.data + "coef(glm(dead / n ~ dose, d, weights=n, maxit=4))")
        let standard = run(Self.data + "coef(glm(dead / n ~ dose, d, weights=n))")
        #expect(limited.stderr == "")
        #expect(limited.stdout == standard.stdout)
    }

    @Test(arguments: ["0", "2.5", "-1"])
    func `maxit must be a positive whole number`(value: String) {
        let t = run(Self.data + "glm(dead / n ~ dose, d, weights=n, maxit=\(value))")
        #expect(t.stderr.contains("'maxit' must be a whole number of iterations from 1 to 10,000"))
    }
}
