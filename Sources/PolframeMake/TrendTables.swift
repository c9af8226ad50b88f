import PolframeLexicon
import PolframeScore

/// category_shares.csv and trends.csv (`series.trends: true`): the composition of each framing
/// frame year by year, and its linear trend, for claims such as "a shift from talent toward
/// standards".
extension OutputTables {
    static let trendFiles = [CategorySharesTable.fileName, TrendsTable.fileName]

    /// The framing frames (topic frames mark passages, they are not framing) with their
    /// categories, in lexicon order.
    static func framingCategories(_ lexicons: [CompiledLexicon]) -> [TrendBuilder.FrameCategories] {
        var out: [TrendBuilder.FrameCategories] = []
        for l in lexicons {
            for frame in l.lexicon.frames where frame.role == .framing && !out.contains(where: { $0.frame == frame.id }) {
                out.append((frame: frame.id, categories: frame.categories.map(\.id)))
            }
        }
        return out
    }

    func trendTables(_ docs: [ScoredDocument], lexicons: [CompiledLexicon], bootstrap: BootstrapOptions) -> [(String, String)] {
        let frames = Self.framingCategories(lexicons)
        let builder = TrendBuilder(bootstrap: bootstrap)
        let shares = CategorySharesTable.text(builder.shares(docs, frames: frames).lazy.map { r in
            CategorySharesTable.Row(group: groupColumns(r.group), year: r.year, frame: r.frame, category: r.category, documents: r.documents,
                                    weighted: r.weighted, frameWeighted: r.frameWeighted, share: r.share, ciLow: r.ciLow, ciHigh: r.ciHigh)
        }, layout)
        let trends = TrendsTable.text(builder.trends(docs, frames: frames).lazy.map { r in
            TrendsTable.Row(group: groupColumns(r.group), frame: r.frame, category: r.category, years: r.years, documents: r.documents,
                            firstYear: r.firstYear, lastYear: r.lastYear, slope: r.slope, ciLow: r.ciLow, ciHigh: r.ciHigh, positive: r.positive)
        }, layout)
        return [(CategorySharesTable.fileName, shares), (TrendsTable.fileName, trends)]
    }
}
