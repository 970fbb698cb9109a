import Testing
@testable import PanoramaKit

@Test(arguments: [
    ("53,02", ",", 53.02, nil), ("53.02", ".", 53.02, nil), (".11019", ".", 0.11019, nil), ("760.", ".", 760, nil),
    ("0.43E-03", ".", 0.00043, nil), ("1e6", ".", 1_000_000, nil), ("-12,5", ",", -12.5, nil), ("+3", ".", 3, nil),
    ("1 234,5", ",", 1234.5, nil), ("1\u{A0}234\u{A0}567", ",", 1_234_567, nil), ("2\u{202F}500", ",", 2500, nil),
    ("1,234.5", ".", 1234.5, nil), ("1.234,5", ",", 1234.5, nil), ("1,234,567", ".", 1_234_567, nil),
    ("6.75", ",", 6.75, nil), ("0,123", ".", 0.123, nil), ("1234,567", ".", 1234.567, nil),
    ("12 %", ",", 12, "%"), ("12,5%", ",", 12.5, "%"), ("15 €", ",", 15, "€"), ("2,3 M€", ",", 2.3, "M€"),
    ("800 k€", ",", 800, "k€"), ("3,3 Md€", ",", 3.3, "Md€"), ("−4", ".", -4, nil), ("  7  ", ".", 7, nil),
    ("0.1", ".", 0.1, nil), ("123456789012345678901234", ".", 1.2345678901234568e23, nil),
] as [(String, String, Double, String?)])
func numbersParse(_ text: String, _ decimal: String, _ value: Double, _ unit: String?) throws {
    let (x, u) = try #require(ValueParsing.number(text, decimal: Character(decimal)))
    #expect(x == value)
    #expect(u.text == unit)
}

@Test(arguments: ["", "-", "abc", "1,2,3.4.5", "12abc", "1e", "--1", "En cadrage", "1 2 3,4,5", ".", "1.2.3", "2024-06"])
func notNumbers(_ text: String) {
    #expect(ValueParsing.number(text, decimal: ",") == nil)
}

@Test(arguments: [
    ("2024-06-30", 2024, 6, 30, DatePrecision.day), ("2024-06", 2024, 6, 1, .month), ("30/06/2024", 2024, 6, 30, .day),
    ("1/7/2013", 2013, 7, 1, .day), ("06/2024", 2024, 6, 1, .month), ("juillet 2013", 2013, 7, 1, .month),
    ("avril 15", 2015, 4, 1, .month), ("décembre 2015", 2015, 12, 1, .month), ("Février 20", 2020, 2, 1, .month),
    ("août 2019", 2019, 8, 1, .month), ("sept. 2016", 2016, 9, 1, .month), ("30 juin 2024", 2024, 6, 30, .day),
    ("1er juillet 2013", 2013, 7, 1, .day), ("March 2021", 2021, 3, 1, .month), ("2016-01-15 00:00:00", 2016, 1, 15, .day),
    ("décembre 99", 1999, 12, 1, .month),
] as [(String, Int, Int, Int, DatePrecision)])
func datesParse(_ text: String, _ y: Int, _ m: Int, _ d: Int, _ precision: DatePrecision) throws {
    let (date, p) = try #require(ValueParsing.date(text))
    #expect(date == CivilDate(year: y, month: m, day: d))
    #expect(p == precision)
}

@Test(arguments: ["2024-13", "31/02/2024", "juillet", "2024", "juillet 213", "foo 2013", "2024-06-31", "12/2024/01"])
func notDates(_ text: String) {
    #expect(ValueParsing.date(text) == nil)
}

@Test func booleansInFrenchAndEnglish() {
    #expect(ValueParsing.bool("Oui") == true)
    #expect(ValueParsing.bool("NON") == false)
    #expect(ValueParsing.bool("true") == true)
    #expect(ValueParsing.bool("False") == false)
    #expect(ValueParsing.bool("vrai") == true)
    #expect(ValueParsing.bool("1") == nil)
    #expect(ValueParsing.bool("Ouix") == nil)
}

@Test func excelSerialsBecomeDays() {
    #expect(ValueParsing.dayNumber(excelSerial: 43159).map { CivilDate(dayNumber: Int($0)) } == CivilDate(year: 2018, month: 2, day: 28))
    #expect(ValueParsing.dayNumber(excelSerial: 25569) == 0)
    #expect(ValueParsing.dayNumber(excelSerial: 1).map { CivilDate(dayNumber: Int($0)) } == CivilDate(year: 1900, month: 1, day: 1))
    #expect(ValueParsing.dayNumber(excelSerial: -3) == nil)
}

@Test func contentHashIsStableAndSensitive() {
    let a = Array("a,b\n1,2\n".utf8), b = Array("a,b\n1,3\n".utf8)
    let ha = a.withUnsafeBytes { contentHash($0) }, hb = b.withUnsafeBytes { contentHash($0) }
    #expect(ha == a.withUnsafeBytes { contentHash($0) })
    #expect(ha != hb)
    #expect([UInt8]().withUnsafeBytes { contentHash($0) } == "cbf29ce484222325")   // FNV-1a 64 offset basis
}
