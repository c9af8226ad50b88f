/// documents.csv: one row per document of the manifest, read or skipped.
public enum DocumentsTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var docID: String
        public var country: String
        public var year: Int?
        public var date: String
        public var dateSource: String
        public var language: String
        public var title: String
        public var tokens: Int?
        public var sentences: Int?
        /// `ok`, or `skipped: reason`.
        public var status: String
        public var issuer: String
        public var path: String
        public var format: String
        public var encoding: String
        public var encodingSource: String
        public var invalidBytes: Int?
        public var hanShare: Double?
        public var scoredTokens: Int?
        public var translationOf: String
        /// Why the series leave the document out; nil when they count it.
        public var leftOut: String?
        /// The values of the manifest's document variables, in the layout's order.
        public var variables: [String]

        public init(docID: String, country: String, year: Int?, date: String, dateSource: String, language: String, title: String,
                    tokens: Int?, sentences: Int?, status: String, issuer: String, path: String, format: String, encoding: String,
                    encodingSource: String, invalidBytes: Int?, hanShare: Double?, scoredTokens: Int?, translationOf: String,
                    leftOut: String?, variables: [String]) {
            self.docID = docID; self.country = country; self.year = year; self.date = date; self.dateSource = dateSource
            self.language = language; self.title = title; self.tokens = tokens; self.sentences = sentences; self.status = status
            self.issuer = issuer; self.path = path; self.format = format; self.encoding = encoding; self.encodingSource = encodingSource
            self.invalidBytes = invalidBytes; self.hanShare = hanShare; self.scoredTokens = scoredTokens
            self.translationOf = translationOf; self.leftOut = leftOut; self.variables = variables
        }

        public var isScored: Bool { status == "ok" }
    }

    public static let fileName = "documents.csv"
    public static let columns = ["doc_id", "country", "year", "date", "date_source", "language", "title", "tokens", "sentences", "status",
                                 "issuer", "path", "format", "encoding", "encoding_source", "invalid_bytes", "han_share", "scored_tokens",
                                 "translation_of", "in_series"]
    /// Figures draw from a documents.csv with only these columns (hand-made, or older).
    static let essentialColumns: Set<String> = ["doc_id", "country", "year", "tokens", "status"]
    public static let optionalColumns: Set<String> = Set(columns).subtracting(essentialColumns)

    public static func header(_ layout: TableLayout) -> [String] { columns + layout.variables }

    public static func layout(of header: [String]) -> TableLayout {
        let end = header.firstIndex(of: "in_series").map { $0 + 1 } ?? header.count
        return TableLayout(variables: header.count > columns.count ? Array(header[end...]) : [])
    }

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        [r.docID, r.country, TableCell.int(r.year), r.date, r.dateSource, r.language, r.title, TableCell.int(r.tokens), TableCell.int(r.sentences),
         r.status, r.issuer, r.path, r.format, r.encoding, r.encodingSource, TableCell.int(r.invalidBytes), TableCell.fixed(r.hanShare, 3),
         TableCell.int(r.scoredTokens), r.translationOf, TableCell.inSeries(r.leftOut)] + r.variables
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(docID: r.text("doc_id"), country: r.text("country"), year: try r.optionalInt("year"), date: r.text("date"),
            dateSource: r.text("date_source"), language: r.text("language"), title: r.text("title"), tokens: try r.optionalInt("tokens"),
            sentences: try r.optionalInt("sentences"), status: r.text("status"), issuer: r.text("issuer"), path: r.text("path"),
            format: r.text("format"), encoding: r.text("encoding"), encodingSource: r.text("encoding_source"),
            invalidBytes: try r.optionalInt("invalid_bytes"), hanShare: try r.optionalDouble("han_share"),
            scoredTokens: try r.optionalInt("scored_tokens"), translationOf: r.text("translation_of"),
            leftOut: TableCell.inSeries(r.text("in_series")), variables: r.variables)
    }
}

/// scores.csv: one row per scored document × category.
public enum ScoresTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var docID: String
        public var country: String
        public var year: Int?
        public var language: String
        public var frame: String
        public var category: String
        public var hits: Int
        public var negated: Int
        public var weighted: Double
        /// Per 10,000 scored tokens; nil without scored tokens.
        public var rate: Double?

        public init(docID: String, country: String, year: Int?, language: String, frame: String, category: String, hits: Int,
                    negated: Int, weighted: Double, rate: Double?) {
            self.docID = docID; self.country = country; self.year = year; self.language = language; self.frame = frame
            self.category = category; self.hits = hits; self.negated = negated; self.weighted = weighted; self.rate = rate
        }
    }

    public static let fileName = "scores.csv"
    public static let columns = ["doc_id", "country", "year", "language", "frame", "category", "hits", "negated", "weighted", "rate_per_10k"]
    /// Figures draw from the weighted hits alone.
    public static let optionalColumns: Set<String> = ["language", "hits", "negated", "rate_per_10k"]

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        [r.docID, r.country, TableCell.int(r.year), r.language, r.frame, r.category, String(r.hits), String(r.negated),
         TableCell.fixed(r.weighted, 3), TableCell.fixed(r.rate, 4)]
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(docID: r.text("doc_id"), country: r.text("country"), year: try r.optionalInt("year"), language: r.text("language"),
            frame: r.text("frame"), category: r.text("category"), hits: try r.optionalInt("hits") ?? 0,
            negated: try r.optionalInt("negated") ?? 0, weighted: try r.double("weighted"), rate: try r.optionalDouble("rate_per_10k"))
    }
}

/// document_frames.csv: one row per scored document × frame of the lexicons.
public enum DocumentFramesTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var docID: String
        public var country: String
        public var year: Int?
        public var language: String
        public var frame: String
        public var hits: Int
        public var negated: Int
        public var weighted: Double
        public var scoredTokens: Int
        public var rate: Double?
        /// The document's own contrast index; nil without a hit of either contrast frame.
        public var contrastIndex: Double?
        public var leftOut: String?

        public init(docID: String, country: String, year: Int?, language: String, frame: String, hits: Int, negated: Int,
                    weighted: Double, scoredTokens: Int, rate: Double?, contrastIndex: Double?, leftOut: String?) {
            self.docID = docID; self.country = country; self.year = year; self.language = language; self.frame = frame
            self.hits = hits; self.negated = negated; self.weighted = weighted; self.scoredTokens = scoredTokens
            self.rate = rate; self.contrastIndex = contrastIndex; self.leftOut = leftOut
        }
    }

    public static let fileName = "document_frames.csv"
    public static let columns = ["doc_id", "country", "year", "language", "frame", "hits", "negated", "weighted", "scored_tokens",
                                 "rate_per_10k", "contrast_index", "in_series"]

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        [r.docID, r.country, TableCell.int(r.year), r.language, r.frame, String(r.hits), String(r.negated), TableCell.fixed(r.weighted, 3),
         String(r.scoredTokens), TableCell.fixed(r.rate, 4), TableCell.fixed(r.contrastIndex, 4), TableCell.inSeries(r.leftOut)]
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(docID: r.text("doc_id"), country: r.text("country"), year: try r.optionalInt("year"), language: r.text("language"),
            frame: r.text("frame"), hits: try r.int("hits"), negated: try r.int("negated"), weighted: try r.double("weighted"),
            scoredTokens: try r.int("scored_tokens"), rate: try r.optionalDouble("rate_per_10k"),
            contrastIndex: try r.optionalDouble("contrast_index"), leftOut: TableCell.inSeries(r.text("in_series")))
    }
}

/// disagreements.csv: one row per field where the manifest and the document disagree.
public enum DisagreementsTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var docID: String
        /// `date` or `language`.
        public var field: String
        public var manifest: String
        public var extracted: String
        public var extractedSource: String

        public init(docID: String, field: String, manifest: String, extracted: String, extractedSource: String) {
            self.docID = docID; self.field = field; self.manifest = manifest; self.extracted = extracted; self.extractedSource = extractedSource
        }
    }

    public static let fileName = "disagreements.csv"
    public static let columns = ["doc_id", "field", "manifest", "extracted", "extracted_source"]

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] { [r.docID, r.field, r.manifest, r.extracted, r.extractedSource] }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(docID: r.text("doc_id"), field: r.text("field"), manifest: r.text("manifest"), extracted: r.text("extracted"),
            extractedSource: r.text("extracted_source"))
    }
}
