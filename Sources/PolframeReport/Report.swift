import PolframeScore

/// The evidence report: static pages, CSS and a little JavaScript that open from `file://`
/// with no server and no network, leading from every number to the sentences behind it.
public struct Report: Sendable {
    /// Passages on one page before the rest go to a next page (keeps each page a few MB at most).
    public static let passagesPerPage = 400
    /// Rows of the document index on one page.
    public static let documentsPerIndexPage = 2_000
    /// Characters of document text on one page before the rest go to a next page.
    public static let textPerPage = 400_000
    /// Matches per category on the coding page (a stratified, seeded sample).
    public static let codingPerCategory = 12

    let input: ReportInput
    let documents: Rows
    let matchesByDoc: [String: [MatchRow]]
    /// Category key "frame/category" → colour class index (palette order, stable per run).
    let categoryClass: [String: Int]
    /// Each match row's opening-tag parts, by `MatchRow.tag`.
    let markTags: MarkTags

    public init(_ input: ReportInput) {
        self.input = input
        documents = Rows(input.documents)
        let m = Rows(input.matches)
        var byDoc: [String: [MatchRow]] = [:]
        var classes: [String: Int] = [:]
        var tags = MarkTags()
        for r in m.rows {
            var row = MatchRow(doc: m.value(r, "doc_id"), frame: m.value(r, "frame"), category: m.value(r, "category"),
                               entry: m.value(r, "entry"), start: Int(m.value(r, "start")) ?? -1, end: Int(m.value(r, "end")) ?? -1,
                               text: m.value(r, "text"), negated: m.value(r, "negated") == "true",
                               excluded: m.value(r, "excluded") == "true")
            let key = row.frame + "/" + row.category
            if classes[key] == nil { classes[key] = classes.count % Assets.classes }
            row.tag = tags.tag(for: row, colour: classes[key]!, label: input.label)
            byDoc[row.doc, default: []].append(row)
        }
        matchesByDoc = byDoc
        categoryClass = classes
        markTags = tags
    }

    func classOf(_ key: String) -> Int { categoryClass[key] ?? 0 }
    func label(_ id: String) -> String { input.label(id) }

    /// Every file of the report, by path relative to the report folder, in a stable order.
    /// Documents are read and drawn once, on all cores; the layout of their files follows, and
    /// every page that links to a document is drawn after it.
    public func files() -> [(path: String, text: String)] {
        let pass = documentPass()
        let layout = DocumentLayout(pass.documents)
        var out: [(String, String)] = [("report.css", Assets.css), ("report.js", Assets.js)]
        out.append(("index.html", overview(layout)))
        out.append(("lexicon.html", lexiconPage()))
        out += documentIndex(layout)
        out.append(("coding.html", codingPage(layout)))
        out += cellPages(passages: pass.passages, layout: layout)
        out += documentFiles(pass.documents, layout: layout)
        return out
    }

    // MARK: - names of pages

    static func cellPage(group: String, year: String, frame: String, page: Int = 1) -> String {
        "cells/\(HTML.slug(group))-\(HTML.slug(year))-\(HTML.slug(frame))" + (page > 1 ? "-p\(page)" : "") + ".html"
    }

    // MARK: - documents

    /// Documents that count in the series: scored, and not left out (undated, duplicate...).
    func inSeries(_ row: [String]) -> Bool {
        let status = documents.value(row, "status")
        let left = documents.value(row, "in_series")
        return status == "ok" && (left.isEmpty || left == "yes")
    }

    /// The documents in the series, by group and year (the key of `cellKey` without a frame).
    func documentRowsByCell() -> [String: [[String]]] {
        var out: [String: [[String]]] = [:]
        for r in documents.rows where inSeries(r) {
            out[documents.value(r, input.groupColumn) + "\u{1F}" + documents.value(r, "year"), default: []].append(r)
        }
        return out
    }

    func documentLink(_ row: [String], root: String, layout: DocumentLayout) -> String {
        let id = documents.value(row, "doc_id")
        let title = documents.value(row, "title")
        return "<a href=\"\(root)\(layout.href(id))\">\(HTML.escape(title.isEmpty ? id : title))</a>"
    }
}

extension Report {
    /// "no interval (1 document)" where an interval cannot be drawn, else "[low, high]".
    static func interval(_ low: String, _ high: String, documents: String) -> String {
        if low.isEmpty || high.isEmpty {
            return documents == "1" ? "no interval (1 document)" : "no interval"
        }
        return "[\(low), \(high)]"
    }
}
