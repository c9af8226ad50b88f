import PolframeScore

/// Everything the evidence report shows, read from a run's outputs (the CSV tables and the
/// figures) plus each document's extracted text: the report is drawn from what make wrote, as
/// the figures are, so a number in it is the number in the CSV.
public struct ReportInput: Sendable {
    /// The study's name and description (from the pipeline).
    public var name: String
    public var description: String
    /// The column the series are grouped by (`country` unless the pipeline says otherwise).
    public var groupColumn: String
    public var documents: CSVTable
    public var series: CSVTable
    public var contrast: CSVTable?
    public var categories: CSVTable?
    public var matches: CSVTable
    public var coverage: CSVTable?
    public var validation: CSVTable?
    /// Figure file name → SVG text, drawn inline on the overview.
    public var figures: [(name: String, svg: String)]
    /// Frame and category ids → the lexicon's labels.
    public var labels: [String: String]
    /// The passage filter, when the pipeline scores only passages near a topic's hits.
    public var passageFilter: String?
    /// A document's extracted text (the text matches.csv's offsets point into), when known.
    public var text: @Sendable (String) -> String?
    /// Passage-filter windows of a document as scalar offset ranges (shaded on its page).
    public var windows: @Sendable (String) -> [Range<Int>]
    /// Where a document came from: a URL or a path to the original file.
    public var source: @Sendable (String) -> String?
    /// The validation sample's sheet (`polframe validate sample`), shown on the coding page.
    public var codingSheet: CSVTable?

    public init(name: String, description: String, groupColumn: String, documents: CSVTable, series: CSVTable,
                contrast: CSVTable?, categories: CSVTable?, matches: CSVTable, coverage: CSVTable?, validation: CSVTable?,
                figures: [(name: String, svg: String)], labels: [String: String], passageFilter: String?,
                text: @escaping @Sendable (String) -> String?, windows: @escaping @Sendable (String) -> [Range<Int>] = { _ in [] },
                source: @escaping @Sendable (String) -> String? = { _ in nil }, codingSheet: CSVTable? = nil) {
        self.name = name; self.description = description; self.groupColumn = groupColumn
        self.documents = documents; self.series = series; self.contrast = contrast; self.categories = categories
        self.matches = matches; self.coverage = coverage; self.validation = validation; self.figures = figures
        self.labels = labels; self.passageFilter = passageFilter; self.text = text; self.windows = windows; self.source = source
        self.codingSheet = codingSheet
    }

    /// The label of a frame or category id, or the id itself.
    func label(_ id: String) -> String { labels[id] ?? id }
}

/// A table's rows as dictionaries by header name (the report reads columns by name so that
/// added columns never shift what it shows).
struct Rows {
    let header: [String]
    let rows: [[String]]
    private let index: [String: Int]

    init(_ table: CSVTable?) {
        header = table?.header ?? []
        rows = table?.rows ?? []
        var idx: [String: Int] = [:]
        for (i, h) in header.enumerated() where idx[h] == nil { idx[h] = i }
        index = idx
    }

    func value(_ row: [String], _ column: String) -> String {
        guard let i = index[column], i < row.count else { return "" }
        return row[i]
    }

    /// A column's index, to read many rows of it without a lookup by name each.
    func column(_ name: String) -> Int? { index[name] }

    func value(_ row: [String], _ column: Int?) -> String {
        guard let i = column, i < row.count else { return "" }
        return row[i]
    }

    func has(_ column: String) -> Bool { index[column] != nil }
}
