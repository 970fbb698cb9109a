import Foundation

/// A project as the panel knows it, for matching a new edition's rows to keys.
public struct KeyedProject: Sendable, Equatable {
    public var edition: Int
    public var key: String
    public var project: String
    /// Normalised (`PanoramaVocabulary.ministry`); nil when unknown.
    public var ministry: String?
    public var start: CivilDate?
    public var cost: Double?

    public init(edition: Int, key: String, project: String, ministry: String?, start: CivilDate?, cost: Double?) {
        self.edition = edition
        self.key = key
        self.project = project
        self.ministry = ministry
        self.start = start
        self.cost = cost
    }
}

/// How one row of a new edition was linked to a key, and why.
public struct KeyMatch: Sendable, Equatable {
    public enum Decision: String, Sendable {
        /// The same published name as a key's latest appearance.
        case exact
        /// The same name once case, accents and punctuation are folded.
        case normalisedName = "normalised-name"
        /// A name the key has had before (a reviewed rename of the key table, back again).
        case knownName = "known-name"
        /// The analyst's decision (`keys=`).
        case analyst
        /// Linked by similarity above `EditionKeyMatcher.matchScore`.
        case similar
        /// A new project: no candidate reaches `EditionKeyMatcher.reviewScore`.
        case new
        /// A new key, not a guess: the best candidate scores between the two thresholds.
        case review
    }
    public var project: String
    public var key: String
    public var decision: Decision
    /// The best similarity candidate (for `similar`, `review` and `new` when there is one).
    public var candidate: KeyedProject?
    /// Its score in [0, 1].
    public var score: Double?
    /// What the score is made of: `name 0.71, same ministry, same start 2015-06, cost 52.7 → 52.7`.
    public var evidence: String
}

/// Links the rows of a new edition table to the panel's project keys, in the order the bundled
/// key table was reviewed (datasets/README.md): exact name, the same name folded
/// (`PanoramaVocabulary.normalisedName`), any earlier name of a key (the reviewed renames), then
/// candidates scored by name similarity, ministry, start and cost. Nothing below `matchScore`
/// is guessed: the project gets a new key, and from `reviewScore` up it is flagged for review.
public struct EditionKeyMatcher: Sendable {
    /// A candidate at or above this score is linked without review.
    public static let matchScore = 0.85
    /// A best candidate at or above this score (and below `matchScore`) puts the project in review.
    public static let reviewScore = 0.5

    /// Every earlier appearance of every key, in edition order.
    public var history: [KeyedProject]

    public init(history: [KeyedProject]) { self.history = history.sorted { $0.edition < $1.edition } }

    /// Matches `rows` (ministry normalised) to keys. `decisions` maps a published name to the
    /// key the analyst chose (an existing key or a new one) and overrides everything else.
    /// No key is given to two rows.
    public func match(_ rows: [(row: EditionRow, ministry: String?)], decisions: [String: String] = [:]) -> [KeyMatch] {
        var latest: [String: KeyedProject] = [:]
        for h in history { latest[h.key] = h }
        var byName: [String: String] = [:], byFolded: [String: String] = [:], byAnyName: [String: String] = [:]
        for h in history {
            byAnyName[PanoramaVocabulary.normalisedName(h.project)] = h.key
        }
        for p in latest.values {
            byName[p.project] = p.key
            byFolded[PanoramaVocabulary.normalisedName(p.project)] = p.key
        }
        var result = [KeyMatch?](repeating: nil, count: rows.count)
        var taken = Set(decisions.values)
        // Passes in order of certainty, so that a weaker link never takes a key a stronger one needs.
        for (i, r) in rows.enumerated() {
            if let key = decisions[r.row.project] {
                result[i] = KeyMatch(project: r.row.project, key: key, decision: .analyst, evidence: "the analyst's decision")
            }
        }
        let lookups: [(KeyMatch.Decision, (String) -> String?)] = [
            (.exact, { byName[$0] }),
            (.normalisedName, { byFolded[PanoramaVocabulary.normalisedName($0)] }),
            (.knownName, { byAnyName[PanoramaVocabulary.normalisedName($0)] }),
        ]
        for (decision, lookup) in lookups {
            for (i, r) in rows.enumerated() where result[i] == nil {
                if let key = lookup(r.row.project), !taken.contains(key) {
                    taken.insert(key)
                    result[i] = KeyMatch(project: r.row.project, key: key, decision: decision,
                                         evidence: decision == .knownName ? "an earlier name of '\(key)'" : "")
                }
            }
        }
        // Similarity: best pairs first, each key once.
        var pairs: [(i: Int, candidate: KeyedProject, score: Double, evidence: String)] = []
        for (i, r) in rows.enumerated() where result[i] == nil {
            for c in latest.values where !taken.contains(c.key) {
                let (s, e) = Self.score(r.row, ministry: r.ministry, c)
                pairs.append((i, c, s, e))
            }
        }
        pairs.sort { ($0.score, $1.candidate.key) > ($1.score, $0.candidate.key) }
        var best: [Int: (KeyedProject, Double, String)] = [:]
        for p in pairs where best[p.i] == nil { best[p.i] = (p.candidate, p.score, p.evidence) }
        for p in pairs where result[p.i] == nil && p.score >= Self.matchScore && !taken.contains(p.candidate.key) {
            taken.insert(p.candidate.key)
            result[p.i] = KeyMatch(project: rows[p.i].row.project, key: p.candidate.key, decision: .similar,
                                   candidate: p.candidate, score: p.score, evidence: p.evidence)
        }
        var used = taken.union(history.map(\.key))
        for (i, r) in rows.enumerated() where result[i] == nil {
            let key = Self.newKey(r.row.project, avoiding: used)
            used.insert(key)
            let b = best[i]
            let review = (b?.1 ?? 0) >= Self.reviewScore
            result[i] = KeyMatch(project: r.row.project, key: key, decision: review ? .review : .new,
                                 candidate: b?.0, score: b?.1, evidence: b?.2 ?? "")
        }
        return result.map { $0! }
    }

    /// The key of a new project by the bundled build's rule: its name's words, accents and case
    /// folded, joined by `_` (`FRANCE SESAME` → `france_sesame`), with `_2`, `_3`… when taken.
    public static func newKey(_ name: String, avoiding used: Set<String>) -> String {
        var words: [String] = [], word = ""
        for u in PanoramaVocabulary.folded(name).decomposedStringWithCompatibilityMapping.unicodeScalars {
            let c = Character(u)
            if u.isASCII && (c.isLetter || c.isNumber) {
                word += c.lowercased()
            } else if u.isASCII || u.properties.generalCategory != .nonspacingMark {
                if !word.isEmpty { words.append(word) }
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let base = words.isEmpty ? "project" : words.joined(separator: "_")
        var key = base, n = 2
        while used.contains(key) {
            key = "\(base)_\(n)"
            n += 1
        }
        return key
    }

    /// The similarity of a new row to a key's latest appearance: 0.35 name (`nameSimilarity`),
    /// 0.2 ministry, 0.3 start month (same month 1, within a year 0.5, unknown 0.5) and 0.15
    /// cost (1 − relative difference / 0.5, floored at 0; unknown on either side 0.5).
    public static func score(_ row: EditionRow, ministry: String?, _ c: KeyedProject) -> (Double, String) {
        let name = nameSimilarity(row.project, c.project)
        var evidence = ["name \(format(name))"]
        let sameMinistry = ministry != nil && ministry == c.ministry
        evidence.append(sameMinistry ? "same ministry" : "ministry \(c.ministry ?? "na") → \(ministry ?? "na")")
        var start = 0.5
        if let a = row.start, let b = c.start {
            let months = abs(a.monthIndex - b.monthIndex)
            start = months == 0 ? 1 : months <= 12 ? 0.5 : 0
            evidence.append(months == 0 ? "same start \(a.text(.month))" : "start \(b.text(.month)) → \(a.text(.month))")
        } else {
            evidence.append("start \(c.start?.text(.month) ?? "na") → \(row.start?.text(.month) ?? "na")")
        }
        var cost = 0.5
        if let a = row.cost, let b = c.cost, max(a, b) > 0 {
            cost = max(0, 1 - abs(a - b) / max(a, b) / 0.5)
        }
        evidence.append("cost \(c.cost.map(format) ?? "na") → \(row.cost.map(format) ?? "na")")
        let s = 0.35 * name + 0.2 * (sameMinistry ? 1 : 0) + 0.3 * start + 0.15 * cost
        return (s, evidence.joined(separator: ", "))
    }

    /// Name similarity in [0, 1] on normalised names: the Dice coefficient of their letter
    /// pairs, raised to 0.8 when one name contains the other (a suffix or prefix dropped).
    public static func nameSimilarity(_ a: String, _ b: String) -> Double {
        let x = Array(PanoramaVocabulary.normalisedName(a)), y = Array(PanoramaVocabulary.normalisedName(b))
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        if x == y { return 1 }
        func pairs(_ s: [Character]) -> [String: Int] {
            var d: [String: Int] = [:]
            for i in 0..<max(0, s.count - 1) { d[String(s[i...(i + 1)]), default: 0] += 1 }
            return d
        }
        let px = pairs(x), py = pairs(y)
        let common = px.reduce(0) { $0 + min($1.value, py[$1.key] ?? 0) }
        let total = px.values.reduce(0, +) + py.values.reduce(0, +)
        var dice = total == 0 ? 0 : 2 * Double(common) / Double(total)
        let (short, long) = x.count <= y.count ? (String(x), String(y)) : (String(y), String(x))
        if short.count >= 3 && long.contains(short) { dice = max(dice, 0.8) }
        return dice
    }

    /// Two decimals at most, trailing zeros dropped: `27.1`, `64`, `10.01`.
    static func format(_ x: Double) -> String {
        var s = String(format: "%.2f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
