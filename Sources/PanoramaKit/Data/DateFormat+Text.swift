/// Writing dates in a stated layout, strftime-style, the inverse of `DateFormat.parse`:
/// `%d/%m/%Y` → `31/03/2024`, `%d %B %Y` → `31 mars 2024` (`31 March 2024` in English),
/// `%b %Y` → `mars 2024`, `%y` two digits, `%%` a percent sign. `%d` and `%e` write the day
/// with two digits.
extension DateFormat {
    /// The language of month names.
    public enum Language: String, Sendable, CaseIterable {
        case fr, en
    }

    /// Whether the layout names the day (a month date has none to write).
    public var namesTheDay: Bool { pieces.contains(.day) }

    /// `date` written in this layout.
    public func text(_ date: CivilDate, language: Language = .fr) -> String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(abs(v))
            return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, w - s.count)) + s
        }
        var out = ""
        for piece in pieces {
            switch piece {
            case .year4: out += pad(date.year, 4)
            case .year2: out += pad(((date.year % 100) + 100) % 100, 2)
            case .month: out += pad(date.month, 2)
            case .day: out += pad(date.day, 2)
            case .monthName: out += DateFormat.monthNames(language).full[date.month - 1]
            case .monthAbbreviation: out += DateFormat.monthNames(language).short[date.month - 1]
            case .space: out += " "
            case .literal(let c): out.append(c)
            }
        }
        return out
    }

    /// Full names and abbreviations (French as CLDR abbreviates them: `janv.`, `févr.`, `juil.`).
    static func monthNames(_ language: Language) -> (full: [String], short: [String]) {
        switch language {
        case .fr: return (["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
                          ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."])
        case .en: return (["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
                          ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
        }
    }
}
