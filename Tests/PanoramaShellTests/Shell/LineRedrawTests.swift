import Testing
@testable import LineEditing

/// Up/Down redraw from the prompt's row: the rows above the cursor count wide characters as
/// the terminal does (a CJK character or an emoji takes two columns).
@Test func rowsAboveTheCursorCountWideCharactersTwice() {
    EditLineReader.useUTF8CharacterType()
    let prompt = "panorama> "  // 10 columns
    // 35 CJK characters: 70 columns after the prompt's 10, so the line fills row 0 exactly.
    let cjk = String(repeating: "日", count: 35)
    #expect(EditLineReader.rowsAbove(cursor: 35, in: cjk, after: prompt, width: 80) == 1)
    #expect(EditLineReader.rowsAbove(cursor: 34, in: cjk, after: prompt, width: 80) == 0)
    // Accented letters are one column each, a combining accent none.
    let accents = String(repeating: "é", count: 69) + "e\u{301}"
    #expect(EditLineReader.rowsAbove(cursor: 71, in: accents, after: prompt, width: 80) == 1)
    #expect(EditLineReader.rowsAbove(cursor: 69, in: accents, after: prompt, width: 80) == 0)
    #expect(EditLineReader.rowsAbove(cursor: 3, in: "a\nb\nc", after: prompt, width: 80) == 1)
}
