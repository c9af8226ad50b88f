/// series.csv: one row per group × year × frame. The group is one column per `group_by` field.
public enum SeriesTable: OutputTable {
    public struct Row: Sendable, Equatable {
        /// The values of the group fields, in the layout's order.
        public var group: [String]
        public var year: Int
        public var frame: String
        public var documents: Int
        public var tokens: Int
        public var hits: Int
        public var weighted: Double
        /// Per 10,000 tokens; nil when the cell has no tokens.
        public var rate: Double?
        public var ciLow: Double?
        public var ciHigh: Double?
        /// Fewer documents than `series.min_documents` (`flag` is `few_documents`).
        public var fewDocuments: Bool
        public var translated: Int
        /// With coded sheets (the layout's `adjusted`): weighted hits and rate corrected by precision.
        public var weightedAdjusted: Double?
        public var rateAdjusted: Double?

        public init(group: [String], year: Int, frame: String, documents: Int, tokens: Int, hits: Int, weighted: Double, rate: Double?,
                    ciLow: Double?, ciHigh: Double?, fewDocuments: Bool, translated: Int, weightedAdjusted: Double? = nil,
                    rateAdjusted: Double? = nil) {
            self.group = group; self.year = year; self.frame = frame; self.documents = documents; self.tokens = tokens; self.hits = hits
            self.weighted = weighted; self.rate = rate; self.ciLow = ciLow; self.ciHigh = ciHigh; self.fewDocuments = fewDocuments
            self.translated = translated; self.weightedAdjusted = weightedAdjusted; self.rateAdjusted = rateAdjusted
        }
    }

    public static let fileName = "series.csv"
    public static let columns = ["country", "year", "frame", "documents", "tokens", "hits", "weighted", "rate_per_10k", "ci_low", "ci_high",
                                 "flag", "translated"]
    static let adjustedColumns = ["weighted_adjusted", "rate_adjusted_per_10k"]
    public static let optionalColumns: Set<String> = ["flag", "translated"]

    public static func header(_ layout: TableLayout) -> [String] { grouped(layout) + (layout.adjusted ? adjustedColumns : []) }
    public static func layout(of header: [String]) -> TableLayout { groupLayout(of: header, adjusted: adjustedColumns) }

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        r.group + tail(r) + (layout.adjusted ? [TableCell.fixed(r.weightedAdjusted, 3), TableCell.fixed(r.rateAdjusted, 4)] : [])
    }

    /// The fields after the group (series_by_language.csv shares them).
    static func tail(_ r: Row) -> [String] {
        [String(r.year), r.frame, String(r.documents), String(r.tokens), String(r.hits), TableCell.fixed(r.weighted, 3), TableCell.fixed(r.rate, 4),
         TableCell.fixed(r.ciLow, 4), TableCell.fixed(r.ciHigh, 4), TableCell.flag(r.fewDocuments), String(r.translated)]
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        try row(r, group: r.group)
    }

    static func row(_ r: TableRecord, group: [String]) throws(TableError) -> Row {
        Row(group: group, year: try r.int("year"), frame: r.text("frame"), documents: try r.int("documents"), tokens: try r.int("tokens"),
            hits: try r.int("hits"), weighted: try r.double("weighted"), rate: try r.optionalDouble("rate_per_10k"),
            ciLow: try r.optionalDouble("ci_low"), ciHigh: try r.optionalDouble("ci_high"), fewDocuments: r.text("flag") == "few_documents",
            translated: try r.optionalInt("translated") ?? 0,
            weightedAdjusted: r.layout.adjusted ? try r.optionalDouble("weighted_adjusted") : nil,
            rateAdjusted: r.layout.adjusted ? try r.optionalDouble("rate_adjusted_per_10k") : nil)
    }
}

/// series_by_language.csv: series.csv's cells split by the documents' language. The language is
/// a column of its own after the group; grouped by language already, it is the group's column.
public enum SeriesByLanguageTable: OutputTable {
    public struct Row: Sendable, Equatable {
        /// The cell; its group holds the group fields' values other than `language`.
        public var series: SeriesTable.Row
        public var language: String

        public init(series: SeriesTable.Row, language: String) { self.series = series; self.language = language }
    }

    public static let fileName = "series_by_language.csv"
    public static let columns = ["country", "language"] + SeriesTable.columns.dropFirst()
    public static let optionalColumns: Set<String> = ["flag", "translated"]

    /// The columns that lead the table: the group fields, then `language` unless one of them.
    static func leading(_ layout: TableLayout) -> [String] { layout.groups + (layout.groups.contains("language") ? [] : ["language"]) }

    public static func header(_ layout: TableLayout) -> [String] { leading(layout) + SeriesTable.columns.dropFirst() }

    /// A trailing `language` column is read as the split, not as a group field (the two write
    /// the same bytes).
    public static func layout(of header: [String]) -> TableLayout {
        let lead = Array(header.prefix(header.firstIndex(of: "year") ?? 1))
        return TableLayout(groups: lead.last == "language" && lead.count > 1 ? Array(lead.dropLast()) : lead)
    }

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        var others = r.series.group.makeIterator()
        var out = layout.groups.map { $0 == "language" ? r.language : (others.next() ?? "") }
        if !layout.groups.contains("language") { out.append(r.language) }
        return out + SeriesTable.tail(r.series)
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        let group = r.layout.groups.filter { $0 != "language" }.map(r.text)
        return Row(series: try SeriesTable.row(r, group: group), language: r.text("language"))
    }
}

/// contrast.csv: one row per group × year, the contrast index with its bootstrap interval.
public enum ContrastTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var group: [String]
        public var year: Int
        public var documents: Int
        public var plus: Double
        public var minus: Double
        /// (plus − minus) / (plus + minus); nil without hits.
        public var index: Double?
        public var ciLow: Double?
        public var ciHigh: Double?
        public var fewDocuments: Bool
        /// Raw hits of both contrast frames (nil in a table without the column).
        public var hits: Int?
        public var translated: Int
        /// With coded sheets (the layout's `adjusted`).
        public var plusAdjusted: Double?
        public var minusAdjusted: Double?
        public var indexAdjusted: Double?

        public init(group: [String], year: Int, documents: Int, plus: Double, minus: Double, index: Double?, ciLow: Double?,
                    ciHigh: Double?, fewDocuments: Bool, hits: Int?, translated: Int, plusAdjusted: Double? = nil,
                    minusAdjusted: Double? = nil, indexAdjusted: Double? = nil) {
            self.group = group; self.year = year; self.documents = documents; self.plus = plus; self.minus = minus; self.index = index
            self.ciLow = ciLow; self.ciHigh = ciHigh; self.fewDocuments = fewDocuments; self.hits = hits; self.translated = translated
            self.plusAdjusted = plusAdjusted; self.minusAdjusted = minusAdjusted; self.indexAdjusted = indexAdjusted
        }
    }

    public static let fileName = "contrast.csv"
    public static let columns = ["country", "year", "documents", "plus", "minus", "index", "ci_low", "ci_high", "flag", "hits", "translated"]
    static let adjustedColumns = ["plus_adjusted", "minus_adjusted", "index_adjusted"]
    public static let optionalColumns: Set<String> = ["flag", "hits", "translated"]

    public static func header(_ layout: TableLayout) -> [String] { grouped(layout) + (layout.adjusted ? adjustedColumns : []) }
    public static func layout(of header: [String]) -> TableLayout { groupLayout(of: header, adjusted: adjustedColumns) }

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        r.group + [String(r.year), String(r.documents), TableCell.fixed(r.plus, 3), TableCell.fixed(r.minus, 3), TableCell.fixed(r.index, 4),
                   TableCell.fixed(r.ciLow, 4), TableCell.fixed(r.ciHigh, 4), TableCell.flag(r.fewDocuments), TableCell.int(r.hits), String(r.translated)]
            + (layout.adjusted ? [TableCell.fixed(r.plusAdjusted, 3), TableCell.fixed(r.minusAdjusted, 3), TableCell.fixed(r.indexAdjusted, 4)] : [])
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(group: r.group, year: try r.int("year"), documents: try r.int("documents"), plus: try r.double("plus"), minus: try r.double("minus"),
            index: try r.optionalDouble("index"), ciLow: try r.optionalDouble("ci_low"), ciHigh: try r.optionalDouble("ci_high"),
            fewDocuments: r.text("flag") == "few_documents", hits: try r.optionalInt("hits"), translated: try r.optionalInt("translated") ?? 0,
            plusAdjusted: r.layout.adjusted ? try r.optionalDouble("plus_adjusted") : nil,
            minusAdjusted: r.layout.adjusted ? try r.optionalDouble("minus_adjusted") : nil,
            indexAdjusted: r.layout.adjusted ? try r.optionalDouble("index_adjusted") : nil)
    }
}

/// contrast_overall.csv: one row per group, every year pooled (`years` is `all`).
public enum ContrastOverallTable: OutputTable {
    public struct Row: Sendable, Equatable {
        public var group: [String]
        public var documents: Int
        public var plus: Double
        public var minus: Double
        public var index: Double?
        public var ciLow: Double?
        public var ciHigh: Double?
        public var plusAdjusted: Double?
        public var minusAdjusted: Double?
        public var indexAdjusted: Double?

        public init(group: [String], documents: Int, plus: Double, minus: Double, index: Double?, ciLow: Double?, ciHigh: Double?,
                    plusAdjusted: Double? = nil, minusAdjusted: Double? = nil, indexAdjusted: Double? = nil) {
            self.group = group; self.documents = documents; self.plus = plus; self.minus = minus; self.index = index
            self.ciLow = ciLow; self.ciHigh = ciHigh
            self.plusAdjusted = plusAdjusted; self.minusAdjusted = minusAdjusted; self.indexAdjusted = indexAdjusted
        }
    }

    public static let fileName = "contrast_overall.csv"
    public static let columns = ["country", "years", "documents", "plus", "minus", "index", "ci_low", "ci_high"]

    public static func header(_ layout: TableLayout) -> [String] { grouped(layout) + (layout.adjusted ? ContrastTable.adjustedColumns : []) }
    public static func layout(of header: [String]) -> TableLayout { groupLayout(of: header, adjusted: ContrastTable.adjustedColumns) }

    public static func fields(_ r: Row, _ layout: TableLayout) -> [String] {
        r.group + ["all", String(r.documents), TableCell.fixed(r.plus, 3), TableCell.fixed(r.minus, 3), TableCell.fixed(r.index, 4),
                   TableCell.fixed(r.ciLow, 4), TableCell.fixed(r.ciHigh, 4)]
            + (layout.adjusted ? [TableCell.fixed(r.plusAdjusted, 3), TableCell.fixed(r.minusAdjusted, 3), TableCell.fixed(r.indexAdjusted, 4)] : [])
    }

    public static func row(_ r: TableRecord) throws(TableError) -> Row {
        Row(group: r.group, documents: try r.int("documents"), plus: try r.double("plus"), minus: try r.double("minus"),
            index: try r.optionalDouble("index"), ciLow: try r.optionalDouble("ci_low"), ciHigh: try r.optionalDouble("ci_high"),
            plusAdjusted: r.layout.adjusted ? try r.optionalDouble("plus_adjusted") : nil,
            minusAdjusted: r.layout.adjusted ? try r.optionalDouble("minus_adjusted") : nil,
            indexAdjusted: r.layout.adjusted ? try r.optionalDouble("index_adjusted") : nil)
    }
}
