import Foundation
import Testing
@testable import PolframeIngest

/// One record of a JSON Lines file is one document; every bad record names the file and line.
@Suite struct JSONLReaderTests {
    static let file = Array("""
        {"content": "First record about trust.", "title": "One", "date": "2021-05-01", "url": "https://example.org/1"}
        {"text": "Second record.", "year": 2019}
        not json at all
        {"title": "no content"}
        {"body": "第三条记录。"}

        """.utf8)

    @Test func eachRecordIsADocumentWithItsMetadata() throws {
        let one = try Ingestor.ingest(bytes: Self.file, path: "c.jsonl", format: .jsonl, record: 1)
        #expect(one.format == .jsonl)
        #expect(one.text == "First record about trust.")
        #expect(one.title?.value == "One" && one.title?.source == "record title")
        #expect(one.date?.value == "2021-05-01" && one.date?.source == "record date")
        #expect(one.url?.value == "https://example.org/1")
        #expect(one.recordContent == "First record about trust.")
        let two = try JSONLReader.read(Self.file, path: "c.jsonl", record: 2)
        #expect(two.text == "Second record.")
        #expect(two.date?.value == "2019" && two.date?.source == "record year")
        #expect(try JSONLReader.read(Self.file, path: "c.jsonl", record: 5).text == "第三条记录。")
    }

    @Test func badRecordsNameTheFileAndLine() {
        func failure(_ record: Int, maxBytes: Int = 1 << 20) -> (path: String, line: Int, detail: String)? {
            do { _ = try JSONLReader.read(Self.file, path: "c.jsonl", record: record, maxBytes: maxBytes); return nil } catch {
                if case let .badRecord(path, line, detail) = error { return (path, line, detail) }
                return nil
            }
        }
        #expect(failure(3)?.line == 3 && failure(3)?.detail.hasPrefix("not JSON") == true)
        #expect(failure(4)?.detail == "no string field content, text or body")
        #expect(failure(9)?.detail.contains("only") == true)
        #expect(failure(1, maxBytes: 10)?.detail.hasPrefix("too large") == true)
        #expect(failure(3)?.path == "c.jsonl")
        let deep = Array(("{\"content\": " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}\n").utf8)
        do { _ = try JSONLReader.read(deep, path: "d.jsonl", record: 1); Issue.record("a record nested 5000 deep was read") } catch {
            #expect(error.description.contains("d.jsonl"))
        }
    }
}
