/// Parses statement text into statements. Recursive descent with precedence climbing.
///
/// Precedence, lowest first: `|>`; `~`; `or`; `and`; `not`; comparisons and `in`; `+ -`;
/// `* / %`; `:`; unary `-`; `^` (right-associative); calls, `.member`.
public struct Parser {
    /// Deeper nesting than this is refused (no stack overflow on garbage input).
    static let maximumDepth = 200
    /// Operators in chains open at once (`1 + 1 + …`, `|>`), see `link`.
    static let maximumChain = 10_000

    var tokens: [Token]
    var position = 0
    var depth = 0
    /// Operator links of the chains being parsed (see `link`).
    var chain = 0
    let text: String

    public init(_ text: String) throws(PanoramaError) {
        var lexer = Lexer(text)
        self.tokens = try lexer.tokenize()
        self.text = text
    }

    /// Parses every statement of `text`.
    public static func parse(_ text: String) throws(PanoramaError) -> [Statement] {
        var parser = try Parser(text)
        return try parser.statements()
    }

    /// Whether `text` is a complete input: no open bracket or string, and not ending with an
    /// operator, `|>`, `,` or `=` (the REPL then keeps reading with a continuation prompt).
    public static func isComplete(_ text: String) -> Bool {
        var lexer = Lexer(text)
        guard let tokens = try? lexer.tokenize() else { return !lexer.unterminated }
        var depth = 0
        for t in tokens {
            if case .punct(let c) = t.kind {
                if c == "(" || c == "[" || c == "{" { depth += 1 }
                if c == ")" || c == "]" || c == "}" { depth -= 1 }
            }
        }
        if depth > 0 { return false }
        let meaningful = tokens.filter { $0.kind != .end && $0.kind != .newline }
        guard let last = meaningful.last else { return true }
        switch last.kind {
        case .op(let o): return !(Lexer.operators.contains(o) || ["and", "or", "not", "in"].contains(o))
        case .punct(let c): return !(c == "," || c == "=" || c == ".")
        default: return true
        }
    }

    var current: Token { tokens[position] }

    /// The token after the current one (the end-of-input token at the end).
    var next: Token { tokens[min(position + 1, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .number: "number"
        case .string: "string"
        case .name(let n), .quotedName(let n): "name '\(n)'"
        case .op(let o): "'\(o)'"
        case .punct(let c): "'\(c)'"
        case .newline: "end of line"
        case .semicolon: "';'"
        case .command(let c): "'\(c.split(separator: " ").first ?? "")'"
        case .end: "end of input"
        }
    }

    func unexpected(_ t: Token, expecting: String? = nil) -> PanoramaError {
        var message = "unexpected \(describe(t))"
        if let expecting { message += "; expected \(expecting)" }
        return .syntax(message, at: t.range)
    }

    mutating func expect(_ c: Character, _ what: String) throws(PanoramaError) -> Token {
        guard case .punct(c) = current.kind else { throw unexpected(current, expecting: what) }
        return advance()
    }

    func isPunct(_ c: Character) -> Bool {
        if case .punct(c) = current.kind { return true }
        return false
    }

    func isOp(_ o: String) -> Bool {
        if case .op(o) = current.kind { return true }
        return false
    }

    // MARK: Statements

    public mutating func statements() throws(PanoramaError) -> [Statement] {
        var out: [Statement] = []
        while true {
            while current.kind == .newline || current.kind == .semicolon { _ = advance() }
            if current.kind == .end { return out }
            var statement = try self.statement()
            // A trailing ';' silences the statement.
            if current.kind == .semicolon {
                statement = statement.silenced
                _ = advance()
            } else if current.kind != .newline && current.kind != .end {
                throw foreignConstruct(statement, followedBy: current) ?? unexpected(current, expecting: "end of statement")
            }
            out.append(statement)
        }
    }

    mutating func statement() throws(PanoramaError) -> Statement {
        if case .command(let text) = current.kind {
            let t = advance()
            let words = Parser.commandWords(text)
            return .command(name: words[0], arguments: Array(words.dropFirst()), range: t.range)
        }
        let expr = try expression()
        guard isPunct("=") else { return .expression(expr, silent: false) }
        let equals = advance()
        switch expr.kind {
        case .name(let name):
            let value = try expression()
            return .assign(name: name, value, silent: false, range: expr.range.through(value.range))
        case .member(let target, let column):
            guard case .name(let frame) = target.kind else {
                throw .syntax("can only assign to a name or to frame.column", at: equals.range)
            }
            let value = try expression()
            return .assignColumn(frame: frame, column: column, value, silent: false,
                                 range: expr.range.through(value.range))
        default:
            let value = try expression()
            return try indexAssignment(expr, value, equals: equals)
        }
    }

    /// Splits a dot-command line into words; double quotes group words.
    static func commandWords(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for ch in text {
            if ch == "\"" { quoted.toggle(); started = true; continue }
            if (ch == " " || ch == "\t") && !quoted {
                if started { words.append(word); word = ""; started = false }
                continue
            }
            word.append(ch)
            started = true
        }
        if started { words.append(word) }
        return words.isEmpty ? [text] : words
    }

    // MARK: Expressions

    public mutating func expression() throws(PanoramaError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw .syntax("expression nested too deeply (more than \(Parser.maximumDepth) levels)", at: current.range)
        }
        return try pipe()
    }

    mutating func pipe() throws(PanoramaError) -> Expr {
        var left = try formula()
        var links = 0
        defer { chain -= links }
        while isOp("|>") {
            try link(&links, operator: true)
            let op = advance()
            skipNewlines()
            let right = try formula()
            guard case .call(let callee, var arguments) = right.kind else {
                throw .syntax("the right side of '|>' must be a call, like f(…)", at: right.range.length > 0 ? right.range : op.range)
            }
            arguments.insert(CallArgument(label: nil, value: left, range: left.range), at: 0)
            left = Expr(.call(callee, arguments), left.range.through(right.range))
        }
        return left
    }

    /// After an operator a statement continues on the next line.
    mutating func skipNewlines() {
        while current.kind == .newline { _ = advance() }
    }

    mutating func formula() throws(PanoramaError) -> Expr {
        if isOp("~") {
            let tilde = advance()
            let rhs = try or()
            return Expr(.formula(nil, rhs), tilde.range.through(rhs.range))
        }
        let left = try or()
        if isOp("~") {
            _ = advance()
            skipNewlines()
            let rhs = try or()
            return Expr(.formula(left, rhs), left.range.through(rhs.range))
        }
        return left
    }

    mutating func or() throws(PanoramaError) -> Expr {
        var left = try and()
        var links = 0
        defer { chain -= links }
        while isOp("or") {
            try link(&links, operator: true)
            _ = advance(); skipNewlines()
            let right = try and()
            left = Expr(.binary(.or, left, right), left.range.through(right.range))
        }
        return left
    }

    mutating func and() throws(PanoramaError) -> Expr {
        var left = try not()
        var links = 0
        defer { chain -= links }
        while isOp("and") {
            try link(&links, operator: true)
            _ = advance(); skipNewlines()
            let right = try not()
            left = Expr(.binary(.and, left, right), left.range.through(right.range))
        }
        return left
    }

    mutating func not() throws(PanoramaError) -> Expr {
        if isOp("not") {
            let t = advance()
            let operand = try nested { (p: inout Parser) throws(PanoramaError) in try p.not() }
            return Expr(.unary(.not, operand), t.range.through(operand.range))
        }
        return try comparison()
    }

    mutating func comparison() throws(PanoramaError) -> Expr {
        let left = try additive()
        let ops: [String: BinaryOperator] = ["==": .equal, "!=": .notEqual, "<": .less, "<=": .lessEqual,
                                             ">": .greater, ">=": .greaterEqual, "in": .in]
        guard case .op(let o) = current.kind, let op = ops[o] else { return left }
        _ = advance(); skipNewlines()
        let right = try additive()
        let result = Expr(.binary(op, left, right), left.range.through(right.range))
        if case .op(let o2) = current.kind, ops[o2] != nil {
            throw .syntax("comparisons cannot be chained; use 'and'", at: current.range)
        }
        return result
    }

    mutating func additive() throws(PanoramaError) -> Expr {
        var left = try multiplicative()
        var links = 0
        defer { chain -= links }
        while case .op(let o) = current.kind, o == "+" || o == "-" {
            try link(&links, operator: true)
            _ = advance(); skipNewlines()
            let right = try multiplicative()
            left = Expr(.binary(o == "+" ? .add : .subtract, left, right), left.range.through(right.range))
        }
        return left
    }

    mutating func multiplicative() throws(PanoramaError) -> Expr {
        var left = try interaction()
        var links = 0
        defer { chain -= links }
        while case .op(let o) = current.kind, o == "*" || o == "/" || o == "%" {
            try link(&links, operator: true)
            _ = advance(); skipNewlines()
            let right = try interaction()
            let op: BinaryOperator = o == "*" ? .multiply : o == "/" ? .divide : .remainder
            left = Expr(.binary(op, left, right), left.range.through(right.range))
        }
        return left
    }

    mutating func interaction() throws(PanoramaError) -> Expr {
        var left = try unary()
        var links = 0
        defer { chain -= links }
        while isOp(":") {
            try link(&links, operator: true)
            _ = advance(); skipNewlines()
            let right = try unary()
            left = Expr(.binary(.colon, left, right), left.range.through(right.range))
        }
        return left
    }

    mutating func unary() throws(PanoramaError) -> Expr {
        if isOp("-") {
            let t = advance()
            let operand = try nested { (p: inout Parser) throws(PanoramaError) in try p.unary() }
            return Expr(.unary(.negate, operand), t.range.through(operand.range))
        }
        if isOp("+") {
            _ = advance()
            return try nested { (p: inout Parser) throws(PanoramaError) in try p.unary() }
        }
        return try power()
    }

    mutating func power() throws(PanoramaError) -> Expr {
        let base = try postfix()
        guard isOp("^") else { return base }
        _ = advance(); skipNewlines()
        let exponent = try nested { (p: inout Parser) throws(PanoramaError) in try p.unary() }
        return Expr(.binary(.power, base, exponent), base.range.through(exponent.range))
    }

    mutating func nested(_ body: (inout Parser) throws(PanoramaError) -> Expr) throws(PanoramaError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw .syntax("expression nested too deeply (more than \(Parser.maximumDepth) levels)", at: current.range)
        }
        return try body(&self)
    }

    /// One more link of a chain built in a loop, which nests the expression so far one level
    /// deeper until the chain ends (`links` is undone then): a call, `[ ]` or `.name` after
    /// another counts as a bracket does (1,000 chained `[1]` overflowed the stack when
    /// evaluated); an operator or `|>` of a chain counts toward `maximumChain` (7,000 terms of a
    /// generated sum run, 10⁵ overflowed the stack when the tree was freed).
    mutating func link(_ links: inout Int, operator: Bool = false) throws(PanoramaError) {
        links += 1
        if `operator` {
            chain += 1
            guard chain <= Parser.maximumChain else {
                throw .syntax("a chain of more than \(Parser.maximumChain) operators is too long; split it with variables", at: current.range)
            }
            return
        }
        depth += 1
        guard depth <= Parser.maximumDepth else {
            throw .syntax("expression nested too deeply (more than \(Parser.maximumDepth) levels; each call, [ ] or .name of a chain is one): split it with variables", at: current.range)
        }
    }

    mutating func postfix() throws(PanoramaError) -> Expr {
        var expr = try primary()
        var links = 0
        defer { depth -= links }
        while true {
            if isPunct("(") || isPunct("[") || isPunct(".") { try link(&links) }
            if isPunct("(") {
                _ = advance()
                let arguments = try callArguments()
                let close = try expect(")", "')' to close the call")
                expr = Expr(.call(expr, arguments), expr.range.through(close.range))
            } else if isPunct("[") {
                expr = try index(expr)
            } else if isPunct(".") {
                _ = advance()
                switch current.kind {
                case .name(let n), .quotedName(let n):
                    let t = advance()
                    expr = Expr(.member(expr, n), expr.range.through(t.range))
                default:
                    throw unexpected(current, expecting: "a column or member name after '.'")
                }
            } else {
                return expr
            }
        }
    }

    mutating func callArguments() throws(PanoramaError) -> [CallArgument] {
        var arguments: [CallArgument] = []
        if isPunct(")") { return arguments }
        while true {
            var label: String?
            var start = current.range
            // `na=` is a keyword argument too (load's missing markers), though `na` is a keyword.
            if case .punct("=") = next.kind,
               let n = current.kind.nameText ?? (current.kind == .op("na") ? "na" : nil) {
                label = n
                start = advance().range
                _ = advance()
            }
            let value = try expression()
            arguments.append(CallArgument(label: label, value: value, range: start.through(value.range)))
            if isPunct(",") {
                _ = advance()
                if isPunct(")") { return arguments }  // a trailing comma is fine
                continue
            }
            return arguments
        }
    }

    mutating func primary() throws(PanoramaError) -> Expr {
        if let construct = try languageConstruct() { return construct }
        let t = current
        switch t.kind {
        case .number(let x): _ = advance(); return Expr(.number(x), t.range)
        case .string(let s): _ = advance(); return Expr(.string(s), t.range)
        case .name(let n), .quotedName(let n): _ = advance(); return Expr(.name(n), t.range)
        case .op("true"): _ = advance(); return Expr(.bool(true), t.range)
        case .op("false"): _ = advance(); return Expr(.bool(false), t.range)
        case .op("na"): _ = advance(); return Expr(.na, t.range)
        case .punct("("):
            _ = advance()
            var inner = try expression()
            let close = try expect(")", "')'")
            inner.range = t.range.through(close.range)
            return inner
        case .punct("["):
            _ = advance()
            var items: [Expr] = []
            while !isPunct("]") {
                items.append(try expression())
                if isPunct(",") { _ = advance() } else { break }
            }
            let close = try expect("]", "']' to close the vector")
            return Expr(.vector(items), t.range.through(close.range))
        case .end:
            throw .syntax("unexpected end of input; the expression is incomplete", at: t.range)
        default:
            throw unexpected(t)
        }
    }
}

extension Statement {
    var silenced: Statement {
        switch self {
        case .assign(let n, let e, _, let r): .assign(name: n, e, silent: true, range: r)
        case .assignColumn(let f, let c, let e, _, let r): .assignColumn(frame: f, column: c, e, silent: true, range: r)
        case .assignIndex(let t, let i, let e, _, let r): .assignIndex(target: t, index: i, e, silent: true, range: r)
        case .expression(let e, _): .expression(e, silent: true)
        case .command: self
        }
    }
}

extension Token.Kind {
    /// The name of a bare or back-quoted name token (a keyword label may be either).
    var nameText: String? {
        switch self {
        case .name(let n), .quotedName(let n): n
        default: nil
        }
    }
}
