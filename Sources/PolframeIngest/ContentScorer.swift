/// Finds the main text of a page, readability-style: every run of paragraph text scores its
/// container and (less) the container's ancestors; the best-scoring container, discounted by
/// its link density, holds the article, and its siblings join it when they look like content.
/// All weights and thresholds are named in `ExtractionRules.Scoring`.
struct ContentScorer {
    typealias Weights = ExtractionRules.Scoring

    /// Per node of the `PageTree` (elements and text nodes alike).
    private(set) var textLength: [Double]
    private(set) var linkLength: [Double]
    private var score: [Double]
    private(set) var isCandidate: [Bool]
    private(set) var parent: [Int]
    /// Each element whose own inline text makes a paragraph, with that text's effective length.
    private(set) var paragraphs: [(id: Int, length: Double)] = []
    /// Per node: whether it is one of `paragraphs` (a subtree is scanned without a search).
    private(set) var isParagraph: [Bool]
    private var skipped: [Bool]
    private var classWeightOf: [Int]
    private var tags: [Int]

    init(_ tree: PageTree) {
        let n = tree.count
        textLength = Array(repeating: 0, count: n)
        linkLength = Array(repeating: 0, count: n)
        score = Array(repeating: 0, count: n)
        isCandidate = Array(repeating: false, count: n)
        parent = Array(repeating: -1, count: n)
        skipped = Array(repeating: false, count: n)
        classWeightOf = Array(repeating: 0, count: n)
        tags = Array(repeating: 0, count: n)
        isParagraph = Array(repeating: false, count: n)
        var paragraphs: [(Int, Double)] = []
        var namedUnlikely: [Int] = []
        var paragraphLengths: [(id: Int, length: Double)] = []
        tree.bytes.withUnsafeBufferPointer { b in
            measure(tree, b, 0, parentID: -1, inLink: false, paragraphs: &paragraphs, lengths: &paragraphLengths,
                    namedUnlikely: &namedUnlikely)
        }
        // Rule "large-container-survives-class": a container named like boilerplate is dropped
        // unless it holds most of the page's text (a page wrapper called "has-sticky-nav").
        let pageText = textLength[0] - linkLength[0]
        for id in namedUnlikely where textLength[id] - linkLength[id] < pageText * Weights.wrapperShare {
            skipped[id] = true
        }
        for (id, points) in paragraphs where !isUnderSkipped(id) { credit(id, points) }
        self.paragraphs = paragraphLengths.filter { !isUnderSkipped($0.id) }
        for p in self.paragraphs { isParagraph[p.id] = true }
    }

    func isUnderSkipped(_ id: Int) -> Bool {
        var x = id
        while x >= 0 {
            if skipped[x] { return true }
            x = parent[x]
        }
        return false
    }

    func isSkipped(_ id: Int) -> Bool { skipped[id] }

    func linkDensity(_ id: Int) -> Double {
        textLength[id] > 0 ? linkLength[id] / textLength[id] : 0
    }

    func finalScore(_ id: Int) -> Double {
        score[id] * (1 - linkDensity(id))
    }

    func classWeight(_ id: Int) -> Int { classWeightOf[id] }

    /// Rule "unlikely-candidate": elements that are never main text (script, nav, ...), hidden
    /// ones, and containers whose class or id names boilerplate without also naming content.
    static func isUnlikelyByTag(_ t: PageTree, _ i: Int) -> Bool {
        if t.info(i).dropped { return true }
        let node = t.nodes[i]
        if node.attributeCount == 0 { return false }
        if t.hasAttribute(i, "hidden") || t.attribute(i, "aria-hidden", is: "true") { return true }
        if let r = t.attributeRange(i, "style"), hasDisplayNone(t.bytes[r]) { return true }
        if let r = t.attributeRange(i, "role"), ExtractionRules.boilerplateRoleBytes.contains(where: { $0.elementsEqual(t.bytes[r]) }) { return true }
        return false
    }

    static let displayNone = Array("display:none".utf8)

    /// An inline style with display:none (ASCII case and spaces ignored).
    static func hasDisplayNone(_ style: ArraySlice<UInt8>) -> Bool {
        var squeezed: [UInt8] = []
        for c in style where c != 0x20 { squeezed.append(c >= 65 && c <= 90 ? c + 32 : c) }
        guard squeezed.count >= displayNone.count else { return false }
        for start in 0...(squeezed.count - displayNone.count) where squeezed[start] == 0x64 {
            if squeezed[start..<(start + displayNone.count)].elementsEqual(displayNone) { return true }
        }
        return false
    }

    static func isUnlikelyByName(_ tag: Int, _ cls: ExtractionRules.ClassMarks?, _ id: ExtractionRules.ClassMarks?) -> Bool {
        if cls == nil && id == nil { return false }
        if TagTable.info[tag].neverUnlikely { return false }
        let boilerplate = (cls?.boilerplate ?? false) || (id?.boilerplate ?? false)
        let content = (cls?.content ?? false) || (id?.content ?? false)
        return boilerplate && !content
    }

    /// Whether an element is dropped from the main text: an unlikely tag, or a boilerplate
    /// class or id on a container that is not large (rule "large-container-survives-class").
    func isDropped(_ id: Int) -> Bool { skipped[id] }

    private static func marks(_ t: PageTree, _ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ key: StaticString) -> ExtractionRules.ClassMarks? {
        guard let r = t.attributeRange(i, key) else { return nil }
        return ExtractionRules.classMarks(bytes: UnsafeBufferPointer(rebasing: b[r]))
    }

    /// Counts text and link text bottom-up and records each paragraph's points.
    private mutating func measure(_ t: PageTree, _ b: UnsafeBufferPointer<UInt8>, _ id: Int, parentID: Int, inLink: Bool,
                                  paragraphs: inout [(Int, Double)], lengths: inout [(id: Int, length: Double)],
                                  namedUnlikely: inout [Int]) {
        parent[id] = parentID
        let tag = t.tag(id)
        tags[id] = tag
        if ContentScorer.isUnlikelyByTag(t, id) { skipped[id] = true; return }
        // Class and id are read once per element for both the weight and the unlikely test.
        var clsMarks: ExtractionRules.ClassMarks? = nil, idMarks: ExtractionRules.ClassMarks? = nil
        if t.nodes[id].attributeCount > 0 {
            clsMarks = ContentScorer.marks(t, b, id, "class")
            idMarks = ContentScorer.marks(t, b, id, "id")
        }
        classWeightOf[id] = ExtractionRules.classWeight(clsMarks, idMarks)
        let linkHere = inLink || tag == TagTable.a
        var total = 0.0, link = 0.0
        var inline = 0.0, commas = 0
        var c = Int(t.nodes[id].firstChild)
        while c >= 0 {
            defer { c = Int(t.nodes[c].nextSibling) }
            if t.isText(c) {
                parent[c] = id
                tags[c] = -1
                let (len, k) = ContentScorer.measureText(UnsafeBufferPointer(rebasing: b[t.textRange(c)]))
                total += len
                commas += k
                if linkHere { link += len } else { inline += len }
                continue
            }
            measure(t, b, c, parentID: id, inLink: linkHere, paragraphs: &paragraphs, lengths: &lengths, namedUnlikely: &namedUnlikely)
            if skipped[c] { continue }
            total += textLength[c]
            link += linkLength[c]
            if t.info(c).inline {
                // Inline children (a, span, font, b...) belong to this element's own paragraph text.
                inline += textLength[c] - linkLength[c]
                commas += ContentScorer.inlineCommas(t, b, c)
            }
        }
        textLength[id] = total
        linkLength[id] = link
        if ContentScorer.isUnlikelyByName(tag, clsMarks, idMarks) { namedUnlikely.append(id) }
        if inline >= Weights.minParagraphLength && !TagTable.info[tag].inline {
            let points = 1 + Double(commas) * Weights.pointsPerComma + min(inline / Weights.lengthPerPoint, Weights.maxLengthPoints)
            paragraphs.append((id, points))
            lengths.append((id, inline))
        }
    }

    /// Effective length (a Han character counts as several Latin letters) and clause
    /// punctuation of a text node.
    static func measureText(_ b: UnsafeBufferPointer<UInt8>) -> (Double, Int) {
        var len = 0.0, commas = 0
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                if c <= 0x20 { continue }
                len += 1
                if c == 0x2C { commas += 1 }
                continue
            }
            let (v, l) = TextCleanup.decodeScalar(b, i)
            i += l
            if v == 0xA0 || v == 0x3000 { continue }
            if TextCleanup.isCJK(value: v) {
                if v == 0xFF0C || v == 0x3001 || v == 0x3002 || v == 0xFF1B { commas += 1; len += 1; continue }
                len += Weights.hanCharacterLength
            } else if ExtractionRules.Recall.isSyllabic(v) {
                len += ExtractionRules.Recall.syllableCharacterLength
            } else {
                if ExtractionRules.Recall.clauseMarks.contains(v) { commas += 1 }
                len += 1
            }
        }
        return (len, commas)
    }

    /// Clause punctuation of all text below an element.
    private static func inlineCommas(_ t: PageTree, _ b: UnsafeBufferPointer<UInt8>, _ e: Int) -> Int {
        var n = 0
        for j in (e + 1)..<max(e + 1, t.end(e)) where t.isText(j) {
            n += measureText(UnsafeBufferPointer(rebasing: b[t.textRange(j)])).1
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
    static func mainElements(_ t: PageTree, body: Int) -> ([Int], ContentScorer) {
        let scorer = ContentScorer(t)
        guard let top = scorer.best() else { return ([body], scorer) }
        let parentID = scorer.parent[top]
        guard parentID >= 0 else { return ([top], scorer) }
        let topScore = scorer.finalScore(top)
        let threshold = max(Weights.minSiblingScore, topScore * Weights.siblingFraction)
        let topClass = t.attributeRange(top, "class").map { t.bytes[$0] } ?? []
        var chosen: [Int] = []
        for s in t.children(parentID) where !t.isText(s) {
            if s == top { chosen.append(s); continue }
            if scorer.isSkipped(s) { continue }
            var bonus = 0.0
            if !topClass.isEmpty, let r = t.attributeRange(s, "class"), t.bytes[r].elementsEqual(topClass) {
                bonus = topScore * Weights.siblingFraction
            }
            if scorer.isCandidate[s] && scorer.finalScore(s) + bonus >= threshold { chosen.append(s); continue }
            if t.info(s).paragraph {
                let len = scorer.textLength[s], ld = scorer.linkDensity(s)
                if len > Weights.siblingParagraphLength && ld < Weights.siblingParagraphLinkDensity { chosen.append(s); continue }
                if len > 0 && len <= Weights.siblingParagraphLength && ld == 0 {
                    let text = t.textContent(s).trimmingWhitespace
                    if let last = text.last, ExtractionRules.Recall.sentenceEnds.contains(last) { chosen.append(s); continue }
                }
            }
        }
        // Rule "same-class-chunks": an article split into chunks between ad rails or widgets
        // repeats its container (same tag, same class) under other parents; each such chunk
        // that scores like a sibling would joins the main text, in document order.
        if !topClass.isEmpty && Weights.joinSameClassChunks {
            let topTag = t.tag(top)
            let repeated = scorer.isRepeatedChunk(t, top, topClass)
            for e in 0..<t.count where e != top && t.tag(e) == topTag && (repeated || scorer.isCandidate[e]) {
                guard repeated ? scorer.isProseChunk(e) && scorer.sameParentKind(t, e, top) : scorer.finalScore(e) >= threshold,
                      !scorer.isUnderSkipped(e),
                      let r = t.attributeRange(e, "class"), t.bytes[r].elementsEqual(topClass),
                      !chosen.contains(where: { (c: Int) in (c..<t.end(c)).contains(e) || (e..<t.end(e)).contains(c) }) else { continue }
                chosen.append(e)
            }
            chosen.sort()
        }
        return (scorer.widenedToProse(t, chosen, top: top, body: body), scorer)
    }
}
