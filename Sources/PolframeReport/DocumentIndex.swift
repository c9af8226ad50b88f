/// The list of all documents, `documentsPerIndexPage` rows to a page.
extension Report {
    static func documentIndexPage(_ page: Int) -> String { page > 1 ? "documents-p\(page).html" : "documents.html" }

    func documentIndex(_ layout: DocumentLayout) -> [(path: String, text: String)] {
        var rows: [[String]] = []
        for r in documents.rows {
            var status = documents.value(r, "status")
            let left = documents.value(r, "in_series")
            if status == "ok" && !left.isEmpty && left != "yes" { status += "; \(left)" }
            rows.append([documentLink(r, root: "", layout: layout), HTML.escape(documents.value(r, input.groupColumn)), HTML.escape(documents.value(r, "year")),
                         HTML.escape(documents.value(r, "language")), String(matchesByDoc[documents.value(r, "doc_id")]?.count ?? 0), HTML.escape(status)])
        }
        let pages = max(1, (rows.count + Self.documentsPerIndexPage - 1) / Self.documentsPerIndexPage)
        var pager = ""
        if pages > 1 {
            pager = "<nav class=\"pager\" aria-label=\"Pages of the document list\">"
            pager += (1...pages).map { "<a href=\"\(Self.documentIndexPage($0))\">\($0)</a>" }.joined(separator: " ") + "</nav>\n"
        }
        return (1...pages).map { p in
            let slice = Array(rows.dropFirst((p - 1) * Self.documentsPerIndexPage).prefix(Self.documentsPerIndexPage))
            let here = pager.replacingOccurrences(of: "<a href=\"\(Self.documentIndexPage(p))\">\(p)</a>", with: "<span aria-current=\"page\">\(p)</span>")
            let caption = "Every document of the corpus (\(rows.count))" + (pages > 1 ? ", page \(p) of \(pages)" : "")
            let body = "<h1>Documents</h1>\n" + here + HTML.table(caption: caption,
                header: ["document", input.groupColumn, "year", "language", "matches", "status"], rows: slice, numeric: [4]) + here
            return (Self.documentIndexPage(p), HTML.page(title: "\(input.name): documents" + (p > 1 ? " (page \(p))" : ""), root: "", current: p == 1 ? "documents.html" : "", body: body))
        }
    }
}
