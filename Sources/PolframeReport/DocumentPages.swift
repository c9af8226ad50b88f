import PolframeScore

/// The documents' pages: each document's metadata with where each field came from, its text
/// with every match highlighted by category and the passage-filter windows shaded, a link to the
/// original. Short documents share a file (see `DocumentLayout`).
extension Report {
    /// One pass over the documents, each text read once, on all cores: every document drawn,
    /// and each series cell's passages (in document and text order).
    func documentPass() -> (documents: [DrawnDocument], passages: [String: [Passage]]) {
        let rows = documents.rows
        let chunks = min(rows.count, 64)
        guard chunks > 0 else { return ([], [:]) }
        let results = Parallel.map(chunks) { c -> ([DrawnDocument], [String: [Passage]]) in
            var drawn: [DrawnDocument] = []
            var passages: [String: [Passage]] = [:]
            for k in stride(from: c * rows.count / chunks, to: (c + 1) * rows.count / chunks, by: 1) {
                let row = rows[k]
                let id = documents.value(row, "doc_id")
                let matches = (matchesByDoc[id] ?? []).sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
                let marked = input.text(id).map { MarkedText(text: $0, matches: matches) }
                drawn.append(documentSection(row, marked: marked))
                guard inSeries(row) else { continue }
                let (group, year) = (documents.value(row, input.groupColumn), documents.value(row, "year"))
                for m in matches { passages[Self.cellKey(group, year, m.frame), default: []].append(passage(m, text: marked)) }
            }
            return (drawn, passages)
        }
        var drawn: [DrawnDocument] = []
        var passages: [String: [Passage]] = [:]
        for (d, q) in results {
            drawn += d
            for (k, v) in q { passages[k, default: []] += v }
        }
        return (drawn, passages)
    }

    /// The files of the documents: shared files with a list of their documents, and the pages of
    /// long documents.
    func documentFiles(_ drawn: [DrawnDocument], layout: DocumentLayout) -> [(path: String, text: String)] {
        let byID = Dictionary(drawn.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let titles = Dictionary(documents.rows.map { (documents.value($0, "doc_id"), documents.value($0, "title")) }, uniquingKeysWith: { a, _ in a })
        let files = layout.files
        return Parallel.map(files.count) { k -> [(path: String, text: String)] in
            let (path, ids) = files[k]
            guard let first = ids.first, let d = byID[first] else { return [] }
            if d.pages.count > 1 {
                return d.pages.enumerated().map { p, body in
                    (DocumentLayout.pageFile(first, page: p + 1),
                     HTML.page(title: "\(first)" + (p > 0 ? " (page \(p + 1))" : ""), root: "../", current: "", body: "<h1>Document \(HTML.escape(first))</h1>\n" + body))
                }
            }
            let name = ids.count == 1 ? "Document \(first)" : "Documents \(first) to \(ids.last!)"
            var body = "<h1>\(HTML.escape(name))</h1>\n"
            if ids.count > 1 {
                body += "<nav aria-label=\"Documents on this page\"><ul class=\"toc\">" + ids.map { id -> String in
                    let t = titles[id] ?? ""
                    return "<li><a href=\"#\(DocumentLayout.anchor(id))\">\(HTML.escape(t.isEmpty ? id : t))</a></li>"
                }.joined() + "</ul></nav>\n"
            }
            for id in ids { body += byID[id]?.pages.first ?? "" }
            return [(path, HTML.page(title: name, root: "../", current: "", body: body))]
        }.flatMap { $0 }
    }

    /// Field → the column that says where it came from.
    static let sourceColumns = ["date": "date_source", "encoding": "encoding_source"]

    /// A document's section: the body of each page of its text, each in a `section` under the
    /// document's anchor.
    private func documentSection(_ row: [String], marked: MarkedText?) -> DrawnDocument {
        let id = documents.value(row, "doc_id")
        let anchor = DocumentLayout.anchor(id)
        let title = documents.value(row, "title").isEmpty ? id : documents.value(row, "title")
        let open = "<section class=\"document\" id=\"\(anchor)\" aria-labelledby=\"\(anchor)-title\">\n"
        var head = open + "<h2 id=\"\(anchor)-title\">\(HTML.escape(title))</h2>\n"
            + "<p class=\"crumbs\"><a href=\"../documents.html\">Documents</a> › \(HTML.escape(id))</p>\n"
        var meta: [[String]] = []
        for (i, h) in documents.header.enumerated() where !Self.sourceColumns.values.contains(h) {
            let v = i < row.count ? row[i] : ""
            let source = Self.sourceColumns[h].map { documents.value(row, $0) } ?? ""
            meta.append([HTML.escape(h), HTML.escape(v), HTML.escape(source)])
        }
        head += HTML.table(caption: "What polframe read (a field's source is named where ingest found it)", header: ["field", "value", "source"], rows: meta)
        if let src = input.source(id), !src.isEmpty {
            let href = src.hasPrefix("http://") || src.hasPrefix("https://") ? src : "file://" + src
            head += "<p>Original: <a href=\"\(HTML.escape(href))\" rel=\"noreferrer\">\(HTML.escape(src))</a></p>\n"
        }
        let matches = matchesByDoc[id] ?? []
        guard let marked else {
            head += "<p>The extracted text is not available (the document was skipped or its cached text is gone; run make again).</p>\n</section>\n"
            return DrawnDocument(id: id, pages: [head], starts: [0])
        }
        let windows = input.windows(id)
        head += legend(matches)
        if !windows.isEmpty {
            head += "<p><span class=\"window\">Shaded</span> text lies in the passage-filter windows: only it was scored.</p>\n"
        } else if input.passageFilter != nil {
            head += "<p>No passage-filter window in this document: none of its text was scored.</p>\n"
        }

        // Pages of text cut at a line break near the page size, never inside a mark.
        var cuts = [0]
        while cuts.last! + Self.textPerPage < marked.scalars.count {
            var c = cuts.last! + Self.textPerPage
            while c < marked.scalars.count && marked.scalars[c] != "\n" { c += 1 }
            for m in marked.marks where m.start < c && c < m.end { c = m.end }
            cuts.append(c)
        }
        cuts.append(marked.scalars.count)
        var bodies: [String] = []
        let pages = cuts.count - 1
        let language = documents.value(row, "language").isEmpty ? "und" : documents.value(row, "language")
        for p in 1...pages {
            var body = p == 1 ? head : open + "<p class=\"crumbs\"><a href=\"\(DocumentLayout.pageFile(id, page: 1).dropFirst("docs/".count))\">\(HTML.escape(title))</a> › page \(p)</p>\n"
            if pages > 1 {
                body += "<nav class=\"pager\" aria-label=\"Pages of text\">" + (1...pages).map { q in
                    q == p ? "<span aria-current=\"page\">\(q)</span>" : "<a href=\"\(DocumentLayout.pageFile(id, page: q).dropFirst("docs/".count))\">\(q)</a>"
                }.joined(separator: " ") + "</nav>\n"
            }
            let html = marked.html(cuts[p - 1]..<cuts[p], windows: windows, anchor: anchor, tags: markTags)
            body += "<h3>Text</h3>\n<div class=\"doctext\" lang=\"\(HTML.escape(language))\">\(html)</div>\n</section>\n"
            bodies.append(body)
        }
        return DrawnDocument(id: id, pages: bodies, starts: Array(cuts.dropLast()))
    }

    /// The categories highlighted on a page, with their colours and counts.
    func legend(_ matches: [MatchRow]) -> String {
        // Counted by row kind first: a string key per match was most of this function's time.
        var byTag: [Int: Int] = [:]
        for m in matches where !m.excluded { byTag[m.tag, default: 0] += 1 }
        var counts: [String: (item: String, n: Int)] = [:]
        for (tag, n) in byTag {
            let t = markTags[tag]
            counts[t.key, default: (t.legendItem, 0)].n += n
        }
        guard !counts.isEmpty else { return "<p>No lexicon match in this document.</p>\n" }
        var s = "<ul class=\"legend\" aria-label=\"Categories highlighted\">"
        for key in counts.keys.sorted() { s += counts[key]!.item + String(counts[key]!.n) + "</li>" }
        return s + "</ul>\n"
    }
}
