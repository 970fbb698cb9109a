import Foundation
import LinearAlgebra

/// Detects (quasi-)complete separation in a binomial fit — a predictor that splits successes
/// from failures, so that the likelihood keeps rising as its coefficient runs to ±∞ — and says
/// which term and which direction, where R only warns that "fitted probabilities numerically
/// 0 or 1 occurred" and prints exploding estimates.
///
/// Every fit is checked column by column, since that check proves the estimate does not exist:
/// a column separates on its own when every row where it is non-zero is a success (or every
/// one a failure) and it is never negative — a dummy whose level has one outcome — or, with an
/// intercept, when its values of failures all lie at or below those of successes (or above).
/// A fit that did not converge or fitted some row within 10ε of 0 or 1 (R's threshold) with no
/// such column is separated by a combination of terms: the rows fitted at 0 or 1 are counted
/// and the coefficient that moves η most (|β| times the column's spread) is named.
enum Separation {
    static func check(_ design: ModelDesign, result: IRLS.Result, responseName: String) throws {
        let bound = 10 * Double.ulpOfOne
        for j in result.solution.kept where j != design.interceptColumn {
            if let message = singleColumn(design, j, responseName: responseName) { throw RegressionError(message) }
        }
        let atBound = result.mu.indices.filter { result.mu[$0] < bound || result.mu[$0] > 1 - bound }
        guard !atBound.isEmpty else { return }
        let beta = result.solution.coefficients
        let spread: (Int) -> Double = { j in
            let v = design.matrix.column(j)
            return j == design.interceptColumn ? 1 : (v.max() ?? 0) - (v.min() ?? 0)
        }
        guard let j = result.solution.kept.max(by: { abs(beta[$0]) * spread($0) < abs(beta[$1]) * spread($1) }) else { return }
        let rows = atBound.count
        throw RegressionError("separation: \(rows) row\(rows == 1 ? " is" : "s are") fitted with probability 0 or 1 and the estimates "
                              + "run off (the largest, '\(design.columnNames[j])', toward \(beta[j] > 0 ? "+" : "−")∞); "
                              + "drop or merge the terms that predict '\(responseName)' perfectly")
    }

    /// The message when column `j` alone separates the outcomes, else nil.
    static func singleColumn(_ design: ModelDesign, _ j: Int, responseName: String) -> String? {
        let x = design.matrix.column(j), y = design.response
        let name = design.columnNames[j]
        let fix = "drop the term or merge its level with another"
        if x.allSatisfy({ $0 >= 0 }) {
            let rows = x.indices.filter { x[$0] > 0 }
            let dummy = x.allSatisfy { $0 == 0 || $0 == 1 }
            let condition = dummy ? "\(name) = 1" : "\(name) > 0"
            for (outcome, sign) in [(1.0, "+"), (0.0, "−")] where !rows.isEmpty && rows.allSatisfy({ y[$0] == outcome }) {
                return "quasi-complete separation: every row with \(condition) has \(responseName) = \(Int(outcome)) "
                    + "(\(rows.count) row\(rows.count == 1 ? "" : "s")), so the estimate of '\(name)' runs to \(sign)∞; \(fix)"
            }
        }
        guard design.interceptColumn != nil else { return nil }
        let failures = x.indices.filter { y[$0] < 1 }.map { x[$0] }
        let successes = x.indices.filter { y[$0] > 0 }.map { x[$0] }
        guard let failureLow = failures.min(), let failureHigh = failures.max(),
              let successLow = successes.min(), let successHigh = successes.max() else { return nil }
        func describe(_ kind: String, low: Double, high: Double, sign: String, lowOutcome: Int) -> String {
            "\(kind) separation: \(responseName) is \(lowOutcome) for every \(name) ≤ \(String(format: "%.6g", low)) and "
                + "\(1 - lowOutcome) for every \(name) ≥ \(String(format: "%.6g", high)), so the estimate of '\(name)' runs to \(sign)∞; "
                + "drop the term or use fewer predictors"
        }
        if failureHigh <= successLow {
            return describe(failureHigh < successLow ? "complete" : "quasi-complete", low: failureHigh, high: successLow, sign: "+", lowOutcome: 0)
        }
        if successHigh <= failureLow {
            return describe(successHigh < failureLow ? "complete" : "quasi-complete", low: successHigh, high: failureLow, sign: "−", lowOutcome: 1)
        }
        return nil
    }
}
