import Foundation

/// What panorama asks of the terminal it runs in: whether a descriptor is one, how wide it is,
/// and whether it can show UTF-8 and colour. The one place these are probed.
public enum Terminal {
    /// Whether `descriptor` (0 standard input, 1 standard output, 2 standard error) is a terminal.
    public static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// The width in columns of the terminal on `descriptor`, or nil when it is not a terminal
    /// or does not say.
    public static func columns(_ descriptor: Int32 = 1) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Whether the locale asks for UTF-8 (`LC_ALL`, else `LC_CTYPE`, else `LANG`; no locale
    /// set counts as yes) and the terminal is not `TERM=dumb`.
    public static func supportsUTF8(_ environment: [String: String]) -> Bool {
        if environment["TERM"] == "dumb" { return false }
        let locale = environment["LC_ALL"] ?? environment["LC_CTYPE"] ?? environment["LANG"] ?? ""
        if locale.isEmpty { return true }
        return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }

    /// Colour only on a terminal that can show it: not `TERM=dumb`, not with `NO_COLOR` set
    /// to anything non-empty (no-color.org).
    public static func supportsColor(isTerminal: Bool, _ environment: [String: String]) -> Bool {
        isTerminal && environment["TERM"] != "dumb" && (environment["NO_COLOR"] ?? "").isEmpty
    }
}
