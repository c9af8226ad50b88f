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
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var lastCJK = false, any = false
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) { pendingSpace = true; continue }
                if pendingSpace && any { out.append(0x20) }
                pendingSpace = false
                out.append(UInt8(v))
                lastCJK = false; any = true
                continue
            }
            switch v {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD:
                continue
            case 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                pendingSpace = true
                continue
            default:
                break
            }
            let cjk = isCJK(s)
            if pendingSpace && any && !(lastCJK && cjk) { out.append(0x20) }
            pendingSpace = false
            UTF8.encode(s) { out.append($0) }
            lastCJK = cjk; any = true
        }
        return String(decoding: out, as: UTF8.self)
    }
}
