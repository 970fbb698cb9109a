import Foundation
import Testing
@testable import PanoramaKit

/// Calendar arithmetic against Python's datetime/dateutil computing lubridate's conventions
/// (Fixtures/text_dates/oracle.py writes dates_oracle.json).
@Suite struct DateArithmeticTests {
    var oracle: [String: Any] { loadOracle("dates_oracle.json") }

    static func day(_ s: String) -> CivilDate {
        let p = s.split(separator: "-").compactMap { Int($0) }
        return CivilDate(year: p[0], month: p[1], day: p.count > 2 ? p[2] : 1)
    }

    @Test func `days months and years between dates agree with lubridate's time_length`() throws {
        let spans = try #require(oracle["spans"] as? [[String: Any]])
        #expect(spans.count == 100)
        for s in spans {
            let a = Self.day(s["a"] as! String), b = Self.day(s["b"] as! String)
            #expect(a.days(to: b) == s["days"] as! Int)
            #expect(abs(a.steps(to: b, months: 1) - (s["months"] as! Double)) < 1e-12, "months \(s)")
            #expect(abs(a.steps(to: b, months: 12) - (s["years"] as! Double)) < 1e-12, "years \(s)")
        }
    }

    /// R's lubridate itself (Fixtures/text_dates/lubridate_spans.R): its anniversaries roll an
    /// impossible day to the 1st of the next month (31 January + 1 month = 1 March), so spans
    /// starting on the 29th–31st differ from a month-end clamp (months_between(31 Jan, 29 Feb)
    /// is 0.9667, not 1).
    @Test func `months and years between agree with lubridate itself on month ends and leap days`() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/text_dates/lubridate_spans.csv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst(2)
        #expect(rows.count == 556)
        for row in rows {
            let f = row.split(separator: ",").map(String.init)
            let a = Self.day(f[0]), b = Self.day(f[1])
            #expect(a.days(to: b) == Int(f[2]), "days \(row)")
            #expect(abs(a.steps(to: b, months: 1) - Double(f[3])!) < 1e-12, "months \(row): \(a.steps(to: b, months: 1))")
            #expect(abs(a.steps(to: b, months: 12) - Double(f[4])!) < 1e-12, "years \(row): \(a.steps(to: b, months: 12))")
        }
    }

    @Test func `weekday quarter and month steps agree with Python`() throws {
        let parts = try #require(oracle["parts"] as? [[String: Any]])
        for p in parts {
            let d = Self.day(p["date"] as! String)
            #expect(d.weekday == p["weekday"] as! Int)
            #expect(d.quarter == p["quarter"] as! Int)
            for (k, expected) in p["add_months"] as! [String: String] {
                #expect(d.addingMonths(Int(k)!).text(.day) == expected, "\(d.text(.day)) + \(k) months")
            }
        }
    }

    @Test func `formats read dates as Python's strptime does`() throws {
        let parsed = try #require(oracle["parsed"] as? [[String: Any]])
        for p in parsed {
            let f = try DateFormat(p["format"] as! String)
            let got = f.parse(p["text"] as! String).map { $0.text(f.precision) }
            #expect(got == p["expect"] as? String, "\(p)")
        }
    }

    @Test func `French month names read full abbreviated and accented`() throws {
        let f = try DateFormat("%d %B %Y"), m = try DateFormat("%b %Y")
        #expect(f.parse("30 juin 2008")?.text(.day) == "2008-06-30")
        #expect(f.parse("1 Février 2019")?.text(.day) == "2019-02-01")
        #expect(f.parse("15 août 2020")?.text(.day) == "2020-08-15")
        #expect(f.parse("1er juillet 2013")?.text(.day) == "2013-07-01")
        #expect(f.parse("2er juillet 2013") == nil)
        #expect(m.parse("juil. 2013")?.text(.month) == "2013-07")
        #expect(m.parse("déc. 2013")?.text(.month) == "2013-12")
        #expect(m.parse("sept 2013")?.text(.month) == "2013-09")
        #expect(m.parse("JANV. 2013")?.text(.month) == "2013-01")
        // `jui` could be juin or juillet: not a month.
        #expect(m.parse("jui 2013") == nil)
        #expect(m.parse("2013") == nil)
        #expect(throws: KernelError.self) { try DateFormat("%d/%m") }
        #expect(throws: KernelError.self) { try DateFormat("%Y-%q") }
    }

    @Test func `flooring goes to the first day of the period`() {
        let d = CivilDate(year: 2024, month: 8, day: 15)
        #expect(d.floored(months: 1).text(.day) == "2024-08-01")
        #expect(d.floored(months: 3).text(.day) == "2024-07-01")
        #expect(d.floored(months: 6).text(.day) == "2024-07-01")
        #expect(d.floored(months: 12).text(.day) == "2024-01-01")
        #expect(CivilDate(year: 2024, month: 5).floored(months: 6).text(.month) == "2024-01")
    }
}
