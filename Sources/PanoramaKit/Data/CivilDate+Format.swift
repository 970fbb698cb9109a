import Foundation

/// Reading dates written in a stated layout, strftime-style (`%d/%m/%Y`, `%d %B %Y`, `%b %Y`).
///
/// Directives: `%Y` four-digit year, `%y` two-digit year (00–68 → 20xx, 69–99 → 19xx, as
/// strptime), `%m` month number, `%d` and `%e` day (one or two digits; `1er` is the first), `%b`/`%B`/`%h` month
/// name in French or English, full or abbreviated, any case, with or without accents and a
/// trailing dot (`juin`, `juil.`, `Février`, `Sep`, `September`), `%%` a percent sign. A space in
/// the format matches any run of white space; any other character must appear as written.
/// Without `%d`/`%e` the date has month precision.
public struct DateFormat: Sendable {
    enum Piece: Equatable {
        case year4, year2, month, day, monthName, monthAbbreviation, space, literal(Character)
    }

    let pieces: [Piece]
    /// The format as given, for messages.
    public let text: String

    /// Throws when the format uses a directive this reader does not know.
    public init(_ format: String) throws {
        var pieces: [Piece] = []
        var chars = format.makeIterator()
        while let c = chars.next() {
            if c == "%" {
                switch chars.next() {
                case "Y": pieces.append(.year4)
                case "y": pieces.append(.year2)
                case "m": pieces.append(.month)
                case "d", "e": pieces.append(.day)
                case "B": pieces.append(.monthName)
                case "b", "h": pieces.append(.monthAbbreviation)
                case "%": pieces.append(.literal("%"))
                case let d?: throw KernelError("unknown directive '%\(d)' in date format '\(format)' (known: %Y %y %m %d %e %b %B %%)")
                case nil: throw KernelError("date format '\(format)' ends with a lone '%'")
                }
            } else if c.isWhitespace {
                if pieces.last != .space { pieces.append(.space) }
            } else {
                pieces.append(.literal(c))
            }
        }
        guard pieces.contains(.year4) || pieces.contains(.year2) else {
            throw KernelError("date format '\(format)' has no year (%Y or %y)")
        }
        guard pieces.contains(.month) || pieces.contains(.monthName) || pieces.contains(.monthAbbreviation) else {
            throw KernelError("date format '\(format)' has no month (%m, %b or %B)")
        }
        self.pieces = pieces
        self.text = format
    }

    /// Day precision when the format names the day.
    public var precision: DatePrecision { pieces.contains(.day) ? .day : .month }

    /// The date written in `s`, nil when it does not follow the format or names no real day.
    public func parse(_ s: String) -> CivilDate? {
        let chars = Array(s.trimmingCharacters(in: .whitespaces))
        var i = 0
        var year: Int?, month: Int?, day = 1
        func digits(_ maxCount: Int) -> (value: Int, count: Int)? {
            var v = 0, k = 0
            while k < maxCount, i + k < chars.count, let d = chars[i + k].wholeNumberValue, chars[i + k].isASCII {
                v = v * 10 + d
                k += 1
            }
            guard k > 0 else { return nil }
            i += k
            return (v, k)
        }
        for piece in pieces {
            switch piece {
            case .year4:
                guard let (v, k) = digits(4), k == 4 else { return nil }
                year = v
            case .year2:
                guard let (v, k) = digits(2), k == 2 else { return nil }
                year = v <= 68 ? 2000 + v : 1900 + v
            case .month:
                guard let (v, _) = digits(2) else { return nil }
                month = v
            case .day:
                guard let (v, _) = digits(2) else { return nil }
                day = v
                // French writes the first of the month `1er`.
                if v == 1, i + 1 < chars.count, chars[i].lowercased() == "e", chars[i + 1].lowercased() == "r" { i += 2 }
            case .monthName, .monthAbbreviation:
                var k = i
                while k < chars.count, chars[k].isLetter { k += 1 }
                guard let m = DateFormat.monthNumber(String(chars[i..<k])) else { return nil }
                month = m
                i = k
                if i < chars.count, chars[i] == "." { i += 1 }
            case .space:
                guard i < chars.count, chars[i].isWhitespace else { return nil }
                while i < chars.count, chars[i].isWhitespace { i += 1 }
            case .literal(let c):
                guard i < chars.count, chars[i] == c else { return nil }
                i += 1
            }
        }
        guard i == chars.count, let year, let month else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? date : nil
    }

    /// The month a French or English name or abbreviation stands for (`juil`, `Février`, `sept`, `Dec`).
    public static func monthNumber(_ name: String) -> Int? {
        let key = Text.fold(name)
        guard key.count >= 3 else { return nil }
        if let m = abbreviations[key] { return m }
        // A longer prefix of a full name: `sept`, `janv`, `decem`.
        let months = fullNames.indices.filter { m in fullNames[m].contains { $0.hasPrefix(key) } }
        return months.count == 1 ? months[0] + 1 : nil
    }

    /// Full month names, folded (no accents, lower case): French then English.
    static let fullNames: [[String]] = [
        ["janvier", "january"], ["fevrier", "february"], ["mars", "march"], ["avril", "april"],
        ["mai", "may"], ["juin", "june"], ["juillet", "july"], ["aout", "august"],
        ["septembre", "september"], ["octobre", "october"], ["novembre", "november"], ["decembre", "december"],
    ]

    /// Abbreviations that are not prefixes of a full name, or are ambiguous as prefixes
    /// (`jui` could be juin or juillet, `ma` mars or mai: those need more letters).
    static let abbreviations: [String: Int] = [
        "jan": 1, "fev": 2, "feb": 2, "mar": 3, "avr": 4, "apr": 4, "mai": 5, "may": 5,
        "juin": 6, "jun": 6, "juil": 7, "jul": 7, "aou": 8, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]
}

extension DateFormat {
    /// The day number and precision of `p[start..<end]` (spaces trimmed), or nil when it does
    /// not match the format or names no real day — the CSV reader's form of `parse(_:)`
    /// (`load(types=["start:date:%d.%m.%y"])`).
    package func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int32, DatePrecision)? {
        let (s, e) = ValueParsing.trim(p, start, end)
        guard s < e else { return nil }
        let text = String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
        return parse(text).map { (Int32($0.dayNumber), precision) }
    }

    /// String convenience: the date and its precision, or nil.
    public func date(_ text: String) -> (CivilDate, DatePrecision)? {
        parse(text).map { ($0, precision) }
    }
}
