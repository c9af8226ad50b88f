import PolframeScore

/// The coding page: the passages of the validation sample `polframe validate sample` drew (its
/// sheet in the output folder), to label from the keyboard. Labels stay in the browser
/// (localStorage) between visits and export as that same sheet with the coder's columns filled,
/// which `polframe validate score` reads. Without a sheet, the page draws a small sample of its
/// own and says so.
extension Report {
    /// Columns of the exported sheet, in order (the JavaScript writes them from data attributes).
    /// The columns of `polframe validate sample`'s sheet (a test holds them equal), so that
    /// `polframe validate score` reads the export as it is.
    public static let codingColumns = ["kind", "doc_id", "country", "year", "language", "frame", "category", "entry", "start", "end",
                                       "matched", "negated", "sampling_weight", "context", "correct", "coder", "missed", "note"]

    /// The sheet `polframe validate sample` writes by default, beside the report folder.
    public static let codingSheetName = "validation_sheet.csv"

    /// A passage's identity, as `validate score` matches passages across sheets: the same row
    /// keeps its label in the browser when the sheet is drawn again.
    static func codingID(_ v: [String: String]) -> String {
        ["kind", "doc_id", "frame", "category", "entry", "start", "end"].map { v[$0] ?? "" }.joined(separator: "|")
    }

    /// The rows to code, each as column → value: the sheet's rows as they are, or the page's own sample.
    func codingRows() -> [[String: String]] {
        if let sheet = input.codingSheet {
            let s = Rows(sheet)
            return s.rows.map { r in Dictionary(uniqueKeysWithValues: Self.codingColumns.map { ($0, s.value(r, $0)) }) }
        }
        var facts: [String: (country: String, year: String, language: String)] = [:]
        for r in documents.rows { facts[documents.value(r, "doc_id")] = (documents.value(r, "country"), documents.value(r, "year"), documents.value(r, "language")) }
        var texts: [String: MarkedText] = [:]
        return codingSampleWeighted().map { m, weight in
            if texts[m.doc] == nil, let t = input.text(m.doc) { texts[m.doc] = MarkedText(text: t, matches: []) }
            var context = "[[" + m.text + "]]"
            if let t = texts[m.doc], m.end <= t.scalars.count {
                let s = t.sentence(around: m.start..<m.end)
                context = t.string(s.lowerBound..<m.start) + "[[" + t.string(m.start..<m.end) + "]]" + t.string(m.end..<s.upperBound)
            }
            let f = facts[m.doc]
            return ["kind": "match", "doc_id": m.doc, "country": f?.country ?? "", "year": f?.year ?? "", "language": f?.language ?? "",
                    "frame": m.frame, "category": m.category, "entry": m.entry, "start": String(m.start), "end": String(m.end),
                    "matched": m.text, "negated": m.negated ? "1" : "0", "sampling_weight": NumberFormat.fixed(weight, 4), "context": context]
        }
    }

    /// A match drawn for coding, with its row's fields.
    struct CodingMatch {
        var doc: String
        var start: Int
        var end: Int
        var frame: String
        var category: String
        var entry: String
        var negated: Bool
        var text: String
    }

    /// The page's own sample, when there is no sheet: per category, matches ordered by a stable
    /// hash of (document, start), taken round-robin over entries so that no single frequent entry
    /// fills a category's quota.
    func codingSample() -> [CodingMatch] { codingSampleWeighted().map(\.match) }

    /// The page's own sample with each row's sampling weight: the matches of its entry over the
    /// rows drawn from that entry (validate score weighs category precision by it).
    func codingSampleWeighted() -> [(match: CodingMatch, weight: Double)] {
        // Rows by kind first: kinds, not rows, are grouped by category and entry.
        var byKind: [Int32: [(doc: String, match: Match)]] = [:]
        for (doc, ms) in matchesByDoc {
            for m in ms where !markTags[m.kind].excluded { byKind[m.kind, default: []].append((doc, m)) }
        }
        var byCategory: [String: [String: [(doc: String, match: Match)]]] = [:]
        for (kind, rows) in byKind {
            let t = markTags[kind]
            byCategory[t.key, default: [:]][t.entry, default: []] += rows
        }
        var out: [(match: CodingMatch, weight: Double)] = []
        for key in byCategory.keys.sorted() {
            let entries = byCategory[key]!.keys.sorted()
            // Each hash computed once, not once per comparison.
            var queues = entries.map { e in
                byCategory[key]![e]!.map { (StableName.hash($0.doc, $0.match.start), $0) }.sorted { $0.0 < $1.0 }.map(\.1)[...]
            }
            var drawn: [[(doc: String, match: Match)]] = Array(repeating: [], count: entries.count)
            var taken = 0
            while taken < Self.codingPerCategory && queues.contains(where: { !$0.isEmpty }) {
                for i in queues.indices where !queues[i].isEmpty && taken < Self.codingPerCategory {
                    drawn[i].append(queues[i].removeFirst()); taken += 1
                }
            }
            for (i, e) in entries.enumerated() {
                let weight = Double(byCategory[key]![e]!.count) / Double(max(1, drawn[i].count))
                for (doc, m) in drawn[i] {
                    let t = markTags[m.kind]
                    out.append((CodingMatch(doc: doc, start: m.start, end: m.end, frame: t.frame, category: t.category, entry: t.entry,
                                            negated: t.negated, text: matchedText(m)), weight))
                }
            }
        }
        return out
    }

    /// A sheet's context ("… [[match]] …") as HTML with the match highlighted.
    func contextHTML(_ v: [String: String]) -> String {
        let context = v["context"] ?? ""
        guard let a = context.range(of: "[["), let b = context.range(of: "]]", range: a.upperBound..<context.endIndex) else {
            return HTML.escape(context)
        }
        var cls = "m c\(classOf((v["frame"] ?? "") + "/" + (v["category"] ?? "")))"
        if v["negated"] == "1" { cls += " negated" }
        return HTML.escape(String(context[..<a.lowerBound])) + "<mark class=\"\(cls)\">" + HTML.escape(String(context[a.upperBound..<b.lowerBound]))
            + "</mark>" + HTML.escape(String(context[b.upperBound...]))
    }

    func codingPage(_ layout: DocumentLayout) -> String {
        let rows = codingRows()
        var b = "<h1>Coding</h1>\n"
        if input.codingSheet != nil {
            b += "<p>These are the \(rows.count) passages of the validation sample in <code>\(HTML.escape(Self.codingSheetName))</code> "
                + "(drawn by <code>polframe validate sample</code>), with its sampling weights.</p>\n"
        } else {
            b += "<p class=\"caveat\">No validation sample was found (<code>\(HTML.escape(Self.codingSheetName))</code> in the output folder), so this page "
                + "shows a sample of its own: up to \(Self.codingPerCategory) matches per category. Draw the sample coders share with "
                + "<code>polframe validate sample</code> and make the report again to code it here.</p>\n"
        }
        b += """
        <p>Label each passage: does the highlighted match mean what its category claims (see the coding rules in docs/lexicon.md)?
        Keys: <kbd>j</kbd>/<kbd>↓</kbd> next, <kbd>k</kbd>/<kbd>↑</kbd> previous, <kbd>1</kbd> correct, <kbd>0</kbd> not correct
        (on a sentence without a match: <kbd>0</kbd> nothing missed, <kbd>1</kbd> type the categories missed), <kbd>u</kbd> clear.
        Labels are kept in this browser between visits. Export writes the coding sheet that
        <code>polframe validate score</code> reads.</p>
        <p><label>Coder <input id="coder" type="text" autocomplete="off"></label>
        <button id="export" type="button">Export CSV</button> <span id="progress" role="status" aria-live="polite"></span></p>
        <textarea id="sheet" aria-label="Exported coding sheet" readonly rows="4"></textarea>

        """
        b += "<ol id=\"coding\" class=\"passages\" data-study=\"\(HTML.escape(input.name))\">\n"
        for v in rows {
            let attrs = ([("sample_id", Self.codingID(v))] + Self.codingColumns.map { ($0, v[$0] ?? "") })
                .map { "data-\($0.0.replacingOccurrences(of: "_", with: "-"))=\"\(HTML.escape($0.1))\"" }.joined(separator: " ")
            let doc = v["doc_id"] ?? ""
            let (start, end) = (Int(v["start"] ?? "") ?? 0, Int(v["end"] ?? "") ?? 0)
            let link: String, what: String
            if v["kind"] == "unmatched" {
                link = layout.file(doc, at: start) + "#" + DocumentLayout.anchor(doc)
                what = "sentence without a framing match"
            } else {
                link = layout.href(doc, start: start, end: end)
                what = HTML.escape(label(v["category"] ?? "")) + " · " + HTML.escape(v["entry"] ?? "") + (v["negated"] == "1" ? " · negated" : "")
            }
            b += "<li tabindex=\"0\" \(attrs)><span class=\"meta\">\(what) · <a href=\"\(link)\">\(HTML.escape(doc))</a></span>"
                + "<blockquote>\(contextHTML(v))</blockquote>"
            if v["kind"] == "unmatched" {
                b += "<label class=\"missed\">Categories missed (frame/category; …) <input type=\"text\" class=\"missed\" autocomplete=\"off\"></label> "
            }
            b += "<span class=\"label\" aria-live=\"polite\">not coded</span></li>\n"
        }
        b += "</ol>\n"
        if rows.isEmpty { b += "<p>No passage to code.</p>\n" }
        return HTML.page(title: "\(input.name): coding", root: "", current: "coding.html", body: b, script: true)
    }
}
