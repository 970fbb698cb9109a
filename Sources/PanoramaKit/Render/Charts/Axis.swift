import Foundation

/// One axis of a chart: the range it spans, how values map onto it, and its labelled ticks.
///
/// Linear axes take 1-2-5 steps (`0, 250, 500, 750`); log axes powers of ten, with 2 and 5
/// between them when the range is short; date axes month, semester (`2024-S1`) or year
/// labels; category axes their labels. Positions run from 0 (lo) to 1 (hi).
struct Axis {
    struct Tick: Equatable {
        var value: Double
        var label: String
    }

    var scale: AxisScale
    /// The ends of the axis, in transformed units (log10 of the value on a log axis).
    var lo: Double
    var hi: Double
    var ticks: [Tick]

    /// The value in axis units: itself, or its log10 (NaN when not positive) on a log axis.
    func transformed(_ v: Double) -> Double {
        scale == .log ? (v > 0 ? log10(v) : .nan) : v
    }

    /// Where a value falls along the axis: 0 at `lo`, 1 at `hi` (outside for values beyond).
    /// Halves are taken first so that ranges near the largest double do not overflow.
    func fraction(_ v: Double) -> Double {
        let t = transformed(v)
        let span = hi * 0.5 - lo * 0.5
        return span > 0 ? (t * 0.5 - lo * 0.5) / span : 0.5
    }

    /// The value at a fraction of the axis (the inverse of `fraction`).
    func value(atFraction f: Double) -> Double {
        let t = lo + f * (hi - lo)
        return scale == .log ? pow(10, t) : t
    }

    var maxLabelWidth: Int { ticks.map(\.label.count).max() ?? 0 }
}

extension Axis {
    /// A linear axis for values in [min, max] with at most about `count` ticks.
    /// With `expand`, the ends move out to the ticks around the data (the y axes); otherwise
    /// the axis spans the data exactly and ticks fall inside (the x axis of a histogram).
    /// `minimumStep` keeps counts whole (1, not 0.2).
    static func linear(_ min: Double, _ max: Double, count: Int, expand: Bool, numbers: NumberFormat,
                       includeZero: Bool = false, minimumStep: Double = 0) -> Axis {
        var lo = min, hi = max
        if includeZero { lo = Swift.min(lo, 0); hi = Swift.max(hi, 0) }
        if !(hi > lo) {
            // A whole number (a year, a count) gets ±1; others ±10 %.
            let pad = lo == 0 || (lo == lo.rounded() && abs(lo) < 10_000) ? 1 : abs(lo) * 0.1
            (lo, hi) = includeZero && lo == 0 ? (0, 1) : (lo - pad, hi + pad)
        }
        let step = Swift.max(minimumStep, niceStep((hi * 0.5 - lo * 0.5) * 2 / Double(Swift.max(1, count))))
        if expand {
            let a = (lo / step).rounded(.down) * step, b = (hi / step).rounded(.up) * step
            if a.isFinite && b.isFinite { (lo, hi) = (a, b) }
        }
        var ticks: [Tick] = []
        let first = (lo / step).rounded(.up)
        let last = (hi / step).rounded(.down)
        if first.isFinite, last.isFinite, last - first < 1000 {
            var k = first
            while k <= last {
                let v = k * step
                ticks.append(Tick(value: v == 0 ? 0 : v, label: linearLabel(v, step: step, numbers: numbers)))
                k += 1
            }
        } else {
            ticks = [Tick(value: lo, label: numbers.string(lo)), Tick(value: hi, label: numbers.string(hi))]
        }
        return Axis(scale: .linear, lo: lo, hi: hi, ticks: ticks)
    }

    /// A base-10 log axis for positive values in [min, max]: powers of ten, with 2 and 5 between
    /// them when fewer than three decades are shown.
    static func log(_ min: Double, _ max: Double, count: Int, expand: Bool, numbers: NumberFormat) -> Axis {
        // Decades of doubles lie within ±330: an edge computed past 1e308 (an infinity) must
        // not make the loop below count to 2⁵³.
        var lo = Swift.max(-330, Swift.min(330, log10(min))), hi = Swift.max(-330, Swift.min(330, log10(max)))
        if lo.isNaN || hi.isNaN { (lo, hi) = (0, 1) }
        if !(hi > lo) { (lo, hi) = (lo - 0.5, hi + 0.5) }
        if expand { (lo, hi) = (lo.rounded(.down), hi.rounded(.up)) }
        let decades = hi.rounded(.up) - lo.rounded(.down)
        var values: [Double] = []
        let every = Swift.max(1, Int(saturating: (decades / Double(Swift.max(1, count))).rounded(.up)))
        var e = Int(saturating: lo.rounded(.down))
        while Double(e) <= hi {
            let multipliers: [Double] = decades <= 1 ? [1, 2, 5] : (decades <= Double(count) / 2 ? [1, 3] : [1])
            if e % every == 0 || multipliers.count > 1 {
                for m in multipliers {
                    let v = m * pow(10, Double(e))
                    let t = log10(v)
                    if t >= lo - 1e-9 && t <= hi + 1e-9 { values.append(v) }
                }
            }
            e += 1
        }
        // Powers past ten million print as 1e7, and then every tick from 1,000 up does too.
        let scientificFrom = (values.max() ?? 0) >= 1e7 ? 1_000.0 : 1e7
        let ticks = values.map { Tick(value: $0, label: logLabel($0, numbers: numbers, scientificFrom: scientificFrom)) }
        return Axis(scale: .log, lo: lo, hi: hi, ticks: ticks)
    }

    /// A time axis over day numbers (days since 1970-01-01): ticks on month, semester or year
    /// starts, labelled `2024-06`, `2024-S1` or `2024`, every `months` months.
    static func dates(_ minDay: Double, _ maxDay: Double, months step: Int) -> Axis {
        var lo = minDay, hi = maxDay
        if !(hi > lo) { (lo, hi) = (lo - 45, hi + 45) }
        let start = CivilDate(dayNumber: Int(saturating: lo.rounded(.down))).monthIndex
        let end = CivilDate(dayNumber: Int(saturating: hi.rounded(.up))).monthIndex
        var ticks: [Tick] = []
        var m = start
        while m <= end + 1 {
            if m % step == 0 {
                let year = m >= 0 ? m / 12 : (m - 11) / 12
                let month = m - year * 12 + 1
                let day = Double(CivilDate(year: year, month: month).dayNumber)
                if day >= lo - 1e-9 && day <= hi + 1e-9 {
                    let label: String
                    switch step {
                    case ..<6: label = CivilDate(year: year, month: month).text(.month)
                    case 6: label = "\(year)-S\(month <= 6 ? 1 : 2)"
                    default: label = String(year)
                    }
                    ticks.append(Tick(value: day, label: label))
                }
            }
            m += 1
        }
        return Axis(scale: .linear, lo: lo, hi: hi, ticks: ticks)
    }

    /// Month steps a date axis may take, finest first.
    static let dateSteps = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200]

    /// A category axis: one position per label (0, 1, …), every `every`-th label shown.
    static func categories(_ labels: [String], every: Int) -> Axis {
        let n = labels.count
        let ticks = stride(from: 0, to: n, by: Swift.max(1, every)).map { Tick(value: Double($0), label: labels[$0]) }
        return n <= 1 ? Axis(scale: .linear, lo: -0.5, hi: 0.5, ticks: ticks)
                      : Axis(scale: .linear, lo: 0, hi: Double(n - 1), ticks: ticks)
    }

    /// The smallest 1, 2 or 5 × 10ᵏ at least `raw`: `niceStep(0.3) // 0.5`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * magnitude >= raw * (1 - 1e-12) { return m * magnitude }
        return 10 * magnitude
    }

    /// A tick label with as many decimals as the step needs, thousands grouped:
    /// `linearLabel(1500, step: 500) // "1,500"`, `linearLabel(0.5, step: 0.25) // "0.50"`,
    /// `linearLabel(7.5, step: 2.5) // "7.5"`.
    static func linearLabel(_ v: Double, step: Double, numbers: NumberFormat) -> String {
        let v = v == 0 ? 0 : v  // no "-0"
        let magnitude = abs(v)
        if magnitude >= 1e15 || (step < 1e-5) {
            return scientific(v)
        }
        var decimals = Swift.max(0, -Int(saturating: (log10(step) + 1e-9).rounded(.down)))
        // A 2.5 step (histogram edges) needs one more: 7.5, not 8.
        let scaled = step * pow(10, Double(decimals))
        if abs(scaled - scaled.rounded()) > 1e-9 * scaled { decimals += 1 }
        // Four-digit numbers (years, mostly) stay ungrouped: 2024, not 2,024.
        if magnitude < 10_000 { return String(format: "%.\(decimals)f", v) }
        return numbers.fixed(v, decimals: decimals)
    }

    static func logLabel(_ v: Double, numbers: NumberFormat, scientificFrom: Double = 1e7) -> String {
        v >= scientificFrom || v < 1e-4 ? scientific(v) : numbers.string(v)
    }

    /// `1e20`, `2.5e-7`.
    static func scientific(_ v: Double) -> String {
        var s = String(format: "%.3g", v)
        s = s.replacingOccurrences(of: "e+", with: "e")
        s = s.replacingOccurrences(of: "e0", with: "e").replacingOccurrences(of: "e-0", with: "e-")
        return s
    }
}
