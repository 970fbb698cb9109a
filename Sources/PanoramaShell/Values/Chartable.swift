import PanoramaKit

// The seams through which other areas' values become charts. A simulation, a forecast, a
// bridge or a model conforms to one of these protocols, and `hist`, `scurve`, `tornado`, `fan`,
// `waterfall` and `scatter(…, fit=)` draw it without knowing its type.

/// A Monte Carlo result that `hist(s)`, `scurve(s)` and `tornado(s)` can draw.
///
/// Its quantiles (`QuantileValue.quantile`) give the S-curve's P50 and P80.
public protocol ChartableSimulation: QuantileValue {
    /// The simulated totals, one per trial, in any order.
    var totals: [Double] { get }
    /// The deterministic estimate (e.g. the sum of the current cost estimates), marked on the
    /// S-curve with its percentile.
    var pointEstimate: Double { get }
    /// For the tornado: each input's name and the total's value when that input sits at its low
    /// and at its high percentile (e.g. P10 and P90), in the units of `totals`.
    var contributions: [(name: String, low: Double, high: Double)] { get }
    /// The value the tornado's bars diverge from. Default: the mean of `totals`.
    var contributionBase: Double { get }
    /// What the tornado's low and high stand for, said in its footnote. Default: "P10 and P90".
    var contributionRange: String { get }
}

extension ChartableSimulation {
    public var contributionBase: Double { mean }
    public var contributionRange: String { "P10 and P90" }
}

/// A forecast that `fan(f)` can draw: the observed series, then the forecast with its 80 % and
/// 95 % intervals. Periods are drawn at equal steps (the edition sequence).
public protocol ChartableForecast: ObjectValue {
    /// The observed periods in order: a label (`2021-11`, `2024-S1`) and the value.
    var history: [(label: String, value: Double)] { get }
    /// The forecast periods after the last observed one, h = 1, 2, …
    var forecastPoints: [FanChart.Point] { get }
    /// Lines under the fan saying what its bands are, when not the model's own intervals.
    var fanNotes: [String] { get }
}

extension ChartableForecast {
    var fanNotes: [String] { [] }
}

/// An edition-to-edition bridge that `waterfall(b)` can draw: a start total, signed steps
/// (continuing projects' growth, entries, exits…) and the end total.
public protocol ChartableBridge: ObjectValue {
    var start: (label: String, value: Double) { get }
    var steps: [(label: String, delta: Double)] { get }
    var end: (label: String, value: Double) { get }
}

/// A fitted model that `scatter(x, y, fit=m)` can draw as a straight line.
public protocol LinearFitLine: ObjectValue {
    /// y = intercept + slope · x, in the units of the scatter's axes; nil when the model is not
    /// a straight line in one numeric predictor (scatter then says so).
    var fittedLine: (intercept: Double, slope: Double)? { get }
    /// Several lines, each with a label (a quantile regression's one line per τ); by default
    /// the one `fittedLine`, unlabelled.
    var fittedLines: [(label: String, intercept: Double, slope: Double)]? { get }
}

extension LinearFitLine {
    var fittedLines: [(label: String, intercept: Double, slope: Double)]? {
        fittedLine.map { [("", $0.intercept, $0.slope)] }
    }
}
