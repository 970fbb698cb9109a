/// Nelder–Mead simplex minimisation for small smooth objectives (likelihoods, smoothing
/// parameters), optionally on a box: with bounds, every trial point is projected onto
/// [lower, upper] before it is evaluated.
///
/// Standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½; Lagarias et al.
/// 1998). A search stops when the simplex's values span at most `valueTolerance` × max(1, |best|)
/// (and, with `pointTolerance`, its vertices lie within that of the best vertex, relative to
/// max(1, |x|)), or when the simplex has collapsed onto a point; it is then restarted from the
/// best vertex while a restart still improves, so a collapsed simplex does not stop the search
/// early. A NaN value counts as +∞.
///
/// ```
/// let box = NelderMead(lower: [0], upper: [1])
/// box.minimize({ ($0[0] - 0.3) * ($0[0] - 0.3) }, from: [0.9]).point   // ≈ [0.3]
/// ```
public struct NelderMead: Sendable {
    public var lower: [Double]?
    public var upper: [Double]?
    /// At most this many evaluations of the objective, all searches together.
    public var maxEvaluations: Int
    public var valueTolerance: Double
    public var pointTolerance: Double?
    /// At most this many searches (the first and its restarts).
    public var maxSearches: Int

    public struct Result: Sendable {
        public var point: [Double]
        public var value: Double
        public var evaluations: Int
    }

    public init(lower: [Double]? = nil, upper: [Double]? = nil, maxEvaluations: Int = 20_000,
                valueTolerance: Double = 1e-12, pointTolerance: Double? = nil, maxSearches: Int = 8) {
        self.lower = lower
        self.upper = upper
        self.maxEvaluations = maxEvaluations
        self.valueTolerance = valueTolerance
        self.pointTolerance = pointTolerance
        self.maxSearches = maxSearches
    }

    /// Minimises `f` from `start`. The first simplex steps `steps[i]` along each axis (by
    /// default a tenth of the box's width, or max(0.1 |xᵢ|, 0.05) without one, turned inward at
    /// the upper bound); restarts step `restartSteps` (by default the same).
    public func minimize(_ f: ([Double]) -> Double, from start: [Double], steps: [Double]? = nil,
                         restartSteps: [Double]? = nil) -> Result {
        var evaluations = 0
        func safe(_ x: [Double]) -> Double {
            let v = f(x)
            return v.isNaN ? .infinity : v
        }
        var best = project(start)
        var bestValue = safe(best)
        evaluations += 1
        for search in 0..<maxSearches {
            let run = self.search(safe, from: best, steps: search == 0 ? steps : (restartSteps ?? steps),
                                  budget: maxEvaluations - evaluations)
            evaluations += run.evaluations
            let improved = run.value < bestValue - valueTolerance * max(1, abs(bestValue))
            if run.value <= bestValue { best = run.point; bestValue = run.value }
            if !improved || evaluations >= maxEvaluations { break }
        }
        return Result(point: best, value: bestValue, evaluations: evaluations)
    }

    func project(_ x: [Double]) -> [Double] {
        guard let lower, let upper else { return x }
        var x = x
        for i in x.indices { x[i] = min(max(x[i], lower[i]), upper[i]) }
        return x
    }

    func initialStep(_ x: Double, axis i: Int) -> Double {
        let span = lower.map { upper![i] - $0[i] } ?? .infinity
        let step = span.isFinite ? 0.1 * span : max(0.1 * abs(x), 0.05)
        if let upper, x + step > upper[i] { return -step }
        return step
    }

    private func search(_ objective: ([Double]) -> Double, from start: [Double], steps: [Double]?,
                        budget: Int) -> Result {
        var calls = 0
        func f(_ x: [Double]) -> Double { calls += 1; return objective(x) }
        let n = start.count
        var simplex = [start]
        for i in 0..<n {
            var v = start
            v[i] += steps?[i] ?? initialStep(v[i], axis: i)
            simplex.append(project(v))
        }
        var values = simplex.map(f)
        while calls < budget {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if values[n] - values[0] <= valueTolerance * max(1, abs(values[0])) {
                guard let pointTolerance else { break }
                var spread = 0.0
                for k in 1...n {
                    for i in 0..<n { spread = max(spread, abs(simplex[k][i] - simplex[0][i]) / max(1, abs(simplex[0][i]))) }
                }
                if spread <= pointTolerance { break }
            }
            var centroid = [Double](repeating: 0, count: n)
            for v in simplex.dropLast() { for j in 0..<n { centroid[j] += v[j] / Double(n) } }
            func toward(_ t: Double) -> [Double] {
                project((0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) })
            }
            let reflected = toward(-1)
            let fr = f(reflected)
            if fr < values[0] {
                let expanded = toward(-2)
                let fe = f(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let outside = fr < values[n]
                let contracted = toward(outside ? -0.5 : 0.5)
                let fc = f(contracted)
                if fc < (outside ? fr : values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = project((0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) })
                        values[i] = f(simplex[i])
                    }
                }
            }
            // A simplex collapsed onto a point cannot move: stop and let the caller restart.
            var size = 0.0
            for i in 1...n { for j in 0..<n { size = max(size, abs(simplex[i][j] - simplex[0][j])) } }
            if size < 1e-13 { break }
        }
        let i = values.indices.min { values[$0] < values[$1] }!
        return Result(point: simplex[i], value: values[i], evaluations: calls)
    }
}
