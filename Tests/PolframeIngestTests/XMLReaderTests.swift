import Foundation
import Testing
@testable import PolframeIngest

/// Generic XML: elements become blocks; title, date, issuer and language come from named
/// elements and attributes; what is not XML is an error with its line and column.
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
        // Inline markup should stay inside its paragraph (an element with text siblings is
        // inline, says XMLReader), but <b> inside <p> comes out as three paragraphs.
        withKnownIssue("XMLReader splits inline elements of a paragraph into blocks of their own") {
            #expect(d.blocks.contains { $0.text == "加强安全评估。" })
        }
        #expect(!d.text.contains("国务院"), "the issuer element is metadata, not text")
    }

    @Test func malformedAndEmptyXMLAreErrorsWithTheirPlace() {
        do { _ = try Ingestor.ingest(bytes: Array("<doc>\n<p>open</doc>".utf8), path: "bad.xml"); Issue.record("malformed XML was read") } catch {
            guard case let .malformed(path, line, _, _) = error else { Issue.record("expected malformed, got \(error)"); return }
            #expect(path == "bad.xml" && line >= 1)
        }
        #expect(throws: IngestError.self) { try Ingestor.ingest(bytes: Array("<doc><title></title><p>  </p></doc>".utf8), path: "empty.xml") }
    }
}
