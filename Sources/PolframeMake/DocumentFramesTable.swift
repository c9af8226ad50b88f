import PolframeScore

extension OutputTables {
    static let documentFramesHeader = DocumentFramesTable.columns

    /// document_frames.csv: each scored document × each frame of the lexicons, summed over the
    /// frame's categories, with the document's own contrast index (the same on each of its rows;
    /// empty when it has no hit of either contrast frame). Users rebuilt this from scores.csv.
    func documentFrames(_ rows: AggregateRows, inSeries: [String?]) -> String {
        var out: [DocumentFramesTable.Row] = []
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
            let index = plus + minus > 0 ? (plus - minus) / (plus + minus) : nil
            for (i, frame) in frames.enumerated() {
                out.append(DocumentFramesTable.Row(
                    docID: r.entry.id, country: r.entry.country, year: r.year, language: r.language, frame: frame, hits: hits[i],
                    negated: negated[i], weighted: weighted[i], scoredTokens: s.scoredTokens,
                    rate: s.scoredTokens > 0 ? weighted[i] / Double(s.scoredTokens) * 10_000 : nil, contrastIndex: index, leftOut: inSeries[k]))
            }
        }
        return DocumentFramesTable.text(out)
    }
}
