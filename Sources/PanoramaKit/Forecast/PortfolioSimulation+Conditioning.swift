import Foundation
import LinearAlgebra

/// The published key figures (total, number of projects) of the editions after the latest
/// per-project table, which the bottom-up view rolls through before its target (issue 19.2).
///
/// The measurement model: log(published) = log(table sum) + bias + N(0, scale²), the bias and
/// scale being the mean and standard deviation of log(published / table sum) over the editions
/// that have both (`Gap.estimate`); the same for the project count against the number of
/// costed projects.
public struct PublishedFigures: Sendable {
    public struct Gap: Sendable {
        /// Mean and standard deviation of log(published / table figure).
        public var bias: Double
        public var scale: Double
        /// Editions the two were estimated on.
        public var editions: Int

        /// The scale never goes below this (published totals are rounded, to 10 M€ for the
        /// bundled series: about 0.4 %).
        public static let smallestScale = 0.005

        /// The gap from editions with both figures (NaN or non-positive pairs are left out);
        /// nil with fewer than three.
        public static func estimate(published: [Double], table: [Double]) -> Gap? {
            let ratios = zip(published, table).filter { $0 > 0 && $1 > 0 && $0.isFinite && $1.isFinite }.map { log($0 / $1) }
            guard ratios.count >= 3 else { return nil }
            return Gap(bias: Descriptive.mean(ratios), scale: max(Descriptive.sampleVariance(ratios).squareRoot(), smallestScale),
                       editions: ratios.count)
        }
    }

    /// The editions rolled through, ascending and consecutive, each with its published total
    /// and project count (NaN when not published).
    public var editions: [Int]
    public var totals: [Double]
    public var counts: [Double]
    /// The measurement models; nil leaves that figure out of the weights.
    public var totalGap: Gap?
    public var countGap: Gap?
    /// false rolls through the editions without weighting (the unconditioned roll-forward).
    public var conditioned = true

    public init(editions: [Int], totals: [Double], counts: [Double], totalGap: Gap?, countGap: Gap?, conditioned: Bool = true) {
        self.editions = editions
        self.totals = totals
        self.counts = counts
        self.totalGap = totalGap
        self.countGap = countGap
        self.conditioned = conditioned
    }

    /// Whether step `s` weighs the portfolios (conditioned, with a figure and its gap).
    func weighs(_ s: Int) -> Bool {
        conditioned && ((totalGap != nil && totals[s] > 0) || (countGap != nil && counts[s] > 0))
    }

    /// The log-likelihood of a simulated portfolio (its table sum and number of projects) given
    /// step `s`'s published figures, up to a constant.
    func logLikelihood(total: Double, count: Int, at s: Int) -> Double {
        var ll = 0.0
        if let g = totalGap, totals[s] > 0 {
            let z = (log(totals[s]) - log(total) - g.bias) / g.scale
            ll -= z * z / 2
        }
        if let g = countGap, counts[s] > 0 {
            let z = (log(counts[s]) - log(Double(count)) - g.bias) / g.scale
            ll -= z * z / 2
        }
        return ll.isNaN ? -.infinity : ll
    }
}

/// One edition rolled through: its published figures, the importance weights' effective
/// sample size, and each portfolio's table sum after the step (after resampling when weighed).
public struct ConditionedStep: Sendable {
    public var edition: Int
    public var publishedTotal: Double
    public var publishedCount: Double
    /// Kish's (Σw)² / Σw² of the importance weights; NaN when the step was not weighed.
    public var effectiveSampleSize: Double
    public var totals: [Double]

    public var mean: Double { Descriptive.mean(totals) }
    public var weighed: Bool { !effectiveSampleSize.isNaN }
}

extension RollForward {
    /// Sequential importance resampling through `published`'s editions: every portfolio (one
    /// per trial, all starting from the table, trial i on `rolls[i mod count]`, the parameter
    /// draw it keeps through the resampling, so the published figures weigh the draws too) moves one edition on the shared engine (step s
    /// on the streams of a seed derived from `seed` and s, so the draws do not depend on the
    /// threads), is weighted by how well it reproduces that edition's published figures, and
    /// the portfolios are resampled systematically by those weights, gathered in trial order,
    /// with a stream of their own.
    ///
    /// - Throws: `ForecastError` when every weight underflows (no portfolio is compatible with
    ///   an edition's figures); `Cancelled`.
    static func rollThrough(_ rolls: [RollForward], _ published: PublishedFigures, trials: Int, seed: UInt64, threads: Int,
                            cancelled: @Sendable () -> Bool) throws -> ([[Holding]], [Int], [ConditionedStep]) {
        var draw = (0..<trials).map { $0 % rolls.count }
        var portfolios = draw.map { rolls[$0].start }
        var steps: [ConditionedStep] = []
        for s in published.editions.indices {
            var mixer = SplitMix64(seed: seed ^ (0xA076_1D64_78BD_642F &* UInt64(s + 1)))
            let stepSeed = mixer.next(), resampleSeed = mixer.next()
            var totals = [Double](repeating: 0, count: trials), logWeights = totals
            let drawn = draw
            try portfolios.withUnsafeMutableBufferPointer { p in
                try totals.withUnsafeMutableBufferPointer { t in
                    try logWeights.withUnsafeMutableBufferPointer { l in
                        let held = SharedPointer(p.baseAddress!), sums = SharedPointer(t.baseAddress!)
                        let weights = SharedPointer(l.baseAddress!)
                        try ParallelChunks.runTrials(trials, seed: stepSeed, threads: threads, isCancelled: cancelled,
                                                     makeWorkspace: {}) { _, range, rng, _ in
                            for i in range {
                                var portfolio = held[i]
                                held[i] = []  // so the portfolio is moved in place, not copied
                                sums[i] = rolls[drawn[i]].advance(&portfolio, using: &rng).total
                                weights[i] = published.logLikelihood(total: sums[i], count: portfolio.count, at: s)
                                held[i] = portfolio
                            }
                        }
                    }
                }
            }
            guard published.weighs(s) else {
                steps.append(ConditionedStep(edition: published.editions[s], publishedTotal: published.totals[s],
                                             publishedCount: published.counts[s], effectiveSampleSize: .nan, totals: totals))
                continue
            }
            let (ancestors, ess) = try Self.resample(logWeights, seed: resampleSeed) {
                let best = totals.indices.max { logWeights[$0] < logWeights[$1] } ?? 0
                return Self.incompatible(published, at: s, trials: trials, nearest: totals[best], count: portfolios[best].count)
            }
            portfolios = ancestors.map { portfolios[$0] }
            draw = ancestors.map { draw[$0] }
            steps.append(ConditionedStep(edition: published.editions[s], publishedTotal: published.totals[s],
                                         publishedCount: published.counts[s], effectiveSampleSize: ess,
                                         totals: ancestors.map { totals[$0] }))
        }
        return (portfolios, draw, steps)
    }

    /// Systematic resampling by the weights exp(logWeights): the ancestor of each new trial,
    /// and Kish's effective sample size.
    ///
    /// - Throws: `failure()` when every weight underflows to 0.
    static func resample(_ logWeights: [Double], seed: UInt64,
                         failure: () -> ForecastError) throws -> (ancestors: [Int], ess: Double) {
        let largest = logWeights.max() ?? -.infinity
        guard largest >= log(Double.leastNonzeroMagnitude) else { throw failure() }
        let w = logWeights.map { exp($0 - largest) }
        let sum = w.reduce(0, +), squares = w.reduce(0) { $0 + $1 * $1 }
        let n = w.count
        var rng = Xoshiro256StarStar(seed: seed)
        let offset = rng.nextDouble()
        var ancestors: [Int] = []
        ancestors.reserveCapacity(n)
        var cumulative = w[0] / sum, j = 0
        for i in 0..<n {
            let u = (Double(i) + offset) / Double(n)
            while u > cumulative && j < n - 1 { j += 1; cumulative += w[j] / sum }
            ancestors.append(j)
        }
        return (ancestors, sum * sum / squares)
    }

    static func incompatible(_ published: PublishedFigures, at s: Int, trials: Int, nearest: Double, count: Int) -> ForecastError {
        let f = NumberFormat(significantDigits: 4)
        var figures: [String] = []
        if published.totalGap != nil, published.totals[s] > 0 { figures.append("total \(f.string(published.totals[s]))") }
        if published.countGap != nil, published.counts[s] > 0 { figures.append("\(f.string(published.counts[s])) projects") }
        return ForecastError("none of the \(f.string(Double(trials))) simulated portfolios is compatible with edition \(published.editions[s])'s published "
                             + figures.joined(separator: " and ") + " (the nearest: total \(f.string(nearest)), \(count) projects): every importance weight underflows")
    }
}

extension PublishedFigures {
    /// The figures of the editions after `panel`'s latest table up to the series' last edition
    /// (`counts` by edition), with the gaps estimated on the editions that have both; nil when
    /// the series is not by edition number or does not go past the table.
    public static func after(_ panel: PortfolioPanel, series: ForecastSeries, counts: [Int: Double]) -> PublishedFigures? {
        guard let totals = byEdition(series), let last = totals.keys.max(), last > panel.latest else { return nil }
        return between(panel, table: panel.latest, through: last, totals: totals, counts: counts)
    }

    /// A series by edition number as its values by edition; nil for a series by date or position.
    public static func byEdition(_ series: ForecastSeries) -> [Int: Double]? {
        guard case .editionNumbers = series.kind else { return nil }
        var totals: [Int: Double] = [:]
        for (t, v) in zip(series.times, series.values) where t == t.rounded() && abs(t) < 1e9 { totals[Int(t)] = v }
        return totals
    }

    /// The figures of editions `table` + 1 … `through` from `totals` and `counts` (by edition),
    /// the gaps estimated on the editions up to `table` that have a table and a figure.
    static func between(_ panel: PortfolioPanel, table: Int, through last: Int, totals: [Int: Double],
                        counts: [Int: Double]) -> PublishedFigures {
        let editions = Array(table + 1...last), tabled = panel.editions.filter { $0 <= table }
        let totalGap = Self.totalGap(panel, upTo: table, totals: totals)
        let countGap = Gap.estimate(published: tabled.map { counts[$0] ?? .nan },
                                    table: tabled.map { Double((panel.tables[$0] ?? []).filter(\.counts).count) })
        return PublishedFigures(editions: editions, totals: editions.map { totals[$0] ?? .nan },
                                counts: editions.map { counts[$0] ?? .nan }, totalGap: totalGap, countGap: countGap)
    }

    /// The gap between published totals and table sums measured on the editions up to `table`
    /// that have both (`Gap.estimate`); nil with fewer than three.
    static func totalGap(_ panel: PortfolioPanel, upTo table: Int, totals: [Int: Double]) -> Gap? {
        let tabled = panel.editions.filter { $0 <= table }
        return Gap.estimate(published: tabled.map { totals[$0] ?? .nan }, table: tabled.map { panel.total($0) })
    }

    /// What the outlook says about the roll-forward from the table of edition `table`.
    func notes(_ steps: [ConditionedStep], table: Int) -> [String] {
        guard let first = editions.first, let last = editions.last else { return [] }
        let span = first == last ? "edition \(first)" : "editions \(first)–\(last)"
        let f = NumberFormat(significantDigits: 3)
        func percent(_ x: Double) -> String { f.string(100 * x) + " %" }
        func gap(_ g: Gap?, _ what: String) -> String? {
            g.map { "\(what) \(percent(exp($0.bias) - 1)) above the table's (log-ratio sd \(percent($0.scale)), \(Prose.counted($0.editions, "edition")) with both)" }
        }
        let weighed = steps.filter(\.weighed)
        guard conditioned, totalGap != nil || countGap != nil else {
            return ["the per-project tables stop at edition \(table): the bottom-up view was rolled forward through \(span) without conditioning"
                    + (totalGap == nil && countGap == nil ? " (fewer than 3 editions have both a table and a published figure to measure their gap)" : "")]
        }
        let on = [totalGap != nil ? "totals" : nil, countGap != nil ? "project counts" : nil].compactMap { $0 }.joined(separator: " and ")
        let unweighed = steps.filter { !$0.weighed }.map { String($0.edition) }
        var notes = ["the per-project tables stop at edition \(table): the bottom-up view was rolled forward through \(span) conditioned on their published \(on) "
                     + "(sequential importance resampling of the simulated portfolios"
                     + (unweighed.isEmpty ? ")" : "; no figure for edition \(unweighed.joined(separator: ", ")))")]
        notes.append("roll-forward measurement model: published " + [gap(totalGap, "totals"), gap(countGap, "counts")].compactMap { $0 }.joined(separator: "; "))
        notes.append("roll-forward effective sample size per edition: "
                     + weighed.map { "\($0.edition): \(NumberFormat(significantDigits: 6).string($0.effectiveSampleSize.rounded()))" }.joined(separator: ", ")
                     + " of \(NumberFormat(significantDigits: 6).string(Double(steps[0].totals.count)))")
        // Few effective portfolios: the published figure sits in the flow model's far tail, and
        // the forecast after it rests on a handful of distinct paths.
        let trials = Double(steps[0].totals.count)
        if let poor = weighed.min(by: { $0.effectiveSampleSize < $1.effectiveSampleSize }),
           poor.effectiveSampleSize < max(100, 0.01 * trials) {
            notes.append("roll-forward: at edition \(poor.edition) only \(NumberFormat(significantDigits: 6).string(poor.effectiveSampleSize.rounded())) of \(NumberFormat(significantDigits: 6).string(trials)) simulated portfolios carry the weight: "
                         + "its published figures lie far in the flow model's tail, so the bottom-up view rests on few distinct paths (more trials= help; so may a look at that edition's figures)")
        }
        return notes
    }
}
