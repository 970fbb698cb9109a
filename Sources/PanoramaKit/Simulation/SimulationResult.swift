import Foundation
import Synchronization

/// One reported percentile with its Monte Carlo uncertainty.
public struct PercentileEstimate: Sendable, Equatable {
    /// In percent: 80 for P80.
    public var percent: Double
    /// The sample quantile (R's type 7).
    public var value: Double
    /// Distribution-free 95 % bounds: the order statistics of ranks ⌊Np − 1.96√(Np(1−p))⌋ and
    /// ⌈Np + 1.96√(Np(1−p))⌉ (the binomial interval for a quantile).
    public var lower: Double
    public var upper: Double
    /// (upper − lower) / (2 × 1.96): the standard error those bounds imply.
    public var standardError: Double

    /// `P80`
    public var label: String { "P" + NumberFormat(groupSeparator: "").string(percent) }

    public init(percent: Double, value: Double, lower: Double, upper: Double, standardError: Double) {
        (self.percent, self.value, self.lower, self.upper, self.standardError) = (percent, value, lower, upper, standardError)
    }

    /// The p-quantile (0 < p < 1) of `sorted` (ascending, not empty) with its bounds and error.
    public init(sorted: [Double], _ p: Double) {
        let n = sorted.count
        let z = 1.959963984540054
        let half = z * (Double(n) * p * (1 - p)).squareRoot()
        let lo = min(n, max(1, Int((Double(n) * p - half).rounded(.down)))) - 1
        let hi = max(lo, min(n, Int((Double(n) * p + half).rounded(.up))) - 1)
        self.init(percent: 100 * p, value: Descriptive.quantile(sorted: sorted, p),
                  lower: sorted[lo], upper: sorted[hi], standardError: (sorted[hi] - sorted[lo]) / (2 * z))
    }
}

/// The outcome of a simulation: the totals and what budget holders read from them.
///
/// Keeps the totals in trial order (`totals`) for charts; sorts them once, lazily, when an
/// arbitrary quantile is asked; computes contributions (a second pass over the same random
/// streams, after the sums the run took for them) only when asked, and caches both.
public final class SimulationResult: Sendable {
    public let model: PortfolioModel
    public let trials: Int
    public let seed: UInt64
    let threads: Int
    /// The simulated portfolio totals, in trial order.
    public let totals: [Double]
    public let mean: Double
    /// The sample standard deviation of the totals (n − 1).
    public let standardDeviation: Double
    /// sd / √trials.
    public let meanStandardError: Double
    /// The sample kurtosis of the totals, m₄/m₂² (not the excess: 3 for a normal).
    public let kurtosis: Double
    /// The Monte Carlo standard error of `standardDeviation`: sd·√((κ − 1)/(4N)) with κ the
    /// sample kurtosis (the delta method on the variance, whose variance is (μ₄ − σ⁴)/N). For
    /// normal totals (κ = 3) it is sd/√(2N); heavy-tailed totals have a larger one.
    public let standardDeviationStandardError: Double
    /// The projects (their indices) whose overrun has no finite mean (a Pareto of shape ≤ 1, a
    /// Student t of df ≤ 1, a GPD of shape ≥ 1), and those whose overrun has a finite mean but no
    /// finite variance (shape ≤ 2, df ≤ 2, GPD shape ≥ ½). With any of either, the sample sd
    /// never settles and √N error bars for the mean and sd mean nothing: both are NaN.
    public let infiniteMeanProjects: [Int]
    public let infiniteVarianceProjects: [Int]
    /// P5, P10, P50, P80, P90, P95.
    public let percentiles: [PercentileEstimate]
    /// The sum of base costs.
    public let pointEstimate: Double
    /// The share of trials (in percent) whose total is at most the point estimate.
    public let pointEstimatePercentile: Double
    /// P80 − point estimate: the contingency to reach 80 % confidence (GAO cost guide).
    public let contingencyP80: Double
    /// The mean of the totals at or beyond P95 (expected shortfall, CVaR 95 %).
    public let expectedShortfall95: Double

    /// Per project j, at 3j: Σx, Σx², Σx·T over all trials (x its cost, T the total), taken by
    /// the run for `contributions`.
    let drawSums: [Double]

    private let sortedCache = Mutex<[Double]?>(nil)
    private let contributionsCache = Mutex<Contributions?>(nil)

    init(model: PortfolioModel, settings: SimulationSettings, totals: [Double], moments: Moments, drawSums: [Double]) {
        self.model = model
        self.drawSums = drawSums
        self.trials = totals.count
        self.seed = settings.seed
        self.threads = settings.threads
        self.totals = totals
        mean = moments.mean
        standardDeviation = (moments.sumSquares / (moments.count - 1)).squareRoot()
        let weighted = model.overruns.indices.filter { model.costs[$0] != 0 }
        infiniteMeanProjects = weighted.filter { !model.overruns[$0].mean.isFinite }
        infiniteVarianceProjects = weighted.filter { model.overruns[$0].mean.isFinite && !model.overruns[$0].variance.isFinite }
        let finiteVariance = infiniteMeanProjects.isEmpty && infiniteVarianceProjects.isEmpty
        meanStandardError = finiteVariance ? standardDeviation / moments.count.squareRoot() : .nan
        let n = totals.count
        let z = 1.959963984540054
        // Every order statistic needed, in one multiple selection.
        var ranks: [Int] = []
        var plans: [(p: Double, lo: Int, hi: Int, a: Int, b: Int, frac: Double)] = []
        for percent in MonteCarlo.reportedPercentiles {
            let p = percent / 100
            let h = Double(n - 1) * p
            let a = Int(h.rounded(.down))
            let b = min(a + 1, n - 1)
            let half = z * (Double(n) * p * (1 - p)).squareRoot()
            let lo = max(1, Int((Double(n) * p - half).rounded(.down))) - 1
            let hi = min(n, Int((Double(n) * p + half).rounded(.up))) - 1
            plans.append((percent, lo, hi, a, b, h - Double(a)))
            ranks += [a, b, lo, hi]
        }
        let order = OrderStatistics.select(totals, ranks: ranks)
        percentiles = plans.map { plan in
            let value = order[plan.a]! + plan.frac * (order[plan.b]! - order[plan.a]!)
            let lower = order[plan.lo]!, upper = order[plan.hi]!
            return PercentileEstimate(percent: plan.p, value: value, lower: lower, upper: upper,
                                      standardError: (upper - lower) / (2 * z))
        }
        pointEstimate = model.pointEstimate
        pointEstimatePercentile = 100 * moments.atOrBelow / Double(n)
        let p80 = percentiles.first { $0.percent == 80 }!.value
        contingencyP80 = p80 - model.pointEstimate
        let p95 = percentiles.first { $0.percent == 95 }!.value
        var tailSum = 0.0, tailCount = 0, fourth = 0.0
        for t in totals {
            let d = t - mean, d2 = d * d
            fourth += d2 * d2
            if t >= p95 {
                tailSum += t
                tailCount += 1
            }
        }
        expectedShortfall95 = tailSum / Double(max(tailCount, 1))
        // κ = n Σd⁴ / (Σd²)²; constant totals (sd 0) have no kurtosis and no error.
        kurtosis = moments.sumSquares > 0 ? Double(n) * fourth / (moments.sumSquares * moments.sumSquares) : .nan
        standardDeviationStandardError = !finiteVariance ? .nan : moments.sumSquares > 0
            ? standardDeviation * (max(kurtosis - 1, 0) / (4 * Double(n))).squareRoot() : 0
    }

    /// The reported percentile for `percent` (5, 10, 50, 80, 90, 95), if it is one.
    public func percentile(_ percent: Double) -> PercentileEstimate? {
        percentiles.first { $0.percent == percent }
    }

    /// The totals sorted ascending (computed once).
    public var sortedTotals: [Double] {
        if let s = sortedCache.withLock({ $0 }) { return s }
        let s = totals.sorted()
        sortedCache.withLock { $0 = s }
        return s
    }

    /// Any quantile of the totals (R's type 7), 0 ≤ p ≤ 1.
    public func quantile(_ p: Double) -> Double {
        Descriptive.quantile(sorted: sortedTotals, p)
    }

    /// The percentile estimate (value, 95 % order-statistic bounds, SE) for any p in (0, 1).
    public func percentileEstimate(_ p: Double) -> PercentileEstimate {
        PercentileEstimate(sorted: sortedTotals, p)
    }

    /// Per-project (and per-group) contributions to the total's uncertainty; computed on
    /// first use (from the run's sums and a second pass over the copula latents of the same
    /// random streams), then cached.
    public func contributions(isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> Contributions {
        if let c = contributionsCache.withLock({ $0 }) { return c }
        let c = try Contributions.compute(self, isCancelled: isCancelled)
        contributionsCache.withLock { $0 = c }
        return c
    }
}
