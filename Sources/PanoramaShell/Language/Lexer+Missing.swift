/// Operators other languages have and panorama does not: each is refused in words, with the
/// spelling to use instead, rather than as an unexpected character or a silent misreading
/// (`x<-1` would otherwise compare x with -1).
extension Lexer {
    func missingOperator(at b: UInt8) -> String? {
        let following = index + 1 < bytes.count ? bytes[index + 1] : 0
        let afterThat = index + 2 < bytes.count ? bytes[index + 2] : 0
        let equals = UInt8(ascii: "=")
        switch (Character(Unicode.Scalar(b)), Character(Unicode.Scalar(following))) {
        case ("+", "="), ("-", "="), ("*", "="), ("/", "="), ("^", "="), ("%", "="):
            guard afterThat != equals else { return nil }
            let op = String(Character(Unicode.Scalar(b)))
            let target = wordBefore() ?? "x"
            let value = restOfLine(from: index + 2) ?? "y"
            return "there is no '\(op)='; write \(target) = \(target) \(op) \(value)"
        case ("+", "+"):
            let target = wordBefore() ?? "x"
            return "there is no '++'; write \(target) = \(target) + 1"
        case ("<", "<") where afterThat == UInt8(ascii: "-"):
            return "there is no '<<-': a function cannot assign its caller's variables; return the value and assign the result (x = f(x))"
        case ("<", "-"):
            return "there is no '<-'; assign with '=' (write 'a < -1' with spaces to compare with a negative number)"
        case ("-", "-") where [0, UInt8(ascii: "\n"), UInt8(ascii: ";"), UInt8(ascii: ")")].contains(nextNonBlank(from: index + 2)):
            let target = wordBefore() ?? "x"
            return "there is no '--'; write \(target) = \(target) - 1"
        case ("*", "*"): return "there is no '**'; write a ^ b for a power"
        case ("=", ">"), ("-", ">"):
            return "there is no '\(Character(Unicode.Scalar(b)))>'; write function(x) body for a function (and name = value to assign)"
        case ("%", _): return rOperator()
        case ("?", _): return "there is no 'condition ? a : b'; write if (condition) a else b"
        case ("&", _): return "there is no '&' or '&&'; write 'and'"
        case ("|", let c) where c != ">": return "there is no '|' or '||'; write 'or'"
        case ("!", let c) where c != "=": return "there is no '!'; write 'not'"
        default: return nil
        }
    }

    /// R's `%…%` operators at `index` (`%in%`, `%>%`, `%%`, `%/%`), each with its spelling here;
    /// nil for a lone `%`, the remainder.
    func rOperator() -> String? {
        var end = index + 1
        // Letters or the symbols R uses between the two '%' (digits would be `x %3% 2`, two remainders).
        while end < bytes.count, end - index <= 4, isLetter(bytes[end]) || "/>*|<o".utf8.contains(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "%") else { return nil }
        let op = String(decoding: bytes[index...end], as: UTF8.self)
        switch op {
        case "%%": return "there is no '%%'; '%' is the remainder (with the divisor's sign, as R's %%)"
        case "%in%": return "there is no '%in%'; write x in [a, b]"
        case "%>%", "%|>%": return "there is no '%>%'; the pipe is |>"
        case "%/%": return "there is no '%/%'; write floor(a / b)"
        default: return "there is no R operator '\(op)'"
        }
    }

    /// The first byte at or after `start` that is not a space or tab (0 at the end): a look
    /// that stops there, so `------…1` stays linear.
    func nextNonBlank(from start: Int) -> UInt8 {
        var i = start
        while i < bytes.count && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")) { i += 1 }
        return i < bytes.count ? bytes[i] : 0
    }

    /// The name just before `index` (skipping blanks), for the suggested rewrite.
    func wordBefore() -> String? {
        var end = index
        while end > 0 && (bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t")) { end -= 1 }
        var start = end
        while start > 0 && (isLetter(bytes[start - 1]) || isDigit(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ".")) {
            start -= 1
        }
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : nil
    }

    func restOfLine(from start: Int) -> String? {
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") && bytes[end] != UInt8(ascii: ";") { end += 1 }
        let text = String(decoding: bytes[min(start, end)..<end], as: UTF8.self).trimmingTrailingSpaces()
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}
