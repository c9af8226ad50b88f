/// The line patterns MarkdownReader tries on every line, as byte scanners. Each documents the
/// regex it implements (Character semantics, see `MarkdownBytes`); the tests check each scanner
/// against its regex on generated lines.
enum MarkdownLines {
    typealias B = MarkdownBytes

    /// The bullets of PDF text lists.
    static let bullets: [UInt32] = [0x2022, 0x25CF, 0x25AA, 0x25A0, 0x25C6, 0x00B7]  // • ● ▪ ■ ◆ ·
    /// The markers of Markdown list items (besides numbers).
    static let listMarkers: [UInt32] = [0x2D, 0x2A, 0x2B, 0x2022]  // - * + •
    /// Lines made only of these bytes are rules or table separators.
    static let separatorBytes = ASCIISet("-=*_|: +")

    /// `^#{1,6}\s+(.*)$` on a trimmed line: the heading text.
    static func heading(_ b: [UInt8], _ r: Range<Int>) -> Range<Int>? {
        var i = r.lowerBound
        var hashes = 0
        while i < r.upperBound && b[i] == 0x23 && B.isAlone(b, i, r.upperBound) { hashes += 1; i += 1 }
        guard hashes >= 1 && hashes <= 6, i < r.upperBound, B.isWhitespace(B.scalar(b, i).value) else { return nil }
        let text = B.skipWhitespace(b, i, r.upperBound)..<r.upperBound
        return B.containsLineBreak(b, text) ? nil : text
    }

    /// Rule "page-number-lines": `^\s*(?:-\s*)?(?:page\s+)?\d{1,4}(?:\s*-)?\s*$`, on a line with a
    /// decimal digit (`\d` alone also takes Han numerals: "十二" is text, not a page). The pattern
    /// is tried first: it gives up at the first Character of most lines, where the digit test
    /// would read the whole line.
    static func isPageNumber(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        let end = r.upperBound
        var i = B.skipWhitespace(b, r.lowerBound, end)
        if i < end && b[i] == 0x2D && B.isAlone(b, i, end) { i = B.skipWhitespace(b, i + 1, end) }
        if end - i >= 5 && b[i] == 0x70 && b[i + 1] == 0x61 && b[i + 2] == 0x67 && b[i + 3] == 0x65,
           B.isWhitespace(B.scalar(b, i + 4).value) {
            i = B.skipWhitespace(b, i + 4, end)
        }
        let digits = numerals(b, &i, end)
        guard digits >= 1 && digits <= 4 else { return false }
        i = B.skipWhitespace(b, i, end)
        if i < end && b[i] == 0x2D && B.isAlone(b, i, end) { i = B.skipWhitespace(b, i + 1, end) }
        guard i == end else { return false }
        i = r.lowerBound
        while i < end {
            let c = b[i]
            if c < 0x80 {
                if c >= 0x30 && c <= 0x39 { return true }
                i += 1
            } else {
                let (v, n) = B.scalar(b, i)
                if B.isDecimal(v) { return true }
                i = n
            }
        }
        return false
    }

    /// Steps `i` over a run of characters that Swift's `\d` matches (any numeral, Han ones
    /// included, each with its combining marks) and returns how many there were.
    static func numerals(_ b: [UInt8], _ i: inout Int, _ end: Int) -> Int {
        var count = 0
        while i < end {
            let (v, n) = B.scalar(b, i)
            guard B.isNumber(v) else { break }
            count += 1
            i = B.characterEnd(b, from: n, end)
        }
        return count
    }

    /// `^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$`: the item text. The reader tries it only on a line
    /// that `mayBeListItem` accepts.
    static func listItem(_ b: [UInt8], _ r: Range<Int>) -> Range<Int>? {
        let end = r.upperBound
        var i = B.skipWhitespace(b, r.lowerBound, end)
        guard i < end else { return nil }
        let (first, afterFirst) = B.scalar(b, i)
        if listMarkers.contains(first) {
            guard B.characterEnd(b, from: afterFirst, end) == afterFirst else { return nil }
            i = afterFirst
        } else {
            let digits = numerals(b, &i, end)
            guard digits >= 1 && digits <= 3, i < end, b[i] == 0x2E || b[i] == 0x29, B.isAlone(b, i, end) else { return nil }
            i += 1
        }
        guard i < end, B.isWhitespace(B.scalar(b, i).value) else { return nil }
        let text = B.skipWhitespace(b, i, end)..<end
        return B.containsLineBreak(b, text) ? nil : text
    }

    /// `^\s*[•●▪■◆·]\s*(.*)$` (plain text) on a line whose trimmed form starts with a bullet: the item text.
    static func bulletItem(_ b: [UInt8], _ r: Range<Int>) -> Range<Int>? {
        let end = r.upperBound
        let i = B.skipWhitespace(b, r.lowerBound, end)
        guard i < end else { return nil }
        let (v, n) = B.scalar(b, i)
        guard bullets.contains(v), B.characterEnd(b, from: n, end) == n else { return nil }
        let text = B.skipWhitespace(b, n, end)..<end
        return B.containsLineBreak(b, text) ? nil : text
    }

    /// Whether a trimmed line starts with a bullet Character (the test before `bulletItem`).
    static func startsWithBullet(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        guard !r.isEmpty, b[r.lowerBound] >= 0x80 else { return false }
        let (v, n) = B.scalar(b, r.lowerBound)
        return bullets.contains(v) && B.characterEnd(b, from: n, r.upperBound) == n
    }

    /// Whether a trimmed line can start a list item: a marker or a decimal digit first.
    static func mayBeListItem(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        guard !r.isEmpty else { return false }
        let v = B.scalar(b, r.lowerBound).value
        return listMarkers.contains(v) || B.isDecimal(v)
    }

    /// Whether a trimmed line opens or closes a code fence (```` ``` ```` or `~~~`).
    static func isFence(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        guard r.count >= 3 else { return false }
        let i = r.lowerBound, c = b[i]
        return (c == 0x60 || c == 0x7E) && b[i + 1] == c && b[i + 2] == c && B.isAlone(b, i + 2, r.upperBound)
    }

    /// Whether a trimmed line is only rule or table-separator bytes (`---`, `|:-|`, `***`).
    static func isSeparator(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        for i in r where !separatorBytes.contains(b[i]) { return false }
        return true
    }

    /// Whether the ASCII byte `c` opens the trimmed line as a Character of its own.
    static func opens(_ b: [UInt8], _ r: Range<Int>, with c: UInt8) -> Bool {
        !r.isEmpty && b[r.lowerBound] == c && B.isAlone(b, r.lowerBound, r.upperBound)
    }

    /// A Markdown table row: its cells, trimmed, the empty ones dropped, joined by a space.
    static func tableRow(_ b: [UInt8], _ r: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        var cellStart = r.lowerBound
        func cell(_ end: Int) {
            let t = B.trim(b, cellStart..<end)
            if !t.isEmpty {
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: b[t])
            }
        }
        var i = r.lowerBound
        while i < r.upperBound {
            if b[i] == 0x7C && B.isAlone(b, i, r.upperBound) { cell(i); cellStart = i + 1 }
            i += 1
        }
        cell(r.upperBound)
        return out
    }

    /// A block quote line without its leading `>` and space Characters.
    static func quoted(_ b: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var i = r.lowerBound
        while i < r.upperBound && (b[i] == 0x3E || b[i] == 0x20) && B.isAlone(b, i, r.upperBound) { i += 1 }
        return i..<r.upperBound
    }

    /// (front matter YAML, where the body starts) when the text opens with a `---` line and a
    /// later line is `---` or `...`.
    static func frontMatter(_ b: [UInt8]) -> (yaml: Range<Int>, bodyStart: Int)? {
        guard b.count >= 4, b[0] == 0x2D, b[1] == 0x2D, b[2] == 0x2D, b[3] == 0x0A else { return nil }
        var lineStart = 4
        while lineStart <= b.count {
            var lineEnd = lineStart
            while lineEnd < b.count && b[lineEnd] != 0x0A { lineEnd += 1 }
            let t = B.trim(b, lineStart..<lineEnd)
            if t.count == 3 && ((b[t.lowerBound] == 0x2D && b[t.lowerBound + 1] == 0x2D && b[t.lowerBound + 2] == 0x2D)
                                || (b[t.lowerBound] == 0x2E && b[t.lowerBound + 1] == 0x2E && b[t.lowerBound + 2] == 0x2E)) {
                return (4..<max(4, lineStart - 1), min(lineEnd + 1, b.count))
            }
            lineStart = lineEnd + 1
        }
        return nil
    }
}
