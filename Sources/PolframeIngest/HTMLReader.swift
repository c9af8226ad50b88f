#if canImport(Glibc)
import Glibc
#endif
/// Reads an HTML page: main text without navigation and boilerplate, and its metadata.
enum HTMLReader {
    static func read(_ decoded: DecodedText, path: String) throws(IngestError) -> Document {
        let (root, problems) = MarkupParser.parseHTML(decoded.text, path: path)
        guard let root else {
            let p = problems.first
            throw .malformed(path: path, line: p?.line ?? 0, column: p?.column ?? 0, detail: p?.message ?? "no document")
        }
        let head = root.firstDescendant { $0.name == "head" }
        let body = root.firstDescendant { $0.name == "body" } ?? root
        let (main, scorer) = ContentScorer.mainElements(root: root, body: body)
        var collector = BlockCollector()
        for element in main {
            collector.collectIncludingSelf(element) { element, _ in role(of: element, scorer: scorer) }
        }
        // Rule "fallback-when-empty": when the cleaning left nothing, take the chosen containers
        // without link-density cleaning, then the whole body with only tag rules.
        if collector.blocks.isEmpty {
            for element in main {
                collector.collectIncludingSelf(element) { element, _ in fallbackRole(of: element, scorer: scorer) }
            }
        }
        if collector.blocks.isEmpty {
            collector.collectIncludingSelf(body) { element, _ in fallbackRole(of: element, scorer: nil) }
        }
        var doc = Document(path: path, format: .html, blocks: ExtractionRules.cutAtRelatedHeading(collector.blocks),
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
        readMetadata(root: root, head: head, body: body, into: &doc)
        let fromText = doc.date == nil || doc.date?.source.hasPrefix("text pattern") == true
        let ids = Set(main.map(\.id))
        let mainFound = !(main.count == 1 && main[0].id == body.id)
        if fromText {
            if let (d, _) = PageDates.best(body: body, mainIDs: ids, mainFound: mainFound) {
                doc.date = d
            } else if let url = doc.url?.value, let d = PageDates.fromURL(url) {
                doc.date = Field(d, source: "URL path")
            }
        } else if MetadataRules.documentDateLabels.contains(where: { contains(decoded.text, $0) }),
                  let (d, documentLabel) = PageDates.best(body: body, mainIDs: ids, mainFound: mainFound), documentLabel {
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

    /// Rule "main-container": the largest <article> or <main> (or role=main) holds the text
    /// when it holds at least a quarter of the body's text.
    static func mainContainer(_ body: MarkupElement) -> MarkupElement? {
        let candidates = body.descendants {
            ExtractionRules.mainContainers.contains($0.name) || $0.attribute("role") == "main"
        }
        guard let best = candidates.max(by: { $0.textContent.count < $1.textContent.count }) else { return nil }
        return best.textContent.count * 4 >= body.textContent.count ? best : nil
    }

    /// Rules "link-dense-container" and "short-link-dense-block": see `ExtractionRules.Scoring`.
    static let conditionallyCleaned: Set<String> = ["div", "ul", "ol", "dl", "table", "section", "form", "p", "span", "li", "center", "font"]

    static func role(of e: MarkupElement, scorer: ContentScorer) -> BlockCollector.Role {
        if scorer.isDropped(e) { return .skip }
        if e.tagInfo.conditionallyCleaned, e.id < scorer.textLength.count {
            let ld = scorer.linkDensity(e.id), len = scorer.textLength[e.id]
            let weight = scorer.classWeight(e.id)
            if weight < 0 && len < ExtractionRules.Scoring.shortBlockLength * 5 { return .skip }
            if ld > ExtractionRules.Scoring.maxLinkDensity { return .skip }
            if weight <= 0 && ld > ExtractionRules.Scoring.maxLinkDensityUnmarked { return .skip }
            if len < ExtractionRules.Scoring.shortBlockLength && ld > ExtractionRules.Scoring.maxShortLinkDensity { return .skip }
        }
        // Rule "link-only-list-item": a list item whose whole text is one link is navigation.
        if e.name == "li", isLinkOnly(e) { return .skip }
        if let kind = e.tagInfo.block { return .block(kind) }
        if e.name == "td" || e.name == "th" { return .cell }
        return .inline
    }

    /// Rule "json-ld-date": schema.org datePublished in a JSON-LD script.
    static func jsonLDDate(_ root: MarkupElement) -> Field? {
        for script in root.descendants(where: { $0.name == "script" && $0.attribute("type")?.lowercased() == "application/ld+json" }) {
            let t = script.textContent
            for key in ["\"datePublished\"", "\"dateCreated\""] {
                guard let r = t.range(of: key) else { continue }
                if let d = DateParser.firstDate(in: String(t[r.upperBound...].prefix(60))) {
                    return Field(d, source: "JSON-LD \(key.dropFirst().dropLast())")
                }
            }
        }
        return nil
    }

    static func fallbackRole(of e: MarkupElement, scorer: ContentScorer?) -> BlockCollector.Role {
        if let scorer { if scorer.isDropped(e) { return .skip } } else if ContentScorer.isUnlikelyByTag(e) { return .skip }
        if let kind = e.tagInfo.block { return .block(kind) }
        if e.name == "td" || e.name == "th" { return .cell }
        return .inline
    }

    static func isLinkOnly(_ e: MarkupElement) -> Bool {
        var linkText = 0, otherText = 0
        func walk(_ x: MarkupElement, inLink: Bool) {
            for c in x.children {
                switch c {
                case .text(let t):
                    let n = t.unicodeScalars.filter { !$0.properties.isWhitespace }.count
                    if inLink { linkText += n } else { otherText += n }
                case .element(let child): walk(child, inLink: inLink || child.name == "a")
                }
            }
        }
        walk(e, inLink: false)
        return linkText > 0 && otherText == 0
    }

    static func readMetadata(root: MarkupElement, head: MarkupElement?, body: MarkupElement, into doc: inout Document) {
        var metas: [String: String] = [:]
        for m in (head ?? root).descendants(where: { $0.name == "meta" }) {
            guard let key = (m.attribute("name") ?? m.attribute("property") ?? m.attribute("itemprop"))?.lowercased(),
                  let content = m.attribute("content")?.trimmingWhitespace, !content.isEmpty else { continue }
            if metas[key] == nil { metas[key] = content }
        }
        if let key = ExtractionRules.titleMeta.first(where: { metas[$0] != nil }) {
            doc.title = Field(metas[key]!, source: "meta \(key)")
        } else if let t = head?.firstDescendant(where: { $0.name == "title" })?.textContent, !TextCleanup.collapse(t).isEmpty {
            doc.title = Field(TextCleanup.collapse(t), source: "title element")
        } else if let h1 = body.firstDescendant(where: { $0.name == "h1" }) {
            doc.title = Field(TextCleanup.collapse(h1.textContent), source: "first h1")
        }
        for key in ExtractionRules.dateMeta {
            if let v = metas[key], let d = DateParser.firstDate(in: v) {
                doc.date = Field(d, source: "meta \(key)")
                break
            }
        }
        if doc.date == nil, let t = body.firstDescendant(where: { $0.name == "time" }),
           let d = DateParser.firstDate(in: t.attribute("datetime") ?? t.textContent) {
            doc.date = Field(d, source: "time element")
        }
        if doc.date == nil, let d = jsonLDDate(root) {
            doc.date = d
        }
        if let href = root.firstDescendant(where: { $0.name == "link" && $0.attribute("rel")?.lowercased() == "canonical" })?.attribute("href"),
           !href.isEmpty {
            doc.url = Field(href, source: "link rel=canonical")
        } else if let u = metas["og:url"] {
            doc.url = Field(u, source: "meta og:url")
        } else if let id = root.attribute("id"), id.hasPrefix("http") {
            // Saved pages wrapped in <text id="URL"> (zh-cwced's crawl format).
            doc.url = Field(id, source: "root id")
        }
        if let key = ExtractionRules.issuerMeta.first(where: { metas[$0] != nil }) {
            doc.issuer = Field(metas[key]!, source: "meta \(key)")
        }
        if let lang = root.attribute("lang") ?? root.attribute("xml:lang"), !lang.isEmpty {
            doc.language = Field(LanguageGuess.primary(lang), source: "html lang")
        } else if let lang = metas["content-language"] ?? metas["language"] {
            doc.language = Field(LanguageGuess.primary(lang), source: "meta content-language")
        }
    }
}

extension String {
    func replacingSpaces() -> String { String(unicodeScalars.filter { $0 != " " }.map(Character.init)) }
}
