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

@Suite struct MarkdownReaderEdgeTests {
    @Test func frontMatterVariants() throws {
        // Closed by "...", with spaces around the closing line, or empty.
        let dots = try Ingestor.ingest(bytes: Array("---\ntitle: Dots\n...\nBody text.\n".utf8), path: "a.md")
        #expect(dots.title == Field("Dots", source: "front matter title"))
        #expect(dots.text == "Body text.")
        let spaced = try Ingestor.ingest(bytes: Array("---\ntitle: Spaced\n  ---  \nBody.".utf8), path: "b.md")
        #expect(spaced.title?.value == "Spaced")
        #expect(spaced.text == "Body.")
        let empty = try Ingestor.ingest(bytes: Array("---\n---\n# Only heading\n".utf8), path: "c.md")
        #expect(empty.title == Field("Only heading", source: "first heading"))
        // Never closed: the dashes are a rule, the rest is text.
        let open = try Ingestor.ingest(bytes: Array("---\ntitle: Open\n\nText.\n".utf8), path: "d.md")
        #expect(open.title == nil)
        #expect(open.text == "title: Open\n\nText.")
        // Front matter ending the file leaves no text.
        #expect(throws: IngestError.self) { _ = try Ingestor.ingest(bytes: Array("---\ntitle: x\n---".utf8), path: "e.md") }
        // Plain text never has front matter.
        let txt = try Ingestor.ingest(bytes: Array("---\ntitle: T\n---\nBody.\n".utf8), path: "f.txt")
        #expect(txt.title == nil)
        #expect(txt.text == "--- title: T --- Body.")
    }

    @Test func crlfReadsLikeLF() throws {
        let lf = "---\ntitle: \"T\"\ndate: 2024-05-01\n---\n\n# Head\n\nOne line\ntwo line.\n\n- item\n\n| a | b |\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try Ingestor.ingest(bytes: Array(lf.utf8), path: "x.md")
        let b = try Ingestor.ingest(bytes: Array(crlf.utf8), path: "x.md")
        #expect(b.blocks == a.blocks)
        #expect(b.title == a.title && b.date == a.date)
        #expect(a.blocks.map(\.kind) == [.heading, .paragraph, .listItem, .tableRow])
        let t = try Ingestor.ingest(bytes: Array("12\r\n\r\nA plan\r\nfor all.\r\n".utf8), path: "p.txt")
        #expect(t.blocks.map(\.text) == ["A plan for all."])
    }

    @Test func hanTextLinksAndComments() throws {
        let md = "中文[链接](http://x.cn/a)文字\n第二行。<!-- 注释 -->结束\n\n![图](a.png)十二\n\n[标签]{.class} 和 **强调**。\n"
        let doc = try Ingestor.ingest(bytes: Array(md.utf8), path: "zh.md")
        #expect(doc.blocks.map(\.text) == ["中文链接文字第二行。结束", "十二", "标签和强调。"])
    }

    @Test func hanAndArabicPageNumbers() throws {
        // A line of Arabic-Indic or full-width digits is a page number; Han numerals are text.
        let txt = "第一章\n\n٣\n\n十二\n\n３\n\n- ٤ -\n"
        let doc = try Ingestor.ingest(bytes: Array(txt.utf8), path: "n.txt")
        #expect(doc.blocks.map(\.text) == ["第一章", "十二"])
    }

    @Test func linkSyntaxEdges() throws {
        let md = "[a [b](c) and [d]( unclosed and [e] (f) and \\[g\\](h) and [[i]](j)\n"
        let doc = try Ingestor.ingest(bytes: Array(md.utf8), path: "l.md")
        // A link runs to the first `]` and its target to the first `)`; `[[i]](j)` has no `](`.
        #expect(doc.text == "a [b and d and \\g\\ and [[i]](j)")
    }
}
