/// A small Nelder–Mead simplex minimiser on a box: every trial point is projected onto
/// [lower, upper] before it is evaluated.
///
/// Standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½; Lagarias et al.
/// 1998), restarted from the best vertex until a restart no longer improves, so a collapsed
/// simplex does not stop the search early. Used for the smoothing parameters of the exponential
/// smoothing models, whose initial states are solved exactly (see `ExponentialSmoothing`).
///
/// `BoundedNelderMead(lower: [0], upper: [1]).minimize({ ($0[0] - 0.3) * ($0[0] - 0.3) }, from: [0.9]).point // ≈ [0.3]`
struct BoundedNelderMead {
    var lower: [Double]
    var upper: [Double]
    var maxEvaluations = 4000
    /// Stop when the simplex's function values span less than this (absolute plus relative).
    var tolerance = 1e-12

    struct Result {
        var point: [Double]
        var value: Double
        var evaluations: Int
    }

    func project(_ x: [Double]) -> [Double] {
        var x = x
        for i in x.indices { x[i] = min(max(x[i], lower[i]), upper[i]) }
        return x
    }

    func minimize(_ f: ([Double]) -> Double, from start: [Double]) -> Result {
        var evaluations = 0
        func safe(_ x: [Double]) -> Double {
            let v = f(x)
            return v.isNaN ? .infinity : v
        }
        var best = project(start)
        var bestValue = safe(best)
        evaluations += 1
        for _ in 0..<8 {
            let run = search(safe, from: best)
            evaluations += run.evaluations
            let improved = run.value < bestValue - tolerance * (1 + abs(bestValue))
            if run.value <= bestValue { best = run.point; bestValue = run.value }
            if !improved || evaluations >= maxEvaluations { break }
        }
        return Result(point: best, value: bestValue, evaluations: evaluations)
    }

    private func search(_ objective: ([Double]) -> Double, from start: [Double]) -> Result {
        var calls = 0
        func f(_ x: [Double]) -> Double { calls += 1; return objective(x) }
        let n = start.count
        var simplex = [start]
        for i in 0..<n {
            var v = start
            let span = upper[i] - lower[i]
            let step = span.isFinite ? 0.1 * span : max(0.1 * abs(v[i]), 0.05)
            v[i] = v[i] + step <= upper[i] ? v[i] + step : v[i] - step
            simplex.append(project(v))
        }
        var values = simplex.map(f)
        while calls < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = values[n] - values[0]
            if spread <= tolerance * (1 + abs(values[0])) { break }

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
