/// Constructs of other languages written with a word (`def f(x):`, `elif`, `lambda x:`,
/// `repeat`, `return x`, `if x > 1 {`): refused in words with panorama's spelling, as
/// `Lexer.missingOperator` does for operators, instead of "unexpected name; expected end of
/// statement".
extension Parser {
    /// The error for `statement` followed by the unexpected token `next`, when the pair reads
    /// as another language's construct; nil otherwise.
    func foreignConstruct(_ statement: Statement, followedBy next: Token) -> PanoramaError? {
        if case .name(let word) = next.kind, let message = Parser.foreignFollower[word] {
            return .syntax(message, at: next.range)
        }
        let last: Expr
        switch statement {
        case .expression(let e, _), .assign(_, let e, _, _): last = Parser.rightmost(e)
        default: return nil
        }
        guard case .name(let word) = last.kind, let message = Parser.foreignLeader[word] else { return nil }
        return .syntax(message, at: last.range)
    }

    /// The expression that ends `e` in the source: a function's body, a branch, a loop's body
    /// (`f = function(x) return x` ends with the word `return`).
    static func rightmost(_ e: Expr) -> Expr {
        switch e.kind {
        case .function(let f): rightmost(f.body)
        case .if(_, let then, let otherwise): rightmost(otherwise ?? then)
        case .for(_, _, let body), .while(_, let body): rightmost(body)
        default: e
        }
    }

    /// Words that start another language's construct, and what to write instead.
    static let foreignLeader: [String: String] = {
        var out: [String: String] = [
            "function": "a function has no name of its own: write name = function(x) body",
            "lambda": "there is no 'lambda'; write function(x) body",
            "repeat": "there is no 'repeat'; write while (true) { … } and leave it with break",
            "do": "there is no 'do … while'; write while (condition) { … }",
            "return": "return takes parentheses: return(value)",
            "if": "'if' takes its condition in parentheses: if (condition) a else b",
            "while": "'while' takes its condition in parentheses: while (condition) body",
            "for": "'for' takes parentheses: for (x in xs) body",
            "else": "'else' must follow an if on the same statement: if (condition) a else b",
        ]
        for word in ["def", "fn", "func", "fun", "sub", "proc", "let", "var", "const", "local"] {
            out[word] = word == "let" || word == "var" || word == "const" || word == "local"
                ? "there is no '\(word)'; assign with name = value"
                : "there is no '\(word)'; define a function with name = function(x) body"
        }
        return out
    }()

    /// Words that continue another language's construct after a complete statement.
    static let foreignFollower: [String: String] = [
        "elif": "there is no 'elif'; write else if (condition) …",
        "elsif": "there is no 'elsif'; write else if (condition) …",
        "elseif": "there is no 'elseif'; write else if (condition) …",
        "then": "there is no 'then'; write if (condition) a else b",
    ]
}
