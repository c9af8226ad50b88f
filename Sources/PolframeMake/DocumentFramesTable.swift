import PolframeScore

extension OutputTables {
    static let documentFramesHeader = ["doc_id", "country", "year", "language", "frame", "hits", "negated", "weighted", "scored_tokens",
                                       "rate_per_10k", "contrast_index", "in_series"]

    /// document_frames.csv: each scored document × each frame of the lexicons, summed over the
    /// frame's categories, with the document's own contrast index (the same on each of its rows;
    /// empty when it has no hit of either contrast frame). Users rebuilt this from scores.csv.
    func documentFrames(_ rows: AggregateRows, inSeries: [String?]) -> String {
        var t = CSVTable(header: Self.documentFramesHeader)
        for (k, r) in rows.enumerated() {
            guard let s = r.score else { continue }
            var hits: [String: Int] = [:], negated: [String: Int] = [:], weighted: [String: Double] = [:]
            for c in s.categories {
                hits[c.frame, default: 0] += c.hits
                negated[c.frame, default: 0] += c.negated
                weighted[c.frame, default: 0] += c.weighted
            }
            let plus = weighted[pipeline.plus] ?? 0, minus = weighted[pipeline.minus] ?? 0
            let index = plus + minus > 0 ? f((plus - minus) / (plus + minus)) : ""
            let year = r.year.map(String.init) ?? ""
            let member = inSeries[k].map { "no: " + $0 } ?? "yes"
            for frame in frames {
                let w = weighted[frame] ?? 0
                t.append([r.entry.id, r.entry.country, year, r.language, frame, String(hits[frame] ?? 0), String(negated[frame] ?? 0), f(w, 3),
                          String(s.scoredTokens), s.scoredTokens > 0 ? f(w / Double(s.scoredTokens) * 10_000) : "", index, member])
            }
        }
        return t.text
    }
}
