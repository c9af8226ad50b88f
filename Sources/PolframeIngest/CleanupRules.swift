/// Named rules that remove non-text debris from plain text and Markdown, applied line by line
/// or block by block. Each rule is data: a name, and what it removes.
public enum CleanupRules {
    /// Audience reactions in transcripts: "(Applause.)", "(Laughter.)".
    nonisolated(unsafe) static let transcriptCues = /(?i)[\(\[](?:applause|laughter|cheers|booing|boos|crosstalk|inaudible)[^\)\]]{0,20}[\)\]]/
    /// A line that is only a page number ("12", "- 12 -", "Page 12").
    nonisolated(unsafe) static let pageNumberLine = /^\s*(?:-\s*)?(?:page\s+)?\d{1,4}(?:\s*-)?\s*$/
    /// Markdown images.
    nonisolated(unsafe) static let image = /!\[[^\]]*\]\([^)]*\)/
    /// Markdown links and pandoc spans keep their text.
    nonisolated(unsafe) static let link = /\[([^\]]*)\]\([^)]*\)/
    nonisolated(unsafe) static let span = /\[([^\]]*)\]\{[^}]*\}/
    /// Raw HTML tags inside Markdown: a block holding one is read by libxml2 (`MarkupParser.fragmentText`:
    /// tags go, text stays, entities are decoded).
    nonisolated(unsafe) static let htmlTag = /<\/?[A-Za-z][^>]*>/
    /// Markdown backslash escapes.
    nonisolated(unsafe) static let escape = /\\([\\`*_{}\[\]()#+\-.!'"|<>~])/
    /// Emphasis markers.
    nonisolated(unsafe) static let emphasis = /\*{1,3}|`+/
    nonisolated(unsafe) static let underscoreOpen = /(^|\s)_{1,3}/
    nonisolated(unsafe) static let underscoreClose = /_{1,3}(\s|$)/
    /// Wikisource's licence and navigation trailer (the text after it is boilerplate).
    public static let wikisourceTrailerMarkers = ["本作品在全世界都属于公有领域", "本作品来自中华人民共和国政府", "Public domainPublic domainfalsefalse"]

    /// The names of the rules, for documentation and logs.
    public static let names = ["transcript-cues", "page-number-lines", "markdown-images", "markdown-links",
                               "pandoc-spans", "raw-html-tags", "markdown-escapes", "emphasis-markers",
                               "wikisource-trailer", "superscripts", "page-break-join"]

    /// Rule "page-break-join": a form feed (a PDF page break) inside a paragraph: the block before
    /// ends without closing punctuation and the one after starts in lower case, so they are one
    /// paragraph cut by the page.
    static let paragraphClosers: Set<Character> = [".", "!", "?", ":", ";", "。", "！", "？", "：", "；", "\"", "”", ")", "）"]

    /// Each rule runs only when the bytes it needs are there: most lines have none of them, and
    /// a regex pass over every line of every document made Markdown the slowest format to read.
    static func cleanMarkdownInline(_ s: String) -> String {
        var t = s
        func has(_ b: UInt8) -> Bool { t.utf8.contains(b) }
        if has(0x21) && has(0x5B) { t = t.replacing(image, with: "") }                  // ![
        if has(0x5B) && has(0x28) { t = t.replacing(link) { String($0.1) } }            // [...](
        if has(0x5B) && has(0x7B) { t = t.replacing(span) { String($0.1) } }            // [...]{
        if has(0x3C), t.firstMatch(of: htmlTag) != nil { t = MarkupParser.fragmentText(t) }
        if has(0x2A) || has(0x60) { t = t.replacing(emphasis, with: "") }               // * `
        if has(0x5F) {                                                                   // _
            t = t.replacing(underscoreOpen) { String($0.1) }
            t = t.replacing(underscoreClose) { String($0.1) }
        }
        if has(0x5C) { t = t.replacing(escape) { String($0.1) } }                       // \
        return cleanProse(t)
    }

    static func cleanProse(_ s: String) -> String {
        // Transcript cues are parenthesized or bracketed.
        guard s.utf8.contains(where: { $0 == 0x28 || $0 == 0x5B }) else { return s }
        return s.replacing(transcriptCues, with: "")
    }

    /// Rule "page-number-lines", with a cheap test first: a page number line has a digit.
    static func isPageNumberLine(_ line: String) -> Bool {
        guard line.unicodeScalars.contains(where: { $0.properties.numericType == .decimal }) else { return false }
        return line.wholeMatch(of: pageNumberLine) != nil
    }

    /// The line patterns MarkdownReader tries on every line, compiled once.
    nonisolated(unsafe) static let heading = /^#{1,6}\s+(.*)$/
    nonisolated(unsafe) static let listItem = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$/
    nonisolated(unsafe) static let bulletItem = /^\s*[•●▪■◆·]\s*(.*)$/

    static func cutTrailer(_ text: String) -> String {
        for marker in wikisourceTrailerMarkers {
            if let r = text.range(of: marker) { return String(text[..<r.lowerBound]) }
        }
        return text
    }
}
