/// English abbreviations after which a period does not end a sentence. ICU 72's root rules
/// break after "Dr." and Debian's data has no English suppression list, so polframe keeps its
/// own, as data.
public enum Abbreviations {
    public static let english: Set<String> = [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.", "Capt.", "Adm.",
        "Sec.", "Secs.", "No.", "Nos.", "Art.", "Arts.", "Para.", "Ch.", "Fig.", "Vol.", "pp.", "p.",
        "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "e.g.", "i.e.", "etc.", "vs.", "v.", "cf.", "al.",
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
        "St.", "Jr.", "Sr.", "Inc.", "Co.", "Corp.", "Ltd.", "Dept.", "Govt.", "Pub.", "L.", "Stat.", "Fed.", "Reg.",
    ]

    /// Whether the text just before `end` (UTF-16 offset) is an abbreviation that should not
    /// end a sentence there.
    static func suppressesBreak(_ text: [UInt16], at end: Int) -> Bool {
        var e = end
        while e > 0 && (text[e - 1] == 0x20 || text[e - 1] == 0x0A || text[e - 1] == 0x0D) { e -= 1 }
        guard e > 0, text[e - 1] == 0x2E else { return false }
        var s = e - 1
        while s > 0 && text[s - 1] != 0x20 && text[s - 1] != 0x0A && text[s - 1] != 0x28 && text[s - 1] != 0x22 { s -= 1 }
        guard e - s <= 6 else { return false }
        return english.contains(String(decoding: text[s..<e], as: UTF16.self))
    }
}
