/// Punctuation with many code points for one mark, unified so lexicons, sentence rules and
/// readers see one form. Data, one unit for one unit: offsets are unchanged. Chinese marks
/// that mean something different from their ASCII look-alikes (。、《》——……) are kept.
public enum PunctuationTable {
    /// (variant, unified form).
    public static let pairs: [(UInt16, UInt16)] = [
        // Double quotes: curly, low, prime and corner forms -> the Chinese curly pair.
        (0x201E, 0x201C), (0x201F, 0x201C), (0x301D, 0x201C), (0x301E, 0x201D), (0x301F, 0x201D),
        (0x300C, 0x201C), (0x300D, 0x201D), (0x300E, 0x201C), (0x300F, 0x201D),
        (0xFE41, 0x201C), (0xFE42, 0x201D), (0xFE43, 0x201C), (0xFE44, 0x201D),
        // Single quotes.
        (0x201A, 0x2018), (0x201B, 0x2018), (0x2032, 0x2019),
        // Hyphens and minus signs -> ASCII hyphen-minus; the horizontal bar -> em dash.
        (0x2010, 0x2D), (0x2011, 0x2D), (0x2012, 0x2D), (0x2013, 0x2D), (0x2212, 0x2D), (0xFE63, 0x2D), (0xFF0D, 0x2D),
        (0x2015, 0x2014), (0x2E3A, 0x2014),
        // Middle dots used in names and numbers (Katakana, bullet operator, hyphenation point).
        (0x30FB, 0x00B7), (0xFF65, 0x00B7), (0x2027, 0x00B7), (0x2219, 0x00B7), (0x22C5, 0x00B7),
        // Wave dashes.
        (0x301C, 0xFF5E), (0x223C, 0xFF5E),
        // Ideographic full stop variants.
        (0xFF61, 0x3002),
    ]

    /// The unified form of every unit.
    static let table: [UInt16] = {
        var t = (0...0xFFFF).map { UInt16($0) }
        for (from, to) in pairs { t[Int(from)] = to }
        return t
    }()

    static func unify(_ n: inout NormalizedUnits) {
        let table = Self.table
        Normalizer.rewrite(&n) { u in u < 0x2010 ? u : table[Int(u)] }
    }
}
