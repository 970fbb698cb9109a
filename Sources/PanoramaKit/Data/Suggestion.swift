/// The closest candidate by edit distance (case-insensitive), if close enough to be a plausible
/// typo: at most a third of the name's length plus one edits and, unless `replacingAll`, fewer
/// than its length (the file readers' column hints also offer 'a' for a one-letter 'c').
///
/// The same input always gives the same answer: ties go to the earlier tier of `tiers` (the
/// caller lists the nearer scope first: columns, then variables, then builtins), then to the
/// alphabetically first name — never to the candidates' (hash) order.
///
/// `suggestion(for: "cots", among: ["cost", "phase"]) // "cost"`
/// `suggestion(for: "cots", amongTiers: [[], ["ols", "cor", "coef"]]) // "coef"`
public func suggestion(for name: String, amongTiers tiers: [[String]], replacingAll: Bool = false) -> String? {
    var best: (name: String, distance: Int, tier: Int)?
    let limit = max(1, name.count / 3 + 1)
    let key = name.lowercased()
    for (tier, candidates) in tiers.enumerated() {
        for c in candidates {
            let d = editDistance(key, c.lowercased())
            guard d <= limit, replacingAll || d < name.count else { continue }
            if let b = best, (b.distance, b.tier, b.name) <= (d, tier, c) { continue }
            best = (c, d, tier)
        }
    }
    return best?.name
}

/// The closest candidate of one scope; see `suggestion(for:amongTiers:replacingAll:)`.
public func suggestion(for name: String, among candidates: some Sequence<String>, replacingAll: Bool = false) -> String? {
    suggestion(for: name, amongTiers: [Array(candidates)], replacingAll: replacingAll)
}

/// Levenshtein distance between two strings (by Characters).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
