import PanoramaKit

/// Prints a syntax tree back as canonical source text (`log(cost) ~ duration + C(phase)`).
///
/// Used for formula text and for the names of computed terms, so it must be stable.
public enum ExprPrinter {
    public static func text(_ e: Expr) -> String { text(e, parent: 0) }

    static func precedence(_ op: BinaryOperator) -> Int {
        switch op {
        case .or: 3
        case .and: 4
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in: 6
        case .add, .subtract: 7
        case .multiply, .divide, .remainder: 8
        case .colon: 9
        case .power: 11
        }
    }

    static func text(_ e: Expr, parent: Int) -> String {
        switch e.kind {
        case .number(let x): return JSON.numberText(x)
        case .string(let s): return JSON.string(s).text
        case .bool(let b): return b ? "true" : "false"
        case .na: return "na"
        case .name(let n):
            let plain = n.first.map { $0.isLetter || $0 == "_" } == true
                && n.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            return plain ? n : "`\(n)`"
        case .vector(let items): return "[" + items.map { text($0) }.joined(separator: ", ") + "]"
        case .member(let t, let n): return text(t, parent: 12) + "." + n
        case .call:
            // Nested through the first argument (a pipe chain): printed from the inside out.
            var spine: [(callee: Expr, arguments: [CallArgument])] = []
            var node = e
            while case .call(let callee, let args) = node.kind {
                spine.append((callee, args))
                guard let first = args.first, first.label == nil, case .call = first.value.kind else { break }
                node = first.value
            }
            var inner: String?
            for (callee, args) in spine.reversed() {
                let texts = args.enumerated().map { i, a in
                    i == 0 && inner != nil ? inner ?? "" : (a.label.map { "\($0)=" } ?? "") + text(a.value)
                }
                inner = text(callee, parent: 12) + "(" + texts.joined(separator: ", ") + ")"
            }
            return inner ?? ""
        case .unary(.negate, let x):
            let s = "-" + text(x, parent: 10)
            return parent > 10 ? "(\(s))" : s
        case .unary(.not, let x):
            let s = "not " + text(x, parent: 5)
            return parent > 5 ? "(\(s))" : s
        case .binary:
            // A left-associative chain, printed with a loop from its first operand outwards;
            // each node is bracketed when the node holding it (or `parent`) binds tighter.
            let chain = e.leftChain { _ in true }
            let ops = chain.steps.map(\.op)
            func leftParent(_ op: BinaryOperator) -> Int { op == .power ? precedence(op) + 1 : precedence(op) }
            var s = text(chain.first, parent: ops.first.map(leftParent) ?? parent)
            for (k, op) in ops.enumerated() {
                let p = precedence(op)
                let spaced = op == .power || op == .colon ? op.rawValue : " \(op.rawValue) "
                s += spaced + text(chain.steps[k].right, parent: op == .power ? p : p + 1)
                let holder = k + 1 < ops.count ? leftParent(ops[k + 1]) : parent
                if holder > p { s = "(\(s))" }
            }
            return s
        case .formula(let l, let r):
            let s = (l.map { text($0, parent: 2) + " " } ?? "") + "~ " + text(r, parent: 2)
            return parent > 1 ? "(\(s))" : s
        default:
            return constructText(e)
        }
    }
}
