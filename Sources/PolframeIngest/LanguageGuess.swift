import CICUBridge

/// The language of a text from its scripts: Han characters (each worth about three letters)
/// against Latin letters.
enum LanguageGuess {
    static func fromScripts(_ text: String) -> String? {
        var han = 0, latin = 0
        for s in text.unicodeScalars {
            if s.value < 0x80 {
                if (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A { latin += 1 }
                continue
            }
            switch pf_script(s.value) {
            case 17: han += 1
            case 25: latin += 1
            default: break
            }
        }
        if han + latin == 0 { return nil }
        return han * 3 >= latin ? "zh" : "en"
    }

    /// "zh-CN" -> "zh", "en-US" -> "en".
    static func primary(_ tag: String) -> String {
        String(tag.lowercased().prefix { $0 != "-" && $0 != "_" })
    }
}
