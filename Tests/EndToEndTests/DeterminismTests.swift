import Foundation
import Testing

/// Issue 14.3: the same input prints the same text in every process (hash seeds differ per run).
@Suite struct DeterminismTests {
    @Test func didYouMeanIsTheSameInEveryRunOfTheBinary() throws {
        var answers = Set<String>()
        for _ in 0..<20 {
            let r = try Binary.run(["-e", "cots * 2"])
            #expect(r.status == 1)
            answers.insert(r.stderr)
        }
        #expect(answers.count == 1, "\(answers)")
        #expect(answers.first?.contains("Did you mean 'coef'?") == true)
    }
}
