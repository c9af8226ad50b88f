import Foundation
import PolframeLexicon
import PolframeScore
import PolframeText

/// `polframe export texts`: every document's extracted and normalized text with its variables,
/// for R (quanteda, readtext: a `doc_id` and a `text` column) and Python (pandas, one JSON
/// object a line). `text` is the extracted text matches.csv's `start`/`end` count into, in
/// Unicode scalars (R's `substr` and Python's `str` slices count the same units for text without
/// combining sequences split by a boundary). Read from the last make's results: nothing is
/// re-read.
public enum TextExport {
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    /// The columns before documents.csv's own (doc_id first).
    public static let leadingColumns = ["doc_id", "text", "normalized_text"]
}

extension Engine {
    /// The export's text: a row per document of the last make's documents.csv (in its order),
    /// with that file's columns after the texts. A document without a text (skipped) keeps its
    /// row with empty texts, so nothing disappears between the two files.
    public func exportTexts(_ format: TextExport.Format) throws(MakeError) -> String {
        let documentsPath = outputDirectory + "/documents.csv"
        guard let csv = try? String(contentsOfFile: documentsPath, encoding: .utf8), let table = CSVTable.parse(csv),
              table.header.first == "doc_id", table.header.contains("in_series") else {
            throw .invalidInputs([Problem(file: documentsPath, "no documents.csv of the current format: run `polframe make` first")])
        }
        let state = try readState()
        let statusColumn = table.header.firstIndex(of: "status")
        let header = TextExport.leadingColumns + table.header.dropFirst()
        var csvOut = CSVTable(header: header)
        var jsonl = ""
        for row in table.rows {
            let id = row[0]
            var text = "", normalized = ""
            let ok = statusColumn.map { row[$0] == "ok" } ?? true
            if let d = state.documents[id], let data = cache.read(.ingest, d.ingestFingerprint), let record = IngestRecord(serialized: data) {
                text = record.text
                if let a = cache.read(.analysis, d.normalizeFingerprint).flatMap({ AnalyzedText(serialized: [UInt8]($0)) }) {
                    normalized = String(decoding: a.units, as: UTF16.self)
                }
            }
            if ok && text.isEmpty {
                throw .invalidInputs([Problem(file: statePath, "the extracted text of \(id) is not in the cache: run `polframe make` again")])
            }
            let fields = [id, text, normalized] + row.dropFirst()
            switch format {
            case .csv: csvOut.append(fields)
            case .jsonl:
                jsonl += "{" + zip(header, fields).map { JSONText.string($0) + ":" + JSONText.value(column: $0, $1) }.joined(separator: ",") + "}\n"
            }
        }
        return format == .csv ? csvOut.text : jsonl
    }
}

/// The few JSON values the export writes: strings, and numbers for the numeric columns.
enum JSONText {
    static let numericColumns: Set<String> = ["year", "tokens", "sentences", "invalid_bytes", "han_share", "scored_tokens"]

    static func value(column: String, _ v: String) -> String {
        if numericColumns.contains(column) { return v.isEmpty ? "null" : (Double(v) != nil ? v : string(v)) }
        return string(v)
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
