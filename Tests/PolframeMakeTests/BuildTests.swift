import Foundation
import PolframeScore
import Testing
@testable import PolframeMake

@Suite struct BuildTests {
    static let bomb = """
    <?xml version="1.0"?>
    <!DOCTYPE lolz [
     <!ENTITY lol "lol">
     <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
     <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
     <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
     <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
     <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
     <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
     <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
     <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
     <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
    ]>
    <lolz><p>&lol9;</p></lolz>
    """

    /// A corpus with good documents in three formats and four bad files.
    static func corpus() throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("<html><body><p>We protect human rights and privacy. We build infrastructure.</p></body></html>", dir + "/docs/us1.html")
        try Fixtures.write("---\ntitle: Plan\n---\n\nDemocracy and trust, with allies and partners.\n", dir + "/docs/us2.md")
        try Fixtures.write("<?xml version=\"1.0\"?><doc><title>规划</title><p>加快数据中心和算力基础设施建设，推动数字经济发展。</p></doc>", dir + "/docs/cn1.xml")
        try Fixtures.write("<!DOCTYPE html><html><head><title>Truncated</title><script>var a = \"", dir + "/docs/bad.html")
        try Fixtures.write("", dir + "/docs/empty.md")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00]).write(to: URL(fileURLWithPath: dir + "/docs/binary.html"))
        try Fixtures.write(bomb, dir + "/docs/bomb.xml")
        let manifest = """
        id\tpath\tcountry\tdate\tlanguage\ttitle\tissuer\turl\tsha256
        us1\tus1.html\tUS\t2021-05-01\ten\t\t\t\t
        us2\tus2.md\tUS\t2022\ten\t\t\t\t
        cn1\tcn1.xml\tCN\t2021-03-05\tzh\t\t\t\t
        bad\tbad.html\tUS\t2021\ten\t\t\t\t
        empty\tempty.md\tUS\t2021\ten\t\t\t\t
        binary\tbinary.html\tCN\t2021\tzh\t\t\t\t
        bomb\tbomb.xml\tCN\t2022\tzh\t\t\t\t
        missing\tnot-there.md\tCN\t2022\tzh\t\t\t\t
        """
        try Fixtures.write(manifest + "\n", dir + "/manifest.tsv")
        try Fixtures.write("""
        name: fixture
        corpus: {root: docs, manifest: manifest.tsv}
        lexicons: [\(Fixtures.lexicon)]
        contrast: {plus: values_based, minus: development_centric}
        series: {bootstrap: {replicates: 100, seed: 7}}
        output: out
        """, dir + "/fixture.yaml")
        return dir
    }

    @Test func badDocumentsAreSkippedRowsWhileTheRestIsScored() throws {
        let dir = try Self.corpus()
        let engine = try Engine(pipeline: try Pipeline.load(path: dir + "/fixture.yaml"))
        let report = try engine.make(MakeOptions(jobs: 2, quiet: true))
        #expect(report.documents == 8)
        #expect(report.scored == 3)
        #expect(report.skipped.count == 5)
        let docs = Fixtures.rows(try Fixtures.read(dir + "/out/documents.csv"))
        let header = docs[0]
        let status = header.firstIndex(of: "status")!
        let byID = Dictionary(uniqueKeysWithValues: docs.dropFirst().map { ($0[0], $0[status]) })
        #expect(byID["us1"] == "ok" && byID["us2"] == "ok" && byID["cn1"] == "ok")
        #expect(byID["bad"]?.hasPrefix("skipped: no text extracted") == true)
        #expect(byID["empty"] == "skipped: empty file")
        #expect(byID["binary"] == "skipped: unsupported format (PNG image): convert it to PDF/DOCX/ODT/HTML/text first")
        #expect(byID["bomb"]?.hasPrefix("skipped: malformed at line") == true)
        #expect(byID["missing"] == "skipped: file not found")
        for f in ["documents.csv", "scores.csv", "series.csv", "contrast.csv", "matches.csv", "figures/contrast.svg", "polframe.lock"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/out/" + f), "\(f) missing")
        }
        let contrast = Fixtures.rows(try Fixtures.read(dir + "/out/contrast.csv"))
        #expect(contrast.map { $0[0] + "," + $0[1] } == ["country,year", "CN,2021", "US,2021", "US,2022"])
        let matches = try Fixtures.read(dir + "/out/matches.csv")
        #expect(matches.contains("us1,values_based,ethics_rights,human rights,en,"))
        #expect(matches.contains("算力"))
    }

    @Test func outputsAreByteIdenticalWhateverTheJobs() throws {
        let dir = try Self.corpus()
        let p1 = try Pipeline.load(path: dir + "/fixture.yaml")
        _ = try Engine(pipeline: p1).make(MakeOptions(jobs: 1, quiet: true))
        let first = try ["documents.csv", "scores.csv", "series.csv", "contrast.csv", "matches.csv", "figures/contrast.svg", "polframe.lock"]
            .map { try Fixtures.read(dir + "/out/" + $0) }
        _ = try Engine(pipeline: p1).make(MakeOptions(jobs: 4, rebuildAll: true, quiet: true))
        let second = try ["documents.csv", "scores.csv", "series.csv", "contrast.csv", "matches.csv", "figures/contrast.svg", "polframe.lock"]
            .map { try Fixtures.read(dir + "/out/" + $0) }
        #expect(first == second)
    }

    @Test func checksumMismatchSkipsTheDocument() throws {
        let dir = try Self.corpus()
        var manifest = try Fixtures.read(dir + "/manifest.tsv")
        manifest = manifest.replacingOccurrences(of: "us1\tus1.html\tUS\t2021-05-01\ten\t\t\t\t", with: "us1\tus1.html\tUS\t2021-05-01\ten\t\t\t\t" + String(repeating: "0", count: 64))
        try Fixtures.write(manifest, dir + "/manifest.tsv")
        let report = try Engine(pipeline: try Pipeline.load(path: dir + "/fixture.yaml")).make(MakeOptions(jobs: 1, quiet: true))
        #expect(report.skipped.first { $0.id == "us1" }?.status == "skipped: sha256 mismatch")
    }
}
