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

    static func contrast(_ text: String) throws(FigureError) -> [ContrastLine] {
        guard let t = CSVTable.parse(text) else { throw .unreadableTable(file: "contrast.csv", missingColumns: []) }
        _ = try columns(t, file: "contrast.csv", ["country", "year", "documents", "plus", "minus", "index", "ci_low", "ci_high"])
        let rows = ContrastRow.rows(fromCSV: text) ?? []
        // rows(fromCSV:) drops unreadable rows: extra columns are matched by group and year.
        var extra: [String: (Int?, Int, Bool)] = [:]
        if let g = t.column("country"), let y = t.column("year") {
            let h = t.column("hits"), tr = t.column("translated"), flag = t.column("flag")
            for k in 0..<t.rows.count {
                extra[g[k] + "\u{1F}" + y[k]] = (h.flatMap { Int($0[k]) }, tr.flatMap { Int($0[k]) } ?? 0, flag?[k] == "few_documents")
            }
        }
        return rows.map { r in
            let e = extra[r.country + "\u{1F}" + String(r.year)]
            return ContrastLine(row: r, hits: e?.0 ?? Int((r.plus + r.minus).rounded()), translated: e?.1 ?? 0, fewDocuments: e?.2 ?? false)
        }
    }

    static func series(_ text: String) throws(FigureError) -> [SeriesLine] {
        guard let t = CSVTable.parse(text) else { throw .unreadableTable(file: "series.csv", missingColumns: []) }
        let (n, c) = try columns(t, file: "series.csv", ["country", "year", "frame", "documents", "tokens", "hits", "weighted", "rate_per_10k", "ci_low", "ci_high"])
        let translated = t.column("translated"), flag = t.column("flag")
        return (0..<n).compactMap { k in
            guard let year = Int(c[1][k]), let docs = Int(c[3][k]) else { return nil }
            return SeriesLine(row: SeriesRow(country: c[0][k], year: year, frame: c[2][k], documents: docs, tokens: Int(c[4][k]) ?? 0,
                                             hits: Int(c[5][k]) ?? 0, weighted: Double(c[6][k]) ?? 0, rate: Double(c[7][k]) ?? .nan,
                                             ciLow: Double(c[8][k]), ciHigh: Double(c[9][k])),
                              translated: translated.flatMap { Int($0[k]) } ?? 0, fewDocuments: flag?[k] == "few_documents")
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

    /// categories.csv: the heatmap's cells with their documents, tokens, hits and labels.
    static func categoryCells(_ text: String) throws(FigureError) -> HeatmapCells {
        guard let t = CSVTable.parse(text) else { throw .unreadableTable(file: "categories.csv", missingColumns: []) }
        let (n, c) = try columns(t, file: "categories.csv", ["country", "year", "frame", "category", "documents", "tokens", "weighted"])
        let hits = t.column("hits"), translated = t.column("translated"), frameLabel = t.column("frame_label"), label = t.column("category_label")
        var cells = HeatmapCells()
        for k in 0..<n {
            guard let year = Int(c[1][k]) else { continue }
            let cell = HeatmapCells.Cell(group: c[0][k], year: year)
            cells.addCell(cell, documents: Int(c[4][k]) ?? 0, tokens: Int(c[5][k]) ?? 0, translated: translated.flatMap { Int($0[k]) } ?? 0)
            cells.add(cell, frame: c[2][k], category: c[3][k], weighted: Double(c[6][k]) ?? 0, hits: hits.flatMap { Int($0[k]) })
            if let l = frameLabel?[k], !l.isEmpty { cells.labels[c[2][k]] = l }
            if let l = label?[k], !l.isEmpty { cells.labels[c[2][k] + "/" + c[3][k]] = l }
        }
        return cells
    }

    /// documents.csv, each document in its group: the column named `groupBy` when there is one
    /// (`translation_of` groups into original and translation, as series do), else `country`.
    static func documents(_ text: String, groupBy: String = "country") throws(FigureError) -> [DocumentLine] {
        guard let t = CSVTable.parse(text) else { throw .unreadableTable(file: "documents.csv", missingColumns: []) }
        let (n, c) = try columns(t, file: "documents.csv", ["doc_id", "country", "year", "tokens", "status"])
        let scored = t.column("scored_tokens"), language = t.column("language"), translation = t.column("translation_of")
        let group = t.column(groupBy)
        return (0..<n).map { k in
            let translated = !(translation?[k].isEmpty ?? true)
            let g = groupBy == "translation_of" ? (translated ? "translation" : "original") : (group?[k] ?? c[1][k])
            return DocumentLine(docID: c[0][k], country: g, language: language?[k] ?? "", translated: translated, year: Int(c[2][k]),
                                tokens: Int(c[3][k]), scoredTokens: scored.map { Int($0[k]) } ?? Int(c[3][k]), status: c[4][k])
        }
    }
}
