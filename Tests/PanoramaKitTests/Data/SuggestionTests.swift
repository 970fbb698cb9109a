import Testing
@testable import PanoramaKit

@Suite struct SuggestionTests {
    /// (typed, tiers, expected): distance first, then the tier (nearer scope), then alphabetical.
    @Test(arguments: [
        ("cots", [["cost"], ["coef", "cor", "ols"]], "cost"),          // a column at distance 2 beats builtins at 2
        ("cots", [[], ["ols", "cor", "coef"]], "coef"),                // equal distance and tier: alphabetical
        ("cots", [[], ["cor", "ols", "coef"]], "coef"),                // whatever order they come in
        ("cots", [["ols"], ["coef", "cor"]], "ols"),                   // the nearer scope wins a tie
        ("coat", [["cots"], ["cost"]], "cost"),                        // but a smaller distance wins over scope
        ("mena", [["zmean"], ["mean", "median"]], "mean"),             // a variable too far away is no candidate
        ("lgo", [[], ["log", "lag"]], "lag"),                          // two at distance 2: alphabetical
    ] as [(String, [[String]], String)])
    func suggestionIsRankedByDistanceThenScopeThenName(typed: String, tiers: [[String]], expected: String) {
        #expect(suggestion(for: typed, amongTiers: tiers) == expected)
    }

    @Test func suggestionDoesNotDependOnTheCandidatesOrder() {
        let names = ["cor", "coef", "ols", "cumsum", "count", "cdf"]
        var answers = Set<String?>()
        for _ in 0..<50 { answers.insert(suggestion(for: "cots", among: names.shuffled())) }
        #expect(answers == ["coef"])
    }
}
