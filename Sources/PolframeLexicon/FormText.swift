import Foundation

/// Checks on a form's text as written, with the answers of Foundation's string APIs but
/// without their cost in the common case (each goes through NSString; a lexicon has hundreds
/// of forms and loading it is serial start-up time of every run).
enum FormText {
    /// `text.trimmingCharacters(in: .whitespaces)`. Only a form that starts or ends with a
    /// scalar of that set (listed in `isWhitespace`) is handed to Foundation.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              isWhitespace(first) || isWhitespace(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Foundation's `CharacterSet.whitespaces`: space separators (Zs), tab, and zero width
    /// space. A test holds the two equal over every scalar.
    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `text.dropLast().contains("*")`: a '*' before the last character. Without a '*' byte
    /// before the last byte there is none (a character ending in the last byte '*' is dropped
    /// whole); otherwise Foundation decides.
    static func hasInnerStar(_ text: String) -> Bool {
        let star = UInt8(ascii: "*")
        let utf8 = text.utf8
        guard let i = utf8.firstIndex(of: star), i != utf8.index(before: utf8.endIndex) else { return false }
        return text.dropLast().contains("*")
    }
}
