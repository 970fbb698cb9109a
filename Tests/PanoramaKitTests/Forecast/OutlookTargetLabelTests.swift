import Foundation
import Testing
@testable import PanoramaKit

// Both views of an outlook name their target the same way, whatever the time column is called
// (issue 19.2: "same label, same JSON") — a portfolio file from elsewhere counts `period`s.

@Test func bothViewsNameTheTargetByThePanelsTimeColumn() throws {
    var (frame, _) = SyntheticLaw.panel(editions: 6, seed: 4)
    let j = try #require(frame.columns.firstIndex { $0.name == "edition" })
    frame.columns[j].name = "period"
    frame.columns[j].label = "period"
    var columns = PortfolioColumns()
    columns.time = "period"
    let panel = try PortfolioPanel(frame, columns: columns)
    let totals = panel.editions.map { panel.total($0) } + [panel.total(6) * 1.04, panel.total(6) * 1.07]
    let series = try ForecastSeries(value: Column(name: "total", .number(totals)),
                                    time: Column(name: "period", .number(totals.indices.map { Double($0 + 1) })))
    let o = try PortfolioOutlook.make(series: series, panel: panel, trials: 1_000, backtestTrials: 200)
    #expect(o.topDown?.targets.first == "period 9" && o.bottomUpTarget == "period 9")
    #expect(o.bottomUpOrigin == "table 6, totals 8")
    #expect(!o.notes.contains { $0.contains("the top-down view") }, "\(o.notes)")
    // With the latest table last in the series: one step, labelled the same way.
    let one = try PortfolioOutlook.make(series: try ForecastSeries(value: Column(name: "total", .number(Array(totals.prefix(6)))),
                                                                   time: Column(name: "period", .number((1...6).map(Double.init)))),
                                        panel: panel, trials: 1_000, backtestTrials: 200)
    #expect(one.topDown?.targets.first == "period 7" && one.bottomUpTarget == "period 7")
    #expect(one.bottomUpOrigin?.hasPrefix("period 6") == true)
}

/// Published totals far in the flow model's tail leave few portfolios with weight: the outlook
/// says at which edition and how many, instead of presenting intervals built on a few paths.
@Test func aDegenerateRollForwardIsNamedInANote() throws {
    let (frame, _) = SyntheticLaw.panel(editions: 6, seed: 4)
    let panel = try PortfolioPanel(frame)
    // Published totals 5 % either side of the tables' sums: a measurement spread of about 5 %.
    let totals = panel.editions.map { panel.total($0) * ($0 % 2 == 0 ? 1.05 : 0.95) }
    func outlook(_ jump: Double) throws -> PortfolioOutlook {
        let values = totals + [totals[5] * jump, totals[5] * jump * 1.02]
        let series = try ForecastSeries(value: Column(name: "total", .number(values)),
                                        time: Column(name: "edition", .number(values.indices.map { Double($0 + 1) })))
        return try PortfolioOutlook.make(series: series, panel: panel, trials: 2_000, backtestTrials: 200)
    }
    let far = try outlook(1.35)
    let poorest = try #require(far.bottomUp?.rollForward.filter(\.weighed).min { $0.effectiveSampleSize < $1.effectiveSampleSize })
    #expect(poorest.effectiveSampleSize < 100)
    let expected = "roll-forward: at edition \(poorest.edition) only \(Int(poorest.effectiveSampleSize.rounded())) of 2,000 simulated portfolios carry the weight"
    #expect(far.notes.contains { $0.hasPrefix(expected) }, "\(far.notes)")
    let near = try outlook(1.0)
    let least = try #require(near.bottomUp?.rollForward.map(\.effectiveSampleSize).min())
    #expect(least >= 100 && !near.notes.contains { $0.hasPrefix("roll-forward: at edition") }, "ESS \(least)")
}
