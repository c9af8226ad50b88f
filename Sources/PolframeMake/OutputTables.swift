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

/// Renders the CSV outputs (contract v1 of DESIGN.md) from the build's values, through the
/// typed tables of PolframeScore/Tables (each owns its header, row, writer and reader).
struct OutputTables {
    let pipeline: Pipeline
    let frames: [String]
    /// The lexicons' labels by frame id and by "frame/category", written beside the ids so
    /// figures can show them.
    var labels: [String: String] = [:]
    /// Translated documents and contrast hits per cell (empty: every count is 0).
    var facts: CellFacts? = nil

    static let documentsHeader = DocumentsTable.columns
    static let scoresHeader = ScoresTable.columns
    static let matchesHeader = MatchesTable.columns

    /// Headers of the tables by file, with `country` standing for the group_by fields: what
    /// docs/outputs.md must describe.
    public static var headers: [(file: String, columns: [String])] {
        [(DocumentsTable.fileName, DocumentsTable.columns), (ScoresTable.fileName, ScoresTable.columns),
         (SeriesTable.fileName, SeriesTable.columns), (SeriesByLanguageTable.fileName, SeriesByLanguageTable.columns),
         (ContrastTable.fileName, ContrastTable.columns), (ContrastOverallTable.fileName, ContrastOverallTable.columns),
         (CategoriesTable.fileName, CategoriesTable.columns), (CoverageTable.fileName, CoverageTable.columns),
         (DisagreementsTable.fileName, DisagreementsTable.columns), (MatchesTable.fileName, MatchesTable.columns),
         (DocumentFramesTable.fileName, DocumentFramesTable.columns), (CategorySharesTable.fileName, CategorySharesTable.columns),
         (TrendsTable.fileName, TrendsTable.columns)]
    }

    /// The layout of the grouped tables: one column per group_by field.
    var layout: TableLayout { TableLayout(groups: pipeline.groupFields) }

    /// The group columns of a row: the group key (the aggregation's U+001F-joined values) split
    /// into the group fields' values. The one place a key becomes columns.
    func groupColumns(_ key: String, parts: Int? = nil) -> [String] {
        let n = parts ?? pipeline.groupFields.count
        var v = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        while v.count < n { v.append("") }
        return Array(v.prefix(n))
    }

    /// documents.csv: the known columns, `in_series` (`yes`, or `no: why`), then the manifest's
    /// document variables in manifest order.
    func documents(_ rows: AggregateRows, inSeries: [String?]) -> String {
        let layout = TableLayout(variables: rows.first?.entry.variableNames ?? [])
        return DocumentsTable.text(rows.enumerated().lazy.map { k, r in
            let s = r.score
            let letters = (s?.hanCharacters ?? 0) + (s?.latinLetters ?? 0)
            return DocumentsTable.Row(
                docID: r.entry.id, country: r.entry.country, year: r.year, date: r.date, dateSource: r.dateSource, language: r.language,
                title: r.title, tokens: s?.tokens, sentences: s?.sentences, status: r.status, issuer: r.issuer,
                path: r.entry.path + (r.entry.record.map { "#\($0)" } ?? ""), format: r.meta?.format ?? "", encoding: r.meta?.encoding ?? "",
                encodingSource: r.meta?.encodingSource ?? "", invalidBytes: s == nil ? nil : (r.meta?.invalidBytes ?? 0),
                hanShare: letters > 0 ? Double(s!.hanCharacters) / Double(letters) : nil, scoredTokens: s?.scoredTokens,
                translationOf: r.entry.translationOf, leftOut: inSeries[k], variables: r.entry.variables)
        }, layout)
    }

    /// scores.csv, handed out a document at a time (it is the largest table: documents ×
    /// categories rows), so it never sits in memory whole.
    func scores(_ rows: AggregateRows, _ sink: (String) -> Void) {
        sink(ScoresTable.headerText())
        for r in rows {
            guard let s = r.score else { continue }
            sink(ScoresTable.rowsText(s.categories.lazy.map { c in
                ScoresTable.Row(docID: r.entry.id, country: r.entry.country, year: r.year, language: r.language, frame: c.frame,
                                category: c.category, hits: c.hits, negated: c.negated, weighted: c.weighted,
                                rate: s.scoredTokens > 0 ? c.weighted / Double(s.scoredTokens) * 10_000 : nil)
            }))
        }
    }

    func seriesRow(_ r: SeriesRow, group: [String]) -> SeriesTable.Row {
        SeriesTable.Row(group: group, year: r.year, frame: r.frame, documents: r.documents, tokens: r.tokens, hits: r.hits,
                        weighted: r.weighted, rate: r.rate.isNaN ? nil : r.rate, ciLow: r.ciLow, ciHigh: r.ciHigh,
                        fewDocuments: r.documents < pipeline.minDocuments, translated: facts?.translated(r.country, r.year) ?? 0)
    }

    /// Group × year × frame; `flag` is few_documents for cells built from fewer than
    /// `series.min_documents` documents.
    /// `adjusted` (from coded sheets) adds weighted_adjusted and rate_adjusted_per_10k.
    func series(_ rows: [SeriesRow], adjusted: [SeriesRow]? = nil) -> String {
        let extra = adjusted.map { a in Dictionary(a.map { ("\($0.country)|\($0.year)|\($0.frame)", $0) }, uniquingKeysWith: { x, _ in x }) }
        var layout = self.layout
        layout.adjusted = extra != nil
        return SeriesTable.text(rows.lazy.map { r in
            var row = seriesRow(r, group: groupColumns(r.country))
            if let a = extra?["\(r.country)|\(r.year)|\(r.frame)"] {
                row.weightedAdjusted = a.weighted
                row.rateAdjusted = a.rate.isNaN ? nil : a.rate
            }
            return row
        }, layout)
    }

    private func keyed(_ rows: [ContrastRow]?) -> [String: ContrastRow]? {
        rows.map { a in Dictionary(a.map { ("\($0.country)|\($0.year)", $0) }, uniquingKeysWith: { x, _ in x }) }
    }

    /// Series split by language: rows keyed "group\u{1F}language". Grouped by language already,
    /// the language is one of the group columns and is written once.
    func seriesByLanguage(_ rows: [SeriesRow]) -> String {
        let groups = pipeline.groupFields
        let split = !groups.contains("language")
        return SeriesByLanguageTable.text(rows.lazy.map { r in
            let values = groupColumns(r.country, parts: groups.count + (split ? 1 : 0))
            let language = split ? values.last! : values[groups.firstIndex(of: "language")!]
            let others = zip(groups, values).filter { $0.0 != "language" }.map(\.1)
            return SeriesByLanguageTable.Row(series: seriesRow(r, group: others), language: language)
        }, layout)
    }

    func contrast(_ rows: [ContrastRow], adjusted: [ContrastRow]? = nil) -> String {
        let extra = keyed(adjusted)
        var layout = self.layout
        layout.adjusted = extra != nil
        // `hits`: raw hits of both frames, what the index rests on (figures size points by it).
        return ContrastTable.text(rows.lazy.map { r in
            let a = extra?["\(r.country)|\(r.year)"]
            return ContrastTable.Row(group: groupColumns(r.country), year: r.year, documents: r.documents, plus: r.plus, minus: r.minus,
                                     index: r.index, ciLow: r.ciLow, ciHigh: r.ciHigh, fewDocuments: r.documents < pipeline.minDocuments,
                                     hits: facts?.contrastHits(r.country, r.year) ?? 0, translated: facts?.translated(r.country, r.year) ?? 0,
                                     plusAdjusted: a?.plus, minusAdjusted: a?.minus, indexAdjusted: a?.index)
        }, layout)
    }

    /// Hits per lexicon entry over the corpus, entries never hit included (with 0).
    func coverage(_ totals: [String: BuildState.EntryTotal], lexicons: [CompiledLexicon]) -> String {
        CoverageTable.text(lexicons.lazy.flatMap { l in
            l.patterns.lazy.map { p in
                let key = "\(p.frame)/\(p.category)/\(p.form)"
                // An exclusion phrase's row: "exclude" for its weight, the matches it vetoed as hits.
                return CoverageTable.Row(lexicon: l.lexicon.name, frame: p.frame, category: p.category, entry: p.form,
                                         language: p.language.rawValue, weight: p.exclusion ? nil : p.weight,
                                         hits: totals[key]?.hits ?? 0, documents: totals[key]?.documents ?? 0)
            }
        })
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
        var out: [CategoriesTable.Row] = []
        for cell in count.keys.sorted(by: { $0.group != $1.group ? $0.group < $1.group : $0.year < $1.year }) {
            let tk = tokens[cell] ?? 0
            for key in order {
                let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                let w = weighted[cell]?[key] ?? 0
                out.append(CategoriesTable.Row(group: groupColumns(cell.group), year: cell.year, frame: parts[0], category: parts[1],
                                               documents: count[cell]!, tokens: tk, weighted: w, rate: tk > 0 ? w / Double(tk) * 10_000 : nil,
                                               hits: hits[cell]?[key] ?? 0, translated: facts?.translated(cell.group, cell.year) ?? 0,
                                               frameLabel: labels[parts[0]] ?? "", categoryLabel: labels[parts[0] + "/" + parts[1]] ?? ""))
            }
        }
        return CategoriesTable.text(out, layout)
    }

    /// Group × all years: the contrast pooled over every year, with its bootstrap interval.
    func contrastOverall(_ rows: [ContrastRow], adjusted: [ContrastRow]? = nil) -> String {
        let extra = keyed(adjusted)
        var layout = self.layout
        layout.adjusted = extra != nil
        return ContrastOverallTable.text(rows.lazy.map { r in
            let a = extra?["\(r.country)|\(r.year)"]
            return ContrastOverallTable.Row(group: groupColumns(r.country), documents: r.documents, plus: r.plus, minus: r.minus, index: r.index,
                                            ciLow: r.ciLow, ciHigh: r.ciHigh, plusAdjusted: a?.plus, minusAdjusted: a?.minus, indexAdjusted: a?.index)
        }, layout)
    }

    func disagreements(_ rows: AggregateRows) -> String {
        DisagreementsTable.text(rows.lazy.flatMap { r in
            r.disagreements.map { DisagreementsTable.Row(docID: $0[0], field: $0[1], manifest: $0[2], extracted: $0[3], extractedSource: $0[4]) }
        })
    }
}
