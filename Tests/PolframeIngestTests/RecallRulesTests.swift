import Testing
@testable import PolframeIngest

/// Rules "linked-sentence-paragraph", "headline-with-lead" and "trailing-headings"
/// (`ExtractionRules.Recall`), each on a page made to need it.
@Suite struct RecallRulesTests {
    static func text(_ body: String) throws -> String {
        try Ingestor.ingest(bytes: Array("<html><body>\(body)</body></html>".utf8), path: "p.html").text
    }

    static let prose = "<p>The council met on Tuesday and agreed, after a long debate, to keep the library open on Sundays for another year.</p>"

    @Test func paragraphsWhoseWordsAreLinkedStay() throws {
        let text = try Self.text("""
        <div class="body">\(Self.prose)
        <p>The <b>Severn bore</b> is a <a href="/a">tidal bore</a> on the <a href="/b">River Severn</a> in <a href="/c">England</a>.</p>
        <p>Work on the lanes starts in <a href="/d">the summer</a>.</p>
        \(Self.prose)
        <p>Read more: <a href="/e">Bus routes to change in April</a></p>
        <p><a href="/f">Ten tips for a greener garden, and why they work.</a></p>
        </div>
        """)
        #expect(text.contains("is a tidal bore on the River Severn in England."))
        #expect(text.contains("Work on the lanes starts in the summer."))
        // Not sentences outside their links: a "read more" line and a linked headline.
        #expect(!text.contains("Bus routes"))
        #expect(!text.contains("greener garden"))
    }

    @Test func digestItemsKeepTheirLeadButTeaserCardsDoNot() throws {
        let lead = "With the new bridge open, the bus will run every ten minutes and the trip will take a quarter of an hour less."
        let items = (1...4).map { i in
            "<div class=\"item\"><h3><a href=\"/n/\(i)\">Bus number \(i) changes its route from Monday</a></h3><div class=\"lead\">\(lead)</div></div>"
        }.joined()
        let text = try Self.text("<div class=\"feed\">\(items)</div>")
        #expect(text.components(separatedBy: "every ten minutes").count == 5, "\(text)")
        #expect(text.contains("Bus number 1 changes its route"))
        let card = "<div class=\"card\"><a href=\"/4\">Why the bridge over the river was closed again this week</a><p>Engineers found cracks.</p></div>"
        #expect(!(try Self.text("<div class=\"body\">\(Self.prose)\(Self.prose)\(card)</div>")).contains("Engineers"))
    }

    @Test func headingsThatHeadNothingAreDropped() throws {
        let text = try Self.text("""
        <div class="body"><h2>Formation</h2>\(Self.prose)\(Self.prose)
        <h2>See also</h2><ul><li><a href="/x">Dee bore</a></li><li><a href="/y">Trent Aegir</a></li></ul><h2>References</h2></div>
        """)
        #expect(text.contains("Formation"))
        #expect(!text.contains("See also") && !text.contains("References"))
        let blocks = [Block(.heading, "Only a heading")]
        #expect(ExtractionRules.droppingTrailingHeadings(blocks).count == 1)
    }
}
