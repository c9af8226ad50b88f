import PolframeScore

extension OutputTables {
    static let documentFramesHeader = ["doc_id", "country", "year", "language", "frame", "hits", "negated", "weighted", "scored_tokens",
                                       "rate_per_10k", "contrast_index", "in_series"]

    /// document_frames.csv: each scored document × each frame of the lexicons, summed over the
    /// frame's categories, with the document's own contrast index (the same on each of its rows;
    /// empty when it has no hit of either contrast frame). Users rebuilt this from scores.csv.
    func documentFrames(_ rows: AggregateRows, inSeries: [String?]) -> String {
        var t = CSVTable(header: Self.documentFramesHeader)
        // Sums by frame position (a dictionary per document was most of this table's cost).
        let position = Dictionary(frames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let (plusAt, minusAt) = (position[pipeline.plus], position[pipeline.minus])
        var hits = [Int](repeating: 0, count: frames.count), negated = hits
        var weighted = [Double](repeating: 0, count: frames.count)
        for (k, r) in rows.enumerated() {
            guard let s = r.score else { continue }
            for i in frames.indices { hits[i] = 0; negated[i] = 0; weighted[i] = 0 }
            for c in s.categories {
                guard let i = position[c.frame] else { continue }
                hits[i] += c.hits
                negated[i] += c.negated
                weighted[i] += c.weighted
            }
            let plus = plusAt.map { weighted[$0] } ?? 0, minus = minusAt.map { weighted[$0] } ?? 0
            let index = plus + minus > 0 ? f((plus - minus) / (plus + minus)) : ""
            let year = r.year.map(String.init) ?? "", tokens = String(s.scoredTokens)
            let member = inSeries[k].map { "no: " + $0 } ?? "yes"
            for (i, frame) in frames.enumerated() {
                t.append([r.entry.id, r.entry.country, year, r.language, frame, String(hits[i]), String(negated[i]), f(weighted[i], 3),
                          tokens, s.scoredTokens > 0 ? f(weighted[i] / Double(s.scoredTokens) * 10_000) : "", index, member])
            }
        }
        return t.text
    }
}
