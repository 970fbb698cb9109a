import Foundation
import Testing
@testable import PanoramaKit

// The bottom-up roll-forward as a model of the shared Monte Carlo engine.

private func groupedPanel() throws -> (PortfolioPanel, PortfolioFlowModel) {
    let (frame, _) = SyntheticLaw.panel(editions: 6, seed: 4)
    var columns = PortfolioColumns()
    columns.group = "phase"
    let panel = try PortfolioPanel(frame, columns: columns)
    let model = try PortfolioFlowModel.estimate(panel.consecutivePairs.map { panel.transition(from: $0.from, to: $0.to) })
    return (panel, model)
}

@Test func aSeededRollForwardIsBitIdenticalOnOneTwoAndFourThreads() throws {
    let (panel, model) = try groupedPanel()
    // 20,000 trials: four chunks of the engine, so the threads really share the work.
    let runs = try [1, 2, 4].map {
        try PortfolioSimulation.run(panel.tables[6]!, model: model, trials: 20_000, seed: 11, threads: $0, byGroup: true)
    }
    #expect(!runs[0].groupTotals.isEmpty)
    for r in runs.dropFirst() {
        #expect(r.totals == runs[0].totals)
        #expect(r.growth == runs[0].growth && r.entries == runs[0].entries && r.exits == runs[0].exits)
        #expect(r.groupTotals == runs[0].groupTotals)
        #expect(r.mean == runs[0].mean && r.standardDeviation == runs[0].standardDeviation)
    }
}

@Test func aRollForwardOfFewerThanTwoChunksDrawsFromTheSeedsOwnStream() throws {
    // Below 2 × 4,096 trials the engine has one chunk on the seed's generator: the stream a
    // sequential loop would use, so small runs (the backtests' 2,000 trials) keep their draws.
    let (panel, model) = try groupedPanel()
    let short = try PortfolioSimulation.run(panel.tables[6]!, model: model, trials: 3_000, seed: 5)
    let longer = try PortfolioSimulation.run(panel.tables[6]!, model: model, trials: 8_000, seed: 5)
    #expect(Array(longer.totals.prefix(3_000)) == short.totals)
    // From 8,192 trials on, the second chunk draws from the jumped stream.
    let chunked = try PortfolioSimulation.run(panel.tables[6]!, model: model, trials: 8_192, seed: 5)
    #expect(Array(chunked.totals.prefix(4_096)) == Array(longer.totals.prefix(4_096)))
    #expect(chunked.totals[4_096] != longer.totals[4_096])
}

@Test func theGroupTotalsOfEachTrialAddUpToItsTotal() throws {
    let (panel, model) = try groupedPanel()
    let sim = try PortfolioSimulation.run(panel.tables[6]!, model: model, trials: 9_000, seed: 3, threads: 2, byGroup: true)
    for t in stride(from: 0, to: 9_000, by: 97) {
        let sum = sim.groupTotals.values.reduce(0) { $0 + $1[t] }
        #expect(abs(sum - sim.totals[t]) <= 1e-9 * sim.totals[t])
        #expect(abs(sim.totals[t] - (sim.startTotal + sim.growth[t] + sim.entries[t] - sim.exits[t])) <= 1e-9 * sim.totals[t])
    }
}

@Test func theRollForwardsMonteCarloStandardErrorsMatchTheSpreadAcrossSeeds() throws {
    let (panel, model) = try groupedPanel()
    let runs = try (1...30).map { try PortfolioSimulation.run(panel.tables[6]!, model: model, trials: 2_000, seed: UInt64($0)) }
    let means = runs.map(\.mean), medians = runs.map { $0.quantile(0.5) }
    let meanSE = runs.map(\.meanStandardError).reduce(0, +) / 30
    let medianSE = runs.map { $0.percentileEstimate(0.5).standardError }.reduce(0, +) / 30
    // The spread of 30 estimates estimates the standard error to about ±13 %: a band of 0.6–1.5.
    let meanRatio = Descriptive.sampleStandardDeviation(means) / meanSE
    let medianRatio = Descriptive.sampleStandardDeviation(medians) / medianSE
    #expect(meanRatio > 0.6 && meanRatio < 1.5, "mean: spread / SE = \(meanRatio)")
    #expect(medianRatio > 0.6 && medianRatio < 1.5, "median: spread / SE = \(medianRatio)")
    // The engine's moments agree with a direct pass over the totals.
    #expect(abs(runs[0].mean - Descriptive.mean(runs[0].totals)) <= 1e-12 * abs(runs[0].mean))
    #expect(abs(runs[0].standardDeviation - Descriptive.sampleStandardDeviation(runs[0].totals)) <= 1e-9 * runs[0].standardDeviation)
}
