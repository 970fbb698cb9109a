import Foundation
import PanoramaKit

/// Script and notebook parameters: `edition = param("edition", default=14, help="…")` takes its
/// value from `panorama run FILE -- edition=13` (or `--edition 13`) or
/// `panorama notebook FILE.md -p edition=13`, converted to the default's type.
public enum ScriptParameters {
    /// A `param(…)` call found in a script's text (for `run FILE --help`, without running it).
    public struct Declaration: Equatable, Sendable {
        public var name: String
        public var defaultText: String
        public var help: String
    }

    /// `name=value`, `--name value` and `--name=value` among a script's arguments; the other
    /// arguments are left to `args`.
    public static func parse(_ arguments: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in pairs(arguments) { out[name] = value }
        return out
    }

    /// The `name=value` pairs of `parse` in the order given, with a last `--name` that has no
    /// value after it as `(name, nil)`.
    static func pairs(_ arguments: [String]) -> [(name: String, value: String?)] {
        var out: [(name: String, value: String?)] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            let body = a.hasPrefix("--") ? String(a.dropFirst(2)) : a
            if let eq = body.firstIndex(of: "="), isName(body[..<eq]) {
                out.append((String(body[..<eq]), String(body[body.index(after: eq)...])))
            } else if a.hasPrefix("--"), isName(Substring(body)) {
                out.append((body, i < arguments.count ? arguments[i] : nil))
                i += 1
            }
        }
        return out
    }

    /// The first problem with parameters given to code that declares `declared` (none when it
    /// declares none: the arguments are then only `args`): a declared name without a value,
    /// a name given twice, or a name not declared (with a did-you-mean).
    static func problem(_ arguments: [String], declared: [String], listing: String) -> PanoramaError? {
        guard !declared.isEmpty else { return nil }
        var seen: [String: String] = [:]
        for (name, value) in pairs(arguments) {
            guard let value else {
                guard declared.contains(name) else { continue }
                return .usage("parameter '\(name)' has no value: write --\(name) VALUE or \(name)=VALUE")
            }
            if let earlier = seen[name] {
                return .usage("parameter '\(name)' is given twice (\(earlier), then \(value)); give it once")
            }
            seen[name] = value
            if !declared.contains(name) {
                let s = suggestion(for: name, among: declared)
                return .usage("no parameter named '\(name)'" + (s.map { ". Did you mean '\($0)'?" } ?? "") + " (\(listing))")
            }
        }
        return nil
    }

    static func isName(_ s: Substring) -> Bool {
        guard let first = s.first, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The `param("name", default=…, help="…")` calls of a script, in order.
    public static func declarations(in text: String) -> [Declaration] {
        guard let statements = try? Parser.parse(text) else { return [] }
        var out: [Declaration] = []
        func visit(_ e: Expr) {
            if case .call(let callee, let arguments) = e.kind, case .name("param") = callee.kind,
               let first = arguments.first, case .string(let name) = first.value.kind {
                let defaultText = arguments.first { $0.label == "default" }.map { ExprPrinter.text($0.value) }
                    ?? (arguments.count > 1 && arguments[1].label == nil ? ExprPrinter.text(arguments[1].value) : "")
                var help = ""
                if let h = arguments.first(where: { $0.label == "help" }), case .string(let s) = h.value.kind { help = s }
                if !out.contains(where: { $0.name == name }) { out.append(Declaration(name: name, defaultText: defaultText, help: help)) }
            }
            e.children.forEach(visit)
        }
        for s in statements { s.expressions.forEach(visit) }
        return out
    }

    /// The `#'` lines a script opens with (after any `#!` line and blank lines): what it does.
    static func description(of text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("#'") {
                let body = t.dropFirst(2)
                out.append(String(body.hasPrefix(" ") ? body.dropFirst() : body))
            } else if !out.isEmpty || !(t.isEmpty || t.hasPrefix("#!")) {
                break
            }
        }
        return out
    }

    /// `panorama run FILE --help`: what the script says it does (its opening `#'` lines), then
    /// its parameters with their defaults and help.
    public static func helpText(file: String, text: String) -> String {
        let declared = declarations(in: text)
        let about = description(of: text)
        let intro = about.isEmpty ? [] : about + [""]
        guard !declared.isEmpty else {
            return (intro + ["\(file) declares no parameters (param(\"name\", default=…, help=\"…\") declares one)"]).joined(separator: "\n")
        }
        let width = declared.map { $0.name.count + $0.defaultText.count + 1 }.max() ?? 0
        var lines = intro + ["usage: panorama run \(file) -- " + declared.map { "\($0.name)=…" }.joined(separator: " "), "", "parameters:"]
        for d in declared {
            let left = d.name + "=" + d.defaultText
            lines.append("  " + left + String(repeating: " ", count: width - left.count + 2) + d.help)
        }
        return lines.joined(separator: "\n")
    }

    /// The given value converted to the default's type, or an error naming both.
    static func convert(_ text: String, like value: Value, name: String) throws(PanoramaError) -> Value {
        func fail(_ kind: String) -> PanoramaError {
            .failed("parameter '\(name)' must be \(kind) (its default is \(Display.render(value, RenderOptions()))), not \"\(text)\"", at: nil)
        }
        switch value {
        case .number:
            // Read as as_number reads text: "1 234,5" and "3,5" too.
            guard let x = BuiltinRegistry.readNumbers([text]).values.first, !x.isNaN else { throw fail("a number") }
            return .number(x)
        case .bool:
            guard let b = ValueParsing.bool(text) else { throw fail("true or false") }
            return .bool(b)
        case .date:
            guard let (d, p) = ValueParsing.date(text) else { throw fail("a date") }
            return .date(d, p)
        case .string, .na: return .string(text)
        default: throw fail("a number, string, bool or date")
        }
    }
}

extension Interpreter {
    /// `param(name, default=, help=)`: the value given on the command line, or the default.
    func parameter(_ name: String, default value: Value, help: String) throws(PanoramaError) -> Value {
        // The command line gives name=value: a name with a space was never matched (its value silently ignored).
        guard ScriptParameters.isName(Substring(name)) else {
            throw .failed("a parameter's name is typed on the command line as name=value: letters, digits and _, not \"\(name)\"", at: nil)
        }
        // The default sets the type a given text is read as; a vector or list default accepted no value at all.
        switch value {
        case .number, .string, .bool, .date, .na: break
        default:
            throw .failed("the default of parameter '\(name)' must be one number, text, true/false or date (it sets the type of a value given as text), not a \(value.kindName)", at: nil)
        }
        let result = try parameterValues[name].map { (text: String) throws(PanoramaError) -> Value in
            try ScriptParameters.convert(text, like: value, name: name)
        } ?? value
        if !declaredParameters.contains(name) { declaredParameters.append(name) }
        return result
    }
}

extension Expr {
    /// The direct sub-expressions (for walking a tree).
    var children: [Expr] {
        switch kind {
        case .vector(let items): return items
        case .member(let t, _), .unary(_, let t): return [t]
        case .call(let c, let a): return [c] + a.map(\.value)
        case .binary(_, let l, let r), .index(let l, let r), .while(let l, let r): return [l, r]
        case .formula(let l, let r): return (l.map { [$0] } ?? []) + [r]
        case .function(let f): return f.parameters.compactMap(\.defaultValue) + [f.body]
        case .block(let statements): return statements.flatMap(\.expressions)
        case .if(let c, let a, let b): return [c, a] + (b.map { [$0] } ?? [])
        case .for(_, let s, let b): return [s, b]
        default: return []
        }
    }
}

extension Statement {
    var expressions: [Expr] {
        switch self {
        case .assign(_, let e, _, _), .assignColumn(_, _, let e, _, _), .expression(let e, _): [e]
        case .assignIndex(let t, let i, let e, _, _): [t, i, e]
        case .command: []
        }
    }
}

extension Notebook {
    /// The names its code blocks' `param(…)` calls declare.
    var parameterNames: [String] {
        parts.flatMap { part -> [String] in
            guard case .code(_, let lines, _, _, _) = part else { return [] }
            return ScriptParameters.declarations(in: lines.joined(separator: "\n")).map(\.name)
        }
    }

    /// The `parameter name=value` lines of the provenance in the first output block, so that
    /// `--check` reruns a notebook with the parameters it was run with.
    var recordedParameters: [String: String] {
        for part in parts {
            guard case .output(let lines) = part else { continue }
            var out: [String: String] = [:]
            for line in lines where line.hasPrefix("parameter ") {
                let body = line.dropFirst("parameter ".count)
                if let eq = body.firstIndex(of: "=") { out[String(body[..<eq])] = String(body[body.index(after: eq)...]) }
            }
            return out
        }
        return [:]
    }
}

extension Launcher {
    /// `panorama run FILE --help`: each script's parameters.
    public static func scriptHelp(_ files: [String]) -> Int32 {
        for file in files {
            let text: String
            do { text = try ScriptFile.text(file) } catch { return report(error) }
            print(ScriptParameters.helpText(file: file, text: text))
        }
        return 0
    }

    /// A problem with the script parameters given after `--` (see `ScriptParameters.problem`),
    /// found before running.
    static func parameterProblem(_ arguments: [String], files: [String]) -> PanoramaError? {
        // Nothing to check without parameters: no second read and parse of every script.
        guard !ScriptParameters.pairs(arguments).isEmpty else { return nil }
        let declared = files.flatMap { file in
            FileManager.default.contents(atPath: file).flatMap { String(data: $0, encoding: .utf8) }
                .map { ScriptParameters.declarations(in: $0).map(\.name) } ?? []
        }
        return ScriptParameters.problem(arguments, declared: declared, listing: "panorama run FILE --help lists them")
    }
}
