#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 byte primitives for the Markdown and plain-text scanners.
///
/// The cleanup rules were first written as Swift regexes, which match whole Characters (grapheme
/// clusters): `\s` is a Character whose first scalar is white space, `\d` one whose first scalar
/// has any numeric type (Han numerals included), `.` any Character but a line break, and a literal
/// `]` does not match `]` followed by a combining mark. These helpers keep those meanings on bytes,
/// so the scanners give the same results without building Characters. Input is always valid
/// UTF-8 (it comes from a `String`, and the scanners remove only whole ASCII bytes).
enum MarkdownBytes {
    /// The scalar value starting at `i`, and the index after it.
    @inline(__always)
    static func scalar(_ b: [UInt8], _ i: Int) -> (value: UInt32, next: Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, i + 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), i + 2) }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), i + 3)
        }
        return (((b0 & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6)
                | UInt32(b[i + 3] & 0x3F), i + 4)
    }

    /// The start of the scalar that ends just before `i`.
    @inline(__always)
    static func scalarStart(before i: Int, _ b: [UInt8]) -> Int {
        var j = i - 1
        while b[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// Unicode White_Space (what `\s` and `trimmingWhitespace` test).
    @inline(__always)
    static func isWhitespace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The line breaks a regex `.` does not match.
    @inline(__always)
    static func isLineBreak(_ v: UInt32) -> Bool {
        (v >= 0x0A && v <= 0x0D) || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    /// Whether a scalar has a numeric type (what a regex `\d` tests on a Character's first scalar).
    @inline(__always)
    static func isNumber(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return Unicode.Scalar(v)!.properties.numericType != nil
    }

    /// Whether a scalar is a decimal digit in any script.
    @inline(__always)
    static func isDecimal(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        if v >= 0x2E00 && v <= 0x9FFF { return false }  // CJK: no decimal digits (〇 and 十 are other numerals)
        return Unicode.Scalar(v)!.properties.numericType == .decimal
    }

    /// Whether a scalar joins the Character before it (combining marks, ZWJ, spacing marks,
    /// emoji modifiers), so that the scalar before it is not a Character on its own.
    @inline(__always)
    static func extendsCharacter(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        if v >= 0x4E00 && v <= 0x9FFF { return false }  // Han: the common case in Chinese text
        if v == 0x200D || v == 0x0E33 || v == 0x0EB3 || (v >= 0x1F3FB && v <= 0x1F3FF) { return true }
        let p = Unicode.Scalar(v)!.properties
        return p.isGraphemeExtend || p.generalCategory == .spacingMark
    }

    /// The end of the Character whose first scalar ends at `i` (skips the scalars that extend it).
    @inline(__always)
    static func characterEnd(_ b: [UInt8], from i: Int, _ end: Int) -> Int {
        var j = i
        while j < end, b[j] >= 0x80 {
            let (v, n) = scalar(b, j)
            guard extendsCharacter(v) else { break }
            j = n
        }
        return j
    }

    /// Whether the ASCII byte at `i` is a Character of its own (not followed by a combining mark),
    /// that is, whether a regex literal for that byte matches there.
    @inline(__always)
    static func isAlone(_ b: [UInt8], _ i: Int, _ end: Int) -> Bool {
        i + 1 >= end || b[i + 1] < 0x80 || !extendsCharacter(scalar(b, i + 1).value)
    }

    /// Skips white-space Characters (`\s*`) from `i`.
    @inline(__always)
    static func skipWhitespace(_ b: [UInt8], _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end {
            let (v, n) = scalar(b, j)
            guard isWhitespace(v) else { break }
            j = whitespaceEnd(v, b, from: n, end)
        }
        return j
    }

    /// The end of a white-space Character whose first scalar `v` ends at `i`: a line break or tab
    /// is a Character alone, a space can carry combining marks.
    @inline(__always)
    static func whitespaceEnd(_ v: UInt32, _ b: [UInt8], from i: Int, _ end: Int) -> Int {
        v < 0x20 || v == 0x85 || v == 0x2028 || v == 0x2029 ? i : characterEnd(b, from: i, end)
    }

    /// The range without leading and trailing white-space scalars (`trimmingWhitespace`).
    static func trim(_ b: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi {
            let (v, n) = scalar(b, lo)
            guard isWhitespace(v) else { break }
            lo = n
        }
        while hi > lo {
            let s = scalarStart(before: hi, b)
            guard isWhitespace(scalar(b, s).value) else { break }
            hi = s
        }
        return lo..<hi
    }

    /// Whether any scalar in the range is a line break (then `(.*)$` cannot match).
    static func containsLineBreak(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            let c = b[i]
            if c < 0x80 {
                if c >= 0x0A && c <= 0x0D { return true }
                i += 1
            } else {
                let (v, n) = scalar(b, i)
                if isLineBreak(v) { return true }
                i = n
            }
        }
        return false
    }

    /// The first index of `pattern` in `b[from..<end]`, byte for byte. `memchr` finds the
    /// candidates for its first byte.
    static func find(_ pattern: [UInt8], in b: [UInt8], from: Int, to end: Int) -> Int? {
        guard let first = pattern.first, from >= 0, end <= b.count, end - from >= pattern.count else { return nil }
        let n = pattern.count
        return b.withUnsafeBufferPointer { p -> Int? in
            let base = p.baseAddress!
            var i = from
            let last = end - n
            while i <= last {
                guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var k = 1
                while k < n && p[i + k] == pattern[k] { k += 1 }
                if k == n { return i }
                i += 1
            }
            return nil
        }
    }

    /// The index of the first line feed from `i` (or the end), and whether a form feed comes
    /// before it.
    static func lineEnd(_ b: [UInt8], from i: Int) -> (end: Int, formFeed: Bool) {
        guard i < b.count else { return (b.count, false) }
        return b.withUnsafeBufferPointer { p in
            let start = p.baseAddress! + i
            let end = memchr(start, 0x0A, p.count - i).map { p.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? p.count
            return (end, memchr(start, 0x0C, end - i) != nil)
        }
    }

    /// Replaces every CR LF with LF: a CR LF file then reads like the same file with LF endings.
    static func normalizeLineEnds(_ b: inout [UInt8]) {
        let hasCR = b.withUnsafeBufferPointer { p in p.isEmpty ? false : memchr(p.baseAddress!, 0x0D, p.count) != nil }
        guard hasCR else { return }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1; continue }
            out.append(b[i])
            i += 1
        }
        b = out
    }

    /// Whether the text has a letter or a number (a block without one is debris).
    static func hasLetterOrNumber(_ text: String) -> Bool {
        for c in text.utf8 where c < 0x80 {
            if (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) { return true }
        }
        return text.unicodeScalars.contains { $0.value >= 0x80 && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }
    }
}

/// A set of ASCII bytes given as a string of them, tested with one bit.
struct ASCIISet: Sendable {
    private var low: UInt64 = 0, high: UInt64 = 0

    init(_ members: String) {
        for c in members.utf8 {
            precondition(c < 0x80, "ASCIISet holds ASCII only")
            if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
        }
    }

    @inline(__always)
    func contains(_ c: UInt8) -> Bool {
        c < 64 ? low & (1 << UInt64(c)) != 0 : c < 128 && high & (1 << UInt64(c - 64)) != 0
    }
}
