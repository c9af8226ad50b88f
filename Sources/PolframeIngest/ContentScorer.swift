/// Finds the main text of a page, readability-style: every run of paragraph text scores its
/// container and (less) the container's ancestors; the best-scoring container, discounted by
/// its link density, holds the article, and its siblings join it when they look like content.
/// All weights and thresholds are named in `ExtractionRules.Scoring`.
struct ContentScorer {
    typealias Weights = ExtractionRules.Scoring

    /// Per element (indexed by `MarkupElement.id`).
    private(set) var textLength: [Double]
    private(set) var linkLength: [Double]
    private var score: [Double]
    private var isCandidate: [Bool]
    private var parent: [Int]
    private var skipped: [Bool]
    private var classWeightOf: [Int]
    private var tags: [Int]
    private var classMarksCache: [String: ExtractionRules.ClassMarks] = [:]

    init(_ root: MarkupElement) {
        let n = ContentScorer.lastID(root) + 1
        textLength = Array(repeating: 0, count: n)
        linkLength = Array(repeating: 0, count: n)
        score = Array(repeating: 0, count: n)
        isCandidate = Array(repeating: false, count: n)
        parent = Array(repeating: -1, count: n)
        skipped = Array(repeating: false, count: n)
        classWeightOf = Array(repeating: 0, count: n)
        tags = Array(repeating: 0, count: n)
        var paragraphs: [(Int, Double)] = []
        var namedUnlikely: [Int] = []
        measure(root, parentID: -1, inLink: false, paragraphs: &paragraphs, namedUnlikely: &namedUnlikely)
        // Rule "large-container-survives-class": a container named like boilerplate is dropped
        // unless it holds most of the page's text (a page wrapper called "has-sticky-nav").
        let pageText = textLength[root.id] - linkLength[root.id]
        for id in namedUnlikely where textLength[id] - linkLength[id] < pageText * Weights.wrapperShare {
            skipped[id] = true
        }
        for (id, points) in paragraphs where !isUnderSkipped(id) { credit(id, points) }
    }

    private func isUnderSkipped(_ id: Int) -> Bool {
        var x = id
        while x >= 0 {
            if skipped[x] { return true }
            x = parent[x]
        }
        return false
    }

    /// The id of the last element in document order: the deepest rightmost one.
    static func lastID(_ root: MarkupElement) -> Int {
        var e = root
        while let last = e.children.last(where: { if case .element = $0 { return true } else { return false } }),
              case .element(let child) = last {
            e = child
        }
        return e.id
    }

    func isSkipped(_ e: MarkupElement) -> Bool { e.id < skipped.count && skipped[e.id] }

    func linkDensity(_ id: Int) -> Double {
        textLength[id] > 0 ? linkLength[id] / textLength[id] : 0
    }

    func finalScore(_ id: Int) -> Double {
        score[id] * (1 - linkDensity(id))
    }

    func classWeight(_ id: Int) -> Int { classWeightOf[id] }

    /// Rule "unlikely-candidate": elements that are never main text (script, nav, ...), hidden
    /// ones, and containers whose class or id names boilerplate without also naming content.
    static func isUnlikely(_ e: MarkupElement) -> Bool {
        isUnlikelyByTag(e) || isUnlikelyByName(e)
    }

    static func isUnlikelyByTag(_ e: MarkupElement) -> Bool {
        if e.tagInfo.dropped { return true }
        if e.attribute("hidden") != nil || e.attribute("aria-hidden") == "true" { return true }
        if let style = e.attribute("style"), style.contains("none"),
           style.lowercased().replacingSpaces().contains("display:none") { return true }
        if let role = e.attribute("role"), ExtractionRules.boilerplateRoles.contains(role) { return true }
        return false
    }

    /// The class-or-id part of "unlikely-candidate", which a large container survives.
    static func isUnlikelyByName(_ e: MarkupElement) -> Bool {
        let cls = e.attribute("class"), id = e.attribute("id")
        if cls == nil && id == nil { return false }
        return isUnlikelyByName(e.name, cls.map(ExtractionRules.classMarks), id.map(ExtractionRules.classMarks))
    }

    static func isUnlikelyByName(_ name: String, _ cls: ExtractionRules.ClassMarks?, _ id: ExtractionRules.ClassMarks?) -> Bool {
        if cls == nil && id == nil { return false }
        if TagTable.info[TagTable.code(name)].neverUnlikely { return false }
        let boilerplate = (cls?.boilerplate ?? false) || (id?.boilerplate ?? false)
        let content = (cls?.content ?? false) || (id?.content ?? false)
        return boilerplate && !content
    }

    /// Whether an element is dropped from the main text: an unlikely tag, or a boilerplate
    /// class or id on a container that is not large (rule "large-container-survives-class").
    func isDropped(_ e: MarkupElement) -> Bool {
        if e.id >= 0 && e.id < skipped.count { return skipped[e.id] }
        return ContentScorer.isUnlikely(e)
    }

    /// `ExtractionRules.classMarks`, remembered per page: most class values repeat.
    private mutating func marks(_ v: String) -> ExtractionRules.ClassMarks {
        if let m = classMarksCache[v] { return m }
        let m = ExtractionRules.classMarks(v)
        classMarksCache[v] = m
        return m
    }

    /// Counts text and link text bottom-up and records each paragraph's points.
    private mutating func measure(_ e: MarkupElement, parentID: Int, inLink: Bool, paragraphs: inout [(Int, Double)], namedUnlikely: inout [Int]) {
        let id = e.id
        parent[id] = parentID
        tags[id] = e.tag
        if ContentScorer.isUnlikelyByTag(e) { skipped[id] = true; return }
        // Class and id are read once per element for both the weight and the unlikely test.
        var clsMarks: ExtractionRules.ClassMarks? = nil, idMarks: ExtractionRules.ClassMarks? = nil
        if let v = e.attribute("class") { clsMarks = marks(v) }
        if let v = e.attribute("id") { idMarks = marks(v) }
        classWeightOf[id] = ExtractionRules.classWeight(clsMarks, idMarks)
        let linkHere = inLink || e.name == "a"
        var total = 0.0, link = 0.0
        var inline = 0.0, commas = 0
        for child in e.children {
            switch child {
            case .text(let t):
                let (len, c) = ContentScorer.measureText(t)
                total += len
                commas += c
                if linkHere { link += len } else { inline += len }
            case .element(let c):
                measure(c, parentID: id, inLink: linkHere, paragraphs: &paragraphs, namedUnlikely: &namedUnlikely)
                if skipped[c.id] { continue }
                total += textLength[c.id]
                link += linkLength[c.id]
                if c.tagInfo.inline {
                    // Inline children (a, span, font, b...) belong to this element's own paragraph text.
                    inline += textLength[c.id] - linkLength[c.id]
                    commas += ContentScorer.inlineCommas(c)
                }
            }
        }
        textLength[id] = total
        linkLength[id] = link
        if ContentScorer.isUnlikelyByName(e.name, clsMarks, idMarks) { namedUnlikely.append(id) }
        if inline >= Weights.minParagraphLength && !e.tagInfo.inline {
            let points = 1 + Double(commas) * Weights.pointsPerComma + min(inline / Weights.lengthPerPoint, Weights.maxLengthPoints)
            paragraphs.append((id, points))
        }
    }

    /// Effective length (a Han character counts as several Latin letters) and clause
    /// punctuation of a text node.
    static func measureText(_ t: String) -> (Double, Int) {
        var len = 0.0, commas = 0
        for s in t.unicodeScalars {
            let v = s.value
            if v <= 0x20 { continue }
            if v < 0x80 {
                len += 1
                if v == 0x2C { commas += 1 }
                continue
            }
            if v == 0xA0 || v == 0x3000 { continue }
            if TextCleanup.isCJK(s) {
                if v == 0xFF0C || v == 0x3001 || v == 0x3002 || v == 0xFF1B { commas += 1; len += 1; continue }
                len += Weights.hanCharacterLength
            } else {
                len += 1
            }
        }
        return (len, commas)
    }

    private static func inlineCommas(_ e: MarkupElement) -> Int {
        var n = 0
        for c in e.children {
            switch c {
            case .text(let t): n += measureText(t).1
            case .element(let x): n += inlineCommas(x)
            }
        }
        return n
    }

    /// A paragraph's points go to the element holding it (a paragraph tag passes them on to its
    /// container) and decreasing shares to the ancestors above.
    private mutating func credit(_ id: Int, _ points: Double) {
        var target = id
        var level = 0
        // A <p>, <pre> or cell is the paragraph itself: its container is the candidate.
        if TagTable.info[tags[id]].paragraph {
            target = parent[id]
        }
        while target >= 0 && level < Weights.ancestorLevels {
            if !isCandidate[target] {
                isCandidate[target] = true
                score[target] += Double(TagTable.info[tags[target]].weight) + Double(classWeightOf[target])
            }
            let divider: Double = level == 0 ? 1 : (level == 1 ? 2 : Double(level) * 3)
            score[target] += points / divider
            target = parent[target]
            level += 1
        }
    }


    /// The id of the best candidate, or nil when no paragraph scored.
    func best() -> Int? {
        var ranked: [(Double, Int)] = []
        for id in 0..<score.count where isCandidate[id] && !skipped[id] {
            ranked.append((finalScore(id), id))
        }
        guard let top = ranked.max(by: { $0.0 < $1.0 }) else { return nil }
        return sharedAncestor(of: top, ranked) ?? top.1
    }

    /// Rule "shared-ancestor" (Mozilla Readability's): when several of the best candidates
    /// score close to the best one, the article is split into sibling boxes (one paragraph per
    /// card); the nearest ancestor of the best one that holds enough of them is the article.
    private func sharedAncestor(of top: (Double, Int), _ ranked: [(Double, Int)]) -> Int? {
        let alternatives = ranked.sorted { $0.0 > $1.0 }.prefix(Weights.topCandidates).dropFirst()
            .filter { $0.0 >= top.0 * Weights.alternativeShare && !isAncestor($0.1, of: top.1) && !isAncestor(top.1, of: $0.1) }
            .map(\.1)
        guard alternatives.count >= Weights.minimumAlternatives else { return nil }
        var ancestor = parent[top.1]
        while ancestor >= 0 && names(ancestor) != "body" {
            if alternatives.filter({ isAncestor(ancestor, of: $0) }).count >= Weights.minimumAlternatives {
                return skipped[ancestor] ? nil : ancestor
            }
            ancestor = parent[ancestor]
        }
        return nil
    }

    private func isAncestor(_ a: Int, of b: Int) -> Bool {
        var x = parent[b]
        while x >= 0 {
            if x == a { return true }
            x = parent[x]
        }
        return false
    }

    private func names(_ id: Int) -> String { TagTable.names[tags[id]] }

    /// Elements that make up the main text: the best candidate and those of its siblings that
    /// look like content (rule "content-siblings").
    static func mainElements(root: MarkupElement, body: MarkupElement) -> ([MarkupElement], ContentScorer) {
        let scorer = ContentScorer(root)
        guard let top = scorer.best(), let topElement = find(top, in: root) else { return ([body], scorer) }
        let parentID = scorer.parent[top]
        guard parentID >= 0, let parentElement = find(parentID, in: root) else { return ([topElement], scorer) }
        let topScore = scorer.finalScore(top)
        let threshold = max(Weights.minSiblingScore, topScore * Weights.siblingFraction)
        let topClass = topElement.attribute("class") ?? ""
        var chosen: [MarkupElement] = []
        for case .element(let s) in parentElement.children {
            if s.id == top { chosen.append(s); continue }
            if scorer.isSkipped(s) { continue }
            var bonus = 0.0
            if !topClass.isEmpty && s.attribute("class") == topClass { bonus = topScore * Weights.siblingFraction }
            if scorer.isCandidate[s.id] && scorer.finalScore(s.id) + bonus >= threshold { chosen.append(s); continue }
            if s.tagInfo.paragraph {
                let len = scorer.textLength[s.id], ld = scorer.linkDensity(s.id)
                if len > Weights.siblingParagraphLength && ld < Weights.siblingParagraphLinkDensity { chosen.append(s); continue }
                if len > 0 && len <= Weights.siblingParagraphLength && ld == 0 {
                    let text = s.textContent.trimmingWhitespace
                    if let last = text.last, ".。!?！？".contains(last) { chosen.append(s); continue }
                }
            }
        }
        return (chosen, scorer)
    }

    static func find(_ id: Int, in e: MarkupElement) -> MarkupElement? {
        if e.id == id { return e }
        var candidate: MarkupElement? = nil
        for case .element(let c) in e.children {
            if c.id > id { break }
            candidate = c
        }
        guard let c = candidate else { return nil }
        return find(id, in: c)
    }
}
