/// Named rules that remove non-text debris from plain text and Markdown, applied line by line
/// or block by block. Each rule is data: a name, what it removes, the bytes it needs, and its
/// scanner. The scanners work on UTF-8 bytes; each says which regex it implements (with Swift's
/// Character semantics, see `MarkdownBytes`), and the tests hold each scanner to its regex.
public enum CleanupRules {
    /// Wikisource's licence and navigation trailer (the text after it is boilerplate).
    public static let wikisourceTrailerMarkers = ["本作品在全世界都属于公有领域", "本作品来自中华人民共和国政府", "Public domainPublic domainfalsefalse"]
    static let wikisourceTrailerBytes = wikisourceTrailerMarkers.map { Array($0.utf8) }

    /// The names of the rules, for documentation and logs.
    public static let names = ["transcript-cues", "page-number-lines", "markdown-images", "markdown-links",
                               "pandoc-spans", "raw-html-tags", "markdown-escapes", "emphasis-markers",
                               "wikisource-trailer", "superscripts", "page-break-join"]

    /// Rule "page-break-join": a form feed (a PDF page break) inside a paragraph: the block before
    /// ends without closing punctuation and the one after starts in lower case, so they are one
    /// paragraph cut by the page.
    static let paragraphClosers: Set<Character> = [".", "!", "?", ":", ";", "。", "！", "？", "：", "；", "\"", "”", ")", "）"]

    /// A rule applied to the text of a block.
    struct InlineRule: Sendable {
        /// When a rule can apply: most blocks lack the bytes, and the test is one bit per byte.
        enum Trigger: Sendable {
            case all([UInt8]), any([UInt8])

            var bytes: [UInt8] {
                switch self {
                case .all(let b), .any(let b): return b
                }
            }
        }
        let name: String
        /// What it removes, as the regex the scanner implements.
        let removes: String
        let trigger: Trigger
        let apply: @Sendable ([UInt8]) -> [UInt8]

        func applies(to present: TriggerBytes) -> Bool {
            switch trigger {
            case .all(let bytes): return bytes.allSatisfy(present.contains)
            case .any(let bytes): return bytes.contains(where: present.contains)
            }
        }
    }

    /// The rules for the text of a Markdown block, in order (`prose` follows).
    static let markdownInline: [InlineRule] = [
        InlineRule(name: "markdown-images", removes: #"!\[[^\]]*\]\([^)]*\)"#, trigger: .all([0x21, 0x5B]),
                   apply: { bracketed($0, open: 0x5B, close: 0x5D, thenOpen: 0x28, thenClose: 0x29, bang: true, keep: false) }),
        InlineRule(name: "markdown-links", removes: #"\[([^\]]*)\]\([^)]*\) (keeps the text)"#, trigger: .all([0x5B, 0x28]),
                   apply: { bracketed($0, open: 0x5B, close: 0x5D, thenOpen: 0x28, thenClose: 0x29, bang: false, keep: true) }),
        InlineRule(name: "pandoc-spans", removes: #"\[([^\]]*)\]\{[^}]*\} (keeps the text)"#, trigger: .all([0x5B, 0x7B]),
                   apply: { bracketed($0, open: 0x5B, close: 0x5D, thenOpen: 0x7B, thenClose: 0x7D, bang: false, keep: true) }),
        // A block holding a tag is read by libxml2 (`MarkupParser.fragmentText`): tags go, text
        // stays, entities are decoded, <sup> becomes ^ (rule "superscripts").
        InlineRule(name: "raw-html-tags", removes: #"<\/?[A-Za-z][^>]*>"#, trigger: .any([0x3C]),
                   apply: { hasHTMLTag($0) ? Array(MarkupParser.fragmentText(String(decoding: $0, as: UTF8.self)).utf8) : $0 }),
        InlineRule(name: "emphasis-markers", removes: #"\*{1,3}|`+, then (^|\s)_{1,3} and _{1,3}(\s|$)"#,
                   trigger: .any([0x2A, 0x60, 0x5F]), apply: removeEmphasis),
        InlineRule(name: "markdown-escapes", removes: #"\\([\\`*_{}\[\]()#+\-.!'"|<>~]) (keeps the character)"#,
                   trigger: .any([0x5C]), apply: unescape),
    ]

    /// The rules for the text of every block, plain text or Markdown.
    static let prose: [InlineRule] = [
        InlineRule(name: "transcript-cues",
                   removes: #"(?i)[\(\[](?:applause|laughter|cheers|booing|boos|crosstalk|inaudible)[^\)\]]{0,20}[\)\]]"#,
                   trigger: .any([0x28, 0x5B]), apply: removeTranscriptCues),
    ]

    /// Runs each rule whose trigger bytes are in the text, in order.
    static func apply(_ rules: [InlineRule], to text: [UInt8]) -> [UInt8] {
        var t = text
        var present = TriggerBytes(t)
        for rule in rules where rule.applies(to: present) {
            t = rule.apply(t)
            present = TriggerBytes(t)
        }
        return t
    }

    /// Every rule a Markdown block goes through.
    static let markdown = markdownInline + prose

    /// The text of a Markdown block without its markup and debris.
    static func cleanMarkdownInline(_ text: [UInt8]) -> [UInt8] { apply(markdown, to: text) }
    /// The text of a plain-text block without its debris.
    static func cleanProse(_ text: [UInt8]) -> [UInt8] { apply(prose, to: text) }

    /// Rule "page-number-lines" on a line of text.
    static func isPageNumberLine(_ line: String) -> Bool {
        let b = Array(line.utf8)
        return MarkdownLines.isPageNumber(b, 0..<b.count)
    }

    /// Rule "wikisource-trailer": the text before the first trailer marker found (markers in order).
    static func cutTrailer(_ b: [UInt8]) -> [UInt8] {
        for marker in wikisourceTrailerBytes {
            if let at = MarkdownBytes.find(marker, in: b, from: 0, to: b.count) { return Array(b[..<at]) }
        }
        return b
    }

    private typealias B = MarkdownBytes

    /// `[text](target)` and its kin: an optional `!`, `open`, anything up to the first `close`,
    /// then `thenOpen` right after and anything up to the first `thenClose`. The match goes, or
    /// is replaced by the text between `open` and `close` when `keep`.
    static func bracketed(_ b: [UInt8], open: UInt8, close: UInt8, thenOpen: UInt8, thenClose: UInt8,
                          bang: Bool, keep: Bool) -> [UInt8] {
        let end = b.count
        var out: [UInt8] = []
        var copied = 0, i = 0
        func first(_ c: UInt8, from: Int) -> Int? {
            var k = from
            while k < end {
                if b[k] == c && B.isAlone(b, k, end) { return k }
                k += 1
            }
            return nil
        }
        while i < end {
            let o = bang ? i + 1 : i
            guard o < end, b[o] == open, !bang || b[i] == 0x21, B.isAlone(b, o, end),
                  let c = first(close, from: o + 1), c + 1 < end, b[c + 1] == thenOpen, B.isAlone(b, c + 1, end),
                  let tc = first(thenClose, from: c + 2) else {
                i += 1
                continue
            }
            if out.isEmpty { out.reserveCapacity(end) }
            out.append(contentsOf: b[copied..<i])
            if keep { out.append(contentsOf: b[(o + 1)..<c]) }
            i = tc + 1
            copied = i
        }
        guard copied > 0 else { return b }
        out.append(contentsOf: b[copied...])
        return out
    }

    /// Whether the text holds a raw HTML tag (`<\/?[A-Za-z][^>]*>`).
    static func hasHTMLTag(_ b: [UInt8]) -> Bool {
        let end = b.count
        var i = 0
        while i < end {
            defer { i += 1 }
            guard b[i] == 0x3C, B.isAlone(b, i, end) else { continue }
            var j = i + 1
            if j < end && b[j] == 0x2F && B.isAlone(b, j, end) { j += 1 }
            guard j < end, (b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x7A, B.isAlone(b, j, end) else { continue }
            var k = j + 1
            while k < end {
                if b[k] == 0x3E && B.isAlone(b, k, end) { return true }
                k += 1
            }
            return false  // no `>` after this `<`, so none after a later one either
        }
        return false
    }

    /// Emphasis markers: every `*` and `` ` `` (`\*{1,3}|`+`), then one to three underscores
    /// after a space or at the start (`(^|\s)_{1,3}`), then one to three before a space or at the
    /// end (`_{1,3}(\s|$)`); `snake_case` keeps its underscore.
    static func removeEmphasis(_ text: [UInt8]) -> [UInt8] {
        var b = text
        if b.contains(where: { $0 == 0x2A || $0 == 0x60 }) {
            let end = b.count
            var out: [UInt8] = []
            out.reserveCapacity(end)
            var copied = 0
            for i in 0..<end where (b[i] == 0x2A || b[i] == 0x60) && B.isAlone(b, i, end) {
                out.append(contentsOf: b[copied..<i])
                copied = i + 1
            }
            out.append(contentsOf: b[copied..<end])
            b = out
        }
        guard b.contains(0x5F) else { return b }
        return underscoresBeforeSpace(underscoresAfterSpace(b))
    }

    /// The count of `_` Characters starting at `i`, at most `limit`.
    private static func underscores(_ b: [UInt8], _ i: Int, limit: Int) -> Int {
        var n = 0
        while n < limit && i + n < b.count && b[i + n] == 0x5F && B.isAlone(b, i + n, b.count) { n += 1 }
        return n
    }

    /// `(^|\s)_{1,3}` replaced by the space.
    static func underscoresAfterSpace(_ b: [UInt8]) -> [UInt8] {
        let end = b.count
        var out: [UInt8] = []
        out.reserveCapacity(end)
        var i = 0
        let atStart = underscores(b, 0, limit: 3)
        if atStart > 0 { i = atStart }
        while i < end {
            let (v, n) = B.scalar(b, i)
            if B.isWhitespace(v) {
                let after = B.whitespaceEnd(v, b, from: n, end)
                out.append(contentsOf: b[i..<after])
                i = after + underscores(b, after, limit: 3)
            } else {
                out.append(contentsOf: b[i..<n])
                i = n
            }
        }
        return out
    }

    /// `_{1,3}(\s|$)` replaced by the space: the last one to three underscores of a run that
    /// ends at a space or at the end.
    static func underscoresBeforeSpace(_ b: [UInt8]) -> [UInt8] {
        let end = b.count
        var out: [UInt8] = []
        out.reserveCapacity(end)
        var i = 0
        while i < end {
            let run = underscores(b, i, limit: Int.max)
            guard run > 0 else {
                out.append(b[i])
                i += 1
                continue
            }
            let after = i + run
            if after == end || B.isWhitespace(B.scalar(b, after).value) {
                out.append(contentsOf: b[i..<(after - min(run, 3))])
            } else {
                out.append(contentsOf: b[i..<after])
            }
            i = after
        }
        return out
    }

    /// The characters a backslash escapes in Markdown.
    static let escapable = ASCIISet(#"\`*_{}[]()#+-.!'"|<>~"#)

    /// `\\([\\`*_{}\[\]()#+\-.!'"|<>~])` replaced by the escaped character.
    static func unescape(_ b: [UInt8]) -> [UInt8] {
        let end = b.count
        var out: [UInt8] = []
        out.reserveCapacity(end)
        var i = 0
        while i < end {
            if b[i] == 0x5C && i + 1 < end && escapable.contains(b[i + 1]) && B.isAlone(b, i + 1, end) {
                out.append(b[i + 1])
                i += 2
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    /// The words of rule "transcript-cues", tried in this order.
    static let transcriptCueWords: [[UInt8]] = ["applause", "laughter", "cheers", "booing", "boos", "crosstalk", "inaudible"]
        .map { Array($0.utf8) }

    /// Removes audience reactions in transcripts: "(Applause.)", "[Laughter]", up to 20 characters
    /// after the word before the closing bracket.
    static func removeTranscriptCues(_ b: [UInt8]) -> [UInt8] {
        let end = b.count
        var out: [UInt8] = []
        var copied = 0, i = 0
        while i < end {
            if (b[i] == 0x28 || b[i] == 0x5B) && B.isAlone(b, i, end), let close = transcriptCueEnd(b, open: i) {
                if out.isEmpty { out.reserveCapacity(end) }
                out.append(contentsOf: b[copied..<i])
                i = close + 1
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return b }
        out.append(contentsOf: b[copied...])
        return out
    }

    /// The index of the closing bracket of a transcript cue opening at `open`.
    private static func transcriptCueEnd(_ b: [UInt8], open: Int) -> Int? {
        let end = b.count
        for word in transcriptCueWords {
            // Case-insensitive as the regex is: ASCII letters, and the Kelvin sign for k.
            var i = open + 1, k = 0
            while k < word.count && i < end {
                let c = b[i]
                if c | 0x20 == word[k] {
                    i += 1
                } else if word[k] == 0x6B && c == 0xE2 && i + 2 < end && b[i + 1] == 0x84 && b[i + 2] == 0xAA {
                    i += 3
                } else {
                    break
                }
                k += 1
            }
            guard k == word.count, B.characterEnd(b, from: i, end) == i else { continue }
            var close = i
            while close < end && !((b[close] == 0x29 || b[close] == 0x5D) && B.isAlone(b, close, end)) { close += 1 }
            guard close < end else { return nil }
            if close - i > 20 && String(decoding: b[i..<close], as: UTF8.self).count > 20 { return nil }
            return close
        }
        return nil
    }
}

/// Which of the rules' trigger bytes occur in a text: the cheap test every rule makes before it
/// scans. One table lookup per byte, no branch.
struct TriggerBytes {
    /// The bytes a set can hold, at most 32 (the bits of `present`).
    static let tracked: [UInt8] = Array(Set(CleanupRules.markdown.flatMap(\.trigger.bytes))).sorted()
    static let bitOfByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        precondition(tracked.count <= 32, "more trigger bytes than bits")
        for (k, c) in tracked.enumerated() { table[Int(c)] = 1 << UInt32(k) }
        return table
    }()
    private var present: UInt32 = 0

    init(_ b: [UInt8]) {
        var bits: UInt32 = 0
        Self.bitOfByte.withUnsafeBufferPointer { table in
            b.withUnsafeBufferPointer { p in
                // Four independent sets, so that the lookups need not wait for one another.
                var b0: UInt32 = 0, b1: UInt32 = 0, b2: UInt32 = 0, b3: UInt32 = 0
                var i = 0
                let n = p.count
                while i + 4 <= n {
                    b0 |= table[Int(p[i])]
                    b1 |= table[Int(p[i + 1])]
                    b2 |= table[Int(p[i + 2])]
                    b3 |= table[Int(p[i + 3])]
                    i += 4
                }
                while i < n {
                    b0 |= table[Int(p[i])]
                    i += 1
                }
                bits = b0 | b1 | b2 | b3
            }
        }
        present = bits
    }

    /// Whether the text has `c`; `c` must be a trigger byte of a rule.
    func contains(_ c: UInt8) -> Bool {
        let bit = Self.bitOfByte[Int(c)]
        precondition(bit != 0, "byte \(c) is no rule's trigger")
        return present & bit != 0
    }
}
