import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

/// The usage line is written from the parameters; these tests read it back as a user would and
/// check it against the parameter list, for every builtin and for user functions.

/// The arguments of each call form in a usage line: `bar(a, b) or bar(c, d=)` → [[a, b], [c, d=]].
private func forms(of usage: String, name: String) -> [[String]] {
    usage.components(separatedBy: " or ").map { call -> [String] in
        #expect(call.hasPrefix(name + "(") && call.hasSuffix(")"), "\(name): '\(call)' is not a call of \(name)")
        let inner = call.dropFirst(name.count + 1).dropLast()
        var out: [String] = [], current = "", depth = 0, quoted = false
        for ch in inner {
            if ch == "\"" { quoted.toggle() }
            if !quoted && (ch == "[" || ch == "(") { depth += 1 }
            if !quoted && (ch == "]" || ch == ")") { depth -= 1 }
            if ch == "," && depth == 0 && !quoted {
                out.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current.trimmingCharacters(in: .whitespaces)) }
        return out
    }
}

/// What a parameter must read as: `name`, `name=`, `name=default`.
private func expected(_ p: Parameter) -> String {
    p.name + (p.keywordOnly || p.default != nil ? "=" + (p.default ?? "") : "")
}

/// Checks `b`'s usage line against its parameters: each non-variadic parameter once, in order,
/// as `name`, `name=` or `name=default` (of a run of common keywords the first, then `…`); every
/// other argument shown comes from a variadic parameter's forms or from the keywords the builtin
/// takes beyond its parameters.
private func checkUsage(_ b: Builtin) {
    let calls = forms(of: b.signature, name: b.name)
    let fixed = b.parameters.filter { !$0.variadic }
    let hidden = fixed.indices.filter { $0 > 0 && fixed[$0].common && fixed[$0 - 1].common }
    let visible = fixed.indices.filter { !hidden.contains($0) }.map { fixed[$0] }
    let last = calls[calls.count - 1]
    let shown = last.filter { a in fixed.contains { a.hasPrefix($0.name) && (a == $0.name || a.hasPrefix($0.name + "=")) } }
    #expect(shown == visible.map(expected), "\(b.name): usage '\(b.signature)' shows \(shown), parameters say \(visible.map(expected))")
    if !hidden.isEmpty { #expect(last.last == "…", "\(b.name): common keywords left out without '…'") }
    let variadic = b.parameters.first { $0.variadic }
    let allowed = Set(fixed.map(expected) + ["…"] + (b.otherKeywords.map { [$0] } ?? [])
        + (variadic.map { v in v.forms.isEmpty ? [v.name] : v.forms.flatMap { forms(of: "f(\($0))", name: "f")[0] } } ?? []))
    for call in calls {
        for argument in call {
            #expect(allowed.contains(argument), "\(b.name): usage '\(b.signature)' shows '\(argument)', which no parameter gives")
        }
    }
    if variadic == nil && b.otherKeywords == nil && !b.parameters.contains(where: \.common) { #expect(calls.count == 1 && !b.signature.contains("…"), "\(b.name): \(b.signature)") }
    if b.otherKeywords != nil { #expect(b.quoted.contains("*"), "\(b.name): other keywords are shown but not accepted") }
    #expect(b.usage == "usage: " + b.signature)
}

@Test func everyBuiltinsUsageLineShowsExactlyItsParameters() {
    for b in BuiltinRegistry.all { checkUsage(b) }
}

@Test func usageLinesShowTheArgumentsTheyUsedToLeaveOut() {
    // Written by hand, these had drifted from the parameters the builtins accept.
    #expect(BuiltinRegistry.byName["simulate"]?.signature
        == "simulate(data, cost=, overrun=, corr=, copula=, df=, by=, label=, trials=100000, seed=, repair=false, threads=)")
    #expect(BuiltinRegistry.byName["outlook"]?.signature.contains(", name=, ") == true)
}

@Test func defaultsAndFormsReadAsTheUsageLine() {
    #expect(BuiltinRegistry.byName["percentiles"]?.signature == "percentiles(s, p=[5, 10, 50, 80, 90, 95])")
    #expect(BuiltinRegistry.byName["join"]?.signature == "join(left, right, by=, how=\"inner\")")
    #expect(BuiltinRegistry.byName["select"]?.signature == "select(frame, column, …)")
    #expect(BuiltinRegistry.byName["summarize"]?.signature == "summarize(frame, by=, name=expr, …)")
    #expect(BuiltinRegistry.byName["tornado"]?.signature == "tornado(simulation) or tornado(names, low, high, base=, title=, …)")
    #expect(BuiltinRegistry.byName["bar"]?.signature == "bar(labels, values) or bar(frame, x, y, sort=, title=, …)")
}

@Test func aUserFunctionsUsageLineComesFromItsParameters() throws {
    let session = Session(output: { _ in }, diagnostics: { _ in })
    _ = session.run("per_year = function(g, floor=1, by=\"ministry\") g")
    guard case .object(let o)? = session.interpreter.environment.lookup("per_year"), let f = o as? FunctionValue else {
        Issue.record("per_year is not a function")
        return
    }
    #expect(f.binding.signature == "per_year(g, floor=1, by=\"ministry\")")
    #expect(f.binding.signature == f.signature)
    checkUsage(f.binding)
}

@Test func aRequiredArgumentMissingAtRunTimeIsAUsageErrorNotACrash() throws {
    // The binder normally stops a call without its required arguments; the accessors check again.
    let b = try #require(BuiltinRegistry.byName["nrow"])
    let session = Session(output: { _ in }, diagnostics: { _ in })
    var context = CallContext(builtin: b, arguments: [:], rest: [], extraKeywords: [], scope: nil,
                              range: SourceRange(line: 1, column: 1, offset: 0, length: 0), interpreter: session.interpreter)
    #expect(throws: PanoramaError.self) { _ = try b.implementation(&context) }
    do {
        _ = try context.requiredFrame("frame")
    } catch let error as PanoramaError {
        guard case .badCall(_, let message, let usage, _) = error else { Issue.record("\(error)"); return }
        #expect(message == "missing argument 'frame'")
        #expect(usage == "usage: nrow(frame)")
    }
}

@Test func everyParametersDefaultIsAValueOfTheLanguage() throws {
    // Implementations read defaults from the parameter list (`CallContext.given`): each must
    // evaluate, alone, to a value.
    let session = Session(output: { _ in }, diagnostics: { _ in })
    for b in BuiltinRegistry.all {
        let context = CallContext(builtin: b, arguments: [:], rest: [], extraKeywords: [], scope: nil,
                                  range: SourceRange(line: 1, column: 1, offset: 0, length: 0), interpreter: session.interpreter)
        for p in b.parameters where p.default != nil {
            let value = try context.given(p.name)
            #expect(value != nil, "\(b.name): \(p.name)=\(p.default ?? "")")
        }
    }
}

@Test func anArgumentLeftOutTakesItsParametersDefault() {
    var out = ""
    let s = Session(output: { out += $0 + "\n" }, diagnostics: { out += $0 + "\n" })
    _ = s.run("head(seq_len(10))")
    _ = s.run("nrow(percentiles(simulate(cost=[1, 2], overrun=normal(1, 0.1), trials=200, seed=1)))")
    #expect(out == "[1, 2, 3, 4, 5, 6]\n6\n")
}
