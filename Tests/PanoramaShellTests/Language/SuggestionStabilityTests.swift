import Testing
@testable import PanoramaShell

/// Issue 14.3: a did-you-mean must not depend on dictionary (hash) order.
@Suite struct SuggestionStabilityTests {
    @Test func unknownNameGetsTheSameSuggestionInEveryFreshSession() {
        var answers = Set<String>()
        for _ in 0..<40 { answers.insert(run("cots * 2").stderr) }
        #expect(answers == ["error: no variable or function named 'cots'. Did you mean 'coef'?"])
    }

    @Test func aVariableIsPreferredToABuiltinAtTheSameDistance() {
        #expect(run("coz = 1\ncots * 2").stderr.hasPrefix("error: no variable or function named 'cots'. Did you mean 'coz'?"))
    }

    @Test func aColumnIsPreferredInsideAFrameCall() {
        let r = run("f = frame(cost=[1, 2])\nwhere(f, cots > 1)")
        #expect(r.stderr.hasPrefix("error: no column named 'cots'. Did you mean 'cost'?"))
    }

    @Test func unknownFunctionGetsTheSameSuggestionInEveryFreshSession() {
        var answers = Set<String>()
        for _ in 0..<40 { answers.insert(run("mena([1, 2])").stderr) }
        #expect(answers.count == 1)
        #expect(answers.first?.hasPrefix("error: no variable or function named 'mena'. Did you mean 'mean'?") == true)
    }
}
