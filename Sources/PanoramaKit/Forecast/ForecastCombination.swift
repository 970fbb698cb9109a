import Foundation

/// The equal-weight combination of several methods' forecasts (FPP3 §13.4).
///
/// The point is the mean of the members' points. The interval is normal with variance
/// w′Σw, w = 1/m, Σᵢⱼ = ρᵢⱼ σᵢ σⱼ, where ρ is the correlation of the members' in-sample one-step
/// residuals over the positions where all have one (as fable's combination does); with fewer
/// than three such positions ρ = 1, the conservative choice. A Student-t member enters with the
/// normal scale that reproduces its 95 % interval.
public enum ForecastCombination {
    /// The combined predictive distributions for horizons 1…H (all fits share the horizon).
    public static func combine(_ fits: [ForecastFit], series: [Double]) -> [ForecastPoint] {
        guard !fits.isEmpty else { return [] }
        let m = fits.count
        let horizon = fits.map(\.forecasts.count).min()!
        let correlation = residualCorrelation(fits, series: series)
        let z95 = NormalDistribution.standardQuantile(0.975)
        return (0..<horizon).map { h in
            let points = fits.map { $0.forecasts[h] }
            let scales = points.map { p -> Double in
                guard let df = p.degreesOfFreedom else { return p.standardDeviation }
                return p.standardDeviation * StudentTDistribution(degreesOfFreedom: df).quantile(0.975) / z95
            }
            var variance = 0.0
            for i in 0..<m { for j in 0..<m { variance += correlation[i][j] * scales[i] * scales[j] } }
            variance /= Double(m * m)
            let mean = points.reduce(0) { $0 + $1.mean } / Double(m)
            return ForecastPoint(mean: mean, standardDeviation: max(variance, 0).squareRoot())
        }
    }

    /// Pairwise correlations of one-step residuals over the positions every fit covers.
    static func residualCorrelation(_ fits: [ForecastFit], series: [Double]) -> [[Double]] {
        let m = fits.count
        let residuals = fits.map { $0.residuals(series) }
        let common = series.indices.filter { t in residuals.allSatisfy { !$0[t].isNaN } }
        var r = [[Double]](repeating: [Double](repeating: 1, count: m), count: m)
        guard common.count >= 3 else { return r }
        let columns = residuals.map { res in common.map { res[$0] } }
        for i in 0..<m {
            for j in (i + 1)..<m where j < m {
                let c = Descriptive.correlation(columns[i], columns[j])
                r[i][j] = c.isNaN ? 1 : c
                r[j][i] = r[i][j]
            }
        }
        return r
    }
}
