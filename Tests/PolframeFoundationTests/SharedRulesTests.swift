import Testing
@testable import PolframeFoundation

/// Rules several modules must apply alike, held in one place.
@Suite struct SharedRulesTests {
    @Test func aHanCharacterWeighsThreeLatinLetters() {
        #expect(ScriptWeight.language(hanCharacters: 1, latinLetters: 3) == "zh")
        #expect(ScriptWeight.language(hanCharacters: 1, latinLetters: 4) == "en")
        #expect(ScriptWeight.language(hanCharacters: 0, latinLetters: 0) == nil)
        #expect(ScriptWeight.letters(hanCharacters: 5) == 15)
    }

    @Test func anEntryIsNamedFrameCategoryForm() {
        #expect(EntryKey.of(frame: "values_based", category: "ethics", form: "human rights") == "values_based/ethics/human rights")
    }

    @Test func fieldEscapesRoundTrip() {
        for s in ["plain", "tab\there", "line\nbreak\r", "back\\slash \\t not a tab", ""] {
            let e = FieldEscape.escape(s)
            #expect(!e.contains("\t") && !e.contains("\n"))
            #expect(FieldEscape.unescape(e) == s)
        }
    }
}
