import Foundation
import Testing
@testable import PanoramaKit

// Issue 19.3 for `forecast(…, calibrate=true)`: each method calibrated on its own backtest
// misses (`ForecastCalibration`), against numpy (Fixtures/forecast/generate_conformal.py).

private func close(_ a: Double?, _ b: Double, _ what: String) {
    guard let a else { Issue.record("\(what): nil, expected \(b)"); return }
    #expect(relativeDifference(a, b) < 1e-9, "\(what): \(a) vs \(b)")
}

/// The fixture series has a gap, so the scores include a miss across it (scaled by the
/// effective horizon), and 23 targets: 80 % and 95 % both calibrate at the end, while the
/// first replays take the model's interval, then the 80 % factor at 95 %.
@Test(arguments: ["naive", "drift"])
func calibratedIntervalsMatchAnIndependentNumpyComputation(method: String) throws {
    let ref = try ETSReference("conformal")
    let series = ForecastSeries(values: ref["series"], name: "y")
    let report = try ForecastReport.make(series, method: method, horizon: 2, calibrate: true)
    let c = try #require(report.calibration(method))
    #expect(report.calibrationBacktest?.targets == ref["targets"].map { Int($0) })
    #expect(c.conformal.scoreCount == ref["\(method).scores"].count)
    close(c.conformal.multipliers[0], ref.scalar("\(method).q80"), "q80")
    close(c.conformal.multipliers[1], ref.scalar("\(method).q95"), "q95")
    for h in 0..<2 {
        let expected = ref["\(method).h\(h + 1)"]
        let p = report.points[h]
        close(p.mean, expected[0], "h\(h + 1) point")
        close(p.standardDeviation, expected[1], "h\(h + 1) sd")
        let i80 = report.interval(80, of: p, method: method), i95 = report.interval(95, of: p, method: method)
        for (k, bound) in [i80.lower, i80.upper, i95.lower, i95.upper].enumerated() {
            close(bound, expected[2 + k], "h\(h + 1) bound \(k)")
        }
    }
    for (j, level) in [80, 95].enumerated() {
        let lower = ref["\(method).replay\(level).lower"], upper = ref["\(method).replay\(level).upper"]
        #expect(c.replayed.lower[j].count == lower.count)
        for t in lower.indices {
            close(c.replayed.lower[j][t], lower[t], "replay \(level) lower \(t)")
            close(c.replayed.upper[j][t], upper[t], "replay \(level) upper \(t)")
        }
        let covered = ref["\(method).covered\(level)"]
        #expect(c.row.covered[j].inside == Int(covered[0]) && c.row.covered[j].scored == Int(covered[1]))
    }
}

/// Out of sample, strictly: the last observation is only ever an outcome. Moving it changes
/// the final forecast's calibration (its miss joins the scores) but none of the replayed
/// intervals, the last target's included, for any method or the combination.
@Test func changingTheLastObservationLeavesEveryReplayedIntervalAlone() throws {
    let y = try ETSReference("conformal")["series"]
    var moved = y
    moved[moved.count - 1] += 400
    let a = try ForecastReport.make(ForecastSeries(values: y), method: "auto", calibrate: true)
    let b = try ForecastReport.make(ForecastSeries(values: moved), method: "auto", calibrate: true)
    #expect(a.calibrations.count == 7)
    for c in a.calibrations {
        let d = try #require(b.calibration(c.method))
        #expect(c.replayed.lower == d.replayed.lower && c.replayed.upper == d.replayed.upper, "\(c.method)")
        #expect(c.conformal.multipliers != d.conformal.multipliers, "\(c.method): the final calibration uses the last miss")
    }
}

/// `auto`, one method asked for, and `outlook`'s top-down view calibrate a method on the
/// same origins, so they agree.
@Test func oneMethodIsCalibratedAsAutoCalibratesIt() throws {
    let series = ForecastSeries(values: try ETSReference("conformal")["series"])
    let auto = try ForecastReport.make(series, method: "auto", calibrate: true)
    let drift = try ForecastReport.make(series, method: "drift", calibrate: true)
    let outlook = try PortfolioOutlook.make(series: series, panel: nil, method: "drift")
    #expect(auto.calibration("drift")?.conformal == drift.calibration("drift")?.conformal)
    #expect(outlook.topDownCalibration == drift.calibration("drift")?.conformal)
    let shown = drift.interval(80, of: drift.points[0], method: "drift")
    #expect(outlook.topDownInterval(80).map { [$0.lower, $0.upper] } == [shown.lower, shown.upper])
    #expect(shown != drift.points[0].interval(80))
}

/// Too few past misses: the calibration says so and the model's own intervals stand.
@Test func tooFewPastMissesLeaveTheModelsIntervalsAndSaySo() throws {
    let y = Array(try ETSReference("conformal")["series"].prefix(9))  // 3 backtest targets
    let report = try ForecastReport.make(ForecastSeries(values: y), method: "naive", calibrate: true)
    let p = report.points[0]
    #expect(report.interval(80, of: p, method: "naive") == p.interval(80))
    #expect(report.calibrationNotes.contains { $0.contains("80 %: too few past forecasts (3, 4 needed), the model's own interval") },
            "\(report.calibrationNotes)")
    let none = try ForecastReport.make(ForecastSeries(values: Array(y.prefix(3))), method: "naive", calibrate: true)
    #expect(none.calibrationNotes.last?.hasPrefix("intervals not calibrated: no past one-step forecast") == true, "\(none.calibrationNotes)")
    #expect(!none.isCalibrated)
}

/// The fan chart draws 80 % and 95 % whatever `level=` was: with `level=[90]` those bands are
/// calibrated on the same misses by the same rule, as if they had been asked for.
@Test func aLevelOutsideTheBacktestsIsCalibratedOnTheSameMisses() throws {
    let series = ForecastSeries(values: try ETSReference("conformal")["series"])
    let ninety = try ForecastReport.make(series, method: "naive", levels: [90], calibrate: true)
    let both = try ForecastReport.make(series, method: "naive", levels: [80, 95], calibrate: true)
    let p = ninety.points[0]
    let c = try #require(ninety.calibration("naive"))
    for level in [80.0, 95] {
        #expect(c.interval(level, of: p) == both.interval(level, of: both.points[0], method: "naive"))
        #expect(c.interval(level, of: p) != p.interval(level))
    }
}
