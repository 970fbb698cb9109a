import Foundation

/// The latest per-project table rolled forward one edition by Monte Carlo (DESIGN §7): each
/// trial draws a common shock, then for every project with a cost either an exit or a growth
/// exp(x′β + u + ε) (ε a Student t truncated at the largest residual seen), then a Poisson number of entrants with costs drawn from past entrants.
public struct PortfolioSimulation: Sendable {
    /// The simulated next total of each trial.
    public var totals: [Double]
    /// Per trial: continuing growth, entries, exits (as a positive amount leaving).
    public var growth: [Double]
    public var entries: [Double]
    public var exits: [Double]
    /// Per group (for `by=`): each trial's total of that group.
    public var groupTotals: [String: [Double]]
    /// The starting total (the table's known costs).
    public var startTotal: Double
    public var trials: Int
    public var seed: UInt64
    public var model: PortfolioFlowModel
    private var sortedTotals: [Double]

    /// Rolls `table` forward `trials` times.
    public static func run(_ table: [PortfolioPanel.Project], model: PortfolioFlowModel, trials: Int, seed: UInt64,
                           byGroup: Bool = false, cancelled: () -> Bool = { false }) throws -> PortfolioSimulation {
        var rng = Xoshiro256StarStar(seed: seed)
        let projects = table.filter(\.counts)
        let expected = projects.map { model.expectedGrowth($0) }
        let exitP = projects.map { model.exitProbability($0) }
        let nu = model.degreesOfFreedom
        let idiosyncratic = Distribution.studentT(df: nu, location: 0, scale: model.idiosyncraticSD * ((nu - 2) / nu).squareRoot())
        let bound = model.largestResidual
        var totals = [Double](repeating: 0, count: trials)
        var growth = totals, entries = totals, exits = totals
        var groups: [String: [Double]] = [:]
        if byGroup {
            for p in projects { groups[p.group ?? "na", default: []] = totals }
            for e in model.entrants { groups[e.group ?? "na", default: []] = totals }
        }
        let start = projects.reduce(0) { $0 + $1.cost }
        for trial in 0..<trials {
            if trial % 1024 == 0, cancelled() { throw CancellationError() }
            let u = model.shockSD * Ziggurat.normal(using: &rng)
            var total = 0.0, g = 0.0, x = 0.0, e = 0.0
            for (i, p) in projects.enumerated() {
                if rng.nextOpenDouble() < exitP[i] {
                    x += p.cost
                    continue
                }
                var epsilon = idiosyncratic.sample(using: &rng)
                var tries = 0
                while abs(epsilon) > bound && tries < 50 { epsilon = idiosyncratic.sample(using: &rng); tries += 1 }
                if abs(epsilon) > bound { epsilon = epsilon > 0 ? bound : -bound }
                let next = p.cost * exp(expected[i] + u + epsilon)
                total += next
                g += next - p.cost
                if byGroup { groups[p.group ?? "na"]![trial] += next }
            }
            if !model.entrants.isEmpty {
                for _ in 0..<Ziggurat.poisson(model.entryRate, using: &rng) {
                    let entrant = model.entrants[rng.next(below: model.entrants.count)]
                    total += entrant.cost
                    e += entrant.cost
                    if byGroup { groups[entrant.group ?? "na"]![trial] += entrant.cost }
                }
            }
            totals[trial] = total
            growth[trial] = g
            entries[trial] = e
            exits[trial] = x
        }
        return PortfolioSimulation(totals: totals, growth: growth, entries: entries, exits: exits, groupTotals: groups,
                                   startTotal: start, trials: trials, seed: seed, model: model, sortedTotals: totals.sorted())
    }

    /// The p-quantile of the simulated totals (R type 7).
    public func quantile(_ p: Double) -> Double { Descriptive.quantile(sorted: sortedTotals, p) }
    public var mean: Double { Descriptive.mean(totals) }
    public var standardDeviation: Double { Descriptive.sampleStandardDeviation(totals) }

    /// The central interval with the given coverage in percent.
    public func interval(_ level: Double) -> (lower: Double, upper: Double) {
        let tail = (1 - level / 100) / 2
        return (quantile(tail), quantile(1 - tail))
    }

    /// As a predictive distribution for scoring (point = median).
    public var point: Double { quantile(0.5) }
}
