import Foundation
import PanoramaKit

/// Completion inside quotes: a string argument's fixed values or file paths, and back-quoted
/// names (`` `Coût estimé` ``).
extension Context {
    /// Inside `"…`: the values of a parameter that takes a fixed set (`method="ho` → `holt"`),
    /// else file paths (and bundled dataset names in `load("…`).
    func stringCandidates(_ partial: String, quote: Unicode.Scalar, pieces: [Scanner.Piece]) -> [String] {
        let levels = Context.levels(of: pieces)
        var candidates: [String]
        if let values = Context.parameterValues(levels: levels) {
            candidates = Context.filter(values, prefix: partial)
        } else {
            candidates = Completion.paths(partial)
            // `load("pan` also offers the bundled datasets by short name.
            if let inner = levels.last, inner.callee == "load", inner.arguments.count == 1, inner.arguments[0].isEmpty,
               !partial.contains("/") {
                candidates = Context.filter(DatasetLocator.available().map(\.name), prefix: partial) + candidates
            }
        }
        if candidates.count == 1, !candidates[0].hasSuffix("/") {
            return [candidates[0] + String(quote)]  // a whole value or file name: close the string too
        }
        return candidates
    }

    /// The strings the argument being typed accepts, from its builtin's parameter definition:
    /// `name=` names the parameter, else its position does; inside a list given by keyword
    /// (`methods=["naive", "`), each element takes the parameter's values. Nil when they are
    /// not a fixed set.
    static func parameterValues(levels: [Level]) -> [String]? {
        if let list = levels.last, list.bracket == "[", levels.count >= 2,
           let current = levels[levels.count - 2].arguments.last, current.count == 3,
           current[1].kind == .equals, current[2].kind == .open("[") {
            return parameterValues(levels: Array(levels.dropLast()), labelled: current)
        }
        return parameterValues(levels: levels, labelled: nil)
    }

    static func parameterValues(levels: [Level], labelled: [Scanner.Piece]?) -> [String]? {
        guard let inner = levels.last, inner.bracket == "(", let callee = inner.callee,
              let builtin = BuiltinRegistry.byName[callee], let current = labelled ?? inner.arguments.last else { return nil }
        let parameter: Parameter?
        if current.count == 2 || labelled != nil, case .name(let label) = current[0].kind, current[1].kind == .equals {
            parameter = builtin.parameters.first { $0.name == label }
        } else if current.isEmpty {
            let positional = inner.arguments.dropLast().filter { argument in
                guard argument.count >= 2, case .name = argument[0].kind else { return true }
                return argument[1].kind != .equals
            }.count + (inner.pipeSource == nil ? 0 : 1)
            let byPosition = builtin.parameters.filter { !$0.keywordOnly }
            parameter = positional < byPosition.count ? byPosition[positional] : nil
        } else {
            return nil
        }
        guard let values = parameter?.values, !values.isEmpty else { return nil }
        return values
    }

    /// Inside `` `… ``: the names that fit where the back-quote opened (the labels and names of
    /// the frame in scope, variables, builtins), closed by a back-quote.
    func quotedCandidates(_ partial: String, pieces: [Scanner.Piece], at position: Int) -> [String] {
        var context = self
        context.quoting = true
        let names = context.expression(pieces: pieces, end: position).candidates
            .filter { !$0.hasSuffix("=") }
            .map(Context.unquoted)
        return Context.filter(names, prefix: partial).map { $0 + "`" }
    }

    /// A frame's columns as completion offers them: by name (back-quoted when needed); inside
    /// back-quotes, labels first (`Coût estimé` for `cout_estime`).
    func columnNames(_ frame: Frame) -> [String] {
        quoting ? frame.columns.map(\.label) + frame.names : frame.names.map(Context.spelled)
    }

    /// A name as it must be typed: back-quoted unless it is a plain name (`cost`, `coût`).
    static func spelled(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        let plain = !scalars.isEmpty && Scanner.isLetter(scalars[0])
            && scalars.allSatisfy { Scanner.isLetter($0) || Scanner.isDigit($0) } && !Lexer.keywords.contains(name)
        return plain ? name : "`" + name + "`"
    }

    /// `` `Coût estimé` `` → `Coût estimé`; other names unchanged.
    static func unquoted(_ candidate: String) -> String {
        candidate.count >= 2 && candidate.hasPrefix("`") && candidate.hasSuffix("`")
            ? String(candidate.dropFirst().dropLast()) : candidate
    }
}

extension Completion {
    /// File and folder names starting with `partial` (a path as typed; `~/` is the home folder).
    /// Folders end with `/`; hidden files are offered only when `partial`'s name starts with `.`.
    static func paths(_ partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let folder = slash.map { String(partial[...$0]) } ?? ""
        let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        var listed = folder.isEmpty ? "." : folder
        if listed.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            listed = home + listed.dropFirst()
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
        return names.filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { name in
                var isFolder: ObjCBool = false
                let full = (listed.hasSuffix("/") ? listed : listed + "/") + name
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
                return folder + name + (isFolder.boolValue ? "/" : "")
            }
    }
}
