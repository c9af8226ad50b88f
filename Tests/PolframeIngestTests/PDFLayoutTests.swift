import Testing
@testable import PolframeIngest

/// The layout rules over literal lines: hyphenation, running headers, paragraphs.
@Suite struct PDFLayoutTests {
    @Test(arguments: [
        (["Sound data gov-", "ernance matters."], "Sound data governance matters."),
        (["a well-", "known rule"], "a well-known rule"),
        (["with Sino-", "American partners"], "with Sino-American partners"),
        (["over the long-", "term"], "over the long-term"),
        (["rights-", "based approach"], "rights-based approach"),
        (["short- ", "and long-term goals"], "short- and long-term goals"),
        (["after COVID-", "19 the plan"], "after COVID-19 the plan"),
        (["soft\u{AD}", "ware"], "software"),
        (["two ordinary", "lines"], "two ordinary lines"),
        (["加快数据中心", "建设。"], "加快数据中心建设。"),
        (["a dash -", "then more"], "a dash - then more"),
    ])
    func linesJoin(lines: [String], expected: String) {
        #expect(PDFLayout.join(lines) == expected)
    }

    static func line(_ text: String, _ top: Double, height: Double = 10) -> PDFLine {
        PDFLine(text: text, top: top, bottom: top + height, left: 72)
    }

    @Test func runningHeadersFootersAndPageNumbersGo() {
        let pages = (1...3).map { n in
            PDFPage(lines: [Self.line("Ministry of Examples", 30), Self.line("Body \(n) text", 200),
                            Self.line("Page \(n) of 3", 800), Self.line("\(n)", 810)], height: 842)
        }
        let kept = PDFLayout.removingRunningLines(pages).map { $0.lines.map(\.text) }
        #expect(kept == [["Body 1 text"], ["Body 2 text"], ["Body 3 text"]])
    }

    @Test func aLineRepeatedInTheBodyStays() {
        // The same sentence mid-page on every page is text, not a header.
        let pages = (1...2).map { _ in PDFPage(lines: [Self.line("We agree.", 400)], height: 842) }
        #expect(PDFLayout.removingRunningLines(pages).flatMap(\.lines).count == 2)
    }

    @Test func oneTopLineOnOnePageStays() {
        // A title in the top band of a one-page document neither repeats nor is a number.
        let page = PDFPage(lines: [Self.line("National Strategy", 60, height: 15), Self.line("Text.", 120)], height: 842)
        #expect(PDFLayout.removingRunningLines([page])[0].lines.count == 2)
    }

    @Test func gapsSizesAndColumnsMakeParagraphs() {
        let lines = [
            Self.line("Title", 80, height: 16),
            Self.line("first line", 120), Self.line("second line", 134),
            Self.line("new paragraph", 165),
            Self.line("right column", 120),
        ]
        #expect(PDFLayout.paragraphs(lines).map { $0.map(\.text) } == [["Title"], ["first line", "second line"], ["new paragraph"], ["right column"]])
        let blocks = PDFLayout.blocks([PDFPage(lines: lines, height: 842)])
        #expect(blocks.map(\.kind) == [.heading, .paragraph, .paragraph, .paragraph])
    }

    @Test func pageNumberShapes() {
        for text in ["12", "- 3 -", "Page 4", "page 5 of 9", "第 3 页", "iv", "7 / 20"] {
            let key = PDFLayout.shape(text)
            #expect(PDFLayoutRules.pageNumberShapes.contains(key) || PDFLayout.isRomanNumeral(key), "\(text)")
        }
    }
}
