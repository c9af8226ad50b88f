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
        for html in [Self.page, "<p>implied <b>body<p>and auto-closed &amp; entities<td>cell", "<html><body><div id=a class=B hidden>x</div><svg><g><text>icon</text></g></svg></body></html>"] {
            let (sax, _) = MarkupParser.parseHTML(html, path: "t.html")
            let (tree, _) = MarkupParser.parseHTMLTree(html, path: "t.html")
            guard let sax, let tree else { Issue.record("no tree"); continue }
            #expect(names(sax) == names(tree))
            #expect(TextCleanup.collapse(sax.textContent) == TextCleanup.collapse(tree.textContent))
        }
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
