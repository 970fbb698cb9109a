import Foundation
import LineEditing
import PanoramaKit

/// Tab completion by context, computed from the session's variables and the builtin registry.
///
/// The contexts, checked in order at the cursor:
/// - a comment: nothing; inside a string: file paths (and bundled dataset names in `load("…`);
/// - a dot-command: command names, then each command's arguments (`.mode m` → `markdown`);
///   `?name` completes builtin names;
/// - `name.`: the frame's columns or the object's members;
/// - inside a formula (after `~`): the data frame's columns, then functions;
/// - at the start of a call argument: the builtin's keyword arguments (`trials=`);
/// - elsewhere: the columns of the enclosing call's frame, variables, builtins.
///
/// The frame of a call is its first argument (or the left side of a `|>` chain), as the
/// evaluator resolves bare names (DESIGN §2); `p.x = …` scopes to `p`. In a formula the data
/// usually comes after (`ols(y ~ x, p)`), so the frame is the first frame variable named in an
/// enclosing call, then elsewhere in the statement, then the session's only frame.
public enum Completion {
    /// Candidates for the word ending at `cursor` (a Unicode-scalar offset into `line`).
    /// `ols(cost ~ du` with a frame `p` holding `duration` → `["duration"]`.
    public static func candidates(line: String, cursor: Int, session: Session) -> [String] {
        complete(line: line, cursor: cursor, variables: session.interpreter.variables).candidates
    }

    /// The completion of `line` at `cursor`: where the word starts and its replacements.
    public static func complete(line: String, cursor: Int, variables: [String: Value]) -> CompletionResult {
        let scalars = Array(line.unicodeScalars)
        let cut = min(max(0, cursor), scalars.count)
        var scan = Scanner(scalars: Array(scalars[..<cut]))
        scan.run()
        let context = Context(variables: variables, suffix: Array(scalars[cut...]))
        switch scan.state {
        case .comment:
            return CompletionResult(start: cut, candidates: [])
        case .backquote(let start):
            let partial = String(String.UnicodeScalarView(scalars[start..<cut]))
            return CompletionResult(start: start, candidates: context.quotedCandidates(partial, pieces: scan.pieces, at: start - 1))
        case .string(let start, let quote):
            let partial = String(String.UnicodeScalarView(scalars[start..<cut]))
            return CompletionResult(start: start, candidates: context.stringCandidates(partial, quote: quote, pieces: scan.pieces))
        case .command(let start):
            return context.command(String(String.UnicodeScalarView(scalars[start..<cut])), start: start)
        case .normal:
            return context.expression(pieces: scan.pieces, end: cut)
        }
    }
}

// MARK: - Scanning the text before the cursor

/// A tolerant tokeniser: never throws, and reports what the cursor is inside.
struct Scanner {
    enum Kind: Equatable {
        case name(String)
        case number
        case string
        case op(String)
        case open(Unicode.Scalar)
        case close
        case comma, dot, equals, semicolon, newline, command, other
    }
    struct Piece: Equatable {
        var kind: Kind
        var start: Int
        var end: Int
    }
    enum State: Equatable {
        case normal, comment
        /// Inside an unclosed back-quoted name whose content starts at `start`.
        case backquote(start: Int)
        /// Inside an unclosed string whose content starts at `start`.
        case string(start: Int, quote: Unicode.Scalar)
        /// Inside a dot-command (or `?name`) starting at `start`.
        case command(start: Int)
    }

    let scalars: [Unicode.Scalar]
    var pieces: [Piece] = []
    var state = State.normal

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    static let keywordOperators: Set<String> = ["and", "or", "not", "in"]
    static let operators = ["|>", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "^", "~", ":"]

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (c.value >= 0x80 && Lexer.isNameScalar(c, first: false))
    }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// Whether a line ending with `piece` continues on the next one (as `Parser.isComplete`).
    static func continues(_ piece: Piece?) -> Bool {
        switch piece?.kind {
        case .op?, .comma?, .equals?, .dot?: true
        default: false
        }
    }

    mutating func run() {
        let n = scalars.count
        var i = 0
        var depth = 0
        var atStatementStart = true
        func push(_ kind: Kind, _ start: Int) { pieces.append(Piece(kind: kind, start: start, end: i)) }
        while i < n {
            let c = scalars[i]
            let start = i
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == "\n" {
                i += 1
                if depth == 0 && !Scanner.continues(pieces.last) {
                    push(.newline, start)
                    atStatementStart = true
                }
                continue
            }
            if c == "#" {
                while i < n && scalars[i] != "\n" { i += 1 }
                if i == n { state = .comment; return }
                continue
            }
            if atStatementStart && depth == 0 && (c == "?" || (c == "." && (i + 1 == n || Scanner.isLetter(scalars[i + 1])))) {
                while i < n && scalars[i] != "\n" { i += 1 }
                if i == n { state = .command(start: start); return }
                push(.command, start)
                continue
            }
            atStatementStart = false
            if c == "\"" || c == "'" {
                i += 1
                while i < n && scalars[i] != c {
                    i += scalars[i] == "\\" ? 2 : 1
                }
                if i >= n { state = .string(start: start + 1, quote: c); return }
                i += 1
                push(.string, start)
            } else if c == "`" {
                i += 1
                while i < n && scalars[i] != "`" && scalars[i] != "\n" { i += 1 }
                if i >= n || scalars[i] == "\n" { state = .backquote(start: start + 1); return }
                i += 1
                push(.name(String(String.UnicodeScalarView(scalars[(start + 1)..<(i - 1)]))), start)
            } else if Scanner.isLetter(c) {
                while i < n && (Scanner.isLetter(scalars[i]) || Scanner.isDigit(scalars[i])) { i += 1 }
                let word = String(String.UnicodeScalarView(scalars[start..<i]))
                push(Scanner.keywordOperators.contains(word) ? .op(word) : .name(word), start)
            } else if Scanner.isDigit(c) || (c == "." && i + 1 < n && Scanner.isDigit(scalars[i + 1])) {
                while i < n && (Scanner.isDigit(scalars[i]) || scalars[i] == "_" || scalars[i] == "."
                                || ((scalars[i] == "e" || scalars[i] == "E") && i + 1 < n
                                    && (Scanner.isDigit(scalars[i + 1]) || scalars[i + 1] == "-" || scalars[i + 1] == "+"))
                                || ((scalars[i] == "-" || scalars[i] == "+") && (scalars[i - 1] == "e" || scalars[i - 1] == "E"))) {
                    i += 1
                }
                // A number runs into letters only when malformed; keep them in the number.
                while i < n && Scanner.isLetter(scalars[i]) { i += 1 }
                push(.number, start)
            } else if c == "(" || c == "[" {
                i += 1
                depth += 1
                push(.open(c), start)
            } else if c == ")" || c == "]" {
                i += 1
                depth = max(0, depth - 1)
                push(.close, start)
            } else if c == "," {
                i += 1; push(.comma, start)
            } else if c == "." {
                i += 1; push(.dot, start)
            } else if c == ";" {
                i += 1; push(.semicolon, start)
                atStatementStart = true
            } else if let op = Scanner.operators.first(where: { matches($0, at: i) }) {
                i += op.unicodeScalars.count
                push(.op(op), start)
            } else if c == "=" {
                i += 1; push(.equals, start)
            } else {
                i += 1; push(.other, start)
            }
        }
    }

    func matches(_ op: String, at i: Int) -> Bool {
        let u = Array(op.unicodeScalars)
        return i + u.count <= scalars.count && Array(scalars[i..<(i + u.count)]) == u
    }
}

// MARK: - Deciding what to offer

struct Context {
    let variables: [String: Value]
    /// The text after the cursor (for frames named later in the statement).
    let suffix: [Unicode.Scalar]
    /// Completing inside back-quotes: columns are offered by label too (`Coût estimé`).
    var quoting = false

    /// One bracket level of the statement being typed.
    struct Level {
        var bracket: Unicode.Scalar?
        /// The builtin called, when the level is `name(`.
        var callee: String?
        /// The variable at the root of a `x |> f(` chain feeding this call.
        var pipeSource: String?
        /// The pieces of each argument at this level (nested brackets appear as open/close).
        var arguments: [[Scanner.Piece]] = [[]]
    }

    // MARK: Expressions

    func expression(pieces allPieces: [Scanner.Piece], end: Int) -> CompletionResult {
        var pieces = allPieces
        var partial = ""
        var start = end
        if let last = pieces.last, last.end == end {
            switch last.kind {
            case .name(let word):
                partial = word
                start = last.start
                pieces.removeLast()
            case .op(let word) where Scanner.keywordOperators.contains(word):
                // `in`, `and`… may be the start of a longer name (`interval=`).
                partial = word
                start = last.start
                pieces.removeLast()
            case .number, .string, .close:
                return CompletionResult(start: end, candidates: [])
            default: break
            }
        }
        // The statement being typed: after the last `;`, newline or dot-command line.
        let statementStart = (pieces.lastIndex { [.semicolon, .newline, .command].contains($0.kind) } ?? -1) + 1
        let statement = Array(pieces[statementStart...])
        func result(_ candidates: [String]) -> CompletionResult {
            CompletionResult(start: start, candidates: Context.filter(candidates, prefix: partial))
        }

        // Right after an operand (`"a" `, `x `, `f(1) `) an operator comes, not a name.
        switch statement.last?.kind {
        case .string?, .number?, .close?, .name?: return result([])
        default: break
        }
        // `name.partial`: columns or members.
        if statement.last?.kind == .dot {
            guard statement.count >= 2, case .name(let target) = statement[statement.count - 2].kind,
                  statement.count < 3 || statement[statement.count - 3].kind != .dot else { return result([]) }
            return result(members(of: target))
        }

        let levels = Context.levels(of: statement)
        let inner = levels[levels.count - 1]
        let inFormula = levels.contains { $0.arguments.last!.contains { $0.kind == .op("~") } }
        let builtins = BuiltinRegistry.all.map(\.name).sorted()
        let variableNames = variables.keys.filter { $0 != "args" || hasScriptArguments }.sorted()

        if inFormula {
            let frame = formulaFrame(levels: levels, statement: statement)
            return result((frame.map(columnNames) ?? []) + builtins)
        }
        var candidates: [String] = []
        if inner.bracket == "(", inner.arguments.last!.isEmpty, let name = inner.callee,
           let builtin = BuiltinRegistry.byName[name] ?? userFunction(name) {
            candidates += keywordCandidates(builtin, given: inner.arguments.dropLast())
        }
        if let frame = callFrame(levels: levels, statement: statement) {
            candidates += columnNames(frame)
        }
        return result(candidates + variableNames + builtins)
    }

    var hasScriptArguments: Bool {
        if case .vector(let c)? = variables["args"] { return c.count > 0 }
        return false
    }

    /// The bracket levels open at the cursor, outermost (the statement itself) first.
    static func levels(of statement: [Scanner.Piece]) -> [Level] {
        var stack = [Level(bracket: nil)]
        for piece in statement {
            switch piece.kind {
            case .open(let bracket):
                let current = stack[stack.count - 1].arguments.last!
                var level = Level(bracket: bracket)
                if bracket == "(", let last = current.last, case .name(let name) = last.kind,
                   current.count < 2 || current[current.count - 2].kind != .dot {
                    level.callee = name
                    if current.count >= 2, current[current.count - 2].kind == .op("|>") {
                        level.pipeSource = pipeRoot(current.dropLast(2))
                    }
                }
                stack[stack.count - 1].arguments[stack[stack.count - 1].arguments.count - 1].append(piece)
                stack.append(level)
            case .close:
                if stack.count > 1 { stack.removeLast() }
                stack[stack.count - 1].arguments[stack[stack.count - 1].arguments.count - 1].append(piece)
            case .comma where stack.count > 1:
                stack[stack.count - 1].arguments.append([])
            default:
                stack[stack.count - 1].arguments[stack[stack.count - 1].arguments.count - 1].append(piece)
            }
        }
        return stack
    }

    /// The variable a `|>` chain starts from: `p |> where(…) |> sort(` → `p`.
    static func pipeRoot(_ pieces: ArraySlice<Scanner.Piece>) -> String? {
        var j = pieces.endIndex - 1
        while j >= pieces.startIndex {
            switch pieces[j].kind {
            case .close:
                // At this level a call is `name ( )`: the arguments live one level down.
                guard j - 2 >= pieces.startIndex, case .open = pieces[j - 1].kind,
                      case .name = pieces[j - 2].kind else { return nil }
                j -= 3
                guard j >= pieces.startIndex, pieces[j].kind == .op("|>") else { return nil }
                j -= 1
            case .name(let name):
                if j - 1 >= pieces.startIndex && pieces[j - 1].kind != .equals {
                    return nil
                }
                return name
            default:
                return nil
            }
        }
        return nil
    }

    /// `trials=`-style candidates: parameters not yet given by keyword or position.
    func keywordCandidates(_ builtin: Builtin, given: ArraySlice<[Scanner.Piece]>) -> [String] {
        var named: Set<String> = []
        var positional = 0
        for argument in given {
            if argument.count >= 2, case .name(let label) = argument[0].kind, argument[1].kind == .equals {
                named.insert(label)
            } else {
                positional += 1
            }
        }
        var out: [String] = []
        var index = 0
        for p in builtin.parameters {
            defer { if !p.keywordOnly { index += 1 } }
            if p.variadic || named.contains(p.name) { continue }
            // The first positional parameter is given by position in practice: `x=` is noise.
            if !p.keywordOnly && (index < positional || index == 0) { continue }
            out.append(p.name + "=")
        }
        return out
    }

    /// The frame whose columns bare names resolve to at the cursor, as the evaluator does:
    /// the first argument (or pipe source) of the innermost enclosing frame-scoped call.
    func callFrame(levels: [Level], statement: [Scanner.Piece]) -> Frame? {
        for level in levels.reversed() {
            guard let name = level.callee, let builtin = BuiltinRegistry.byName[name], builtin.frameScope else { continue }
            if let source = level.pipeSource {
                if let f = frame(named: source) { return f }
                continue
            }
            if level.arguments.count >= 2, level.arguments[0].count == 1, case .name(let first) = level.arguments[0][0].kind,
               let f = frame(named: first) {
                return f
            }
        }
        // `p.x = …` evaluates its right side in `p`.
        if statement.count >= 4, case .name(let target) = statement[0].kind, statement[1].kind == .dot,
           case .name = statement[2].kind, statement[3].kind == .equals {
            return frame(named: target)
        }
        return nil
    }

    /// The data of a formula being typed: a frame named in an enclosing call, then anywhere in
    /// the statement (after the cursor first), then the session's only frame.
    func formulaFrame(levels: [Level], statement: [Scanner.Piece]) -> Frame? {
        if let f = callFrame(levels: levels, statement: statement) { return f }
        var names: [String] = []
        for level in levels.reversed() {
            for argument in level.arguments {
                if argument.count == 1, case .name(let n) = argument[0].kind { names.append(n) }
                if argument.count == 3, argument[1].kind == .equals, case .name(let n) = argument[2].kind { names.append(n) }
            }
        }
        var later = Scanner(scalars: suffix)
        later.run()
        for piece in later.pieces {
            if [.semicolon, .newline, .command].contains(piece.kind) { break }
            if case .name(let n) = piece.kind { names.append(n) }
        }
        for piece in statement { if case .name(let n) = piece.kind { names.append(n) } }
        for n in names { if let f = frame(named: n) { return f } }
        let frames = variables.keys.sorted().compactMap { frame(named: $0) }
        return frames.count == 1 ? frames[0] : nil
    }

    func frame(named name: String) -> Frame? {
        switch variables[name] {
        case .frame(let f)?: return f
        case .object(let o)?: return o.tableView
        default: return nil
        }
    }

    func members(of name: String) -> [String] {
        switch variables[name] {
        case .frame(let f)?: return columnNames(f)
        case .object(let o)?: return o.memberNames + (o.tableView.map(columnNames) ?? [])
        default: return []
        }
    }

    // MARK: Strings and dot-commands

    func command(_ text: String, start: Int) -> CompletionResult {
        let scalars = Array(text.unicodeScalars)
        if text.hasPrefix("?") {
            let partial = String(text.dropFirst())
            return CompletionResult(start: start + 1, candidates: Context.filter(Context.helpTopics, prefix: partial))
        }
        guard let space = scalars.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            let names = Session.commands.map(\.name)
            return CompletionResult(start: start, candidates: Context.filter(names, prefix: text))
        }
        let name = String(String.UnicodeScalarView(scalars[..<space]))
        let lastSpace = scalars.lastIndex(where: { $0 == " " || $0 == "\t" })!
        let partial = String(String.UnicodeScalarView(scalars[(lastSpace + 1)...]))
        let wordStart = start + lastSpace + 1
        let words = scalars[space...].split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        let argumentIndex = partial.isEmpty ? words : words - 1
        guard argumentIndex == 0 else { return CompletionResult(start: wordStart, candidates: []) }
        let options: [String]
        switch name {
        case ".read", ".output", ".once": options = Completion.paths(partial)
        case ".help": options = Context.helpTopics
        default: options = Session.commandChoices[name] ?? []
        }
        return CompletionResult(start: wordStart, candidates: Context.filter(options, prefix: partial))
    }

    /// What `.help` and `?` accept: builtins, categories, commands (without the dot), topics.
    static var helpTopics: [String] {
        BuiltinRegistry.all.map(\.name).sorted() + Builtin.Category.allCases.map(\.rawValue)
            + Help.topics + Session.commands.map { String($0.name.dropFirst()) }
    }

    /// The candidates starting with `prefix` (a back-quoted one: its name), each once, in order.
    static func filter(_ candidates: [String], prefix: String) -> [String] {
        var seen: Set<String> = []
        return candidates.filter { c in
            (c.hasPrefix(prefix) || Context.unquoted(c).hasPrefix(prefix)) && seen.insert(c).inserted
        }
    }
}
