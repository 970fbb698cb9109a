/// Turns statement text into tokens with exact positions.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case name(String)
        /// A back-quoted name: never a keyword.
        case quotedName(String)
        case op(String)
        /// `(` `)` `[` `]` `{` `}` `,` `.` `=`
        case punct(Character)
        case newline
        case semicolon
        /// A dot-command line, whole: `.mode json`.
        case command(String)
        case end
    }
    public var kind: Kind
    public var range: SourceRange
}

public struct Lexer {
    static let keywords: Set<String> = ["true", "false", "na", "in", "not", "and", "or"]
    static let operators = ["|>", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "^", "~", ":"]
    static let operatorBytes = operators.map { Array($0.utf8) }

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    /// The open brackets, innermost last: a newline is a blank inside `(` or `[` but ends a
    /// statement inside `{` (a function body or loop body passed as an argument).
    var open: [UInt8] = []
    /// True when an unclosed string or back-quote ran to the end (the REPL keeps reading).
    public private(set) var unterminated = false

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The last column computed: its line's start, its offset and its character count from
    /// there. Columns are counted on from it, so a long line costs linear time, not quadratic.
    var counted = (lineStart: 0, offset: 0, characters: 0)

    mutating func range(from start: Int, line: Int, lineStart: Int) -> SourceRange {
        if counted.lineStart != lineStart || counted.offset > start { counted = (lineStart, lineStart, 0) }
        counted.characters += String(decoding: bytes[counted.offset..<start], as: UTF8.self).count
        counted.offset = start
        return SourceRange(line: line, column: counted.characters + 1, offset: start, length: index - start)
    }

    /// All tokens, ending with `.end`.
    public mutating func tokenize() throws(PanoramaError) -> [Token] {
        var tokens: [Token] = []
        var atStatementStart = true
        while true {
            let t = try next(atStatementStart: atStatementStart)
            switch t.kind {
            case .newline, .semicolon: atStatementStart = true
            default: atStatementStart = false
            }
            tokens.append(t)
            if t.kind == .end { return tokens }
        }
    }

    mutating func next(atStatementStart: Bool) throws(PanoramaError) -> Token {
        // Skip blanks and comments; newlines inside brackets are blanks.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                index += 1
            } else if let blank = unicodeBlankLength(at: index) {
                index += blank
            } else if b == UInt8(ascii: "#") {
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if b == UInt8(ascii: "\n") && open.last.map({ $0 != UInt8(ascii: "{") }) == true {
                index += 1
                line += 1
                lineStart = index
            } else {
                break
            }
        }
        let start = index, startLine = line, startLineStart = lineStart
        func token(_ kind: Token.Kind) -> Token {
            Token(kind: kind, range: range(from: start, line: startLine, lineStart: startLineStart))
        }
        guard index < bytes.count else { return token(.end) }
        let b = bytes[index]

        if b == UInt8(ascii: "\n") {
            index += 1
            let t = token(.newline)
            line += 1
            lineStart = index
            return t
        }
        if b == UInt8(ascii: ";") { index += 1; return token(.semicolon) }

        // A dot-command or `?name` takes the rest of the line, at the start of a statement.
        if atStatementStart && depth == 0 && (b == UInt8(ascii: ".") || b == UInt8(ascii: "?")),
           index + 1 < bytes.count, isLetter(bytes[index + 1]) || (b == UInt8(ascii: "?")) {
            while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            var text = String(decoding: bytes[start..<index], as: UTF8.self)
            if text.hasPrefix("?") { text = ".help " + text.dropFirst() }
            return token(.command(text.trimmingTrailingSpaces()))
        }

        if isDigit(b) || (b == UInt8(ascii: ".") && index + 1 < bytes.count && isDigit(bytes[index + 1])) {
            return try number(start: (start, startLine, startLineStart))
        }
        if isLetter(b) || nameCharacterLength(at: index, first: true) != nil {
            while index < bytes.count {
                if isLetter(bytes[index]) || isDigit(bytes[index]) {
                    index += 1
                } else if let length = nameCharacterLength(at: index, first: false) {
                    index += length
                } else {
                    break
                }
            }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            return token(Lexer.keywords.contains(word) ? .op(word) : .name(word))
        }
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return try string(quote: b, start: (start, startLine, startLineStart)) }
        if b == UInt8(ascii: "`") {
            index += 1
            let contentStart = index
            while index < bytes.count && bytes[index] != UInt8(ascii: "`") && bytes[index] != UInt8(ascii: "\n") {
                index += 1
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "`") else {
                unterminated = true
                throw .syntax("unclosed back-quoted name", at: token(.end).range)
            }
            let name = String(decoding: bytes[contentStart..<index], as: UTF8.self)
            index += 1
            return token(.quotedName(name))
        }
        if "([{".utf8.contains(b) {
            depth += 1; open.append(b); index += 1
            return token(.punct(Character(Unicode.Scalar(b))))
        }
        if ")]}".utf8.contains(b) {
            depth = max(0, depth - 1); _ = open.popLast(); index += 1
            return token(.punct(Character(Unicode.Scalar(b))))
        }
        if let missing = missingOperator(at: b) {
            throw .syntax(missing, at: token(.end).range)
        }
        if b == UInt8(ascii: ",") || b == UInt8(ascii: ".") {
            index += 1
            return token(.punct(Character(Unicode.Scalar(b))))
        }
        for (op, u) in zip(Lexer.operators, Lexer.operatorBytes) {
            if index + u.count <= bytes.count && bytes[index..<(index + u.count)].elementsEqual(u) {
                index += u.count
                return token(.op(op))
            }
        }
        if b == UInt8(ascii: "=") { index += 1; return token(.punct("=")) }
        // Anything else: one whole character, reported as unexpected.
        index += 1
        while index < bytes.count && (bytes[index] & 0xC0) == 0x80 { index += 1 }
        let ch = String(decoding: bytes[start..<index], as: UTF8.self)
        if let c = ch.unicodeScalars.first, let instead = Lexer.lookAlike(c) { throw .syntax(instead, at: token(.end).range) }
        let shown = ch.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFFFD } == true
            ? "byte 0x" + String(bytes[start], radix: 16) : "'\(ch)'"
        throw .syntax("unexpected character \(shown)", at: token(.end).range)
    }

    typealias Start = (offset: Int, line: Int, lineStart: Int)

    mutating func make(_ kind: Token.Kind, _ s: Start) -> Token {
        Token(kind: kind, range: range(from: s.offset, line: s.line, lineStart: s.lineStart))
    }

    mutating func number(start s: Start) throws(PanoramaError) -> Token {
        let start = s.offset
        func token(_ kind: Token.Kind) -> Token { make(kind, s) }
        func digits() { while index < bytes.count && (isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_")) { index += 1 } }
        digits()
        if index < bytes.count && bytes[index] == UInt8(ascii: "."),
           !(index + 1 < bytes.count && isLetter(bytes[index + 1])) {
            index += 1
            digits()
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            var j = index + 1
            if j < bytes.count && (bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-")) { j += 1 }
            if j < bytes.count && isDigit(bytes[j]) {
                index = j
                digits()
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if text.hasSuffix("_") || text.contains("__") {
            throw .syntax("malformed number '\(text)'", at: token(.end).range)
        }
        guard let value = Double(text.replacingAll("_", with: "")) else {
            throw .syntax("malformed number '\(text)'", at: token(.end).range)
        }
        guard value.isFinite else {
            throw .syntax("number '\(text)' is too large", at: token(.end).range)
        }
        if index < bytes.count && isLetter(bytes[index]) {
            while index < bytes.count && (isLetter(bytes[index]) || isDigit(bytes[index])) { index += 1 }
            let bad = String(decoding: bytes[start..<index], as: UTF8.self)
            throw .syntax("malformed number '\(bad)'", at: token(.end).range)
        }
        return token(.number(value))
    }

    mutating func string(quote: UInt8, start s: Start) throws(PanoramaError) -> Token {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let c = bytes[index]
            if c == quote {
                index += 1
                return make(.string(String(decoding: out, as: UTF8.self)), s)
            }
            if c == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            // A string across lines of a CRLF file holds "\n", as in one with LF line ends.
            if c == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") {
                index += 1
                continue
            }
            if c == UInt8(ascii: "\\") && index + 1 < bytes.count {
                let e = bytes[index + 1]
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(e)
                default:
                    let escape: Start = (index, line, lineStart)
                    index += 2
                    let r = make(.end, escape).range
                    throw .syntax("unknown escape '\\\(Character(Unicode.Scalar(e)))' in string", at: r)
                }
                index += 2
                continue
            }
            out.append(c)
            index += 1
        }
        unterminated = true
        throw .syntax("unclosed string", at: make(.end, s).range)
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
