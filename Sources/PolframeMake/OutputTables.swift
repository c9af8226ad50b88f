import PolframeIngest
import PolframeLexicon
import PolframeScore

/// One document as the aggregate outputs see it: manifest facts over extracted metadata.
/// The documents in output order, each read as an `AggregateRow` when visited: a copy of every
/// outcome (several hundred bytes each) was 9 MB of a 10,000-document build's peak memory.
struct AggregateRows: RandomAccessCollection, Sendable {
    let outcomes: [DocumentOutcome]
    let order: [Int]
    var startIndex: Int { 0 }
    var endIndex: Int { order.count }
    subscript(i: Int) -> AggregateRow { AggregateRow(outcome: outcomes[order[i]]) }
}

struct AggregateRow {
    var entry: ManifestEntry
    var state: BuildState.DocumentState
    var meta: IngestRecord?
    var score: ScoreRecord?

    init(outcome o: DocumentOutcome) {
        entry = o.entry; state = o.state; meta = o.meta
        score = (o.meta?.skipReason == nil) ? o.score : nil
    }

    var status: String { meta?.skipReason.map { "skipped: \($0)" } ?? (score == nil ? "skipped: not scored" : "ok") }
    var title: String { entry.title.isEmpty ? (meta?.title?.value ?? "") : entry.title }
    var issuer: String { entry.issuer.isEmpty ? (meta?.issuer?.value ?? "") : entry.issuer }
    var date: String { entry.date.isEmpty ? (meta?.date?.value ?? "") : entry.date }
    var dateSource: String { entry.date.isEmpty ? (meta?.date?.source ?? "") : "manifest" }
    var year: Int? { date.count >= 4 ? Int(date.prefix(4)) : nil }
    var scriptLanguage: String? {
        score.flatMap { ScriptWeight.language(hanCharacters: $0.hanCharacters, latinLetters: $0.latinLetters) }
    }
    /// The value of a field series group by: a built-in group or a document variable.
    func group(_ field: String) -> String {
        switch field {
        case "country": return entry.country
        case "issuer": return issuer
        case "language": return language
        case "format": return meta?.format ?? ""
        case "translation_of": return entry.translationOf.isEmpty ? "original" : "translation"
        default: return entry.variable(field) ?? ""
        }
    }

    /// The document's group: its value of each group field, joined by U+001F (split into
    /// columns again when written).
    func groupKey(_ fields: [String]) -> String { fields.map(group).joined(separator: "\u{1F}") }

    var language: String { entry.language.isEmpty ? (meta?.language?.value ?? scriptLanguage ?? "") : entry.language }

    /// Where the manifest and the document disagree (the manifest wins; this is reported).
    var disagreements: [[String]] {
        var out: [[String]] = []
        if !entry.date.isEmpty, let d = meta?.date, !d.value.hasPrefix(entry.date), !entry.date.hasPrefix(d.value) {
            out.append([entry.id, "date", entry.date, d.value, d.source])
        }
        if !entry.language.isEmpty, let l = scriptLanguage, l != entry.language {
            out.append([entry.id, "language", entry.language, l, "scripts of the text"])
        }
        return out
    }
}

/// Renders the CSV outputs (contract v1 of DESIGN.md).
struct OutputTables {
    let pipeline: Pipeline
    let frames: [String]
    /// The lexicons' labels by frame id and by "frame/category", written beside the ids so
    /// figures can show them.
    var labels: [String: String] = [:]
    /// Translated documents and contrast hits per cell (empty: every count is 0).
    var facts: CellFacts? = nil

    func f(_ v: Double, _ digits: Int = 4) -> String { NumberFormat.fixed(v, digits) }
    private func opt(_ v: Double?, _ digits: Int = 4) -> String { v.map { f($0, digits) } ?? "" }

    /// documents.csv's columns before the document variables.
    static let documentsHeader = ["doc_id", "country", "year", "date", "date_source", "language", "title", "tokens", "sentences", "status",
                                  "issuer", "path", "format", "encoding", "encoding_source", "invalid_bytes", "han_share", "scored_tokens",
                                  "translation_of", "in_series"]

    /// documents.csv: the known columns, `in_series` (`yes`, or `no: why`), then the manifest's
    /// document variables in manifest order.
    func documents(_ rows: AggregateRows, inSeries: [String?]) -> String {
        let variables = rows.first?.entry.variableNames ?? []
        var t = CSVTable(header: Self.documentsHeader + variables)
        for (k, r) in rows.enumerated() {
            let s = r.score
            let letters = (s?.hanCharacters ?? 0) + (s?.latinLetters ?? 0)
            t.append([r.entry.id, r.entry.country, r.year.map(String.init) ?? "", r.date, r.dateSource, r.language, r.title,
                      s.map { String($0.tokens) } ?? "", s.map { String($0.sentences) } ?? "", r.status,
                      r.issuer, r.entry.path + (r.entry.record.map { "#\($0)" } ?? ""), r.meta?.format ?? "", r.meta?.encoding ?? "",
                      r.meta?.encodingSource ?? "", s == nil ? "" : String(r.meta?.invalidBytes ?? 0),
                      letters > 0 ? f(Double(s!.hanCharacters) / Double(letters), 3) : "", s.map { String($0.scoredTokens) } ?? "",
                      r.entry.translationOf, inSeries[k].map { "no: " + $0 } ?? "yes"] + r.entry.variables)
        }
        return t.text
    }

    static let scoresHeader = ["doc_id", "country", "year", "language", "frame", "category", "hits", "negated", "weighted", "rate_per_10k"]

    /// scores.csv, handed out a document at a time (it is the largest table: documents ×
    /// categories rows), so it never sits in memory whole.
    func scores(_ rows: AggregateRows, _ sink: (String) -> Void) {
        sink(CSVTable(header: Self.scoresHeader).headerText)
        for r in rows {
            guard let s = r.score else { continue }
            var t = CSVTable(header: Self.scoresHeader)
            let year = r.year.map(String.init) ?? ""
            for c in s.categories {
                t.append([r.entry.id, r.entry.country, year, r.language, c.frame, c.category,
                          String(c.hits), String(c.negated), f(c.weighted, 3),
                          s.scoredTokens > 0 ? f(c.weighted / Double(s.scoredTokens) * 10_000) : ""])
            }
            sink(t.rowsText)
        }
    }

    /// The group columns of a row: the group key split into the group fields' values.
    func groupColumns(_ key: String, parts: Int? = nil) -> [String] {
        let n = parts ?? pipeline.groupFields.count
        var v = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        while v.count < n { v.append("") }
        return Array(v.prefix(n))
    }

    /// Headers of the tables by file, with `country` standing for the group_by fields: what
    /// docs/outputs.md must describe.
    public static var headers: [(file: String, columns: [String])] {
        [("documents.csv", documentsHeader), ("scores.csv", scoresHeader), ("series.csv", seriesTail(["country"])),
         ("series_by_language.csv", seriesTail(["country", "language"])), ("contrast.csv", contrastHeader), ("contrast_overall.csv", contrastOverallHeader),
         ("categories.csv", categoriesHeader), ("coverage.csv", coverageHeader), ("disagreements.csv", disagreementsHeader),
         ("matches.csv", matchesHeader), ("document_frames.csv", documentFramesHeader),
         ("category_shares.csv", categorySharesHeader), ("trends.csv", trendsHeader)]
    }
    static let contrastHeader = ["country", "year", "documents", "plus", "minus", "index", "ci_low", "ci_high", "flag", "hits", "translated"]
    static let contrastOverallHeader = ["country", "years", "documents", "plus", "minus", "index", "ci_low", "ci_high"]
    static let categoriesHeader = ["country", "year", "frame", "category", "documents", "tokens", "weighted", "rate_per_10k",
                                   "hits", "translated", "frame_label", "category_label"]
    static let coverageHeader = ["lexicon", "frame", "category", "entry", "language", "weight", "hits", "documents"]
    static let disagreementsHeader = ["doc_id", "field", "manifest", "extracted", "extracted_source"]
    static let matchesHeader = ["doc_id", "frame", "category", "entry", "language", "start", "end", "text", "negated"]
    static func seriesTail(_ group: [String]) -> [String] {
        group + ["year", "frame", "documents", "tokens", "hits", "weighted", "rate_per_10k", "ci_low", "ci_high", "flag", "translated"]
    }
    /// A header whose leading `country` stands for the group fields.
    func grouped(_ header: [String]) -> [String] { pipeline.groupFields + header.dropFirst() }

    var seriesHeader: [String] { Self.seriesTail(pipeline.groupFields) }

    func seriesFields(_ r: SeriesRow) -> [String] {
        [String(r.year), r.frame, String(r.documents), String(r.tokens), String(r.hits), f(r.weighted, 3),
         r.rate.isNaN ? "" : f(r.rate), opt(r.ciLow), opt(r.ciHigh), r.documents < pipeline.minDocuments ? "few_documents" : "",
         String(facts?.translated(r.country, r.year) ?? 0)]
    }

    /// Group × year × frame; `flag` is few_documents for cells built from fewer than
    /// `series.min_documents` documents.
    /// `adjusted` (from coded sheets) adds weighted_adjusted and rate_adjusted_per_10k.
    func series(_ rows: [SeriesRow], adjusted: [SeriesRow]? = nil) -> String {
        let extra = adjusted.map { a in Dictionary(a.map { ("\($0.country)|\($0.year)|\($0.frame)", $0) }, uniquingKeysWith: { x, _ in x }) }
        var t = CSVTable(header: seriesHeader + (extra == nil ? [] : ["weighted_adjusted", "rate_adjusted_per_10k"]))
        for r in rows {
            var fields = groupColumns(r.country) + seriesFields(r)
            if let extra {
                let a = extra["\(r.country)|\(r.year)|\(r.frame)"]
                fields += [opt(a?.weighted, 3), a.map { $0.rate.isNaN ? "" : f($0.rate) } ?? ""]
            }
            t.append(fields)
        }
        return t.text
    }

    /// plus_adjusted, minus_adjusted and index_adjusted of the cell in `adjusted`.
    private func adjustedContrast(_ r: ContrastRow, _ extra: [String: ContrastRow]?) -> [String] {
        guard let extra else { return [] }
        let a = extra["\(r.country)|\(r.year)"]
        return [opt(a?.plus, 3), opt(a?.minus, 3), opt(a?.index)]
    }

    private func keyed(_ rows: [ContrastRow]?) -> [String: ContrastRow]? {
        rows.map { a in Dictionary(a.map { ("\($0.country)|\($0.year)", $0) }, uniquingKeysWith: { x, _ in x }) }
    }

    private static let adjustedContrastHeader = ["plus_adjusted", "minus_adjusted", "index_adjusted"]

    /// Series split by language: rows keyed "group\u{1F}language". Grouped by language already,
    /// the language is one of the group columns and is written once.
    func seriesByLanguage(_ rows: [SeriesRow]) -> String {
        let split = !pipeline.groupFields.contains("language")
        let fields = pipeline.groupFields + (split ? ["language"] : [])
        var t = CSVTable(header: Self.seriesTail(fields))
        for r in rows { t.append(groupColumns(r.country, parts: fields.count) + seriesFields(r)) }
        return t.text
    }

    func contrast(_ rows: [ContrastRow], adjusted: [ContrastRow]? = nil) -> String {
        let extra = keyed(adjusted)
        // `hits`: raw hits of both frames, what the index rests on (figures size points by it).
        var t = CSVTable(header: grouped(Self.contrastHeader) + (extra == nil ? [] : Self.adjustedContrastHeader))
        for r in rows {
            t.append(groupColumns(r.country) + [String(r.year), String(r.documents), f(r.plus, 3), f(r.minus, 3), opt(r.index), opt(r.ciLow), opt(r.ciHigh),
                      r.documents < pipeline.minDocuments ? "few_documents" : "",
                      String(facts?.contrastHits(r.country, r.year) ?? 0), String(facts?.translated(r.country, r.year) ?? 0)]
                     + adjustedContrast(r, extra))
        }
        return t.text
    }

    /// Hits per lexicon entry over the corpus, entries never hit included (with 0).
    func coverage(_ totals: [String: BuildState.EntryTotal], lexicons: [CompiledLexicon]) -> String {
        var t = CSVTable(header: Self.coverageHeader)
        for l in lexicons {
            for p in l.patterns {
                let key = "\(p.frame)/\(p.category)/\(p.form)"
                // An exclusion phrase's row: "exclude" for its weight, the matches it vetoed as hits.
                t.append([l.lexicon.name, p.frame, p.category, p.form, p.language.rawValue, p.exclusion ? "exclude" : f(p.weight, 3),
                          String(totals[key]?.hits ?? 0), String(totals[key]?.documents ?? 0)])
            }
        }
        return t.text
    }

    /// Group × year × frame × category: documents, scored tokens, weighted hits and the pooled
    /// rate per 10k tokens (the category series; the heatmaps are drawn from it).
    func categories(_ docs: [ScoredDocument]) -> String {
        struct Cell: Hashable { var group: String; var year: Int }
        var tokens: [Cell: Int] = [:], count: [Cell: Int] = [:]
        var order: [String] = []
        var weighted: [Cell: [String: Double]] = [:]
        var hits: [Cell: [String: Int]] = [:]
        for d in docs {
            let cell = Cell(group: d.country, year: d.year)
            count[cell, default: 0] += 1
            tokens[cell, default: 0] += d.score.scoredTokens
            for c in d.score.categories {
                let key = c.frame + "\u{1F}" + c.category
                if weighted[cell]?[key] == nil && !order.contains(key) { order.append(key) }
                weighted[cell, default: [:]][key, default: 0] += c.weighted
                hits[cell, default: [:]][key, default: 0] += c.hits
            }
        }
        var t = CSVTable(header: grouped(Self.categoriesHeader))
        for cell in count.keys.sorted(by: { $0.group != $1.group ? $0.group < $1.group : $0.year < $1.year }) {
            let tk = tokens[cell] ?? 0
            for key in order {
                let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                let w = weighted[cell]?[key] ?? 0
                t.append(groupColumns(cell.group) + [String(cell.year), parts[0], parts[1], String(count[cell]!), String(tk), f(w, 3),
                          tk > 0 ? f(w / Double(tk) * 10_000) : "", String(hits[cell]?[key] ?? 0),
                          String(facts?.translated(cell.group, cell.year) ?? 0),
                          labels[parts[0]] ?? "", labels[parts[0] + "/" + parts[1]] ?? ""])
            }
        }
        return t.text
    }

    /// Group × all years: the contrast pooled over every year, with its bootstrap interval.
    func contrastOverall(_ rows: [ContrastRow], adjusted: [ContrastRow]? = nil) -> String {
        let extra = keyed(adjusted)
        var t = CSVTable(header: grouped(Self.contrastOverallHeader) + (extra == nil ? [] : Self.adjustedContrastHeader))
        for r in rows {
            t.append(groupColumns(r.country) + ["all", String(r.documents), f(r.plus, 3), f(r.minus, 3), opt(r.index), opt(r.ciLow), opt(r.ciHigh)]
                     + adjustedContrast(r, extra))
        }
        return t.text
    }

    func disagreements(_ rows: AggregateRows) -> String {
        var t = CSVTable(header: Self.disagreementsHeader)
        for r in rows { for d in r.disagreements { t.append(d) } }
        return t.text
    }
}
