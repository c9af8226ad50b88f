import Testing
@testable import PolframeIngest

/// Formats are told by their bytes, whatever the file is called.
@Suite struct FormatSnifferTests {
    @Test(arguments: [
        ("english.pdf", SniffedFormat.supported(.pdf)),
        ("uncompressed.pdf", .supported(.pdf)),
        ("sample.docx", .supported(.docx)),
        ("sample.odt", .supported(.odt)),
        ("legacy.doc", .unsupported("legacy Microsoft Office (DOC, XLS or PPT)")),
        ("letter.rtf", .unsupported("RTF")),
        ("pixel.png", .unsupported("PNG image")),
        ("archive.zip", .unsupported("zip archive")),
    ])
    func fixturesAreRecognized(name: String, expected: SniffedFormat) throws {
        #expect(FormatSniffer.sniff(try FormatFixtures.bytes(name)) == expected)
    }

    @Test func textAndMarkupAnnounceNothing() {
        for text in ["<html><body>x</body></html>", "Big Money in politics", "BMW and BZh are words here", "{\"text\": 1}", "GIF is a format"] {
            #expect(FormatSniffer.sniff(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test func quotedPDFHeaderInTextIsNotAPDF() {
        let md = "# PDF internals\n\nEvery file starts with %PDF-1.7 and a comment line.\n"
        #expect(FormatSniffer.sniff(Array(md.utf8)) == nil)
        #expect(FormatSniffer.sniff(Array("junk\n%PDF-1.4\n1 0 obj\n%%EOF\n".utf8)) == .supported(.pdf))
    }

    @Test func signaturesCoverImagesArchivesAndBinaries() {
        let cases: [([UInt8], String)] = [
            ([0xFF, 0xD8, 0xFF, 0xE0], "JPEG image"), (Array("GIF89a".utf8) + [0, 0], "GIF image"),
            ([0x49, 0x49, 0x2A, 0x00], "TIFF image"), (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), "WebP image"),
            ([0x1F, 0x8B, 0x08], "gzip archive"), ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7z archive"),
            (Array("Rar!\u{1A}\u{07}\u{0}".utf8), "RAR archive"), ([0x7F, 0x45, 0x4C, 0x46, 2], "ELF executable"),
            (Array(repeating: 0x20, count: 257) + Array("ustar\u{0}00".utf8), "tar archive"),
        ]
        for (bytes, what) in cases { #expect(FormatSniffer.sniff(bytes) == .unsupported(what), "\(what)") }
    }

    @Test func unsupportedFormatsAreSkippedWithAdvice() throws {
        for (name, what) in [("legacy.doc", "legacy Microsoft Office (DOC, XLS or PPT)"), ("letter.rtf", "RTF"),
                             ("pixel.png", "PNG image"), ("archive.zip", "zip archive")] {
            let bytes = try FormatFixtures.bytes(name)
            // Named as text, still refused: the bytes decide.
            let reason = FormatFixtures.reason { _ = try Ingestor.ingest(bytes: bytes, path: "renamed.txt") }
            #expect(reason == "unsupported format (\(what)): convert it to PDF/DOCX/ODT/HTML/text first")
        }
    }

    @Test func uncompressedPDFIsNeverScoredAsText() throws {
        let bytes = try FormatFixtures.bytes("uncompressed.pdf")
        for name in ["u.pdf", "u.txt", "u.html", "u"] {
            let doc = try Ingestor.ingest(bytes: bytes, path: name)
            #expect(doc.format == .pdf)
            #expect(doc.text == "An uncompressed PDF still is a PDF, not text.")
        }
    }

    @Test func manifestFormatForcesTheReader() throws {
        // A PDF forced to be read as text is the user's choice: it is decoded as text.
        let doc = try Ingestor.ingest(bytes: try FormatFixtures.bytes("uncompressed.pdf"), path: "u.pdf", format: .text)
        #expect(doc.format == .text)
        #expect(DocumentFormat(label: "PDF") == .pdf && DocumentFormat(label: "docx") == .docx && DocumentFormat(label: "odt") == .odt)
    }
}
