import Foundation
import Testing
@testable import PanoramaKit

/// Every file of datasets/sources/panorama loads with no options into the right types, with
/// the row counts and cost sums of its README (sums to the README's 2 decimals).
struct RealFile: Sendable, CustomStringConvertible {
    var path: String
    var rows: Int
    var costColumn: String
    var costSum: Double
    var costCount: Int
    var startPrecision: DatePrecision
    var interministerial: String
    var description: String { path }
}

let realFiles: [RealFile] = [
    RealFile(path: "editions/panorama_2016-11_ed01.csv", rows: 57, costColumn: "cout_estime", costSum: 2292.9, costCount: 49, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2017-02_ed02.csv", rows: 61, costColumn: "cout_estime", costSum: 2505.2, costCount: 52, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2017-06_ed03.csv", rows: 61, costColumn: "cout_estime", costSum: 2561.1, costCount: 53, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2017-11_ed04.csv", rows: 61, costColumn: "cout_estime", costSum: 2633.8, costCount: 53, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2018-03_ed05.csv", rows: 61, costColumn: "cout_estime", costSum: 2808.78, costCount: 59, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2018-07_ed06.csv", rows: 56, costColumn: "cout_complet_estime", costSum: 2553.58, costCount: 53, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2018-11_ed07.csv", rows: 54, costColumn: "cout_complet_estime", costSum: 1775.62, costCount: 50, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2019-03_ed08.csv", rows: 48, costColumn: "cout_complet_estime", costSum: 1636.4, costCount: 44, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2021-07_ed13.csv", rows: 49, costColumn: "cout_complet_estime", costSum: 1881.78, costCount: 43, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "editions/panorama_2021-11_ed14.csv", rows: 50, costColumn: "cout_complet_estime", costSum: 2511.86, costCount: 49, startPrecision: .month, interministerial: "projet_inter_ministeriel"),
    RealFile(path: "raw/panorama_projets_si_2016-11.csv", rows: 57, costColumn: "cout_estime", costSum: 2292.9, costCount: 49, startPrecision: .day, interministerial: "projet_interministeriel"),
    RealFile(path: "raw/Panorama_des_grands_projets_SI_-_20170630.csv", rows: 61, costColumn: "cout_estime", costSum: 2561.1, costCount: 53, startPrecision: .day, interministerial: "projet_interministeriel"),
    RealFile(path: "raw/export_2018-03.xlsx", rows: 61, costColumn: "cout_estime", costSum: 2826.28, costCount: 60, startPrecision: .day, interministerial: "projet_interministeriel"),
    RealFile(path: "raw/export_2018-03_v2-text-cells.xlsx", rows: 61, costColumn: "cout_estime", costSum: 2826.28, costCount: 60, startPrecision: .day, interministerial: "projet_interministeriel"),
]

@Test(arguments: realFiles)
func realFileLoadsWithTheReadmeRowCountAndCostSum(_ file: RealFile) throws {
    let (frame, hash) = try DataReader.load(path: DataFixtures.path(file.path))
    #expect(frame.rowCount == file.rows)
    #expect(hash.count == 16)
    let cost = try #require(frame.column(file.costColumn)?.data.numbers, "cost is numeric")
    let present = cost.filter { !$0.isNaN }
    #expect(present.count == file.costCount)
    #expect(abs(present.reduce(0, +) - file.costSum) < 0.005, "sum \(present.reduce(0, +))")
    guard case .date(let days, let precision)? = frame.column("debut")?.data else {
        Issue.record("Début is not a date column")
        return
    }
    #expect(precision == file.startPrecision)
    #expect(days.contains { $0 != ColumnData.naDay })
    guard case .bool(let flags)? = frame.column(file.interministerial)?.data else {
        Issue.record("the interministerial column is not boolean")
        return
    }
    #expect(flags.allSatisfy { $0 == 0 || $0 == 1 })
    // Labels keep the original text; identifiers fold it.
    #expect(frame.column("Début")?.name == "debut")
}

@Test func firstEditionStartsAreMonthsFromFrenchText() throws {
    let frame = try DataReader.load(path: DataFixtures.path("editions/panorama_2016-11_ed01.csv")).frame
    guard case .date(let days, .month)? = frame.column("debut")?.data else { Issue.record("not month dates"); return }
    #expect(CivilDate(dayNumber: Int(days[0])) == CivilDate(year: 2013, month: 7))   // "juillet 2013"
    let flags = frame.column("projet_inter_ministeriel")!.data
    guard case .bool(let b) = flags else { return }
    #expect(b.filter { $0 == 1 }.count == 18)
}

@Test func editionEightStartsReadTwoDigitYears() throws {
    let frame = try DataReader.load(path: DataFixtures.path("editions/panorama_2019-03_ed08.csv")).frame
    guard case .date(let days, .month)? = frame.column("debut")?.data else { Issue.record("not month dates"); return }
    #expect(CivilDate(dayNumber: Int(days[0])) == CivilDate(year: 2015, month: 4))    // "avril 15"
}

@Test func rawFileNotesTheEnCadrageCellsAndTheDroppedPadding() throws {
    let frame = try DataReader.load(path: DataFixtures.path("raw/panorama_projets_si_2016-11.csv")).frame
    #expect(frame.notes == [
        "dropped 236 empty records",
        "dropped 11 empty unnamed columns at the end",
        "column 'Durée prévisionnelle en année' is numeric: 8 cells 'En cadrage' read as na",
        "column 'Coût estimé' is numeric: 8 cells 'En cadrage' read as na",
    ])
    #expect(frame.columnCount == 15)
    #expect(frame.columns[0].label == "Ministère porteur")      // trailing space trimmed
    #expect(frame.column("date_de_publication")?.data.typeName == "date")
}

@Test func xlsxReadsCommaDecimalTextAndExcelSerialDates() throws {
    let frame = try DataReader.load(path: DataFixtures.path("raw/export_2018-03.xlsx")).frame
    #expect(frame.notes == ["dropped 232 empty rows"])
    let duration = try #require(frame.column("duree_previsionnelle_en_annee")?.data.numbers)
    #expect(duration.contains(6.75))                          // the one "6.75" among "6,80…" cells
    #expect(abs(duration[1] - 6.8027397260274) < 1e-12)
    guard case .date(let published, .day)? = frame.column("date_de_publication")?.data else {
        Issue.record("publication date is not a date"); return
    }
    #expect(CivilDate(dayNumber: Int(published[0])) == CivilDate(year: 2018, month: 2, day: 28))  // serial 43159
    guard case .date(let start, _)? = frame.column("debut")?.data else { return }
    #expect(CivilDate(dayNumber: Int(start[0])) == CivilDate(year: 2017, month: 1, day: 1))      // "01/01/2017"
}

@Test func xlsxSheetCanBeChosenByNameOrNumberAndAWrongOneIsNamed() throws {
    let path = DataFixtures.path("raw/export_2018-03.xlsx")
    #expect(try DataReader.load(path: path, options: ReadOptions(sheet: "Export CSV")).frame.rowCount == 61)
    #expect(try DataReader.load(path: path, options: ReadOptions(sheet: "1")).frame.rowCount == 61)
    #expect(throws: DataError(file: path, "no sheet named 'Data'; the sheets are 'Export CSV'")) {
        try DataReader.load(path: path, options: ReadOptions(sheet: "Data"))
    }
}

@Test func aggregatesFileLoads() throws {
    let frame = try DataReader.load(path: DataFixtures.path("aggregates_by_edition.csv")).frame
    #expect(frame.column("n_projects")?.data.typeName == "number")
    #expect(frame.rowCount > 15)
    // "2020" and "2024-11 (late)" among ISO dates: the column stays text rather than lose them.
    #expect(frame.column("published_or_committed")?.data.typeName == "text")
}
