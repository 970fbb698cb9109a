import PanoramaKit

/// `x[i] = v`, `l[i] = v` and `f.col[rows] = v`, changed in place: the variable's value is moved
/// out of its slot (`Environment.take`), so when nothing else references its storage the element
/// is set, or the vector or list grown with amortised capacity, without copying the rest; then
/// it is put back. A loop filling a vector or a list by index is linear, not quadratic. A value
/// also held elsewhere (`y = x`, a frame in two variables or in a list) is copied once, as
/// before, and the other holder keeps the old value. Every check that can fail is made before
/// anything changes, and nothing in between polls Ctrl-C, so an error leaves the variable as it was.
extension Interpreter {
    /// `x[i] = v` and `f.col[rows] = v`; `hint` remembers where the variable was (a compiled statement's).
    func assignIndex(_ target: Expr, _ indexExpr: Expr, _ valueExpr: Expr, scope: Frame?,
                     hint: Environment.Hint = Environment.Hint()) throws(PanoramaError) -> Value {
        let value = try evaluate(valueExpr, scope: scope)
        switch target.kind {
        case .name(let name):
            let index: Value
            do {
                guard let current = environment.lookup(name) else {
                    throw .unknownName(name, suggestion: suggestion(for: name, among: environment.visibleNames), at: target.range)
                }
                if case .object(let o) = current, o is ListValue {} else if current.asColumn(name: name) == nil {
                    throw .type("'\(name)' is a \(current.kindName); only a vector or list can be assigned by index", at: target.range)
                }
                index = try evaluate(indexExpr, scope: scope)
            }
            try update(name, hint: hint, at: target.range) { (current: inout Value) throws(PanoramaError) in
                try self.replace(in: &current, name: name, index, value, at: indexExpr.range, valueRange: valueExpr.range)
            }
            return value
        case .member(let frameExpr, let columnName):
            guard case .name(let frameName) = frameExpr.kind else {
                throw .type("'\(ExprPrinter.text(frameExpr))' is not a frame variable", at: frameExpr.range)
            }
            let index: Value
            do {
                guard case .frame(let frame)? = environment.lookup(frameName) else {
                    throw .type("'\(ExprPrinter.text(frameExpr))' is not a frame variable", at: frameExpr.range)
                }
                guard frame.column(columnName) != nil else {
                    let near = suggestion(for: columnName, among: frame.names)
                    // A new column cannot be made row by row (R's p$new[1] = v fills the rest with NA): say how.
                    guard near != nil else {
                        throw .type("no column named '\(columnName)' in '\(frameName)'; make it first (\(frameName).\(columnName) = na), then assign to its rows", at: target.range)
                    }
                    throw .unknownColumn(columnName, suggestion: near, at: target.range)
                }
                index = try evaluate(indexExpr, scope: frame)
            }
            try update(frameName, reserved: false, hint: hint, at: target.range) { (current: inout Value) throws(PanoramaError) in
                let k = current.frameColumnIndex(columnName)
                guard let k, var frame = current.movedFrame() else {
                    throw .type("'\(ExprPrinter.text(frameExpr))' is not a frame variable", at: frameExpr.range)
                }
                // The column moved out of the frame too (its storage then referenced once).
                var column = frame.columns[k]
                frame.columns[k].data = .bool([])
                defer {
                    frame.columns[k] = column
                    current = .frame(frame)
                }
                try self.replace(&column, index, value, of: "'\(frameName).\(columnName)'", at: indexExpr.range, valueRange: valueExpr.range)
            }
            return value
        default:
            throw .syntax("can only assign to x[i] or frame.column[rows]", at: target.range)
        }
    }

    /// Runs `change` on the value of `name`: moved out of its slot when it is a variable of the
    /// running scope (and put back, changed or not), else on a copy then assigned here (a
    /// global assigned from a function body becomes a variable of the call, as `name = v`).
    /// `change` leaves the value as it was when it throws. `reserved`: `ans` and `args` cannot be
    /// changed (a frame's column could, as before).
    private func update(_ name: String, reserved: Bool = true, hint: Environment.Hint, at range: SourceRange,
                        _ change: (inout Value) throws(PanoramaError) -> Void) throws(PanoramaError) {
        let refused = reserved && (name == "ans" || name == "args")
        guard !refused, var current = environment.take(name, hint: hint) else {
            guard var current = environment.lookup(name) else { throw .unknownName(name, suggestion: nil, at: range) }
            try change(&current)
            if refused { try assign(name, current, at: range) } else { set(name, current) }
            return
        }
        do {
            try change(&current)
        } catch {
            environment.put(name, current, hint: hint)
            throw error
        }
        environment.put(name, current, hint: hint)
    }

    /// `current[index] = value` for a list or a vector (a scalar becomes a vector), in place.
    private func replace(in current: inout Value, name: String, _ index: Value, _ value: Value,
                         at range: SourceRange, valueRange: SourceRange) throws(PanoramaError) {
        if var list = current.movedList() {
            defer { current = .object(list) }
            try list.replace(index, with: value, interpreter: self, at: range)
            return
        }
        let original: Value? = if case .vector = current { nil } else { current }
        guard var column = current.movedColumn(name: name) else {
            throw .type("'\(name)' is a \(current.kindName); only a vector or list can be assigned by index", at: range)
        }
        do {
            try replace(&column, index, value, of: "'\(name)'", extending: true, at: range, valueRange: valueRange)
        } catch {
            current = original ?? .vector(column)
            throw error
        }
        current = .vector(column)
    }

    /// Sets the positions `index` selects in `column` to `value`, in place; when `extending` (a
    /// vector variable, not a frame's column) positions just past the end grow it. It throws
    /// before changing anything.
    func replace(_ column: inout Column, _ index: Value, _ value: Value, of what: String, extending: Bool = false,
                 at range: SourceRange, valueRange: SourceRange) throws(PanoramaError) {
        let (p, _) = try positions(index, count: column.count, of: what, extending: extending, at: range)
        guard let v = value.asColumn() else {
            throw .type("cannot store a \(value.kindName) in a vector", at: valueRange)
        }
        guard v.count == 1 || v.count == p.count else {
            throw .type("\(Prose.counted(p.count, "position")) selected but \(Prose.counted(v.count, "value")) given", at: valueRange)
        }
        let allMissing = (0..<v.count).allSatisfy { v.data.isNA($0) }
        // A column of na only (`p.flag = na`) takes the type of the first values stored in it.
        let retyped = v.data.typeName != column.data.typeName && column.data.isAllMissing
        if !retyped { try Interpreter.checkStorable(v.data, allMissing: allMissing, in: column.data, of: what, at: valueRange) }
        let count = max(column.count, (p.max() ?? -1) + 1)
        func source(_ k: Int) -> Int { v.count == 1 ? 0 : k }
        // Moved out of the column, so that a buffer referenced only here is changed in place.
        if retyped { column.data = ColumnData.missing(like: v.data, count: column.count) }
        var data = ColumnData.bool([])
        swap(&data, &column.data)
        switch consume data {
        case .number(var xs):
            xs.append(contentsOf: repeatElement(.nan, count: count - xs.count))  // (amortised: the capacity doubles)
            if case .number(let ys) = v.data { for (k, i) in p.enumerated() { xs[i] = ys[source(k)] } }
            column.data = .number(xs)
        case .bool(var xs):
            xs.append(contentsOf: repeatElement(-1, count: count - xs.count))
            if case .bool(let ys) = v.data { for (k, i) in p.enumerated() { xs[i] = ys[source(k)] } } else { for i in p { xs[i] = -1 } }
            column.data = .bool(xs)
        case .date(var xs, let precision):
            xs.append(contentsOf: repeatElement(ColumnData.naDay, count: count - xs.count))
            guard case .date(let ys, let given) = v.data else {
                for i in p { xs[i] = ColumnData.naDay }
                column.data = .date(xs, precision)
                break
            }
            for (k, i) in p.enumerated() { xs[i] = ys[source(k)] }
            // A day stored among months makes them days (as [a, b] does), rather than losing its day.
            column.data = .date(xs, given == .day ? .day : precision)
        case .text(var t):
            t.codes.append(contentsOf: repeatElement(-1, count: count - t.codes.count))
            // The codes are set in place, the value's levels found or added: re-encoding every
            // string made a loop of s[i] = "…" quadratic (20,000 turns took 30 s).
            var given = [Int32](repeating: -1, count: v.count)
            if case .text(let u) = v.data { given = t.adding(u) }
            for (k, i) in p.enumerated() { t.codes[i] = given[source(k)] }
            column.data = .text(t)
        }
    }

    /// Throws unless values of `given` can be stored in a column of `stored`: the same type, or
    /// `na` only in text, bool or date. R would turn the whole vector into text; here the
    /// conversion is written out.
    private static func checkStorable(_ given: ColumnData, allMissing: Bool, in stored: ColumnData, of what: String,
                                      at range: SourceRange) throws(PanoramaError) {
        switch (stored, given) {
        case (.number, .number), (.bool, .bool), (.date, .date), (.text, .text): return
        case (.text, _), (.bool, _), (.date, _): if allMissing { return }
        default: break
        }
        let convert = switch (given, stored) {
        case (.text, .date): "; read it as a date first with as_date(…)"
        case (.text, _): "; convert it first with as_text(…)"
        case (_, .text): "; convert the value with as_text(…)"
        default: ""
        }
        throw .type("cannot store \(given.typeName) in \(what), which holds \(stored.typeName)\(convert)", at: range)
    }
}

extension Value {
    /// What `extract` finds in this value, which then lets go of it (it becomes `na`) so that the
    /// storage found is referenced only by the result; nil, and nothing changed, when it finds nothing.
    mutating func moved<T>(_ extract: (Value) -> T?) -> T? {
        guard let found = extract(self) else { return nil }
        self = .na
        return found
    }

    /// The list this value holds, moved out.
    mutating func movedList() -> ListValue? {
        moved { if case .object(let o) = $0 { o as? ListValue } else { nil } }
    }

    /// `asColumn(name:)`, a vector's column moved out.
    mutating func movedColumn(name: String) -> Column? {
        guard case .vector = self else { return asColumn(name: name) }
        return moved { if case .vector(let c) = $0 { c } else { nil } }
    }

    /// The position of the frame's column `key` (by identifier or label); nil when it holds no frame or no such column.
    func frameColumnIndex(_ key: String) -> Int? {
        guard case .frame(let f) = self else { return nil }
        return f.columnIndex(key)
    }

    /// The frame this value holds, moved out.
    mutating func movedFrame() -> Frame? {
        moved { if case .frame(let f) = $0 { f } else { nil } }
    }
}
