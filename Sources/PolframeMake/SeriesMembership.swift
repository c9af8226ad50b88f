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
        guard let text = try? String(contentsOfFile: outputDirectory + "/documents.csv", encoding: .utf8),
              let table = CSVTable.parse(text), let ids = table.column("doc_id"), let member = table.column("in_series") else { return [] }
        return zip(ids, member).compactMap { id, m in m.hasPrefix("no: ") ? (id, String(m.dropFirst(4))) : nil }
    }
}

extension Engine {
    /// Documents the last make left out of the series, with why.
    public var leftOutOfSeries: [(id: String, reason: String)] { SeriesMembership.leftOut(outputDirectory: outputDirectory) }
}

/// Figures draw one line per group and call the group column `country`: a table grouped by
/// several fields gets one column whose value joins them ("US / Biden").
enum FigureGroups {
    static func oneColumn(_ csv: String, groupFields: [String]) -> String {
        if groupFields == ["country"] { return csv }
        if groupFields.count == 1, let comma = csv.firstIndex(of: ",") { return "country" + csv[comma...] }
        guard let table = CSVTable.parse(csv) else { return csv }
        let n = groupFields.count
        var out = CSVTable(header: ["country"] + table.header.dropFirst(n))
        for row in table.rows { out.append([row.prefix(n).joined(separator: " / ")] + row.dropFirst(n)) }
        return out.text
    }

    /// documents.csv with its `country` column holding each document's group label, so that
    /// figures drawn per group from it (coverage, heatmaps) group as the series do. A group field
    /// documents.csv has no column for (translation_of) leaves the table as it is.
    static func documents(_ csv: String, groupFields: [String]) -> String {
        if groupFields == ["country"] { return csv }
        guard let table = CSVTable.parse(csv), let country = table.header.firstIndex(of: "country") else { return csv }
        let columns = groupFields.compactMap { table.header.firstIndex(of: $0) }
        guard columns.count == groupFields.count else { return csv }
        var out = CSVTable(header: table.header)
        for row in table.rows {
            var r = row
            r[country] = columns.map { row[$0] }.joined(separator: " / ")
            out.append(r)
        }
        return out.text
    }
}
