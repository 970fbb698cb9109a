/// The syntax tree of the panorama language. Every node knows where it came from.
public indirect enum ExprKind: Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case na
    /// A bare or back-quoted name.
    case name(String)
    /// `[a, b, c]`
    case vector([Expr])
    /// `target.member`
    case member(Expr, String)
    /// `callee(args…)`; the callee is a name for builtins.
    case call(Expr, [CallArgument])
    /// `-x`, `not x`
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `y ~ x` or `~ x`
    case formula(Expr?, Expr)
    /// `function(x, by="a") body`
    case function(FunctionLiteral)
    /// `{ a; b }`: statements run in order, the last one's value is the block's.
    case block([Statement])
    /// `if (cond) a else b`
    case `if`(Expr, Expr, Expr?)
    /// `for (name in sequence) body`
    case `for`(String, Expr, Expr)
    /// `while (cond) body`
    case `while`(Expr, Expr)
    /// `break` and `next` inside a loop.
    case `break`, next
    /// `target[index]`
    case index(Expr, Expr)
}

public struct Expr: Sendable {
    public var kind: ExprKind
    public var range: SourceRange

    public init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// One argument in a call: positional (`label == nil`) or keyword.
public struct CallArgument: Sendable {
    public var label: String?
    public var value: Expr
    /// The range of the whole argument (label included).
    public var range: SourceRange
}

public enum UnaryOperator: String, Sendable {
    case negate = "-", not = "not"
}

public enum BinaryOperator: String, Sendable {
    case power = "^", multiply = "*", divide = "/", remainder = "%", add = "+", subtract = "-"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in", and = "and", or = "or"
    /// `a:b` — interaction, meaningful in formulas only.
    case colon = ":"
}

/// A statement: an assignment, a bare expression (printed unless silenced), or a dot-command.
public enum Statement: Sendable {
    case assign(name: String, Expr, silent: Bool, range: SourceRange)
    case assignColumn(frame: String, column: String, Expr, silent: Bool, range: SourceRange)
    /// `x[i] = v` or `f.col[rows] = v`: `target` is the name or `name.column` indexed.
    case assignIndex(target: Expr, index: Expr, Expr, silent: Bool, range: SourceRange)
    case expression(Expr, silent: Bool)
    case command(name: String, arguments: [String], range: SourceRange)
}

extension Expr {
    /// One step of a left-associative chain: the operator, its right operand, and the range of
    /// the node it builds.
    public struct ChainStep: Sendable {
        public var op: BinaryOperator
        public var right: Expr
        public var range: SourceRange
    }

    /// `a + b - c …` as its first operand and the steps after it, innermost first, for the
    /// operators `include` accepts. Found with a loop: walking a generated line of thousands of
    /// terms recursively would overflow the stack, so every tree walk goes through this.
    public func leftChain(_ include: (BinaryOperator) -> Bool) -> (first: Expr, steps: [ChainStep]) {
        var steps: [ChainStep] = []
        var node = self
        while case .binary(let op, let l, let r) = node.kind, include(op) {
            steps.append(ChainStep(op: op, right: r, range: node.range))
            node = l
        }
        return (node, steps.reversed())
    }
}
