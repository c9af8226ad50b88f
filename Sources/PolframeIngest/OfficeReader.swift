/// Reads word-processor packages: DOCX (Office Open XML) and ODT (OpenDocument text). Both are
/// zip files of XML parts: libzip takes the parts out (`ZipArchive`), libxml2 parses them.
enum OfficeReader {
    /// How one package format lays out its parts and elements (local names, no prefixes).
    struct Layout: Sendable {
        var name: String
        var format: DocumentFormat
        var body: String
        var notes: String?
        var meta: String
        var paragraph: Set<String>
        var heading: Set<String>
        var listItem: Set<String>
        var table: Set<String>
        var row: String
        var cell: String
        /// Elements whose text is the paragraph's text; nil: every text node counts (ODT).
        var text: Set<String>?
        /// Elements that stand for a space (tabs, line breaks, ODT's <text:s/>).
        var space: Set<String>
        /// Elements whose text is not the document's (deleted revisions, field codes, note marks).
        var skip: Set<String>
        /// Footnote and endnote elements inside a paragraph (their text goes after the body).
        var note: Set<String>
        /// Metadata elements, in order of preference.
        var title: [String], created: [String], modified: [String], creator: [String], language: [String]
    }

    static let docx = Layout(
        name: "DOCX", format: .docx, body: "word/document.xml", notes: "word/footnotes.xml", meta: "docProps/core.xml",
        paragraph: ["p"], heading: [], listItem: [], table: ["tbl"], row: "tr", cell: "tc",
        text: ["t"], space: ["tab", "br", "cr"], skip: ["delText", "instrText", "pPr", "rPr", "footnoteReference", "endnoteReference"],
        note: [],
        title: ["title"], created: ["created"], modified: ["modified"], creator: ["creator"], language: ["language"])

    static let odt = Layout(
        name: "ODT", format: .odt, body: "content.xml", notes: nil, meta: "meta.xml",
        paragraph: ["p"], heading: ["h"], listItem: ["list-item"], table: ["table"], row: "table-row", cell: "table-cell",
        text: nil, space: ["s", "tab", "line-break"], skip: ["note-citation", "tracked-changes", "sequence-decls", "annotation", "bookmark-ref"],
        note: ["note"],
        title: ["title"], created: ["creation-date"], modified: ["date"], creator: ["initial-creator", "creator"], language: ["language"])

    /// DOCX heading styles by their style id prefix (Word's built-in ids, in any UI language).
    static let headingStyles = ["heading", "title", "subtitle"]

    static func read(_ bytes: [UInt8], path: String, layout: Layout, limit: Int) throws(IngestError) -> Document {
        let parts = try ZipArchive.entries([layout.body, layout.meta] + (layout.notes.map { [$0] } ?? []), of: bytes, path: path, limit: limit)
        guard let body = parts[layout.body] else {
            throw .unreadable(path: path, detail: "\(layout.name) package without \(layout.body)")
        }
        let root = try parse(body, path: path, part: layout.body)
        var walker = Walker(layout: layout)
        walker.collect(root)
        if let notesPart = layout.notes, let bytes = parts[notesPart] {
            let notes = try parse(bytes, path: path, part: notesPart)
            for case .element(let note) in notes.children where note.name == "footnote" {
                // Word's separator "notes" have a type; real footnotes have none (or "normal").
                if let type = note.attribute("type"), type != "normal" { continue }
                for p in note.descendants(where: { $0.name == "p" }) {
                    let t = TextCleanup.collapse(walker.inline(p))
                    if !t.isEmpty { walker.notes.append(t) }
                }
            }
        }
        var doc = Document(path: path, format: layout.format, blocks: walker.blocks + walker.notes.map { Block(.paragraph, $0) },
                           encoding: "UTF-8", encodingSource: "\(layout.name) package (XML)")
        if doc.blocks.isEmpty { throw .noText(path: path, detail: "\(layout.name) without text") }
        if let metaBytes = parts[layout.meta], let meta = try? parse(metaBytes, path: path, part: layout.meta) {
            describe(&doc, meta: meta, layout: layout)
        }
        if doc.title == nil, let h = doc.blocks.first(where: { $0.kind == .heading }), h.text.count <= 200 {
            doc.title = Field(h.text, source: "first heading")
        }
        return doc
    }

    private static func parse(_ bytes: [UInt8], path: String, part: String) throws(IngestError) -> MarkupElement {
        let name = "\(path) (\(part))"
        let decoded = try TextDecoder.decode(bytes, path: name, lookForDeclaration: true)
        let (root, problems) = MarkupParser.parseXML(decoded.text, path: name)
        guard let root else {
            let p = problems.first
            throw .malformed(path: name, line: p?.line ?? 0, column: p?.column ?? 0, detail: p?.message ?? "not well-formed")
        }
        return root
    }

    /// Title, date, issuer and language from core.xml / meta.xml, each with the element it came from.
    static func describe(_ doc: inout Document, meta: MarkupElement, layout: Layout) {
        func value(_ names: [String]) -> (String, String)? {
            for n in names {
                if let e = meta.firstDescendant(where: { $0.name == n }) {
                    let v = TextCleanup.collapse(e.textContent)
                    if !v.isEmpty { return (v, n) }
                }
            }
            return nil
        }
        if let (t, n) = value(layout.title) { doc.title = Field(t, source: "\(layout.name) metadata <\(n)>") }
        if let d = DateParser.firstDate(in: doc.blocks.prefix(6).map(\.text).joined(separator: "\n")) {
            doc.date = Field(d, source: "text pattern near the top")
        } else if let (d, n) = value(layout.created), let day = DateParser.partial(String(d.prefix(10))) {
            doc.date = Field(day, source: "\(layout.name) metadata <\(n)> (low confidence: when the file was made)")
        } else if let (d, n) = value(layout.modified), let day = DateParser.partial(String(d.prefix(10))) {
            doc.date = Field(day, source: "\(layout.name) metadata <\(n)> (low confidence: when the file was last changed)")
        }
        if let (c, n) = value(layout.creator) { doc.issuer = Field(c, source: "\(layout.name) metadata <\(n)>") }
        if let (l, n) = value(layout.language) {
            // The metadata language is the editor's default as often as the text's: where the
            // scripts of the text say otherwise, the scripts win (and the disagreement is logged).
            let declared = LanguageGuess.primary(l)
            if let seen = LanguageGuess.fromScripts(doc.blocks.lazy.map(\.text)), seen != declared {
                doc.warnings.append("metadata <\(n)> says \(l) but the text's scripts say \(seen): the scripts win")
            } else {
                doc.language = Field(declared, source: "\(layout.name) metadata <\(n)>")
            }
        }
    }

    /// Walks the body in document order, turning paragraphs, headings, list items and table
    /// rows into blocks; notes met inside paragraphs are kept for the end.
    struct Walker {
        let layout: Layout
        var blocks: [Block] = []
        var notes: [String] = []

        mutating func collect(_ e: MarkupElement) {
            for case .element(let child) in e.children {
                let name = child.name
                if layout.skip.contains(name) { continue }
                if layout.table.contains(name) {
                    for row in outside(nested: child, named: layout.row) {
                        let cells = outside(nested: row, named: layout.cell).map { cell in
                            TextCleanup.collapse(cell.descendants(where: { layout.paragraph.contains($0.name) || layout.heading.contains($0.name) })
                                .map { inline($0) }.joined(separator: " "))
                        }
                        let text = cells.filter { !$0.isEmpty }.joined(separator: " ")
                        if !text.isEmpty { blocks.append(Block(.tableRow, text)) }
                    }
                } else if layout.paragraph.contains(name) || layout.heading.contains(name) {
                    let text = TextCleanup.collapse(inline(child))
                    if text.isEmpty { continue }
                    blocks.append(Block(kind(of: child, parent: e), text))
                } else {
                    collect(child)
                }
            }
        }

        /// Elements named `name` below `e` but not inside a nested table: a table inside a cell
        /// is that cell's text, not rows of its own (which would count its words twice).
        func outside(nested e: MarkupElement, named name: String) -> [MarkupElement] {
            var found: [MarkupElement] = []
            for case .element(let c) in e.children {
                if c.name == name { found.append(c) } else if !layout.table.contains(c.name) { found += outside(nested: c, named: name) }
            }
            return found
        }

        private func kind(of p: MarkupElement, parent: MarkupElement) -> Block.Kind {
            if layout.heading.contains(p.name) { return .heading }
            if layout.listItem.contains(parent.name) { return .listItem }
            if layout.format == .docx, let props = p.firstDescendant(where: { $0.name == "pPr" }) {
                if let style = props.firstDescendant(where: { $0.name == "pStyle" })?.attribute("val")?.lowercased(),
                   OfficeReader.headingStyles.contains(where: { style.hasPrefix($0) }) {
                    return .heading
                }
                if props.firstDescendant(where: { $0.name == "numPr" }) != nil { return .listItem }
            }
            return .paragraph
        }

        /// A paragraph's text. Notes inside it are taken out and kept in `notes`.
        mutating func inline(_ p: MarkupElement) -> String {
            var out = ""
            func walk(_ e: MarkupElement, inText: Bool) {
                for child in e.children {
                    switch child {
                    case .text(let t):
                        if inText || layout.text == nil { out += t }
                    case .element(let c):
                        if layout.skip.contains(c.name) { continue }
                        if layout.note.contains(c.name) {
                            let body = c.descendants(where: { layout.paragraph.contains($0.name) })
                            var noteText = ""
                            for bp in body { noteText += " " + bp.textContent }
                            let t = TextCleanup.collapse(noteText)
                            if !t.isEmpty { notes.append(t) }
                            continue
                        }
                        if layout.space.contains(c.name) {
                            let n = Int(c.attribute("c") ?? "") ?? 1
                            out += String(repeating: " ", count: max(1, min(n, 100)))
                            continue
                        }
                        walk(c, inText: inText || (layout.text?.contains(c.name) ?? false))
                    }
                }
            }
            walk(p, inText: false)
            return out
        }
    }
}
