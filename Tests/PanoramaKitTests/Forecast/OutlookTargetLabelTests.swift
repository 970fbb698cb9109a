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
