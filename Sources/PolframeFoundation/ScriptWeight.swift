/// How Han characters weigh against Latin letters wherever polframe compares the two scripts
/// (a document's language, its mixed-language shares): a Chinese word of two characters
/// carries about as much as an English word of six letters.
public enum ScriptWeight {
    /// Latin letters one Han character counts as.
    public static let lettersPerHanCharacter = 3

    /// "zh" when the Han characters, so weighted, at least equal the Latin letters, else "en"
    /// (so a mostly English text quoting Chinese names stays English); nil for neither.
    public static func language(hanCharacters: Int, latinLetters: Int) -> String? {
        if hanCharacters + latinLetters == 0 { return nil }
        return hanCharacters * lettersPerHanCharacter >= latinLetters ? "zh" : "en"
    }

    /// Han characters as letters.
    public static func letters(hanCharacters: Int) -> Int { hanCharacters * lettersPerHanCharacter }
}
