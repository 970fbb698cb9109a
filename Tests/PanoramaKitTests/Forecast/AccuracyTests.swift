import Foundation
import Testing
@testable import PanoramaKit

@Test func accuracyMeasuresOnAHandComputedCase() {
    // Errors −1, 1, −3 against actuals 10, 12, 8.
    let a = Accuracy(actuals: [10, 12, 8, .nan], forecasts: [11, 11, 11, 4], scale: 2)
    #expect(a.count == 3)
    #expect(abs(a.mae - 5.0 / 3) < 1e-15)
    #expect(abs(a.rmse - (11.0 / 3).squareRoot()) < 1e-15)
    #expect(abs(a.mape - 100 * (0.1 + 1.0 / 12 + 3.0 / 8) / 3) < 1e-12)
    #expect(abs(a.mase - 5.0 / 6) < 1e-15)
}

@Test func accuracyOfNothingIsNA() {
    let a = Accuracy(actuals: [], forecasts: [], scale: 1)
    #expect(a.count == 0 && a.mae.isNaN && a.rmse.isNaN && a.mape.isNaN && a.mase.isNaN)
    #expect(Accuracy(actuals: [0, 1], forecasts: [1, 1], scale: 1).mape.isNaN)
    #expect(Accuracy(actuals: [2, 1], forecasts: [1, 1], scale: 0).mase.isNaN)
}

@Test func naiveScaleUsesConsecutiveEditionsOnly() {
    #expect(Accuracy.naiveScale([1, 3, .nan, 4, 8]) == 3)
    #expect(Accuracy.naiveScale([1, .nan, 2]).isNaN)
    #expect(Accuracy.naiveScale([]).isNaN)
}

@Test func coverageCountsActualsInsideTheirInterval() {
    #expect(Accuracy.coverage(actuals: [1, 5, 2], lower: [0, 0, 2], upper: [2, 4, 3]) == 2.0 / 3)
    #expect(Accuracy.coverage(actuals: [], lower: [], upper: []).isNaN)
    let c = Accuracy.coverageCount(actuals: [1, 5, 2, .nan], lower: [0, 0, 2, 0], upper: [2, 4, .nan, 1])
    #expect(c.inside == 1 && c.scored == 2)
}

/// Naive on [1, 3, 2, 5, 4] from two observations on: forecasts 3, 2, 5 of 2, 5, 4.
@Test func backtestOfNaiveOnAHandComputedSeries() throws {
    let b = try Backtest.run([1, 3, 2, 5, 4], methods: [.naive], minimumTraining: 2)
    #expect(b.targets == [2, 3, 4])
    let row = b.rows[0]
    #expect(b.rows.count == 1)
    #expect(abs(row.accuracy.mae - 5.0 / 3) < 1e-15)
    #expect(abs(row.accuracy.rmse - (11.0 / 3).squareRoot()) < 1e-15)
    #expect(abs(b.scale - 7.0 / 4) < 1e-15)
    #expect(abs(row.accuracy.mase - (5.0 / 3) / (7.0 / 4)) < 1e-15)
    // Target 3: 2 ± 1.2816·√2.5 misses 5 at 80 %, 2 ± 1.96·√2.5 holds it at 95 %.
    #expect(row.coverage == [2.0 / 3, 1])
    #expect(row.covered.map(\.inside) == [2, 3] && row.covered.map(\.scored) == [3, 3])
    let frame = b.frame
    #expect(frame.names == ["method", "n", "mae", "rmse", "mape", "mase", "coverage_80", "coverage_95"])
    #expect(frame.rowCount == 1)
}

@Test func backtestSkipsMissingTargetsAndUsesTheEffectiveHorizon() throws {
    let b = try Backtest.run([1, 3, 2, .nan, 4, 6], methods: [.naive], minimumTraining: 2)
    // Target 3 is missing; target 4 is forecast from position 2 (two steps).
    #expect(b.targets == [2, 4, 5])
    #expect(b.rows[0].forecasts[1]?.mean == 2)
    let sd = b.rows[0].forecasts[1]!.standardDeviation
    #expect(abs(sd - (2 * 2.5).squareRoot()) < 1e-12)
}

@Test func backtestAddsTheCombinationAndNeedsOrigins() throws {
    let y: [Double] = [5, 6, 8, 7, 9, 11, 10, 12, 13, 12, 15]
    let b = try Backtest.run(y)
    #expect(b.rows.map(\.method) == ["naive", "drift", "mean", "trend", "ses", "holt", "combination"])
    #expect(b.minimumTraining == 6)
    #expect(b.rows.allSatisfy { $0.accuracy.count == 5 })
    #expect(throws: ForecastError("the series has 6 observed values: a backtest needs more than the 6 the first training window holds")) {
        try Backtest.run(Array(y.prefix(6)))
    }
    #expect(throws: ForecastError("the training window must hold at least 6 observed values for these methods, not 3")) {
        try Backtest.run(y, minimumTraining: 3)
    }
}

@Test func combinationAveragesPointsAndRespectsCorrelation() throws {
    let y: [Double] = [5, 6, 8, 7, 9, 11, 10, 12, 13, 12, 15]
    let naive = try ForecastFit.estimate(.naive, on: y, horizon: 1)
    let drift = try ForecastFit.estimate(.drift, on: y, horizon: 1)
    let c = ForecastCombination.combine([naive, drift], series: y)[0]
    #expect(abs(c.mean - (naive.forecasts[0].mean + drift.forecasts[0].mean) / 2) < 1e-12)
    // Perfectly correlated members would give the mean of the sds; less correlation, less.
    let meanSD = (naive.forecasts[0].standardDeviation + drift.forecasts[0].standardDeviation) / 2
    #expect(c.standardDeviation <= meanSD + 1e-12)
    #expect(c.standardDeviation > 0)
}
