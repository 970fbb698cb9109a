import Foundation
import Testing
@testable import PanoramaKit

/// Whether x is a whole multiple of the width (to a few ulps of x / width).
private func isMultiple(_ x: Double, of width: Double) -> Bool {
    let k = x / width
    return abs(k - k.rounded()) <= 1e-9 * max(1, abs(k))
}

/// Every value of `values` lands in the bin whose [left, right) holds it (the last one closed when
/// the bins say so), and the edges are multiples of the width.
private func checkBins(_ bins: HistogramBins, hold values: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
    let w = bins.width.value
    for e in bins.edges { #expect(isMultiple(e, of: w), "edge \(e) is not a multiple of \(w)", sourceLocation: sourceLocation) }
    #expect(bins.edges.count == bins.count + 1, sourceLocation: sourceLocation)
    for v in values {
        let i = bins.bin(of: v)
        let left = bins.edge(i), right = bins.edge(i + 1)
        let inside = left <= v && (v < right || (bins.closedLast && i == bins.count - 1 && v == right))
        #expect(inside, "\(v) is not in bin \(i) [\(left), \(right))", sourceLocation: sourceLocation)
    }
}

@Test(arguments: [(0.3, 0.25), (0.36, 0.5), (22.3, 20.0), (23, 25), (1.4, 1), (1.5, 2), (3.4, 2.5), (3.6, 5), (7.5, 10), (0.0123, 0.01), (4_100, 5_000)])
func niceWidthsAreTheNearestOneTwoTwoAndAHalfOrFive(_ raw: Double, _ width: Double) {
    #expect(NiceWidth.nearest(raw).value == width)
}

@Test func wholeNumbersGetWholeWidths() {
    #expect(NiceWidth.nearest(0.3, wholeNumbers: true).value == 1)
    #expect(NiceWidth.nearest(2.6, wholeNumbers: true).value == 5)
    #expect(NiceWidth.nearest(24, wholeNumbers: true).value == 25)
    #expect(NiceWidth(mantissa: 2.5, exponent: 1).isWhole && !NiceWidth(mantissa: 5, exponent: -1).isWhole)
}

@Test func multiplesOfANiceWidthAreTheDecimalsTheyName() {
    let tenth = NiceWidth(mantissa: 1, exponent: -1)
    #expect(tenth.times(3) == 0.3)
    #expect(NiceWidth(mantissa: 2.5, exponent: -2).times(7) == 0.175)
    #expect(HistogramBins.index(of: 0.3, width: tenth) == 3)
    #expect(HistogramBins.index(of: -0.3, width: tenth) == -3)
    #expect(HistogramBins.index(of: 0.29999, width: tenth) == 2)
}

@Test func dataFromZeroTo223TakeBinsTwentyOrTwentyFiveWide() {
    let values = (0...223).map(Double.init) + [0.5, 222.75]
    for target in [9, 10, 11] {
        let bins = HistogramBins.fit(lo: 0, hi: 223, target: target, wholeNumbers: false, maxCount: 60)
        #expect([20.0, 25].contains(bins.width.value), "target \(target): width \(bins.width.value)")
        #expect(bins.edge(0) == 0 && bins.edge(bins.count) >= 223)
        checkBins(bins, hold: values)
    }
}

@Test func dataFrom1_9To5_4TakeHalves() {
    let values = [1.9, 2.3, 3.05, 4.0, 4.5, 5.4]
    let bins = HistogramBins.fit(lo: 1.9, hi: 5.4, target: 7, wholeNumbers: false, maxCount: 50)
    #expect(bins.width.value == 0.5)
    #expect(bins.edges == [1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5])
    checkBins(bins, hold: values)
}

@Test func countsOneToNineTakeOneBinEach() {
    let values = (1...9).map(Double.init)
    let bins = HistogramBins.fit(lo: 1, hi: 9, target: 9, wholeNumbers: true, maxCount: 50)
    #expect(bins.width.value == 1 && bins.count == 9 && !bins.closedLast)
    #expect(bins.edges == (1...10).map(Double.init))
    #expect(values.map { bins.bin(of: $0) } == Array(0..<9))
    // Asked for 20 bins, whole numbers still get width 1, not 0.5.
    #expect(HistogramBins.fit(lo: 1, hi: 9, target: 20, wholeNumbers: true, maxCount: 50).width.value == 1)
}

@Test func aMaximumOnAnEdgeClosesTheLastBinUnlessTheDataAreWhole() {
    let bins = HistogramBins.fit(lo: 0, hi: 1, target: 10, wholeNumbers: false, maxCount: 50)
    #expect(bins.width.value == 0.1 && bins.count == 10 && bins.closedLast)
    #expect(bins.bin(of: 1) == 9)
    let whole = HistogramBins.fit(lo: 0, hi: 100, target: 10, wholeNumbers: true, maxCount: 50)
    #expect(whole.count == 11 && whole.bin(of: 100) == 10 && whole.bin(of: 99) == 9)
}

@Test(arguments: [(-3.7, 12.2, 15), (1e6 + 0.25, 1e6 + 7.75, 8), (-0.00042, -0.00001, 12), (123_456, 9_876_543, 30), (0.1, 0.7, 6)])
func edgesAreMultiplesOfTheWidthAndHoldEveryValue(_ lo: Double, _ hi: Double, _ target: Int) {
    let values = (0...200).map { lo + (hi - lo) * Double($0) / 200 }
    let bins = HistogramBins.fit(lo: lo, hi: hi, target: target, wholeNumbers: false, maxCount: 80)
    #expect(bins.count >= 1 && bins.count <= 80)
    #expect(bins.count >= target / 3 && bins.count <= target * 3, "\(bins.count) bins for a target of \(target)")
    checkBins(bins, hold: values)
}

@Test func binsThatDoNotFitTakeTheNextWiderNiceWidth() {
    let bins = HistogramBins.fit(lo: 0, hi: 99.5, target: 500, wholeNumbers: false, maxCount: 30)
    #expect(bins.count <= 30)
    #expect(bins.width.value == 5)
    checkBins(bins, hold: [0, 50, 99.5])
}

@Test func oneValueSitsInTheMiddleOfNineBins() {
    let bins = HistogramBins.around(42, spread: 4.2, wholeNumbers: true, maxCount: 50)
    #expect(bins.count == 9 && bins.width.value == 1 && bins.bin(of: 42) == 4)
    let fraction = HistogramBins.around(7.3, spread: 0.73, wholeNumbers: false, maxCount: 50)
    #expect(fraction.width.value == 0.1 && fraction.bin(of: 7.3) == 4)
    checkBins(fraction, hold: [7.3])
}

/// The footnote's width, and the x tick labels under the plot.
private func drawn(_ h: Histogram, width: Int = 80, xscale: AxisScale = .linear) -> (note: String, ticks: [String], lines: [String]) {
    var layout = ChartLayout(width: width, height: 6)
    layout.xscale = xscale
    let lines = h.render(layout).split(separator: "\n").map(String.init)
    let axisRow = lines.firstIndex { $0.contains("┼") || $0.contains("└") } ?? 0
    let ticks = lines[axisRow + 1].split(separator: " ").map(String.init)
    return (lines.last ?? "", ticks, lines)
}

@Test func theFootnoteGivesARoundWidthAndTheTicksStandOnEdges() {
    // 0…223 → bins 20 (or 25) wide, ticks on multiples of the width.
    let spread = (0..<224).map { Double($0) + 0.5 }
    let (note, ticks, _) = drawn(Histogram(values: spread, bins: 10))
    #expect(note.contains("bins 20 wide") || note.contains("bins 25 wide"), "\(note)")
    let width = note.contains("bins 20 wide") ? 20.0 : 25
    #expect(ticks.count >= 3)
    for t in ticks { #expect(isMultiple(Double(t.replacingOccurrences(of: ",", with: ""))!, of: width), "tick \(t)") }
    // Counts get whole-number bins: 2 (Sturges's five bins over 1…9), or 1 when nine are asked,
    // never 0.5 however many are asked.
    let counts: [Double] = [1, 2, 2, 3, 3, 3, 4, 5, 9]
    #expect(drawn(Histogram(values: counts)).note.contains("bins 2 wide"))
    #expect(drawn(Histogram(values: counts, bins: 9)).note.contains("bins 1 wide"))
    #expect(drawn(Histogram(values: counts, bins: 40)).note.contains("bins 1 wide"))
    // 2.5-wide bins label their ticks with the decimal they need.
    #expect(Axis.linearLabel(7.5, step: 2.5, numbers: NumberFormat()) == "7.5")
    #expect(Axis.linearLabel(0.75, step: 0.25, numbers: NumberFormat()) == "0.75")
    #expect(Axis.linearLabel(25, step: 25, numbers: NumberFormat()) == "25")
}

@Test func everyBinTakesTheSameWholeNumberOfColumns() {
    let values = ChartData.normal(3_000, mean: 50, sd: 10)
    // The axis line spans count × columns-per-bin + 1 (the last edge's own column).
    for width in [30, 47, 60, 83, 100] {
        let text = Histogram(values: values).render(ChartLayout(width: width, height: 6))
        let axis = text.split(separator: "\n").first { $0.contains("┼") }!
        let plot = axis.split(separator: "┼", maxSplits: 1)[1]
        let note = text.split(separator: "\n").last!
        let w = Double(note.components(separatedBy: "bins ")[1].components(separatedBy: " wide")[0])!
        let count = Int(((values.max()! / w).rounded(.down) - (values.min()! / w).rounded(.down)) + 1)
        #expect((plot.count - 1) % count == 0, "width \(width): \(plot.count) columns for \(count) bins")
    }
}

@Test func oneValueAndEqualValuesStillDraw() {
    let one = drawn(Histogram(values: [42]))
    #expect(one.note.contains("n = 1 · one value: 42"))
    #expect(one.ticks.contains("42"))
    let equal = drawn(Histogram(values: [2.5, 2.5, 2.5]))
    #expect(equal.note.contains("all 3 values equal 2.5"))
    #expect(equal.lines.contains { $0.contains("█") })
    let empty = drawn(Histogram(values: [.nan]))
    #expect(empty.note.contains("no values to draw"))
    // Log scale: widths nice in decades.
    let log = drawn(Histogram(values: (0..<400).map { pow(10, Double($0) / 100) }), xscale: .log)
    #expect(log.note.contains("a decade)"), "\(log.note)")
}
