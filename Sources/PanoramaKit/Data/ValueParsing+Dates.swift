import Foundation

/// Dates as public data writes them: `2024-06-30`, `2024-06`, `30/06/2024`, `30.06.08`,
/// `30-06-2008`, `06/2024`, `juillet 2013`, `avril 15`, `30 juin 2024`.
extension ValueParsing {
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
    /// Day, month, year fields are read day first unless `monthFirst` (a column that proves it).
    package static func parseDate(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                  monthFirst: Bool = false) -> (Int32, DatePrecision)? {
        let (s, e) = trim(p, start, end)
        guard e - s >= 4 else { return nil }
        // Leading digits.
        var i = s
        func number(_ maxDigits: Int) -> (Int, Int)? {
            var v = 0, k = 0
            while i < e, k < maxDigits, p[i] &- 0x30 < 10 { v = v * 10 + Int(p[i] &- 0x30); i += 1; k += 1 }
            return k == 0 ? nil : (v, k)
        }
        // Years from 1000, except in a full ISO day (`0001-01-01`, what databases write for "no
        // date" and `save` writes for early days), where a code such as `0012-05` cannot hide.
        func make(_ y: Int, _ m: Int, _ d: Int, _ precision: DatePrecision, from minYear: Int = 1000) -> (Int32, DatePrecision)? {
            let date = CivilDate(year: y, month: m, day: d)
            guard y >= minYear, y <= 9999, date.isValid else { return nil }
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
                return make(a, m, d, .day, from: 1)
            }
            if ad <= 2 && (sep == 0x2F || sep == 0x2E || sep == 0x2D) {   // 30/06/2024, 30.06.08, 30-06-2008, 06/2024
                i += 1
                guard let (b, bd) = number(4) else { return nil }
                if i == e {
                    guard bd == 4, sep != 0x2E else { return nil }
                    return make(b, a, 1, .month)
                }
                guard bd <= 2, p[i] == sep else { return nil }
                i += 1
                guard let (y, yd) = number(4), yd == 4 || yd == 2, i == e else { return nil }
                return monthFirst ? make(fullYear(y, digits: yd), a, b, .day) : make(fullYear(y, digits: yd), b, a, .day)
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

    /// The first two fields of a `NN?NN?YY` date cell (`12/31/2008` → (12, 31)), or nil for other
    /// shapes: what a column needs to decide whether it is written month first.
    static func leadingFields(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int)? {
        let (s, e) = trim(p, start, end)
        var i = s
        func number() -> Int? {
            var v = 0, k = 0
            while i < e, k < 3, p[i] &- 0x30 < 10 { v = v * 10 + Int(p[i] &- 0x30); i += 1; k += 1 }
            return k == 0 || k > 2 ? nil : v
        }
        guard let a = number(), i < e else { return nil }
        let sep = p[i]
        guard sep == 0x2F || sep == 0x2E || sep == 0x2D else { return nil }
        i += 1
        guard let b = number(), i < e, p[i] == sep else { return nil }
        return (a, b)
    }

    /// A month name (French or English, full or abbreviated, any case, accents folded) starting
    /// at `s`: the month and the index after the name.
    static func monthName(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int)? {
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
        for (packed, month) in packedMonths where packed == word { return (month, i) }
        return nil
    }

    /// `juillet 2013`, `avril 15`, `Sept. 2016` from `s` to `e`: (month, year value, year digits).
    static func monthAndYear(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int, Int)? {
        guard let (month, afterName) = monthName(p, s, e) else { return nil }
        var i = afterName
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
}
