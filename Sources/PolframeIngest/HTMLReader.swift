/// Reads an HTML page: main text without navigation and boilerplate, and its metadata.
enum HTMLReader {
    static func read(_ decoded: DecodedText, path: String) throws(IngestError) -> Document {
        let (root, problems) = MarkupParser.parseHTML(decoded.text, path: path)
        guard let root else {
            let p = problems.first
            throw .malformed(path: path, line: p?.line ?? 0, column: p?.column ?? 0, detail: p?.message ?? "no document")
        }
        let head = root.descendants { $0.name == "head" }.first
        let body = root.descendants { $0.name == "body" }.first ?? root
        let container = mainContainer(body) ?? body

        var collector = BlockCollector()
        collector.collect(container) { element, _ in role(of: element) }
        var doc = Document(path: path, format: .html, blocks: collector.blocks,
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
        return doc
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

    static func role(of e: MarkupElement) -> BlockCollector.Role {
        if ExtractionRules.droppedElements.contains(e.name) { return .skip }
        if e.attribute("hidden") != nil || e.attribute("aria-hidden") == "true" { return .skip }
        if let style = e.attribute("style")?.lowercased().replacingSpaces(), style.contains("display:none") { return .skip }
        if let role = e.attribute("role"), ["navigation", "banner", "contentinfo", "complementary", "search"].contains(role) {
            return .skip
        }
        for key in ["class", "id"] {
            if let v = e.attribute(key), ExtractionRules.isBoilerplate(v) { return .skip }
        }
        // Rule "link-only-list-item": a list item whose whole text is one link is navigation.
        if e.name == "li", isLinkOnly(e) { return .skip }
        if let kind = ExtractionRules.blockElements[e.name] { return .block(kind) }
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
        } else if let t = head?.descendants(where: { $0.name == "title" }).first?.textContent, !TextCleanup.collapse(t).isEmpty {
            doc.title = Field(TextCleanup.collapse(t), source: "title element")
        } else if let h1 = body.descendants(where: { $0.name == "h1" }).first {
            doc.title = Field(TextCleanup.collapse(h1.textContent), source: "first h1")
        }
        for key in ExtractionRules.dateMeta {
            if let v = metas[key], let d = DateParser.firstDate(in: v) {
                doc.date = Field(d, source: "meta \(key)")
                break
            }
        }
        if doc.date == nil, let t = body.descendants(where: { $0.name == "time" }).first,
           let d = DateParser.firstDate(in: t.attribute("datetime") ?? t.textContent) {
            doc.date = Field(d, source: "time element")
        }
        if doc.date == nil, let d = DateParser.firstDate(in: doc.blocks.prefix(8).map(\.text).joined(separator: "\n")) {
            doc.date = Field(d, source: "text pattern near the top")
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
