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

    /// Poisson: counts of 0 fitted with a mean below 10ε (R's "fitted rates numerically 0"): the
    /// terms that single those rows out run to −∞ and no estimate exists; the rows are named.
    static func checkPoisson(_ design: ModelDesign, result: IRLS.Result, responseName: String) throws {
        let atZero = result.mu.indices.filter { result.mu[$0] < 10 * Double.ulpOfOne && design.response[$0] == 0 }
        guard !atZero.isEmpty else { return }
        let rows = atZero.prefix(5).map { String(design.rows[$0] + 1) }.joined(separator: ", ") + (atZero.count > 5 ? ", …" : "")
        throw RegressionError("separation: '\(responseName)' is 0 in the \(atZero.count == 1 ? "row" : "\(atZero.count) rows") "
                              + "(\(rows)) that the terms single out, so their fitted means run to 0 and the estimates to ±∞; "
                              + "drop or merge the terms (a level, a threshold) whose rows have no counts")
    }

    /// What one pass over a column tells about separation.
    struct ColumnSummary {
        var nonNegative = true, dummy = true
        var nonZero = 0, nonZeroSuccesses = 0, nonZeroFailures = 0
        var failureLow = Double.infinity, failureHigh = -Double.infinity
        var successLow = Double.infinity, successHigh = -Double.infinity

        /// y is a proportion: a row counts as a success when y > 0 and as a failure when y < 1.
        init(_ x: UnsafeBufferPointer<Double>, _ y: [Double]) {
            for i in 0..<x.count {
                let v = x[i], success = y[i] > 0, failure = y[i] < 1
                nonNegative = nonNegative && v >= 0
                dummy = dummy && (v == 0 || v == 1)
                if v != 0 {
                    nonZero += 1
                    if success { nonZeroSuccesses += 1 }
                    if failure { nonZeroFailures += 1 }
                }
                if failure { failureLow = min(failureLow, v); failureHigh = max(failureHigh, v) }
                if success { successLow = min(successLow, v); successHigh = max(successHigh, v) }
            }
        }
    }

    /// The message when column `j` alone separates the outcomes, else nil.
    static func singleColumn(_ design: ModelDesign, _ j: Int, responseName: String) -> String? {
        let n = design.matrix.rows
        let c = design.matrix.storage.withUnsafeBufferPointer { s in
            ColumnSummary(UnsafeBufferPointer(rebasing: s[(j * n)..<((j + 1) * n)]), design.response)
        }
        let name = design.columnNames[j]
        let fix = "drop the term or merge its level with another"
        if c.nonNegative && c.nonZero > 0 {
            let condition = c.dummy ? "\(name) = 1" : "\(name) > 0"
            let rows = "(\(c.nonZero) row\(c.nonZero == 1 ? "" : "s"))"
            // A row with a proportion strictly between 0 and 1 is both: it separates nothing.
            if c.nonZeroFailures == 0 {
                return "quasi-complete separation: every row with \(condition) has \(responseName) = 1 \(rows), "
                    + "so the estimate of '\(name)' runs to +∞; \(fix)"
            }
            if c.nonZeroSuccesses == 0 {
                return "quasi-complete separation: every row with \(condition) has \(responseName) = 0 \(rows), "
                    + "so the estimate of '\(name)' runs to −∞; \(fix)"
            }
        }
        guard design.interceptColumn != nil, c.failureLow.isFinite, c.successLow.isFinite else { return nil }
        func describe(_ kind: String, low: Double, high: Double, sign: String, lowOutcome: Int) -> String {
            "\(kind) separation: \(responseName) is \(lowOutcome) for every \(name) ≤ \(String(format: "%.6g", low)) and "
                + "\(1 - lowOutcome) for every \(name) ≥ \(String(format: "%.6g", high)), so the estimate of '\(name)' runs to \(sign)∞; "
                + "drop the term or use fewer predictors"
        }
        if c.failureHigh <= c.successLow {
            return describe(c.failureHigh < c.successLow ? "complete" : "quasi-complete", low: c.failureHigh, high: c.successLow,
                            sign: "+", lowOutcome: 0)
        }
        if c.successHigh <= c.failureLow {
            return describe(c.successHigh < c.failureLow ? "complete" : "quasi-complete", low: c.successHigh, high: c.failureLow,
                            sign: "−", lowOutcome: 1)
        }
        return nil
    }
}
