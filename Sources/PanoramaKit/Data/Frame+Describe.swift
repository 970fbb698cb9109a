/// Summaries of a frame: `describe` (one row per column, as pandas `describe` / DuckDB
/// `SUMMARIZE`) and frequency tables.
extension Frame {
    /// One row per column: `column, type, count, missing, distinct, mean, sd, min, q25, median,
    /// q75, max, top`.
    ///
    /// Numeric statistics are for number columns (quartiles R type 7, sd with n − 1); `top` lists
    /// the most frequent values of text and bool columns (`Déploiement 20, Cadrage 8, …`) and the
    /// range of date columns (`2011-03 … 2020-02`).
    public func describe() -> Frame {
        var label: [String?] = [], type: [String?] = [], top: [String?] = []
        var count: [Double] = [], missing: [Double] = [], distinct: [Double] = []
        var mean: [Double] = [], sd: [Double] = [], lo: [Double] = [], q1: [Double] = []
        var median: [Double] = [], q3: [Double] = [], hi: [Double] = []
        for c in columns {
            let n = c.count
            let present = (0..<n).filter { !c.data.isNA($0) }
            label.append(c.label)
            type.append(c.data.typeName + (c.unit.map { " (\($0))" } ?? ""))
            count.append(Double(present.count))
            missing.append(Double(n - present.count))
            distinct.append(Double(Set(present.map { KeyPart(c.data, $0) }).count))
            if case .number(let v) = c.data {
                let xs = present.map { v[$0] }
                let sorted = xs.sorted()
                mean.append(Descriptive.mean(xs))
                sd.append(xs.count > 1 ? Descriptive.sampleStandardDeviation(xs) : .nan)
                lo.append(sorted.first ?? .nan)
                q1.append(sorted.isEmpty ? .nan : Descriptive.quantile(sorted: sorted, 0.25))
                median.append(sorted.isEmpty ? .nan : Descriptive.quantile(sorted: sorted, 0.5))
                q3.append(sorted.isEmpty ? .nan : Descriptive.quantile(sorted: sorted, 0.75))
                hi.append(sorted.last ?? .nan)
                top.append(nil)
                continue
            }
            mean.append(.nan); sd.append(.nan); lo.append(.nan); q1.append(.nan)
            median.append(.nan); q3.append(.nan); hi.append(.nan)
            switch c.data {
            case .date(let v, let p):
                let days = present.map { v[$0] }
                if let a = days.min(), let b = days.max() {
                    top.append(CivilDate(dayNumber: Int(a)).text(p) + " … " + CivilDate(dayNumber: Int(b)).text(p))
                } else { top.append(nil) }
            default:
                let freq = frequencies(of: c.data)
                let shown = freq.prefix(3).map { "\($0.text) \($0.count)" }
                top.append(freq.isEmpty ? nil : shown.joined(separator: ", ") + (freq.count > 3 ? ", …" : ""))
            }
        }
        func text(_ name: String, _ v: [String?]) -> Column { Column(name: name, .text(Categorical(v))) }
        func number(_ name: String, _ v: [Double]) -> Column { Column(name: name, .number(v)) }
        return Frame(columns: [
            text("column", label), text("type", type), number("count", count), number("missing", missing),
            number("distinct", distinct), number("mean", mean), number("sd", sd), number("min", lo),
            number("q25", q1), number("median", median), number("q75", q3), number("max", hi), text("top", top),
        ])
    }

    /// Frequencies of a column's present values, most frequent first (ties by first appearance).
    func frequencies(of data: ColumnData) -> [(text: String, count: Int, row: Int)] {
        var counts: [KeyPart: (Int, Int)] = [:]
        for r in 0..<data.count where !data.isNA(r) {
            let k = KeyPart(data, r)
            counts[k] = ((counts[k]?.0 ?? 0) + 1, counts[k]?.1 ?? r)
        }
        return counts.values.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map { (count, row) in
            (data.text(at: row), count, row)
        }
    }

    /// A frequency table of one column: `value, n, percent` (percent of present values), most
    /// frequent first; `na` counted in a last row when there is any. The first column is named
    /// `name` (default: the column's own name, `value` for an unnamed `x`).
    public static func frequencyTable(_ column: Column, name: String? = nil) -> Frame {
        let f = Frame(columns: [column]).frequencies(of: column.data)
        let nas = (0..<column.count).filter { column.data.isNA($0) }
        let present = Double(column.count - nas.count)
        var rows = f.map(\.row)
        var counts = f.map { Double($0.count) }
        var percents = f.map { present > 0 ? 100 * Double($0.count) / present : .nan }
        if let firstNA = nas.first {
            rows.append(firstNA)
            counts.append(Double(nas.count))
            percents.append(.nan)
        }
        var value = column
        value.data = column.data.gather(rows)
        if let name, name != value.name {
            value.name = name
            value.label = name
        } else if name == nil && (value.name == "x" || value.name.isEmpty) {
            value.name = "value"
            value.label = "value"
        }
        return Frame(columns: [value, Column(name: "n", .number(counts)), Column(name: "percent", .number(percents))])
    }

}
