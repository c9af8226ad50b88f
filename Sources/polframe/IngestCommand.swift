import ArgumentParser
import Foundation
import PolframeIngest

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Show what polframe reads from files: main text blocks and metadata with their sources."
    )

    @Argument(help: "Files to read.")
    var files: [String]

    @Flag(name: .long, help: "One JSON object per file (path, text, title, date, date_source, language, encoding, encoding_source, status).")
    var json = false

    @Option(name: .long, help: "For a JSONL file: the record (line number) to read; for a Federal Register issue: the position of one of its documents. Without it an issue is shown document by document, each with its record number.")
    var record: Int?

    func run() throws {
        var out = JSONLineWriter()
        var failures = 0
        for file in files {
            let docs: [(Document, Int?)]
            do throws(IngestError) {
                if record == nil, DocumentFormat.from(path: file) == .xml {
                    let all = try Ingestor.ingestAll(file: file)
                    docs = all.enumerated().map { ($1, all.count > 1 ? $0 + 1 : nil) }
                } else {
                    docs = [(try Ingestor.ingest(file: file, record: record), record)]
                }
            } catch {
                failures += 1
                if json {
                    try printJSON(&out, file: file, doc: nil, status: "skipped: \(error.reason)")
                } else {
                    printError("polframe: \(error.description)")
                }
                continue
            }
            for (doc, n) in docs {
                if json { try printJSON(&out, file: file, doc: doc, status: "ok", record: n) } else { show(doc, record: n) }
            }
        }
        try out.flush()
        if failures > 0 && !json { throw ExitCode(1) }
    }

    private func show(_ doc: Document, record: Int? = nil) {
        print("== \(doc.path) (\(doc.format.rawValue)\(record.map { ", record \($0)" } ?? ""))")
        if let kind = doc.kind { print("kind: \(kind)") }
        if let id = doc.identifier { print("identifier: \(id.value) [\(id.source)]") }
        print("encoding: \(doc.encoding) [\(doc.encodingSource)]\(doc.invalidBytes > 0 ? ", \(doc.invalidBytes) undecodable bytes from byte \(doc.firstInvalidByte ?? 0)" : "")")
        for (name, field) in [("title", doc.title), ("date", doc.date), ("issuer", doc.issuer), ("language", doc.language), ("url", doc.url)] {
            print("\(name): \(field.map { "\($0.value) [\($0.source)]" } ?? "-")")
        }
        for w in doc.warnings { print("warning: \(w)") }
        print("blocks: \(doc.blocks.count)")
        for b in doc.blocks { print("[\(b.kind.rawValue)] \(b.text)") }
        print("")
    }

    /// One line of JSON: keys in sorted order, null where a field is unknown.
    private func printJSON(_ out: inout JSONLineWriter, file: String, doc: Document?, status: String, record: Int? = nil) throws {
        out.begin()
        out.field("date", doc?.date.flatMap { $0.value.count == 10 ? $0.value : nil })
        out.field("date_source", doc?.date?.source)
        // The date as found, also when only YYYY or YYYY-MM is known.
        out.field("date_value", doc?.date?.value)
        out.field("encoding", doc?.encoding)
        out.field("encoding_source", doc?.encodingSource)
        out.field("format", doc?.format.rawValue)
        if let id = doc?.identifier?.value { out.field("identifier", id) }
        out.field("language", doc?.language?.value)
        out.field("path", file)
        if let record { out.field("record", record) }
        out.field("status", status)
        out.field("text", doc?.text)
        out.field("title", doc?.title?.value)
        try out.end()
    }
}
