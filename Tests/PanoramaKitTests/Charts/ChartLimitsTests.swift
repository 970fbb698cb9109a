import Foundation
import Testing
@testable import PanoramaKit

/// Charts with a row per item draw a bounded number of them and say how many they left out
/// (a bar chart of a million labels printed 116 MB), and positions from extreme values are
/// held to the grid instead of trapping.
@Suite struct ChartLimitsTests {
    @Test func aBarChartOfThousandsOfLabelsDrawsFiftyAndSaysHowManyMore() {
        let n = 5_000
        let chart = BarChart(labels: (0..<n).map { "p\($0)" }, values: (0..<n).map { Double($0 % 97) })
        let text = chart.render(ChartLayout(width: 80))
        #expect(text.split(separator: "\n").count < 60)
        #expect(text.replacingOccurrences(of: "\n", with: " ").contains("4950 more bars not drawn (the first 50 are)"))
        #expect(text.contains("p49 "))
        #expect(!text.contains("p50 "))
    }

    @Test func aBoxPlotOfThousandsOfGroupsDrawsFiftyAndSaysHowManyMore() {
        let groups = (0..<8_000).map { BoxPlot.Group(name: "g\($0)", values: [1, 2, Double($0 % 13)]) }
        let text = BoxPlot(groups: groups).render(ChartLayout(width: 80))
        #expect(text.split(separator: "\n").count < 60)
        #expect(text.replacingOccurrences(of: "\n", with: " ").contains("7950 more groups not drawn (the first 50 are)"))
    }

    @Test func aFewBarsAreAllDrawnWithoutANote() {
        let text = BarChart(labels: ["a", "b"], values: [1, 2]).render(ChartLayout(width: 60))
        #expect(!text.contains("not drawn"))
    }

    @Test(arguments: [(1e308, 9_007_199_254_740_992), (-Double.infinity, -9_007_199_254_740_992), (.nan, 0), (41.0, 41), (-3.0, -3)])
    func saturatingConversionHoldsAnyDoubleWithinTwoToTheFiftyThird(_ value: Double, _ expected: Int) {
        #expect(Int(saturating: value) == expected)
    }

    @Test func aBarOfATinyValueIsDrawnFullLength() {
        let text = BarChart(labels: ["a", "b"], values: [1e-310, 0]).render(ChartLayout(width: 40))
        #expect(text.contains("a │████"))
    }
}
