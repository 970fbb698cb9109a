import Foundation

/// Parses cell values as public data writes them, straight from UTF-8 bytes (no `String` per cell).
///
/// Numbers: `.` or `,` decimals, `.11019`, `760.`, `0.43E-03`, thousands grouped by space, NBSP
/// or narrow NBSP (or by the other mark in groups of three), `%` `€` `k€` `M€` `Md€` suffixes.
/// Currencies `£12,343.96`, `$1.2`, `12 343,96 €`, `CHF 5'000`, negatives `-£5`, `£-5`, `(£5)`.
/// Dates (ValueParsing+Dates.swift): `2024-06-30`, `30.06.08`, `juillet 2013`, `avril 15`,
/// `30 juin 2024`. Booleans: `Oui/Non`, `true/false`, `vrai/faux`, `yes/no`.
public enum ValueParsing {
    /// A suffix stripped from a number, recorded on its column.
    public enum Unit: UInt8, Sendable {
        case none, percent, euro, kiloEuro, megaEuro, billionEuro, pound, dollar, swissFranc

        public var text: String? {
            switch self {
            case .none: nil
            case .percent: "%"
            case .euro: "€"
            case .kiloEuro: "k€"
            case .megaEuro: "M€"
            case .billionEuro: "Md€"
            case .pound: "£"
            case .dollar: "$"
            case .swissFranc: "CHF"
            }
        }

        /// Whether the unit is a currency (the column holds amounts of money).
        public var isMoney: Bool { self != .none && self != .percent }
    }

    /// The default missing-value markers (compared after trimming spaces).
    public static let defaultMissing = ["", "NA", "N/A", "n/a", "na", "-", "None", "NULL", "null",
                                        "NaN", "nan", "#N/A", "<NA>"]

    // MARK: Trimming

    /// The bounds of `p[start..<end]` without leading/trailing spaces, tabs, NBSP and narrow NBSP.
    @inline(__always)
    static func trim(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start, e = end
        while s < e {
            let b = p[s]
            if b == 0x20 || b == 0x09 { s += 1 }
            else if b == 0xC2, s + 1 < e, p[s + 1] == 0xA0 { s += 2 }
            else if b == 0xE2, s + 2 < e, p[s + 1] == 0x80, p[s + 2] == 0xAF { s += 3 }
            else { break }
        }
        while e > s {
            let b = p[e - 1]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { e -= 1 }
            else if b == 0xA0, e - 2 >= s, p[e - 2] == 0xC2 { e -= 2 }
            else if b == 0xAF, e - 3 >= s, p[e - 3] == 0xE2, p[e - 2] == 0x80 { e -= 3 }
            else { break }
        }
        return (s, e)
    }

    /// The width in bytes of a group separator (space, NBSP, narrow NBSP) at `i`, or 0.
    @inline(__always)
    static func groupSpace(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = p[i]
        if b == 0x20 || b == 0x27 { return 1 }                                  // space, apostrophe (5'000)
        if b == 0xE2, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0x99 { return 3 } // ’
        if b == 0xC2, i + 1 < end, p[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0xAF { return 3 }
        return 0
    }

    // MARK: Numbers

    static let powersOfTen: [Double] = (0...22).map { Foundation.pow(10.0, Double($0)) }

    /// Parses a number in `p[start..<end]` with the given decimal mark (`.` or `,`).
    ///
    /// The other mark is a thousands separator when it is followed by exactly three digits after
    /// a first group of one to three digits (`1,234.5`), otherwise a decimal mark (`6.75` in a
    /// comma column). Returns nil when the text is not a number.
    /// `parseNumber("1 234,5 M€", decimal: ",") // (1234.5, .megaEuro)`
    package static func parseNumber(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                   decimal: UInt8) -> (Double, Unit)? {
        if let v = parsePlainNumber(p, start, end, decimal: decimal) { return (v, .none) }
        var (s, e) = trim(p, start, end)
        guard s < e else { return nil }
        if let infinity = parseInfinity(p, s, e) { return (infinity, .none) }
        // Accounting negatives: (5), (£5).
        var negative = false
        if p[s] == 0x28, p[e - 1] == 0x29 {
            negative = true
            (s, e) = trim(p, s + 1, e - 1)
            guard s < e else { return nil }
        }
        // Suffix units.
        var unit = Unit.none
        if p[e - 1] == 0x25 { unit = .percent; e -= 1 }
        else if e - s >= 3, p[e - 3] == 0xE2, p[e - 2] == 0x82, p[e - 1] == 0xAC {
            e -= 3
            unit = .euro
            if e > s {
                let b = p[e - 1]
                if b == 0x4D { unit = .megaEuro; e -= 1 }                       // M€
                else if b == 0x6B || b == 0x4B { unit = .kiloEuro; e -= 1 }    // k€ K€
                else if b == 0x64, e - 1 > s, p[e - 2] == 0x4D { unit = .billionEuro; e -= 2 } // Md€
            }
        } else if let (currency, width) = currencySuffix(p, s, e) { unit = currency; e -= width }
        if unit != .none { (s, e) = trim(p, s, e); guard s < e else { return nil } }
        // Sign, before or after a currency prefix: -£5, £-5.
        if let width = minusSign(p, s, e) { negative.toggle(); s += width }
        else if p[s] == 0x2B { s += 1 }
        if unit == .none, s < e, let (currency, width) = currencyPrefix(p, s, e) {
            unit = currency
            (s, e) = trim(p, s + width, e)
            guard s < e else { return nil }
            if let width = minusSign(p, s, e) { negative.toggle(); s += width }
        }
        guard s < e else { return nil }
        let other: UInt8 = decimal == 0x2C ? 0x2E : 0x2C
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        var sawDigit = false
        var sawDecimal = false
        var groupDigits = 0          // digits in the current integer group
        var groupsSeen = false
        var i = s
        while i < e {
            let b = p[i]
            let d = b &- 0x30
            if d < 10 {
                sawDigit = true
                groupDigits += 1
                if significant < 19 {
                    if mantissa != 0 || d != 0 { significant += 1 }
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if sawDecimal { exponent -= 1 }
                } else {
                    if d != 0 { truncated = true }
                    if !sawDecimal { exponent += 1 }
                }
                i += 1
                continue
            }
            if b == decimal {
                if sawDecimal { return nil }
                sawDecimal = true
                i += 1
                continue
            }
            if b == other {
                // Thousands group: 1–3 digits first (not a lone 0), then groups of exactly three.
                let isGroup = !sawDecimal && sawDigit && (groupsSeen ? groupDigits == 3 : (groupDigits <= 3 && mantissa != 0))
                    && threeDigits(p, i + 1, e)
                if isGroup { groupsSeen = true; groupDigits = 0; i += 1; continue }
                // Otherwise a decimal mark, if none has been seen and it is the only one.
                if sawDecimal || groupsSeen || contains(p, i + 1, e, decimal) || contains(p, i + 1, e, other) { return nil }
                sawDecimal = true
                i += 1
                continue
            }
            if b == 0x65 || b == 0x45 {  // exponent
                guard sawDigit else { return nil }
                i += 1
                var expNegative = false
                if i < e, p[i] == 0x2D || p[i] == 0x2B { expNegative = p[i] == 0x2D; i += 1 }
                guard i < e else { return nil }
                var x = 0
                while i < e {
                    let ed = p[i] &- 0x30
                    guard ed < 10 else { return nil }
                    if x < 100_000 { x = x * 10 + Int(ed) }
                    i += 1
                }
                exponent += expNegative ? -x : x
                break
            }
            let w = groupSpace(p, i, e)
            if w > 0, !sawDecimal, sawDigit, i + w < e, p[i + w] &- 0x30 < 10 {
                groupsSeen = true
                groupDigits = 0
                i += w
                continue
            }
            return nil
        }
        guard sawDigit else { return nil }
        var value: Double
        if mantissa == 0 {
            value = 0
        } else if !truncated, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            // Clinger's fast path: both operands exact, one correctly rounded operation.
            value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
        } else {
            value = Double("\(mantissa)e\(exponent)") ?? .nan
        }
        return (negative ? -value : value, unit)
    }

    /// The width of a minus sign (`-` or `−`) at `s`, or nil.
    @inline(__always)
    static func minusSign(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        if p[s] == 0x2D { return 1 }
        if e - s >= 3, p[s] == 0xE2, p[s + 1] == 0x88, p[s + 2] == 0x92 { return 3 }
        return nil
    }

    /// A currency written before an amount — `£`, `$`, `US$`, `€`, `CHF` — and its width in bytes.
    static func currencyPrefix(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Unit, Int)? {
        if p[s] == 0x24 { return (.dollar, 1) }
        if e - s >= 3, p[s] == 0x55, p[s + 1] == 0x53, p[s + 2] == 0x24 { return (.dollar, 3) }
        if e - s >= 2, p[s] == 0xC2, p[s + 1] == 0xA3 { return (.pound, 2) }
        if e - s >= 3, p[s] == 0xE2, p[s + 1] == 0x82, p[s + 2] == 0xAC { return (.euro, 3) }
        if e - s >= 3, p[s] == 0x43, p[s + 1] == 0x48, p[s + 2] == 0x46 { return (.swissFranc, 3) }
        return nil
    }

    /// A currency written after an amount — `£`, `$`, `CHF` (`€` and its multiples are units
    /// of their own) — and its width in bytes.
    static func currencySuffix(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Unit, Int)? {
        if p[e - 1] == 0x24 { return (.dollar, 1) }
        if e - s >= 2, p[e - 2] == 0xC2, p[e - 1] == 0xA3 { return (.pound, 2) }
        if e - s >= 3, p[e - 3] == 0x43, p[e - 2] == 0x48, p[e - 1] == 0x46 { return (.swissFranc, 3) }
        return nil
    }

    /// ±∞ written as `inf`, `infinity` (any case) or `∞`, with an optional sign (`-`, `+`, `−`).
    static func parseInfinity(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var s = start
        var sign = 1.0
        if p[s] == 0x2D { sign = -1; s += 1 }
        else if p[s] == 0x2B { s += 1 }
        else if end - s >= 3, p[s] == 0xE2, p[s + 1] == 0x88, p[s + 2] == 0x92 { sign = -1; s += 3 }
        guard s < end, end - s <= 8, p[s] | 0x20 == 0x69 || p[s] == 0xE2 else { return nil }
        let word = String(decoding: UnsafeBufferPointer(start: p + s, count: end - s), as: UTF8.self).lowercased()
        return word == "inf" || word == "infinity" || word == "∞" ? sign * .infinity : nil
    }

    /// The cells most numeric columns are made of — `-`, up to 15 digits with at most one
    /// decimal mark, nothing else — by Clinger's fast path (the same value as the full parser,
    /// which takes everything else: spaces, groups, units, exponents, long mantissas).
    @inline(__always)
    static func parsePlainNumber(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, decimal: UInt8) -> Double? {
        var i = start
        let negative = i < end && p[i] == 0x2D
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        while i < end, p[i] &- 0x30 < 10 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30); digits += 1; i += 1 }
        var fraction = 0
        if i < end && p[i] == decimal {
            i += 1
            while i < end, p[i] &- 0x30 < 10 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30); digits += 1; fraction += 1; i += 1 }
        }
        guard i == end, digits > 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }

    @inline(__always)
    static func threeDigits(_ p: UnsafePointer<UInt8>, _ i: Int, _ e: Int) -> Bool {
        guard i + 3 <= e else { return false }
        guard p[i] &- 0x30 < 10, p[i + 1] &- 0x30 < 10, p[i + 2] &- 0x30 < 10 else { return false }
        return i + 3 == e || p[i + 3] &- 0x30 >= 10
    }

    @inline(__always)
    static func contains(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ b: UInt8) -> Bool {
        var i = s
        while i < e { if p[i] == b { return true }; i += 1 }
        return false
    }

    /// The decimal mark a cell suggests: `.`/`,` when it has exactly one mark not followed by
    /// exactly three digits (or both marks: the last one), nil when it says nothing.
    static func decimalHint(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt8? {
        var dots = 0, commas = 0, last: UInt8 = 0, lastIndex = 0
        var i = start
        while i < end {
            let b = p[i]
            if b == 0x2E { dots += 1; last = b; lastIndex = i }
            else if b == 0x2C { commas += 1; last = b; lastIndex = i }
            else if b &- 0x30 >= 10, b != 0x20, b != 0x2D, b != 0x2B { if !(b == 0x65 || b == 0x45 || b >= 0x80 || b == 0x25 || b == 0x24 || b == 0x28 || b == 0x29 || b == 0x27 || b == 0x43 || b == 0x48 || b == 0x46) { return nil } }
            i += 1
        }
        if dots > 0 && commas > 0 { return last }
        // `£` or `$` before the amount is the English convention: `£32,614` is 32,614.
        if commas > 0, dots == 0, poundOrDollarFirst(p, start, end) { return 0x2E }
        if dots + commas != 1 { return nil }
        return threeDigits(p, lastIndex + 1, end) && lastIndex > start ? nil : last
    }

    /// Whether `£` or `$` comes before the first digit of the cell.
    static func poundOrDollarFirst(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end, p[i] &- 0x30 >= 10 {
            if p[i] == 0x24 || (p[i] == 0xC2 && i + 1 < end && p[i + 1] == 0xA3) { return true }
            i += 1
        }
        return false
    }

    // MARK: Booleans

    /// 1 for `Oui`/`true`/`vrai`/`yes`, 0 for `Non`/`false`/`faux`/`no` (any case), nil otherwise.
    package static func parseBool(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int8? {
        let (s, e) = trim(p, start, end)
        let n = e - s
        guard n >= 2 && n <= 5 else { return nil }
        var w: UInt64 = 0
        for i in s..<e {
            let b = p[i]
            guard b < 0x80 else { return nil }
            w = w << 8 | UInt64(b | 0x20)   // ASCII lowercase (letters only matter here)
        }
        switch w {
        case 0x6F7569, 0x74727565, 0x76726169, 0x796573: return 1             // oui true vrai yes
        case 0x6E6F6E, 0x66616C7365, 0x66617578, 0x6E6F: return 0             // non false faux no
        default: return nil
        }
    }

    /// An Excel serial day (1900 date system, with its phantom 29 February 1900) as a day number.
    public static func dayNumber(excelSerial serial: Double) -> Int32? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        if days < 61 { days += 1 }              // serials before the phantom leap day
        return Int32(days - 25_569)
    }
}

extension ValueParsing {
    /// String conveniences (tests and the language): parse a Swift string.
    public static func number(_ text: String, decimal: Character = ".") -> (Double, Unit)? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { b in
            parseNumber(b.baseAddress!, 0, b.count, decimal: decimal == "," ? 0x2C : 0x2E)
        }
    }

    /// The decimal mark a set of texts uses, decided as the CSV reader decides a column's: `,`
    /// when more of them read with a decimal comma (`"3,5"`, `"1 234,5"`) than with a decimal
    /// point, else `.` (`"1,234"` alone says nothing: it is a thousands group).
    /// `decimalMark(of: ["1 234,5", "12"]) // ","`
    public static func decimalMark(of texts: [String]) -> Character {
        var dots = 0, commas = 0
        for text in texts {
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty else { continue }
            switch bytes.withUnsafeMutableBufferPointer({ decimalHint($0.baseAddress!, 0, $0.count) }) {
            case 0x2E?: dots += 1
            case 0x2C?: commas += 1
            default: break
            }
        }
        return commas > dots ? "," : "."
    }

    public static func date(_ text: String, monthFirst: Bool = false) -> (CivilDate, DatePrecision)? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { b in
            parseDate(b.baseAddress!, 0, b.count, monthFirst: monthFirst).map { (CivilDate(dayNumber: Int($0.0)), $0.1) }
        }
    }

    /// Whether texts of `NN/NN/YYYY` dates are written month first, by the CSV reader's rule: a
    /// second field above 12 somewhere and a first field above 12 nowhere (`02/13/2024`).
    public static func provesMonthFirst(_ texts: [String]) -> Bool {
        var secondAbove12 = false
        for text in texts {
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty, let (first, second) = bytes.withUnsafeMutableBufferPointer({
                leadingFields($0.baseAddress!, 0, $0.count)
            }) else { continue }
            if first > 12 { return false }
            if second > 12 { secondAbove12 = true }
        }
        return secondAbove12
    }

    public static func bool(_ text: String) -> Bool? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { b in parseBool(b.baseAddress!, 0, b.count).map { $0 == 1 } }
    }
}
