import PolframeLexicon
import PolframeScore

/// category_shares.csv and trends.csv (`series.trends: true`): the composition of each framing
/// frame year by year, and its linear trend, for claims such as "a shift from talent toward
/// standards".
extension OutputTables {
    static let trendFiles = ["category_shares.csv", "trends.csv"]
    /// Headers with `country` standing for the group fields (docs/outputs.md describes them).
    static let categorySharesHeader = ["country", "year", "frame", "category", "documents", "weighted", "frame_weighted", "share", "ci_low", "ci_high"]
    static let trendsHeader = ["country", "frame", "category", "years", "documents", "first_year", "last_year", "slope_per_year",
                               "ci_low", "ci_high", "share_of_replicates_above_zero"]

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
        func fmt(_ v: Double?, _ digits: Int = 4) -> String { v.map { NumberFormat.fixed($0, digits) } ?? "" }

        var shares = CSVTable(header: grouped(Self.categorySharesHeader))
        for r in builder.shares(docs, frames: frames) {
            shares.append(groupColumns(r.group) + [String(r.year), r.frame, r.category, String(r.documents), fmt(r.weighted, 3),
                           fmt(r.frameWeighted, 3), fmt(r.share), fmt(r.ciLow), fmt(r.ciHigh)])
        }
        var trends = CSVTable(header: grouped(Self.trendsHeader))
        for r in builder.trends(docs, frames: frames) {
            trends.append(groupColumns(r.group) + [r.frame, r.category, String(r.years), String(r.documents), r.firstYear.map(String.init) ?? "",
                           r.lastYear.map(String.init) ?? "", fmt(r.slope, 5), fmt(r.ciLow, 5), fmt(r.ciHigh, 5), fmt(r.positive, 3)])
        }
        return [("category_shares.csv", shares.text), ("trends.csv", trends.text)]
    }
}
