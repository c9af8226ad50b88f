import PolframeScore

/// The coding page: a seeded, stratified sample of matches (up to `codingPerCategory` per
/// category, spread over entries) to label from the keyboard. Labels stay in the browser
/// (localStorage) between visits and export as the coding sheet `polframe validate score` reads.
extension Report {
    /// Columns of the exported sheet, in order (the JavaScript writes them from data attributes).
    /// The columns of `polframe validate sample`'s sheet (a test holds them equal), so that
    /// `polframe validate score` reads the export as it is.
    public static let codingColumns = ["kind", "doc_id", "country", "year", "language", "frame", "category", "entry", "start", "end",
                                       "matched", "negated", "sampling_weight", "context", "correct", "coder", "missed", "note"]

    /// The sample: per category, matches ordered by a stable hash of (document, start), taken
    /// round-robin over entries so that no single frequent entry fills a category's quota.
    func codingSample() -> [MatchRow] { codingSampleWeighted().map(\.match) }

    /// The sample with each row's sampling weight: the matches of its entry over the rows drawn
    /// from that entry (validate score weighs category precision by it).
    func codingSampleWeighted() -> [(match: MatchRow, weight: Double)] {
        var byCategory: [String: [String: [MatchRow]]] = [:]
        for (_, ms) in matchesByDoc {
            for m in ms where !m.excluded { byCategory[m.frame + "/" + m.category, default: [:]][m.entry, default: []].append(m) }
        }
        var out: [(match: MatchRow, weight: Double)] = []
        for key in byCategory.keys.sorted() {
            let entries = byCategory[key]!.keys.sorted()
            var queues = entries.map { e in
                byCategory[key]![e]!.sorted { StableName.hash("\($0.doc)|\($0.start)") < StableName.hash("\($1.doc)|\($1.start)") }
            }
            var drawn: [[MatchRow]] = Array(repeating: [], count: entries.count)
            var taken = 0
            while taken < Self.codingPerCategory && queues.contains(where: { !$0.isEmpty }) {
                for i in queues.indices where !queues[i].isEmpty && taken < Self.codingPerCategory {
                    drawn[i].append(queues[i].removeFirst()); taken += 1
                }
            }
            for (i, e) in entries.enumerated() {
                let weight = Double(byCategory[key]![e]!.count) / Double(max(1, drawn[i].count))
                for m in drawn[i] { out.append((m, weight)) }
            }
        }
        return out
    }

    func codingPage() -> String {
        let sample = codingSampleWeighted()
        var facts: [String: (country: String, year: String, language: String)] = [:]
        for r in documents.rows { facts[documents.value(r, "doc_id")] = (documents.value(r, "country"), documents.value(r, "year"), documents.value(r, "language")) }
        var b = "<h1>Coding</h1>\n"
        b += """
        <p>Label each passage: does the highlighted match mean what its category claims (see the coding rules in docs/lexicon.md)?
        Keys: <kbd>j</kbd>/<kbd>↓</kbd> next, <kbd>k</kbd>/<kbd>↑</kbd> previous, <kbd>1</kbd> correct, <kbd>0</kbd> not correct,
        <kbd>u</kbd> clear. Labels are kept in this browser between visits. Export writes the coding sheet that
        <code>polframe validate score</code> reads.</p>
        <p><label>Coder <input id="coder" type="text" autocomplete="off"></label>
        <button id="export" type="button">Export CSV</button> <span id="progress" role="status" aria-live="polite"></span></p>
        <textarea id="sheet" aria-label="Exported coding sheet" readonly rows="4"></textarea>

        """
        b += "<ol id=\"coding\" class=\"passages\" data-study=\"\(HTML.escape(input.name))\">\n"
        var texts: [String: MarkedText] = [:]
        for (k, (m, weight)) in sample.enumerated() {
            if texts[m.doc] == nil, let t = input.text(m.doc) { texts[m.doc] = MarkedText(text: t, matches: matchesByDoc[m.doc] ?? []) }
            var context = m.text
            var html = "<mark class=\"m c\(classOf(m.frame + "/" + m.category))\">\(HTML.escape(m.text))</mark>"
            if let t = texts[m.doc], m.end <= t.scalars.count {
                let s = t.sentence(around: m.start..<m.end)
                context = t.string(s.lowerBound..<m.start) + "[[" + t.string(m.start..<m.end) + "]]" + t.string(m.end..<s.upperBound)
                html = t.html(s, windows: [], only: Mark(start: m.start, end: m.end, rows: [m]), classOf: classOf, label: label)
            }
            let id = "s\(k + 1)"
            let f = facts[m.doc]
            let attrs = [("sample_id", id), ("kind", "match"), ("doc_id", m.doc), ("country", f?.country ?? ""), ("year", f?.year ?? ""),
                         ("language", f?.language ?? ""), ("frame", m.frame), ("category", m.category), ("entry", m.entry),
                         ("start", String(m.start)), ("end", String(m.end)), ("matched", m.text), ("negated", m.negated ? "1" : "0"),
                         ("sampling_weight", NumberFormat.fixed(weight, 4)), ("context", context)]
                .map { "data-\($0.0.replacingOccurrences(of: "_", with: "-"))=\"\(HTML.escape($0.1))\"" }.joined(separator: " ")
            b += "<li tabindex=\"0\" \(attrs)><span class=\"meta\">\(HTML.escape(label(m.category))) · \(HTML.escape(m.entry)) · "
                + "<a href=\"\(Self.documentPage(m.doc))#m\(m.start)-\(m.end)\">\(HTML.escape(m.doc))</a></span>"
                + "<blockquote>\(html)</blockquote><span class=\"label\" aria-live=\"polite\">not coded</span></li>\n"
        }
        b += "</ol>\n"
        if sample.isEmpty { b += "<p>No match to code.</p>\n" }
        return HTML.page(title: "\(input.name): coding", root: "", current: "coding.html", body: b, script: true)
    }
}
