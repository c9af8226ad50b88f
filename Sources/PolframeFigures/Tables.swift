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

/// One row of documents.csv, as figures read it.
struct DocumentLine: Sendable, Hashable {
    var docID: String
    var country: String
    var year: Int?
    var tokens: Int?
    /// Tokens of the passages scored, the denominator of rates (all tokens without a passage
    /// filter, or when documents.csv has no `scored_tokens` column).
    var scoredTokens: Int?
    /// `ok`, or `skipped: reason`.
    var status: String
    var isScored: Bool { status == "ok" }
}

/// Reads the contract-v1 CSV outputs into typed rows (columns found by name, so extra columns
/// are fine); a table without a needed column throws, naming it.
enum Tables {
    private static func columns(_ text: String, file: String, _ names: [String]) throws(FigureError) -> (rows: Int, values: [[String]]) {
        guard let t = CSVTable.parse(text) else { throw .unreadableTable(file: file, missingColumns: []) }
        return try columns(t, file: file, names)
    }

    private static func columns(_ t: CSVTable, file: String, _ names: [String]) throws(FigureError) -> (rows: Int, values: [[String]]) {
        let missing = names.filter { !t.header.contains($0) }
        guard missing.isEmpty else { throw .unreadableTable(file: file, missingColumns: missing) }
        return (t.rows.count, names.map { t.column($0)! })
    }

    static func contrast(_ text: String) throws(FigureError) -> [ContrastRow] {
        _ = try columns(text, file: "contrast.csv", ["country", "year", "documents", "plus", "minus", "index", "ci_low", "ci_high"])
        return ContrastRow.rows(fromCSV: text) ?? []
    }

    static func series(_ text: String) throws(FigureError) -> [SeriesRow] {
        let (n, c) = try columns(text, file: "series.csv", ["country", "year", "frame", "documents", "tokens", "hits", "weighted", "rate_per_10k", "ci_low", "ci_high"])
        return (0..<n).compactMap { k in
            guard let year = Int(c[1][k]), let docs = Int(c[3][k]) else { return nil }
            return SeriesRow(country: c[0][k], year: year, frame: c[2][k], documents: docs, tokens: Int(c[4][k]) ?? 0,
                             hits: Int(c[5][k]) ?? 0, weighted: Double(c[6][k]) ?? 0, rate: Double(c[7][k]) ?? .nan,
                             ciLow: Double(c[8][k]), ciHigh: Double(c[9][k]))
        }
    }

    /// scores.csv is the largest table (documents × categories): read it line by line and keep
    /// one copy of each repeated name, rather than holding the whole parsed table.
    static func scores(_ text: String) throws(FigureError) -> [ScoreLine] {
        let names = ["doc_id", "country", "year", "frame", "category", "weighted"]
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true).makeIterator()
        guard let headerLine = lines.next(), let header = CSVTable.parse(String(Substring(headerLine)) + "\n")?.header else {
            throw .unreadableTable(file: "scores.csv", missingColumns: [])
        }
        let missing = names.filter { !header.contains($0) }
        guard missing.isEmpty else { throw .unreadableTable(file: "scores.csv", missingColumns: missing) }
        let at = names.map { header.firstIndex(of: $0)! }
        var shared: [Substring: String] = [:]
        func intern(_ s: Substring) -> String {
            if let v = shared[s] { return v }
            let v = String(s)
            shared[s] = v
            return v
        }
        var out: [ScoreLine] = []
        while let raw = lines.next() {
            let line = Substring(raw)
            let fields: [Substring]
            if line.utf8.contains(0x22) {
                // A quoted field: the full parser for this line only.
                guard let row = CSVTable.parse(String(Substring(headerLine)) + "\n" + line + "\n")?.rows.first else { continue }
                fields = row.map { Substring($0) }
            } else {
                fields = line.split(separator: ",", omittingEmptySubsequences: false)
            }
            guard fields.count == header.count else { continue }
            out.append(ScoreLine(docID: intern(fields[at[0]]), country: intern(fields[at[1]]), year: Int(fields[at[2]]),
                                 frame: intern(fields[at[3]]), category: intern(fields[at[4]]), weighted: Double(fields[at[5]]) ?? 0))
        }
        return out
    }

    /// categories.csv as score lines: one per cell × category, with an empty document id
    /// (the cell totals are already over its scored documents).
    static func categories(_ text: String) throws(FigureError) -> [ScoreLine] {
        let (n, c) = try columns(text, file: "categories.csv", ["country", "year", "frame", "category", "weighted"])
        return (0..<n).map { k in
            ScoreLine(docID: "", country: c[0][k], year: Int(c[1][k]), frame: c[2][k], category: c[3][k], weighted: Double(c[4][k]) ?? 0)
        }
    }

    static func documents(_ text: String) throws(FigureError) -> [DocumentLine] {
        guard let t = CSVTable.parse(text) else { throw .unreadableTable(file: "documents.csv", missingColumns: []) }
        let (n, c) = try columns(t, file: "documents.csv", ["doc_id", "country", "year", "tokens", "status"])
        let scored = t.column("scored_tokens")
        return (0..<n).map { k in
            DocumentLine(docID: c[0][k], country: c[1][k], year: Int(c[2][k]), tokens: Int(c[3][k]),
                         scoredTokens: scored.map { Int($0[k]) } ?? Int(c[3][k]), status: c[4][k])
        }
    }
}
