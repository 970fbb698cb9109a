import Testing
@testable import PanoramaKit

@Test(arguments: [(0.3, 0.5), (1.0, 1.0), (1.1, 2.0), (2.5, 5.0), (7.0, 10.0), (0.012, 0.02), (4_500.0, 5_000.0)])
func niceStepsAreOneTwoOrFiveTimesAPowerOfTen(_ raw: Double, _ step: Double) {
    #expect(abs(Axis.niceStep(raw) - step) < 1e-12 * step)
}

@Test func linearTicksCoverTheDataWithGroupedLabels() {
    let axis = Axis.linear(12, 4_870, count: 5, expand: true, numbers: NumberFormat())
    #expect(axis.lo == 0 && axis.hi == 5_000)
    #expect(axis.ticks.map(\.label) == ["0", "1000", "2000", "3000", "4000", "5000"])
    let big = Axis.linear(0, 2_400_000, count: 4, expand: true, numbers: NumberFormat())
    #expect(big.ticks.map(\.label) == ["0", "1,000,000", "2,000,000", "3,000,000"])
    let small = Axis.linear(0.1, 0.9, count: 4, expand: true, numbers: NumberFormat())
    #expect(small.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
}

@Test func dateTicksTakeMonthsSemestersOrYears() {
    let a = Double(CivilDate(year: 2023, month: 1).dayNumber), b = Double(CivilDate(year: 2024, month: 12).dayNumber)
    #expect(Axis.dates(a, b, months: 6).ticks.map(\.label) == ["2023-S1", "2023-S2", "2024-S1", "2024-S2"])
    #expect(Axis.dates(a, b, months: 12).ticks.map(\.label) == ["2023", "2024"])
    #expect(Axis.dates(a, b, months: 6).ticks.map(\.label).count == 4)
    #expect(Axis.dates(a, a + 80, months: 1).ticks.map(\.label) == ["2023-01", "2023-02", "2023-03"])
}

@Test func logTicksArePowersOfTen() {
    let axis = Axis.log(3, 40_000, count: 6, expand: true, numbers: NumberFormat())
    #expect(axis.ticks.map(\.label) == ["1", "10", "100", "1,000", "10,000", "100,000"])
    let huge = Axis.log(1, 1e12, count: 4, expand: true, numbers: NumberFormat())
    #expect(huge.ticks.map(\.label) == ["1", "1e3", "1e6", "1e9", "1e12"])
}

@Test func selectionQuantilesMatchSortedQuantiles() {
    let x = ChartData.normal(1_001, mean: 5, sd: 2) + [1e9, -1e9, 5, 5]
    let sorted = x.sorted()
    for p in [0, 0.001, 0.25, 0.5, 0.8, 0.999, 1] {
        var copy = x
        #expect(Selection.quantile(&copy, p) == Descriptive.quantile(sorted: sorted, p))
    }
    var empty: [Double] = []
    #expect(Selection.quantile(&empty, 0.5).isNaN)
}

@Test func brailleDotsComposeInOneCell() {
    var canvas = DotCanvas(columns: 1, rows: 1, ascii: false)
    canvas.set(0, 0)
    canvas.set(1, 3)
    #expect(canvas.character(row: 0, column: 0) == "⢁")
    canvas.line(0, 0, 1, 3)
    #expect(canvas.character(row: 0, column: 0) != nil)
    var ascii = DotCanvas(columns: 3, rows: 1, ascii: true)
    ascii.line(0, 1, 5, 1)
    #expect((0..<3).map { ascii.character(row: 0, column: $0) } == ["-", "-", "-"])
    #expect(DotCanvas.asciiGlyph(0b000110) == "/")
    #expect(DotCanvas.asciiGlyph(0b100001) == "\\")
    #expect(DotCanvas.asciiGlyph(0b010101) == "|")
}

@Test func histogramCountsEveryFiniteValueOnce() {
    // 0…99 in ten bins: ten values each, so every bar is full height.
    let text = Histogram(values: (0..<100).map(Double.init), bins: 10).render(ChartLayout(width: 42, height: 4))
    let rows = text.split(separator: "\n")
    #expect(rows[0].hasPrefix("10 ┤"))
    #expect(rows.contains { $0.contains("n = 100 · bins 10 wide") })
}

@Test func aHugeCoordinateIsClippedNotLooped() {
    var canvas = DotCanvas(columns: 10, rows: 2, ascii: false)
    canvas.line(-1_000_000_000, 4, 1_000_000_000, 4)
    #expect((0..<10).allSatisfy { canvas.character(row: 1, column: $0) != nil })
}
