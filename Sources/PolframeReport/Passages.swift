/// One row of matches.csv as the report needs it.
struct MatchRow: Sendable {
    var doc: String
    var frame: String
    var category: String
    var entry: String
    var start: Int
    var end: Int
    var text: String
    var negated: Bool
    var excluded: Bool
    /// Index of the row's kind in the report's `MarkTags`.
    var tag: Int = 0
}

/// A stretch of the text highlighted once: every matches.csv row on the same span (a form in
/// several categories) shares one mark.
struct Mark {
    var start: Int
    var end: Int
    var rows: [MatchRow]
}

/// A document's text as Unicode scalars (matches.csv's offsets count scalars), with marks and
/// sentence context.
struct MarkedText {
    let scalars: [Unicode.Scalar]
    /// The text's UTF-8 bytes and, for each scalar offset, where it starts in them: a stretch of
    /// text is one copy of bytes, not a string built scalar by scalar.
    let bytes: [UInt8]
    let byteOffsets: [Int32]
    let marks: [Mark]

    init(text: String, matches: [MatchRow]) {
        scalars = Array(text.unicodeScalars)
        bytes = Array(text.utf8)
        var offsets: [Int32] = []
        offsets.reserveCapacity(scalars.count + 1)
        var o: Int32 = 0
        for c in scalars {
            offsets.append(o)
            o += Int32(UTF8.width(c))
        }
        offsets.append(o)
        byteOffsets = offsets
        var bySpan: [Int: [MatchRow]] = [:]
        var order: [(Int, Int)] = []
        for m in matches where m.start >= 0 && m.end <= scalars.count && m.start < m.end {
            let key = m.start &* 1_000_003 &+ m.end
            if bySpan[key] == nil { order.append((m.start, m.end)) }
            bySpan[key, default: []].append(m)
        }
        order.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
        var out: [Mark] = []
        var open: [Int] = []  // ends of the marks that enclose the next one
        for (s, e) in order {
            // Framing matches never overlap each other (longest match wins), but a topic frame
            // is matched in a pass of its own, so its match may sit inside a framing one: such
            // a mark nests. A span that only partly overlaps another is listed in the tables
            // but not highlighted.
            while let top = open.last, top <= s { open.removeLast() }
            if let top = open.last, e > top { continue }
            out.append(Mark(start: s, end: e, rows: bySpan[s &* 1_000_003 &+ e]!))
            open.append(e)
        }
        marks = out
    }

    func string(_ r: Range<Int>) -> String {
        let a = Int(byteOffsets[max(0, min(scalars.count, r.lowerBound))]), b = Int(byteOffsets[max(0, min(scalars.count, r.upperBound))])
        return a < b ? String(decoding: bytes[a..<b], as: UTF8.self) : ""
    }

    static func isTerminator(_ c: Unicode.Scalar) -> Bool {
        switch c { case "。", "！", "？", "\n", "；": return true; default: return false }
    }

    /// The sentence around `r` (at most `limit` scalars each side), for context.
    func sentence(around r: Range<Int>, limit: Int = 280) -> Range<Int> {
        var a = r.lowerBound
        let floor = max(0, r.lowerBound - limit)
        while a > floor {
            let c = scalars[a - 1]
            if Self.isTerminator(c) { break }
            if (c == " " || c == "\t") && a >= 2 && [".", "!", "?"].contains(scalars[a - 2]) { break }
            a -= 1
        }
        var b = r.upperBound
        let ceiling = min(scalars.count, r.upperBound + limit)
        while b < ceiling {
            let c = scalars[b]
            b += 1
            if Self.isTerminator(c) || ([".", "!", "?"].contains(c) && (b == scalars.count || scalars[b] == " " || scalars[b] == "\n")) { break }
        }
        while a < r.lowerBound, scalars[a].properties.isWhitespace { a += 1 }
        return a..<b
    }

    /// The marks' HTML element for one mark: category classes, the entries in its title, and
    /// its offsets, so a test (or a reader) can check it against matches.csv. `anchor`: the
    /// document's anchor, which the mark's id extends (ids stay unique in a shared file).
    static func open(_ m: Mark, anchor: String?, tags: MarkTags) -> String {
        let first = tags[m.rows[0].tag]
        var s = "<mark"
        if let anchor { s += " id=\"\(anchor)-m\(m.start)-\(m.end)\"" }
        s += " class=\"m c\(first.colour)"
        if m.rows.contains(where: \.negated) { s += " negated" }
        if m.rows.allSatisfy(\.excluded) { s += " excluded" }
        s += "\" data-start=\"\(m.start)\" data-end=\"\(m.end)\" data-categories=\""
        // Escaping commutes with joining: the separators hold nothing to escape.
        for (k, r) in m.rows.enumerated() { if k > 0 { s += ";" }; s += tags[r.tag].category }
        s += "\" title=\""
        for (k, r) in m.rows.enumerated() { if k > 0 { s += "; " }; s += tags[r.tag].title }
        s += "\">"
        return s
    }

    /// Text of `range` as HTML: marks inside it highlighted, window stretches shaded (a mark is
    /// never split by a window edge: matches stay inside sentences, windows are sentences).
    func html(_ range: Range<Int>, windows: [Range<Int>], only: Mark? = nil, anchor: String? = nil,
              tags: MarkTags) -> String {
        var out = ""
        func plain(_ r: Range<Int>) {
            guard !r.isEmpty else { return }
            if windows.isEmpty { out += HTML.escape(string(r)); return }
            var cuts = [r.lowerBound, r.upperBound]
            for w in windows where w.overlaps(r) {
                cuts.append(max(w.lowerBound, r.lowerBound)); cuts.append(min(w.upperBound, r.upperBound))
            }
            cuts = Array(Set(cuts)).sorted()
            for (a, b) in zip(cuts, cuts.dropFirst()) where a < b {
                let text = HTML.escape(string(a..<b))
                if windows.contains(where: { $0.lowerBound <= a && b <= $0.upperBound }) {
                    out += "<span class=\"window\">\(text)</span>"
                } else {
                    out += text
                }
            }
        }
        let candidates = only.map { [$0] } ?? marks.filter { $0.start >= range.lowerBound && $0.end <= range.upperBound }
        var i = 0
        // Marks in document order; a mark's text may hold nested marks (see `init`).
        func render(_ r: Range<Int>) {
            var pos = r.lowerBound
            while i < candidates.count, candidates[i].start < r.upperBound {
                let m = candidates[i]
                i += 1
                if m.start < pos || m.end > r.upperBound { continue }
                plain(pos..<m.start)
                out += Self.open(m, anchor: only == nil ? anchor : nil, tags: tags)
                render(m.start..<m.end)
                out += "</mark>"
                pos = m.end
            }
            plain(pos..<r.upperBound)
        }
        render(range)
        return out
    }
}
