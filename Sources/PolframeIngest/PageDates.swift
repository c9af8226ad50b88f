/// Finds a page's publication date among every date printed on it. Each candidate is scored
/// by named rules (`MetadataRules.DateScoring`): a label before it, a time after it, where it
/// sits relative to the main text, whether it is link text (another page's date).
enum PageDates {
    struct Segment {
        var start: String.Index
        var inLink: Bool
        /// -1 before the main text, 0 inside it, 1 after it.
        var region: Int
    }

    /// The best date on the page, with the rule that chose it.
    static func best(body: MarkupElement, mainIDs: Set<Int>, mainFound: Bool) -> Field? {
        var text = ""
        var segments: [Segment] = []
        var region = -1
        func walk(_ e: MarkupElement, inLink: Bool, inMain: Bool) {
            for child in e.children {
                switch child {
                case .text(let t):
                    guard t.unicodeScalars.contains(where: { $0.value > 0x20 }) else { continue }
                    segments.append(Segment(start: text.endIndex, inLink: inLink, region: inMain ? 0 : region))
                    text += t
                    text += " "
                case .element(let c):
                    if ContentScorer.isUnlikelyByTag(c) && c.name != "header" && c.name != "footer" && c.name != "aside" { continue }
                    let enters = !inMain && mainIDs.contains(c.id)
                    walk(c, inLink: inLink || c.name == "a", inMain: inMain || enters)
                    if enters { region = 1 }
                    if ExtractionRules.blockElements[c.name] != nil { text += "\n" }
                }
            }
        }
        walk(body, inLink: false, inMain: false)
        if !mainFound { for i in segments.indices { segments[i].region = 0 } }
        let matches = DateParser.allDates(in: text)
        guard !matches.isEmpty else { return nil }
        let mainStart = segments.first(where: { $0.region == 0 })?.start ?? text.startIndex
        typealias W = MetadataRules.DateScoring
        var best: (Double, DateParser.Match, [String])? = nil
        for m in matches {
            // The segment holding the match: the last one starting at or before it.
            var lo = 0, hi = segments.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if segments[mid].start <= m.range.lowerBound { lo = mid } else { hi = mid - 1 }
            }
            let seg = segments[lo]
            var score = 0.0
            var why: [String] = []
            let before = text[..<m.range.lowerBound].suffix(W.labelWindow)
            if let label = MetadataRules.dateLabels.first(where: { before.contains($0) }) {
                score += W.labelled
                why.append("label \(label)")
            }
            if m.hasTime { score += W.withTime; why.append("with time") }
            if m.value.count < 10 { score += W.partial; why.append("month only") }
            if seg.inLink { score += W.inLink; why.append("in a link") }
            switch seg.region {
            case -1:
                let distance = Double(text.distance(from: m.range.upperBound, to: mainStart))
                score += W.justAboveMain - min(W.justAboveMain, distance / W.distanceUnit)
                why.append("above the main text")
            case 0:
                let distance = Double(text.distance(from: mainStart, to: m.range.lowerBound))
                score += distance < Double(W.mainHeadLength) ? W.mainHead : W.deepInMain
                why.append(distance < Double(W.mainHeadLength) ? "at the top of the main text" : "inside the main text")
            default:
                score += W.afterMain
                why.append("below the main text")
            }
            if best == nil || score > best!.0 { best = (score, m, why) }
        }
        guard let (score, m, why) = best, score >= W.minimum else { return nil }
        return Field(m.value, source: "text pattern (\(why.joined(separator: ", ")))")
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
        "发布日期", "成文日期", "发布时间", "发表时间", "发表于", "发表日期", "发文日期", "更新时间", "日期", "时间", "发布",
        "来源", "稿件", "Published", "Posted", "Updated", "Date", "DATE", "Issued",
    ]

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
        /// A candidate needs at least this score.
        public static let minimum = -1.5
    }
}
