/// The parser's language constructs: `function`, `if`/`else`, `for`, `while`, `break`, `next`,
/// `{ … }` blocks and `x[i]` indexing. None of these words is reserved: `if`, `for`… only start
/// a construct when followed by `(`, and `break`/`next` only when they stand alone, so a column
/// may still be called `next`.
extension Parser {
    /// A construct starting at the current token, or nil when it starts none.
    mutating func languageConstruct() throws(PanoramaError) -> Expr? {
        let t = current
        if case .punct("{") = t.kind { return try block() }
        guard case .name(let word) = t.kind else { return nil }
        let opensParenthesis = next.kind == .punct("(")
        switch word {
        case "function" where opensParenthesis: return try function()
        case "if" where opensParenthesis: return try conditional()
        case "for" where opensParenthesis: return try forLoop()
        case "while" where opensParenthesis:
            _ = advance()
            let condition = try parenthesized("while")
            let body = try self.body()
            return Expr(.while(condition, body), t.range.through(body.range))
        case "break", "next":
            switch next.kind {
            case .newline, .semicolon, .end, .punct("}"), .punct(")"): break
            case .name("else"): break
            default: return nil
            }
            _ = advance()
            return Expr(word == "break" ? .break : .next, t.range)
        default: return nil
        }
    }

    /// `{ statement; statement … }`; newlines separate statements inside.
    mutating func block() throws(PanoramaError) -> Expr {
        let open = advance()
        var statements: [Statement] = []
        while true {
            while current.kind == .newline || current.kind == .semicolon { _ = advance() }
            if isPunct("}") { break }
            if current.kind == .end {
                throw .syntax("unexpected end of input; '{' is not closed by '}'", at: open.range)
            }
            if case .command = current.kind {
                throw .syntax("dot-commands cannot be used inside '{ }'", at: current.range)
            }
            let statement = try nestedStatement()
            statements.append(statement)
            guard current.kind == .newline || current.kind == .semicolon || isPunct("}") else {
                throw foreignConstruct(statement, followedBy: current) ?? unexpected(current, expecting: "end of statement or '}'")
            }
        }
        let close = advance()
        return Expr(.block(statements), open.range.through(close.range))
    }

    /// A statement nested in a construct (with the parser's depth limit).
    mutating func nestedStatement() throws(PanoramaError) -> Statement {
        var inner: Statement?
        _ = try nested { (p: inout Parser) throws(PanoramaError) -> Expr in
            let s = try p.statement()
            inner = s
            return Expr(.na, s.range)
        }
        return inner ?? .expression(Expr(.na, current.range), silent: true)
    }

    /// The body of a function, branch or loop: an expression, or an assignment (as a block of one).
    mutating func body() throws(PanoramaError) -> Expr {
        skipNewlines()
        if case .command = current.kind { throw unexpected(current, expecting: "an expression") }
        let s = try nestedStatement()
        switch s {
        case .expression(let e, _): return e
        default: return Expr(.block([s]), s.range)
        }
    }

    mutating func parenthesized(_ construct: String) throws(PanoramaError) -> Expr {
        _ = try expect("(", "'(' after '\(construct)'")
        let e = try expression()
        _ = try expect(")", "')' to close '\(construct) ('")
        return e
    }

    mutating func conditional() throws(PanoramaError) -> Expr {
        let start = advance()
        let condition = try parenthesized("if")
        let then = try body()
        // `else` may start the next line (inside braces or a script).
        let saved = position
        skipNewlines()
        guard case .name("else") = current.kind else {
            position = saved
            return Expr(.if(condition, then, nil), start.range.through(then.range))
        }
        _ = advance()
        let otherwise = try body()
        return Expr(.if(condition, then, otherwise), start.range.through(otherwise.range))
    }

    mutating func forLoop() throws(PanoramaError) -> Expr {
        let start = advance()
        _ = try expect("(", "'(' after 'for'")
        guard let name = current.kind.nameText else { throw unexpected(current, expecting: "a variable name after 'for ('") }
        _ = advance()
        guard isOp("in") else { throw unexpected(current, expecting: "'in', as in for (x in xs)") }
        _ = advance()
        let sequence = try expression()
        _ = try expect(")", "')' to close 'for ('")
        let body = try self.body()
        return Expr(.for(name, sequence, body), start.range.through(body.range))
    }

    mutating func function() throws(PanoramaError) -> Expr {
        let start = advance()
        _ = advance()  // (
        var parameters: [FunctionLiteral.Parameter] = []
        while !isPunct(")") {
            if isPunct(".") { throw .syntax("there is no '...'; a function takes named parameters (a list or vector passes several values)", at: current.range) }
            guard let name = current.kind.nameText else { throw unexpected(current, expecting: "a parameter name") }
            let at = advance()
            if parameters.contains(where: { $0.name == name }) {
                throw .syntax("parameter '\(name)' appears twice", at: at.range)
            }
            var value: Expr?
            if isPunct("=") {
                _ = advance()
                value = try expression()
            }
            parameters.append(.init(name: name, defaultValue: value))
            if isPunct(",") { _ = advance() } else { break }
        }
        _ = try expect(")", "')' to close the parameter list")
        let body = try self.body()
        let literal = FunctionLiteral(parameters: parameters, body: body, documentation: docComment(above: start.range))
        return Expr(.function(literal), start.range.through(body.range))
    }

    /// The `#'` lines just above the line where `range` starts (R's roxygen convention).
    func docComment(above range: SourceRange) -> String {
        let bytes = Array(text.utf8)
        var lineStart = min(range.offset, bytes.count)
        while lineStart > 0 && bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lines: [String] = []
        var end = lineStart - 1
        while end > 0 {
            var start = end
            while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            let line = String(decoding: bytes[start..<end], as: UTF8.self).trimmingTrailingSpaces()
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("#'") else { break }
            lines.insert(String(trimmed.dropFirst(2).drop { $0 == " " }), at: 0)
            end = start - 1
        }
        return lines.joined(separator: "\n")
    }

    /// `target[index]`, after `target` was parsed.
    mutating func index(_ target: Expr) throws(PanoramaError) -> Expr {
        _ = advance()
        if isPunct("]") { throw unexpected(current, expecting: "an index, as in x[2] or x[2:5]") }
        let i = try expression()
        if isPunct(",") {
            throw .syntax("an index takes one value; for a frame's column write f.col[rows] or column(f, name)[rows]",
                          at: current.range)
        }
        let close = try expect("]", "']' to close the index")
        return Expr(.index(target, i), target.range.through(close.range))
    }

    /// `x[i] = v` or `f.col[rows] = v`, after `x[i]` and `=` were parsed.
    func indexAssignment(_ target: Expr, _ value: Expr, equals: Token) throws(PanoramaError) -> Statement {
        guard case .index(let indexed, let i) = target.kind else {
            throw .syntax("can only assign to a name, frame.column or x[i]", at: equals.range)
        }
        var assignable = false
        if case .name = indexed.kind { assignable = true }
        if case .member(let frame, _) = indexed.kind, case .name = frame.kind { assignable = true }
        guard assignable else {
            throw .syntax("can only assign to x[i] or frame.column[rows] when x or frame is a variable", at: equals.range)
        }
        return .assignIndex(target: indexed, index: i, value, silent: false, range: target.range.through(value.range))
    }
}

extension Statement {
    /// The whole statement's source range.
    var range: SourceRange {
        switch self {
        case .assign(_, _, _, let r), .assignColumn(_, _, _, _, let r), .assignIndex(_, _, _, _, let r),
             .command(_, _, let r): r
        case .expression(let e, _): e.range
        }
    }
}

extension Expr {
    /// The variable an assignment target starts from: `x` in `x[2]` and in `f.col[2]`.
    var rootName: String? {
        switch kind {
        case .name(let n): n
        case .member(let t, _), .index(let t, _): t.rootName
        default: nil
        }
    }
}
