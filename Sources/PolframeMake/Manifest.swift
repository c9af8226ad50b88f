import Foundation
import PolframeLexicon
import PolframeIngest

/// One document of a corpus, as the manifest describes it. Manifest values override what
/// ingest extracts.
public struct ManifestEntry: Sendable, Hashable {
    public var id: String
    public var path: String
    public var country: String
    /// YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown.
    public var date: String
    public var language: String
    public var title: String
    public var issuer: String
    public var url: String
    public var sha256: String
    public var translationOf: String
    /// For a JSONL file: the 1-based line of the record.
    public var record: Int?
    public var format: DocumentFormat?
    /// Line in the manifest, for messages.
    public var line: Int
    /// The manifest's extra columns (document variables), in manifest order; every entry of a
    /// manifest shares the one array.
    public var variableNames: [String] = []
    /// This document's value of each of `variableNames`.
    public var variables: [String] = []

    /// The value of a document variable, or nil when the manifest has no such column.
    public func variable(_ name: String) -> String? { variableNames.firstIndex(of: name).map { variables[$0] } }

    public var year: Int? { date.count >= 4 ? Int(date.prefix(4)) : nil }
}

/// One manifest line's fields, looked up by column name.
/// A manifest row's fields, looked up by column (each known column's index found once, not a
/// dictionary lookup per field of every row).
private struct Row {
    let fields: [String]
    let columns: Columns
    subscript(_ column: Columns.Name) -> String? { columns.index[column.rawValue].map { fields[$0] } }
}

private struct Columns {
    enum Name: Int, CaseIterable {
        case id, path, country, date, language, title, issuer, url, sha256, translationOf, record, format
        var header: String { self == .translationOf ? "translation_of" : String(describing: self) }
    }
    /// The index of each known column in a row, by `Name`, or nil when the manifest lacks it.
    let index: [Int?]
    init(_ header: [String]) {
        index = Name.allCases.map { n in header.firstIndex(of: n.header) }
    }
}

/// A corpus manifest: TSV (or CSV) with a header naming at least id and path.
public enum Manifest {
    public static let requiredColumns = ["id", "path"]
    public static let knownColumns: Set<String> = ["id", "path", "country", "date", "language", "title", "issuer", "url",
                                                   "sha256", "translation_of", "record", "format"]

    public static func load(path: String) throws(MakeError) -> [ManifestEntry] {
        let text: String
        do { text = try TextFile.read(path) } catch { throw .invalidInputs([error.problem]) }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(MakeError) -> [ManifestEntry] {
        let table = try ManifestTable.parse(text, path: path)
        var problems: [Problem] = []
        let header = table.header
        for c in requiredColumns where !header.contains(c) {
            problems.append(Problem(file: path, line: 1, column: 1, "the manifest has no '\(c)' column"))
        }
        // Every other column is a document variable.
        let variableNames = header.filter { !knownColumns.contains($0) }
        let variableIndex = variableNames.map { n in header.firstIndex(of: n)! }
        problems += DocumentVariables.checkNames(header, path: path)
        guard problems.isEmpty else { throw .invalidInputs(problems) }
        var entries: [ManifestEntry] = []
        entries.reserveCapacity(table.rows.count)
        let columns = Columns(header)
        var seen: [String: Int] = [:]
        for (lineNo, fields) in table.rows {
            if fields.count != header.count {
                problems.append(Problem(file: path, line: lineNo, column: 1, "\(fields.count) fields, the header has \(header.count)"))
                continue
            }
            // By column index (a dictionary per row was a tenth of a no-op make over 10,000 rows).
            let row = Row(fields: fields, columns: columns)
            let id = row[.id] ?? ""
            if id.isEmpty { problems.append(Problem(file: path, line: lineNo, column: 1, "empty id")); continue }
            if let prev = seen[id] { problems.append(Problem(file: path, line: lineNo, column: 1, "duplicate id '\(id)' (first on line \(prev))")) }
            seen[id] = lineNo
            let date = row[.date] ?? ""
            var normalizedDate = ""
            if !date.isEmpty {
                if let d = DateParser.partial(date) { normalizedDate = d } else {
                    problems.append(Problem(file: path, line: lineNo, column: (header.firstIndex(of: "date") ?? 0) + 1,
                                            "date '\(date)' is not YYYY, YYYY-MM or a valid YYYY-MM-DD"))
                }
            }
            var record: Int? = nil
            if let r = row[.record], !r.isEmpty {
                if let v = Int(r), v >= 1 { record = v } else {
                    problems.append(Problem(file: path, line: lineNo, column: (header.firstIndex(of: "record") ?? 0) + 1, "record must be a number ≥ 1 (the line of a JSONL record, or the position of a document in a Federal Register issue)"))
                }
            }
            var format: DocumentFormat? = nil
            if let f = row[.format], !f.isEmpty {
                if let v = DocumentFormat(label: f) { format = v } else {
                    problems.append(Problem(file: path, line: lineNo, column: (header.firstIndex(of: "format") ?? 0) + 1,
                                            "unknown format '\(f)' (html, xml, md, txt, jsonl, pdf, docx, odt)"))
                }
            }
            let sha = (row[.sha256] ?? "").lowercased()
            if !sha.isEmpty && (sha.count != 64 || !sha.allSatisfy(\.isHexDigit)) {
                problems.append(Problem(file: path, line: lineNo, column: (header.firstIndex(of: "sha256") ?? 0) + 1, "sha256 must be 64 hex digits"))
            }
            if (row[.path] ?? "").isEmpty { problems.append(Problem(file: path, line: lineNo, column: 2, "empty path")) }
            let values = variableIndex.map { fields[$0] }
            for (k, v) in values.enumerated() {
                if let problem = DocumentVariables.checkValue(v) {
                    problems.append(Problem(file: path, line: lineNo, column: variableIndex[k] + 1, "\(variableNames[k]): \(problem)"))
                }
            }
            var entry = ManifestEntry(id: id, path: row[.path] ?? "", country: row[.country] ?? "", date: normalizedDate,
                                      language: row[.language] ?? "", title: row[.title] ?? "", issuer: row[.issuer] ?? "",
                                      url: row[.url] ?? "", sha256: sha, translationOf: row[.translationOf] ?? "",
                                      record: record, format: format, line: lineNo)
            entry.variableNames = variableNames
            entry.variables = values
            entries.append(entry)
        }
        guard problems.isEmpty else { throw .invalidInputs(problems) }
        return entries
    }
}
