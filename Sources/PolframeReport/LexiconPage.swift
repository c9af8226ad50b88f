/// The lexicon as the corpus used it (coverage.csv): categories and entries with their hits and
/// documents, and the entries that never matched.
extension Report {
    func lexiconPage() -> String {
        let c = Rows(input.coverage)
        var b = "<h1>Lexicon</h1>\n"
        guard !c.rows.isEmpty else {
            return HTML.page(title: "\(input.name): lexicon", root: "", current: "lexicon.html", body: b + "<p>No coverage table (coverage.csv) was written.</p>\n")
        }
        var order: [String] = []
        var byCategory: [String: [[String]]] = [:]
        for r in c.rows {
            let key = c.value(r, "frame") + "/" + c.value(r, "category")
            if byCategory[key] == nil { order.append(key) }
            byCategory[key, default: []].append(r)
        }
        b += "<p>Hits and documents per entry over the whole corpus. Entries that never matched are listed under each category: a dictionary is only as good as the words it finds.</p>\n"
        b += "<ul class=\"toc\">" + order.map { key -> String in
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            return "<li><a href=\"#\(HTML.slug(key))\">\(HTML.escape(label(parts.last ?? key))) (\(HTML.escape(label(parts.first ?? ""))))</a></li>"
        }.joined() + "</ul>\n"
        for key in order {
            let rows = byCategory[key]!
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            let hits = rows.reduce(0) { $0 + (Int(c.value($1, "hits")) ?? 0) }
            let hit = rows.filter { (Int(c.value($0, "hits")) ?? 0) > 0 }
                .sorted { (Int(c.value($0, "hits")) ?? 0) > (Int(c.value($1, "hits")) ?? 0) }
            let never = rows.filter { (Int(c.value($0, "hits")) ?? 0) == 0 }
            b += "<section id=\"\(HTML.slug(key))\"><h2><span class=\"swatch c\(classOf(key))\"></span>\(HTML.escape(label(parts.last ?? key))) "
                + "<small>\(HTML.escape(label(parts.first ?? ""))) · \(hits) hits · \(rows.count) entries</small></h2>\n"
            if !hit.isEmpty {
                b += HTML.table(caption: "Entries with hits", header: ["entry", "language", "weight", "hits", "documents"],
                                rows: hit.map { r in ["entry", "language", "weight", "hits", "documents"].map { HTML.escape(c.value(r, $0)) } },
                                numeric: [2, 3, 4])
            }
            if !never.isEmpty {
                b += "<p class=\"never\"><strong>Never matched (\(never.count)):</strong> "
                    + never.map { "<span lang=\"\(HTML.escape(c.value($0, "language")))\">\(HTML.escape(c.value($0, "entry")))</span>" }.joined(separator: ", ") + "</p>\n"
            }
            b += "</section>\n"
        }
        return HTML.page(title: "\(input.name): lexicon", root: "", current: "lexicon.html", body: b)
    }
}
