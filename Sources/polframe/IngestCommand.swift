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
        var failures = 0
        for file in files {
            do {
                if record == nil, DocumentFormat.from(path: file) == .xml {
                    let docs = try Ingestor.ingestAll(file: file)
                    for (i, doc) in docs.enumerated() {
                        let n = docs.count > 1 ? i + 1 : nil
                        if json { printJSON(file: file, doc: doc, status: "ok", record: n) } else { show(doc, record: n) }
                    }
                    continue
                }
                let doc = try Ingestor.ingest(file: file, record: record)
                if json { printJSON(file: file, doc: doc, status: "ok", record: record) } else { show(doc, record: record) }
            } catch {
                failures += 1
                if json {
                    printJSON(file: file, doc: nil, status: "skipped: \(error.reason)")
                } else {
                    printError("polframe: \(error.description)")
                }
            }
        }
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

    private func printJSON(file: String, doc: Document?, status: String, record: Int? = nil) {
        var o: [String: Any] = ["path": file, "status": status]
        if let record { o["record"] = record }
        if let id = doc?.identifier?.value { o["identifier"] = id }
        o["text"] = doc?.text ?? NSNull()
        o["title"] = doc?.title?.value ?? NSNull()
        o["date"] = doc?.date.flatMap { $0.value.count == 10 ? $0.value : nil } ?? NSNull()
        o["date_source"] = doc?.date?.source ?? NSNull()
        // The date as found, also when only YYYY or YYYY-MM is known.
        o["date_value"] = doc?.date?.value ?? NSNull()
        o["language"] = doc?.language?.value ?? NSNull()
        o["encoding"] = doc?.encoding ?? NSNull()
        o["encoding_source"] = doc?.encodingSource ?? NSNull()
        o["format"] = doc?.format.rawValue ?? NSNull()
        if let data = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes]) {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}
