import PolframeScore

/// A matched passage drawn by the document pass, before the layout of the documents' files is
/// known: its link to the document is written when the cell page is drawn. The rest of its list
/// item lies in its chunk's arena of `Passages`.
struct Passage: Sendable {
    var doc: String
    var start: Int
    var end: Int
    var kind: Int32
    var chunk: Int32
    /// Its list item after the link's target, in `Passages.arenas[chunk]`.
    var html: Range<Int>
}

/// Every series cell's passages, in document and text order, and the bytes they point into (one
/// arena per chunk of the document pass, not an allocation per passage).
struct Passages: Sendable {
    var arenas: [[UInt8]] = []
    var byCell: [String: [Passage]] = [:]
    /// While one chunk is drawn: its number and its arena.
    var chunk: Int32 = 0
    var html = HTMLBytes()

    init() {}
    init(chunk: Int) { self.chunk = Int32(chunk) }
}

/// A page per series cell (group × year × frame): its documents, its hits by category and
/// entry, and every matched passage in context with the match highlighted.
extension Report {
    /// The key of a cell's passages: group, year and frame.
    static func cellKey(_ group: String, _ year: String, _ frame: String) -> String { group + "\u{1F}" + year + "\u{1F}" + frame }

    /// `passages`: each cell's passages (made by the document pass, which reads each text once).
    func cellPages(passages: Passages, layout: DocumentLayout, _ emit: @Sendable ([ReportFile]) -> Void) {
        let s = Rows(input.series)
        let group = s.header.first ?? input.groupColumn
        let byCell = documentRowsByCell()
        _ = Parallel.map(s.rows.count) { k in
            let r = s.rows[k]
            let (g, y, f) = (s.value(r, group), s.value(r, "year"), s.value(r, "frame"))
            emit(cell(group: g, year: y, frame: f, row: r, series: s, documents: byCell[g + "\u{1F}" + y] ?? [],
                      passages: passages.byCell[Self.cellKey(g, y, f)] ?? [], arenas: passages.arenas, layout: layout))
        }
    }

    private func cell(group: String, year: String, frame: String, row: [String], series s: Rows, documents docs: [[String]],
                      passages sorted: [Passage], arenas: [[UInt8]], layout: DocumentLayout) -> [ReportFile] {
        let idColumn = documents.column("doc_id")
        let ids = docs.map { documents.value($0, idColumn) }
        let title = "\(group) \(year): \(label(frame))"
        var head = HTMLBytes(capacity: 256 * docs.count + 4_096)
        head.append("<p class=\"crumbs\"><a href=\"../index.html#series\">Series</a> › "); head.appendEscaped(title); head.append("</p>\n")
        head.append("<h1>"); head.appendEscaped(title); head.append("</h1>\n")
        let d = s.value(row, "documents")
        head.append("<p>\(d) document\(d == "1" ? "" : "s"), \(HTML.escape(s.value(row, "hits"))) hits, \(HTML.escape(s.value(row, "weighted"))) weighted; "
            + "rate \(HTML.escape(s.value(row, "rate_per_10k"))) per 10,000 scored tokens, "
            + "95% interval \(HTML.escape(Self.interval(s.value(row, "ci_low"), s.value(row, "ci_high"), documents: d))).</p>\n")
        if input.passageFilter != nil { head.append("<p class=\"caveat\">Only passages near technology hits were scored (passage filter).</p>\n") }

        // The cell's matches in the frame, counted per document and per row kind.
        let frameIndex = markTags.frames.firstIndex(of: frame)
        var perDoc = [Int](repeating: 0, count: ids.count)
        var perKind: [Int32: Int] = [:]
        for (k, id) in ids.enumerated() {
            for m in matchesByDoc[id] ?? [] where markTags.frameOf[Int(m.kind)] == frameIndex {
                perKind[m.kind, default: 0] += 1
                if !markTags.excludedOf[Int(m.kind)] { perDoc[k] += 1 }
            }
        }

        // Documents of the cell with their hits in the frame.
        let (dateColumn, languageColumn) = (documents.column("date"), documents.column("language"))
        head.append("<h2>Documents</h2>\n")
        HTML.table(caption: "Documents of this cell", header: ["document", "date", "language", "hits in this frame"], rows: docs.count,
                   numeric: [3], into: &head) { r, c, b in
            switch c {
            case 0: appendDocumentLink(docs[r], root: "../", layout: layout, into: &b)
            case 1: b.appendEscaped(documents.value(docs[r], dateColumn))
            case 2: b.appendEscaped(documents.value(docs[r], languageColumn))
            default: b.append(perDoc[r])
            }
        }

        // Hits by category and entry.
        var byEntry: [String: [String: (hits: Int, negated: Int, excluded: Int)]] = [:]
        for (kind, n) in perKind {
            let t = markTags[kind]
            var e = byEntry[t.category, default: [:]][t.entry, default: (0, 0, 0)]
            if t.excluded { e.excluded += n } else { e.hits += n; if t.negated { e.negated += n } }
            byEntry[t.category, default: [:]][t.entry] = e
        }
        var rows: [[String]] = []
        for c in byEntry.keys.sorted() {
            for (entry, e) in byEntry[c]!.sorted(by: { $0.value.hits != $1.value.hits ? $0.value.hits > $1.value.hits : $0.key < $1.key }) {
                rows.append(["<span class=\"swatch c\(classOf(frame + "/" + c))\"></span>" + HTML.escape(label(c)), HTML.escape(entry),
                             String(e.hits), String(e.negated), String(e.excluded)])
            }
        }
        head.append("<h2>Hits by category and entry</h2>\n")
        head.append(HTML.table(caption: "Matches of this cell by category and entry", header: ["category", "entry", "hits", "of them negated", "excluded"],
                               rows: rows, numeric: [2, 3, 4]))

        // Every passage, in document order, paginated.
        let pages = max(1, (sorted.count + Self.passagesPerPage - 1) / Self.passagesPerPage)
        var out: [ReportFile] = []
        for p in 1...pages {
            let slice = sorted.dropFirst((p - 1) * Self.passagesPerPage).prefix(Self.passagesPerPage)
            let size = slice.reduce(0) { $0 + $1.html.count + 200 }
            let page = HTML.page(title: title + (p > 1 ? " (page \(p))" : ""), root: "../", current: "", capacity: size + (p == 1 ? head.count : 0) + 4_096) { body in
                if p == 1 {
                    body.append(head)
                } else {
                    body.append("<p class=\"crumbs\"><a href=\"../"); body.append(Self.cellPage(group: group, year: year, frame: frame)); body.append("\">")
                    body.appendEscaped(title); body.append("</a> › page "); body.append(p); body.append("</p>\n<h1>"); body.appendEscaped(title)
                    body.append(", page "); body.append(p); body.append("</h1>\n")
                }
                body.append("<h2 id=\"passages\">Passages ("); body.append(sorted.count); body.append(")</h2>\n")
                if pages > 1 { body.append(pager(group: group, year: year, frame: frame, page: p, pages: pages)) }
                body.append("<ol class=\"passages\" start=\""); body.append((p - 1) * Self.passagesPerPage + 1); body.append("\">\n")
                for q in slice {
                    body.append(markTags[q.kind].passageHead)
                    layout.appendHref(q.doc, start: q.start, end: q.end, into: &body)
                    body.append(arenas[Int(q.chunk)][q.html])
                }
                body.append("</ol>\n")
                if pages > 1 { body.append(pager(group: group, year: year, frame: frame, page: p, pages: pages)) }
            }
            out.append(ReportFile(Self.cellPage(group: group, year: year, frame: frame, page: p), page))
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

    /// One matched passage (`m`, the `index`th of the document's matches in text order): its
    /// sentence with the match highlighted, its document and entry. The list item after the
    /// link's target is written to `html`, the chunk's arena.
    func passage(_ m: Match, at index: Int, doc: String, text: MarkedText?, chunk: Int32, into b: inout HTMLBytes) -> Passage {
        let from = b.count
        b.append("\">"); b.appendEscaped(doc); b.append("</a>")
        let tag = markTags[m.kind]
        if tag.negated { b.append(" <span class=\"tag\">negated</span>") }
        if tag.excluded { b.append(" <span class=\"tag\">excluded</span>") }
        b.append("</span>")
        if let t = text, m.end <= t.scalars.count {
            let sentence = t.sentence(around: m.start..<m.end)
            b.append("<blockquote>")
            t.html(sentence, windows: [], only: Mark(start: m.start, end: m.end, rows: index..<index + 1), tags: markTags, into: &b)
            b.append("</blockquote></li>\n")
        } else {
            b.append("<blockquote><mark class=\"m c"); b.append(tag.colour); b.append("\">"); b.appendEscaped(matchedText(m)); b.append("</mark></blockquote></li>\n")
        }
        return Passage(doc: doc, start: m.start, end: m.end, kind: m.kind, chunk: chunk, html: from..<b.count)
    }
}
