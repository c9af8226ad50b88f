import Foundation
import PolframeLexicon
import PolframeScore
import PolframeText

/// A keyword-in-context line.
public struct KwicLine: Sendable {
    public var docID: String
    public var country: String
    public var year: String
    public var left: String
    public var match: String
    public var right: String
    public var negated: Bool
    /// Inside an exclusion phrase of the pipeline's lexicons: shown, but counted nowhere.
    public var excluded: Bool = false
}

/// Why a series cell is what it is: its documents and entries, largest contributions first.
public struct CellExplanation: Sendable {
    public struct DocumentPart: Sendable {
        public var docID: String
        public var title: String
        public var weighted: Double
        public var hits: Int
        /// Tokens scored (the passages under a passage filter, else the whole document), the
        /// denominator of its rate, as in documents.csv's `scored_tokens`.
        public var tokens: Int
        /// Rows of matches.csv marked excluded (a table written with an `excluded` column).
        public var excludedRows: Int = 0
        /// (entry, hits, weighted), largest first.
        public var entries: [(String, Int, Double)]
        /// Example contexts, "…left [match] right…" ("[match](excluded)" for an excluded match).
        public var examples: [String]
        /// Matches of the frame vetoed by an exclusion phrase, in context.
        public var excluded: [String] = []
    }
    public var summary: String
    public var documents: [DocumentPart]
}

extension Engine {
    /// Loads what the last make left for one document: its text and analysis.
    func evidence(for id: String, state: BuildState) -> (text: String, analysis: AnalyzedText?)? {
        guard let d = state.documents[id], let data = cache.read(.ingest, d.ingestFingerprint),
              let record = IngestRecord(serialized: data), record.skipReason == nil else { return nil }
        let analysis = cache.read(.analysis, d.normalizeFingerprint).flatMap { AnalyzedText(serialized: [UInt8]($0)) }
        return (record.text, analysis)
    }

    /// documents.csv of the last make by document id (empty before the first make, or when it
    /// cannot be read): the outputs' view of a document (its year as dated, from the manifest or
    /// its own text).
    func documentRows() -> (layout: TableLayout, rows: [String: DocumentsTable.Row]) {
        guard let t = try? DocumentsTable.read(path: outputDirectory + "/" + DocumentsTable.fileName) else { return (TableLayout(), [:]) }
        return (t.layout, Dictionary(t.rows.map { ($0.docID, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    static func context(_ scalars: [Unicode.Scalar], _ range: Range<Int>, width: Int) -> (String, String, String) {
        func s(_ r: Range<Int>) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[r].map { $0 == "\n" ? " " : $0 })
            return String(v)
        }
        let lo = max(0, range.lowerBound - width), hi = min(scalars.count, range.upperBound + width)
        return (s(lo..<range.lowerBound), s(range), s(range.upperBound..<hi))
    }

    /// `polframe kwic`: every occurrence of PATTERN (a lexicon form: English words with an
    /// optional trailing `*`, or Chinese) in the corpus, matched as lexicon entries are, over the
    /// analyses the last make cached.
    public func kwic(_ pattern: String, width: Int = 40) throws(MakeError) -> [KwicLine] {
        let state = try readState()
        guard !state.documents.isEmpty else {
            throw .invalidInputs([.init(file: statePath, "no build yet: run `polframe make -f \(inputs.pipeline.path)` first")])
        }
        let form = Form(text: pattern.lowercased(), language: Lexicon.language(of: pattern), line: 0, column: 0)
        let lexicon = Lexicon(name: "kwic", version: "0", path: "(pattern)",
                              frames: [Frame(id: "kwic", label: "kwic", categories: [Category(id: "pattern", label: "pattern", weight: 1, entries: [Entry(forms: [form], weight: 1)])])],
                              negation: inputs.lexicons.first?.lexicon.negation ?? Lexicon.defaultNegation,
                              // Every exclusion phrase of the pipeline's lexicons, whatever its scope.
                              exclude: inputs.lexicons.flatMap { l in l.lexicon.exclude + l.lexicon.frames.flatMap { $0.categories.flatMap(\.exclude) } })
        let compiled: CompiledLexicon
        do {
            compiled = try CompiledLexicon(lexicon, analyzer: try TextAnalyzer(options: inputs.pipeline.normalization, dictionary: inputs.dictionary))
        } catch let e as LexiconError {
            throw .invalidInputs(e.problems)
        } catch {
            throw .invalidInputs([.init(file: "(pattern)", "\(error)")])
        }
        let scorer = Scorer([compiled])
        let documents = documentRows()
        var lines: [KwicLine] = []
        for e in inputs.manifest.sorted(by: { $0.id < $1.id }) {
            guard let (text, analysis) = evidence(for: e.id, state: state), let a = analysis else { continue }
            let scalars = Array(text.unicodeScalars)
            let score = scorer.score(a, source: text)
            for (m, excluded) in score.matches.map({ ($0, false) }) + score.excluded.map({ ($0, true) }) {
                let (l, mid, r) = Self.context(scalars, m.start..<m.end, width: width)
                // The year as documents.csv has it: a document dated from its own text has none in the manifest.
                let year = (documents.rows[e.id]?.year ?? e.year).map(String.init) ?? ""
                lines.append(KwicLine(docID: e.id, country: e.country, year: year, left: l, match: mid, right: r,
                                      negated: m.negated, excluded: excluded))
            }
        }
        return lines
    }

    /// `polframe why COUNTRY YEAR FRAME`: the documents and entries behind a series cell,
    /// largest contributions first, with example contexts; from the outputs and cache of the
    /// last make.
    public func why(country: String, year: Int, frame: String, examples: Int = 2) throws(MakeError) -> CellExplanation {
        let state = try readState()
        func read<T: OutputTable>(_ table: T.Type) throws(MakeError) -> (layout: TableLayout, rows: [T.Row]) {
            let path = outputDirectory + "/" + T.fileName
            guard FileManager.default.fileExists(atPath: path) else {
                throw .invalidInputs([.init(file: path, "missing: run `polframe make -f \(inputs.pipeline.path)` first")])
            }
            do { return try T.read(path: path) } catch { throw .invalidInputs([.init(file: path, error.description)]) }
        }
        let series = try read(SeriesTable.self).rows, scores = try read(ScoresTable.self).rows, matches = try read(MatchesTable.self).rows
        // COUNTRY names the group: its one value, or its values joined by " / " as figures label it.
        func isCell(_ group: [String]) -> Bool { group == [country] || group.joined(separator: " / ") == country }
        guard let cell = series.first(where: { isCell($0.group) && $0.year == year && $0.frame == frame }) else {
            let frames = Set(series.map(\.frame)).sorted().joined(separator: ", ")
            throw .invalidInputs([.init(file: outputDirectory + "/series.csv", "no cell \(country) \(year) \(frame) (frames: \(frames); a year without documents has no cell)")])
        }
        let filtered = inputs.pipeline.passageFilter != nil
        let interval = IntervalText.describe(low: cell.ciLow, high: cell.ciHigh, documents: cell.documents, format: { NumberFormat.fixed($0, 4) })
        let summary = "\(country) \(year) \(frame): \(cell.documents) documents, \(cell.tokens) \(filtered ? "scored tokens" : "tokens"), \(cell.hits) hits, weighted \(NumberFormat.fixed(cell.weighted, 3)), rate \(cell.rate.map { NumberFormat.fixed($0, 4) } ?? "") per 10k tokens, \(interval)"
        let documents = documentRows()
        let groupFields = inputs.pipeline.groupFields
        // A document's group as the series have it (scores.csv names only its country).
        func group(_ score: ScoresTable.Row) -> [String] {
            guard groupFields != ["country"], let d = documents.rows[score.docID] else { return [score.country] }
            return groupFields.map { DocumentVariables.value(of: $0, in: d, variables: documents.layout.variables) }
        }
        var parts: [String: CellExplanation.DocumentPart] = [:]
        let titles = Dictionary(inputs.manifest.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        for r in scores where r.year == year && r.frame == frame && isCell(group(r)) {
            let id = r.docID
            let tokens = documents.rows[id].flatMap { $0.scoredTokens ?? $0.tokens } ?? 0
            var p = parts[id] ?? .init(docID: id, title: titles[id] ?? "", weighted: 0, hits: 0, tokens: tokens, entries: [], examples: [])
            p.weighted += r.weighted
            p.hits += r.hits
            parts[id] = p
        }
        let weights = Dictionary(inputs.lexicons.flatMap { l in l.patterns.map { (EntryKey.of(frame: $0.frame, category: $0.category, form: $0.form), $0.weight) } }, uniquingKeysWith: { a, _ in a })
        var byDoc: [String: [MatchesTable.Row]] = [:]
        for m in matches where m.frame == frame && parts[m.docID] != nil { byDoc[m.docID, default: []].append(m) }
        for (id, rows) in byDoc {
            var counts: [String: Int] = [:]
            var w: [String: Double] = [:]
            for m in rows {
                if m.excluded { parts[id]!.excludedRows += 1; continue }
                counts[m.entry, default: 0] += 1
                w[m.entry, default: 0] += weights[EntryKey.of(frame: frame, category: m.category, form: m.entry)] ?? 1
            }
            parts[id]!.entries = counts.keys.map { ($0, counts[$0]!, w[$0]!) }.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
            // The rate's denominator: scored tokens as documents.csv has them, not the whole document's.
            let scoredTokens = documents.rows[id].flatMap { $0.scoredTokens ?? $0.tokens }
            if let (text, analysis) = evidence(for: id, state: state) {
                parts[id]!.tokens = scoredTokens ?? analysis?.tokens.count ?? 0
                let scalars = Array(text.unicodeScalars)
                for m in rows.prefix(examples) {
                    if m.start <= m.end, m.end <= scalars.count {
                        let (l, mid, r) = Self.context(scalars, m.start..<m.end, width: 50)
                        parts[id]!.examples.append("…\(l)[\(mid)]\(m.excluded ? "(excluded)" : "")\(r)…")
                    }
                }
            } else if let scoredTokens {
                parts[id]!.tokens = scoredTokens
            }
        }
        // Vetoed matches are in no output: the cell's documents are matched again to show them.
        if inputs.lexicons.contains(where: \.hasExclusions) {
            let scorer = Scorer(inputs.lexicons, passageFilter: inputs.pipeline.passageFilter)
            for id in parts.keys.sorted() {
                guard let (text, analysis) = evidence(for: id, state: state), let a = analysis else { continue }
                let scalars = Array(text.unicodeScalars)
                for x in scorer.score(a, source: text).excluded where x.frame == frame {
                    let (l, mid, r) = Self.context(scalars, x.start..<x.end, width: 50)
                    parts[id]!.excluded.append("…\(l)[\(mid)]\(r)… (excluded from \(x.category))")
                }
            }
        }
        return CellExplanation(summary: summary, documents: parts.values.sorted { $0.weighted != $1.weighted ? $0.weighted > $1.weighted : $0.docID < $1.docID })
    }
}
