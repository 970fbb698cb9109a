import Testing
import PanoramaKit

@Test func shortTextIsLeftWhole() {
    #expect(Prose.wrap("a short line", width: 80) == ["a short line"])
    #expect(Prose.wrap("", width: 10) == [""])
}

@Test func proseBreaksAtSpacesAndIndentsContinuationLines() {
    #expect(Prose.wrap("note: one two three four", width: 14, indent: 6)
            == ["note: one two", "      three", "      four"])
    #expect(Prose.wrap("alpha beta gamma", width: 10) == ["alpha beta", "gamma"])
}

@Test func aWordLongerThanTheLineIsCut() {
    let lines = Prose.wrap("x abcdefghijklmnop y", width: 6)
    #expect(lines == ["x", "abcdef", "ghijkl", "mnop y"])
    #expect(lines.allSatisfy { $0.count <= 6 })
}

@Test func eachLineOfAMultiLineTextWrapsOnItsOwn() {
    #expect(Prose.wrap("a b c\nd e f", width: 3) == ["a b", "c", "d e", "f"])
}

@Test func gluedWordsStayOnOneLineAndPrintAsSpaces() {
    let text = "p: " + [Prose.glued("alpha", "=", "0.5"), Prose.glued("beta", "=", "0.25")].joined(separator: ", ")
    #expect(Prose.wrap(text, width: 16, indent: 2) == ["p: alpha = 0.5,", "  beta = 0.25"])
}

/// Seen at 100 columns in an outlook note: `(log-ratio sd 6.97` ending a line and `%, 10
/// editions…` starting the next.
@Test func aPercentSignStaysWithItsNumber() {
    #expect(Prose.wrap("sd 6.97 %, 10 editions", width: 8) == ["sd", "6.97 %,", "10", "editions"])
    #expect(Prose.wrap("a 80 % b", width: 4) == ["a", "80 %", "b"])
}

@Test func proseOptionsWrapInBoxModeAndKeepLinesWholeInMarkdown() {
    let long = String(repeating: "word ", count: 30).trimmingCharacters(in: .whitespaces)
    let box = RenderOptions(mode: .box, width: 40)
    #expect(box.prose(long).split(separator: "\n").allSatisfy { $0.count <= 40 })
    #expect(box.note("a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f")
            == "note: a b c d e f g h i j k l m n o p q\n      r s t u v w x y z a b c d e f")
    #expect(RenderOptions(mode: .markdown, width: 40).prose(long) == long)
}

@Test func countsTakeTheRightNumberOfTheirNoun() {
    #expect(Prose.counted(1, "one-step origin") == "1 one-step origin")
    #expect(Prose.counted(0, "origin") == "0 origins")
    #expect(Prose.counted(11, "one-step origin") == "11 one-step origins")
    #expect(Prose.counted(10_000, "trial") == "10,000 trials")
    #expect(Prose.noun(2, "was", plural: "were") == "were")
}
