import Foundation
@testable import PanoramaKit

/// Deterministic test data: low-discrepancy sequences instead of a random generator, so the
/// golden files never depend on one.
enum ChartData {
    /// The i-th point of the additive recurrence frac(i·α): evenly spread in (0, 1).
    static func uniform(_ n: Int, _ alpha: Double = 0.6180339887498949) -> [Double] {
        (1...n).map { (Double($0) * alpha).truncatingRemainder(dividingBy: 1) }
    }

    /// Normal values: the inverse normal CDF (Acklam's rational approximation, relative error
    /// below 1.2e-9) of an evenly spread sequence, so histograms come out smooth.
    static func normal(_ n: Int, mean: Double = 0, sd: Double = 1, alpha: Double = 0.6180339887498949) -> [Double] {
        uniform(n, alpha).map { mean + sd * inverseNormal($0) }
    }

    static func inverseNormal(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * Foundation.log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low { return -inverseNormal(1 - p) }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }

    static func lognormal(_ n: Int, meanlog: Double, sdlog: Double) -> [Double] {
        normal(n, mean: meanlog, sd: sdlog).map { Foundation.exp($0) }
    }

    /// Day numbers of the Panorama's editions (semiannual from 2016-11).
    static let editionDays: [Double] = [(2016, 11), (2017, 3), (2017, 7), (2017, 11), (2018, 6), (2018, 12), (2019, 6),
                                        (2019, 12), (2020, 6), (2020, 12), (2021, 6), (2021, 11)]
        .map { Double(CivilDate(year: $0.0, month: $0.1).dayNumber) }

    static let ministries = ["Intérieur", "Armées", "Économie, finances et relance", "Justice", "Solidarités et santé",
                             "Travail, emploi et insertion", "Transition écologique", "Services du Premier ministre"]
    static let ministryCosts = [1_512.4, 1_256.0, 987.25, 645.8, 412.0, 233.3, 178.9, 52.1]
}
