/// A strftime-style date format a reader is told (`types=["start:date:%d.%m.%y"]`).
///
/// Directives: `%d` `%e` day (1–2 digits), `%m` month (1–2 digits), `%y` two-digit year (00–68 →
/// 20xx, 69–99 → 19xx, as POSIX `strptime`), `%Y` four-digit year, `%b` `%B` a month name (French
/// or English, full or abbreviated), `%%` a percent sign; any other character matches itself.
/// Without `%d` the date has month precision.
/// `DateFormat("%d.%m.%y")?.parse("30.06.08") // 30 June 2008, day precision`
public struct DateFormat: Sendable, Equatable {
    enum Piece: Equatable, Sendable { case day, month, shortYear, year, monthName, literal(UInt8) }

    let pieces: [Piece]
    public let text: String

    /// Nil when the format has an unknown directive or no year or month.
    public init?(_ text: String) {
        var pieces: [Piece] = []
        var bytes = Array(text.utf8).makeIterator()
        while let b = bytes.next() {
            guard b == 0x25 else { pieces.append(.literal(b)); continue }
            switch bytes.next() {
            case UInt8(ascii: "d"), UInt8(ascii: "e"): pieces.append(.day)
            case UInt8(ascii: "m"): pieces.append(.month)
            case UInt8(ascii: "y"): pieces.append(.shortYear)
            case UInt8(ascii: "Y"): pieces.append(.year)
            case UInt8(ascii: "b"), UInt8(ascii: "B"): pieces.append(.monthName)
            case UInt8(ascii: "%"): pieces.append(.literal(0x25))
            default: return nil
            }
        }
        guard pieces.contains(where: { $0 == .year || $0 == .shortYear }),
              pieces.contains(where: { $0 == .month || $0 == .monthName }) else { return nil }
        self.pieces = pieces
        self.text = text
    }

    /// The day number and precision of `p[start..<end]` (spaces trimmed), or nil when it does
    /// not match the format or names no real day.
    package func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int32, DatePrecision)? {
        let (s, e) = ValueParsing.trim(p, start, end)
        var i = s
        var year = 0, month = 0, day = 1, hasDay = false
        func number(_ maxDigits: Int) -> Int? {
            var v = 0, k = 0
            while i < e, k < maxDigits, p[i] &- 0x30 < 10 { v = v * 10 + Int(p[i] &- 0x30); i += 1; k += 1 }
            return k == 0 ? nil : v
        }
        for piece in pieces {
            switch piece {
            case .day: guard let d = number(2) else { return nil }; day = d; hasDay = true
            case .month: guard let m = number(2) else { return nil }; month = m
            case .shortYear:
                let from = i
                guard let y = number(2), i - from == 2 else { return nil }
                year = ValueParsing.fullYear(y, digits: 2)
            case .year:
                let from = i
                guard let y = number(4), i - from == 4 else { return nil }
                year = y
            case .monthName:
                guard let (m, next) = ValueParsing.monthName(p, i, e) else { return nil }
                month = m
                i = next
                if i < e, p[i] == 0x2E, pieces.last != .literal(0x2E) { i += 1 }   // Sept.
            case .literal(let b):
                guard i < e, p[i] == b else { return nil }
                i += 1
            }
        }
        guard i == e else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        return (Int32(date.dayNumber), hasDay ? .day : .month)
    }

    /// String convenience: parse a Swift string.
    public func date(_ text: String) -> (CivilDate, DatePrecision)? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { b in
            parse(b.baseAddress!, 0, b.count).map { (CivilDate(dayNumber: Int($0.0)), $0.1) }
        }
    }
}
