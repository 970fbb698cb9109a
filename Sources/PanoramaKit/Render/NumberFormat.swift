import Foundation

/// How numbers print for people: grouped thousands, a fixed number of significant digits.
///
/// Display precision is what notebooks pin (DESIGN §9): seven significant digits by default,
/// integers in full with thin grouping, `na` for NaN, `∞`/`-∞` (or `Inf` in ASCII).
public struct NumberFormat: Sendable {
    public var significantDigits: Int
    /// The thousands separator; `,` by default (`1,234,567`).
    public var groupSeparator: String
    public var ascii: Bool
    /// The decimal mark; `.` by default (`,` for a French report: `2 292,9`).
    public var decimalSeparator: String

    public init(significantDigits: Int = 7, groupSeparator: String = ",", ascii: Bool = false,
                decimalSeparator: String = ".") {
        self.significantDigits = significantDigits
        self.groupSeparator = groupSeparator
        self.ascii = ascii
        self.decimalSeparator = decimalSeparator
    }

    /// `NumberFormat().string(1234567.891) // "1,234,568"`, `string(0.000123456) // "0.000123456"`
    public func string(_ x: Double) -> String {
        if x.isNaN { return "na" }
        if x.isInfinite { return x > 0 ? (ascii ? "Inf" : "∞") : (ascii ? "-Inf" : "-∞") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if x == x.rounded(), magnitude < 1e15 {
            return group(String(Int64(x)))
        }
        let exponent = Int(saturating: floor(log10(magnitude)))
        if exponent >= 15 || exponent < -4 {
            return String(format: "%.\(max(significantDigits - 1, 0))g", x)
                .replacingOccurrences(of: "e+", with: "e")
        }
        let decimals = max(0, significantDigits - 1 - exponent)
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return group(s)
    }

    /// Fixed decimals, grouped: `fixed(1234.5, decimals: 2) // "1,234.50"`.
    public func fixed(_ x: Double, decimals: Int) -> String {
        if !x.isFinite { return string(x) }
        return group(String(format: "%.\(decimals)f", x))
    }

    func group(_ s: String) -> String {
        guard decimalSeparator == "." else {
            // Group with a stand-in mark first, so a `.` thousands mark is not taken for the decimal.
            let marked = NumberFormat(groupSeparator: groupSeparator.isEmpty ? "" : "\u{0}").group(s)
            return marked.replacingOccurrences(of: ".", with: decimalSeparator)
                .replacingOccurrences(of: "\u{0}", with: groupSeparator)
        }
        guard !groupSeparator.isEmpty else { return s }
        var sign = ""
        var body = Substring(s)
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intPart = Array(parts[0])
        guard intPart.count > 4 || (intPart.count == 4) else { return s }
        var out = ""
        for (i, ch) in intPart.enumerated() {
            if i > 0 && (intPart.count - i) % 3 == 0 { out += groupSeparator }
            out.append(ch)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return sign + out
    }
}
