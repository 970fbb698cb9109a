import Foundation

/// A seeded xoshiro256** generator (Blackman & Vigna) with the draws the portfolio simulation
/// needs: uniform, normal (polar Box–Muller), gamma (Marsaglia–Tsang), Student t and Poisson.
public struct PortfolioRandom: Sendable {
    var s: (UInt64, UInt64, UInt64, UInt64)
    var spare: Double?

    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    /// Uniform on (0, 1).
    public mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }

    public mutating func normal() -> Double {
        if let z = spare { spare = nil; return z }
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let q = u * u + v * v
            if q > 0 && q < 1 {
                let f = (-2 * log(q) / q).squareRoot()
                spare = v * f
                return u * f
            }
        }
    }

    /// Gamma(shape, 1), shape > 0.
    public mutating func gamma(_ shape: Double) -> Double {
        if shape < 1 { return gamma(shape + 1) * pow(uniform(), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat { x = normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = uniform()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// Student t with ν degrees of freedom.
    public mutating func student(_ nu: Double) -> Double {
        normal() / (2 * gamma(nu / 2) / nu).squareRoot()
    }

    /// Poisson(λ) by inversion (λ is small here: entries per semester).
    public mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda > 50 { return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded())) }
        var k = 0, p = exp(-lambda), cdf = p
        let u = uniform()
        while u > cdf && k < 10_000 { k += 1; p *= lambda / Double(k); cdf += p }
        return k
    }

    public mutating func index(_ n: Int) -> Int { min(Int(uniform() * Double(n)), n - 1) }
}

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
        var rng = PortfolioRandom(seed: seed)
        let projects = table.filter(\.counts)
        let expected = projects.map { model.expectedGrowth($0) }
        let exitP = projects.map { model.exitProbability($0) }
        let nu = model.degreesOfFreedom
        let tScale = model.idiosyncraticSD * ((nu - 2) / nu).squareRoot()
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
            let u = model.shockSD * rng.normal()
            var total = 0.0, g = 0.0, x = 0.0, e = 0.0
            for (i, p) in projects.enumerated() {
                if rng.uniform() < exitP[i] {
                    x += p.cost
                    continue
                }
                var epsilon = tScale * rng.student(nu)
                var tries = 0
                while abs(epsilon) > bound && tries < 50 { epsilon = tScale * rng.student(nu); tries += 1 }
                if abs(epsilon) > bound { epsilon = epsilon > 0 ? bound : -bound }
                let next = p.cost * exp(expected[i] + u + epsilon)
                total += next
                g += next - p.cost
                if byGroup { groups[p.group ?? "na"]![trial] += next }
            }
            if !model.entrants.isEmpty {
                for _ in 0..<rng.poisson(model.entryRate) {
                    let entrant = model.entrants[rng.index(model.entrants.count)]
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
