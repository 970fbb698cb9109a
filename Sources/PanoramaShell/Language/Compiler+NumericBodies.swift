/// Function bodies run unboxed with locals: `function(x) { y = x * 2; if (y > 10) y else -y }`.
/// A call of such a function (`Interpreter.numericCall`) keeps its parameters and then its
/// locals as plain numbers on `Interpreter.numbers`, and makes no scope: assigning a
/// local there changes nothing outside the call, so the body stays free of side effects and,
/// when it cannot answer, the call is made again in full (as for arithmetic, Compiler+Numbers.swift).
extension Compiler {
    /// The names a body assigns in its blocks and their `if` branches (its locals), in order of
    /// first assignment; function literals inside it are not looked into. An assignment
    /// elsewhere (inside an operand) is not found, and the body is then not compiled unboxed.
    static func assignedNames(_ expr: Expr) -> [String] {
        var names: [String] = []
        var pending = [expr]
        while let e = pending.popLast() {
            switch e.kind {
            case .block(let statements):
                for case .assign(let name, let value, _, _) in statements where !names.contains(name) {
                    names.append(name)
                    pending.append(value)
                }
                for case .expression(let value, _) in statements { pending.append(value) }
            case .if(let condition, let then, let otherwise):
                pending += [condition, then] + (otherwise.map { [$0] } ?? [])
            default:
                break
            }
        }
        return names
    }

    /// `{ y = x * 2; y + 1 }` in a body: each statement unboxed, an assignment storing its number
    /// in the local's slot; the last statement's number is the block's.
    static func block(_ statements: [Statement], budget: inout Int, names: NumericNames) -> Compiler.Operand? {
        var steps: [Unboxed] = []
        for statement in statements {
            switch statement {
            case .expression(let expr, _):
                guard let n = number(expr, budget: &budget, names: names) else { return nil }
                steps.append(n)
            case .assign(let name, let expr, _, _):
                // `ans` and `args` cannot be assigned: the general path says so.
                guard name != "ans", name != "args", let k = names.slots.firstIndex(of: name),
                      let n = number(expr, budget: &budget, names: names) else { return nil }
                steps.append(Unboxed(read: { interpreter, scope in
                    guard let x = n.read(interpreter, scope) else { return nil }
                    interpreter.numbers.frame[k] = x
                    return x
                }))
            default:
                return nil
            }
        }
        guard let last = steps.popLast() else { return nil }
        guard !steps.isEmpty else { return .tree(last.read) }
        // A constant, not the captured variable (checked for exclusive access on each call).
        let before = steps
        return .tree { interpreter, scope in
            for step in before where step.read(interpreter, scope) == nil { return nil }
            return last.read(interpreter, scope)
        }
    }
}
