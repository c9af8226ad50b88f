/// coverage.csv: one row per lexicon form, hit or not (what `lexicon lint -f` checks globs with).
public enum CoverageTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var lexicon: String
        public var frame: String
        public var category: String
        public var entry: String
        public var language: String
        /// Entry weight × category weight; nil for an exclusion phrase (`exclude`), whose hits
        /// are the matches it vetoed.
        public var weight: Double?
        public var hits: Int
        public var documents: Int

        public init(lexicon: String, frame: String, category: String, entry: String, language: String, weight: Double?, hits: Int, documents: Int) {
            self.lexicon = lexicon; self.frame = frame; self.category = category; self.entry = entry; self.language = language
            self.weight = weight; self.hits = hits; self.documents = documents
        }

        /// The key make and lint use for a form: frame/category/entry.
        public var key: String { "\(frame)/\(category)/\(entry)" }
    }

    public static let fileName = "coverage.csv"
    public static let columns = ["lexicon", "frame", "category", "entry", "language", "weight", "hits", "documents"]

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        [r.lexicon, r.frame, r.category, r.entry, r.language, r.weight.map { TableCell.fixed($0, 3) } ?? "exclude", String(r.hits), String(r.documents)]
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(lexicon: r.text("lexicon"), frame: r.text("frame"), category: r.text("category"), entry: r.text("entry"), language: r.text("language"),
            weight: r.text("weight") == "exclude" ? nil : try r.double("weight"), hits: try r.int("hits"), documents: try r.int("documents"))
    }

    /// Hits by form key (frame/category/entry) over the corpus of the last make.
    public static func hits(_ rows: [Row]) -> [String: Int] {
        Dictionary(rows.map { ($0.key, $0.hits) }, uniquingKeysWith: +)
    }
}

/// matches.csv: one row per lexicon match, with offsets into the document's extracted text.
/// Make renders each document's rows once, into its score's cache record, and streams them.
public enum MatchesTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var docID: String
        public var frame: String
        public var category: String
        public var entry: String
        public var language: String
        /// Offsets in Unicode scalars into the extracted text.
        public var start: Int
        public var end: Int
        public var text: String
        public var negated: Bool
        /// Vetoed by an `exclude` phrase: make writes no such rows, but a table with an
        /// `excluded` column (true, 1 or yes) is read with it, so `why` shows them uncounted.
        public var excluded: Bool

        public init(docID: String, frame: String, category: String, entry: String, language: String, start: Int, end: Int, text: String,
                    negated: Bool, excluded: Bool = false) {
            self.docID = docID; self.frame = frame; self.category = category; self.entry = entry; self.language = language
            self.start = start; self.end = end; self.text = text; self.negated = negated; self.excluded = excluded
        }
    }

    public static let fileName = "matches.csv"
    public static let columns = ["doc_id", "frame", "category", "entry", "language", "start", "end", "text", "negated"]

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        [r.docID, r.frame, r.category, r.entry, r.language, String(r.start), String(r.end), r.text, r.negated ? "true" : "false"]
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(docID: r.text("doc_id"), frame: r.text("frame"), category: r.text("category"), entry: r.text("entry"), language: r.text("language"),
            start: try r.int("start"), end: try r.int("end"), text: r.text("text"), negated: try r.bool("negated"),
            excluded: ["true", "1", "yes"].contains(r.text("excluded")))
    }

    /// Appends a document's match rows to `out`, field by field: this runs for every match of
    /// every document, so it skips the arrays `fields` makes. `docField` is the document's id
    /// already CSV-quoted (the same for all its rows). The same bytes as `fields` (tested).
    public static func append(_ matches: [MatchRecord], docField: String, to out: inout String) {
        for m in matches {
            out += docField; out += ","
            out += CSVTable.field(m.frame); out += ","
            out += CSVTable.field(m.category); out += ","
            out += CSVTable.field(m.entry); out += ","
            out += m.language; out += ","
            out += String(m.start); out += ","
            out += String(m.end); out += ","
            out += CSVTable.field(m.text); out += ","
            out += m.negated ? "true\n" : "false\n"
        }
    }
}
