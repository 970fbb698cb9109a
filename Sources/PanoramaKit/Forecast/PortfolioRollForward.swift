import Foundation
import LinearAlgebra

/// A project as the roll-forward carries it from edition to edition: what the flow model needs
/// to move it (its cost, age, phase dummy, exit probability) and its `by=` group.
struct Holding: Sendable {
    var cost: Double
    /// Years since start; NaN when unknown (the model's mean age is used).
    var age: Double
    /// Index into the model's `phaseLevels`; −1 for the reference phase or none.
    let phase: Int32
    let exitP: Double
    /// Index into the roll-forward's `groupNames`; −1 without `by=`.
    let group: Int32
}

/// One edition of the roll-forward, from the chunk's stream: the common shock and the edition's
/// exit-rate multiplier and entry rate (`PortfolioFlowModel`), then project by project an exit
/// draw and (if it stays) a truncated Student-t growth, then the entrants. The
/// portfolio it is given becomes the next edition's (exits removed, costs grown, ages advanced
/// by the model's `ageStep`, entrants appended with an unknown phase and age), so steps chain.
struct RollForward: Sendable {
    let model: PortfolioFlowModel
    let shockSD: Double
    let idiosyncratic: Distribution
    let bound: Double
    let entryRate: Double
    /// Entrants as they join a portfolio (cost, no phase or age, the exit rate of "other").
    let entrants: [Holding]
    /// Group names for `by=` (empty without).
    let groupNames: [String]
    /// The starting table as holdings.
    let start: [Holding]

    /// The `by=` group names of a table and the entrants of `models` (empty without `byGroup`),
    /// shared by every roll-forward of one simulation.
    static func groupNames(_ projects: [PortfolioPanel.Project], models: [PortfolioFlowModel], byGroup: Bool) -> [String] {
        guard byGroup else { return [] }
        return Array(Set(projects.map { $0.group ?? "na" } + models.flatMap { $0.entrants.map { $0.group ?? "na" } })).sorted()
    }

    init(_ projects: [PortfolioPanel.Project], model: PortfolioFlowModel, groupNames names: [String]) {
        self.model = model
        let nu = model.degreesOfFreedom
        shockSD = model.shockSD
        idiosyncratic = .studentT(df: nu, location: 0, scale: model.idiosyncraticSD * ((nu - 2) / nu).squareRoot())
        bound = model.largestResidual
        entryRate = model.entryRate
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        groupNames = names
        start = projects.map { p in
            Holding(cost: p.cost, age: p.age, phase: p.phase.flatMap { model.phaseLevels.firstIndex(of: $0) }.map(Int32.init) ?? -1,
                    exitP: model.exitProbability(p), group: index[p.group ?? "na"] ?? -1)
        }
        let entrantExit = model.exitRates["other"] ?? model.pooledExitRate
        entrants = model.entrants.map { Holding(cost: $0.cost, age: .nan, phase: -1, exitP: entrantExit, group: index[$0.group ?? "na"] ?? -1) }
    }

    /// The expected log growth of a holding (`PortfolioFlowModel.expectedGrowth`, term by term
    /// in the same order).
    func expectedGrowth(_ h: Holding) -> Double {
        let terms = model.terms, dummies = model.phaseLevels.count
        var g = terms[0].estimate
        if h.phase >= 0 { g += terms[1 + Int(h.phase)].estimate }
        g += terms[1 + dummies].estimate * log(h.cost)
        if model.usesAge { g += terms[2 + dummies].estimate * (h.age.isNaN ? model.meanAge : h.age) }
        return g
    }

    /// Moves `portfolio` one edition on; returns its new total, continuing growth, entries and
    /// exits (a positive amount leaving). With `groups`, adds each group's new total at
    /// `groups[(4 + group) * stride]`.
    func advance(_ portfolio: inout [Holding], using rng: inout Xoshiro256StarStar,
                 groups: (out: UnsafeMutablePointer<Double>, stride: Int)? = nil) -> (total: Double, growth: Double, entries: Double, exits: Double) {
        let u = shockSD * Ziggurat.normal(using: &rng)
        // The edition's shocks on the flows (none drawn when the model has no dispersion).
        let d = model.exitDispersion, exitMultiplier = d > 0 ? d * Ziggurat.gamma(1 / d, using: &rng) : 1
        let r = model.entryDispersion, rate = r > 0 ? entryRate * r * Ziggurat.gamma(1 / r, using: &rng) : entryRate
        var total = 0.0, g = 0.0, x = 0.0, e = 0.0
        var kept = 0
        for i in portfolio.indices {
            var h = portfolio[i]
            if rng.nextOpenDouble() < h.exitP * exitMultiplier {
                x += h.cost
                continue
            }
            var epsilon = idiosyncratic.sample(using: &rng)
            var tries = 0
            while abs(epsilon) > bound && tries < 50 { epsilon = idiosyncratic.sample(using: &rng); tries += 1 }
            if abs(epsilon) > bound { epsilon = epsilon > 0 ? bound : -bound }
            let next = h.cost * exp(expectedGrowth(h) + u + epsilon)
            total += next
            g += next - h.cost
            if let groups { groups.out[(4 + Int(h.group)) * groups.stride] += next }
            h.cost = next
            h.age += model.ageStep
            portfolio[kept] = h
            kept += 1
        }
        portfolio.removeLast(portfolio.count - kept)
        if !entrants.isEmpty {
            for _ in 0..<Ziggurat.poisson(rate, using: &rng) {
                let entrant = entrants[rng.next(below: entrants.count)]
                total += entrant.cost
                e += entrant.cost
                if let groups { groups.out[(4 + Int(entrant.group)) * groups.stride] += entrant.cost }
                portfolio.append(entrant)
            }
        }
        return (total, g, e, x)
    }

    /// Writes trial `trial` — `portfolio` moved one edition on — into `out`'s trial-major
    /// columns (total, growth, entries, exits, then the groups), `trials` apart.
    func trial(_ trial: Int, of trials: Int, portfolio: inout [Holding], using rng: inout Xoshiro256StarStar,
               into out: SharedPointer<Double>) {
        let step = advance(&portfolio, using: &rng, groups: groupNames.isEmpty ? nil : (out + trial, trials))
        out[trial] = step.total
        out[trials + trial] = step.growth
        out[2 * trials + trial] = step.entries
        out[3 * trials + trial] = step.exits
    }
}
