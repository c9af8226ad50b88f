import Testing
import Foundation
@testable import PolframeIngest
@testable import PolframeLexicon
@testable import PolframeMake
@testable import PolframeScore

/// Issue 13 items 11, 13, 14 and the parser messages of 16.
@Suite struct InputLimitTests {
    static let base = "name: x\ncorpus: {manifest: m.tsv}\nlexicons: [l.yaml]\n"

    static func problems(_ pipeline: String) -> [Problem] {
        do {
            _ = try Pipeline.parse(pipeline, path: "p.yaml")
            return []
        } catch {
            guard case let .invalidInputs(p) = error else { return [] }
            return p
        }
    }

    @Test func jsonlRecordsObeyMaxBytes() {
        let big = "{\"title\": \"Big\", \"content\": \"" + String(repeating: "ethics and rights ", count: 1 << 16) + "\"}\n"
        let small = "{\"title\": \"Small\", \"content\": \"A short record about ethics.\"}\n"
        let bytes = Array((small + big).utf8)
        let options = IngestOptions(maxBytes: 64 << 10)
        #expect((try? Ingestor.ingest(bytes: bytes, path: "r.jsonl", record: 1, options: options)) != nil)
        do {
            _ = try Ingestor.ingest(bytes: bytes, path: "r.jsonl", record: 2, options: options)
            Issue.record("a record over max_bytes was read")
        } catch {
            #expect(error.path == "r.jsonl")
            #expect(error.reason.hasPrefix("bad record 2 (too large ("))
            #expect(error.reason.contains("limit 65536"))
        }
    }

    @Test func pipelineNumbersAreRangeChecked() {
        let p = Self.problems(Self.base + """
        ingest: {max_bytes: 0}
        passage_filter: {frame: topic, window: 9223372036854775807}
        series: {min_documents: -1, bootstrap: {replicates: 0, level: nan, seed: 1.5}}
        """)
        let text = p.map(\.description).joined(separator: "\n")
        #expect(text.contains("p.yaml:4:"))
        #expect(text.contains("ingest.max_bytes must be between 1 and"))
        #expect(text.contains("passage_filter.window must be between 0 and 1000"))
        #expect(text.contains("series.min_documents must be between 0 and"))
        #expect(text.contains("replicates must be between 1 and 100000"))
        #expect(text.contains("level must be between 0 and 1"))
        #expect(text.contains("seed must be a whole number"))
        // Each number is reported once.
        #expect(p.filter { $0.message.contains("replicates") }.count == 1)
        #expect(Self.problems(Self.base + "ingest: {max_bytes: -5}\n").count == 1)
        #expect(Self.problems(Self.base + "passage_filter: {frame: t, window: 1000}\nseries: {min_documents: 0}\n").isEmpty)
    }

    @Test func spreadsheetFormulasArePrefixedOnlyWhenAsked() throws {
        var t = CSVTable(header: ["doc_id", "title", "weighted"])
        t.append(["d1", "=HYPERLINK(\"http://x\",\"y\")", "-0.500"])
        t.append(["d2", "+cmd|' /C calc'!A0", "1e-9"])
        t.append(["d3", "-2+3", "+3"])
        t.append(["d4", "@SUM(A1)", "0"])
        t.append(["d5", "\tTAB", ""])
        t.append(["d6", "plain, with a comma", "12.5"])
        let exact = t.text
        #expect(exact.contains("\n\"=HYPERLINK") == false && exact.contains(",\"=HYPERLINK"))
        let safe = CSVFormulaGuard.protect(exact)
        #expect(safe == """
        doc_id,title,weighted
        d1,"'=HYPERLINK(""http://x"",""y"")",-0.500
        d2,'+cmd|' /C calc'!A0,1e-9
        d3,'-2+3,+3
        d4,'@SUM(A1),0
        d5,'\tTAB,
        d6,"plain, with a comma",12.5

        """)
        // The pipeline option: off by default, on when asked, and a typo is refused.
        #expect(try Pipeline.parse(Self.base, path: "p.yaml").excelSafe == false)
        #expect(try Pipeline.parse(Self.base + "csv: {excel_safe: true}\n", path: "p.yaml").excelSafe == true)
        #expect(Self.problems(Self.base + "csv: {excel: true}\n").first?.message.contains("unknown key 'excel'") == true)
    }

    @Test func deeplyNestedJSONIsSaidAsSuch() {
        let deep = "{\"content\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}\n"
        do {
            _ = try Ingestor.ingest(bytes: Array(deep.utf8), path: "d.jsonl", record: 1)
            Issue.record("deep JSON was read")
        } catch {
            #expect(error.reason == "bad record 1 (JSON nested deeper than 512 levels at byte 524 of the line)")
        }
    }

    @Test func deepXMLDoesNotSuggestAnOptionUsersCannotSet() {
        let xml = "<?xml version=\"1.0\"?>" + String(repeating: "<d>", count: 300) + "text" + String(repeating: "</d>", count: 300)
        do {
            _ = try Ingestor.ingest(bytes: Array(xml.utf8), path: "deep.xml")
            Issue.record("300 levels of XML were read")
        } catch {
            #expect(!error.reason.contains("XML_PARSE_HUGE"))
            #expect(error.reason.contains("nested deeper than 256 levels"))
            #expect(error.description.hasPrefix("deep.xml:1:"))
        }
    }

    @Test func invalidUTF8InALexiconOrManifestNamesTheByte() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("polframe-sec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lexicon = Array("name: x\nversion: '1'\nframes:\n  f:\n    label: \"caf".utf8)
        lexicon += [0xE9, 0x22, 0x0A]  // Latin-1 é, at byte 49
        lexicon += Array("    categories:\n      c:\n        entries: [{en: ethics}]\n".utf8)
        try Data(lexicon).write(to: URL(fileURLWithPath: dir + "/l.yaml"))
        // Not UTF-8: read as Windows-1252 (dictionaries are often distributed so), and said so
        // with the encoding and the first byte that is not UTF-8.
        do {
            let lex = try Lexicon.load(path: dir + "/l.yaml", format: nil)
            let said = lex.warnings.map(\.description).joined(separator: "\n")
            #expect(said.contains("Windows-1252") && said.contains("49"), "\(said)")
            #expect(lex.frames.first?.label == "café")
        } catch {
            Issue.record("a Windows-1252 lexicon was refused: \(error)")
        }
        // A manifest saved as UTF-16 with a BOM is read; one with a lone surrogate is refused.
        let manifest = "id\tpath\nd1\tdocs/a.txt\n"
        try Data([0xFF, 0xFE] + Array(manifest.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: dir + "/m.tsv"))
        #expect(try Manifest.load(path: dir + "/m.tsv").map(\.id) == ["d1"])
        try Data([0xFF, 0xFE, 0x69, 0x00, 0x00, 0xD8, 0x64, 0x00]).write(to: URL(fileURLWithPath: dir + "/bad.tsv"))
        do {
            _ = try Manifest.load(path: dir + "/bad.tsv")
            Issue.record("a manifest with a lone surrogate was read")
        } catch {
            #expect(error.description.contains("invalid UTF-16 (an unpaired surrogate) at byte 4"))
        }
    }
}
