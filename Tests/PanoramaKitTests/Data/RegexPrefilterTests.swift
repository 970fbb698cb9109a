import Foundation
import Testing
@testable import PanoramaKit

/// The literals a pattern requires, as text (sets in the pattern's order).
private func required(_ pattern: String) -> [[String]]? {
    RegexPrefilter(pattern)?.required.map { $0.map { String(decoding: $0, as: UTF8.self) } }
}

@Test(arguments: [
    ("(?:Portail|[Pp]aie) \\w+ n°\\d*7", [["Portail", "aie"], [" "], [" n°"], ["7"]]),
    ("abc", [["abc"]]),
    ("ab?c", [["a"], ["c"]]),
    ("ab+c", [["ab"], ["c"]]),
    ("x(?:yz)?w", [["x"], ["w"]]),
    ("x(?:yz){0,3}w", [["x"], ["w"]]),
    ("x(yz){2}w", [["x"], ["yz"], ["w"]]),
    ("^Refonte", [["Refonte"]]),
    ("Refonte$", [["Refonte"]]),
    ("cat|dog", [["cat", "dog"]]),
    ("a\\.b", [["a.b"]]),
    ("é(?=x)z", [["é"], ["z"]]),
    ("[a-z]+ de (la|l')", [[" de "], ["la", "l'"]]),
])
func prefilterExtractsTheLiteralsEveryMatchMustContain(pattern: String, expected: [[String]]) {
    #expect(required(pattern) == expected)
}

@Test(arguments: [
    "(?i)portail",          // case-insensitive: literal bytes would reject "PORTAIL"
    "(?i:por)tail",
    "cat|",                 // an empty branch matches everywhere
    "cat|\\d+",             // a branch with no literal
    "(?:abc)?",
    "a*",
    "\\Qa.b\\E",
    "(a)\\1",
    "\\x41BC",
    "\\p{L}+",
    "[abc]",
    ".",
    "",
])
func prefilterStaysOutWhenNoLiteralIsCertain(pattern: String) {
    #expect(RegexPrefilter(pattern) == nil)
}

/// Every pattern gives the same answers through `Text.regexContains` (prefilter, then ICU) as
/// ICU alone, on random texts built from the patterns' own pieces.
@Test func regexContainsWithThePrefilterAgreesWithTheRegexAlone() throws {
    let patterns = ["(?:Portail|[Pp]aie) \\w+ n°\\d*7", "ab?c", "x(?:yz)?w", "^Ref", "nte$", "cat|dog", "(?i)CAT",
                    "a\\.b", "é(?=x)", "[a-z]+ de (la|l')", "ab+c", "x(yz){2}w", "\\bdog\\b", "n°\\d{2,}"]
    let pieces = ["Portail", "paie", "Paie", " ", "n°", "7", "12", "a", "b", "c", "ac", "abc", "abbc", "x", "yz", "w",
                  "Ref", "onte", "cat", "CAT", "dog", "a.b", "aXb", "é", "e\u{301}", "x", " de ", "la", "l'", "DE"]
    var rng = Xoshiro256StarStar(seed: 20)
    let texts = (0..<3000).map { _ in (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() }
    for pattern in patterns {
        let icu = try NSRegularExpression(pattern: pattern)
        let test = try Text.regexContains(pattern)
        for s in texts {
            let expected = icu.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
            #expect(test(s) == expected, "\(pattern) on \(s)")
        }
    }
}

@Test func byteSearchFindsLiteralsAtEveryPosition() {
    let needle = Array("n°".utf8)
    for text in ["n°", "xn°", "nn°", "n°x", "n", "°n", "", "n n°"] {
        var s = text
        let found = s.withUTF8 { RegexPrefilter.find(needle, in: $0) }
        #expect(found == text.contains("n°"), "\(text)")
    }
}
