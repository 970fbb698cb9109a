import Foundation
import Testing
@testable import PanoramaKit

/// Other governments' portfolio files (Fixtures/portfolios, written by hand in each convention)
/// load with no options; the sums and date extremes are worked out by hand from the files.
struct PortfolioFile: Sendable, CustomStringConvertible {
    var file: String
    var amount: String
    var sum: Double
    var count: Int
    var unit: String?
    var date: String
    var earliest: String
    var latest: String
    var description: String { file }
}

let portfolioFiles: [PortfolioFile] = [
    // £12,343.96 + £1,203,450.50 + £-5.25 + (£100.00); an FOI exemption and "Not provided" are na.
    PortfolioFile(file: "uk-gmpp.csv", amount: "whole_life_cost", sum: 1_215_689.21, count: 4, unit: "£",
                  date: "start_date", earliest: "1999-09-15", latest: "2068-01-01"),
    // `;`-separated, every amount whole: £ before the amount means comma thousands.
    PortfolioFile(file: "uk-semicolon-whole.csv", amount: "cost", sum: 1_267_176, count: 3, unit: "£",
                  date: "", earliest: "", latest: ""),
    // 12 343,96 € + 1 000 000,50 € − 250,00 €; two-digit years: 08 → 2008, 69 → 1969.
    PortfolioFile(file: "fr-suffix.csv", amount: "cout", sum: 1_012_094.46, count: 3, unit: "€",
                  date: "debut", earliest: "1969-07-01", latest: "2008-06-30"),
    // CHF 5'000 + CHF 1'250'000.75 + CHF -500; dashes between day, month and year.
    PortfolioFile(file: "ch-apostrophe.csv", amount: "budget", sum: 1_254_500.75, count: 3, unit: "CHF",
                  date: "start", earliest: "1999-12-31", latest: "2010-01-01"),
    // $1.2 + $3,500 + $-0.7; 12/31/2008 proves the column is month first.
    PortfolioFile(file: "us-month-first.csv", amount: "cost", sum: 3_500.5, count: 3, unit: "$",
                  date: "start", earliest: "2003-01-02", latest: "2010-06-12"),
    // Free text among plain amounts: 1000 + 2500.5 + 300 + 400 + 500 + 600.
    PortfolioFile(file: "free-text-money.csv", amount: "budget", sum: 5_300.5, count: 6, unit: nil,
                  date: "", earliest: "", latest: ""),
    // Dots between day, month and a two-digit year, single-digit days and months.
    PortfolioFile(file: "dot-dates.csv", amount: "cost", sum: 6, count: 3, unit: nil,
                  date: "start_date", earliest: "1969-07-01", latest: "2008-06-30"),
]

let portfolioDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/portfolios")

@Test(arguments: portfolioFiles)
func portfolioFileInItsCountrysConventionLoadsWithNoOptions(_ file: PortfolioFile) throws {
    let (frame, _) = try DataReader.load(path: portfolioDirectory.appendingPathComponent(file.file).path)
    let amounts = try #require(frame.column(file.amount)?.data.numbers, "\(file.amount) is numeric")
    let present = amounts.filter { !$0.isNaN }
    #expect(present.count == file.count)
    #expect(abs(present.reduce(0, +) - file.sum) < 1e-6, "sum \(present.reduce(0, +))")
    #expect(frame.column(file.amount)?.unit == file.unit)
    guard !file.date.isEmpty else { return }
    guard case .date(let days, .day)? = frame.column(file.date)?.data else {
        Issue.record("\(file.date) is not a column of days"); return
    }
    let known = days.filter { $0 != ColumnData.naDay }
    let earliest = try #require(known.min()), latest = try #require(known.max())
    #expect(CivilDate(dayNumber: Int(earliest)).text(.day) == file.earliest)
    #expect(CivilDate(dayNumber: Int(latest)).text(.day) == file.latest)
}

@Test func aHeaderNamingAColumnTwiceLoadsWithTheSecondRenamedAndANote() throws {
    let (frame, _) = try DataReader.load(path: portfolioDirectory.appendingPathComponent("uk-gmpp.csv").path)
    #expect(frame.names.contains("colour_rating") && frame.names.contains("colour_rating_2"))
    #expect(frame.column("colour_rating_2").map { $0.text(at: 1) } == "Red")
    #expect(frame.notes.contains("column 7 repeats the name 'Colour rating'; it is called 'Colour rating 2'"))
}

@Test func freeTextInAMoneyColumnIsOneNoteQuotingTheFirst() throws {
    let (frame, _) = try DataReader.load(path: portfolioDirectory.appendingPathComponent("uk-gmpp.csv").path)
    let note = try #require(frame.notes.first { $0.contains("of text read as na") })
    #expect(note == "column 'Whole life cost': 2 cells of text read as na (first: 'Exempt under section 43 of the Freedom of Information Act 2…' on line 6)")
}

@Test func freeTextUnderTypesNumberIsNaEvenWhenStrict() throws {
    let text = "a,b\n1,Early planning\n2,3\n3,Not provided by the department\n"
    let frame = try CSVReader.read(text: text, options: ReadOptions(types: ["b": .number]))
    #expect(frame.column("b")?.data.numbers?.filter { !$0.isNaN } == [3])
    #expect(frame.notes == ["column 'b': 2 cells of text read as na (first: 'Early planning' on line 2)"])
    // A stray token is no free text: it stays an error naming its line.
    #expect(throws: DataError(file: "data.csv", line: 3, column: 2, "cannot read 'oops' as a number in column 'b'")) {
        try CSVReader.read(text: "a,b\n1,2\n2,oops\n", options: ReadOptions(types: ["b": .number]))
    }
}

@Test func aDateFormatGivenInTypesReadsThatColumn() throws {
    var options = ReadOptions()
    options.dateFormats["start_date"] = try DateFormat("%d.%m.%y")
    let frame = try CSVReader.read(text: "start_date\n30.06.08\n01.07.69\n", options: options)
    guard case .date(let days, .day)? = frame.column("start_date")?.data else { Issue.record("not days"); return }
    #expect(days.map { CivilDate(dayNumber: Int($0)).text(.day) } == ["2008-06-30", "1969-07-01"])
    #expect((try? DateFormat("%d %B %Y"))?.date("3 juillet 2013")?.0.text(.day) == "2013-07-03")
    #expect((try? DateFormat("%Y/%m"))?.date("2024/06")?.1 == .month)
    #expect((try? DateFormat("%d.%m")) == nil)
    #expect((try? DateFormat("%d.%q.%y")) == nil)
}

@Test(arguments: [
    ("£12,343.96", ".", 12_343.96), ("$1.2", ".", 1.2), ("12 343,96 €", ",", 12_343.96), ("CHF 5'000", ".", 5_000),
    ("-£5", ".", -5), ("£-5", ".", -5), ("(£5)", ".", -5), ("(1,234.5)", ".", -1_234.5), ("5’000 CHF", ".", 5_000),
    ("US$ 2,000", ".", 2_000), ("€ -3,5", ",", -3.5), ("−£7", ".", -7),
] as [(String, String, Double)])
func anAmountWithItsCurrencyReadsAsTheNumber(_ text: String, _ decimal: String, _ value: Double) {
    #expect(ValueParsing.number(text, decimal: Character(decimal))?.0 == value, "\(text)")
}

@Test(arguments: [
    ("30.06.08", false, "2008-06-30"), ("30/06/2008", false, "2008-06-30"), ("30-06-2008", false, "2008-06-30"),
    ("01/02/69", false, "1969-02-01"), ("01/02/68", false, "2068-02-01"), ("12/31/2008", true, "2008-12-31"),
    ("01/02/2003", true, "2003-01-02"),
] as [(String, Bool, String)])
func aDayFirstOrProvenMonthFirstDateReads(_ text: String, _ monthFirst: Bool, _ day: String) {
    #expect(ValueParsing.date(text, monthFirst: monthFirst)?.0.text(.day) == day, "\(text)")
}

@Test func aColumnIsMonthFirstOnlyWhereItProvesIt() throws {
    let proven = try CSVReader.read(text: "d\n01/02/2003\n12/31/2003\n")
    #expect(proven.column("d").map { $0.text(at: 0) } == "2003-01-02")
    let ambiguous = try CSVReader.read(text: "d\n01/02/2003\n05/06/2003\n")
    #expect(ambiguous.column("d").map { $0.text(at: 0) } == "2003-02-01")
    // A first field above 12 somewhere makes the column day first; 12/31 is then no date.
    let contradictory = try CSVReader.read(text: "d\n13/01/2003\n12/31/2003\n")
    #expect(contradictory.column("d")?.data.typeName == "text")
}
