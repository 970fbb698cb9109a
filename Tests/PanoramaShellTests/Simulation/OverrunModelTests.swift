import Foundation
import PanoramaKit
import Testing
@testable import PanoramaShell

/// `simulate(data, cost=, overrun=m)` with `m` a model of the log overrun factor.
@Suite struct OverrunModelTests {
    func run(_ text: String) -> (out: [String], err: [String]) {
        final class Sink: @unchecked Sendable { var out: [String] = []; var err: [String] = [] }
        let sink = Sink()
        var options = RenderOptions()
        options.mode = .json
        let session = Session(options: options, output: { sink.out.append($0) }, diagnostics: { sink.err.append($0) })
        session.run(text)
        return (sink.out, sink.err)
    }

    /// History whose group means of log(factor) are exactly 0.1 (a) and 0.3 (b), residuals ±0.05:
    /// σ² = 8 · 0.05² / (8 − 2), the predictive variance of a new project is σ² + σ²/4, and the
    /// mean of Σ costᵢ · factorᵢ is Σ costᵢ · exp(μᵢ + v/2) whatever the copula.
    let history = """
    h = frame(g=["a", "a", "a", "a", "b", "b", "b", "b"], factor=[exp(0.05), exp(0.15), exp(0.05), exp(0.15), exp(0.25), exp(0.35), exp(0.25), exp(0.35)])
    m = ols(log(factor) ~ g, h)
    now = frame(g=["a", "b", "b"], cost=[100, 50, 200])
    """

    @Test func theTotalsMeanMatchesTheModelsPredictiveLognormals() throws {
        let (out, err) = run(history + "\nsimulate(now, cost=cost, overrun=m, corr=0.4, trials=200000, seed=11)")
        #expect(err.isEmpty, "\(err)")
        let json = try JSONSerialization.jsonObject(with: Data(out[0].utf8)) as! [String: Any]
        let mean = json["mean"] as! Double
        let se = (json["standard_errors"] as! [String: Any])["mean"] as! Double
        let sigma2 = 8 * 0.05 * 0.05 / 6
        let v = sigma2 + sigma2 / 4
        let expected = 100 * exp(0.1 + v / 2) + 250 * exp(0.3 + v / 2)
        #expect(abs(mean - expected) < 4 * se, "mean \(mean) vs \(expected) ± \(se)")
    }

    @Test func projectsTheModelCannotPredictAreSkippedWithANote() {
        let (out, err) = run(history + "\nsimulate(frame(g=[\"a\", \"c\"], cost=[100, 50]), cost=cost, overrun=m, trials=1000, seed=1)")
        #expect(out.count == 1)
        #expect(err.joined(separator: " ").contains("simulate skipped 1 project whose overrun the model cannot predict"))
    }

    @Test(arguments: [
        ("simulate(now, cost=cost, overrun=ols(factor ~ g, h), trials=1000, seed=1)",
         "error: overrun=model needs a model of the log overrun factor, like ols(log(factor) ~ phase + …); this model's response is 'factor'"),
        ("simulate(cost=[1, 2], overrun=m, trials=1000, seed=1)",
         "error: overrun=model predicts each project's factor from its columns: give the frame first, simulate(data, cost=…, overrun=m)"),
    ])
    func misuseGetsAClearMessage(code: String, message: String) {
        let (_, err) = run(history + "\n" + code)
        #expect(err.first?.hasPrefix(message.prefix(60)) == true, "\(err)")
        #expect(err.joined(separator: " ").replacingOccurrences(of: "\n", with: " ").contains("overrun=model"))
    }
}
