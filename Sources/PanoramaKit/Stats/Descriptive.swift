import Foundation

/// Descriptive statistics accurate on hard data (NIST StRD univariate). Inputs must not hold
/// NaN: callers drop `na` first and report how many they dropped.
public enum Descriptive {
    /// The arithmetic mean, with a second-pass correction (Kahan-free and exact enough for
    /// NIST's NumAcc4): `mean([1, 2, 3, 4]) // 2.5`. NaN for an empty input.
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        let m = s / Double(x.count)
        var c = 0.0
        for v in x { c += v - m }
        return m + c / Double(x.count)
    }

    /// The sample variance (n − 1), two-pass with the compensation term of Chan, Golub & LeVeque:
    /// `sampleVariance([1, 2, 3, 4]) // 1.6666…`. NaN for fewer than two values.
    public static func sampleVariance(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        var ss = 0.0, c = 0.0
        for v in x {
            let d = v - m
            ss += d * d
            c += d
        }
        return (ss - c * c / Double(x.count)) / Double(x.count - 1)
    }

    /// The sample standard deviation (n − 1).
    public static func sampleStandardDeviation(_ x: [Double]) -> Double { sampleVariance(x).squareRoot() }

    /// The lag-1 autocorrelation as NIST defines it: Σ(xᵢ−x̄)(xᵢ₊₁−x̄) / Σ(xᵢ−x̄)².
    public static func lag1Autocorrelation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        var num = 0.0, den = 0.0
        for i in 0..<x.count {
            let d = x[i] - m
            den += d * d
            if i + 1 < x.count { num += d * (x[i + 1] - m) }
        }
        return num / den
    }

    /// Quantile of already sorted values by R's type 7 (linear interpolation between order
    /// statistics): `quantile(sorted: [1, 2, 3, 4], 0.5) // 2.5`.
    public static func quantile(sorted x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty, p >= 0, p <= 1 else { return .nan }
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// The median: `median([3, 1, 2]) // 2`.
    public static func median(_ x: [Double]) -> Double { quantile(sorted: x.sorted(), 0.5) }

    /// Pearson correlation of two equally long samples.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count, x.count > 1 else { return .nan }
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<x.count {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
