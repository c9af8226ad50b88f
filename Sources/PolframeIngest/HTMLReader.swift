#if canImport(Glibc)
import Glibc
#endif
/// Reads an HTML page: main text without navigation and boilerplate, and its metadata.
enum HTMLReader {
    static func read(_ decoded: DecodedText, path: String) throws(IngestError) -> Document {
        let (parsed, problems) = MarkupParser.parseHTML(decoded.text, path: path)
        guard let t = parsed else {
            let p = problems.first
            throw .malformed(path: path, line: p?.line ?? 0, column: p?.column ?? 0, detail: p?.message ?? "no document")
        }
        let root = 0
        let head = t.firstDescendant(root, tag: TagTable.head)
        let body = t.firstDescendant(root, tag: TagTable.body) ?? root
        let (main, scorer) = ContentScorer.mainElements(t, body: body)
        var collector = PageBlockCollector()
        for element in main {
            collector.collectIncludingSelf(t, element) { role(of: $0, in: t, scorer: scorer) }
        }
        // Rule "fallback-when-empty": when the cleaning left nothing, take the chosen containers
        // without link-density cleaning, then the whole body with only tag rules.
        if collector.blocks.isEmpty {
            for element in main {
                collector.collectIncludingSelf(t, element) { fallbackRole(of: $0, in: t, scorer: scorer) }
            }
        }
        if collector.blocks.isEmpty {
            collector.collectIncludingSelf(t, body) { fallbackRole(of: $0, in: t, scorer: nil) }
        }
        var doc = Document(path: path, format: .html, blocks: ExtractionRules.droppingTrailingHeadings(ExtractionRules.cutAtRelatedHeading(collector.blocks)),
                           encoding: decoded.encoding, encodingSource: decoded.source)
        doc.invalidBytes = decoded.invalidBytes
        doc.firstInvalidByte = decoded.firstInvalidByte
        // libxml2 2.9 predates HTML5 and calls <nav>, <footer>, <main> "invalid": not worth a warning.
        doc.warnings = problems.filter { !($0.message.hasPrefix("Tag ") && $0.message.hasSuffix(" invalid")) }
            .map { "\(path):\($0.line):\($0.column): HTML parser recovered: \($0.message)" }
        if doc.blocks.isEmpty {
            let detail = problems.first.map { "HTML parser: \($0.message) at line \($0.line)" } ?? "page has no main text"
            throw .noText(path: path, detail: detail)
        }
        readMetadata(t, head: head, body: body, into: &doc)
        let fromText = doc.date == nil || doc.date?.source.hasPrefix("text pattern") == true
        let ids = Set(main)
        let mainFound = !(main.count == 1 && main[0] == body)
        if fromText {
            if let (d, _) = PageDates.best(t, body: body, mainIDs: ids, mainFound: mainFound) {
                doc.date = d
            } else if let url = doc.url?.value, let d = PageDates.fromURL(url) {
                doc.date = Field(d, source: "URL path")
            }
        } else if MetadataRules.documentDateLabels.contains(where: { contains(decoded.text, $0) }),
                  let (d, documentLabel) = PageDates.best(t, body: body, mainIDs: ids, mainFound: mainFound), documentLabel {
            // Rule "document-date-label": a policy document's own date (成文日期) beats the web
            // page's publication metadata.
            doc.date = d
        }
        return doc
    }

    /// Whether `text` holds `needle`: memchr for the first byte, then a compare (Foundation's
    /// `contains` and a plain loop were both visible in profiles; this runs on every page).
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { t in
            needle.withUTF8 { n in
                guard let base = t.baseAddress, let nBase = n.baseAddress, n.count > 0, t.count >= n.count else { return false }
                var p = UnsafeRawPointer(base)
                let end = UnsafeRawPointer(base + (t.count - n.count + 1))
                while p < end, let hit = memchr(p, Int32(n[0]), end - p) {
                    if memcmp(hit, nBase, n.count) == 0 { return true }
                    p = UnsafeRawPointer(hit) + 1
                }
                return false
            }
        }
    }

    /// Rules "link-dense-container" and "short-link-dense-block": see `ExtractionRules.Scoring`.
    static let conditionallyCleaned: Set<String> = ["div", "ul", "ol", "dl", "table", "section", "form", "p", "span", "li", "center", "font"]

    static func role(of e: Int, in t: PageTree, scorer: ContentScorer) -> BlockCollector.Role {
        if scorer.isDropped(e) { return .skip }
        let info = t.info(e)
        if info.conditionallyCleaned {
            let ld = scorer.linkDensity(e), len = scorer.textLength[e]
            let weight = scorer.classWeight(e)
            // Rule "sentence-like-list" (`ExtractionRules.Recall`) keeps what the rules below
            // would drop; asked only then (it reads the items' text).
            let dropped = { !isSentenceList(e, in: t, scorer: scorer) }
            if weight < 0 && len < ExtractionRules.Scoring.shortBlockLength * 5 && dropped() { return .skip }
            // Link density alone never drops a paragraph that reads as a sentence (rule
            // "linked-sentence-paragraph"); a boilerplate class still does (above).
            let linkDense = { dropped() && !isLinkedSentenceParagraph(e, in: t, scorer: scorer) }
            let short = len < ExtractionRules.Scoring.shortBlockLength
            if ld > ExtractionRules.Scoring.maxLinkDensity || (weight <= 0 && ld > ExtractionRules.Scoring.maxLinkDensityUnmarked) {
                if !holdsProse(e, in: t, scorer: scorer) && !(short && holdsPostText(e, in: t, scorer: scorer)) && linkDense() { return .skip }
            }
            if short && ld > ExtractionRules.Scoring.maxShortLinkDensity
                && !holdsPostText(e, in: t, scorer: scorer) && linkDense() { return .skip }
        }
        // Rule "link-only-list-item": a list item whose whole text is one link is navigation.
        if t.tag(e) == TagTable.li, isLinkOnly(t, e) { return .skip }
        if let kind = info.block { return .block(kind) }
        if t.tag(e) == TagTable.td || t.tag(e) == TagTable.th { return .cell }
        return .inline
    }

    /// Rule "prose-survives-links": a container holding `Scoring.minProseParagraphs` <p>
    /// paragraphs that read as prose (longer than `siblingParagraphLength`, link density below
    /// `siblingParagraphLinkDensity`) is an article body whose links sit in a few paragraphs
    /// (hover cards, inline teasers), not navigation: link density alone does not drop it.
    static func holdsProse(_ e: Int, in t: PageTree, scorer: ContentScorer) -> Bool {
        var prose = 0
        for c in (e + 1)..<max(e + 1, t.end(e)) where t.tag(c) == TagTable.p && !scorer.isUnderSkipped(c) {
            if scorer.textLength[c] > ExtractionRules.Scoring.siblingParagraphLength
                && scorer.linkDensity(c) < ExtractionRules.Scoring.siblingParagraphLinkDensity {
                prose += 1
                if prose >= ExtractionRules.Scoring.minProseParagraphs { return true }
            }
        }
        return false
    }

    /// Rule "json-ld-date": schema.org datePublished in a JSON-LD script.
    static func jsonLDDate(_ t: PageTree) -> Field? {
        for script in t.descendants(0, tag: TagTable.script) where t.attribute(script, "type", isLowercased: "application/ld+json") {
            let text = t.textContent(script)
            for key in ["\"datePublished\"", "\"dateCreated\""] {
                guard let r = text.range(of: key) else { continue }
                if let d = DateParser.firstDate(in: String(text[r.upperBound...].prefix(60))) {
                    return Field(d, source: "JSON-LD \(key.dropFirst().dropLast())")
                }
            }
        }
        return nil
    }

    static func fallbackRole(of e: Int, in t: PageTree, scorer: ContentScorer?) -> BlockCollector.Role {
        if let scorer { if scorer.isDropped(e) { return .skip } } else if ContentScorer.isUnlikelyByTag(t, e) { return .skip }
        if let kind = t.info(e).block { return .block(kind) }
        if t.tag(e) == TagTable.td || t.tag(e) == TagTable.th { return .cell }
        return .inline
    }

    /// Whether all of an element's visible characters are link text (and there are some).
    static func isLinkOnly(_ t: PageTree, _ e: Int) -> Bool {
        var linkText = 0, otherText = 0
        // Open links as (end of subtree): a text node is link text while inside one.
        var linkEnds: [Int] = []
        t.bytes.withUnsafeBufferPointer { b in
            for j in (e + 1)..<max(e + 1, t.end(e)) {
                while let last = linkEnds.last, j >= last { linkEnds.removeLast() }
                if !t.isText(j) {
                    if t.tag(j) == TagTable.a { linkEnds.append(t.end(j)) }
                    continue
                }
                var n = 0, i = t.textRange(j).lowerBound
                let stop = t.textRange(j).upperBound
                while i < stop {
                    let c = b[i]
                    if c < 0x80 {
                        i += 1
                        if !(c == 0x20 || (c >= 0x09 && c <= 0x0D)) { n += 1 }
                        continue
                    }
                    let (v, l) = TextCleanup.decodeScalar(b, i)
                    i += l
                    if let s = Unicode.Scalar(v), !s.properties.isWhitespace { n += 1 }
                }
                if linkEnds.isEmpty { otherText += n } else { linkText += n }
            }
        }
        return linkText > 0 && otherText == 0
    }

    static func readMetadata(_ t: PageTree, head: Int?, body: Int, into doc: inout Document) {
        var metas: [String: String] = [:]
        for m in t.descendants(head ?? 0, tag: TagTable.meta) {
            guard let key = (t.attribute(m, "name") ?? t.attribute(m, "property") ?? t.attribute(m, "itemprop"))?.lowercased(),
                  let content = t.attribute(m, "content")?.trimmingWhitespace, !content.isEmpty else { continue }
            if metas[key] == nil { metas[key] = content }
        }
        if let key = ExtractionRules.titleMeta.first(where: { metas[$0] != nil }) {
            doc.title = Field(metas[key]!, source: "meta \(key)")
        } else if let head, let title = t.firstDescendant(head, tag: TagTable.title),
                  case let text = TextCleanup.collapse(t.textContent(title)), !text.isEmpty {
            doc.title = Field(text, source: "title element")
        } else if let h1 = t.firstDescendant(body, tag: TagTable.h1) {
            doc.title = Field(TextCleanup.collapse(t.textContent(h1)), source: "first h1")
        }
        for key in ExtractionRules.dateMeta {
            if let v = metas[key], let d = DateParser.firstDate(in: v) {
                doc.date = Field(d, source: "meta \(key)")
                break
            }
        }
        if doc.date == nil, let time = t.firstDescendant(body, tag: TagTable.time),
           let d = DateParser.firstDate(in: t.attribute(time, "datetime") ?? t.textContent(time)) {
            doc.date = Field(d, source: "time element")
        }
        if doc.date == nil, let d = jsonLDDate(t) {
            doc.date = d
        }
        if let link = t.descendants(0, tag: TagTable.link).first(where: { t.attribute($0, "rel", isLowercased: "canonical") }),
           let href = t.attribute(link, "href"), !href.isEmpty {
            doc.url = Field(href, source: "link rel=canonical")
        } else if let u = metas["og:url"] {
            doc.url = Field(u, source: "meta og:url")
        } else if let id = t.attribute(0, "id"), id.hasPrefix("http") {
            // Saved pages wrapped in <text id="URL"> (zh-cwced's crawl format).
            doc.url = Field(id, source: "root id")
        }
        if let key = ExtractionRules.issuerMeta.first(where: { metas[$0] != nil }) {
            doc.issuer = Field(metas[key]!, source: "meta \(key)")
        }
        if let lang = t.attribute(0, "lang") ?? t.attribute(0, "xml:lang"), !lang.isEmpty {
            doc.language = Field(LanguageGuess.primary(lang), source: "html lang")
        } else if let lang = metas["content-language"] ?? metas["language"] {
            doc.language = Field(LanguageGuess.primary(lang), source: "meta content-language")
        }
    }
}
