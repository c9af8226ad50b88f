import Foundation
import Testing
@testable import PolframeIngest

/// PDFs through poppler: text, reading order, headers and footers, hyphenation, CID fonts,
/// metadata, and agreement with pdftotext.
@Suite struct PDFReaderTests {
    @Test func englishTextAndMetadata() throws {
        let doc = try Ingestor.ingest(file: FormatFixtures.path("english.pdf"))
        #expect(doc.format == .pdf)
        #expect(doc.blocks.map(\.kind) == [.heading, .paragraph, .paragraph])
        #expect(doc.blocks[1].text == "This strategy commits the government to trustworthy artificial intelligence that protects human rights and privacy.")
        #expect(doc.title == Field("National Strategy for Trustworthy AI", source: "PDF metadata (Title)"))
        // reportlab's invariant mode stamps 2000-01-01: a creation date, marked as weak evidence.
        #expect(doc.date?.value == "2000-01-01")
        #expect(doc.date?.source.hasPrefix("PDF CreationDate (low confidence") == true)
        #expect(doc.issuer == Field("Office of Science Policy", source: "PDF metadata (Author)"))
        #expect(doc.language?.value == "en")
    }

    @Test func chineseCIDFontPDF() throws {
        let doc = try Ingestor.ingest(file: FormatFixtures.path("chinese.pdf"))
        #expect(doc.blocks.map(\.text) == ["新一代人工智能发展规划", "加快数据中心和算力基础设施建设，推动数字经济高质量发展。", "完善人工智能伦理规范，保护个人隐私。"])
        #expect(doc.title?.value == "新一代人工智能发展规划")
        #expect(doc.language?.value == "zh")
    }

    @Test func twoPagesWithRunningHeadersHyphensAndColumns() throws {
        let doc = try Ingestor.ingest(file: FormatFixtures.path("two_pages.pdf"))
        #expect(doc.blocks.map(\.text) == [
            "Sound data governance needs a well-known set of rules agreed with Sino-American partners over the long-term horizon of this plan.",
            "The second paragraph of page one ends here.",
            "Left column opens the argument about open research.",
            "Right column closes the argument with shared standards.",
        ])
        #expect(!doc.text.contains("Ministry of Examples") && !doc.text.contains("Confidential"))
    }

    @Test func notAPDFNamesTheFile() {
        let reason = FormatFixtures.reason { _ = try Ingestor.ingest(bytes: Array("%PDF-1.4\ngarbage".utf8), path: "broken.pdf") }
        #expect(reason?.hasPrefix("unreadable (") == true)
        let description: String? = {
            do { _ = try Ingestor.ingest(bytes: Array("%PDF-1.4\ngarbage".utf8), path: "broken.pdf"); return nil } catch let e as IngestError { return e.description } catch { return nil }
        }()
        #expect(description?.hasPrefix("broken.pdf: ") == true)
    }

    @Test func ingestIsSafeInParallel() async throws {
        let bytes = try FormatFixtures.bytes("two_pages.pdf")
        let expected = try Ingestor.ingest(bytes: bytes, path: "t.pdf").text
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<16 { group.addTask { try Ingestor.ingest(bytes: bytes, path: "t\(i).pdf").text } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(texts.allSatisfy { $0 == expected })
    }

    /// pdftotext, when installed (`.ci/run` installs poppler-utils; under CI=true it must be there).
    static func pdftotext(_ file: String) throws -> String? {
        let candidates = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("pdftotext is missing and CI=true: install poppler-utils (.ci/run does)")
            } else {
                print("skipping: pdftotext not found (apt-get install poppler-utils to compare with it)")
            }
            return nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-enc", "UTF-8", file, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Text without white space, form feeds and hyphens: what both tools must agree on
    /// (they lay out lines and undo hyphenation differently).
    static func letters(_ s: String) -> String {
        String(s.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "-" && $0 != "\u{0C}" }.map(Character.init))
    }

    @Test(arguments: ["english.pdf", "chinese.pdf", "uncompressed.pdf", "two_pages.pdf"])
    func agreesWithPdftotext(name: String) throws {
        guard let reference = try Self.pdftotext(FormatFixtures.path(name)) else { return }
        let doc = try Ingestor.ingest(file: FormatFixtures.path(name))
        // What polframe drops on purpose: running headers, footers and page numbers.
        let dropped: Set<String> = ["Ministry of Examples - Policy Paper on Data Governance", "Confidential draft for consultation", "1", "2"]
        let kept = reference.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \u{0C}")) }
            .filter { !dropped.contains($0) }.joined(separator: "\n")
        #expect(Self.letters(doc.text) == Self.letters(kept))
    }
}

/// Metadata that names a tool or a placeholder is not a title or an issuer.
@Suite struct PDFMetadataTests {
    @Test func placeholderTitlesAreDropped() {
        #expect(PDFReader.cleanTitle("(anonymous)") == nil)
        #expect(PDFReader.cleanTitle("Microsoft Word - plan_final.docx") == nil)
        #expect(PDFReader.cleanTitle("Microsoft Word - National  Plan") == "National Plan")
        #expect(PDFReader.cleanTitle("新一代人工智能发展规划") == "新一代人工智能发展规划")
    }

    @Test func creationTimesAreUTCDays() {
        #expect(PDFReader.day(946684800) == "2000-01-01")
        #expect(PDFReader.day(1700000000) == "2023-11-14")
    }
}
