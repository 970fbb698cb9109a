import Foundation
import Testing
@testable import PanoramaDatasets
@testable import PanoramaKit

@Suite struct PanoramaSeriesTests {
    static func entry(_ edition: Int) throws -> EditionSeries.Entry {
        try #require(DatasetPaths.build().series.entries.first { $0.edition == edition })
    }

    @Test func seriesHasEveryEditionFromOneToTwenty() throws {
        let series = try DatasetPaths.build().series
        #expect(series.entries.map(\.edition) == Array(1...20))
        let totals = series.entries.map { $0.totalCost }
        #expect(totals == [2290, 2510, 2560, 2630, 2830, 2550, 1780, 1640, 1580, 1560, nil, nil, 2350, 2620,
                           nil, 3090, 3650, 3602, 3800, 3300])
    }

    @Test func eachTotalCarriesItsBasis() throws {
        #expect(try Self.entry(1).basis == CostBasis(name: "committed", scopingIncluded: true))
        #expect(try Self.entry(6).basis == CostBasis(name: "committed_excl_scoping", scopingIncluded: false))
        #expect(try Self.entry(8).basis?.name == "committed_excl_scoping_revision")
        #expect(try Self.entry(13).basis == CostBasis(name: "full_cost", scopingIncluded: true))
        #expect(try Self.entry(14).basis == CostBasis(name: "updated_cost", scopingIncluded: nil))
        #expect(try Self.entry(11).basis == nil)
    }

    @Test func derivedApproximateAndUncertainFiguresAreFlagged() throws {
        let twelve = try Self.entry(12)
        #expect(twelve.derived && !twelve.approximate && twelve.scheduleDrift == 24.6 && twelve.costDrift == 28.4)
        let seventeen = try Self.entry(17)
        #expect(seventeen.derived && seventeen.approximate && seventeen.projects == 52)
        // The "10 or 11" row fills edition 10's missing drift rates.
        let ten = try Self.entry(10)
        #expect(ten.editionUncertain && ten.scheduleDrift == 26.6 && ten.costDrift == 36.6)
        #expect(ten.projects == 44 && ten.published == CivilDate(year: 2020, month: 2))
        let eleven = try Self.entry(11)
        #expect(!eleven.editionUncertain && eleven.projects == nil && eleven.date == nil)
        let one = try Self.entry(1)
        #expect(!one.derived && !one.approximate && !one.editionUncertain)
    }

    @Test func editionAndPublicationMonthsDiffer() throws {
        let seven = try Self.entry(7)
        #expect(seven.date == CivilDate(year: 2018, month: 11) && seven.published == CivilDate(year: 2019, month: 1))
        #expect(try Self.entry(19).published == CivilDate(year: 2024, month: 11))
        // The panel's edition months (from the file names) agree with the series labels.
        let built = try DatasetPaths.build()
        for table in built.tables {
            #expect(try Self.entry(table.edition).date == table.date)
        }
    }

    @Test func breaksAreColumns() throws {
        let built = try DatasetPaths.build()
        let frame = built.series.frame(panel: built.panel)
        guard case .bool(let drift)? = frame.column("drift_break")?.data,
              case .bool(let perimeter)? = frame.column("perimeter_break")?.data else {
            Issue.record("break columns missing")
            return
        }
        #expect(drift == [0, 0] + Array(repeating: 1, count: 18))
        #expect(perimeter == [0, 0, 0, 0, 0] + Array(repeating: 1, count: 15))
        let tableCost = try #require(frame.column("table_cost")?.data.numbers)
        #expect(tableCost[0] == 2292.9 && tableCost[8].isNaN && tableCost[13] == 2511.855847592)
        #expect(frame.names == ["edition", "edition_date", "published", "projects", "interministerial",
                                "total_cost", "cost_basis", "scoping_included", "mean_duration",
                                "schedule_drift", "cost_drift", "derived", "approximate",
                                "edition_uncertain", "drift_break", "perimeter_break", "table_projects",
                                "table_cost", "cost_basis_label", "source", "note"])
    }

    @Test func unknownBasisOrEditionIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("series-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "edition_no,edition_label,published_or_committed,n_projects,n_interministerial,total_cost_Md_eur,total_cost_basis,mean_duration_years,mean_schedule_drift_pct,mean_cost_drift_pct,source,notes\n"
        let url = dir.appendingPathComponent("aggregates_by_edition.csv")
        try (header + "1,novembre 2016,2016-11-18,57,18,2.29,euros sonnants,6.2,38,32,x,\n").write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: DatasetError("aggregates_by_edition.csv: row 1: unknown cost basis 'euros sonnants'")) {
            try EditionSeries(aggregates: url)
        }
        try (header + "first,novembre 2016,2016-11-18,57,18,2.29,,6.2,38,32,x,\n").write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: DatasetError("aggregates_by_edition.csv: row 1: edition 'first' is not a number or 'A or B'")) {
            try EditionSeries(aggregates: url)
        }
    }
}

@Suite struct PanelMeasuresTests {
    static func row(_ edition: Int, _ key: String) throws -> [String: String] {
        let built = try DatasetPaths.build()
        let frame = built.panel.measuresFrame
        let i = try #require(built.panel.records.firstIndex { $0.edition == edition && $0.key == key })
        var out: [String: String] = [:]
        for c in frame.columns { out[c.name] = CSVWriter.field(c.data, i, separator: ",", decimal: ".") }
        return out
    }

    @Test func measuresRowsAlignWithThePanel() throws {
        let built = try DatasetPaths.build()
        let m = built.panel.measuresFrame
        #expect(m.rowCount == built.panel.records.count)
        guard case .text(let keys)? = m.column("key")?.data else { Issue.record("no key"); return }
        #expect(keys.strings.compactMap { $0 } == built.panel.records.map(\.key))
    }

    @Test func costGrowthIsAgainstThePreviousAppearance() throws {
        let rie = try Self.row(4, "rie")  // 59.5 → 60.1
        #expect(rie["previous_edition"] == "3" && rie["edition_gap"] == "1" && rie["months_elapsed"] == "5")
        #expect(rie["cost_change"] == "0.6" && rie["cost_growth"] == "0.010084034")
        #expect(rie["first_cost"] == "59.5" && rie["first_cost_edition"] == "1")
        // Across the 2019–2021 gap: ed 8 → ed 13, five editions, 28 months.
        let astrea = try Self.row(13, "astrea")
        #expect(astrea["previous_edition"] == "8" && astrea["edition_gap"] == "5" && astrea["months_elapsed"] == "28")
        #expect(astrea["cost_growth"] == "0")
    }

    @Test func driftScheduleSlipAndAgeFollowTheDefinitions() throws {
        let ned = try Self.row(14, "ned")  // 2015-01 + 8.9167 y → 2018-01 + 4.1667 y; 25 → 5.6
        #expect(ned["cost_drift"] == "-0.776" && ned["planned_end"] == "2022-03")
        #expect(ned["end_slip"] == "-1.75" && ned["end_slip_total"] == "-1.75")
        #expect(ned["age"] == "3.833333333" && ned["remaining"] == "0.333333333")
        #expect(ned["leaves"] == "")  // the last table: unknown
        let scoping = try Self.row(4, "opale")  // no cost yet
        #expect(scoping["cost_growth"] == "" && scoping["first_cost"] == "" && scoping["cost_drift"] == "")
        let opale5 = try Self.row(5, "opale")  // first cost 72.5 in ed 5
        #expect(opale5["first_cost_edition"] == "5" && opale5["cost_drift"] == "0")
    }

    @Test func exitsAndReturnsAreMarked() throws {
        let sirhen6 = try Self.row(6, "sirhen")  // absent from ed 7, back in ed 8
        #expect(sirhen6["leaves"] == "true" && sirhen6["next_edition"] == "8")
        let sirhen8 = try Self.row(8, "sirhen")
        #expect(sirhen8["edition_gap"] == "2" && sirhen8["cost_growth"] == "")
        #expect(try Self.row(13, "adamant")["leaves"] == "true")
        #expect(try Self.row(13, "inpt")["leaves"] == "false")
        // leaves counts agree with the transitions' exits
        let built = try DatasetPaths.build()
        guard case .bool(let leaves)? = built.panel.measuresFrame.column("leaves")?.data else { return }
        for t in built.panel.transitions {
            let n = zip(built.panel.records, leaves).filter { $0.0.edition == t.from && $0.1 == 1 }.count
            #expect(n == t.exits, "edition \(t.from)")
        }
    }
}
