import Testing
@testable import PolframeIngest

/// DOCX and ODT through libzip and libxml2.
@Suite struct OfficeReaderTests {
    @Test func docxParagraphsHeadingsTablesAndMetadata() throws {
        let doc = try Ingestor.ingest(file: FormatFixtures.path("sample.docx"))
        #expect(doc.format == .docx)
        #expect(doc.blocks == [
            Block(.heading, "Digital Cooperation Plan"),
            Block(.paragraph, "Partners will build resilient supply chains for semiconductors."),
            Block(.heading, "Measures"),
            Block(.paragraph, "We promote responsible innovation in every sector."),
            Block(.tableRow, "Measure Budget"),
            Block(.tableRow, "Open data portals 12 million"),
            Block(.paragraph, "人工智能治理需要国际合作。"),
        ])
        #expect(doc.title == Field("Digital Cooperation Plan", source: "DOCX metadata <title>"))
        #expect(doc.date == Field("2023-05-17", source: "DOCX metadata <created> (low confidence: when the file was made)"))
        #expect(doc.issuer == Field("Ministry of Digital Affairs", source: "DOCX metadata <creator>"))
    }

    @Test func odtWithListTableFootnoteAndMeta() throws {
        let doc = try Ingestor.ingest(file: FormatFixtures.path("sample.odt"))
        #expect(doc.format == .odt)
        #expect(doc.blocks == [
            Block(.heading, "Open Science Framework"),
            Block(.paragraph, "Researchers share data under open licences."),
            Block(.listItem, "Funders require data management plans."),
            Block(.tableRow, "Year Target"),
            Block(.tableRow, "2025 Half of all datasets open"),
            Block(.paragraph, "See the licence annex."),
        ])
        #expect(doc.title == Field("Open Science Framework", source: "ODT metadata <title>"))
        #expect(doc.date == Field("2024-02-29", source: "ODT metadata <creation-date> (low confidence: when the file was made)"))
        #expect(doc.issuer == Field("Research Council", source: "ODT metadata <creator>"))
        #expect(doc.language == Field("en", source: "ODT metadata <language>"))
    }

    @Test func uncompressedSizeIsBounded() throws {
        // The limit applies to what comes out of the zip, not to the file's size.
        let bytes = try FormatFixtures.bytes("sample.odt")
        let reason = FormatFixtures.reason { _ = try Ingestor.ingest(bytes: bytes, path: "s.odt", options: IngestOptions(maxBytes: bytes.count + 200)) }
        #expect(reason?.hasPrefix("too large (") == true)
        #expect(reason?.hasSuffix("limit \(bytes.count + 200))") == true)
    }

    @Test func brokenPackageIsReportedNotFatal() throws {
        var bytes = try FormatFixtures.bytes("sample.docx")
        bytes.removeLast(bytes.count / 2)  // the central directory is gone
        let reason = FormatFixtures.reason { _ = try Ingestor.ingest(bytes: bytes, path: "cut.docx") }
        #expect(reason?.hasPrefix("unreadable (") == true)
    }
}

/// Metadata that disagrees with the text loses to it.
@Suite struct OfficeMetadataTests {
    @Test func scriptsBeatAnEditorsDefaultLanguage() throws {
        // The ODT fixture's content.xml with Chinese text, its meta.xml still saying en-GB.
        let meta = """
        <?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:language>en-GB</dc:language></office:meta></office:document-meta>
        """
        let content = """
        <?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>推动人工智能健康发展。</text:p></office:text></office:body></office:document-content>
        """
        var root = MarkupParser.parseXML(content, path: "c").0!
        var walker = OfficeReader.Walker(layout: OfficeReader.odt)
        walker.collect(root)
        #expect(walker.blocks == [Block(.paragraph, "推动人工智能健康发展。")])
        root = MarkupParser.parseXML(meta, path: "m").0!
        var doc = Document(path: "x.odt", format: .odt, blocks: walker.blocks)
        OfficeReader.describe(&doc, meta: root, layout: OfficeReader.odt)
        #expect(doc.language == nil)
        #expect(doc.warnings == ["metadata <language> says en-GB but the text's scripts say zh: the scripts win"])
    }
}

/// A table inside a table cell is read once, as part of its cell.
@Suite struct OfficeTableTests {
    @Test func nestedTableWordsCountOnce() throws {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let xml = """
        <w:document \(w)><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>outer</w:t></w:r></w:p>\
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>\
        <w:tc><w:p><w:r><w:t>right</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>
        """
        let root = try #require(MarkupParser.parseXML(xml, path: "d").0)
        var walker = OfficeReader.Walker(layout: OfficeReader.docx)
        walker.collect(root)
        #expect(walker.blocks == [Block(.tableRow, "outer inner right")])
    }
}
