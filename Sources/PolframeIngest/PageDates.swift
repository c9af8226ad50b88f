/// Finds a page's publication date among every date printed on it. Each candidate is scored
/// by named rules (`MetadataRules.DateScoring`): a label before it, a time after it, where it
/// sits relative to the main text, whether it is link text (another page's date).
enum PageDates {
    struct Segment {
        /// Scalar offset into the page text.
        var start: Int
        var inLink: Bool
        /// -1 before the main text, 0 inside it, 1 after it.
        var region: Int
    }

    static let dateTrailerScalars: [(String, [Unicode.Scalar])] = MetadataRules.dateTrailers.map { ($0, Array($0.unicodeScalars)) }
    static let dateLabelScalars: [(String, [Unicode.Scalar])] = MetadataRules.dateLabels.map { ($0, Array($0.unicodeScalars)) }

    /// The best date on the page, with the rule that chose it, and whether a document-date
    /// label (`MetadataRules.documentDateLabels`) announced it.
    static func best(_ t: PageTree, body: Int, mainIDs: Set<Int>, mainFound: Bool) -> (Field, Bool)? {
        // The page's text as scalars, one array for the whole page (no String per node).
        var text: [Unicode.Scalar] = []
        var segments: [Segment] = []
        var region = -1
        /// Offsets where a block element's text begins (its end is marked by a line break).
        var blockStarts = Set<Int>()
        func walk(_ b: UnsafeBufferPointer<UInt8>, _ e: Int, inLink: Bool, inMain: Bool) {
            var c = Int(t.nodes[e].firstChild)
            while c >= 0 {
                defer { c = Int(t.nodes[c].nextSibling) }
                if t.isText(c) {
                    let r = t.textRange(c)
                    guard b[r].contains(where: { $0 > 0x20 }) else { continue }
                    segments.append(Segment(start: text.count, inLink: inLink, region: inMain ? 0 : region))
                    var i = r.lowerBound
                    while i < r.upperBound {
                        let byte = b[i]
                        if byte < 0x80 { text.append(Unicode.Scalar(byte)); i += 1; continue }
                        let (v, l) = TextCleanup.decodeScalar(b, i)
                        text.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                        i += l
                    }
                    text.append(" ")
                    continue
                }
                let tag = t.tag(c)
                if ContentScorer.isUnlikelyByTag(t, c) && tag != TagTable.header && tag != TagTable.footer && tag != TagTable.aside { continue }
                let enters = !inMain && mainIDs.contains(c)
                if t.info(c).block != nil { blockStarts.insert(text.count) }
                walk(b, c, inLink: inLink || tag == TagTable.a, inMain: inMain || enters)
                if enters { region = 1 }
                if t.info(c).block != nil { text.append("\n") }
            }
        }
        t.bytes.withUnsafeBufferPointer { walk($0, body, inLink: false, inMain: false) }
        if !mainFound { for i in segments.indices { segments[i].region = 0 } }
        let matches = DateScanner.matches(in: text, firstOnly: false)
        guard !matches.isEmpty else { return nil }
        let mainStart = segments.first(where: { $0.region == 0 })?.start ?? 0
        typealias W = MetadataRules.DateScoring
        var best: (Double, DateScanner.Found, [String], Bool)? = nil
        for m in matches {
            // The segment holding the match: the last one starting at or before it.
            var lo = 0, hi = segments.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if segments[mid].start <= m.start { lo = mid } else { hi = mid - 1 }
            }
            let seg = segments[lo]
            var score = 0.0
            var why: [String] = []
            let before = text[max(0, m.start - W.labelWindow)..<m.start]
            var documentLabel = false
            if let (label, _) = dateLabelScalars.first(where: { contains(before, $0.1) }) {
                score += W.labelled
                why.append("label \(label)")
                documentLabel = MetadataRules.documentDateLabels.contains(label)
                if documentLabel { score += W.documentLabel }
            }
            let after = text[m.end..<min(text.count, m.end + W.trailerWindow)]
            if m.partial, let first = after.first, MetadataRules.issueSuffixes.contains(first) {
                score += W.issueMonth
                why.append("issue of a periodical")
            }
            if let (trailer, _) = dateTrailerScalars.first(where: { contains(after, $0.1) }) {
                score += W.followedByCounter
                why.append("followed by \(trailer)")
            }
            if m.hasTime { score += W.withTime; why.append("with time") }
            if m.partial { score += W.partial; why.append("month only") }
            if seg.region == 0 && isDateLine(text, m, blockStarts) { score += W.dateLine; why.append("date line") }
            if seg.inLink { score += W.inLink; why.append("in a link") }
            switch seg.region {
            case -1:
                let distance = Double(mainStart - m.end)
                score += W.justAboveMain - min(W.justAboveMain, distance / W.distanceUnit)
                why.append("above the main text")
            case 0:
                let distance = Double(m.start - mainStart)
                score += distance < Double(W.mainHeadLength) ? W.mainHead : W.deepInMain
                why.append(distance < Double(W.mainHeadLength) ? "at the top of the main text" : "inside the main text")
            default:
                score += W.afterMain
                why.append("below the main text")
            }
            if best == nil || score > best!.0 { best = (score, m, why, documentLabel) }
        }
        guard let (score, m, why, documentLabel) = best, score >= W.minimum else { return nil }
        return (Field(m.value, source: "text pattern (\(why.joined(separator: ", ")))"), documentLabel)
    }

    /// Rule "date-line": the date is alone on its line (a time may follow it): the block or
    /// line holds nothing else.
    static func isDateLine(_ text: [Unicode.Scalar], _ m: DateScanner.Found, _ blockStarts: Set<Int>) -> Bool {
        var i = m.start
        while i > 0, !blockStarts.contains(i), text[i - 1] != "\n" {
            guard DateScanner.isSpace(text[i - 1].value) else { return false }
            i -= 1
        }
        var j = m.end
        while j < text.count, text[j] != "\n", !blockStarts.contains(j) {
            let v = text[j].value
            guard DateScanner.isSpace(v) || DateScanner.isDigit(v) || v == 0x3A || v == 0xFF1A else { return false }
            j += 1
        }
        return true
    }

    static func contains(_ hay: ArraySlice<Unicode.Scalar>, _ needle: [Unicode.Scalar]) -> Bool {
        guard hay.count >= needle.count, let first = needle.first else { return false }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// A date in a URL path: /2005/07/31/, /2005-06-14/, /20050731/, t20211231_.
    static func fromURL(_ url: String) -> String? {
        if let r = url.firstMatch(of: /[\/_-](\d{4})[\/-](\d{1,2})[\/-](\d{1,2})(?:[\/_.-]|$)/),
           let y = Int(r.1), let mo = Int(r.2), let d = Int(r.3) {
            return DateParser.validated(y, mo, d)
        }
        if let r = url.firstMatch(of: /[\/_t](\d{4})(\d{2})(\d{2})[\/_.]/), let y = Int(r.1), let mo = Int(r.2), let d = Int(r.3) {
            return DateParser.validated(y, mo, d)
        }
        return nil
    }
}

/// Named metadata rules: which signals carry a date, title or issuer, and how much each counts.
public enum MetadataRules {
    /// Words that announce a publication date just before it (gov.cn 发布日期 and 成文日期,
    /// portals' 发表时间, English bylines).
    public static let dateLabels: [String] = [
        "发布日期", "成文日期", "印发日期", "发布时间", "发表时间", "发表于", "发表日期", "发文日期", "更新时间", "日期", "时间", "发布",
        "来源", "稿件", "张贴", "Published", "Posted", "Updated", "Date", "DATE", "Issued",
    ]

    /// Labels of a policy document's own date (written, issued): such a date in the text beats
    /// the page's publication metadata (rule "document-date-label").
    public static let documentDateLabels: [String] = ["成文日期", "发文日期", "印发日期"]

    /// A year and month followed by one of these is a periodical's issue (《北京之春》1998年3月号):
    /// the publication date of the text (rule "periodical-issue").
    public static let issueSuffixes: [Unicode.Scalar] = ["号"]

    /// Words shortly after a date that mark an article's header line (a view counter: 2004-12-10
    /// 阅读10544次), rule "followed-by-counter".
    public static let dateTrailers: [String] = ["阅读", "浏览", "点击"]

    /// The weights of page-date scoring.
    public enum DateScoring {
        /// A label within this many characters before the date.
        public static let labelWindow = 16
        public static let labelled = 4.0
        /// "2005-07-31 12:30": a timestamp is a publication line, not a date in prose.
        public static let withTime = 2.0
        /// Dates in link text belong to the linked pages.
        public static let inLink = -5.0
        /// Just above the main text (the article's header); fades over `distanceUnit` × points.
        public static let justAboveMain = 3.0
        public static let distanceUnit = 150.0
        /// In the first `mainHeadLength` characters of the main text, or deeper.
        public static let mainHeadLength = 300
        public static let mainHead = 2.0
        public static let deepInMain = -1.0
        /// Below the main text: comments and related items.
        public static let afterMain = -2.0
        /// A year and month without a day loses to any full date around it.
        public static let partial = -1.0
        /// Rule "date-line": inside the main text, a date alone on its line is the document's
        /// own date (a report's or notice's date line under its title or above its seal), where
        /// a date within a sentence is only mentioned.
        public static let dateLine = 4.0
        /// Characters after a date searched for an issue suffix or a trailer.
        public static let trailerWindow = 8
        /// Rule "document-date-label": the document's own date outranks the page's other labelled dates.
        public static let documentLabel = 2.0
        /// Rule "periodical-issue".
        public static let issueMonth = 5.0
        /// Rule "followed-by-counter".
        public static let followedByCounter = 3.0
        /// A candidate needs at least this score.
        public static let minimum = -1.5
    }
}
