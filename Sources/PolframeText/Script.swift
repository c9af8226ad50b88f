import CICUBridge

/// The writing system of a token, from ICU's script property of its first letter.
public enum Script: String, Sendable, Hashable, Codable, CaseIterable {
    case han, latin, kana, hangul, number, other

    // UScriptCode values are fixed by ICU's API: COMMON 0, INHERITED 1, HAN 17, HANGUL 18,
    // HIRAGANA 20, KATAKANA 22, LATIN 25.
    static func of(_ scalar: Unicode.Scalar) -> Script {
        let v = scalar.value
        if pf_is_digit(v) != 0 { return .number }
        switch pf_script(v) {
        case 17: return .han
        case 25: return .latin
        case 20, 22: return .kana
        case 18: return .hangul
        default: return .other
        }
    }
}
