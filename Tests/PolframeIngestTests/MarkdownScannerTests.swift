import Testing
@testable import PolframeIngest

/// The byte scanners of MarkdownLines and CleanupRules against the regexes they replace: the
/// regexes (with Swift's Character semantics) are the specification, run here on generated text.
@Suite struct MarkdownScannerTests {
    // The patterns as the rules were first written.
    nonisolated(unsafe) static let heading = /^#{1,6}\s+(.*)$/
    nonisolated(unsafe) static let listItem = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$/
    nonisolated(unsafe) static let bulletItem = /^\s*[•●▪■◆·]\s*(.*)$/
    nonisolated(unsafe) static let pageNumberLine = /^\s*(?:-\s*)?(?:page\s+)?\d{1,4}(?:\s*-)?\s*$/
    nonisolated(unsafe) static let transcriptCues = /(?i)[\(\[](?:applause|laughter|cheers|booing|boos|crosstalk|inaudible)[^\)\]]{0,20}[\)\]]/
    nonisolated(unsafe) static let image = /!\[[^\]]*\]\([^)]*\)/
    nonisolated(unsafe) static let link = /\[([^\]]*)\]\([^)]*\)/
    nonisolated(unsafe) static let span = /\[([^\]]*)\]\{[^}]*\}/
    nonisolated(unsafe) static let htmlTag = /<\/?[A-Za-z][^>]*>/
    nonisolated(unsafe) static let escape = /\\([\\`*_{}\[\]()#+\-.!'"|<>~])/
    nonisolated(unsafe) static let emphasis = /\*{1,3}|`+/
    nonisolated(unsafe) static let underscoreOpen = /(^|\s)_{1,3}/
    nonisolated(unsafe) static let underscoreClose = /_{1,3}(\s|$)/

    /// Pieces generated text is made of: the rules' delimiters, white space of every kind, digits
    /// and numerals of several scripts, Han, cue words, and combining marks after delimiters.
    static let pieces: [String] = [
        "a", "B", "x", "page", "Page", "e", "k", "\u{212A}", "applause", "LAUGHTER", "boos", "booing", "crosstalk",
        "1", "12", "7", "٣", "３", "十", "〇", "①", "½",
        " ", " ", " ", "  ", "\t", "\u{A0}", "\u{3000}", "\u{2028}", "\u{85}", "\r", "\u{0B}", "\u{200B}",
        "中", "文", "。", "#", "#", "-", "-", "*", "*", "+", "•", "●", "·", ".", ")", "(", "(", "[", "[", "]", "]",
        "{", "}", "!", "<", ">", "/", "_", "_", "`", "\\", "|", "~", "=", ":", "'",
        "\u{301}", "\u{20DD}", "\u{200D}", "🇺🇸", "xxxxxxxxxx", "一二三四五六七八九十", "(applause", "[Cheers",
    ]

    /// Deterministic text: `count` pieces drawn with a fixed seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// A line: optional white space, a run of a line start, white space or not, then text.
        mutating func line() -> String {
            let spaces = ["", "", " ", "  ", "\t", "\u{A0}", "\u{3000}", "\u{2028}"]
            let start = MarkdownScannerTests.lineStarts[Int(next() % UInt64(MarkdownScannerTests.lineStarts.count))]
            var s = spaces[Int(next() % 8)] + String(repeating: start, count: 1 + Int(next() % 8))
            if next() % 2 == 0 { s += [".", ")", "-", ""][Int(next() % 4)] }
            return s + spaces[Int(next() % 8)] + text(maxPieces: 5)
        }

        mutating func text(maxPieces: Int, newlines: Bool = false) -> String {
            let n = Int(next() % UInt64(maxPieces + 1))
            var s = ""
            for _ in 0..<n {
                if newlines && next() % 12 == 0 { s += "\n"; continue }
                let piece = MarkdownScannerTests.pieces[Int(next() % UInt64(MarkdownScannerTests.pieces.count))]
                // Runs of one piece reach the counted limits (six #, three digits, three underscores).
                s += next() % 3 == 0 ? String(repeating: piece, count: 1 + Int(next() % 8)) : piece
            }
            return s
        }
    }

    /// How generated lines start: runs of these reach each line pattern's limits.
    static let lineStarts = ["#", "1", "٣", "十", "①", "-", "*", "+", "•", "·", "page", ">", "|", "`", "~", "_", "=", " ", "\u{301}"]

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func string(_ b: [UInt8], _ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }

    @Test func lineScannersAgreeWithTheirRegexes() {
        var g = Generator(state: 20_251_129)
        for _ in 0..<12000 {
            let line = g.next() % 2 == 0 ? g.line() : g.text(maxPieces: 9)
            let b = Self.bytes(line), all = 0..<b.count
            let trimmed = line.trimmingWhitespace
            let t = MarkdownBytes.trim(b, all)
            #expect(Self.string(b, t) == trimmed, "trim \(line.debugDescription)")

            let oldPage = line.unicodeScalars.contains { $0.properties.numericType == .decimal } && line.wholeMatch(of: Self.pageNumberLine) != nil
            #expect(MarkdownLines.isPageNumber(b, all) == oldPage, "page number \(line.debugDescription)")

            let oldHeading = trimmed.hasPrefix("#") ? trimmed.firstMatch(of: Self.heading).map { String($0.1) } : nil
            let newHeading = MarkdownLines.opens(b, t, with: 0x23) ? MarkdownLines.heading(b, t).map { Self.string(b, $0) } : nil
            #expect(newHeading == oldHeading, "heading \(line.debugDescription)")

            let first = trimmed.unicodeScalars.first
            let mayBe = first.map { "-*+•".unicodeScalars.contains($0) || $0.properties.numericType == .decimal } ?? false
            #expect(MarkdownLines.mayBeListItem(b, t) == mayBe, "list guard \(line.debugDescription)")
            let oldItem = mayBe ? line.firstMatch(of: Self.listItem).map { String($0.1) } : nil
            let newItem = MarkdownLines.mayBeListItem(b, t) ? MarkdownLines.listItem(b, all).map { Self.string(b, $0) } : nil
            #expect(newItem == oldItem, "list item \(line.debugDescription)")

            let oldBullet = trimmed.first.map { "•●▪■◆·".contains($0) } == true ? line.firstMatch(of: Self.bulletItem).map { String($0.1) } : nil
            let newBullet = MarkdownLines.startsWithBullet(b, t) ? MarkdownLines.bulletItem(b, all).map { Self.string(b, $0) } : nil
            #expect(newBullet == oldBullet, "bullet \(line.debugDescription)")

            #expect(MarkdownLines.isFence(b, t) == (trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")), "fence \(line.debugDescription)")
            if !trimmed.isEmpty {
                #expect(MarkdownLines.isSeparator(b, t) == trimmed.allSatisfy({ "-=*_|: +".contains($0) }), "separator \(line.debugDescription)")
            }
            #expect(MarkdownLines.opens(b, t, with: 0x7C) == trimmed.hasPrefix("|"))
            if trimmed.hasPrefix("|") {
                let oldRow = trimmed.split(separator: "|").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }.joined(separator: " ")
                #expect(String(decoding: MarkdownLines.tableRow(b, t), as: UTF8.self) == oldRow, "table row \(line.debugDescription)")
            }
            #expect(MarkdownLines.opens(b, t, with: 0x3E) == trimmed.hasPrefix(">"))
            if trimmed.hasPrefix(">") {
                #expect(Self.string(b, MarkdownLines.quoted(b, t)) == String(trimmed.drop { $0 == ">" || $0 == " " }), "quote \(line.debugDescription)")
            }
        }
    }

    @Test func inlineScannersAgreeWithTheirRegexes() {
        var g = Generator(state: 7)
        for _ in 0..<12000 {
            let s = g.text(maxPieces: 14, newlines: true)
            let b = Self.bytes(s)
            func new(_ f: ([UInt8]) -> [UInt8]) -> String { String(decoding: f(b), as: UTF8.self) }
            #expect(new(CleanupRules.removeTranscriptCues) == s.replacing(Self.transcriptCues, with: ""), "cues \(s.debugDescription)")
            #expect(new { CleanupRules.bracketed($0, open: 0x5B, close: 0x5D, thenOpen: 0x28, thenClose: 0x29, bang: true, keep: false) }
                    == s.replacing(Self.image, with: ""), "image \(s.debugDescription)")
            #expect(new { CleanupRules.bracketed($0, open: 0x5B, close: 0x5D, thenOpen: 0x28, thenClose: 0x29, bang: false, keep: true) }
                    == s.replacing(Self.link) { String($0.1) }, "link \(s.debugDescription)")
            #expect(new { CleanupRules.bracketed($0, open: 0x5B, close: 0x5D, thenOpen: 0x7B, thenClose: 0x7D, bang: false, keep: true) }
                    == s.replacing(Self.span) { String($0.1) }, "span \(s.debugDescription)")
            #expect(CleanupRules.hasHTMLTag(b) == (s.firstMatch(of: Self.htmlTag) != nil), "tag \(s.debugDescription)")
            var old = s
            if old.utf8.contains(0x2A) || old.utf8.contains(0x60) { old = old.replacing(Self.emphasis, with: "") }
            if old.utf8.contains(0x5F) {
                old = old.replacing(Self.underscoreOpen) { String($0.1) }
                old = old.replacing(Self.underscoreClose) { String($0.1) }
            }
            #expect(new(CleanupRules.removeEmphasis) == old, "emphasis \(s.debugDescription)")
            #expect(new(CleanupRules.unescape) == s.replacing(Self.escape) { String($0.1) }, "escape \(s.debugDescription)")
        }
    }

    @Test func rulesAreNamedWithTheirTriggers() {
        let named = CleanupRules.markdown.map(\.name)
        #expect(named == ["markdown-images", "markdown-links", "pandoc-spans", "raw-html-tags", "emphasis-markers",
                          "markdown-escapes", "transcript-cues"])
        #expect(Set(named).isSubset(of: CleanupRules.names))
        // A block without a rule's trigger bytes is left as it is.
        let plain = Array("Plain prose, with no markup at all.".utf8)
        let present = TriggerBytes(plain)
        #expect(CleanupRules.markdown.allSatisfy { !$0.applies(to: present) })
        #expect(CleanupRules.markdown.filter { $0.applies(to: TriggerBytes(Array("see [x](y)".utf8))) }.map(\.name)
                == ["markdown-links", "transcript-cues"])
        #expect(CleanupRules.cleanMarkdownInline(plain) == plain)
    }

    @Test func pageNumbersInSeveralScripts() {
        for line in ["12", " - 12 - ", "page 7", "٣٤", "３", "  12  ", "\u{A0}12\u{3000}"] {
            #expect(CleanupRules.isPageNumberLine(line), "\(line)")
        }
        // Han numerals alone are text ("十二" is a word), and so are long numbers and capitalized "Page".
        for line in ["十二", "〇", "12345", "Page 7", "--3", "3 --", "p. 3", "第3页"] {
            #expect(!CleanupRules.isPageNumberLine(line), "\(line)")
        }
    }

    @Test func delimitersWithCombiningMarksAreText() {
        // A regex literal `]` does not match `]` with a combining mark, and neither do the scanners.
        let b = Array("[a]\u{301}(b) *\u{301}x* \\*\u{20DD}".utf8)
        #expect(String(decoding: CleanupRules.bracketed(b, open: 0x5B, close: 0x5D, thenOpen: 0x28, thenClose: 0x29, bang: false, keep: true), as: UTF8.self)
                == "[a]\u{301}(b) *\u{301}x* \\*\u{20DD}")
        #expect(String(decoding: CleanupRules.removeEmphasis(b), as: UTF8.self) == "[a]\u{301}(b) *\u{301}x \\*\u{20DD}")
        let h = Array("#\u{301} a".utf8)
        #expect(MarkdownLines.heading(h, 0..<h.count) == nil)
        #expect(MarkdownLines.heading(Array("# a".utf8), 0..<3) == 2..<3)
    }
}
