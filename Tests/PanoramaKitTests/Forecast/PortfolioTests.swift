import Foundation
import Testing
@testable import PanoramaKit

// MARK: A synthetic panel whose law is known

/// The true law of the synthetic panel: log growth = 0.02 + phase effect − 0.01 log(cost)
/// + 0.004 age + u_e + ε, u_e ~ N(0, 0.03²) per transition, ε ~ N(0, 0.08²); exits with
/// probability 0.5 past the planned end and 0.05 otherwise; Poisson(6) entrants a transition
/// costing lognormal(log 25, 0.8).
struct SyntheticLaw {
    static let intercept = 0.02, logCost = -0.01, age = 0.004
    static let phaseEffect = ["design_build": 0.0, "deployment": -0.03, "experimentation": 0.05]
    static let shockSD = 0.03, noiseSD = 0.08
    static let exitPastEnd = 0.5, exitOther = 0.05, entryRate = 6.0

    struct Project {
        var key: String, phase: String, start: Int, duration: Double, cost: Double
    }

    /// The month index (year·12 + month − 1) of edition e: every six months from Nov 2016.
    static func month(_ edition: Int) -> Int { 2016 * 12 + 10 + 6 * (edition - 1) }

    static func newProject(_ i: Int, at edition: Int, cost: Double, _ rng: inout TestRandom) -> Project {
        let phases = ["design_build", "deployment", "experimentation"]
        return Project(key: "p\(i)", phase: phases[Int(rng.uniform() * 3)], start: month(edition) - Int(rng.uniform() * 72),
                       duration: 2 + 6 * rng.uniform(), cost: cost)
    }

    static func age(_ p: Project, _ edition: Int) -> Double { Double(month(edition) - p.start) / 12 }

    static func poisson(_ lambda: Double, _ rng: inout TestRandom) -> Int {
        var k = 0, p = exp(-lambda), cdf = p
        let u = rng.uniform()
        while u > cdf { k += 1; p *= lambda / Double(k); cdf += p }
        return k
    }

    /// One edition step of the true law.
    static func step(_ table: [Project], from edition: Int, nextKey: inout Int, _ rng: inout TestRandom) -> [Project] {
        let u = shockSD * rng.normal()
        var next: [Project] = []
        for var p in table {
            let a = age(p, edition)
            if rng.uniform() < (a > p.duration ? exitPastEnd : exitOther) { continue }
            let g = intercept + phaseEffect[p.phase]! + logCost * log(p.cost) + age * a + u + noiseSD * rng.normal()
            p.cost *= exp(g)
            next.append(p)
        }
        for _ in 0..<poisson(entryRate, &rng) {
            next.append(newProject(nextKey, at: edition + 1, cost: exp(log(25) + 0.8 * rng.normal()), &rng))
            nextKey += 1
        }
        return next
    }

    /// A panel of `editions` consecutive tables as a frame with the bundled panel's columns.
    static func panel(editions: Int, seed: UInt64) -> (frame: Frame, last: [Project]) {
        var rng = TestRandom(seed: seed)
        var key = 0
        var table = (0..<150).map { _ -> Project in
            defer { key += 1 }
            return newProject(key, at: 1, cost: exp(log(30) + rng.normal()), &rng)
        }
        var edition: [Double] = [], date: [Int32] = [], keys: [String?] = [], phase: [String?] = []
        var start: [Int32] = [], duration: [Double] = [], cost: [Double] = []
        func day(_ m: Int) -> Int32 { Int32(CivilDate(year: m / 12, month: m % 12 + 1).dayNumber) }
        for e in 1...editions {
            if e > 1 { table = step(table, from: e - 1, nextKey: &key, &rng) }
            for p in table {
                edition.append(Double(e)); date.append(day(month(e))); keys.append(p.key); phase.append(p.phase)
                start.append(day(p.start)); duration.append(p.duration); cost.append(p.cost)
            }
        }
        let frame = Frame(columns: [
            Column(name: "edition", .number(edition)), Column(name: "edition_date", .date(date, .month)),
            Column(name: "key", .text(Categorical(keys))), Column(name: "phase", .text(Categorical(phase))),
            Column(name: "start", .date(start, .month)), Column(name: "duration", .number(duration)),
            Column(name: "cost", .number(cost)),
        ])
        return (frame, table)
    }
}

@Test func theFlowModelRecoversAKnownGrowthLaw() throws {
    let (frame, _) = SyntheticLaw.panel(editions: 12, seed: 2024)
    let panel = try PortfolioPanel(frame)
    #expect(panel.consecutivePairs.count == 11)
    let model = try PortfolioFlowModel.estimate(panel.consecutivePairs.map { panel.transition(from: $0.from, to: $0.to) })
    func term(_ name: String) throws -> PortfolioFlowModel.Term { try #require(model.terms.first { $0.name == name }) }
    // Slopes within 4 standard errors of the truth (the common shock moves only the intercept);
    // phase effects are relative to the reference phase (the most common one).
    let reference = try #require(model.referencePhase)
    var truths = [("log(cost)", SyntheticLaw.logCost), ("age", SyntheticLaw.age)]
    for (phase, effect) in SyntheticLaw.phaseEffect where phase != reference {
        truths.append(("phase: \(phase)", effect - SyntheticLaw.phaseEffect[reference]!))
    }
    #expect(model.terms.count == 5)
    for (name, truth) in truths {
        let t = try term(name)
        #expect(abs(t.estimate - truth) < 4 * t.standardError, "\(name): \(t.estimate) ± \(t.standardError)")
    }
    #expect(abs(model.idiosyncraticSD - SyntheticLaw.noiseSD) < 0.01)
    #expect(abs(model.shockSD - SyntheticLaw.shockSD) < 0.02, "shock \(model.shockSD)")
    // Exit rates: binomial standard errors on the at-risk counts (about 1,500 and 200).
    let other = model.exitRates["other"]!, past = model.exitRates["past planned end"]!
    #expect(abs(other - SyntheticLaw.exitOther) < 4 * (0.05 * 0.95 / 1200).squareRoot(), "other \(other)")
    #expect(abs(past - SyntheticLaw.exitPastEnd) < 4 * (0.25 / 100).squareRoot(), "past end \(past)")
    #expect(abs(model.entryRate - SyntheticLaw.entryRate) < 4 * (SyntheticLaw.entryRate / 11).squareRoot())
}

/// The simulation engine given the true law's parameters reproduces the true law's
/// distribution of the next total, within Monte Carlo error (4 standard errors of each
/// quantile, from the order statistics' spread).
@Test func theSimulationWithTheTrueParametersReproducesTheTrueLaw() throws {
    let (frame, last) = SyntheticLaw.panel(editions: 12, seed: 77)
    let panel = try PortfolioPanel(frame)
    var pool = TestRandom(seed: 5)
    let entrants = (0..<20_000).map { _ in (cost: exp(log(25) + 0.8 * pool.normal()), group: String?.none) }
    let law = PortfolioFlowModel(
        terms: [.init(name: "(Intercept)", estimate: SyntheticLaw.intercept, standardError: 0),
                .init(name: "phase: deployment", estimate: -0.03, standardError: 0),
                .init(name: "phase: experimentation", estimate: 0.05, standardError: 0),
                .init(name: "log(cost)", estimate: SyntheticLaw.logCost, standardError: 0),
                .init(name: "age", estimate: SyntheticLaw.age, standardError: 0)],
        phaseLevels: ["deployment", "experimentation"], referencePhase: "design_build", usesAge: true, meanAge: 3,
        residualSD: SyntheticLaw.noiseSD, tailIndex: .nan, degreesOfFreedom: 1e6, shockSD: SyntheticLaw.shockSD,
        idiosyncraticSD: SyntheticLaw.noiseSD, largestResidual: 100,
        exitRates: ["completed": 0.05, "past planned end": SyntheticLaw.exitPastEnd, "other": SyntheticLaw.exitOther],
        pooledExitRate: 0.05, entryRate: SyntheticLaw.entryRate, entrants: entrants, transitions: [], continuingCount: 0)
    let n = 40_000
    let sim = try PortfolioSimulation.run(panel.tables[12]!, model: law, trials: n, seed: 5)
    var rng = TestRandom(seed: 99)
    var key = 1_000_000
    var truth = (0..<n).map { _ in SyntheticLaw.step(last, from: 12, nextKey: &key, &rng).reduce(0) { $0 + $1.cost } }
    truth.sort()
    for p in [0.1, 0.5, 0.9] {
        let ours = sim.quantile(p), real = Descriptive.quantile(sorted: truth, p)
        let inverseDensity = (Descriptive.quantile(sorted: truth, p + 0.01) - Descriptive.quantile(sorted: truth, p - 0.01)) / 0.02
        let se = (p * (1 - p) / Double(n)).squareRoot() * inverseDensity * 2.0.squareRoot()
        #expect(abs(ours - real) < 4 * se, "P\(Int(p * 100)): \(ours) vs \(real) (se \(se))")
    }
}

/// End to end: estimated on the synthetic panel, the bottom-up forecast lands near the true
/// law's. The gap is dominated by estimation error (exit and entry rates from 11 transitions:
/// about 2–4 % of the total), so the band is 8 %; ignoring exits or entries would miss by 15–20 %.
@Test func theBottomUpForecastFromEstimatesLandsNearTheTrueLaw() throws {
    for seed: UInt64 in [77, 78] {
        let (frame, last) = SyntheticLaw.panel(editions: 12, seed: seed)
        let panel = try PortfolioPanel(frame)
        let model = try PortfolioFlowModel.estimate(panel.consecutivePairs.map { panel.transition(from: $0.from, to: $0.to) })
        let sim = try PortfolioSimulation.run(panel.tables[12]!, model: model, trials: 20_000, seed: 5)
        var rng = TestRandom(seed: 99)
        var key = 1_000_000
        var truth = (0..<20_000).map { _ in SyntheticLaw.step(last, from: 12, nextKey: &key, &rng).reduce(0) { $0 + $1.cost } }
        truth.sort()
        for p in [0.1, 0.5, 0.9] {
            let ours = sim.quantile(p), real = Descriptive.quantile(sorted: truth, p)
            #expect(abs(ours - real) / real < 0.08, "seed \(seed) P\(Int(p * 100)): \(ours) vs \(real)")
        }
        #expect(abs(sim.startTotal - last.reduce(0) { $0 + $1.cost }) < 1e-6 * sim.startTotal)
    }
}

@Test func aSeededSimulationIsReproducible() throws {
    let (frame, _) = SyntheticLaw.panel(editions: 4, seed: 1)
    let panel = try PortfolioPanel(frame)
    let model = try PortfolioFlowModel.estimate(panel.consecutivePairs.map { panel.transition(from: $0.from, to: $0.to) })
    let a = try PortfolioSimulation.run(panel.tables[4]!, model: model, trials: 500, seed: 9)
    let b = try PortfolioSimulation.run(panel.tables[4]!, model: model, trials: 500, seed: 9)
    let c = try PortfolioSimulation.run(panel.tables[4]!, model: model, trials: 500, seed: 10)
    #expect(a.totals == b.totals)
    #expect(a.totals != c.totals)
}

@Test func theBottomUpBacktestScoresConsecutiveEditions() throws {
    let (frame, _) = SyntheticLaw.panel(editions: 6, seed: 3)
    let panel = try PortfolioPanel(frame)
    let b = try PortfolioBacktest.run(panel, trials: 500)
    // Origins need two earlier transitions: targets 4, 5, 6.
    #expect(b.targets == [4, 5, 6])
    #expect(b.rows.map(\.method) == ["bottom-up", "naive (tables)"])
    #expect(b.rows.allSatisfy { $0.accuracy.count == 3 })
    #expect(b.frame.names == ["method", "n", "mae", "rmse", "mape", "mase", "coverage_80", "coverage_95"])
}

// MARK: Flows on a hand-made panel

private func handPanel() -> Frame {
    // Edition 1: a 10, b 20, c (no cost), d 5. Edition 2: a 12, c 7, e 3, d no cost.
    Frame(columns: [
        Column(name: "edition", .number([1, 1, 1, 1, 2, 2, 2, 2])),
        Column(name: "key", .text(Categorical(["a", "b", "c", "d", "a", "c", "e", "d"].map { Optional($0) }))),
        Column(name: "cost", .number([10, 20, .nan, 5, 12, .nan, 3, .nan].enumerated().map { $0.offset == 5 ? 7 : $0.element })),
    ])
}

@Test func aBridgeSplitsTheChangeIntoNamedFlows() throws {
    var columns = PortfolioColumns()
    columns.phase = nil; columns.start = nil; columns.duration = nil; columns.date = nil; columns.name = nil
    let panel = try PortfolioPanel(handPanel(), columns: columns)
    let bridge = try PortfolioBridge(panel, from: 1, to: 2)
    #expect(bridge.startTotal == 35 && bridge.endTotal == 22)
    let t = bridge.transition
    #expect(t.continuing.map(\.before.key) == ["a"])
    #expect(t.exits.map(\.key) == ["b"])
    #expect(t.entries.map(\.key) == ["e"])
    #expect(t.newlyCosted.map(\.key) == ["c"])
    #expect(t.uncosted.map(\.key) == ["d"])
    #expect(bridge.steps.map(\.delta) == [2, 3, 7, -20, -5])
    let f = bridge.frame()
    #expect(f.names == ["step", "amount", "projects", "detail"])
    #expect(f.column("amount")!.data.numbers! == [35, 2, 3, 7, -20, -5, 22])
    #expect(throws: ForecastError("the panel has no table for edition 3; editions with tables: 1, 2")) {
        try PortfolioBridge(panel, from: 1, to: 3)
    }
}

@Test func aPanelNamesItsMissingColumns() {
    #expect(throws: ForecastError("the panel has no column 'amount' (cost); name it with cost=")) {
        var c = PortfolioColumns()
        c.cost = "amount"
        try PortfolioPanel(handPanel(), columns: c)
    }
}

// MARK: Pieces

@Test func growthRegressionMatchesNumpy() throws {
    let x1: [Double] = [0, 1, 0, 1, 0, 1], x2: [Double] = [1, 2, 3, 5, 8, 13]
    let fit = try GrowthRegression(columns: [[1, 1, 1, 1, 1, 1], x1, x2], response: [1, 3, 2, 6, 7, 12])
    let b = [0.024509803921568537, 1.4607843137254906, 0.8272058823529421]
    let se = [0.32621680453761454, 0.3943768860924703, 0.04798228419228404]
    for i in 0..<3 {
        #expect(abs(fit.coefficients[i] - b[i]) < 1e-12)
        #expect(abs(fit.standardErrors[i] - se[i]) < 1e-12)
    }
    // A duplicated column is aliased, not a failure.
    let aliased = try GrowthRegression(columns: [[1, 1, 1, 1, 1, 1], x1, x1, x2], response: [1, 3, 2, 6, 7, 12])
    #expect(aliased.aliased == [false, false, true, false])
    #expect(abs(aliased.coefficients[3] - b[2]) < 1e-12)
}

@Test func hillRecoversAParetoTailIndex() {
    var rng = TestRandom(seed: 8)
    let x = (0..<20_000).map { _ in pow(rng.uniform(), -1 / 2.0) }   // Pareto, α = 2
    let alpha = PortfolioFlowModel.hillTailIndex(x)
    // Hill with k = 2,000 order statistics: SE ≈ α/√k ≈ 0.045.
    #expect(abs(alpha - 2) < 4 * 2 / (2000.0).squareRoot())
    #expect(PortfolioFlowModel.hillTailIndex([1, 2, 3]).isNaN)
}

@Test func portfolioDrawsHaveTheirMoments() {
    var rng = Xoshiro256StarStar(seed: 42)
    let student = Distribution.studentT(df: 5, location: 0, scale: 1)
    let n = 200_000
    var s = 0.0, s2 = 0.0, pois = 0.0, t = 0.0
    for _ in 0..<n {
        let z = Ziggurat.normal(using: &rng); s += z; s2 += z * z
        pois += Double(Ziggurat.poisson(4.25, using: &rng))
        let v = student.sample(using: &rng); t += v * v
    }
    #expect(abs(s / Double(n)) < 4 / Double(n).squareRoot())
    #expect(abs(s2 / Double(n) - 1) < 4 * (2 / Double(n)).squareRoot())
    #expect(abs(pois / Double(n) - 4.25) < 4 * (4.25 / Double(n)).squareRoot())
    // Var t₅ = 5/3; the sample variance of t₅ has a heavy tail: a wide band.
    #expect(abs(t / Double(n) - 5.0 / 3) < 0.1)
}
