import Testing
@testable import PolframeIngest

@Suite struct MarkdownReaderTests {
    @Test func frontMatterAndInlineCleanup() throws {
        let md = """
        ---
        title: "FACT SHEET: Advancing Technology for\u{00A0}Democracy"
        date: '2023-03-29'
        source_url: https://example.gov/x
        ---

        # Heading

        The first wave promised that new technologies
        would support [*democracy*](https://example.gov/d) and human rights. <span>Raw</span> tags go.

        - First item with \\-- escapes
        - Second item ![img](a.png)

        THE PRESIDENT: Thank you. (Applause.)
        """
        let doc = try Ingestor.ingest(bytes: Array(md.utf8), path: "f.md")
        #expect(doc.title?.value == "FACT SHEET: Advancing Technology for Democracy")
        #expect(doc.title?.source == "front matter title")
        #expect(doc.date == Field("2023-03-29", source: "front matter date"))
        #expect(doc.url?.value == "https://example.gov/x")
        #expect(doc.blocks.map(\.text) == [
            "Heading",
            "The first wave promised that new technologies would support democracy and human rights. Raw tags go.",
            "First item with -- escapes",
            "Second item",
            "THE PRESIDENT: Thank you.",
        ])
        #expect(doc.blocks.map(\.kind) == [.heading, .paragraph, .listItem, .listItem, .paragraph])
    }

    @Test func rawHTMLIsReadByLibxml2() throws {
        let md = """
        Computing power greater than 10<sup>26</sup> operations, said the order<sup>3</sup>.

        <figure>
        <img
        src="https://example.gov/image.gif"
        title="Anchor" class="wp-image-1" />
        </figure>

        AT&amp;T and <span class="x">R&amp;D</span> <em>matter</em>.<script>var x = 1;</script>
        """
        let doc = try Ingestor.ingest(bytes: Array(md.utf8), path: "h.md")
        #expect(doc.blocks.map(\.text) == [
            "Computing power greater than 10^26 operations, said the order.",
            "AT&T and R&D matter.",
        ])
    }

    @Test func pageBreakInsideAParagraphIsJoined() throws {
        let txt = "1 \n\nAI will advance the release of\n\n2 \n\n\u{0C}huge energy stored in industry.\n\n\u{0C}A new page starts here.\n\n● By 2020 China will lead\n"
        let doc = try Ingestor.ingest(bytes: Array(txt.utf8), path: "p.txt")
        #expect(doc.blocks.map(\.text) == ["AI will advance the release of huge energy stored in industry.",
                                           "A new page starts here.", "By 2020 China will lead"])
        #expect(doc.blocks.map(\.kind) == [.paragraph, .paragraph, .listItem])
    }

    @Test func plainTextDropsPageNumbers() throws {
        let txt = "A New Generation AI Plan\n\n12\n\nThe plan supports\nindustry.\n\n- 13 -\n"
        let doc = try Ingestor.ingest(bytes: Array(txt.utf8), path: "p.txt")
        #expect(doc.blocks.map(\.text) == ["A New Generation AI Plan", "The plan supports industry."])
    }

    @Test func jsonlRecordByLine() throws {
        let jsonl = """
        {"title": "2016年政府工作报告", "content": "各位代表：\\n\\n现在，我代表国务院。", "year": 2016, "url": "u1"}
        {"title": "决议", "content": "大会决议。"}
        """
        let doc = try Ingestor.ingest(bytes: Array(jsonl.utf8), path: "r.jsonl", record: 1)
        #expect(doc.format == .jsonl)
        #expect(doc.title?.value == "2016年政府工作报告")
        #expect(doc.date?.value == "2016")
        #expect(doc.text == "各位代表：\n\n现在，我代表国务院。")
        #expect(doc.recordContent == "各位代表：\n\n现在，我代表国务院。")
        #expect(throws: IngestError.self) { _ = try Ingestor.ingest(bytes: Array(jsonl.utf8), path: "r.jsonl", record: 5) }
    }

    @Test func wikisourceTrailerIsCut() throws {
        let txt = "政府工作报告正文。\n\n本作品在全世界都属于公有领域，因为作者逝世已经超过100年。\n"
        let doc = try Ingestor.ingest(bytes: Array(txt.utf8), path: "w.txt")
        #expect(doc.text == "政府工作报告正文。")
    }
}
