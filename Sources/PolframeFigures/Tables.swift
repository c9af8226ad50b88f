import PolframeScore

/// One row of scores.csv, as figures read it.
struct ScoreLine: Sendable, Hashable {
    var docID: String
    var country: String
    var year: Int?
    var frame: String
    var category: String
    var weighted: Double
}

/// One row of series.csv with the translated documents of its cell (0 when the column is absent).
struct SeriesLine: Sendable, Hashable {
    var row: SeriesRow
    var translated: Int
    /// Flagged `few_documents` in the table.
    var fewDocuments: Bool = false
}

/// One row of contrast.csv with the hits behind its index and its translated documents.
struct ContrastLine: Sendable, Hashable {
    var row: ContrastRow
    /// Raw hits of both frames; without a `hits` column, the weighted hits rounded (equal when
    /// every weight is 1).
    var hits: Int
    var translated: Int
    var fewDocuments: Bool = false
}

/// One row of documents.csv, as figures read it.
struct DocumentLine: Sendable, Hashable {
    var docID: String
    /// The document's group: its value of the field series group by (country by default).
    var country: String
    var language: String = ""
    /// Whether the manifest names it a translation (`translation_of`).
    var translated: Bool = false
    var year: Int?
    var tokens: Int?
    /// Tokens of the passages scored, the denominator of rates (all tokens without a passage
    /// filter, or when documents.csv has no `scored_tokens` column).
    var scoredTokens: Int?
    /// `ok`, or `skipped: reason`.
    var status: String
    var isScored: Bool { status == "ok" }
}

/// Reads the contract-v1 CSV outputs into the rows figures draw, through the tables of
/// PolframeScore/Tables (columns found by name, so extra columns are fine). A group of several
/// fields is drawn as one line labelled by their values joined with " / ".
enum Tables {
    private static func read<T: OutputTable>(_ table: T.Type, _ text: String) throws(FigureError) -> [T.Row] {
        do { return try T.read(text, file: T.fileName).rows } catch { throw FigureError(error) }
    }

    private static func label(_ group: [String]) -> String { group.joined(separator: " / ") }

    static func contrast(_ text: String) throws(FigureError) -> [ContrastLine] {
        try read(ContrastTable.self, text).map { r in
            ContrastLine(row: ContrastRow(country: label(r.group), year: r.year, documents: r.documents, plus: r.plus, minus: r.minus,
                                          index: r.index, ciLow: r.ciLow, ciHigh: r.ciHigh),
                         hits: r.hits ?? Int((r.plus + r.minus).rounded()), translated: r.translated, fewDocuments: r.fewDocuments)
        }
    }

    static func series(_ text: String) throws(FigureError) -> [SeriesLine] {
        try read(SeriesTable.self, text).map { r in
            SeriesLine(row: SeriesRow(country: label(r.group), year: r.year, frame: r.frame, documents: r.documents, tokens: r.tokens,
                                      hits: r.hits, weighted: r.weighted, rate: r.rate ?? .nan, ciLow: r.ciLow, ciHigh: r.ciHigh),
                       translated: r.translated, fewDocuments: r.fewDocuments)
        }
    }

    /// scores.csv is the largest table (documents × categories): read a row at a time, keeping
    /// one copy of each repeated name.
    static func scores(_ text: String) throws(FigureError) -> [ScoreLine] {
        var shared: [String: String] = [:]
        func intern(_ s: String) -> String {
            if let v = shared[s] { return v }
            shared[s] = s
            return s
        }
        var out: [ScoreLine] = []
        do {
            try ScoresTable.forEachRow(text, file: ScoresTable.fileName) { r in
                out.append(ScoreLine(docID: r.docID, country: intern(r.country), year: r.year, frame: intern(r.frame),
                                     category: intern(r.category), weighted: r.weighted))
            }
        } catch { throw FigureError(error) }
        return out
    }

    /// categories.csv: the heatmap's cells with their documents, tokens, hits and labels.
    static func categoryCells(_ text: String) throws(FigureError) -> HeatmapCells {
        var cells = HeatmapCells()
        for r in try read(CategoriesTable.self, text) {
            let cell = HeatmapCells.Cell(group: label(r.group), year: r.year)
            cells.addCell(cell, documents: r.documents, tokens: r.tokens, translated: r.translated)
            cells.add(cell, frame: r.frame, category: r.category, weighted: r.weighted, hits: r.hits)
            if !r.frameLabel.isEmpty { cells.labels[r.frame] = r.frameLabel }
            if !r.categoryLabel.isEmpty { cells.labels[r.frame + "/" + r.category] = r.categoryLabel }
        }
        return cells
    }

    /// documents.csv, each document in its group: its values of the group fields (`groupBy`
    /// names them joined by " / ", as the grouped tables' rows are labelled), each from its
    /// column (`translation_of` groups into original and translation, as series do); a field
    /// without a column falls back to `country`.
    static func documents(_ text: String, groupBy: String = "country") throws(FigureError) -> [DocumentLine] {
        let table: (layout: TableLayout, rows: [DocumentsTable.Row])
        do { table = try DocumentsTable.read(text, file: DocumentsTable.fileName) } catch { throw FigureError(error) }
        let fields = groupBy.components(separatedBy: " / ")
        let variables = fields.map { table.layout.variables.firstIndex(of: $0) }
        return table.rows.map { r in
            let translated = !r.translationOf.isEmpty
            let g = zip(fields, variables).map { field, variable -> String in
                switch field {
                case "translation_of": return translated ? "translation" : "original"
                case "language": return r.language
                case "issuer": return r.issuer
                case "format": return r.format
                default: return variable.map { r.variables[$0] } ?? r.country
                }
            }.joined(separator: " / ")
            return DocumentLine(docID: r.docID, country: g, language: r.language, translated: translated, year: r.year,
                                tokens: r.tokens, scoredTokens: r.scoredTokens ?? r.tokens, status: r.status)
        }
    }
}

extension FigureError {
    /// A table figures cannot read: its missing columns, or where it went wrong.
    init(_ error: TableError) {
        switch error {
        case .missingColumns(let file, let names): self = .unreadableTable(file: file, missingColumns: names)
        case .empty(let file): self = .unreadableTable(file: file, missingColumns: [])
        default: self = .badTable(error.description)
        }
    }
}
