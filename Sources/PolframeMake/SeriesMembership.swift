import Foundation
import PolframeScore

/// Which documents the series, contrast and figures count, and why the others are left out:
/// nothing read is dropped without a word (documents.csv's `in_series`, make's summary, status).
public enum SeriesMembership {
    /// Why each row is left out of the series (nil: it is counted), by row position. In order:
    /// skipped; the same extracted text as a document before it in id order (counted once);
    /// no date; an empty group field.
    static func exclusions(_ rows: AggregateRows, groupFields: [String]) -> [String?] {
        var firstWithText: [String: String] = [:]
        return rows.map { r -> String? in
            if r.meta?.skipReason != nil || r.score == nil { return "skipped" }
            let text = r.state.ingestText
            if !text.isEmpty {
                if let first = firstWithText[text] { return "duplicate of \(first)" }
                firstWithText[text] = r.entry.id
            }
            if r.year == nil { return "undated" }
            for field in groupFields where r.group(field).isEmpty { return "no \(field)" }
            return nil
        }
    }

    /// The documents a documents.csv leaves out of the series, with why (`in_series` `no: …`):
    /// what make's summary and `status` name, read back from the last make's output.
    public static func leftOut(outputDirectory: String) -> [(id: String, reason: String)] {
        // Two columns of the whole table, on the no-op path of make: the one-pass parser, not
        // typed rows (decoding every column of every row made a no-op make 9 ms slower at 3,000
        // documents).
        guard let text = try? String(contentsOfFile: outputDirectory + "/" + DocumentsTable.fileName, encoding: .utf8),
              let table = CSVTable.parse(text), let ids = table.column("doc_id"), let member = table.column("in_series") else { return [] }
        return zip(ids, member).compactMap { id, m in m.hasPrefix("no: ") ? (id, String(m.dropFirst(4))) : nil }
    }
}

extension Engine {
    /// Documents the last make left out of the series, with why.
    public var leftOutOfSeries: [(id: String, reason: String)] { SeriesMembership.leftOut(outputDirectory: outputDirectory) }
}
