import Foundation

/// Text operations behind the language's text functions (`contains`, `replace`, `substr`, …).
///
/// They work on characters (grapheme clusters), never bytes: `substr("Éducation", 1, 2)` is
/// `"Éd"`. Column-wide work goes through `Categorical.mapLevels`/`testLevels`, so a function is
/// evaluated once per distinct text, not once per row.
public enum Text {
    /// A search pattern: fixed text, or a regular expression compiled once for a whole column.
    public enum Pattern {
        case literal(String)
        case regex(Regex<AnyRegexOutput>)
        /// A regex for `ends_with`: the pattern anchored at the end of the text.
        case suffixRegex(Regex<AnyRegexOutput>)

        /// Compiles `pattern` as a regular expression when `regex` is true.
        /// Throws a `KernelError` quoting the pattern when it does not compile.
        public init(_ pattern: String, regex: Bool) throws {
            guard regex else { self = .literal(pattern); return }
            do {
                self = .regex(try Regex(pattern))
            } catch {
                throw KernelError("'\(pattern)' is not a valid regular expression (\(error))")
            }
        }

        /// Compiles `pattern` as a regular expression that must match at the end of the text.
        public init(suffix pattern: String, regex: Bool) throws {
            guard regex else { self = .literal(pattern); return }
            _ = try Pattern(pattern, regex: true)
            do {
                self = .suffixRegex(try Regex("(?:\(pattern))\\z"))
            } catch {
                throw KernelError("'\(pattern)' is not a valid regular expression (\(error))")
            }
        }
    }

    /// Whether `s` contains the pattern anywhere. An empty literal is contained everywhere.
    public static func contains(_ s: String, _ p: Pattern) -> Bool {
        switch p {
        case .literal(let t): return t.isEmpty || s.contains(t)
        case .regex(let r), .suffixRegex(let r): return (try? r.firstMatch(in: s)) != nil
        }
    }

    /// Whether `s` starts with the pattern (a regex must match at the first character).
    public static func startsWith(_ s: String, _ p: Pattern) -> Bool {
        switch p {
        case .literal(let t): return s.hasPrefix(t)
        case .regex(let r), .suffixRegex(let r): return (try? r.prefixMatch(in: s)) != nil
        }
    }

    /// Whether `s` ends with the pattern. Give a regex as `Pattern(suffix:regex:)`, which anchors
    /// it at the end when compiled; an unanchored regex is tested on its non-overlapping matches.
    public static func endsWith(_ s: String, _ p: Pattern) -> Bool {
        switch p {
        case .literal(let t): return s.hasSuffix(t)
        case .suffixRegex(let r): return (try? r.firstMatch(in: s)) != nil
        case .regex(let r): return s.matches(of: r).contains { $0.range.upperBound == s.endIndex }
        }
    }

    /// A test for "contains a match of this regex" built once for a whole column. It runs on
    /// ICU's `NSRegularExpression`, several times faster than Swift `Regex` on Linux (bench/README:
    /// text-contains-regex-1M), and falls back to Swift `Regex` when ICU does not accept the
    /// pattern; the two agree on the syntax common to both (classes, groups, alternation,
    /// quantifiers, `\\d \\w \\s \\b`, `(?i)`). A text lacking a literal that every match must
    /// contain (`RegexPrefilter`) is rejected by a byte scan without running the regex.
    public static func regexContains(_ pattern: String) throws -> @Sendable (String) -> Bool {
        if let icu = try? NSRegularExpression(pattern: pattern) {
            let box = UncheckedSendable(icu)
            if let filter = RegexPrefilter(pattern) {
                return { s in filter.mayMatch(s) && box.value.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }
            }
            return { s in box.value.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }
        }
        let swift = UncheckedSendable(try Pattern(pattern, regex: true))
        return { s in contains(s, swift.value) }
    }

    /// Every match (or the first when `first`) replaced by `with`, as Python's `str.replace` and
    /// `re.sub`. In a regex replacement `\1`…`\9` insert capture groups.
    public static func replace(_ s: String, _ p: Pattern, with replacement: String, first: Bool) -> String {
        switch p {
        case .literal(let t):
            // An empty pattern matches before every character and at the end, as in Python.
            if t.isEmpty { return first ? replacement + s : replacement + s.map { String($0) + replacement }.joined() }
            guard let r = s.range(of: t) else { return s }
            return first ? s.replacingCharacters(in: r, with: replacement) : s.replacingOccurrences(of: t, with: replacement)
        case .regex(let r), .suffixRegex(let r):
            let matches = first ? Array((try? r.firstMatch(in: s)).flatMap { $0 }.map { [$0] } ?? [])
                                : s.matches(of: r)
            guard !matches.isEmpty else { return s }
            var out = ""
            var cursor = s.startIndex
            for m in matches {
                out += s[cursor..<m.range.lowerBound]
                out += expand(replacement, m)
                cursor = m.range.upperBound
            }
            out += s[cursor...]
            return out
        }
    }

    /// The replacement text with `\1`…`\9` replaced by the groups of `m` (an absent group is "").
    static func expand(_ replacement: String, _ m: Regex<AnyRegexOutput>.Match) -> String {
        guard replacement.contains("\\") else { return replacement }
        var out = ""
        var chars = replacement.makeIterator()
        while let c = chars.next() {
            guard c == "\\", let d = chars.next() else { out.append(c); continue }
            if let k = d.wholeNumberValue, k < m.output.count {
                out += m.output[k].substring.map(String.init) ?? ""
            } else {
                out.append(d)
            }
        }
        return out
    }

    /// The first match's first capture group, or the whole first match when the pattern has no
    /// group; nil when nothing matches (R's `str_extract`/`str_match`, pandas `str.extract`).
    public static func extract(_ s: String, _ r: Regex<AnyRegexOutput>) -> String? {
        guard let m = try? r.firstMatch(in: s) else { return nil }
        if m.output.count > 1 { return m.output[1].substring.map(String.init) }
        return String(s[m.range])
    }

    /// Characters `start` to `stop`, 1-based and inclusive, as R's `substr`: positions are
    /// clamped to the text, and an empty range gives "".
    public static func substr(_ s: String, _ start: Int, _ stop: Int) -> String {
        let n = s.count
        let a = max(start, 1), b = min(stop, n)
        guard a <= b else { return "" }
        let lo = s.index(s.startIndex, offsetBy: a - 1)
        let hi = s.index(lo, offsetBy: b - a + 1)
        return String(s[lo..<hi])
    }

    /// Leading and trailing white space (including non-breaking spaces) removed.
    public static func trim(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text split at every occurrence of `sep` (every character when `sep` is empty), as
    /// Python's `str.split(sep)`: `split("a,,b", ",")` is `["a", "", "b"]`.
    public static func split(_ s: String, _ p: Pattern) -> [String] {
        switch p {
        case .literal(let t):
            if t.isEmpty { return s.map(String.init) }
            return s.components(separatedBy: t)
        case .regex(let r), .suffixRegex(let r):
            return s.split(separator: r, omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Case and accent folding for matching: lower case, accents removed, ligatures and the
    /// typographic apostrophe replaced: `œ` → `oe`, `æ` → `ae`, `ß` → `ss`, `’` → `'`,
    /// `Éducation` → `education`.
    public static func fold(_ s: String) -> String {
        var t = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        for (from, to) in foldReplacements where t.contains(from) {
            t = t.replacingOccurrences(of: from, with: to)
        }
        return t
    }

    static let foldReplacements: [(String, String)] = [
        ("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("’", "'"), ("‘", "'"), ("ʼ", "'"),
        ("\u{00A0}", " "), ("\u{202F}", " "),
    ]
}

/// A value used read-only from several threads (a compiled regular expression).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension Categorical {
    /// `testLevels` on both cores when there are many levels (`f` must be safe to call concurrently).
    public func testLevelsConcurrently(_ f: @escaping @Sendable (String) -> Bool) -> [Int8] {
        let n = levels.count
        guard n >= 20_000 else { return testLevels(f) }
        let chunks = min(8, max(2, ProcessInfo.processInfo.activeProcessorCount * 2))
        var byLevel = [Int8](repeating: 0, count: n)
        let levels = self.levels
        byLevel.withUnsafeMutableBufferPointer { out in
            let buffer = UncheckedSendable(out)
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                for i in stride(from: k * n / chunks, to: (k + 1) * n / chunks, by: 1) {
                    buffer.value[i] = f(levels[i]) ? 1 : 0
                }
            }
        }
        return codes.map { $0 < 0 ? -1 : byLevel[Int($0)] }
    }

    /// A text column with `f` applied to each level once (nil makes `na`); equal results share a level.
    public func mapLevels(_ f: (String) throws -> String?) rethrows -> Categorical {
        var index: [String: Int32] = [:]
        var newLevels: [String] = []
        var recode = [Int32](repeating: -1, count: levels.count)
        for (i, level) in levels.enumerated() {
            guard let v = try f(level) else { continue }
            if let c = index[v] { recode[i] = c } else {
                let c = Int32(newLevels.count)
                index[v] = c
                newLevels.append(v)
                recode[i] = c
            }
        }
        return Categorical(codes: codes.map { $0 < 0 ? -1 : recode[Int($0)] }, levels: newLevels)
    }

    /// `f` of each row as a bool column (0/1, -1 for `na`), evaluated once per level.
    public func testLevels(_ f: (String) throws -> Bool) rethrows -> [Int8] {
        let byLevel = try levels.map { try f($0) ? Int8(1) : Int8(0) }
        return codes.map { $0 < 0 ? -1 : byLevel[Int($0)] }
    }

    /// `f` of each row as numbers (NaN for `na`), evaluated once per level.
    public func measureLevels(_ f: (String) -> Double) -> [Double] {
        let byLevel = levels.map(f)
        return codes.map { $0 < 0 ? .nan : byLevel[Int($0)] }
    }
}
