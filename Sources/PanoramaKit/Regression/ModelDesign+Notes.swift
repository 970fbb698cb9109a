import LinearAlgebra

extension ModelDesign {
    /// The summary notes every model fitted on this design shares, in order: rows of leverage 1
    /// (HC2/HC3), rows dropped for `na`, aliased columns. `extra` goes between the first and
    /// the others (a model's own notes on weights, offsets, exact fits).
    func commonNotes(observations: Int, solution: LeastSquaresSolution, covariance: CovarianceType,
                     unitLeverageRows: [Int], undefinedColumns: [Int], extra: [String]) -> [String] {
        var out: [String] = []
        if !unitLeverageRows.isEmpty {
            let rows = unitLeverageRows.map { String(self.rows[$0] + 1) }
            let names = undefinedColumns.map { "'\(columnNames[$0])'" }
            out.append("\(Prose.noun(rows.count, "Observation")) \(LinearModel.list(rows)) \(rows.count == 1 ? "has" : "have") leverage 1: "
                       + "\(covariance.rawValue) standard errors are undefined for \(LinearModel.list(names)).")
        }
        out += extra
        out += leftOutNotes(observations: observations)
        let aliased = solution.aliased.map { columnNames[$0] }
        if !aliased.isEmpty {
            let names = aliased.map { "'\($0)'" }.joined(separator: ", ")
            out.append(aliased.count == 1
                ? "\(names) is aliased (a linear combination of the terms before it): not estimated."
                : "\(names) are aliased (linear combinations of the terms before them): not estimated.")
        }
        return out
    }

    /// The rows a fit left out: weight 0 (meaning "left out", as in R) and `na`; every model's
    /// summary says so (ols and glm through `commonNotes`, qreg directly).
    func leftOutNotes(observations: Int) -> [String] {
        var out: [String] = []
        if zeroWeightRows > 0 {
            let z = zeroWeightRows
            out.append("\(z) row\(z == 1 ? "" : "s") with weight 0 \(z == 1 ? "was" : "were") left out; \(observations) used.")
        }
        if droppedRows > 0 {
            let d = droppedRows
            out.append("\(d) row\(d == 1 ? "" : "s") with na \(d == 1 ? "was" : "were") dropped; \(observations) used.")
        }
        // A factor with one level in the rows used, coded by contrasts, gives its terms no column:
        // say so rather than let the term vanish from the table (R refuses such a factor).
        for (k, factor) in coding.factors.enumerated() {
            guard case .categorical(let levels, _) = factor, levels.count == 1 else { continue }
            let empty = coding.terms.indices.contains { t in
                coding.terms[t].factors.indices.contains { coding.terms[t].factors[$0] == k && coding.contrasts[t][$0] }
            }
            if empty {
                out.append("'\(coding.factorNames[k])' has one level ('\(levels[0])') in the rows used: "
                           + "its terms add no column and are not estimated.")
            }
        }
        return out
    }
}
