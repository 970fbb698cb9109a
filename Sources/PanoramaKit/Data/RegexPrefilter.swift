import Foundation

/// Literal text that every match of a regular expression must contain, so that a text without
/// it is rejected by a byte scan before the regex engine runs (the literal-extraction prefilter
/// of RE2 and ripgrep, kept conservative).
///
/// The pattern is read as a conjunction of requirements, each a set of alternatives: every
/// match contains, for each set, at least one of its strings. `(?:Portail|[Pp]aie) \w+ n°\d*7`
/// requires `{Portail, aie}`, `{ }`, `{ n°}` and `{7}`. Only runs of literal characters that no
/// quantifier can skip count; a group with `?`, `*` or `{0,…}` counts for nothing, an
/// alternation requires the union of one set per branch (none when a branch requires nothing).
/// Any syntax not understood here — inline flags such as `(?i)`, `\Q…\E`, back-references,
/// `\x`, `\u`, `\p` — gives no prefilter at all, so the regex alone decides.
public struct RegexPrefilter: Sendable {
    /// The requirements, each a set of alternative literals as UTF-8 bytes.
    public let required: [[[UInt8]]]

    /// The prefilter of an ICU/Perl-syntax pattern matched case-sensitively; nil when nothing
    /// is required or the pattern uses syntax this reader does not handle.
    public init?(_ pattern: String) {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let factors = try? parser.alternation(), parser.atEnd else { return nil }
        let sets = factors.filter { !$0.isEmpty && !$0.contains("") }
        guard !sets.isEmpty else { return nil }
        required = sets.map { $0.map { Array($0.utf8) } }
    }

    /// False when `s` lacks one of the required literals (then no match is possible); true
    /// when the regex must decide.
    public func mayMatch(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { text in
            required.allSatisfy { alternatives in alternatives.contains { RegexPrefilter.find($0, in: text) } }
        }
    }

    /// Whether `needle` occurs in `text` (memchr for its first byte, then a compare).
    static func find(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress, needle.count <= text.count else { return needle.isEmpty }
        return needle.withUnsafeBufferPointer { n in
            let first = Int32(n[0]), last = text.count - n.count
            var at = 0
            while at <= last {
                guard let hit = memchr(base + at, first, last - at + 1) else { return false }
                let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + offset, n.baseAddress!, n.count) == 0 { return true }
                at = offset + 1
            }
            return false
        }
    }

    struct Unsupported: Error {}

    /// A recursive reader of the pattern's structure: groups, alternation, quantifiers, literals.
    struct Parser {
        let p: [Unicode.Scalar]
        var i = 0

        init(_ p: [Unicode.Scalar]) { self.p = p }

        var atEnd: Bool { i == p.count }

        /// Branches separated by `|`, up to `)` or the end.
        mutating func alternation() throws -> [[String]] {
            var branches = [try sequence()]
            while i < p.count, p[i] == "|" {
                i += 1
                branches.append(try sequence())
            }
            guard branches.count > 1 else { return branches[0] }
            var union: [String] = []
            for branch in branches {
                // The branch's most demanding set: the one whose shortest literal is longest.
                guard let best = branch.max(by: { score($0) < score($1) }) else { return [] }
                union += best
            }
            return [union]
        }

        private func score(_ set: [String]) -> Int { set.map(\.utf8.count).min() ?? 0 }

        /// Atoms in a row, each maybe quantified; returns the requirements they impose.
        mutating func sequence() throws -> [[String]] {
            var factors: [[String]] = []
            var run = ""
            func endRun() {
                if !run.isEmpty { factors.append([run]) }
                run = ""
            }
            while i < p.count, p[i] != "|", p[i] != ")" {
                let (literal, group) = try atom()
                guard let minimum = try quantifier() else {
                    if let literal { run.unicodeScalars.append(literal) } else { endRun() }
                    if let group { factors += group }
                    continue
                }
                if let literal, minimum > 0 { run.unicodeScalars.append(literal) }
                endRun()
                if let group, minimum > 0 { factors += group }
            }
            endRun()
            return factors
        }

        /// One atom: a literal character, a group's requirements, or neither (a class, `.`, an
        /// anchor, `\d`…).
        private mutating func atom() throws -> (Unicode.Scalar?, [[String]]?) {
            let c = p[i]
            i += 1
            switch c {
            case "(":
                var lookaround = false
                if i < p.count, p[i] == "?" {
                    guard i + 1 < p.count else { throw Unsupported() }
                    switch p[i + 1] {
                    case ":": i += 2
                    case "=", "!": i += 2; lookaround = true
                    case "<" where i + 2 < p.count && (p[i + 2] == "=" || p[i + 2] == "!"): i += 3; lookaround = true
                    case "<":
                        guard let close = p[(i + 2)...].firstIndex(of: ">") else { throw Unsupported() }
                        i = close + 1
                    default: throw Unsupported()   // inline flags (?i) (?x) …, comments, atomic groups
                    }
                }
                let inner = try alternation()
                guard i < p.count, p[i] == ")" else { throw Unsupported() }
                i += 1
                return (nil, lookaround ? [] : inner)
            case "[":
                try skipClass()
                return (nil, nil)
            case "\\":
                guard i < p.count else { throw Unsupported() }
                let d = p[i]
                i += 1
                if d.properties.isAlphabetic || ("0"..."9").contains(d) {
                    guard "dDwWsShHvVbBAzZGtnrfea".unicodeScalars.contains(d) else { throw Unsupported() }
                    return (nil, nil)
                }
                return (d, nil)
            case "*", "+", "?", "{", ")":
                throw Unsupported()
            case ".", "^", "$":
                return (nil, nil)
            default:
                return (c, nil)
            }
        }

        /// A character class `[…]`, nested classes included; its opening bracket already read.
        private mutating func skipClass() throws {
            var depth = 1
            if i < p.count, p[i] == "^" { i += 1 }
            if i < p.count, p[i] == "]" { i += 1 }
            while i < p.count {
                switch p[i] {
                case "\\": i += 2
                case "[": depth += 1; i += 1
                case "]":
                    depth -= 1
                    i += 1
                    if depth == 0 { return }
                default: i += 1
                }
            }
            throw Unsupported()
        }

        /// The minimum count of a quantifier after an atom (`*` `?` 0, `+` 1, `{n…}` n), nil when
        /// there is none; a lazy `?` or possessive `+` after it is skipped.
        private mutating func quantifier() throws -> Int? {
            guard i < p.count else { return nil }
            let minimum: Int
            switch p[i] {
            case "*", "?": minimum = 0; i += 1
            case "+": minimum = 1; i += 1
            case "{":
                var j = i + 1, digits = ""
                while j < p.count, ("0"..."9").contains(p[j]) { digits.unicodeScalars.append(p[j]); j += 1 }
                guard let n = Int(digits), let close = p[j...].firstIndex(of: "}") else { throw Unsupported() }
                minimum = n
                i = close + 1
            default: return nil
            }
            if i < p.count, p[i] == "?" || p[i] == "+" { i += 1 }
            return minimum
        }
    }
}
