import CICUBridge
import PolframeFoundation

/// The language of a text from its scripts: Han characters (each worth about three letters)
/// against Latin letters.
enum LanguageGuess {
    static func fromScripts(_ text: String) -> String? { fromScripts(CollectionOfOne(text)) }

    /// `fromScripts` of the texts joined by non-letters (a document's blocks), without joining them.
    static func fromScripts<Texts: Sequence<String>>(_ texts: Texts) -> String? {
        var han = 0, latin = 0
        for text in texts {
            var text = text
            text.withUTF8 { count($0, han: &han, latin: &latin) }
        }
        return ScriptWeight.language(hanCharacters: han, latinLetters: latin)
    }

    /// Adds the Han and Latin scalars of valid UTF-8 bytes to the counts. Eight ASCII bytes are
    /// counted at once; the CJK Unified Ideographs of Unicode 1.1 are Han without asking ICU.
    static func count(_ b: UnsafeBufferPointer<UInt8>, han: inout Int, latin: inout Int) {
        var i = 0
        let n = b.count
        guard let base = b.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while i < n {
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & ASCIIWord.highBits == 0 {
                    latin += ASCIIWord.letters(w).nonzeroBitCount
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 {
                if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A { latin += 1 }
                i += 1
                continue
            }
            let (v, len) = TextCleanup.decodeScalar(b, i)
            i += len
            if v >= 0x4E00 && v <= 0x9FA5 { han += 1; continue }
            switch pf_script(v) {
            case 17: han += 1
            case 25: latin += 1
            default: break
            }
        }
    }

    /// "zh-CN" -> "zh", "en-US" -> "en".
    static func primary(_ tag: String) -> String {
        String(tag.lowercased().prefix { $0 != "-" && $0 != "_" })
    }
}
