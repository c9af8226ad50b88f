import PolframeScore

/// A matched passage drawn by the document pass, before the layout of the documents' files is
/// known: its link to the document is filled in when the cell page is drawn.
struct Passage: Sendable {
    var doc: String
    var start: Int
    var end: Int
    /// The list item up to the link's target, and after it.
    var before: String
    var after: String
}

/// A page per series cell (group × year × frame): its documents, its hits by category and
/// entry, and every matched passage in context with the match highlighted.
extension Report {
    /// The key of a cell's passages: group, year and frame.
    static func cellKey(_ group: String, _ year: String, _ frame: String) -> String { group + "\u{1F}" + year + "\u{1F}" + frame }

    /// `passages`: each cell's passages as list items, in document and text order (made by the
    /// document pass, which reads each text once).
    func cellPages(passages: [String: [Passage]], layout: DocumentLayout) -> [(path: String, text: String)] {
        let s = Rows(input.series)
        let group = s.header.first ?? input.groupColumn
        let byCell = documentRowsByCell()
        return Parallel.map(s.rows.count) { k -> [(String, String)] in
            let r = s.rows[k]
            let (g, y, f) = (s.value(r, group), s.value(r, "year"), s.value(r, "frame"))
            return cell(group: g, year: y, frame: f, row: r, series: s, documents: byCell[g + "\u{1F}" + y] ?? [],
                        passages: passages[Self.cellKey(g, y, f)] ?? [], layout: layout)
        }.flatMap { $0 }
    }

    private func cell(group: String, year: String, frame: String, row: [String], series s: Rows, documents docs: [[String]],
                      passages sorted: [Passage], layout: DocumentLayout) -> [(String, String)] {
        let ids = docs.map { documents.value($0, "doc_id") }
        // The cell's matches are read in place: a filtered copy of every row cost a retain per string.
        let perDocMatches = ids.map { matchesByDoc[$0] ?? [] }
        let title = "\(group) \(year): \(label(frame))"
        var head = "<p class=\"crumbs\"><a href=\"../index.html#series\">Series</a> › \(HTML.escape(title))</p>\n"
        head += "<h1>\(HTML.escape(title))</h1>\n"
        let d = s.value(row, "documents")
        head += "<p>\(d) document\(d == "1" ? "" : "s"), \(HTML.escape(s.value(row, "hits"))) hits, \(HTML.escape(s.value(row, "weighted"))) weighted; "
            + "rate \(HTML.escape(s.value(row, "rate_per_10k"))) per 10,000 scored tokens, "
            + "95% interval \(HTML.escape(Self.interval(s.value(row, "ci_low"), s.value(row, "ci_high"), documents: d))).</p>\n"
        if input.passageFilter != nil { head += "<p class=\"caveat\">Only passages near technology hits were scored (passage filter).</p>\n" }

        // Documents of the cell with their hits in the frame.
        var perDoc: [String: Int] = [:]
        for ms in perDocMatches { for m in ms where m.frame == frame && !m.excluded { perDoc[m.doc, default: 0] += 1 } }
        head += "<h2>Documents</h2>\n" + HTML.table(caption: "Documents of this cell", header: ["document", "date", "language", "hits in this frame"],
            rows: docs.map { [documentLink($0, root: "../", layout: layout), HTML.escape(documents.value($0, "date")), HTML.escape(documents.value($0, "language")),
                              String(perDoc[documents.value($0, "doc_id")] ?? 0)] }, numeric: [3])

        // Hits by category and entry.
        var byEntry: [String: [String: (hits: Int, negated: Int, excluded: Int)]] = [:]
        for ms in perDocMatches {
            for m in ms where m.frame == frame {
                var e = byEntry[m.category, default: [:]][m.entry, default: (0, 0, 0)]
                if m.excluded { e.excluded += 1 } else { e.hits += 1; if m.negated { e.negated += 1 } }
                byEntry[m.category, default: [:]][m.entry] = e
            }
        }
        var rows: [[String]] = []
        for c in byEntry.keys.sorted() {
            for (entry, e) in byEntry[c]!.sorted(by: { $0.value.hits != $1.value.hits ? $0.value.hits > $1.value.hits : $0.key < $1.key }) {
                rows.append(["<span class=\"swatch c\(classOf(frame + "/" + c))\"></span>" + HTML.escape(label(c)), HTML.escape(entry),
                             String(e.hits), String(e.negated), String(e.excluded)])
            }
        }
        head += "<h2>Hits by category and entry</h2>\n"
            + HTML.table(caption: "Matches of this cell by category and entry", header: ["category", "entry", "hits", "of them negated", "excluded"],
                         rows: rows, numeric: [2, 3, 4])

        // Every passage, in document order, paginated.
        let pages = max(1, (sorted.count + Self.passagesPerPage - 1) / Self.passagesPerPage)
        var out: [(String, String)] = []
        for p in 1...pages {
            let slice = sorted.dropFirst((p - 1) * Self.passagesPerPage).prefix(Self.passagesPerPage)
            var body = p == 1 ? head : "<p class=\"crumbs\"><a href=\"../\(Self.cellPage(group: group, year: year, frame: frame))\">\(HTML.escape(title))</a> › page \(p)</p>\n<h1>\(HTML.escape(title)), page \(p)</h1>\n"
            body += "<h2 id=\"passages\">Passages (\(sorted.count))</h2>\n"
            if pages > 1 { body += pager(group: group, year: year, frame: frame, page: p, pages: pages) }
            body += "<ol class=\"passages\" start=\"\((p - 1) * Self.passagesPerPage + 1)\">\n"
            for p in slice { body += p.before; body += layout.href(p.doc, start: p.start, end: p.end); body += p.after }
            body += "</ol>\n"
            if pages > 1 { body += pager(group: group, year: year, frame: frame, page: p, pages: pages) }
            out.append((Self.cellPage(group: group, year: year, frame: frame, page: p),
                        HTML.page(title: title + (p > 1 ? " (page \(p))" : ""), root: "../", current: "", body: body)))
        }
        return out
    }

    func pager(group: String, year: String, frame: String, page: Int, pages: Int) -> String {
        var s = "<nav class=\"pager\" aria-label=\"Pages of passages\">"
        for p in 1...pages {
            let name = Self.cellPage(group: group, year: year, frame: frame, page: p).dropFirst("cells/".count)
            s += p == page ? "<span aria-current=\"page\">\(p)</span> " : "<a href=\"\(name)\">\(p)</a> "
        }
        return s + "</nav>\n"
    }

    /// One matched passage: its sentence with the match highlighted, its document and entry.
    func passage(_ m: MatchRow, text: MarkedText?) -> Passage {
        var marks = ""
        if m.negated { marks += " <span class=\"tag\">negated</span>" }
        if m.excluded { marks += " <span class=\"tag\">excluded</span>" }
        let tag = markTags[m.tag]
        let before = "<li><span class=\"meta\">\(tag.categoryLabel) · \(tag.entry) · <a href=\"../"
        var after = "\">\(HTML.escape(m.doc))</a>\(marks)</span>"
        if let t = text, m.end <= t.scalars.count {
            let only = Mark(start: m.start, end: m.end, rows: [m])
            let sentence = t.sentence(around: m.start..<m.end)
            after += "<blockquote>\(t.html(sentence, windows: [], only: only, tags: markTags))</blockquote></li>\n"
        } else {
            after += "<blockquote><mark class=\"m c\(classOf(m.frame + "/" + m.category))\">\(HTML.escape(m.text))</mark></blockquote></li>\n"
        }
        return Passage(doc: m.doc, start: m.start, end: m.end, before: before, after: after)
    }
}
