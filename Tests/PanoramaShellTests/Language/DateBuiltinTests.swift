import Foundation
import Testing
@testable import PanoramaShell

/// The date builtins and date arithmetic through `Session.run`. The calendar values are pinned
/// against Python/dateutil in PanoramaKitTests/Data/DateArithmeticTests.
@Suite struct DateBuiltinTests {
    static let portfolio = "p = frame(debut=as_date([\"30/06/2008\", \"01/01/2010\", na]), g=[\"a\", \"b\", \"a\"])\n"

    @Test(arguments: [
        ("date(2024, 6, 30)", "2024-06-30"),
        ("date(2024, [1, 7])", "[2024-01, 2024-07]"),
        ("as_date(\"30 juin 2008\", format=\"%d %B %Y\")", "2008-06-30"),
        ("as_date(\"juil. 2013\", format=\"%b %Y\")", "2013-07"),
        ("as_date([\"30.06.08\", na], format=\"%d.%m.%y\")", "[2008-06-30, na]"),
        ("[year(date(2024, 8, 15)) - 2000, month(date(2024, 8, 15)), day(date(2024, 8, 15))]", "[24, 8, 15]"),
        ("[quarter(date(2024, 8, 15)), semester(date(2024, 8, 15)), weekday(date(2024, 8, 15))]", "[3, 2, 4]"),
        ("day(date(2024, 8))", "na"),
        ("date(2024, 6, 30) + 1", "2024-07-01"),
        ("1 + date(2024, 6, 30)", "2024-07-01"),
        ("date(2024, 3, 1) - 1", "2024-02-29"),
        ("date(2024, 6, 30) - date(2024, 1, 1)", "181"),
        ("date(2024, 6, 30) - \"2024-01-01\"", "181"),
        ("add_months(date(2024, 1, 31), 1)", "2024-02-29"),
        ("add_months(date(2024, 6), 6)", "2024-12"),
        ("days_between(date(2024, 1, 1), [date(2024, 12, 31), date(2023, 12, 31)])", "[365, -1]"),
        ("months_between(date(2024, 1, 31), date(2024, 3, 15))", "1.466667"),  // lubridate 1.9.2: 1 + 14/30 (31 Jan + 1 month rolls to 1 March)
        ("years_between(date(2008, 6, 30), date(2024, 1, 1))", "15.50546"),
        ("floor_date(date(2024, 8, 15), \"semester\")", "2024-07-01"),
        ("floor_date(date(2024, 11), \"year\")", "2024-01"),
        ("seq(date(2024, 1), date(2025, 1), by=\"semester\")", "[2024-01, 2024-07, 2025-01]"),
        ("seq(date(2024, 1, 31), date(2024, 4, 30), by=\"month\")", "[2024-01-31, 2024-02-29, 2024-03-31, 2024-04-30]"),
        ("seq(date(2024, 1, 1), date(2024, 1, 15), by=7)", "[2024-01-01, 2024-01-08, 2024-01-15]"),
        ("year(today()) >= 2024", "true"),
        (portfolio + "max(p.debut)", "2010-01-01"),
        (portfolio + "range(p.debut)", "[2008-06-30, 2010-01-01]"),
        (portfolio + "p.debut + 30", "[2008-07-30, 2010-01-31, na]"),
        (portfolio + "p.debut > \"2009-01-01\"", "[false, true, na]"),
        (portfolio + "sort(p.debut)", "[2008-06-30, 2010-01-01, na]"),
    ])
    func `date functions compute as lubridate does`(code: String, expected: String) {
        let t = run(code)
        #expect(!t.stderr.contains("error"), "\(code): \(t.stderr)")
        #expect(t.out.last == expected, "\(code)")
    }

    @Test func `min of a date column is a date (it said 'x' must be numeric)`() {
        let t = run(Self.portfolio + "min(p.debut)")
        #expect(t.out.last == "2008-06-30")
        #expect(t.stderr == "note: min skipped 1 na value")
        let s = run(Self.portfolio + "summarize(p, by=g, first=min(debut))", mode: .csv)
        #expect(s.stdout.contains("a,2008-06-30"))
    }

    @Test func `as_date says how many values did not read and quotes one`() {
        let t = run("as_date([\"30 juin 2008\", \"1er mai\", \"bientôt\"], format=\"%d %B %Y\")")
        #expect(t.out.last == "[2008-06-30, na, na]")
        #expect(t.stderr.contains("as_date: 2 values did not read as the format \"%d %B %Y\", e.g. \"1er mai\""))
    }

    /// English values as Python's `date.strftime` writes them; French names as CLDR (fr).
    @Test(arguments: [
        ("format(date(2024, 3, 31), \"%d/%m/%Y\")", "\"31/03/2024\""),
        ("format(date(2024, 2, 29), \"%d %B %Y\")", "\"29 février 2024\""),
        ("format(date(2024, [7, 12]), \"%b %Y\")", "[\"juil. 2024\", \"déc. 2024\"]"),
        ("format(date(2024, 3, 31), \"%d %B %Y\", lang=\"en\")", "\"31 March 2024\""),
        ("format(date(1999, 9, 5), \"%y-%b-%d\", lang=\"en\")", "\"99-Sep-05\""),
        ("format([date(2024, 3, 31), na])", "[\"2024-03-31\", na]"),
        ("format(date(2024, 6), \"%m/%Y (100%%)\")", "\"06/2024 (100%)\""),
        ("as_date(format(date(2024, [1, 2, 9], 1), \"%d %b %Y\"), format=\"%d %b %Y\")", "[2024-01-01, 2024-02-01, 2024-09-01]"),
    ])
    func `format writes dates in a strftime layout, with French month names unless lang is en`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr.isEmpty, "\(code): \(t.stderr)")
        #expect(t.out.last == expected, "\(code)")
    }

    @Test func `format says what a date layout cannot do`() {
        #expect(run("format(date(2024, 6), \"%d/%m/%Y\")").stderr.contains("month dates have no day for %d"))
        #expect(run("format(12.5, \"%Y\")").stderr.contains("a layout is for dates; 'x' is not dates"))
        #expect(run("format(date(2024, 6, 1), \"%d %q\")").stderr.contains("unknown directive '%q'"))
    }

    @Test func `years before 1 print as ISO 8601 expanded years`() {
        #expect(run("date(0, 1, 1) - 1").out.last == "-0001-12-31")
        #expect(run("date(-44, 3)").out.last == "-0044-03")
        #expect(run("date(1, 1, 1) - 366").out.last == "0000-01-01")
    }

    @Test func `as_date reads month-first dates where the values prove it, as the CSV reader does`() throws {
        let texts = ["02/13/2024", "01/02/2024", "12/31/69"]
        let t = run("as_date([\"02/13/2024\", \"01/02/2024\", \"12/31/69\", na])")
        #expect(t.out.last == "[2024-02-13, 2024-01-02, 1969-12-31, na]")
        #expect(t.stderr.isEmpty)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-mdy-\(UInt32.random(in: 0...UInt32.max)).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ("d\n" + texts.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(run("load(\"\(path)\").d").out.last == "[2024-02-13, 2024-01-02, 1969-12-31]")
        // One first field above 12 settles day first, for the whole vector.
        #expect(run("as_date([\"13/02/2024\", \"01/02/2024\"])").out.last == "[2024-02-13, 2024-02-01]")
    }

    @Test(arguments: [
        ("date(2024, 6) + 1", "a month date has no day to add days to; use add_months(x, n)"),
        ("date(2024, 6, 30) + 1.5", "a date moves by whole days, not 1.5"),
        ("date(2024, 6, 30) * 2", "cannot apply '*' to date and number"),
        ("date(2024, 6, 30) + date(2024, 1, 1)", "cannot apply '+' to two dates"),
        ("date(2024, 2, 30)", "there is no date 2024-02-30"),
        ("year(\"2024-06\")", "'x' must be a date, not the text \"2024-06\" (as_date(\"2024-06\") reads it)"),
        ("floor_date(date(2024, 6), \"week\")", "'unit' must be \"month\", \"quarter\", \"semester\" or \"year\", not \"week\""),
        ("as_date(\"2024\", format=\"%Y-%q\")", "unknown directive '%q' in date format '%Y-%q'"),
        ("seq(date(2024, 1), date(2024, 6), by=2)", "a sequence of month dates goes by=\"month\""),
        // Out of range: these crashed on Int32 overflow, or said "needs whole numbers" of whole numbers.
        ("x = date(999999, 1, 1)\nfor (i in seq_len(20)) { x = x + 99999999 }", "days is out of range: dates go from year -999,999 to 999,999"),
        ("date(2024, 1, 1) + 1e300", "2024-01-01 + 1e300 days is out of range"),
        ("date(2024, 1, 1) - 1e9", "2024-01-01 - 1,000,000,000 days is out of range"),
        ("x = date(2024, 1)\nfor (i in seq_len(20)) { x = add_months(x, 999999) }", "dates go from year -999,999 to 999,999"),
        ("date(1e12, 1, 1)", "date(1000000000000, 1, 1) is out of range: dates go from year -999,999 to 999,999"),
    ])
    func `bad date arguments are one-line errors naming them`(code: String, message: String) {
        let t = run(code)
        #expect(t.stderr.contains(message), "\(code): \(t.stderr)")
    }
}
