/// quanteda's glob within one word: `*` matches any run of characters (none included), `?`
/// exactly one; everything else matches itself. Compared on normalized UTF-16 units, as the
/// matcher compares words. Word tokens never hold `*` or `?`, so in a pattern they are always
/// wildcards.
public enum Glob {
    public static let star: UInt16 = 0x2A
    public static let one: UInt16 = 0x3F

    /// Whether units `s ..< e` match `pattern`.
    @inlinable
    public static func matches(_ units: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, _ pattern: [UInt16]) -> Bool {
        var t = s, k = 0
        var starK = -1, starT = s
        while t < e {
            if k < pattern.count {
                let p = pattern[k]
                if p == star { starK = k; k += 1; starT = t; continue }
                if p == one || p == units[t] {
                    // '?' takes a whole character: both halves of a surrogate pair.
                    t += (p == one && (0xD800...0xDBFF).contains(units[t]) && t + 1 < e) ? 2 : 1
                    k += 1
                    continue
                }
            }
            guard starK >= 0 else { return false }
            k = starK + 1
            starT += 1
            t = starT
        }
        while k < pattern.count && pattern[k] == star { k += 1 }
        return k == pattern.count
    }

    /// The same over a string (for tests and lint).
    public static func matches(_ word: String, _ pattern: String) -> Bool {
        let w = Array(word.utf16), p = Array(pattern.utf16)
        return w.withUnsafeBufferPointer { matches($0, 0, w.count, p) }
    }
}
