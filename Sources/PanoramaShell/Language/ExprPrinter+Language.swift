/// Source text of the language constructs (for messages and a function's printed default values).
extension ExprPrinter {
    static func constructText(_ e: Expr) -> String {
        switch e.kind {
        case .function(let f): return "function" + f.parameterList + " " + text(f.body)
        case .block(let statements): return "{ " + statements.map(statementText).joined(separator: "; ") + " }"
        case .if(let c, let a, let b): return "if (\(text(c))) \(text(a))" + (b.map { " else " + text($0) } ?? "")
        case .for(let n, let s, let b): return "for (\(n) in \(text(s))) \(text(b))"
        case .while(let c, let b): return "while (\(text(c))) \(text(b))"
        case .break: return "break"
        case .next: return "next"
        case .index(let t, let i): return text(t, parent: 12) + "[" + text(i) + "]"
        default: return "…"
        }
    }

    static func statementText(_ s: Statement) -> String {
        switch s {
        case .assign(let n, let e, _, _): return n + " = " + text(e)
        case .assignColumn(let f, let c, let e, _, _): return f + "." + c + " = " + text(e)
        case .assignIndex(let t, let i, let e, _, _): return text(t) + "[" + text(i) + "] = " + text(e)
        case .expression(let e, _): return text(e)
        case .command(let n, let a, _): return ([n] + a).joined(separator: " ")
        }
    }
}
