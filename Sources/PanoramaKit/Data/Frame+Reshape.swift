/// Long to wide and back, as tidyr's `pivot_wider` and `pivot_longer`.
extension Frame {
    /// One row per distinct combination of the other columns, one column per distinct value of
    /// `namesFrom` holding `valuesFrom`; combinations absent from the data get `fill` (na by
    /// default).
    ///
    /// Rows and new columns come in order of first appearance (as tidyr). The new columns are
    /// named after the values (`2016-11` → label `2016-11`, identifier `x2016_11`).
    /// - Throws: when a combination of the id columns and `namesFrom` has more than one value
    ///   (summarize first), when `fill` is given for non-numeric values, or when a column is missing.
    /// - Complexity: O(rows × new columns); the id and names columns are coded, no row is hashed.
    public func pivotWider(namesFrom: String, valuesFrom: String, fill: Double? = nil) throws -> Frame {
        let ni = try requireColumn(namesFrom), vi = try requireColumn(valuesFrom)
        guard ni != vi else { throw KernelError("names_from and values_from are the same column '\(namesFrom)'") }
        let ids = columns.indices.filter { $0 != ni && $0 != vi }
        let (rowOfSource, firstRows) = GroupIndex(self, keys: ids, ordered: false).inOrderOfAppearance()
        let (nameOfSource, nameRows) = GroupIndex(self, keys: [ni], ordered: false).inOrderOfAppearance()
        let width = nameRows.count
        let (cells, overflow) = firstRows.count.multipliedReportingOverflow(by: width)
        if overflow { throw KernelError("pivot_wider: \(firstRows.count) rows × \(width) columns is too large") }
        try MemoryBudget.current.check(MemoryBudget.bytes(cells, 16), for: "the pivot's \(firstRows.count) × \(width) cells",
                                       hint: "pivot fewer columns, or summarize first")
        var cell = [Int](repeating: -1, count: cells)     // (row × name) → source row, -1 when absent
        for r in 0..<rowCount {
            let at = Int(rowOfSource[r]) * width + Int(nameOfSource[r])
            if cell[at] >= 0 {
                let described = ids.map { "\(columns[$0].name)=\(columns[$0].data.text(at: r))" }.joined(separator: ", ")
                throw KernelError("pivot_wider: more than one '\(valuesFrom)' for \(namesFrom)=\(columns[ni].data.text(at: r))"
                                  + (described.isEmpty ? "" : " and \(described)") + "; summarize first")
            }
            cell[at] = r
        }
        var out = ids.map { var c = columns[$0]; c.data = c.data.gather(firstRows); return c }
        let values = columns[vi]
        if fill != nil, values.data.numbers == nil {
            throw KernelError("pivot_wider: fill= is a number but '\(valuesFrom)' is \(values.data.typeName)")
        }
        var used = Set(out.map(\.name))
        for (name, r) in nameRows.enumerated() {
            let label = columns[ni].data.text(at: r)
            var id = identifier(for: label), n = 2
            while used.contains(id) { id = identifier(for: label) + "_\(n)"; n += 1 }
            used.insert(id)
            let indices = (0..<firstRows.count).map { cell[$0 * width + name] }
            var data = values.data.gatherAllowingMissing(indices)
            if let fill, case .number(var v) = data {
                for (i, source) in indices.enumerated() where source < 0 { v[i] = fill }
                data = .number(v)
            }
            out.append(Column(name: id, label: label, unit: values.unit, data))
        }
        return Frame(columns: out)
    }

    /// The columns `cols` stacked into two: `namesTo` holding each column's label and
    /// `valuesTo` its value, the other columns repeated (row by row, as tidyr).
    /// - Throws: when `cols` is empty, names a missing column, or mixes types (number and text).
    public func pivotLonger(columns cols: [String], namesTo: String = "name", valuesTo: String = "value") throws -> Frame {
        guard !cols.isEmpty else { throw KernelError("pivot_longer needs at least one column (cols=)") }
        let gathered = try cols.map { try requireColumn($0) }
        let first = columns[gathered[0]]
        for i in gathered where columns[i].data.typeName != first.data.typeName {
            throw KernelError("pivot_longer: '\(columns[i].name)' is \(columns[i].data.typeName) but '\(first.name)' is \(first.data.typeName)")
        }
        let ids = columns.indices.filter { !gathered.contains($0) }
        let k = gathered.count
        let repeated = (0..<rowCount * k).map { $0 / k }
        var out = ids.map { var c = columns[$0]; c.data = c.data.gather(repeated); return c }
        let labels = (0..<rowCount * k).map { Int32($0 % k) }
        out.append(Column(name: identifier(for: namesTo), label: namesTo, .text(Categorical(codes: labels, levels: gathered.map { columns[$0].label }))))
        let stacked = ColumnData.concatenate(gathered.map { columns[$0].data })
        let order = (0..<rowCount * k).map { ($0 % k) * rowCount + $0 / k }
        out.append(Column(name: identifier(for: valuesTo), label: valuesTo, unit: first.unit, stacked.gather(order)))
        return Frame(columns: out)
    }
}
