import PolframeScore

/// A page per document (its metadata with where each field came from, its text with every match
/// highlighted by category and the passage-filter windows shaded, a link to the original), and
/// the list of all documents.
extension Report {
    func documentIndex() -> String {
        var rows: [[String]] = []
        for r in documents.rows {
            var status = documents.value(r, "status")
            let left = documents.value(r, "in_series")
            if status == "ok" && !left.isEmpty && left != "yes" { status += "; \(left)" }
            rows.append([documentLink(r, root: ""), HTML.escape(documents.value(r, input.groupColumn)), HTML.escape(documents.value(r, "year")),
                         HTML.escape(documents.value(r, "language")), String(matchesByDoc[documents.value(r, "doc_id")]?.count ?? 0), HTML.escape(status)])
        }
        let body = "<h1>Documents</h1>\n" + HTML.table(caption: "Every document of the corpus (\(rows.count))",
            header: ["document", input.groupColumn, "year", "language", "matches", "status"], rows: rows, numeric: [4])
        return HTML.page(title: "\(input.name): documents", root: "", current: "documents.html", body: body)
    }

    /// One pass over the documents, each text read once, on all cores: every document's pages,
    /// and each series cell's passages (list items in document and text order).
    func documentPass() -> (pages: [(path: String, text: String)], passages: [String: [String]]) {
        let rows = documents.rows
        let chunks = min(rows.count, 64)
        guard chunks > 0 else { return ([], [:]) }
        let results = Parallel.map(chunks) { c -> ([(path: String, text: String)], [String: [String]]) in
            var pages: [(path: String, text: String)] = []
            var passages: [String: [String]] = [:]
            for k in stride(from: c * rows.count / chunks, to: (c + 1) * rows.count / chunks, by: 1) {
                let row = rows[k]
                let id = documents.value(row, "doc_id")
                let matches = (matchesByDoc[id] ?? []).sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
                let marked = input.text(id).map { MarkedText(text: $0, matches: matches) }
                pages += documentPage(row, marked: marked)
                guard inSeries(row) else { continue }
                let (group, year) = (documents.value(row, input.groupColumn), documents.value(row, "year"))
                for m in matches { passages[Self.cellKey(group, year, m.frame), default: []].append(passage(m, text: marked)) }
            }
            return (pages, passages)
        }
        var pages: [(path: String, text: String)] = []
        var passages: [String: [String]] = [:]
        for (p, q) in results {
            pages += p
            for (k, v) in q { passages[k, default: []] += v }
        }
        return (pages, passages)
    }

    /// Field → the column that says where it came from.
    static let sourceColumns = ["date": "date_source", "encoding": "encoding_source"]

    private func documentPage(_ row: [String], marked: MarkedText?) -> [(path: String, text: String)] {
        let id = documents.value(row, "doc_id")
        let title = documents.value(row, "title").isEmpty ? id : documents.value(row, "title")
        var head = "<p class=\"crumbs\"><a href=\"../documents.html\">Documents</a> › \(HTML.escape(id))</p>\n<h1>\(HTML.escape(title))</h1>\n"
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
            head += "<p>The extracted text is not available (the document was skipped or its cached text is gone; run make again).</p>\n"
            return [(Self.documentPage(id), HTML.page(title: title, root: "../", current: "", body: head))]
        }
        let windows = input.windows(id)
        head += legend(matches)
        if !windows.isEmpty { head += "<p><span class=\"window\">Shaded</span> text lies in the passage-filter windows: only it was scored.</p>\n" }

        // Pages of text cut at a line break near the page size, never inside a mark.
        var cuts = [0]
        while cuts.last! + Self.textPerPage < marked.scalars.count {
            var c = cuts.last! + Self.textPerPage
            while c < marked.scalars.count && marked.scalars[c] != "\n" { c += 1 }
            for m in marked.marks where m.start < c && c < m.end { c = m.end }
            cuts.append(c)
        }
        cuts.append(marked.scalars.count)
        var out: [(path: String, text: String)] = []
        let pages = cuts.count - 1
        for p in 1...pages {
            var body = p == 1 ? head : "<p class=\"crumbs\"><a href=\"../\(Self.documentPage(id))\">\(HTML.escape(title))</a> › page \(p)</p>\n"
            if pages > 1 {
                body += "<nav class=\"pager\" aria-label=\"Pages of text\">" + (1...pages).map { q in
                    q == p ? "<span aria-current=\"page\">\(q)</span>" : "<a href=\"\(Self.documentPage(id, page: q).dropFirst("docs/".count))\">\(q)</a>"
                }.joined(separator: " ") + "</nav>\n"
            }
            let range = cuts[p - 1]..<cuts[p]
            let html = marked.html(range, windows: windows, classOf: classOf, label: label)
            body += "<h2>Text</h2>\n<div class=\"doctext\" lang=\"\(HTML.escape(documents.value(row, "language").isEmpty ? "und" : documents.value(row, "language")))\">\(html)</div>\n"
            out.append((Self.documentPage(id, page: p), HTML.page(title: title + (p > 1 ? " (page \(p))" : ""), root: "../", current: "", body: body)))
        }
        return out
    }

    /// The categories highlighted on a page, with their colours and counts.
    func legend(_ matches: [MatchRow]) -> String {
        var counts: [String: Int] = [:]
        for m in matches where !m.excluded { counts[m.frame + "/" + m.category, default: 0] += 1 }
        guard !counts.isEmpty else { return "<p>No lexicon match in this document.</p>\n" }
        var s = "<ul class=\"legend\" aria-label=\"Categories highlighted\">"
        for key in counts.keys.sorted() {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            s += "<li><span class=\"swatch c\(classOf(key))\"></span>\(HTML.escape(label(parts.last ?? key))) (\(HTML.escape(label(parts.first ?? "")))): \(counts[key]!)</li>"
        }
        return s + "</ul>\n"
    }
}
