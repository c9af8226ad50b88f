import Yams

/// Reads Markdown with optional YAML front matter, and plain text. Both are split into blocks
/// at blank lines; lines inside a block are joined (without a space between Chinese characters).
enum MarkdownReader {
    static func read(_ decoded: DecodedText, path: String, markdown: Bool) throws(IngestError) -> Document {
        var body = decoded.text
        var front: [String: Any] = [:]
        var bodyLineOffset = 0
        if markdown, let (yaml, rest, lines) = splitFrontMatter(body) {
            do {
                front = (try Yams.load(yaml: yaml) as? [String: Any]) ?? [:]
            } catch let error as YamlError {
                throw .malformed(path: path, line: error.line.map { $0 + 1 } ?? 1, column: error.column ?? 0,
                                 detail: "front matter: \(error.summary)")
            } catch {
                throw .malformed(path: path, line: 1, column: 0, detail: "front matter: \(error)")
            }
            body = rest
            bodyLineOffset = lines
        }
        _ = bodyLineOffset
        if markdown { body = stripHTMLComments(body) }
        body = CleanupRules.cutTrailer(body)

        var blocks: [Block] = []
        var current: [String] = []
        var kind: Block.Kind = .paragraph
        // A form feed seen since the last block, and whether the current block began after one.
        var pageBreak = false, currentAfterBreak = false
        func flush() {
            if !current.isEmpty {
                let joined = current.joined(separator: "\n")
                let text = TextCleanup.collapse(markdown ? CleanupRules.cleanMarkdownInline(joined) : CleanupRules.cleanProse(joined))
                if !text.isEmpty && text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                    if currentAfterBreak, kind == .paragraph, let last = blocks.last, last.kind == .paragraph,
                       let end = last.text.last, !CleanupRules.paragraphClosers.contains(end),
                       let first = text.unicodeScalars.first, first.properties.isLowercase {
                        blocks[blocks.count - 1].text += " " + text
                    } else {
                        blocks.append(Block(kind, text))
                    }
                }
            }
            current = []
            kind = .paragraph
            currentAfterBreak = false
        }
        var inFence = false
        for rawLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            if line.contains("\u{0C}") {
                pageBreak = true
                line.removeAll { $0 == "\u{0C}" }
            }
            if current.isEmpty && !line.trimmingWhitespace.isEmpty && !CleanupRules.isPageNumberLine(line) {
                currentAfterBreak = pageBreak
                pageBreak = false
            }
            let trimmed = line.trimmingWhitespace
            if markdown && (trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")) {
                flush()
                inFence.toggle()
                continue
            }
            if inFence { continue }
            if trimmed.isEmpty { flush(); continue }
            if CleanupRules.isPageNumberLine(line) { continue }
            if markdown {
                if trimmed.allSatisfy({ "-=*_|: +".contains($0) }) { flush(); continue }
                if trimmed.hasPrefix("#"), let h = trimmed.firstMatch(of: CleanupRules.heading) {
                    flush(); kind = .heading; current = [String(h.1)]; flush(); continue
                }
                if let li = Self.mayBeListItem(trimmed) ? line.firstMatch(of: CleanupRules.listItem) : nil {
                    flush(); kind = .listItem; current = [String(li.1)]; continue
                }
                if trimmed.hasPrefix("|") {
                    flush(); kind = .tableRow
                    current = [trimmed.split(separator: "|").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }.joined(separator: " ")]
                    flush(); continue
                }
                if trimmed.hasPrefix(">") { current.append(String(trimmed.drop { $0 == ">" || $0 == " " })); continue }
            } else if let first = trimmed.first, "•●▪■◆·".contains(first), let li = line.firstMatch(of: CleanupRules.bulletItem) {
                flush(); kind = .listItem; current = [String(li.1)]; continue
            }
            current.append(line)
        }
        flush()

        var doc = Document(path: path, format: markdown ? .markdown : .text, blocks: blocks,
                           encoding: decoded.encoding, encodingSource: decoded.source)
        doc.invalidBytes = decoded.invalidBytes
        doc.firstInvalidByte = decoded.firstInvalidByte
        guard !blocks.isEmpty else { throw .noText(path: path, detail: "no prose after cleanup") }
        applyFrontMatter(front, to: &doc)
        if doc.title == nil, let h = blocks.first(where: { $0.kind == .heading }) {
            doc.title = Field(h.text, source: "first heading")
        }
        if doc.date == nil, let d = DateParser.firstDate(in: blocks.prefix(6).map(\.text).joined(separator: "\n")) {
            doc.date = Field(d, source: "text pattern near the top")
        }
        return doc
    }

    /// Whether a trimmed line can start a list item (a marker or 1-3 digits and . or )).
    static func mayBeListItem(_ t: String) -> Bool {
        guard let f = t.unicodeScalars.first else { return false }
        if "-*+•".unicodeScalars.contains(f) { return true }
        return f.properties.numericType == .decimal  // \d in the pattern: any decimal digit
    }

    /// (front matter YAML, body, number of lines the front matter took) when the text opens with `---`.
    static func splitFrontMatter(_ text: String) -> (String, String, Int)? {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 1..<lines.count where lines[i].trimmingWhitespace == "---" || lines[i].trimmingWhitespace == "..." {
            let yaml = lines[1..<i].joined(separator: "\n")
            let body = lines[(i + 1)...].joined(separator: "\n")
            return (yaml, body, i + 1)
        }
        return nil
    }

    static func stripHTMLComments(_ s: String) -> String {
        var out = ""
        var rest = s[...]
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { return out }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static func applyFrontMatter(_ front: [String: Any], to doc: inout Document) {
        func string(_ keys: [String]) -> (String, String)? {
            for k in keys {
                if let v = front[k] {
                    let s = TextCleanup.collapse("\(v)")
                    if !s.isEmpty { return (s, k) }
                }
            }
            return nil
        }
        if let (t, k) = string(["title"]) { doc.title = Field(t, source: "front matter \(k)") }
        for k in ["date", "published_time", "published", "issued"] {
            if let v = front[k] {
                let s = "\(v)"
                if let d = DateParser.firstDate(in: s) ?? DateParser.partial(s.trimmingWhitespace) {
                    doc.date = Field(d, source: "front matter \(k)")
                    break
                }
            }
        }
        if let (v, k) = string(["issuer", "publisher", "author"]) { doc.issuer = Field(v, source: "front matter \(k)") }
        if let (v, k) = string(["language", "lang"]) { doc.language = Field(LanguageGuess.primary(v), source: "front matter \(k)") }
        if let (v, k) = string(["source_url", "url"]) { doc.url = Field(v, source: "front matter \(k)") }
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
    var column: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.column
        default: return nil
        }
    }
    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(self)"
        }
    }
}
