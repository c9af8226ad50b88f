import Foundation
import PolframeLexicon
import PolframeScore

/// A coding sheet: sampled passages with empty label columns that coders fill in
/// (`polframe validate sample` writes it, `polframe validate score` reads it back).
public enum ValidationSheet {
    /// Columns in order; the last four are the coder's.
    public static let header = ["kind", "doc_id", "country", "year", "language", "frame", "category", "entry", "start", "end",
                                "matched", "negated", "sampling_weight", "context", "correct", "coder", "missed", "note"]

    /// One row of a sheet: a sampled match (`kind` match) or a sentence without a framing match
    /// (`kind` unmatched), with what a coder wrote about it.
    public struct Row: Sendable, Hashable {
        public var kind: String
        public var docID: String
        public var country: String
        public var year: String
        public var language: String
        public var frame: String
        public var category: String
        public var entry: String
        public var start: Int
        public var end: Int
        public var matched: String
        public var negated: Bool
        /// How many matches (or unmatched sentences) of the population this row stands for.
        public var samplingWeight: Double
        public var context: String
        public var correct: String = ""
        public var coder: String = ""
        public var missed: String = ""
        public var note: String = ""

        /// The passage's identity across sheets: two coders coded the same passage when it is equal.
        public var key: String { [kind, docID, frame, category, entry, String(start), String(end)].joined(separator: "\u{1F}") }

        var fields: [String] {
            [kind, docID, country, year, language, frame, category, entry, String(start), String(end), matched, negated ? "1" : "0",
             NumberFormat.fixed(samplingWeight, 4), context, correct, coder, missed, note]
        }
    }

    /// The sheet as RFC 4180 CSV.
    public static func render(_ rows: [Row]) -> String {
        var t = CSVTable(header: header)
        for r in rows { t.append(r.fields) }
        return t.text
    }

    /// A row as read back, with where it came from (for messages and for the default coder).
    public struct CodedRow: Sendable {
        public var row: Row
        public var file: String
        public var line: Int
    }

    /// Reads a sheet; every problem (a missing column, a row with the wrong number of fields, a
    /// `correct` that is not 1 or 0, a category in `missed` that is not frame/category) is
    /// collected with its line, so one run lists them all.
    public static func read(_ path: String) -> (rows: [CodedRow], problems: [Problem]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], [Problem(file: path, "cannot read the sheet")]) }
        guard let text = String(data: data, encoding: .utf8) else { return ([], [Problem(file: path, "not UTF-8 text")]) }
        guard let parsed = CSVTable.parseLocated(text) else { return ([], [Problem(file: path, "empty: no header row")]) }
        var problems = parsed.malformed.map { Problem(file: path, line: $0.line, "\($0.fields) fields where the header has \(parsed.table.header.count)") }
        let required = ["kind", "doc_id", "frame", "category", "entry", "start", "end", "correct", "coder"]
        let missing = required.filter { !parsed.table.header.contains($0) }
        guard missing.isEmpty else {
            return ([], problems + [Problem(file: path, line: 1, "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (a sheet from `polframe validate sample` has them)")])
        }
        let col = Dictionary(parsed.table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [CodedRow] = []
        for (k, f) in parsed.table.rows.enumerated() {
            let line = parsed.lines[k]
            func v(_ name: String) -> String { col[name].map { f[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            guard let start = Int(v("start")), let end = Int(v("end")) else {
                problems.append(Problem(file: path, line: line, "start and end must be whole numbers (got '\(v("start"))', '\(v("end"))')"))
                continue
            }
            let weightText = v("sampling_weight")
            guard let weight = weightText.isEmpty ? 1 : Double(weightText), weight > 0 else {
                problems.append(Problem(file: path, line: line, "sampling_weight must be a positive number (got '\(weightText)')"))
                continue
            }
            let kind = v("kind")
            guard kind == "match" || kind == "unmatched" else {
                problems.append(Problem(file: path, line: line, "kind must be match or unmatched (got '\(kind)')"))
                continue
            }
            let correct = v("correct")
            if !correct.isEmpty && correct != "1" && correct != "0" {
                problems.append(Problem(file: path, line: line, "correct must be 1, 0 or empty (got '\(correct)')"))
            }
            let missed = v("missed")
            for c in missedCategories(missed) where !c.contains("/") {
                problems.append(Problem(file: path, line: line, "missed lists '\(c)': write frame/category ids separated by ';', or none"))
            }
            let row = Row(kind: kind, docID: v("doc_id"), country: v("country"), year: v("year"), language: v("language"),
                          frame: v("frame"), category: v("category"), entry: v("entry"), start: start, end: end,
                          matched: v("matched"), negated: v("negated") == "1", samplingWeight: weight, context: col["context"].map { f[$0] } ?? "",
                          correct: correct, coder: v("coder"), missed: missed, note: v("note"))
            rows.append(CodedRow(row: row, file: path, line: line))
        }
        return (rows, problems)
    }

    /// The categories a coder wrote in `missed` (`none` and blanks are no category).
    public static func missedCategories(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0.lowercased() != "none" }
    }
}
