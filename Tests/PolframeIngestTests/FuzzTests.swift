import Testing
import Foundation
@testable import PolframeIngest
@testable import PolframeFuzz

/// Seeded random mutations of HTML, XML and Markdown inputs: every result is a Document or an
/// IngestError naming the file, never a crash. Bounded (2,000 inputs) and deterministic; the
/// long run is `Tests/Benchmarks/extract_fuzz.sh`.
@Suite struct FuzzTests {
    static let seeds: [(String, String)] = [
        ("f.html", HTMLReaderTests.page),
        ("f.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE d [ <!ENTITY x "expanded"> ]>
        <FEDREG><NOTICES><NOTICE><AGENCY>Commerce</AGENCY><SUBJECT>Export rule</SUBJECT>
        <P>Text &x; with <E T="03">emphasis</E> and 2021年12月31日.</P><FRDOC>[FR Doc. 2021-1 Filed 1-1-21]</FRDOC></NOTICE></NOTICES></FEDREG>
        """),
        ("f.md", """
        ---
        title: "A title"
        date: 2023-03-29
        ---
        # Heading

        Text with <span class="x">raw</span> HTML and [a link](https://x) (Applause.)

        - item
        """),
    ]

    @Test func mutatedInputsNeverCrash() {
        var mutator = FuzzMutator(seed: 20240501)
        var documents = 0, errors = 0
        for i in 0..<2000 {
            let (path, text) = Self.seeds[i % Self.seeds.count]
            let bytes = mutator.mutate(Array(text.utf8))
            do {
                let doc = try Ingestor.ingest(bytes: bytes, path: path, options: IngestOptions(maxBytes: 1 << 20))
                #expect(!doc.blocks.isEmpty)
                documents += 1
            } catch {
                #expect(error.path == path)
                errors += 1
            }
        }
        #expect(documents + errors == 2000)
        #expect(documents > 0)
    }
}

/// Federal Register issues split into their documents (needs ../shared/corpus/fr-xml beside
/// the repository).
@Suite struct FederalRegisterTests {
    static let folder: String = {
        var repo = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { repo.deleteLastPathComponent() }
        return repo.appendingPathComponent("../shared/corpus/fr-xml").standardizedFileURL.path
    }()

    /// The corpus is there; under CI=true it must be (the tests then run and fail without it).
    static let present = FileManager.default.fileExists(atPath: folder)
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Fails where the corpus is missing: the test runs without it only under CI=true.
    static func requireCorpus(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(present, "\(folder) is missing and CI=true: the Federal Register corpus is required", sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: present || required, "needs ../shared/corpus/fr-xml beside the repository"))
    func fedregIssueSplitsIntoDocuments() throws {
        try Self.requireCorpus()
        let docs = try Ingestor.ingestAll(file: Self.folder + "/FR-2024-02-12.xml")
        #expect(docs.count > 50)
        #expect(Set(docs.compactMap(\.kind)).isSuperset(of: ["NOTICE", "RULE"]))
        let notice = try #require(docs.first { $0.kind == "NOTICE" })
        #expect(notice.date?.value == "2024-02-12")
        #expect(notice.issuer != nil && notice.title != nil)
        #expect(notice.identifier?.value.hasPrefix("2024-") == true)
        #expect(notice.path.hasSuffix("#" + (notice.identifier?.value ?? "")))
    }

    @Test(.enabled(if: present || required, "needs ../shared/corpus/fr-xml beside the repository"))
    func uslmIssueSplitsIntoDocuments() throws {
        try Self.requireCorpus()
        let docs = try Ingestor.ingestAll(file: Self.folder + "/FR-2018-02-07-uslm.xml")
        #expect(docs.count > 20)
        #expect(docs.allSatisfy { $0.date?.value == "2018-02-07" })
        #expect(docs.contains { $0.kind == "RULE" && $0.identifier?.value == "2018-02352" })
    }

    @Test(.enabled(if: present || required, "needs ../shared/corpus/fr-xml beside the repository"))
    func recordSelectsOneDocumentOfAnIssue() throws {
        try Self.requireCorpus()
        let file = Self.folder + "/FR-2024-02-12.xml"
        let all = try Ingestor.ingestAll(file: file)
        let third = try Ingestor.ingest(file: file, record: 3)
        #expect(third.path == all[2].path)
        #expect(third.text == all[2].text)
        #expect(third.identifier == all[2].identifier)
        #expect(third.text.count < all.map(\.text.count).reduce(0, +) / 4)
        #expect(throws: IngestError.self) { try Ingestor.ingest(file: file, record: all.count + 1) }
    }

    @Test func recordOnOrdinaryXMLIsAnError() {
        let xml = Array("<doc><title>T</title><p>Body.</p></doc>".utf8)
        #expect(throws: IngestError.self) { try Ingestor.ingest(bytes: xml, path: "x.xml", record: 1) }
    }

    @Test func ordinaryXMLIsOneDocument() throws {
        let docs = try Ingestor.ingestAll(bytes: Array("<doc><title>T</title><p>Body.</p></doc>".utf8), path: "x.xml")
        #expect(docs.count == 1)
    }
}
