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
        guard let table = try? DocumentsTable.read(path: outputDirectory + "/" + DocumentsTable.fileName) else { return [] }
        return table.rows.compactMap { r in r.leftOut.map { (r.docID, $0) } }
    }
}

extension Engine {
    /// Documents the last make left out of the series, with why.
    public var leftOutOfSeries: [(id: String, reason: String)] { SeriesMembership.leftOut(outputDirectory: outputDirectory) }
}
