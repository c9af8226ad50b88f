/// The named rules of main-text extraction, kept as data so tests can list them and the
/// documentation can cite them.
public enum ExtractionRules {
    /// Elements never part of the main text. Rule "figure-captions": a <figcaption> describes
    /// a picture (credit, caption) and is not the article's text.
    public static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
        "nav", "header", "footer", "aside", "button", "select", "input", "textarea",
        "menu", "dialog", "head", "figcaption",
    ]

    /// Elements that start and end a block of text.
    public static let blockElements: [String: Block.Kind] = [
        "p": .paragraph, "div": .paragraph, "section": .paragraph, "article": .paragraph,
        "main": .paragraph, "blockquote": .paragraph, "pre": .paragraph, "address": .paragraph,
        "figcaption": .paragraph, "dd": .paragraph, "dt": .paragraph, "center": .paragraph,
        "h1": .heading, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading, "h6": .heading,
        "li": .listItem, "tr": .tableRow, "br": .paragraph, "hr": .paragraph, "table": .paragraph,
        "ul": .paragraph, "ol": .paragraph, "dl": .paragraph, "body": .paragraph,
    ]

    /// Class or id fragments that mark navigation and boilerplate containers.
    public static let boilerplateMarkers: [String] = [
        "nav", "menu", "breadcrumb", "footer", "header", "sidebar", "share", "social", "cookie",
        "banner", "advert", "related", "comment", "subscribe", "newsletter", "pagination", "skip-link",
        "toolbar", "copyright",
    ]

    /// ARIA roles of navigation and page furniture.
    public static let boilerplateRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert"]
    static let boilerplateRoleBytes: [[UInt8]] = boilerplateRoles.map { Array($0.utf8) }

    /// Elements never dropped for their class or id (the page itself, its article, links).
    public static let neverUnlikely: Set<String> = ["html", "body", "article", "main", "a", "td", "tr", "tbody", "table"]

    /// Class or id fragments that mark the article itself: they outweigh a boilerplate marker
    /// on the same element ("article-header" is still dropped; "main-content-header" is not).
    public static let contentMarkers: [String] = [
        "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story",
        "zoom", "detail", "news", "paragraph", "prose",
    ]

    /// Class or id fragments that make a container less likely to hold the article (weight
    /// −`Scoring.classWeight`); the boilerplate markers count too.
    public static let negativeMarkers: [String] = [
        "combx", "contact", "foot", "footnote", "masthead", "media", "meta", "outbrain", "promo",
        "scroll", "shoutbox", "sponsor", "shopping", "tags", "tool", "widget", "byline", "author",
        "caption", "hidden", "login", "recommend", "ad", "ads", "popular", "trending", "more", "list",
        "link", "links", "sidebar",
    ]

    /// Inline elements: their text is part of the enclosing block's paragraph.
    public static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
        "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
        "time", "tt", "u", "var", "ins", "del", "img", "wbr",
    ]

    /// Paragraph tags: their text scores the container they sit in.
    public static let paragraphTags: Set<String> = ["p", "pre", "td", "blockquote"]

    /// Starting score of a candidate container by tag (readability's values).
    public static let tagWeight: [String: Int] = [
        "div": 5, "article": 8, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
        "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
        "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
    ]

    /// The weights and thresholds of content scoring, each with its reason.
    public enum Scoring {
        /// Rule "large-container-survives-class": a container holding this share of the page's
        /// text outside links is kept even when its class or id names boilerplate.
        public static let wrapperShare = 0.5
        /// Text shorter than this (in effective characters) is not a paragraph.
        public static let minParagraphLength = 25.0
        /// A Han character carries about as much as three Latin letters.
        public static let hanCharacterLength = 3.0
        /// Each comma (，、。； for Chinese) marks a clause: prose, not a menu.
        public static let pointsPerComma = 1.0
        /// One point per this many characters of paragraph text, at most `maxLengthPoints`.
        public static let lengthPerPoint = 100.0
        public static let maxLengthPoints = 3.0
        /// A paragraph credits its container fully, the next ancestor half, then 1/(3·level).
        public static let ancestorLevels = 5
        /// Class or id weight: ± this for content or boilerplate markers.
        public static let classWeight = 25
        /// Rule "shared-ancestor": of the `topCandidates` best candidates, those scoring at least
        /// `alternativeShare` of the best; when `minimumAlternatives` of them share an ancestor
        /// with the best one, that ancestor holds the article (Readability's values).
        public static let topCandidates = 5
        public static let alternativeShare = 0.75
        public static let minimumAlternatives = 3
        /// Siblings of the best container join when they score this share of it (at least
        /// `minSiblingScore`).
        public static let siblingFraction = 0.2
        public static let minSiblingScore = 10.0
        /// A sibling paragraph joins when longer than this with little link text, or shorter
        /// without links and ending like a sentence.
        public static let siblingParagraphLength = 80.0
        public static let siblingParagraphLinkDensity = 0.25
        /// Rule "same-class-chunks": elements with the best container's tag and class elsewhere
        /// on the page join it when they score as a sibling would (`siblingFraction`).
        public static let joinSameClassChunks = true
        /// Rule "link-dense-container": inside the main text, a list, table or division whose
        /// text is mostly link text is navigation (stricter when its class is not content).
        public static let maxLinkDensity = 0.5
        public static let maxLinkDensityUnmarked = 0.33
        /// Rule "prose-survives-links": this many prose paragraphs keep a container.
        public static let minProseParagraphs = 3
        /// Rule "short-link-dense-block": a short block (below this length) with more than
        /// `maxShortLinkDensity` link text is a related-links or tag line.
        public static let shortBlockLength = 200.0
        public static let maxShortLinkDensity = 0.2
    }

    /// The class or id weight of an element: + for content markers, − for boilerplate ones.
    static func classWeight(_ e: MarkupElement) -> Int {
        if e.attributes.isEmpty { return 0 }
        return classWeight(e.attribute("class").map(classMarks), e.attribute("id").map(classMarks))
    }

    static func classWeight(_ cls: ClassMarks?, _ id: ClassMarks?) -> Int {
        var w = 0
        for m in [cls, id] {
            guard let m else { continue }
            if m.negative { w -= Scoring.classWeight }
            if m.content { w += Scoring.classWeight }
        }
        return w
    }

    /// What a class or id value says, found in one pass over its bytes.
    struct ClassMarks {
        /// A word starts with a boilerplate marker.
        var boilerplate = false
        /// Boilerplate, or a word that is (or, when long, starts with) a negative marker.
        var negative = false
        /// A content marker occurs anywhere in it.
        var content = false
    }

    static func classMarks(_ v: String) -> ClassMarks {
        var v = v
        return v.withUTF8 { classMarks(bytes: $0) }
    }

    /// `classMarks` over a value's bytes, lowercased as read: no copy, no String.
    static func classMarks(bytes b: UnsafeBufferPointer<UInt8>) -> ClassMarks {
        var m = ClassMarks()
        let n = b.count
        if n == 0 { return m }
        @inline(__always) func lower(_ k: Int) -> UInt8 { let c = b[k]; return c >= 65 && c <= 90 ? c + 32 : c }
        func matches(_ marker: [UInt8], at start: Int) -> Bool {
            guard start + marker.count <= n else { return false }
            for k in 0..<marker.count where lower(start + k) != marker[k] { return false }
            return true
        }
        search: for start in 0..<n {
            for marker in contentMarkersByFirstByte[Int(lower(start))] where matches(marker, at: start) {
                m.content = true
                break search
            }
        }
        var i = 0
        while i < n {
            let c = lower(i)
            guard c >= 97 && c <= 122 else { i += 1; continue }
            var j = i
            while j < n, lower(j) >= 97 && lower(j) <= 122 { j += 1 }
            let count = j - i
            if !m.boilerplate, boilerplateMarkersByFirstByte[Int(c)].contains(where: { $0.count <= count && matches($0, at: i) }) {
                m.boilerplate = true; m.negative = true
            }
            if !m.negative && negativeMarkersByFirstByte[Int(c)].contains(where: {
                ($0.count == count || (count > 4 && $0.count > 3 && $0.count <= count)) && matches($0, at: i)
            }) {
                m.negative = true
            }
            i = j
        }
        return m
    }

    /// The markers by their first byte: a word or position is compared only with those.
    static let contentMarkersByFirstByte = byFirstByte(contentMarkerBytes)
    static let boilerplateMarkersByFirstByte = byFirstByte(boilerplateMarkerBytes)
    static let negativeMarkersByFirstByte = byFirstByte(negativeMarkerBytes)

    static func byFirstByte(_ markers: [[UInt8]]) -> [[[UInt8]]] {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for m in markers { table[Int(m[0])].append(m) }
        return table
    }

    /// Rule "related-heading": a short heading that opens a related-content list ends the
    /// article: it and every block after it are dropped (when some text comes before it).
    public static let relatedHeadings: [String] = [
        "you may also like", "you might also like", "related articles", "related stories", "related posts", "related content",
        "more from", "recommended for you", "more stories", "read next", "trending now",
        "você pode gostar", "leia também", "vous aimerez aussi", "à lire aussi", "lesen sie auch", "te puede interesar",
        "相关阅读", "相关新闻", "相关文章", "推荐阅读", "猜你喜欢",
    ]

    static func cutAtRelatedHeading(_ blocks: [Block]) -> [Block] {
        for (i, b) in blocks.enumerated() where i > 0 && b.kind == .heading && b.text.count <= 40 {
            let t = b.text.lowercased()
            if relatedHeadings.contains(where: { t.hasPrefix($0) }),
               blocks[..<i].contains(where: { $0.kind != .heading }) {
                return Array(blocks[..<i])
            }
        }
        return blocks
    }

    /// Meta tags that carry a publication date, in order of trust.
    public static let dateMeta: [String] = [
        "article:published_time", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.date",
        "citation_publication_date", "pubdate", "publishdate", "date", "firstpublishedtime",
        "og:published_time",
    ]

    /// Meta tags that carry a title, in order of trust.
    public static let titleMeta: [String] = ["og:title", "dc.title", "citation_title", "articletitle"]

    /// Meta tags that carry the issuing body.
    public static let issuerMeta: [String] = ["dc.publisher", "dc.creator", "author", "og:site_name", "contentsource"]

    /// Whether a class or id value marks boilerplate: one of its words starts with a marker.
    static func isBoilerplate(_ classOrID: String) -> Bool {
        let ws = asciiWords(classOrID)
        return ws.contains { w in boilerplateMarkerBytes.contains { w.starts(with: $0) } }
    }

    static let boilerplateMarkerBytes: [[UInt8]] = boilerplateMarkers.map { Array($0.utf8) }
    static let negativeMarkerBytes: [[UInt8]] = negativeMarkers.map { Array($0.utf8) }
    static let contentMarkerBytes: [[UInt8]] = contentMarkers.map { Array($0.utf8) }

    /// The lowercased ASCII words of a class or id value (split at anything not a letter),
    /// without Foundation: this runs for every element of every page.
    static func asciiWords(_ v: String) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var cur: [UInt8] = []
        for var c in v.utf8 {
            if c >= 65 && c <= 90 { c += 32 }
            if c >= 97 && c <= 122 { cur.append(c) } else if !cur.isEmpty { out.append(cur); cur = [] }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }
}

/// The rule tables above, indexed by a small per-tag code given to each element when the tree
/// is built: one hash per element instead of one per rule lookup (String hashing was a visible
/// share of extraction time). Derived from the named tables; never edited by hand.
struct TagTable {
    struct Info {
        var dropped = false
        var inline = false
        var paragraph = false
        var conditionallyCleaned = false
        var neverUnlikely = false
        var block: Block.Kind? = nil
        var weight = 0
        /// Content no reader uses (`MarkupParser.opaqueHTMLElements`).
        var opaque = false
    }

    /// Elements the readers look for by name (metadata, links, list items, cells...).
    static let namedInReaders: [String] = [
        "html", "head", "body", "meta", "title", "link", "script", "time", "a", "li", "td", "th", "h1",
        "header", "footer", "aside",
    ]

    /// Code 0 is every tag no table names.
    static let names: [String] = {
        var all = Set<String>()
        all.formUnion(ExtractionRules.droppedElements)
        all.formUnion(ExtractionRules.blockElements.keys)
        all.formUnion(ExtractionRules.inlineElements)
        all.formUnion(ExtractionRules.paragraphTags)
        all.formUnion(ExtractionRules.tagWeight.keys)
        all.formUnion(ExtractionRules.neverUnlikely)
        all.formUnion(HTMLReader.conditionallyCleaned)
        all.formUnion(MarkupParser.opaqueHTMLElements)
        all.formUnion(namedInReaders)
        return [""] + all.sorted()
    }()

    static let codes: [String: Int] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

    static let info: [Info] = names.map { n in
        Info(dropped: ExtractionRules.droppedElements.contains(n), inline: ExtractionRules.inlineElements.contains(n),
             paragraph: ExtractionRules.paragraphTags.contains(n), conditionallyCleaned: HTMLReader.conditionallyCleaned.contains(n),
             neverUnlikely: ExtractionRules.neverUnlikely.contains(n), block: ExtractionRules.blockElements[n],
             weight: ExtractionRules.tagWeight[n] ?? 0, opaque: MarkupParser.opaqueHTMLElements.contains(n))
    }

    static func code(_ name: String) -> Int { codes[name] ?? 0 }

    static let html = code("html"), head = code("head"), body = code("body"), meta = code("meta"), title = code("title")
    static let link = code("link"), script = code("script"), time = code("time"), a = code("a"), li = code("li")
    static let td = code("td"), th = code("th"), h1 = code("h1"), header = code("header"), footer = code("footer")
    static let aside = code("aside"), p = code("p"), ul = code("ul"), ol = code("ol")
}
