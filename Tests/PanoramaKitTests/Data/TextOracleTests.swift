import Foundation
import Testing
@testable import PanoramaKit

/// The text kernel against Python's behaviour for the same inputs
/// (Fixtures/text_dates/oracle.py writes text_oracle.json).
@Suite struct TextOracleTests {
    var oracle: [String: Any] { loadOracle("text_oracle.json") }

    @Test func `every text function agrees with Python on the fixture cases`() throws {
        let cases = try #require(oracle["cases"] as? [[String: Any]])
        #expect(cases.count > 500)
        for c in cases {
            let fn = c["fn"] as! String, x = c["x"] as! String
            let pattern = try (c["pattern"] as? String).map { try Text.Pattern($0, regex: c["regex"] as? Bool ?? false) }
            let got: Any?
            switch fn {
            case "contains":
                got = Text.contains(x, pattern!)
                if c["regex"] as! Bool {
                    // The ICU fast path for columns agrees with Python too.
                    #expect(try Text.regexContains(c["pattern"] as! String)(x) == c["expect"] as! Bool, "ICU contains \(c)")
                }
            case "starts_with": got = Text.startsWith(x, pattern!)
            case "ends_with": got = Text.endsWith(x, try Text.Pattern(suffix: c["pattern"] as! String, regex: c["regex"] as! Bool))
            case "replace": got = Text.replace(x, pattern!, with: c["with"] as! String, first: c["first"] as! Bool)
            case "split": got = Text.split(x, pattern!)
            case "extract":
                guard case .regex(let r)? = pattern else { Issue.record("extract needs a regex"); continue }
                got = Text.extract(x, r)
            case "lower": got = x.lowercased()
            case "upper": got = x.uppercased()
            case "trim": got = Text.trim(x)
            case "nchar": got = x.count
            case "fold": got = Text.fold(x)
            case "substr": got = Text.substr(x, c["start"] as! Int, c["stop"] as! Int)
            default: Issue.record("unknown function \(fn)"); continue
            }
            let expected = c["expect"]
            let same: Bool
            switch (got, expected) {
            case (let g as Bool, let e as Bool): same = g == e
            case (let g as Int, let e as Int): same = g == e
            case (let g as String, let e as String): same = g == e
            case (let g as [String], let e as [String]): same = g == e
            case (nil, is NSNull), (nil, nil): same = true
            default: same = false
            }
            #expect(same, "\(fn)(\"\(x)\", \(c["pattern"] ?? c["start"] ?? "")): got \(String(describing: got)), Python \(String(describing: expected))")
        }
    }

    @Test func `format prints numbers with the marks asked for, as Python's format spec`() throws {
        let cases = try #require(oracle["formats"] as? [[String: Any]])
        for c in cases {
            let f = NumberFormat(groupSeparator: c["big_mark"] as! String, decimalSeparator: c["decimal_mark"] as! String)
            let got = f.fixed(c["x"] as! Double, decimals: c["digits"] as! Int)
            #expect(got == c["expect"] as! String, "\(c)")
        }
    }

    @Test func `a column of many texts is tested on both cores with the same answers`() throws {
        let c = Categorical((0..<50_000).map { i -> String? in i % 7 == 0 ? nil : "Projet n°\(i) – Paie" })
        let test = try Text.regexContains(#"n°\d*7 "#)
        #expect(c.testLevelsConcurrently(test) == c.testLevels(test))
        #expect(c.testLevelsConcurrently(test).filter { $0 == 1 }.count > 1000)
    }

    @Test func `a bad regular expression is an error quoting it`() {
        #expect(throws: KernelError.self) { try Text.Pattern("([a-z", regex: true) }
        #expect((try? Text.Pattern("([a-z", regex: false)) != nil)
    }

    @Test func `column work is done once per distinct text and keeps na`() {
        let c = Categorical(["Éducation", nil, "Armées", "Éducation"])
        #expect(c.mapLevels { Text.fold($0) }.strings == ["education", nil, "armees", "education"])
        #expect(c.mapLevels { $0 == "Armées" ? nil : $0 }.strings == ["Éducation", nil, nil, "Éducation"])
        #expect(c.testLevels { $0.hasPrefix("É") } == [1, -1, 0, 1])
        // Two levels folding to the same text share one level.
        #expect(Categorical(["É", "e", "E"]).mapLevels(Text.fold).levels == ["e"])
    }
}

func loadOracle(_ name: String) -> [String: Any] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/text_dates/\(name)")
    guard let data = try? Data(contentsOf: url),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
    return object
}
