import Foundation
import Testing
@testable import PolframeIngest

/// Generic XML: elements become blocks, except those in running text (mixed content), which stay
/// in their paragraph; title, date, issuer and language come from named elements and attributes;
/// what is not XML is an error with its line and column.
@Suite struct XMLReaderTests {
    @Test func metadataComesFromConventionalElements() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <doc lang="zh-CN"><headline>国家人工智能规划</headline><pubdate>2017年7月8日</pubdate><agency>国务院</agency>
            <section><p>推动人工智能发展。</p><p>加强<b>安全</b>评估。</p></section></doc>
            """
        let d = try Ingestor.ingest(bytes: Array(xml.utf8), path: "plan.xml")
        #expect(d.format == .xml)
        #expect(d.title?.value == "国家人工智能规划" && d.title?.source == "element <headline>")
        #expect(d.date?.value == "2017-07-08" && d.date?.source == "element <pubdate>")
        #expect(d.issuer?.value == "国务院")
        #expect(d.language?.value == "zh" && d.language?.source == "xml:lang")
        #expect(d.blocks.first?.kind == .heading)
        // <b> has text siblings: it is inline, and its text stays in the paragraph.
        #expect(d.blocks.contains { $0.text == "加强安全评估。" })
        #expect(!d.blocks.contains { $0.text == "安全" })
        #expect(!d.text.contains("国务院"), "the issuer element is metadata, not text")
    }

    /// The paragraphs of `body`, read as the body of a generic XML document.
    static func paragraphs(_ body: String) throws -> [String] {
        let d = try Ingestor.ingest(bytes: Array("<?xml version=\"1.0\"?><doc>\(body)</doc>".utf8), path: "mixed.xml")
        return d.blocks.map(\.text)
    }

    @Test func inlineElementsNestedInRunningTextJoinTheParagraph() throws {
        #expect(try Self.paragraphs("<p>a<b>b<i>c</i></b>d</p>") == ["abcd"])
        // <b> holds no text of its own, but it sits in running text: <i> does too.
        #expect(try Self.paragraphs("<p>加强<b><i>安全</i></b>评估。</p>") == ["加强安全评估。"])
        #expect(try Self.paragraphs("<p>保障<b>数据<i>安全</i></b>。</p>") == ["保障数据安全。"])
    }

    @Test func inlineElementsAtTheStartOrEndOfAParagraph() throws {
        #expect(try Self.paragraphs("<p><b>数据</b>安全</p>") == ["数据安全"])
        #expect(try Self.paragraphs("<p>数据<b>安全</b></p>") == ["数据安全"])
        #expect(try Self.paragraphs("<p><em>human</em> rights</p>") == ["human rights"])
        #expect(try Self.paragraphs("<p>civil <em>rights</em></p>") == ["civil rights"])
    }

    @Test func whiteSpaceBetweenInlineElementsIsTheSource() throws {
        // Words keep the spaces the source has, and get none it has not.
        #expect(try Self.paragraphs("<p>protect <em>human</em> <b>rights</b> now</p>") == ["protect human rights now"])
        #expect(try Self.paragraphs("<p>the <b>data</b>set</p>") == ["the dataset"])
        // No space is invented between CJK characters, even for a line break in the source.
        #expect(try Self.paragraphs("<p>推动<b>人工智能</b>\n<i>发展</i>。</p>") == ["推动人工智能发展。"])
    }

    @Test func elementsWithoutTextSiblingsAreStillBlocks() throws {
        let xml = """
            <section>
              <p>第一段。</p>
              <p>第二段。</p>
              <list><li>one</li> <li>two</li></list>
            </section>
            """
        let d = try Ingestor.ingest(bytes: Array("<doc>\(xml)</doc>".utf8), path: "blocks.xml")
        #expect(d.blocks.map(\.text) == ["第一段。", "第二段。", "one", "two"])
        #expect(d.blocks.suffix(2).allSatisfy { $0.kind == .listItem })
        // Only white space around <b>: it is not running text, so <b> is a block of its own.
        #expect(try Self.paragraphs("<div> <b>标题</b> <p>正文。</p> </div>") == ["标题", "正文。"])
    }

    @Test func textAfterAChildElementStaysInTheParagraph() throws {
        let tei = """
            <TEI><text><body><div>
              <p>See <ref target="#art5">Article 5</ref> of the law.</p>
              <p>As <persName>the Minister</persName> noted, data <hi rend="italic">security</hi> matters.</p>
            </div></body></text></TEI>
            """
        let d = try Ingestor.ingest(bytes: Array(tei.utf8), path: "tei.xml")
        #expect(d.blocks.map(\.text) == ["See Article 5 of the law.", "As the Minister noted, data security matters."])
        let docbook = "<article><section><para>Run <command>polframe make</command> first.</para></section></article>"
        #expect(try Ingestor.ingest(bytes: Array(docbook.utf8), path: "db.xml").blocks.map(\.text) == ["Run polframe make first."])
    }

    @Test func cdataInRunningTextIsText() throws {
        #expect(try Self.paragraphs("<p>Use <code><![CDATA[a < b]]></code> here.</p>") == ["Use a < b here."])
        // CDATA is text of the paragraph too: the <b> beside it is inline.
        #expect(try Self.paragraphs("<p><![CDATA[数据]]><b>安全</b></p>") == ["数据安全"])
    }

    @Test func malformedAndEmptyXMLAreErrorsWithTheirPlace() {
        do { _ = try Ingestor.ingest(bytes: Array("<doc>\n<p>open</doc>".utf8), path: "bad.xml"); Issue.record("malformed XML was read") } catch {
            guard case let .malformed(path, line, _, _) = error else { Issue.record("expected malformed, got \(error)"); return }
            #expect(path == "bad.xml" && line >= 1)
        }
        #expect(throws: IngestError.self) { try Ingestor.ingest(bytes: Array("<doc><title></title><p>  </p></doc>".utf8), path: "empty.xml") }
    }
}
