/// One line of a PDF page as poppler reads it, with where it sits (points, origin top left).
struct PDFLine: Sendable, Hashable {
    var text: String
    var top: Double
    var bottom: Double
    var left: Double
    var height: Double { bottom - top }
}

/// The lines of one page in poppler's reading order (columns one after the other).
struct PDFPage: Sendable, Hashable {
    var lines: [PDFLine]
    var height: Double
}

/// Thresholds and word lists of the PDF layout rules, each with its reason.
enum PDFLayoutRules {
    /// Running headers and footers sit in the top or bottom tenth of a page; body text starting
    /// there is kept unless it repeats or is a page number.
    static let marginBand = 0.10
    /// A margin line that recurs on at least this share of the pages (and on two or more) is a
    /// running header or footer. A half, not "most", because headers often alternate between
    /// even and odd pages.
    static let runningShare = 0.5
    /// A vertical gap wider than this share of the line height starts a paragraph: line spacing
    /// leaves about a third of a line between lines, paragraph spacing more than half.
    static let paragraphGap = 0.6
    /// Lines whose heights differ by more than this share are set in different sizes (a heading
    /// and its text): a paragraph break.
    static let sizeChange = 0.25
    /// A paragraph of at most `headingLines` lines whose text is this much taller than the
    /// document's usual line is a heading.
    static let headingRatio = 1.25
    static let headingLines = 3

    /// Page-number lines once every digit run is `#` and letters are lowercased ("Page 3 of 10"
    /// is "page # of #"). Removed from the margins even on a one-page document.
    static let pageNumberShapes: Set<String> = [
        "#", "- # -", "-#-", "– # –", "— # —", "page #", "page # of #", "# of #", "# / #", "#/#", "p. #", "[#]", "(#)",
        "第#页", "第 # 页", "第#页 共#页", "第 # 页 共 # 页", "共#页 第#页", "- # / # -",
    ]

    /// First parts that keep their hyphen when a line breaks after them ("self-", "non-",
    /// "cross-"): in policy English they form hyphenated compounds, not split words.
    static let hyphenatedPrefixes: Set<String> = [
        "self", "non", "cross", "multi", "anti", "well", "so", "ex", "e", "all", "half", "state",
    ]
    /// Second parts that make a hyphenated compound ("long-term", "rights-based").
    static let compoundHeads: Set<String> = [
        "based", "driven", "making", "term", "level", "known", "being", "scale", "wide", "oriented", "centred",
        "centered", "related", "owned", "funded", "led", "sized", "border", "party", "year", "time", "round",
        "free", "specific", "friendly", "intensive", "sensitive", "critical", "building", "sharing", "use",
        "lasting", "ranging", "up", "down", "off", "out", "in", "on",
    ]
    /// Words after a line-final hyphen that show a suspended hyphen ("short- and long-term").
    static let suspendedHyphenFollowers: Set<String> = ["and", "or", "to", "und"]
}

/// Turns a PDF's pages into blocks: running headers, footers and page numbers dropped,
/// paragraphs found from vertical gaps, lines joined with end-of-line hyphenation undone.
enum PDFLayout {
    /// The blocks of a document, in page order; a page boundary always ends a paragraph.
    static func blocks(_ pages: [PDFPage]) -> [Block] {
        let pages = removingRunningLines(pages)
        let usual = medianHeight(pages.flatMap(\.lines))
        var blocks: [Block] = []
        for page in pages {
            for paragraph in paragraphs(page.lines) {
                let text = join(paragraph.map(\.text))
                if text.isEmpty { continue }
                let tall = usual > 0 && paragraph.allSatisfy { $0.height >= usual * PDFLayoutRules.headingRatio }
                let kind: Block.Kind = tall && paragraph.count <= PDFLayoutRules.headingLines ? .heading : .paragraph
                blocks.append(Block(kind, text))
            }
        }
        return blocks
    }

    /// Pages without their running headers and footers and their page numbers.
    static func removingRunningLines(_ pages: [PDFPage]) -> [PDFPage] {
        var pagesWith: [String: Int] = [:]
        for page in pages {
            for key in Set(page.lines.filter { inMargin($0, page) }.map { shape($0.text) }) { pagesWith[key, default: 0] += 1 }
        }
        let needed = max(2, Int((Double(pages.count) * PDFLayoutRules.runningShare).rounded(.up)))
        return pages.map { page in
            var p = page
            p.lines = page.lines.filter { line in
                guard inMargin(line, page) else { return true }
                let key = shape(line.text)
                return !(PDFLayoutRules.pageNumberShapes.contains(key) || isRomanNumeral(key) || (pagesWith[key] ?? 0) >= needed)
            }
            return p
        }
    }

    static func inMargin(_ line: PDFLine, _ page: PDFPage) -> Bool {
        guard page.height > 0 else { return false }
        let band = page.height * PDFLayoutRules.marginBand
        return line.top < band || line.bottom > page.height - band
    }

    /// A line's shape for comparing pages: lowercased, white space collapsed, each digit run `#`
    /// (so "Page 3" on one page and "Page 4" on the next are the same line).
    static func shape(_ text: String) -> String {
        var out = ""
        var lastDigit = false, lastSpace = true
        for ch in text.lowercased() {
            if ch.isNumber && ch.isASCII {
                if !lastDigit { out.append("#") }
                lastDigit = true; lastSpace = false
            } else if ch.isWhitespace {
                if !lastSpace { out.append(" ") }
                lastSpace = true; lastDigit = false
            } else {
                out.append(ch); lastDigit = false; lastSpace = false
            }
        }
        return out.trimmingWhitespace
    }

    static func isRomanNumeral(_ key: String) -> Bool {
        !key.isEmpty && key.count <= 6 && key.allSatisfy { "ivxlc".contains($0) }
    }

    /// Lines grouped into paragraphs: a break where the text moves up (the next column), where
    /// the gap is wider than line spacing, or where the size changes.
    static func paragraphs(_ lines: [PDFLine]) -> [[PDFLine]] {
        var out: [[PDFLine]] = []
        var current: [PDFLine] = []
        for line in lines where !line.text.trimmingWhitespace.isEmpty {
            if let prev = current.last {
                let h = min(prev.height, line.height)
                let movedUp = line.top < prev.top - 1
                let gap = line.top - prev.bottom
                let resized = abs(line.height - prev.height) > PDFLayoutRules.sizeChange * max(prev.height, line.height)
                if movedUp || (h > 0 && gap > PDFLayoutRules.paragraphGap * h) || resized {
                    out.append(current)
                    current = []
                }
            }
            current.append(line)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Lines of one paragraph as one string. A hyphen at a line end joins the two halves of a
    /// split word ("gov-" + "ernance") but stays in compounds ("well-known", "Sino-American")
    /// and before "and"/"or" ("short- and long-term"). CJK lines join without a space.
    static func join(_ lines: [String]) -> String {
        var out = ""
        for raw in lines {
            let line = raw.trimmingWhitespace
            if line.isEmpty { continue }
            if out.isEmpty { out = line; continue }
            if out.unicodeScalars.last == "\u{AD}" {
                out.unicodeScalars.removeLast()
                out += line
                continue
            }
            if let hyphen = out.unicodeScalars.last, hyphen == "-" || hyphen == "\u{2010}" {
                let before = trailingWord(of: String(out.unicodeScalars.dropLast()))
                let after = leadingWord(of: line)
                if !before.isEmpty && !after.isEmpty {
                    let lowerAfter = after.lowercased()
                    if PDFLayoutRules.suspendedHyphenFollowers.contains(lowerAfter) {
                        out += " " + line
                    } else if after.first!.isUppercase || PDFLayoutRules.hyphenatedPrefixes.contains(before.lowercased())
                                || PDFLayoutRules.compoundHeads.contains(lowerAfter) {
                        out += line
                    } else {
                        out.unicodeScalars.removeLast()
                        out += line
                    }
                    continue
                }
                if !before.isEmpty, let first = line.first, first.isNumber {
                    out += line  // "COVID-" + "19"
                    continue
                }
            }
            out += " " + line
        }
        return TextCleanup.collapse(out)
    }

    private static func trailingWord(of s: String) -> String {
        String(s.reversed().prefix { $0.isLetter }.reversed())
    }

    private static func leadingWord(of s: String) -> String {
        String(s.prefix { $0.isLetter })
    }

    /// The median line height: the body text's size, against which headings stand out.
    static func medianHeight(_ lines: [PDFLine]) -> Double {
        let heights = lines.filter { !$0.text.trimmingWhitespace.isEmpty }.map(\.height).sorted()
        return heights.isEmpty ? 0 : heights[heights.count / 2]
    }
}
