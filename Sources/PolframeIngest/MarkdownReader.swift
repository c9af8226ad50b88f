import Yams
import PolframeYAML

/// Reads Markdown with optional YAML front matter, and plain text. Both are split into blocks
/// at blank lines (LF or CR LF); lines inside a block are joined (without a space between Chinese
/// characters). The text is read as UTF-8 bytes by the scanners of `MarkdownLines` and `CleanupRules`.
enum MarkdownReader {
    static func read(_ decoded: DecodedText, path: String, markdown: Bool) throws(IngestError) -> Document {
        var text = Array(decoded.text.utf8)
        MarkdownBytes.normalizeLineEnds(&text)
        var front: FrontMatter?
        var body: [UInt8]
        if markdown, let split = MarkdownLines.frontMatter(text) {
            do {
                front = try FrontMatter(yaml: String(decoding: text[split.yaml], as: UTF8.self), keys: frontMatterKeys)
            } catch let error as YamlError {
                throw .malformed(path: path, line: error.line.map { $0 + 1 } ?? 1, column: error.column ?? 0,
                                 detail: "front matter: \(error.summary)")
            } catch let error as YAMLShapeError {
                // The front matter starts on the file's second line.
                throw .malformed(path: path, line: error.line + 1, column: error.column, detail: "front matter: \(error.message)")
            } catch {
                throw .malformed(path: path, line: 1, column: 0, detail: "front matter: \(error)")
            }
            body = Array(text[split.bodyStart...])
        } else {
            body = text
        }
        if markdown { body = stripHTMLComments(body) }
        body = CleanupRules.cutTrailer(body)

        var blocks: [Block] = []
        // The lines of the block being read, joined by line feeds.
        var current: [UInt8] = [], currentLines = 0
        var kind: Block.Kind = .paragraph
        // A form feed seen since the last block, and whether the current block began after one.
        var pageBreak = false, currentAfterBreak = false
        func append(_ b: [UInt8], _ r: Range<Int>) {
            if currentLines > 0 { current.append(0x0A) }
            current.append(contentsOf: b[r])
            currentLines += 1
        }
        func flush() {
            if currentLines > 0 {
                let cleaned = markdown ? CleanupRules.cleanMarkdownInline(current) : CleanupRules.cleanProse(current)
                let text = TextCleanup.collapse(bytes: cleaned)
                if !text.isEmpty && MarkdownBytes.hasLetterOrNumber(text) {
                    if currentAfterBreak, kind == .paragraph, let last = blocks.last, last.kind == .paragraph,
                       let end = last.text.last, !CleanupRules.paragraphClosers.contains(end),
                       let first = text.unicodeScalars.first, first.properties.isLowercase {
                        blocks[blocks.count - 1].text += " " + text
                    } else {
                        blocks.append(Block(kind, text))
                    }
                }
            }
            current.removeAll(keepingCapacity: true)
            currentLines = 0
            kind = .paragraph
            currentAfterBreak = false
        }
        var inFence = false
        var lineStart = 0
        while lineStart <= body.count {
            let (lineEnd, formFeed) = MarkdownBytes.lineEnd(body, from: lineStart)
            var b = body, line = lineStart..<lineEnd
            lineStart = lineEnd + 1
            if formFeed {
                pageBreak = true
                b = body[line].filter { $0 != 0x0C }
                line = 0..<b.count
            }
            let trimmed = MarkdownBytes.trim(b, line)
            let pageNumber = !trimmed.isEmpty && MarkdownLines.isPageNumber(b, line)
            if currentLines == 0 && !trimmed.isEmpty && !pageNumber {
                currentAfterBreak = pageBreak
                pageBreak = false
            }
            if markdown && MarkdownLines.isFence(b, trimmed) {
                flush()
                inFence.toggle()
                continue
            }
            if inFence { continue }
            if trimmed.isEmpty { flush(); continue }
            if pageNumber { continue }
            if markdown {
                if MarkdownLines.isSeparator(b, trimmed) { flush(); continue }
                if MarkdownLines.opens(b, trimmed, with: 0x23), let h = MarkdownLines.heading(b, trimmed) {
                    flush(); kind = .heading; append(b, h); flush(); continue
                }
                if MarkdownLines.mayBeListItem(b, trimmed), let li = MarkdownLines.listItem(b, line) {
                    flush(); kind = .listItem; append(b, li); continue
                }
                if MarkdownLines.opens(b, trimmed, with: 0x7C) {
                    flush(); kind = .tableRow
                    let row = MarkdownLines.tableRow(b, trimmed)
                    append(row, 0..<row.count)
                    flush(); continue
                }
                if MarkdownLines.opens(b, trimmed, with: 0x3E) { append(b, MarkdownLines.quoted(b, trimmed)); continue }
            } else if MarkdownLines.startsWithBullet(b, trimmed), let li = MarkdownLines.bulletItem(b, line) {
                flush(); kind = .listItem; append(b, li); continue
            }
            append(b, line)
        }
        flush()

        var doc = Document(path: path, format: markdown ? .markdown : .text, blocks: blocks,
                           encoding: decoded.encoding, encodingSource: decoded.source)
        doc.invalidBytes = decoded.invalidBytes
        doc.firstInvalidByte = decoded.firstInvalidByte
        guard !blocks.isEmpty else { throw .noText(path: path, detail: "no prose after cleanup") }
        if let front { applyFrontMatter(front, to: &doc) }
        if doc.title == nil, let h = blocks.first(where: { $0.kind == .heading }) {
            doc.title = Field(h.text, source: "first heading")
        }
        if doc.date == nil, let d = DateParser.firstDate(in: blocks.prefix(6).map(\.text).joined(separator: "\n")) {
            doc.date = Field(d, source: "text pattern near the top")
        }
        return doc
    }

    /// The text without HTML comments (an unclosed comment runs to the end).
    static func stripHTMLComments(_ b: [UInt8]) -> [UInt8] {
        guard var open = MarkdownBytes.find(commentOpen, in: b, from: 0, to: b.count) else { return b }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var rest = 0
        while true {
            out.append(contentsOf: b[rest..<open])
            guard let close = MarkdownBytes.find(commentClose, in: b, from: open + 4, to: b.count) else { return out }
            rest = close + 3
            guard let next = MarkdownBytes.find(commentOpen, in: b, from: rest, to: b.count) else { break }
            open = next
        }
        out.append(contentsOf: b[rest...])
        return out
    }

    static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)

    /// The front matter keys of each field, in order of preference.
    static let titleKeys = ["title"], dateKeys = ["date", "published_time", "published", "issued"],
               issuerKeys = ["issuer", "publisher", "author"], languageKeys = ["language", "lang"],
               urlKeys = ["source_url", "url"]
    static let frontMatterKeys = Set(titleKeys + dateKeys + issuerKeys + languageKeys + urlKeys)

    static func applyFrontMatter(_ front: FrontMatter, to doc: inout Document) {
        func string(_ keys: [String]) -> (String, String)? {
            for k in keys {
                if let v = front[k] {
                    let s = TextCleanup.collapse("\(v)")
                    if !s.isEmpty { return (s, k) }
                }
            }
            return nil
        }
        if let (t, k) = string(titleKeys) { doc.title = Field(t, source: "front matter \(k)") }
        for k in dateKeys {
            if let v = front[k] {
                let s = "\(v)"
                if let d = DateParser.firstDate(in: s) ?? DateParser.partial(s.trimmingWhitespace) {
                    doc.date = Field(d, source: "front matter \(k)")
                    break
                }
            }
        }
        if let (v, k) = string(issuerKeys) { doc.issuer = Field(v, source: "front matter \(k)") }
        if let (v, k) = string(languageKeys) { doc.language = Field(LanguageGuess.primary(v), source: "front matter \(k)") }
        if let (v, k) = string(urlKeys) { doc.url = Field(v, source: "front matter \(k)") }
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }
    var column: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.column
        case .duplicatedKeysInMapping(_, let context): return context.mark.column
        default: return nil
        }
    }
    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .duplicatedKeysInMapping(let keys, _):
            return "duplicate key " + keys.map { "'\($0)'" }.joined(separator: ", ") + " (the first one is here)"
        default: return "\(self)"
        }
    }
}
