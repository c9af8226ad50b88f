import PolframeScore

/// The documents' pages: each document's metadata with where each field came from, its text
/// with every match highlighted by category and the passage-filter windows shaded, a link to the
/// original. Short documents share a file (see `DocumentLayout`).
extension Report {
    /// One pass over the documents, each text read once, on all cores: every document drawn,
    /// and each series cell's passages (in document and text order).
    func documentPass() -> (documents: [DrawnDocument], passages: Passages) {
        let rows = documents.rows
        let chunks = min(rows.count, 64)
        guard chunks > 0 else { return ([], Passages()) }
        let (idColumn, groupColumn, yearColumn) = (documents.column("doc_id"), documents.column(input.groupColumn), documents.column("year"))
        let frames = markTags.frames
        let meta = MetaTable(documents)
        let results = Parallel.map(chunks) { c -> ([DrawnDocument], Passages) in
            var drawn: [DrawnDocument] = []
            var passages = Passages(chunk: c)
            var byFrame = [[Passage]](repeating: [], count: frames.count)
            for k in stride(from: c * rows.count / chunks, to: (c + 1) * rows.count / chunks, by: 1) {
                let row = rows[k]
                let id = documents.value(row, idColumn)
                let matches = MarkedText.textOrder(matchesByDoc[id] ?? [])
                let marked = input.text(id).map { MarkedText(text: $0, matches: matches) }
                drawn.append(documentSection(row, marked: marked, matches: matches, meta: meta))
                guard inSeries(row) else { continue }
                for (i, m) in matches.enumerated() {
                    byFrame[markTags.frameOf[Int(m.kind)]].append(passage(m, at: i, doc: id, text: marked, chunk: Int32(c), into: &passages.html))
                }
                let (group, year) = (documents.value(row, groupColumn), documents.value(row, yearColumn))
                for f in byFrame.indices where !byFrame[f].isEmpty {
                    passages.byCell[Self.cellKey(group, year, frames[f]), default: []] += byFrame[f]
                    byFrame[f].removeAll(keepingCapacity: true)
                }
            }
            return (drawn, passages)
        }
        var drawn: [DrawnDocument] = []
        var passages = Passages()
        for (d, q) in results {
            drawn += d
            passages.arenas.append(q.html.bytes)
            for (k, v) in q.byCell { passages.byCell[k, default: []] += v }
        }
        return (drawn, passages)
    }

    /// The files of the documents: shared files with a list of their documents, and the pages of
    /// long documents.
    func documentFiles(_ drawn: [DrawnDocument], layout: DocumentLayout, _ emit: @Sendable ([ReportFile]) -> Void) {
        let byID = Dictionary(drawn.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let (idColumn, titleColumn) = (documents.column("doc_id"), documents.column("title"))
        let titles = Dictionary(documents.rows.map { (documents.value($0, idColumn), documents.value($0, titleColumn)) }, uniquingKeysWith: { a, _ in a })
        let files = layout.files
        _ = Parallel.map(files.count) { k in emit(documentFile(files[k], byID: byID, titles: titles)) }
    }

    private func documentFile(_ file: (path: String, ids: [String]), byID: [String: DrawnDocument], titles: [String: String]) -> [ReportFile] {
        let (path, ids) = file
        guard let first = ids.first, let d = byID[first] else { return [] }
        if d.pages.count > 1 {
            return d.pages.enumerated().map { p, body in
                ReportFile(DocumentLayout.pageFile(first, page: p + 1),
                           HTML.page(title: "\(first)" + (p > 0 ? " (page \(p + 1))" : ""), root: "../", current: "", capacity: body.count + 1_024) { b in
                               b.append("<h1>Document "); b.appendEscaped(first); b.append("</h1>\n"); b.append(body)
                           })
            }
        }
        let name = ids.count == 1 ? "Document \(first)" : "Documents \(first) to \(ids.last!)"
        let size = ids.reduce(0) { $0 + (byID[$1]?.pages.first?.count ?? 0) }
        return [ReportFile(path, HTML.page(title: name, root: "../", current: "", capacity: size + 200 * ids.count + 1_024) { b in
            b.append("<h1>"); b.appendEscaped(name); b.append("</h1>\n")
            if ids.count > 1 {
                b.append("<nav aria-label=\"Documents on this page\"><ul class=\"toc\">")
                for id in ids {
                    let t = titles[id] ?? ""
                    b.append("<li><a href=\"#"); b.append(DocumentLayout.anchor(id)); b.append("\">"); b.appendEscaped(t.isEmpty ? id : t); b.append("</a></li>")
                }
                b.append("</ul></nav>\n")
            }
            for id in ids { if let page = byID[id]?.pages.first { b.append(page) } }
        })]
    }

    /// Field → the column that says where it came from.
    static let sourceColumns = ["date": "date_source", "encoding": "encoding_source"]

    /// A document's metadata table, "What polframe read": the table's head and each field's row
    /// up to its value made once for all documents, not once per document.
    struct MetaTable {
        let head: [UInt8]
        let fields: [(column: Int, source: Int?, prefix: [UInt8])]

        init(_ documents: Rows) {
            var h = HTMLBytes()
            HTML.table(caption: "What polframe read (a field's source is named where ingest found it)", header: ["field", "value", "source"],
                       rows: 0, into: &h) { _, _, _ in }
            head = Array(h.bytes.dropLast("</tbody>\n</table>\n".utf8.count))
            fields = documents.header.enumerated().filter { !Report.sourceColumns.values.contains($0.element) }.map { i, name in
                var p = HTMLBytes()
                p.append("<tr><td>"); p.appendEscaped(name); p.append("</td><td>")
                return (i, Report.sourceColumns[name].flatMap { documents.column($0) }, p.bytes)
            }
        }

        func write(_ row: [String], into b: inout HTMLBytes) {
            b.append(head)
            for f in fields {
                b.append(f.prefix)
                b.appendEscaped(f.column < row.count ? row[f.column] : "")
                b.append("</td><td>")
                if let s = f.source, s < row.count { b.appendEscaped(row[s]) }
                b.append("</td></tr>\n")
            }
            b.append("</tbody>\n</table>\n")
        }
    }

    /// A document's section: the body of each page of its text, each in a `section` under the
    /// document's anchor.
    private func documentSection(_ row: [String], marked: MarkedText?, matches: [Match], meta: MetaTable) -> DrawnDocument {
        let id = documents.value(row, "doc_id")
        let anchor = Array(DocumentLayout.anchor(id).utf8)
        let title = documents.value(row, "title").isEmpty ? id : documents.value(row, "title")
        var open = HTMLBytes()
        open.append("<section class=\"document\" id=\""); open.append(anchor); open.append("\" aria-labelledby=\""); open.append(anchor); open.append("-title\">\n")
        var head = HTMLBytes(capacity: 4_096 + (marked?.bytes.count ?? 0) * 2)
        head.append(open)
        head.append("<h2 id=\""); head.append(anchor); head.append("-title\">"); head.appendEscaped(title); head.append("</h2>\n")
        head.append("<p class=\"crumbs\"><a href=\"../documents.html\">Documents</a> › "); head.appendEscaped(id); head.append("</p>\n")
        meta.write(row, into: &head)
        if let src = input.source(id), !src.isEmpty {
            let href = src.hasPrefix("http://") || src.hasPrefix("https://") ? src : "file://" + src
            head.append("<p>Original: <a href=\""); head.appendEscaped(href); head.append("\" rel=\"noreferrer\">"); head.appendEscaped(src); head.append("</a></p>\n")
        }
        guard let marked else {
            head.append("<p>The extracted text is not available (the document was skipped or its cached text is gone; run make again).</p>\n</section>\n")
            return DrawnDocument(id: id, pages: [head.bytes], starts: [0])
        }
        let windows = input.windows(id)
        legend(matches, into: &head)
        if !windows.isEmpty {
            head.append("<p><span class=\"window\">Shaded</span> text lies in the passage-filter windows: only it was scored.</p>\n")
        } else if input.passageFilter != nil {
            head.append("<p>No passage-filter window in this document: none of its text was scored.</p>\n")
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
        var bodies: [[UInt8]] = []
        let pages = cuts.count - 1
        let language = documents.value(row, "language").isEmpty ? "und" : documents.value(row, "language")
        for p in 1...pages {
            var body: HTMLBytes
            if p == 1 {
                body = head
            } else {
                body = HTMLBytes(capacity: 4_096 + (marked.bytes.count / pages) * 2)
                body.append(open)
                body.append("<p class=\"crumbs\"><a href=\""); body.append(String(DocumentLayout.pageFile(id, page: 1).dropFirst("docs/".count)))
                body.append("\">"); body.appendEscaped(title); body.append("</a> › page "); body.append(p); body.append("</p>\n")
            }
            if pages > 1 {
                body.append("<nav class=\"pager\" aria-label=\"Pages of text\">")
                for q in 1...pages {
                    if q > 1 { body.append(" ") }
                    if q == p {
                        body.append("<span aria-current=\"page\">"); body.append(q); body.append("</span>")
                    } else {
                        body.append("<a href=\""); body.append(String(DocumentLayout.pageFile(id, page: q).dropFirst("docs/".count))); body.append("\">"); body.append(q); body.append("</a>")
                    }
                }
                body.append("</nav>\n")
            }
            body.append("<h3>Text</h3>\n<div class=\"doctext\" lang=\""); body.appendEscaped(language); body.append("\">")
            marked.html(cuts[p - 1]..<cuts[p], windows: windows, anchor: anchor, tags: markTags, into: &body)
            body.append("</div>\n</section>\n")
            bodies.append(body.bytes)
        }
        return DrawnDocument(id: id, pages: bodies, starts: Array(cuts.dropLast()))
    }

    /// The categories highlighted on a page, with their colours and counts.
    func legend(_ matches: [Match], into b: inout HTMLBytes) {
        // Counted by row kind, then summed per category in key order (a string key per match
        // was most of this function's time).
        var byKind: [(kind: Int32, n: Int)] = []
        for m in matches where !markTags.excludedOf[Int(m.kind)] {
            if let k = byKind.firstIndex(where: { $0.kind == m.kind }) { byKind[k].n += 1 } else { byKind.append((m.kind, 1)) }
        }
        guard !byKind.isEmpty else { b.append("<p>No lexicon match in this document.</p>\n"); return }
        var counts: [(key: String, item: String, n: Int)] = []
        for (kind, n) in byKind {
            let t = markTags[kind]
            if let k = counts.firstIndex(where: { $0.key == t.key }) { counts[k].n += n } else { counts.append((t.key, t.legendItem, n)) }
        }
        counts.sort { $0.key < $1.key }
        b.append("<ul class=\"legend\" aria-label=\"Categories highlighted\">")
        for c in counts { b.append(c.item); b.append(c.n); b.append("</li>") }
        b.append("</ul>\n")
    }
}
