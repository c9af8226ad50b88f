import Foundation
import Testing
@testable import PolframeMake

@Suite struct EvidenceTests {
    @Test func kwicFindsPatternsAsLexiconEntriesMatch() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let engine = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        let privacy = try engine.kwic("privac*")
        // An English pattern finds English text only: 隐私 in cn2 is a different form.
        #expect(privacy.map(\.docID) == ["us1"])
        #expect(privacy.first?.match == "privacy")
        #expect(try engine.kwic("隐私").map(\.docID) == ["cn2"])
    }

    @Test func whyNamesDocumentsEntriesAndContexts() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let engine = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        let why = try engine.why(country: "US", year: 2021, frame: "values_based")
        #expect(why.summary.hasPrefix("US 2021 values_based: 1 documents"))
        let doc = try #require(why.documents.first)
        #expect(doc.docID == "us1")
        #expect(Set(doc.entries.map(\.0)) == ["human rights", "privac*"])
        #expect(doc.examples.contains { $0.contains("[human rights]") })
        #expect(throws: MakeError.self) { _ = try engine.why(country: "US", year: 1999, frame: "values_based") }
    }

    @Test func coverageListsEveryEntry() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let coverage = try Fixtures.read(dir + "/out/coverage.csv")
        #expect(coverage.contains("ai-governance-framing,values_based,ethics_rights,human rights,en,1.000,1,1"))
        #expect(coverage.contains(",0,0\n"))  // entries never hit are listed with zero
    }
}
