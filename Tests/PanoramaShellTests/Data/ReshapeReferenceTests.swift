import Foundation
import Testing
import PanoramaKit
@testable import PanoramaShell

/// The reshaping verbs against pandas' outputs for the same inputs
/// (PanoramaKitTests/Fixtures/reshape/generate.py → reshape.json).
private func loadReference() -> [String: Any] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PanoramaKitTests/Fixtures/reshape/reshape.json")
    guard let data = try? Data(contentsOf: url), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
    return object
}

private func section(_ name: String) throws -> [String: Any] {
    try #require(loadReference()[name] as? [String: Any], "reshape.json has \(name)")
}

/// A JSON array written as a list literal of the language (`missing` for null: `na` in code,
/// `null` in the JSON the language prints).
private func literal(_ value: Any?, missing: String = "na") -> String {
    guard let array = value as? [Any] else { return missing }
    return "[" + array.map { item in
        switch item {
        case let s as String: "\"\(s)\""
        case let n as NSNumber: JSON.numberText(n.doubleValue)
        default: missing
        }
    }.joined(separator: ", ") + "]"
}

/// The JSON the language prints for a vector, to compare with pandas' list.
private func jsonArray(_ value: Any?) throws -> String { literal(value, missing: "null") }

@Test func pivotWiderMatchesPandasPivotInFirstAppearanceOrder() throws {
    let s = try section("pivot_wider")
    let input = try #require(s["input"] as? [String: Any])
    let code = "long = frame(ministry=\(literal(input["ministry"])), edition=\(literal(input["edition"])), cost=\(literal(input["cost"])))\n"
        + "w = pivot_wider(long, names_from=edition, values_from=cost)\n"
    #expect(json(code + "names(w)") == (try jsonArray(["ministry"] + (s["columns"] as? [String] ?? []))))
    #expect(json(code + "w.ministry") == (try jsonArray(s["ministry"])))
    for (k, column) in (s["columns"] as? [String] ?? []).enumerated() {
        #expect(json(code + "w.\(column)") == (try jsonArray((s["values"] as? [Any])?[k])), "\(column)")
    }
    let longer = try section("pivot_longer")
    let back = code + "l = pivot_longer(w, cols=[e2, e1, e3], names_to=\"edition\", values_to=\"cost\")\n"
    for column in ["ministry", "edition", "cost"] {
        #expect(json(back + "l.\(column)") == (try jsonArray(longer[column])), "\(column)")
    }
}

@Test func rankMatchesPandasForEachTieMethod() throws {
    let s = try section("rank")
    for method in ["average", "min", "max", "first"] {
        #expect(json("rank(\(literal(s["x"])), ties=\"\(method)\")") == (try jsonArray(s[method])), "\(method)")
    }
}

@Test func cutIsClosedOnTheRightAsPandasAndR() throws {
    let s = try section("cut")
    #expect(json("cut(\(literal(s["x"])), breaks=\(literal(s["breaks"])), labels=\(literal(s["labels"])))") == (try jsonArray(s["result"])))
}

@Test func coalesceAndCaseWhenMatchPandas() throws {
    let c = try section("coalesce")
    #expect(json("coalesce(\(literal(c["a"])), \(literal(c["b"])), 0)") == (try jsonArray(c["result"])))
    let w = try section("case_when")
    #expect(json("x = \(literal(w["x"]))\ncase_when(x < 3 ~ \"low\", x < 7 ~ \"mid\", true ~ \"high\")") == (try jsonArray(w["result"])))
}

@Test(arguments: [
    ("pivot_wider(frame(a=[1, 1], b=[\"x\", \"x\"], v=[1, 2]), names_from=b, values_from=v)",
     "error: pivot_wider: more than one 'v' for b=x and a=1; summarize first"),
    ("case_when(1 < 2, \"a\")", "error: each case is a formula condition ~ value, as x < 3 ~ \"low\"\nusage: case_when(condition ~ value, …)"),
    ("cut([1], breaks=[5, 1])", "error: breaks= must increase\nusage: cut(x, breaks=, labels=)"),
    ("pivot_longer(frame(a=[1], b=[\"x\"]), cols=[a, b])", "error: pivot_longer: 'b' is text but 'a' is number"),
] as [(String, String)])
func reshapingMistakesAreOneLineErrors(_ code: String, _ message: String) {
    #expect(run(code).stderr == message)
}

@Test func semiAndAntiJoinsKeepLeftRowsWithAndWithoutAMatch() {
    let code = "a = frame(k=[\"A\", \"B\", \"C\", na]); b = frame(k=[\"A\", \"C\", \"C\", \"D\"])\n"
    #expect(json(code + "join(a, b, by=k, how=\"semi\").k") == #"["A", "C"]"#)
    #expect(json(code + "join(a, b, by=k, how=\"anti\").k") == #"["B", null]"#)
}

@Test func helpFindsThePanoramaWayForPivotMeltAndSpread() {
    for word in ["pivot", "melt", "spread", "anti_join", "fillna"] {
        #expect(run(".help \(word)").stdout.contains("→"), "\(word)")
    }
}

@Test func groupWiseCumsumDiffAndLagMatchPandasGroupby() throws {
    let s = try section("by")
    let code = "x = \(literal(s["x"]))\ng = \(literal(s["g"]))\n"
    #expect(json(code + "cumsum(x, by=g)") == (try jsonArray(s["cumsum"])))
    #expect(json(code + "diff(x, by=g)") == (try jsonArray(s["diff"])))
    #expect(json(code + "lag(x, by=g)") == (try jsonArray(s["lag"])))
    #expect(json(code + "diff(x, align=true)") == (try jsonArray(s["diff_align"])))
    #expect(run(code + "cumsum(x, by=[1, 2])").stderr == "error: by= has 2 values but 'x' has 7\nusage: cumsum(x, by=)")
}
