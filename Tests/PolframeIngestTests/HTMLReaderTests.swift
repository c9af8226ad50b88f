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
    <ul><li>Protect workers.</li><li><a href="/x">Read more</a></li></ul>
    <table><tr><td>Agency</td><td>Deadline</td></tr></table></article>
    <aside>Related: democracy</aside><div id="cookie-banner">We use cookies</div>
    <footer>Copyright</footer></body></html>
    """

    @Test func keepsMainTextDropsBoilerplate() throws {
        let doc = try Ingestor.ingest(bytes: Array(Self.page.utf8), path: "p.html")
        let texts = doc.blocks.map(\.text)
        #expect(texts == ["Safe, Secure, and Trustworthy AI", "The order advances privacy and civil rights.",
                          "Protect workers.", "Agency Deadline"])
        #expect(doc.blocks.map(\.kind) == [.heading, .paragraph, .listItem, .tableRow])
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
        #expect(ExtractionRules.droppedElements.isSuperset(of: ["script", "style", "nav", "header", "footer", "aside", "form"]))
        #expect(ExtractionRules.isBoilerplate("site-footer"))
        #expect(ExtractionRules.isBoilerplate("breadcrumb"))
        #expect(!ExtractionRules.isBoilerplate("article-body"))
    }
}
