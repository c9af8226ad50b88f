import Testing
@testable import PolframeIngest

@Suite struct HTMLReaderTests {
    static let page = """
    <!DOCTYPE html><html lang="en"><head><title>Page title | Site</title>
    <meta name="date" content="2023-10-30"><meta property="og:title" content="Safe AI Order">
    <style>p { color: red }</style><script>var tracking = "ethics";</script></head>
    <body><header><a href="/">Home</a></header>
    <nav><ul><li><a href="/a">Ethics</a></li><li><a href="/b">Democracy</a></li></ul></nav>
    <div class="breadcrumb">Home › Briefing Room</div>
    <article><h1>Safe, Secure, and Trustworthy AI</h1>
    <p>The order advances <b>privacy</b> and civil rights.</p>
    <ul><li>Protect workers.</li><li>Support innovation.</li><li><a href="/x">Read more</a></li></ul>
    <table><tr><td>Agency</td><td>Deadline</td></tr></table></article>
    <aside>Related: democracy</aside><div id="cookie-banner">We use cookies</div>
    <footer>Copyright</footer></body></html>
    """

    @Test func keepsMainTextDropsBoilerplate() throws {
        let doc = try Ingestor.ingest(bytes: Array(Self.page.utf8), path: "p.html")
        let texts = doc.blocks.map(\.text)
        #expect(texts == ["Safe, Secure, and Trustworthy AI", "The order advances privacy and civil rights.",
                          "Protect workers.", "Support innovation.", "Agency Deadline"])
        #expect(doc.blocks.map(\.kind) == [.heading, .paragraph, .listItem, .listItem, .tableRow])
        for dropped in ["tracking", "Home", "Democracy", "Related", "cookies", "Copyright", "Read more", "color"] {
            #expect(!doc.text.contains(dropped), "\(dropped) leaked into the main text")
        }
    }

    @Test func metadataWithSources() throws {
        let doc = try Ingestor.ingest(bytes: Array(Self.page.utf8), path: "p.html")
        #expect(doc.title == Field("Safe AI Order", source: "meta og:title"))
        #expect(doc.date == Field("2023-10-30", source: "meta date"))
        #expect(doc.language == Field("en", source: "html lang"))
    }

    @Test func chineseLineBreaksJoinWithoutSpaces() throws {
        let html = "<html><body><p>推进人工智能\n与实体经济\n深度融合。</p><p>AI\nsafety</p></body></html>"
        let doc = try Ingestor.ingest(bytes: Array(html.utf8), path: "z.html")
        #expect(doc.blocks.map(\.text) == ["推进人工智能与实体经济深度融合。", "AI safety"])
    }

    @Test func rulesAreData() {
        #expect(ExtractionRules.droppedElements.isSuperset(of: ["script", "style", "nav", "header", "footer", "aside"]))
        // A <form> may wrap a whole ASP.NET page: it is scored like any container, not dropped.
        #expect(!ExtractionRules.droppedElements.contains("form"))
        #expect(ExtractionRules.isBoilerplate("site-footer"))
        #expect(ExtractionRules.isBoilerplate("breadcrumb"))
        #expect(!ExtractionRules.isBoilerplate("article-body"))
    }

    @Test func bestScoredContainerWinsOverLinkLists() throws {
        let para = "<p>The commission said on Tuesday that the new rules, which take effect next year, require audits of automated systems, public notice, and a right to appeal.</p>"
        let html = """
        <html><body><form id="Form1"><div id="menu-top"><a href="/1">News</a> <a href="/2">Sports</a></div>
        <div class="list"><ul><li><a href="/a">Another story about something else entirely</a></li><li><a href="/b">A second unrelated story headline here</a></li></ul></div>
        <div class="article-body">\(para)\(para)\(para)</div>
        <div id="comments"><p>Great article, thanks!</p></div></form></body></html>
        """
        let doc = try Ingestor.ingest(bytes: Array(html.utf8), path: "s.html")
        #expect(doc.blocks.count == 3)
        #expect(!doc.text.contains("Sports") && !doc.text.contains("unrelated") && !doc.text.contains("Great article"))
    }

    @Test func publicationDateNearTheArticleWins() throws {
        let html = """
        <html><body><div class="top">今天是2024年1月1日</div><h1>标题</h1><div class="info">发布时间：2021-12-31 10:30 来源：新华社</div>
        <div id="content"><p>国务院办公厅印发通知，要求各地区各部门结合实际认真贯彻落实，推进人工智能与实体经济深度融合，加强监管。</p>
        <p>通知指出，要坚持发展和安全并重，促进创新和依法治理相结合，二〇二二年三月一日起施行。</p></div>
        <ul class="related"><li><a href="/x">相关新闻 2020-05-05 10:00</a></li></ul></body></html>
        """
        let doc = try Ingestor.ingest(bytes: Array(html.utf8), path: "d.html")
        #expect(doc.date?.value == "2021-12-31")
        #expect(doc.date?.source.contains("label") == true)
    }

    /// The SAX builder sees the events libxml2's tree builder sees: same elements in the same
    /// order, same attributes, same text (up to blank text and the content of opaque elements).
    @Test func saxTreeMatchesLibxml2Tree() {
        func names(_ e: MarkupElement) -> [String] { [e.name + e.attributes.map { " \($0.name)=\($0.value)" }.joined()] + e.descendants { _ in true }.map { $0.name + $0.attributes.map { " \($0.name)=\($0.value)" }.joined() } }
        for html in [Self.page, "<p>implied <b>body<p>and auto-closed &amp; entities<td>cell", "<html><body><div id=a class=B hidden>x</div><svg><g><text>icon</text></g></svg></body></html>",
                     Self.scriptsAndStyles] {
            let (sax, _) = MarkupParser.parseHTML(html, path: "t.html")
            let (tree, _) = MarkupParser.parseHTMLTree(html, path: "t.html")
            guard let sax = sax?.markupElement(), let tree else { Issue.record("no tree"); continue }
            #expect(names(sax) == names(tree))
            #expect(TextCleanup.collapse(sax.textContent) == TextCleanup.collapse(tree.textContent))
        }
    }

    /// Rule "date-line": a report's own date on a line of its own under the title beats the
    /// page's timestamp above the article; a date inside a sentence does not.
    @Test func dateLineInTheMainTextIsTheDocumentsDate() throws {
        func page(_ dateLine: String) -> String {
            """
            <html><body><div class="info">2005-03-06 16:17:00</div><div id="content"><h1>北京市儿童心理素质发展现状调查研究报告</h1>
            <p>课题组</p><p>\(dateLine)</p>
            <p>为了贯彻落实儿童发展规划，进一步了解全市儿童目前的心理发展现状，为制定切实可行的教育对策提供科学依据，开展了本次调查和研究。</p>
            <p>本次研究对象为十三至十五岁的儿童，选择这一年龄段的基本考虑是，这是青春期的生长高峰时期，心理矛盾交织。</p></div></body></html>
            """
        }
        let alone = try Ingestor.ingest(bytes: Array(page("2003年5月12日").utf8), path: "r.html")
        #expect(alone.date?.value == "2003-05-12")
        #expect(alone.date?.source.contains("date line") == true)
        let inSentence = try Ingestor.ingest(bytes: Array(page("报告于2003年5月12日完成。").utf8), path: "r.html")
        #expect(inSentence.date?.value == "2005-03-06")
    }

    /// The page tree's byte-level helpers agree with the String versions they replace.
    @Test func byteLevelTextHelpersMatchStrings() {
        let samples = [("  a\u{00A0}b\n\t中 文\u{200B}字 x ", "a b 中文字 x"), ("", ""), ("\u{3000}全角　空格 ", "全角空格"),
                       ("é ü 𝔸 \u{FEFF}z", "é ü 𝔸 z"), ("a,b，c、d", "a,b，c、d")]
        for (s, collapsed) in samples {
            var copy = s
            #expect(copy.withUTF8 { TextCleanup.collapse(utf8: $0) } == collapsed)
            #expect(TextCleanup.collapse(s) == collapsed)
            #expect(TextCleanup.isValidUTF8(Array(s.utf8)))
        }
        #expect(!TextCleanup.isValidUTF8([0x61, 0xC3]))
        #expect(!TextCleanup.isValidUTF8([0xED, 0xA0, 0x80]))
        #expect(!TextCleanup.isValidUTF8([0xC0, 0x80]))
        #expect(ExtractionRules.classMarks("site-footer nav").boilerplate)
        #expect(ExtractionRules.classMarks("ArticleBody").content)
        #expect(!ExtractionRules.classMarks("post-list").boilerplate && ExtractionRules.classMarks("post-list").negative)
    }

    static let prose = "The council met on Tuesday to weigh the plan, which would raise the levy, widen the road and close the old depot by spring."

    /// Rule "figure-captions": a picture's caption and credit are not the article's text.
    @Test func figureCaptionsAreDropped() throws {
        let html = "<html><body><article><h1>Levy plan</h1><p>\(Self.prose)</p><figure><img src=a.jpg><figcaption>The old depot. Photo: J. Doe</figcaption></figure><p>\(Self.prose)</p></article></body></html>"
        let doc = try Ingestor.ingest(bytes: Array(html.utf8), path: "f.html")
        #expect(doc.text.contains("council"))
        #expect(!doc.text.contains("Photo: J. Doe"))
    }

    /// Rule "same-class-chunks": an article body split by an ad rail into two containers of the
    /// same tag and class is read whole.
    @Test func articleChunksWithTheSameClassJoin() throws {
        let chunk = "<div class=\"article-body grid-content\"><p>\(Self.prose)</p><p>\(Self.prose)</p></div>"
        let html = """
        <html><body><div class="row">\(chunk.replacingOccurrences(of: "council", with: "assembly"))<div class="rail">Advertisement</div></div>
        <div class="row">\(chunk)<div class="rail">Advertisement</div></div><div class="row"><ul><li><a href=/a>Home</a></li><li><a href=/b>News</a></li></ul></div></body></html>
        """
        let doc = try Ingestor.ingest(bytes: Array(html.utf8), path: "c.html")
        #expect(doc.text.contains("assembly") && doc.text.contains("council"))
        #expect(!doc.text.contains("Advertisement") && !doc.text.contains("Home"))
    }

    /// Rule "prose-survives-links": three prose paragraphs keep a container whose link density
    /// is high because of one paragraph full of links; a list of links is still link-dense.
    @Test func proseContainerSurvivesLinkDensity() throws {
        let links = (1...12).map { "<a href=/\($0)>A related story headline number \($0) about the levy</a>" }.joined(separator: " ")
        let html = """
        <html><body><div id="story"><p>\(Self.prose)</p><p>\(Self.prose)</p><p>\(Self.prose)</p><p>See also \(links)</p></div>
        <div id="menu"><p>\(links)</p><p>\(links)</p></div></body></html>
        """
        let (parsed, _) = MarkupParser.parseHTML(html, path: "p.html")
        let t = try #require(parsed)
        let scorer = ContentScorer(t)
        let divs = (0..<t.count).filter { !t.isText($0) && t.name($0) == "div" }
        #expect(divs.count == 2)
        #expect(scorer.linkDensity(divs[0]) > ExtractionRules.Scoring.maxLinkDensityUnmarked)
        #expect(HTMLReader.holdsProse(divs[0], in: t, scorer: scorer))
        #expect(!HTMLReader.holdsProse(divs[1], in: t, scorer: scorer))
    }

    static let scriptsAndStyles = """
        <html><head><style>p > a { color: red }</style><script>var a = "</div>"; if (a < b) {}</script>
        <!-- <script> a commented-out tag --></head><body><p>one<script type="application/ld+json">{"datePublished": "2020-01-02"}</script>
        <SCRIPT src="x.js" data-x='a>b'>document.write("<p>written</p>")</SCRIPT >two<style/>three<script>\u{0B}x</script>four</p>
        <script>never closed
        """

    /// Script and style contents are left out before parsing, exactly where libxml2 would end
    /// them; JSON-LD, self-closing tags, control characters and unclosed scripts stay.
    @Test func rawTextSkipperDropsOnlyScriptAndStyleContent() {
        var out: [UInt8] = []
        var page = Self.scriptsAndStyles
        page.withUTF8 { RawTextSkipper.copy($0, into: &out) }
        let s = String(decoding: out, as: UTF8.self)
        #expect(s.contains("<style></style><script></script>\n<!-- <script> a commented-out tag -->"))
        #expect(s.contains("{\"datePublished\": \"2020-01-02\"}"))
        #expect(s.contains("<SCRIPT src=\"x.js\" data-x='a>b'></SCRIPT >two<style/>three<script>\u{0B}x</script>four"))
        #expect(s.hasSuffix("<script>never closed"))
        #expect(!s.contains("written") && !s.contains("color"))
    }

    @Test func relatedHeadingEndsTheArticle() {
        let blocks = [Block(.heading, "Title"), Block(.paragraph, "The article."), Block(.heading, "You may also like:"),
                      Block(.paragraph, "Another story.")]
        #expect(ExtractionRules.cutAtRelatedHeading(blocks).map(\.text) == ["Title", "The article."])
        // Not before any text: a page that opens with such a heading keeps it.
        let first = [Block(.heading, "Related posts"), Block(.paragraph, "Text.")]
        #expect(ExtractionRules.cutAtRelatedHeading(first).count == 2)
    }
}
