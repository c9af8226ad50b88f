/// The overview: corpus coverage first (what the numbers rest on), then the figures, then the
/// result tables with their caveats, then validation where a coded sheet exists.
extension Report {
    func overview(_ layout: DocumentLayout) -> String {
        var b = "<h1>\(HTML.escape(input.name))</h1>\n"
        if !input.description.isEmpty { b += "<p class=\"lead\">\(HTML.escape(input.description))</p>\n" }
        b += coverageSection(layout)
        b += figuresSection()
        b += contrastSection()
        b += seriesSection()
        b += validationSection()
        return HTML.page(title: "\(input.name): evidence report", root: "", current: "index.html", body: b)
    }

    /// Documents per group and year, years without documents shown as gaps, and the documents
    /// left out of the series with their reasons.
    func coverageSection(_ layout: DocumentLayout) -> String {
        var counts: [String: [Int: Int]] = [:]
        var left: [(String, String)] = []
        for r in documents.rows {
            if inSeries(r), let y = Int(documents.value(r, "year")) {
                counts[documents.value(r, input.groupColumn), default: [:]][y, default: 0] += 1
            } else {
                let why = documents.value(r, "status") != "ok" ? documents.value(r, "status") : documents.value(r, "in_series")
                left.append((documents.value(r, "doc_id"), why.isEmpty ? "no year" : why))
            }
        }
        let years = counts.values.flatMap(\.keys)
        var s = "<section aria-labelledby=\"coverage\"><h2 id=\"coverage\">Corpus coverage</h2>\n"
        guard let lo = years.min(), let hi = years.max() else {
            return s + "<p>No document is in the series.</p></section>\n"
        }
        let span = Array(lo...hi)
        var rows: [[String]] = []
        for g in counts.keys.sorted() {
            var row = [HTML.escape(g.isEmpty ? "(none)" : g)]
            for y in span {
                if let n = counts[g]?[y] { row.append(n < 3 ? "<span class=\"few\" title=\"few documents\">\(n)</span>" : String(n)) }
                else { row.append("<span class=\"gap\" title=\"no document: a gap, not a zero\">—</span>") }
            }
            rows.append(row)
        }
        s += HTML.table(caption: "Documents in the series by \(HTML.escape(input.groupColumn)) and year (— marks a year without documents: a gap, not a zero; underlined: fewer than three)",
                        header: [input.groupColumn] + span.map(String.init), rows: rows, numeric: Set(1...span.count))
        if !left.isEmpty {
            s += "<details><summary>\(left.count) document\(left.count == 1 ? "" : "s") left out of the series</summary><ul>\n"
            for (id, why) in left { s += "<li><a href=\"\(layout.href(id))\">\(HTML.escape(id))</a>: \(HTML.escape(why))</li>\n" }
            s += "</ul></details>\n"
        }
        if let pf = input.passageFilter {
            s += "<p class=\"caveat\">Passage filter: only sentences near hits of <strong>\(HTML.escape(label(pf)))</strong> are scored; rates are per 10,000 scored tokens.</p>\n"
        }
        return s + "</section>\n"
    }

    func figuresSection() -> String {
        guard !input.figures.isEmpty else { return "" }
        var s = "<section aria-labelledby=\"figures\"><h2 id=\"figures\">Figures</h2>\n"
        for f in input.figures {
            s += "<figure id=\"fig-\(HTML.slug(f.name))\">\(Self.inlineSVG(f.svg))<figcaption>\(HTML.escape(f.name))</figcaption></figure>\n"
        }
        return s + "</section>\n"
    }

    /// An SVG file's markup for inline use: its XML declaration and doctype dropped.
    static func inlineSVG(_ svg: String) -> String {
        guard let r = svg.range(of: "<svg") else { return "" }
        return String(svg[r.lowerBound...])
    }

    func contrastSection() -> String {
        guard let table = input.contrast else { return "" }
        let c = Rows(table)
        guard !c.rows.isEmpty else { return "" }
        var rows: [[String]] = []
        for r in c.rows {
            let docs = c.value(r, "documents")
            var caveats: [String] = []
            if c.value(r, "flag").contains("few") || (Int(docs) ?? 0) < 3 { caveats.append("few documents") }
            if c.value(r, "index").isEmpty { caveats.append("no hits") }
            rows.append([HTML.escape(c.value(r, c.header.first ?? "country")), HTML.escape(c.value(r, "year")), docs,
                         HTML.escape(c.value(r, "index")), HTML.escape(Self.interval(c.value(r, "ci_low"), c.value(r, "ci_high"), documents: docs)),
                         HTML.escape(caveats.joined(separator: "; "))])
        }
        return "<section aria-labelledby=\"contrast\"><h2 id=\"contrast\">Contrast index</h2>\n"
            + HTML.table(caption: "(plus − minus) / (plus + minus) over weighted hits, with its bootstrap interval",
                         header: [c.header.first ?? "country", "year", "documents", "index", "95% interval", "caveats"], rows: rows, numeric: [2, 3])
            + "</section>\n"
    }

    func seriesSection() -> String {
        let s = Rows(input.series)
        var rows: [[String]] = []
        let group = s.header.first ?? input.groupColumn
        for r in s.rows {
            let g = s.value(r, group), y = s.value(r, "year"), f = s.value(r, "frame"), docs = s.value(r, "documents")
            let hits = s.value(r, "hits")
            let link = "<a href=\"\(Self.cellPage(group: g, year: y, frame: f))\">\(HTML.escape(label(f)))</a>"
            var caveats: [String] = []
            if (Int(docs) ?? 0) < 3 { caveats.append("few documents") }
            if let h = Int(hits), h < 10 { caveats.append("\(h) hit\(h == 1 ? "" : "s")") }
            rows.append([HTML.escape(g), HTML.escape(y), link, docs, hits, HTML.escape(s.value(r, "rate_per_10k")),
                         HTML.escape(Self.interval(s.value(r, "ci_low"), s.value(r, "ci_high"), documents: docs)),
                         HTML.escape(caveats.joined(separator: "; "))])
        }
        return "<section aria-labelledby=\"series\"><h2 id=\"series\">Series</h2>\n"
            + "<p>Each frame links to its cell: the documents, the hits by category and entry, and every matched passage.</p>\n"
            + HTML.table(caption: "Weighted hits per 10,000 scored tokens by \(HTML.escape(group)), year and frame",
                         header: [group, "year", "frame", "documents", "hits", "rate per 10k", "95% interval", "caveats"], rows: rows, numeric: [3, 4, 5])
            + "</section>\n"
    }

    func validationSection() -> String {
        guard let table = input.validation else { return "" }
        let v = Rows(table)
        guard !v.rows.isEmpty else { return "" }
        var rows: [[String]] = []
        for r in v.rows where v.value(r, "level") != "entry" {
            rows.append(v.header.map { HTML.escape(v.value(r, $0)) })
        }
        return "<section aria-labelledby=\"validation\"><h2 id=\"validation\">Validation</h2>\n"
            + HTML.table(caption: "Precision of coded matches (validation.csv)", header: v.header, rows: rows)
            + "</section>\n"
    }
}
