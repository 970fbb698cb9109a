import Foundation
import Testing
@testable import PanoramaKit

/// One chart pinned by a golden file under Fixtures/charts/.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var chart: any ChartRenderer
    var layout: ChartLayout

    var testDescription: String { name }

    /// The chart in Unicode and ASCII at 60 and 100 columns.
    static func everyVariant(_ name: String, _ chart: any ChartRenderer, _ configure: (inout ChartLayout) -> Void = { _ in }) -> [GoldenCase] {
        [(RenderOptions.Charset.unicode, 60), (.unicode, 100), (.ascii, 60), (.ascii, 100)].map { charset, width in
            var layout = ChartLayout(width: width, height: width / 5, charset: charset)
            configure(&layout)
            return GoldenCase(name: "\(name)-\(charset.rawValue)-\(width)", chart: chart, layout: layout)
        }
    }

    /// One chart at one layout (edge cases).
    static func one(_ name: String, _ chart: any ChartRenderer, width: Int = 60, height: Int = 10,
                    charset: RenderOptions.Charset = .unicode, _ configure: (inout ChartLayout) -> Void = { _ in }) -> GoldenCase {
        var layout = ChartLayout(width: width, height: height, charset: charset)
        configure(&layout)
        return GoldenCase(name: name, chart: chart, layout: layout)
    }
}

enum GoldenCases {
    static let forecast = FanChart(
        historyLabels: ["2016-11", "2017-03", "2017-07", "2017-11", "2018-06", "2018-12", "2019-06", "2019-12", "2020-06", "2020-12", "2021-06", "2021-11"],
        history: [2_614, 2_813, 3_101, 3_250, 3_390, 3_633, 3_846, 3_912, 4_101, 4_365, 4_483, 4_597],
        forecast: [FanChart.Point(label: "2022-S1", point: 4_760, low80: 4_590, high80: 4_930, low95: 4_500, high95: 5_020),
                   FanChart.Point(label: "2022-S2", point: 4_920, low80: 4_660, high80: 5_180, low95: 4_520, high95: 5_330)])

    static let all: [GoldenCase] = {
        let normal = ChartData.normal(10_000, mean: 100, sd: 15)
        let costs = ChartData.lognormal(60, meanlog: 4, sdlog: 1)
        var cases: [GoldenCase] = []
        cases += GoldenCase.everyVariant("hist", Histogram(values: normal)) {
            $0.title = "Simulated total cost"
            $0.xlabel = "M€"
        }
        cases += GoldenCase.everyVariant("bar", BarChart(labels: ChartData.ministries, values: ChartData.ministryCosts)) {
            $0.title = "Total cost by ministry (M€)"
        }
        cases += GoldenCase.everyVariant("bar-negative", BarChart(labels: ["Armées", "Intérieur", "Justice", "Culture"],
                                                                   values: [420.5, -125, 88, -12.25]))
        let days = ChartData.editionDays
        cases += GoldenCase.everyVariant("line-dates", LineChart(x: days, xKind: .dates, series: [
            LineSeries(name: "total", values: GoldenCases.forecast.history),
            LineSeries(name: "initial", values: [2_100, 2_230, 2_480, 2_560, 2_610, 2_790, 2_920, 2_950, 3_080, 3_260, 3_300, 3_371]),
            LineSeries(name: "drift", values: [514, 583, 621, 690, 780, 843, 926, 962, 1_021, 1_105, 1_183, 1_226]),
        ])) {
            $0.title = "Portfolio by edition (M€)"
        }
        let xs = ChartData.uniform(300).map { $0 * 10 }
        let ys = zip(xs, ChartData.normal(300, alpha: 0.7548776662466927)).map { 3 + 2 * $0 + 2.5 * $1 }
        cases += GoldenCase.everyVariant("scatter-fit", ScatterChart(x: xs, y: ys, fit: .line(intercept: 3, slope: 2))) {
            $0.xlabel = "duration (years)"
            $0.ylabel = "cost (M€)"
        }
        let phases = ["Cadrage", "Conception", "Réalisation", "Déploiement"]
        cases += GoldenCase.everyVariant("box", BoxPlot(groups: phases.enumerated().map { k, name in
            BoxPlot.Group(name: name, values: stride(from: k, to: costs.count, by: 4).map { costs[$0] * Double(k + 1) / 2 })
        })) {
            $0.xlabel = "cost (M€)"
        }
        let totals = ChartData.lognormal(20_000, meanlog: log(4_600), sdlog: 0.08)
        cases += GoldenCase.everyVariant("scurve", SCurve(values: totals, pointEstimate: 4_500, subject: "trials")) {
            $0.title = "Portfolio total, next edition"
            $0.xlabel = "M€"
        }
        cases += GoldenCase.everyVariant("fan", forecast) {
            $0.title = "Portfolio total: forecast"
            $0.ylabel = "M€"
        }
        cases += GoldenCase.everyVariant("tornado", TornadoChart(bars: [
            .init(name: "SI Paie des armées", low: 4_540, high: 4_790),
            .init(name: "Cloud π", low: 4_580, high: 4_660),
            .init(name: "Portail justice", low: 4_600, high: 4_630),
            .init(name: "Refonte FranceConnect", low: 4_650, high: 4_560),
            .init(name: "Sirhius", low: 4_590, high: 4_720),
        ], base: 4_610, baseName: "mean", note: "bars: the total with each input at its P10 and P90")) {
            $0.title = "What moves the total"
        }
        cases += GoldenCase.everyVariant("waterfall", Waterfall(startLabel: "2020-11", start: 4_365,
            steps: [("growth of continuing", 212.5), ("entries", 388), ("exits", -368.5)], endLabel: "2021-11", end: 4_597)) {
            $0.title = "From one edition to the next (M€)"
        }

        // Edge cases.
        cases.append(.one("edge-hist-one-value", Histogram(values: [42])))
        cases.append(.one("edge-hist-all-equal", Histogram(values: [7, 7, 7, 7])))
        cases.append(.one("edge-hist-na-infinite", Histogram(values: [1, 2, .nan, 2, 3, .infinity, -.infinity, 3, 3, .nan, 4])))
        cases.append(.one("edge-hist-empty", Histogram(values: [.nan, .nan])))
        cases.append(.one("edge-hist-log-huge-range", Histogram(values: ChartData.lognormal(5_000, meanlog: 5, sdlog: 4) + [0, -3])) {
            $0.xscale = .log
        })
        cases.append(.one("edge-hist-log-counts", Histogram(values: ChartData.lognormal(5_000, meanlog: 0, sdlog: 1), bins: 30)) {
            $0.yscale = .log
        })
        cases.append(.one("edge-hist-too-many-bins", Histogram(values: ChartData.normal(2_000), bins: 500)))
        cases.append(.one("edge-hist-narrow", Histogram(values: ChartData.normal(2_000)), width: 20, height: 5))
        cases.append(.one("edge-hist-ascii-narrow", Histogram(values: ChartData.normal(2_000)), width: 20, height: 5, charset: .ascii))
        cases.append(.one("edge-hist-color", Histogram(values: ChartData.normal(500)), width: 40, height: 5) {
            $0.color = true
            $0.title = "colour"
        })
        cases.append(.one("edge-line-one-point", LineChart(x: [2024], series: [LineSeries(name: "y", values: [3.5])])))
        cases.append(.one("edge-line-all-equal", LineChart(x: [1, 2, 3, 4], series: [LineSeries(name: "y", values: [5, 5, 5, 5])])))
        cases.append(.one("edge-line-na-gap", LineChart(x: Array(1...12).map(Double.init), series: [
            LineSeries(name: "a", values: [1, 2, 3, .nan, 5, 6, .infinity, 8, 9, 10, 11, 12]),
            LineSeries(name: "b", values: [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, .nan]),
        ])))
        cases.append(.one("edge-line-log-huge-range", LineChart(x: Array(0..<10).map(Double.init), series: [
            LineSeries(name: "y", values: (0..<10).map { pow(10, Double($0) * 1.5) }),
        ])) { $0.yscale = .log })
        cases.append(.one("edge-line-categories", LineChart(x: Array(0..<6).map(Double.init),
            xKind: .categories(["2019-S1", "2019-S2", "2020-S1", "2020-S2", "2021-S1", "2021-S2"]),
            series: [LineSeries(name: "y", values: [3, 4, 4.5, 4.2, 5, 5.5])])))
        cases.append(.one("edge-line-long-series-names", LineChart(x: [1, 2, 3], series: [
            LineSeries(name: "a very long series name that cannot fit", values: [1, 2, 3]),
            LineSeries(name: "another very long series name", values: [1, 2, 3]),
        ])))
        cases.append(.one("edge-scatter-one-point", ScatterChart(x: [3], y: [4])))
        cases.append(.one("edge-scatter-log-log", ScatterChart(x: costs, y: costs.enumerated().map { $1 * (1 + Double($0 % 7) / 3) },
                                                               fit: .init(label: "fit: y = 1.5 x") { 1.5 * $0 })) {
            $0.xscale = .log
            $0.yscale = .log
        })
        cases.append(.one("edge-bar-long-labels", BarChart(labels: ["A label far longer than the chart is wide, really", "B"],
                                                           values: [3, 1]), width: 30))
        cases.append(.one("edge-bar-zeros-and-na", BarChart(labels: ["a", "b", "c", "d"], values: [0, 0, .nan, -.infinity])))
        cases.append(.one("edge-bar-log", BarChart(labels: ["tiny", "small", "huge"], values: [0.5, 40, 2e7])) { $0.xscale = .log })
        cases.append(.one("edge-box-single-and-na", BoxPlot(groups: [
            .init(name: "one", values: [5]), .init(name: "none", values: [.nan]), .init(name: "some", values: [1, 2, 3, 4, 50, .nan]),
        ])))
        cases.append(.one("edge-box-many-groups", BoxPlot(groups: (1...10).map { k in
            .init(name: "group \(k)", values: ChartData.normal(40, mean: Double(k), sd: 1))
        }), height: 10))
        cases.append(.one("edge-box-log", BoxPlot(groups: [.init(name: "costs", values: costs)])) { $0.xscale = .log })
        cases.append(.one("edge-scurve-one-value", SCurve(values: [10], pointEstimate: 10)))
        cases.append(.one("edge-scurve-long-tail", SCurve(values: ChartData.lognormal(5_000, meanlog: 0, sdlog: 1.5), pointEstimate: 1)))
        cases.append(.one("edge-fan-no-history", FanChart(historyLabels: [], history: [], forecast: [forecast.forecast[0]])))
        cases.append(.one("edge-tornado-more-than-height", TornadoChart(bars: (1...12).map {
            .init(name: "input \($0)", low: 100 - Double($0), high: 100 + Double($0) * 1.5)
        }, base: 100), height: 6))
        cases.append(.one("edge-waterfall-truncated", Waterfall(startLabel: "start", start: 10_000, steps: [("up", 120), ("down", -80)],
                                                              endLabel: "end", end: 10_040)))
        cases.append(.one("edge-waterfall-unexplained", Waterfall(startLabel: "start", start: 100, steps: [("up", 20)],
                                                                endLabel: "end", end: 90)))
        return cases
    }()
}

/// Where the golden files live in the source tree (written there by PANORAMA_UPDATE_GOLDEN=1,
/// which then fails each case it wrote, so that nothing is blessed without reading the diff).
let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/charts")

@Test(arguments: GoldenCases.all)
func chartMatchesItsGoldenFile(_ golden: GoldenCase) throws {
    let text = golden.chart.render(golden.layout)
    let url = goldenDirectory.appendingPathComponent(golden.name + ".txt")
    if ProcessInfo.processInfo.environment["PANORAMA_UPDATE_GOLDEN"] == "1" {
        try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        Issue.record("wrote \(url.lastPathComponent) (PANORAMA_UPDATE_GOLDEN=1): review the diff, then run again without it")
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text + "\n" == expected, "\(golden.name) differs from its golden file; rerun with PANORAMA_UPDATE_GOLDEN=1 and review the diff")
}

@Test(arguments: GoldenCases.all)
func chartFitsItsWidth(_ golden: GoldenCase) {
    let text = golden.chart.render(golden.layout)
    let plain = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    for line in plain.split(separator: "\n", omittingEmptySubsequences: false) {
        #expect(line.count <= max(golden.layout.width, 20), "\(golden.name): \(line.count) columns: \(line)")
        #expect(!line.hasSuffix(" "), "\(golden.name): trailing blank")
    }
    if golden.layout.charset == .ascii {
        // Labels print as given; the chart's own glyphs must be ASCII.
        let glyphs = plain.unicodeScalars.filter { (0x2500...0x28FF).contains($0.value) || "•…·∞≤".unicodeScalars.contains($0) }
        #expect(glyphs.isEmpty, "\(golden.name) uses non-ASCII glyphs: \(String(String.UnicodeScalarView(glyphs)))")
    }
}
