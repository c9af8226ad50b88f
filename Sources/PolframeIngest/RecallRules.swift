/// Rules that keep real content the readability-style choice of one container would drop, on
/// pages nobody tuned for: forum threads, lists of linked sentences, text in many small blocks,
/// languages whose words and punctuation differ from English and Chinese.
extension ExtractionRules {
    /// The thresholds of the recall rules, each with its reason.
    public enum Recall {
        /// Characters that end a sentence in the scripts polframe meets (Latin, CJK, Arabic,
        /// Devanagari, Armenian, Ethiopic...), closing quotes and brackets after them included.
        public static let sentenceEnds: Set<Character> = [
            ".", "!", "?", "…", "。", "！", "？", "؟", "۔", "।", "॥", "։", "።", "｡",
            "\"", "”", "»", "」", "』", ")", "）",
        ]
        /// Clause punctuation outside ASCII and CJK (Arabic comma and semicolon, Ethiopic comma,
        /// Armenian comma): each counts like a comma.
        public static let clauseMarks: Set<UInt32> = [0x060C, 0x061B, 0x1363, 0x055D]
        /// A kana or Hangul character carries about as much as two Latin letters (a Han one
        /// three): Japanese and Korean paragraphs otherwise score as too short to count.
        public static let syllableCharacterLength = 2.0

        static func isSyllabic(_ v: UInt32) -> Bool {
            (0x3040...0x30FF).contains(v) || (0xAC00...0xD7AF).contains(v) || (0x1100...0x11FF).contains(v)
        }

        /// Rule "sentence-like-list": a list whose items read as sentences (at least this share
        /// of them) is content even when each sentence carries a link, as lists of resources and
        /// steps do; navigation items are titles, not sentences.
        public static let sentenceItemShare = 2.0 / 3.0
        /// An item reads as a sentence when it ends like one and holds this much text outside links...
        public static let minSentenceItemText = 20.0
        /// ...and no more than this share of link text.
        public static let maxSentenceItemLinkDensity = 0.6
        /// Rule "repeated-chunks": when the best container's tag and class recur this many times,
        /// each in a parent like the best one's (posts of a thread, entries of a digest), every
        /// recurrence holding prose joins, however short: one-line replies score too little to
        /// join as siblings.
        public static let minRepetitions = 3
        /// Rule "post-with-buttons": a short block whose links are all shorter than this (author
        /// names, reply and quote buttons) and that holds a prose paragraph ending like a sentence
        /// is a post or a comment of a thread, not a link box; a headline link is longer.
        public static let maxButtonLinkLength = 25.0
        /// Rule "prose-coverage": when the chosen containers hold less than this share of the
        /// page's prose (paragraph text with little link text)...
        public static let minProseCoverage = 0.4
        /// ...the nearest ancestor of the best container holding at least this share is taken
        /// instead (an article whose sections or short paragraphs sit in separate boxes)...
        public static let widenedProseCoverage = 0.6
        /// ...when the page has at least this much prose, and the ancestor is not link-dense.
        public static let minPageProse = 300.0
        public static let maxWidenedLinkDensity = 0.35
        /// Rule "linked-sentence-paragraph": a <p> that reads as a sentence (as a sentence-like
        /// list item does: `minSentenceItemText` outside links, link density at most
        /// `maxSentenceItemLinkDensity`) is prose whose words happen to be linked (an
        /// encyclopedia's paragraphs, a news story's sources), not a link box.
        public static let keepsLinkedSentenceParagraphs = true
        /// Rule "headline-with-lead": a short block whose headline is a link and that holds a
        /// prose paragraph at least this long ending like a sentence is an item of a digest (a
        /// headline and its lead); a teaser card's one-line blurb is shorter.
        public static let minLeadLength = 50.0
    }
}

extension ContentScorer {
    /// Paragraph text with little link text: what the main text is made of.
    private func isProse(_ id: Int) -> Bool {
        linkDensity(id) < ExtractionRules.Scoring.siblingParagraphLinkDensity
    }

    /// The effective length of prose paragraphs inside the elements `roots` (subtrees).
    private func prose(in roots: [Int], _ t: PageTree) -> Double {
        var sum = 0.0
        for p in paragraphs where isProse(p.id) && roots.contains(where: { p.id >= $0 && p.id < t.end($0) }) {
            sum += p.length
        }
        return sum
    }

    /// Rule "prose-coverage" (`ExtractionRules.Recall`).
    func widenedToProse(_ t: PageTree, _ chosen: [Int], top: Int, body: Int) -> [Int] {
        typealias R = ExtractionRules.Recall
        let page = prose(in: [body], t)
        guard page >= R.minPageProse, prose(in: chosen, t) < page * R.minProseCoverage else { return chosen }
        var a = parent[top]
        while a >= 0 && a != body {
            if isSkipped(a) { return chosen }
            if prose(in: [a], t) >= page * R.widenedProseCoverage {
                return linkDensity(a) <= R.maxWidenedLinkDensity ? [a] : chosen
            }
            a = parent[a]
        }
        return chosen
    }

    /// Rule "repeated-chunks": whether the container's tag and class recur often enough.
    func isRepeatedChunk(_ t: PageTree, _ top: Int, _ topClass: ArraySlice<UInt8>) -> Bool {
        let tag = t.tag(top)
        var n = 0
        for e in 0..<t.count where t.tag(e) == tag && sameParentKind(t, e, top) {
            if let r = t.attributeRange(e, "class"), t.bytes[r].elementsEqual(topClass) {
                n += 1
                if n >= ExtractionRules.Recall.minRepetitions { return true }
            }
        }
        return false
    }

    /// Posts of a thread sit in containers alike (same tag and class): a box of the sidebar that
    /// reuses the article's class does not.
    func sameParentKind(_ t: PageTree, _ e: Int, _ top: Int) -> Bool {
        let a = parent[e], b = parent[top]
        guard a >= 0, b >= 0, t.tag(a) == t.tag(b) else { return false }
        let ca = t.attributeRange(a, "class").map { t.bytes[$0] } ?? [], cb = t.attributeRange(b, "class").map { t.bytes[$0] } ?? []
        return ca.elementsEqual(cb)
    }

    /// A recurrence of a repeated chunk joins when it holds text that is mostly not links.
    func isProseChunk(_ e: Int) -> Bool {
        textLength[e] - linkLength[e] > 0 && isProse(e) && !isSkipped(e)
    }
}

extension HTMLReader {
    /// Rule "sentence-like-list" on a list or one of its items (`ExtractionRules.Recall`).
    static func isSentenceList(_ e: Int, in t: PageTree, scorer: ContentScorer) -> Bool {
        let tag = t.tag(e)
        if tag == TagTable.li { return isSentenceItem(e, in: t, scorer: scorer) }
        guard tag == TagTable.ul || tag == TagTable.ol else { return false }
        var items = 0, sentences = 0
        for c in t.children(e) where !t.isText(c) && t.tag(c) == TagTable.li {
            items += 1
            if isSentenceItem(c, in: t, scorer: scorer) { sentences += 1 }
        }
        return items >= 2 && Double(sentences) >= Double(items) * ExtractionRules.Recall.sentenceItemShare
    }

    /// Rule "linked-sentence-paragraph" (`ExtractionRules.Recall`).
    static func isLinkedSentenceParagraph(_ e: Int, in t: PageTree, scorer: ContentScorer) -> Bool {
        ExtractionRules.Recall.keepsLinkedSentenceParagraphs && t.tag(e) == TagTable.p && isSentenceItem(e, in: t, scorer: scorer)
    }

    /// Rules "post-with-buttons" and "headline-with-lead" (`ExtractionRules.Recall`).
    static func holdsPostText(_ e: Int, in t: PageTree, scorer: ContentScorer) -> Bool {
        let end = t.end(e)
        var onlyButtons = true
        for j in (e + 1)..<max(e + 1, end) where t.tag(j) == TagTable.a {
            if scorer.textLength[j] >= ExtractionRules.Recall.maxButtonLinkLength { onlyButtons = false; break }
        }
        let minimum = onlyButtons ? 0 : ExtractionRules.Recall.minLeadLength
        for j in e..<max(e + 1, end) where scorer.isParagraph[j] && scorer.textLength[j] - scorer.linkLength[j] >= minimum {
            if scorer.linkDensity(j) < ExtractionRules.Scoring.siblingParagraphLinkDensity,
               let last = t.textContent(j).trimmingWhitespace.last, ExtractionRules.Recall.sentenceEnds.contains(last) {
                return true
            }
        }
        return false
    }

    static func isSentenceItem(_ e: Int, in t: PageTree, scorer: ContentScorer) -> Bool {
        let own = scorer.textLength[e] - scorer.linkLength[e]
        guard own >= ExtractionRules.Recall.minSentenceItemText,
              scorer.linkDensity(e) <= ExtractionRules.Recall.maxSentenceItemLinkDensity else { return false }
        guard let last = t.textContent(e).trimmingWhitespace.last else { return false }
        return ExtractionRules.Recall.sentenceEnds.contains(last)
    }
}

extension ExtractionRules {
    /// Rule "trailing-headings": headings at the end of the main text head nothing (their link
    /// lists, references and share bars were dropped): "See also", "References".
    static func droppingTrailingHeadings(_ blocks: [Block]) -> [Block] {
        var end = blocks.count
        while end > 0 && blocks[end - 1].kind == .heading { end -= 1 }
        return end == 0 || end == blocks.count ? blocks : Array(blocks[..<end])
    }
}
