import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Script and style contents are half the bytes of a typical news page, and libxml2 reads them
/// character by character only for the builder to drop them (`MarkupParser.opaqueHTMLElements`).
/// `copy` leaves them out before parsing, keeping their line breaks (so line numbers in parser
/// messages stay right) and the JSON-LD scripts the date rule reads. It follows libxml2's own
/// rules for where such content ends (the first `</name`, any case) and leaves an element
/// whole whenever libxml2 would read it differently: a self-closing tag, a control character
/// in the content (libxml2 stops there), no end tag. Comments are stepped over, so a tag
/// inside one is never taken for a real one.
enum RawTextSkipper {
    static let names: [[UInt8]] = [Array("script".utf8), Array("style".utf8)]
    static let jsonLD = Array("ld+json".utf8)

    static func copy(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let n = b.count
        guard let base = b.baseAddress else { return }
        var copied = 0, i = 0
        while i < n {
            guard let hit = memchr(base + i, 0x3C, n - i) else { break }
            let lt = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            i = lt + 1
            if i + 2 < n, b[i] == 0x21, b[i + 1] == 0x2D, b[i + 2] == 0x2D {
                // <!-- ... -->: skip to its end; unterminated, nothing after it is touched.
                guard let end = find(b, [0x2D, 0x2D, 0x3E], from: i + 3) else { break }
                i = end + 3
                continue
            }
            guard let name = names.first(where: { matchesName(b, at: i, $0) }) else { continue }
            guard let (tagEnd, selfClosing) = startTagEnd(b, from: i + name.count) else { break }
            let contentStart = tagEnd + 1
            i = contentStart
            if selfClosing || containsFolded(b, lt..<tagEnd, jsonLD) { continue }
            guard let close = closingTag(b, name, from: contentStart) else { break }
            i = close
            // libxml2 ends the content at a control character: leave such an element alone.
            var lineBreaks = 0, control = false
            for k in contentStart..<close where b[k] < 0x20 {
                let c = b[k]
                if c == 0x0A { lineBreaks += 1 } else if c != 0x09 && c != 0x0D { control = true; break }
            }
            if control { continue }
            out.append(contentsOf: b[copied..<contentStart])
            out.append(contentsOf: repeatElement(0x0A, count: lineBreaks))
            copied = close
        }
        out.append(contentsOf: b[copied..<n])
    }

    /// `name` (lowercase) at `i` in any case, not followed by a character of an HTML name.
    static func matchesName(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ name: [UInt8]) -> Bool {
        guard i + name.count <= b.count else { return false }
        for k in 0..<name.count where b[i + k] | 0x20 != name[k] { return false }
        guard i + name.count < b.count else { return false }
        let c = b[i + name.count]
        let nameChar = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == 0x5F || c == 0x3A || c == 0x2E || c == 0x2D
        return !nameChar
    }

    /// The `>` ending a start tag whose attributes begin at `i`, and whether it is `/>`. Quotes
    /// count only where a value starts (after `=`), as libxml2 reads attributes.
    static func startTagEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> (Int, Bool)? {
        var j = i
        let n = b.count
        while j < n {
            let c = b[j]
            if c == 0x3E { return (j, false) }
            if c == 0x2F, j + 1 < n, b[j + 1] == 0x3E { return (j + 1, true) }
            if c == 0x3D {
                j += 1
                while j < n, b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D { j += 1 }
                if j < n, b[j] == 0x22 || b[j] == 0x27 {
                    let quote = b[j]
                    j += 1
                    while j < n, b[j] != quote { j += 1 }
                    guard j < n else { return nil }
                }
                j += 1
                continue
            }
            j += 1
        }
        return nil
    }

    /// The offset of the first `</name` (any case) at or after `from`.
    static func closingTag(_ b: UnsafeBufferPointer<UInt8>, _ name: [UInt8], from: Int) -> Int? {
        var j = from
        while let k = find(b, [0x3C, 0x2F], from: j) {
            if k + 2 + name.count <= b.count, (0..<name.count).allSatisfy({ b[k + 2 + $0] | 0x20 == name[$0] }) { return k }
            j = k + 1
        }
        return nil
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var j = from
        let n = b.count
        while j + needle.count <= n {
            guard let hit = memchr(base + j, Int32(needle[0]), n - j) else { return nil }
            let k = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            guard k + needle.count <= n else { return nil }
            if (1..<needle.count).allSatisfy({ b[k + $0] == needle[$0] }) { return k }
            j = k + 1
        }
        return nil
    }

    /// Whether `needle` (lowercase) occurs in `range` ignoring ASCII case.
    static func containsFolded(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard range.count >= needle.count else { return false }
        for s in range.lowerBound...(range.upperBound - needle.count) where b[s] | 0x20 == needle[0] {
            if (1..<needle.count).allSatisfy({ b[s + $0] | 0x20 == needle[$0] || b[s + $0] == needle[$0] }) { return true }
        }
        return false
    }
}
