import Foundation
import Testing
@testable import PanoramaKit

// Issue 19.4: a series over edition dates keeps an undated edition in its place, never silently.

private func day(_ y: Int, _ m: Int) -> Int32 { Int32(CivilDate(year: y, month: m).dayNumber) }

private func dated(_ dates: [Int32], _ values: [Double]) throws -> ForecastSeries {
    try ForecastSeries(value: Column(name: "total", .number(values)), time: Column(name: "date", .date(dates, .month)))
}

@Test func anUndatedRowBetweenDatedOnesKeepsItsPlaceWithAnInterpolatedDate() throws {
    let s = try dated([day(2020, 1), day(2020, 7), ColumnData.naDay, day(2021, 7)], [10, 12, 13, 15])
    #expect(s.values == [10, 12, 13, 15])
    #expect(s.labels == ["2020-01", "2020-07", "~2021-01", "2021-07"])
    #expect(s.notes == ["1 row with no 'date' kept in place with an interpolated date: row 3 (~2021-01, between 2020-07 and 2021-07)"])
    #expect(s.axisLabels == ["2020-S1", "2020-S2", "~2021-S1", "2021-S2"])
    #expect(s.targetLabel(1) == "2022-S1" && s.targetLabel(2) == "2022-S2")
}

@Test func undatedRowsThatCannotBePlacedAreLeftOutWithANote() throws {
    let unordered = try dated([day(2021, 1), day(2020, 1), ColumnData.naDay], [3, 1, 2])
    #expect(unordered.values == [1, 3])
    #expect(unordered.notes == ["1 row with no 'date' left out (the rows are not in date order, so their place is unknown): rows 3"])
    let trailing = try dated([day(2020, 1), day(2020, 7), ColumnData.naDay], [1, 2, 3])
    #expect(trailing.values == [1, 2])
    #expect(trailing.notes.first?.contains("after the last dated row") == true)
}

@Test func aMonthlySeriesIsLabelledByMonthNotSemester() throws {
    let s = try dated((1...6).map { day(2024, $0) }, [1, 2, 3, 4, 5, 6])
    #expect(s.axisLabels == s.labels)
    #expect(s.targetLabel(1) == "2024-07")
    #expect(s.notes.isEmpty)
}
