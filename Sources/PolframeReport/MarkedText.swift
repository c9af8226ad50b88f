/// One row of matches.csv as the report keeps it: numbers only. Its frame, category, entry and
/// flags are its kind's (`MarkTags`), its matched text is in the table at `row`: rows are copied
/// into per-document, per-mark and per-sample lists, and a row of strings cost a retain and a
/// release per string at every copy.
struct Match: Sendable {
    var start: Int
    var end: Int
    /// Index of the row's kind in the report's `MarkTags`.
    var kind: Int32
    /// The row's index in matches.csv.
    var row: Int32
}

/// A stretch of the text highlighted once: every matches.csv row on the same span (a form in
/// several categories) shares one mark. `rows`: where those rows lie in the document's matches.
struct Mark: Sendable {
    var start: Int
    var end: Int
    var rows: Range<Int>
}

/// A document's text as Unicode scalars (matches.csv's offsets count scalars), with its matches
/// in text order, marks, and sentence context.
struct MarkedText {
    /// The scalars, decoded where they are read (the report reads few of them: sentence edges,
    /// page cuts), so no array of them is made.
    let scalars: ScalarView
    /// The text's UTF-8 bytes and, for each scalar offset, where it starts in them: a stretch of
    /// text is one copy of bytes, not a string built scalar by scalar.
    let bytes: [UInt8]
    let byteOffsets: [Int32]
    /// The document's matches by start, longer first on the same start (rows on one span keep
    /// their order in matches.csv).
    let matches: [Match]
    let marks: [Mark]

    /// `matches` in text order (see `matches`).
    init(text: String, matches: [Match]) {
        bytes = Array(text.utf8)
        // Where each scalar starts, from the lead bytes (a String's bytes are valid UTF-8).
        var offsets: [Int32] = []
        offsets.reserveCapacity(bytes.count + 1)
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i] & 0xC0 != 0x80 { offsets.append(Int32(i)) }
        }
        offsets.append(Int32(bytes.count))
        byteOffsets = offsets
        scalars = ScalarView(bytes: bytes, offsets: offsets)
        self.matches = matches
        var out: [Mark] = []
        var open: [Int] = []  // ends of the marks that enclose the next one
        var i = 0
        while i < matches.count {
            // The rows on one span are next to each other: they share one mark.
            let (s, e) = (matches[i].start, matches[i].end)
            var j = i + 1
            while j < matches.count && matches[j].start == s && matches[j].end == e { j += 1 }
            defer { i = j }
            guard s >= 0 && e <= scalars.count && s < e else { continue }
            // Framing matches never overlap each other (longest match wins), but a topic frame
            // is matched in a pass of its own, so its match may sit inside a framing one: such
            // a mark nests. A span that only partly overlaps another is listed in the tables
            // but not highlighted.
            while let top = open.last, top <= s { open.removeLast() }
            if let top = open.last, e > top { continue }
            out.append(Mark(start: s, end: e, rows: i..<j))
            open.append(e)
        }
        marks = out
    }

    /// Sorts a document's matches into the order `init` reads: by start, longer first; rows on
    /// one span keep their order (the sort is stable).
    static func textOrder(_ matches: [Match]) -> [Match] {
        matches.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
    }

    func byteRange(_ r: Range<Int>) -> Range<Int> {
        let a = Int(byteOffsets[max(0, min(scalars.count, r.lowerBound))]), b = Int(byteOffsets[max(0, min(scalars.count, r.upperBound))])
        return a < b ? a..<b : a..<a
    }

    func string(_ r: Range<Int>) -> String { String(decoding: bytes[byteRange(r)], as: UTF8.self) }

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

    /// A mark's opening tag: category classes, the entries in its title, and its offsets, so a
    /// test (or a reader) can check it against matches.csv. `anchor`: the document's anchor,
    /// which the mark's id extends (ids stay unique in a shared file).
    func open(_ m: Mark, anchor: [UInt8]?, tags: MarkTags, into b: inout HTMLBytes) {
        b.append("<mark")
        if let anchor {
            b.append(" id=\""); b.append(anchor); b.append("-m"); b.append(m.start); b.append("-"); b.append(m.end); b.append("\"")
        }
        if m.rows.count == 1 {
            let t = tags[matches[m.rows.lowerBound].kind]
            b.append(t.openClass); b.append(m.start); b.append("\" data-end=\""); b.append(m.end); b.append(t.openTail)
            return
        }
        let rows = matches[m.rows]
        b.append(" class=\"m c"); b.append(tags[rows.first!.kind].colour)
        if rows.contains(where: { tags[$0.kind].negated }) { b.append(" negated") }
        if rows.allSatisfy({ tags[$0.kind].excluded }) { b.append(" excluded") }
        b.append("\" data-start=\""); b.append(m.start); b.append("\" data-end=\""); b.append(m.end); b.append("\" data-categories=\"")
        // Escaping commutes with joining: the separators hold nothing to escape.
        for (k, r) in rows.enumerated() { if k > 0 { b.append(";") }; b.append(tags[r.kind].categoryAttribute) }
        b.append("\" title=\"")
        for (k, r) in rows.enumerated() { if k > 0 { b.append("; ") }; b.append(tags[r.kind].titleAttribute) }
        b.append("\">")
    }

    /// Text of `range` as HTML: marks inside it highlighted, window stretches shaded (a mark is
    /// never split by a window edge: matches stay inside sentences, windows are sentences).
    /// `only`: draw that mark alone (a passage), else every mark within the range.
    func html(_ range: Range<Int>, windows: [Range<Int>], only: Mark? = nil, anchor: [UInt8]? = nil,
              tags: MarkTags, into out: inout HTMLBytes) {
        func plain(_ r: Range<Int>) {
            guard !r.isEmpty else { return }
            if windows.isEmpty { out.appendEscaped(bytes[byteRange(r)]); return }
            var cuts = [r.lowerBound, r.upperBound]
            for w in windows where w.overlaps(r) {
                cuts.append(max(w.lowerBound, r.lowerBound)); cuts.append(min(w.upperBound, r.upperBound))
            }
            cuts = Array(Set(cuts)).sorted()
            for (a, b) in zip(cuts, cuts.dropFirst()) where a < b {
                if windows.contains(where: { $0.lowerBound <= a && b <= $0.upperBound }) {
                    out.append("<span class=\"window\">"); out.appendEscaped(bytes[byteRange(a..<b)]); out.append("</span>")
                } else {
                    out.appendEscaped(bytes[byteRange(a..<b)])
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
                open(m, anchor: only == nil ? anchor : nil, tags: tags, into: &out)
                render(m.start..<m.end)
                out.append("</mark>")
                pos = m.end
            }
            plain(pos..<r.upperBound)
        }
        render(range)
    }
}

/// A text's Unicode scalars by index, decoded from its UTF-8 bytes on reading.
struct ScalarView {
    let bytes: [UInt8]
    let offsets: [Int32]

    var count: Int { offsets.count - 1 }

    subscript(_ i: Int) -> Unicode.Scalar {
        let o = Int(offsets[i])
        let lead = UInt32(bytes[o])
        let value: UInt32
        switch offsets[i + 1] - offsets[i] {
        case 1: value = lead
        case 2: value = (lead & 0x1F) << 6 | UInt32(bytes[o + 1] & 0x3F)
        case 3: value = (lead & 0x0F) << 12 | UInt32(bytes[o + 1] & 0x3F) << 6 | UInt32(bytes[o + 2] & 0x3F)
        default: value = (lead & 0x07) << 18 | UInt32(bytes[o + 1] & 0x3F) << 12 | UInt32(bytes[o + 2] & 0x3F) << 6 | UInt32(bytes[o + 3] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
