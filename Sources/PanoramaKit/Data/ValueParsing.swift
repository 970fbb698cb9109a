import Foundation

/// Parses cell values as public data writes them, straight from UTF-8 bytes (no `String` per cell).
///
/// Numbers: `.` or `,` decimals, `.11019`, `760.`, `0.43E-03`, thousands grouped by space, NBSP
/// or narrow NBSP (or by the other mark in groups of three), `%` `€` `k€` `M€` `Md€` suffixes.
/// Dates: `2024-06-30`, `2024-06`, `30/06/2024`, `06/2024`, `juillet 2013`, `avril 15`,
/// `30 juin 2024`. Booleans: `Oui/Non`, `true/false`, `vrai/faux`, `yes/no`.
public enum ValueParsing {
    /// A suffix stripped from a number, recorded on its column.
    public enum Unit: UInt8, Sendable {
        case none, percent, euro, kiloEuro, megaEuro, billionEuro

        public var text: String? {
            switch self {
            case .none: nil
            case .percent: "%"
            case .euro: "€"
            case .kiloEuro: "k€"
            case .megaEuro: "M€"
            case .billionEuro: "Md€"
            }
        }
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
        if b == 0x20 { return 1 }
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
        }
        if unit != .none { (s, e) = trim(p, s, e); guard s < e else { return nil } }
        // Sign.
        var negative = false
        if p[s] == 0x2D { negative = true; s += 1 }
        else if p[s] == 0x2B { s += 1 }
        else if e - s >= 3, p[s] == 0xE2, p[s + 1] == 0x88, p[s + 2] == 0x92 { negative = true; s += 3 }
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
            else if b &- 0x30 >= 10, b != 0x20, b != 0x2D, b != 0x2B { if !(b == 0x65 || b == 0x45 || b >= 0x80 || b == 0x25) { return nil } }
            i += 1
        }
        if dots > 0 && commas > 0 { return last }
        if dots + commas != 1 { return nil }
        return threeDigits(p, lastIndex + 1, end) && lastIndex > start ? nil : last
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

    // MARK: Dates

    /// Month names (accents folded, lowercase): French, then English, with abbreviations.
    static let monthNames: [(String, Int)] = [
        ("janvier", 1), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6),
        ("juillet", 7), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11), ("decembre", 12),
        ("janv", 1), ("fevr", 2), ("fev", 2), ("avr", 4), ("juil", 7), ("sept", 9), ("oct", 10),
        ("nov", 11), ("dec", 12),
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
        ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
    ]
    /// Month names packed 5 bits a letter (at most 12 letters), for an allocation-free lookup.
    static let packedMonths: [(UInt64, Int)] = monthNames.map { (name, month) in
        (name.utf8.reduce(UInt64(0)) { $0 << 5 | UInt64($1 - 0x60) }, month)
    }

    /// A two-digit year: 00–68 → 2000s, 69–99 → 1900s (as POSIX `strptime`).
    @inline(__always) static func fullYear(_ y: Int, digits: Int) -> Int {
        digits == 2 ? (y < 69 ? 2000 + y : 1900 + y) : y
    }

    /// Parses a date; returns its day number and precision, or nil.
    /// `parseDate("juillet 2013") // (15887, .month)`; `parseDate("30/06/2024") // (19904, .day)`
    package static func parseDate(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int32, DatePrecision)? {
        let (s, e) = trim(p, start, end)
        guard e - s >= 4 else { return nil }
        // Leading digits.
        var i = s
        func number(_ maxDigits: Int) -> (Int, Int)? {
            var v = 0, k = 0
            while i < e, k < maxDigits, p[i] &- 0x30 < 10 { v = v * 10 + Int(p[i] &- 0x30); i += 1; k += 1 }
            return k == 0 ? nil : (v, k)
        }
        func make(_ y: Int, _ m: Int, _ d: Int, _ precision: DatePrecision) -> (Int32, DatePrecision)? {
            let date = CivilDate(year: y, month: m, day: d)
            guard y >= 1000, y <= 9999, date.isValid else { return nil }
            return (Int32(date.dayNumber), precision)
        }
        if p[s] &- 0x30 < 10 {
            guard let (a, ad) = number(4) else { return nil }
            if i == e { return nil }
            let sep = p[i]
            if ad == 4 && sep == 0x2D {                         // 2024-06[-30][ time]
                i += 1
                guard let (m, md) = number(2), md == 2 else { return nil }
                if i == e { return make(a, m, 1, .month) }
                guard p[i] == 0x2D else { return nil }
                i += 1
                guard let (d, dd) = number(2), dd == 2 else { return nil }
                if i < e {
                    guard p[i] == 0x54 || p[i] == 0x20 else { return nil }   // T or space: a time follows
                    i += 1
                    while i < e { let b = p[i]; guard b &- 0x30 < 10 || b == 0x3A || b == 0x2E || b == 0x5A else { return nil }; i += 1 }
                }
                return make(a, m, d, .day)
            }
            if ad <= 2 && sep == 0x2F {                         // 30/06/2024 or 06/2024
                i += 1
                guard let (b, bd) = number(4) else { return nil }
                if i == e {
                    guard bd == 4 else { return nil }
                    return make(b, a, 1, .month)
                }
                guard bd <= 2, p[i] == 0x2F else { return nil }
                i += 1
                guard let (y, yd) = number(4), yd == 4, i == e else { return nil }
                return make(y, b, a, .day)
            }
            if ad <= 2 && sep == 0x20 {                         // 30 juin 2024, 1er juillet 2013
                i += 1
                guard let (m, yv, yd) = monthAndYear(p, i, e) else { return nil }
                return make(fullYear(yv, digits: yd), m, a, .day)
            }
            if ad <= 2, e - i >= 3, p[i] == 0x65, p[i + 1] == 0x72, p[i + 2] == 0x20 {   // 1er
                guard let (m, yv, yd) = monthAndYear(p, i + 3, e) else { return nil }
                return make(fullYear(yv, digits: yd), m, a, .day)
            }
            return nil
        }
        guard let (m, yv, yd) = monthAndYear(p, s, e) else { return nil }
        return make(fullYear(yv, digits: yd), m, 1, .month)
    }

    /// `juillet 2013`, `avril 15`, `Sept. 2016` from `s` to `e`: (month, year value, year digits).
    static func monthAndYear(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int, Int)? {
        var word: UInt64 = 0
        var letters = 0
        var i = s
        while i < e {
            let b = p[i]
            var letter: UInt8
            if b >= 0x41 && b <= 0x5A { letter = b | 0x20; i += 1 }
            else if b >= 0x61 && b <= 0x7A { letter = b; i += 1 }
            else if b == 0xC3, i + 1 < e {
                // Fold the accents month names use: é è ê É û Û ô.
                switch p[i + 1] {
                case 0xA9, 0xA8, 0xAA, 0x89, 0x88: letter = 0x65
                case 0xBB, 0x9B: letter = 0x75
                case 0xB4: letter = 0x6F
                default: return nil
                }
                i += 2
            } else { break }
            letters += 1
            if letters > 12 { return nil }
            word = word << 5 | UInt64(letter - 0x60)
        }
        guard letters >= 3 else { return nil }
        var found = 0
        for (packed, month) in packedMonths where packed == word { found = month; break }
        guard found > 0 else { return nil }
        let month = found
        if i < e, p[i] == 0x2E { i += 1 }
        var spaces = 0
        while i < e, p[i] == 0x20 { i += 1; spaces += 1 }
        guard spaces > 0 || (i < e && p[i - 1] == 0x2E) else { return nil }
        var y = 0, k = 0
        while i < e, p[i] &- 0x30 < 10 {
            if k < 5 { y = y * 10 + Int(p[i] &- 0x30) }
            i += 1
            k += 1
        }
        guard i == e, k == 2 || k == 4 else { return nil }
        return (month, y, k)
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

    public static func date(_ text: String) -> (CivilDate, DatePrecision)? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { b in
            parseDate(b.baseAddress!, 0, b.count).map { (CivilDate(dayNumber: Int($0.0)), $0.1) }
        }
    }

    public static func bool(_ text: String) -> Bool? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { b in parseBool(b.baseAddress!, 0, b.count).map { $0 == 1 } }
    }
}
