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
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var last: Unicode.Scalar? = nil
        for s in text.unicodeScalars {
            switch s.value {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD:
                continue
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                pendingSpace = true
                continue
            default:
                break
            }
            if pendingSpace, let l = last, !(isCJK(l) && isCJK(s)) { out.append(" ") }
            pendingSpace = false
            out.append(s)
            last = s
        }
        return String(out)
    }
}
