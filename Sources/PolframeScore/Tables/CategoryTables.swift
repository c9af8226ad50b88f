/// categories.csv: one row per group × year × frame × category (the heatmaps are drawn from it).
public enum CategoriesTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var group: [String]
        public var year: Int
        public var frame: String
        public var category: String
        public var documents: Int
        public var tokens: Int
        public var weighted: Double
        public var rate: Double?
        /// nil in a table without the column.
        public var hits: Int?
        public var translated: Int
        public var frameLabel: String
        public var categoryLabel: String

        public init(group: [String], year: Int, frame: String, category: String, documents: Int, tokens: Int, weighted: Double,
                    rate: Double?, hits: Int?, translated: Int, frameLabel: String, categoryLabel: String) {
            self.group = group; self.year = year; self.frame = frame; self.category = category; self.documents = documents
            self.tokens = tokens; self.weighted = weighted; self.rate = rate; self.hits = hits; self.translated = translated
            self.frameLabel = frameLabel; self.categoryLabel = categoryLabel
        }
    }

    public static let fileName = "categories.csv"
    public static let columns = ["country", "year", "frame", "category", "documents", "tokens", "weighted", "rate_per_10k",
                                 "hits", "translated", "frame_label", "category_label"]
    public static let optionalColumns: Set<String> = ["rate_per_10k", "hits", "translated", "frame_label", "category_label"]

    public static func header(_ layout: TableLayout) -> [String] { grouped(layout) }
    public static func layout(of header: [String]) -> TableLayout { groupLayout(of: header) }

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        r.group + [String(r.year), r.frame, r.category, String(r.documents), String(r.tokens), TableCell.fixed(r.weighted, 3),
                   TableCell.fixed(r.rate, 4), TableCell.int(r.hits), String(r.translated), r.frameLabel, r.categoryLabel]
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(group: r.group, year: try r.int("year"), frame: r.text("frame"), category: r.text("category"), documents: try r.int("documents"),
            tokens: try r.int("tokens"), weighted: try r.double("weighted"), rate: try r.optionalDouble("rate_per_10k"),
            hits: try r.optionalInt("hits"), translated: try r.optionalInt("translated") ?? 0, frameLabel: r.text("frame_label"),
            categoryLabel: r.text("category_label"))
    }
}

/// category_shares.csv (`series.trends: true`): each category's share of its framing frame,
/// group × year.
public enum CategorySharesTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var group: [String]
        public var year: Int
        public var frame: String
        public var category: String
        public var documents: Int
        public var weighted: Double
        public var frameWeighted: Double
        /// nil when the frame has no hit that year.
        public var share: Double?
        public var ciLow: Double?
        public var ciHigh: Double?

        public init(group: [String], year: Int, frame: String, category: String, documents: Int, weighted: Double, frameWeighted: Double,
                    share: Double?, ciLow: Double?, ciHigh: Double?) {
            self.group = group; self.year = year; self.frame = frame; self.category = category; self.documents = documents
            self.weighted = weighted; self.frameWeighted = frameWeighted; self.share = share; self.ciLow = ciLow; self.ciHigh = ciHigh
        }
    }

    public static let fileName = "category_shares.csv"
    public static let columns = ["country", "year", "frame", "category", "documents", "weighted", "frame_weighted", "share", "ci_low", "ci_high"]

    public static func header(_ layout: TableLayout) -> [String] { grouped(layout) }
    public static func layout(of header: [String]) -> TableLayout { groupLayout(of: header) }

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        r.group + [String(r.year), r.frame, r.category, String(r.documents), TableCell.fixed(r.weighted, 3), TableCell.fixed(r.frameWeighted, 3),
                   TableCell.fixed(r.share, 4), TableCell.fixed(r.ciLow, 4), TableCell.fixed(r.ciHigh, 4)]
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(group: r.group, year: try r.int("year"), frame: r.text("frame"), category: r.text("category"), documents: try r.int("documents"),
            weighted: try r.double("weighted"), frameWeighted: try r.double("frame_weighted"), share: try r.optionalDouble("share"),
            ciLow: try r.optionalDouble("ci_low"), ciHigh: try r.optionalDouble("ci_high"))
    }
}

/// trends.csv (`series.trends: true`): the linear trend of each category's share, per group.
public enum TrendsTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var group: [String]
        public var frame: String
        public var category: String
        public var years: Int
        public var documents: Int
        public var firstYear: Int?
        public var lastYear: Int?
        /// Share per year; nil with fewer than two years.
        public var slope: Double?
        public var ciLow: Double?
        public var ciHigh: Double?
        /// The share of bootstrap slopes above zero.
        public var positive: Double?

        public init(group: [String], frame: String, category: String, years: Int, documents: Int, firstYear: Int?, lastYear: Int?,
                    slope: Double?, ciLow: Double?, ciHigh: Double?, positive: Double?) {
            self.group = group; self.frame = frame; self.category = category; self.years = years; self.documents = documents
            self.firstYear = firstYear; self.lastYear = lastYear; self.slope = slope; self.ciLow = ciLow; self.ciHigh = ciHigh
            self.positive = positive
        }
    }

    public static let fileName = "trends.csv"
    public static let columns = ["country", "frame", "category", "years", "documents", "first_year", "last_year", "slope_per_year",
                                 "ci_low", "ci_high", "share_of_replicates_above_zero"]

    public static func header(_ layout: TableLayout) -> [String] { grouped(layout) }
    public static func layout(of header: [String]) -> TableLayout { groupLayout(of: header) }

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        r.group + [r.frame, r.category, String(r.years), String(r.documents), TableCell.int(r.firstYear), TableCell.int(r.lastYear),
                   TableCell.fixed(r.slope, 5), TableCell.fixed(r.ciLow, 5), TableCell.fixed(r.ciHigh, 5), TableCell.fixed(r.positive, 3)]
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(group: r.group, frame: r.text("frame"), category: r.text("category"), years: try r.int("years"), documents: try r.int("documents"),
            firstYear: try r.optionalInt("first_year"), lastYear: try r.optionalInt("last_year"), slope: try r.optionalDouble("slope_per_year"),
            ciLow: try r.optionalDouble("ci_low"), ciHigh: try r.optionalDouble("ci_high"),
            positive: try r.optionalDouble("share_of_replicates_above_zero"))
    }
}
