/// Whitespace rules shared by every reader.
enum TextCleanup {
    /// Whether a scalar belongs to CJK text, where a line break or space between two such
    /// characters is layout, not a word separator.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFF60,
             0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// Collapses runs of white space (including NBSP and zero-width characters) to one space,
    /// drops the space between two CJK characters, and trims.
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { collapse(utf8: $0) }
    }

    /// `collapse` over valid UTF-8 bytes, decoded here scalar by scalar (no String in between).
    /// The result is never longer than the input (a space written stands for at least one white-space
    /// byte read and not copied), so it is written straight into the String.
    static func collapse(utf8 b: UnsafeBufferPointer<UInt8>) -> String {
        let n = b.count
        if n == 0 { return "" }
        return String(unsafeUninitializedCapacity: n) { out in
            var o = 0
            var pendingSpace = false
            var lastCJK = false, any = false
            var i = 0
            let raw = UnsafeRawPointer(b.baseAddress!), dst = UnsafeMutableRawPointer(out.baseAddress!)
            while i < n {
                // Eight ASCII bytes that come out as they are: no control bytes, single spaces
                // between other bytes, none pending before and none last.
                if !pendingSpace && i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let spaces = ASCIIWord.bytes(w, equalTo: 0x20)
                    if w & ASCIIWord.highBits == 0 && ASCIIWord.bytes(w, below: 0x20) == 0 && spaces & (spaces << 8) == 0
                        && spaces >> 56 == 0 && (any || spaces & 0x80 == 0) {
                        dst.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                        o += 8
                        i += 8
                        lastCJK = false; any = true
                        continue
                    }
                }
                let c = b[i]
                if c < 0x80 {
                    i += 1
                    if c == 0x20 || (c >= 0x09 && c <= 0x0D) { pendingSpace = true; continue }
                    if pendingSpace && any { out[o] = 0x20; o += 1 }
                    pendingSpace = false
                    out[o] = c; o += 1
                    lastCJK = false; any = true
                    continue
                }
                let (v, len) = decodeScalar(b, i)
                if isInvisible(value: v) {
                    i += len
                    continue
                }
                if isSpace(value: v) {
                    pendingSpace = true
                    i += len
                    continue
                }
                let cjk = isCJK(value: v)
                if pendingSpace && any && !(lastCJK && cjk) { out[o] = 0x20; o += 1 }
                pendingSpace = false
                for k in i..<(i + len) { out[o] = b[k]; o += 1 }
                i += len
                lastCJK = cjk; any = true
            }
            return o
        }
    }

    /// `collapse` over UTF-8 bytes: what `collapse(String(decoding: bytes, as: UTF8.self))`
    /// gives, without the String in between when the bytes are valid.
    static func collapse(bytes: [UInt8]) -> String {
        guard isValidUTF8(bytes) else { return collapse(String(decoding: bytes, as: UTF8.self)) }
        return bytes.withUnsafeBufferPointer { collapse(utf8: $0) }
    }

    /// Whether `text` holds anything `collapse` keeps: a character other than white space and
    /// the invisible characters it drops. Read byte by byte, as `collapse` reads, so that it
    /// agrees with `collapse` and asks no Unicode property of any scalar.
    static func hasVisibleText(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 {
                    if !(c == 0x20 || (c >= 0x09 && c <= 0x0D)) { return true }
                    i += 1
                    continue
                }
                let (v, len) = decodeScalar(b, i)
                if !isInvisible(value: v) && !isSpace(value: v) { return true }
                i += len
            }
            return false
        }
    }

    /// Non-ASCII characters `collapse` drops: zero-width spaces and joiners, the byte-order mark
    /// and the soft hyphen, which split words in scraped text without being seen.
    @inline(__always) static func isInvisible(value v: UInt32) -> Bool {
        switch v {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD: return true
        default: return false
        }
    }

    /// Non-ASCII white space `collapse` turns into one space (NBSP, the typographic spaces, the
    /// ideographic space).
    @inline(__always) static func isSpace(value v: UInt32) -> Bool {
        switch v {
        case 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    @inline(__always) static func isCJK(value v: UInt32) -> Bool {
        switch v {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFF60,
             0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// The scalar value and length of the multi-byte UTF-8 sequence at `i` (the bytes are valid
    /// UTF-8: `isValidUTF8`).
    @inline(__always) static func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let c = UInt32(b[i])
        if c < 0xE0 { return ((c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if c < 0xF0 { return ((c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return ((c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or values above
    /// U+10FFFF), so `decodeScalar` may read them.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        if bytes.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            let raw = UnsafeRawPointer(b.baseAddress!)
            while i < n {
                // Eight ASCII bytes at a time.
                if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
                if c >= 0xC2 && c <= 0xDF {
                    guard cont(i + 1) else { return false }
                    i += 2
                } else if c >= 0xE0 && c <= 0xEF {
                    guard cont(i + 1), cont(i + 2) else { return false }
                    let b1 = b[i + 1]
                    if c == 0xE0 && b1 < 0xA0 { return false }
                    if c == 0xED && b1 >= 0xA0 { return false }
                    i += 3
                } else if c >= 0xF0 && c <= 0xF4 {
                    guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
                    let b1 = b[i + 1]
                    if c == 0xF0 && b1 < 0x90 { return false }
                    if c == 0xF4 && b1 >= 0x90 { return false }
                    i += 4
                } else {
                    return false
                }
            }
            return true
        }
    }
}
