import Foundation
import PanoramaKit

/// How backtest tables print (`backtest(…)`, `f.backtest`, an outlook's backtest): errors to the
/// precision of the data's own units (`348` M€, not `347.818`), MAPE to 0.1 %, MASE to 2
/// decimals, coverage as a percentage under a short header (`cover 80`: `64 %`; calibrated
/// coverage `cal 80`). Display only: the numbers, the column names, CSV and JSON are unchanged.
extension Frame {
    func showingBacktest(unitDecimals: Int) -> Frame {
        var frame = self
        for j in frame.columns.indices {
            guard case .number = frame.columns[j].data else { continue }
            let name = frame.columns[j].name
            switch name {
            case "mae", "rmse": frame.columns[j].display = .decimals(unitDecimals)
            case "mape": frame.columns[j].display = .decimals(1)
            case "mase": frame.columns[j].display = .decimals(2)
            default:
                for (prefix, short) in [("coverage_", "cover "), ("calibrated_", "cal ")] where name.hasPrefix(prefix) {
                    frame.columns[j].display = .percent(decimals: 0)
                    if frame.columns[j].label == name { frame.columns[j].label = short + name.dropFirst(prefix.count) }
                }
            }
        }
        return frame
    }

    /// The decimals the values are given to (`2290` → 0, `2292.9` → 1), at most 3: the
    /// precision an error in their units is worth printing.
    static func unitDecimals(_ values: [Double]) -> Int {
        var decimals = 0
        for x in values where x.isFinite {
            while decimals < 3, abs(x * pow(10, Double(decimals)) - (x * pow(10, Double(decimals))).rounded()) > 1e-6 {
                decimals += 1
            }
        }
        return decimals
    }
}
