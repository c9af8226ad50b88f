/// Reads a generic XML document: each element without text siblings is a block; an element in
/// running text (mixed content such as `<p>加强<b>安全</b>评估。</p>`, and everything inside it)
/// is inline, its text part of the paragraph around it. Title, date, issuer and language come
/// from conventionally named elements and attributes.
enum XMLReader {
    static let titleElements: Set<String> = ["title", "ttl", "headline", "heading", "doctitle"]
    static let dateElements: Set<String> = ["date", "pubdate", "issued", "published", "effectivedate", "dateissued"]
    static let issuerElements: Set<String> = ["issuer", "agency", "publisher", "author", "creator"]

    static func read(_ decoded: DecodedText, path: String) throws(IngestError) -> Document {
        let (root, problems) = MarkupParser.parseXML(decoded.text, path: path)
        guard let root else {
            let p = problems.first
            throw .malformed(path: path, line: p?.line ?? 0, column: p?.column ?? 0, detail: p?.message ?? "not well-formed")
        }
        var collector = BlockCollector()
        collector.collect(root) { element, inText in
            let name = element.name.lowercased()
            if titleElements.contains(name) || dateElements.contains(name) || issuerElements.contains(name) { return .skip }
            if inText { return .inline }
            return .block(name.hasPrefix("h") && name.count == 2 ? .heading : (name == "li" ? .listItem : .paragraph))
        }
        var doc = Document(path: path, format: .xml, blocks: collector.blocks,
                           encoding: decoded.encoding, encodingSource: decoded.source)
        doc.invalidBytes = decoded.invalidBytes
        doc.firstInvalidByte = decoded.firstInvalidByte
        if let t = root.descendants(where: { titleElements.contains($0.name.lowercased()) }).first {
            let title = TextCleanup.collapse(t.textContent)
            if !title.isEmpty {
                doc.title = Field(title, source: "element <\(t.name)>")
                doc.blocks.insert(Block(.heading, title), at: 0)
            }
        }
        if doc.blocks.isEmpty { throw .noText(path: path, detail: "XML has no text content") }
        for e in root.descendants(where: { dateElements.contains($0.name.lowercased()) }) {
            if let d = DateParser.firstDate(in: e.textContent) ?? DateParser.partial(e.textContent.trimmingWhitespace) {
                doc.date = Field(d, source: "element <\(e.name)>")
                break
            }
        }
        if let e = root.descendants(where: { issuerElements.contains($0.name.lowercased()) }).first {
            doc.issuer = Field(TextCleanup.collapse(e.textContent), source: "element <\(e.name)>")
        }
        if let lang = root.attribute("lang") {
            doc.language = Field(LanguageGuess.primary(lang), source: "xml:lang")
        }
        return doc
    }
}
