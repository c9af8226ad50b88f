import PolframeScore

/// The CSV outputs a figure is drawn from (their text), so figures can be redrawn from the CSVs
/// alone, without re-running the pipeline. A figure that needs a missing table throws.
public struct FigureInputs: Sendable {
    /// series.csv: country × year × frame rates with intervals.
    public var series: String?
    /// contrast.csv: country × year contrast index with intervals.
    public var contrast: String?
    /// scores.csv: document × frame × category hits.
    public var scores: String?
    /// documents.csv: one row per document with tokens and status.
    public var documents: String?
    /// categories.csv: group × year × frame × category totals (the heatmap prefers it to
    /// scores.csv: one row per cell instead of one per document).
    public var categories: String?

    public init(series: String?, contrast: String?, scores: String?, documents: String?, categories: String? = nil) {
        self.series = series; self.contrast = contrast; self.scores = scores; self.documents = documents
        self.categories = categories
    }
}

/// What a figure says beside its data.
public struct FigureOptions: Sendable {
    /// A heading replacing the figure's own (one figure at a time: pass it for the figure it names).
    public var title: String?
    /// The study's name (the pipeline's), added to default headings.
    public var study: String?
    /// The source note printed at the bottom of every figure.
    public var source: String
    /// The frame counted plus and the one counted minus in the contrast index.
    public var plus: String
    public var minus: String
    /// The field series are grouped by (`series.group_by`): the subtitles name it, and
    /// documents.csv is grouped by its column of that name.
    public var groupBy: String
    /// Points resting on fewer hits are drawn hollow and labelled with their count.
    public var minHits: Int
    /// Colour of each group, the same in every figure of a run (set by `Figures.render` from
    /// all the tables, unless given).
    public var colours: [String: String]?

    public init(title: String? = nil, study: String? = nil, source: String, plus: String = "values_based", minus: String = "development_centric",
                groupBy: String = "country", minHits: Int = 10, colours: [String: String]? = nil) {
        self.title = title; self.study = study; self.source = source; self.plus = plus; self.minus = minus
        self.groupBy = groupBy; self.minHits = minHits; self.colours = colours
    }

    func heading(_ standard: String) -> String { title ?? (study.map { "\(standard): \($0)" } ?? standard) }

    /// What one group is, in words ("country", "language", "administration").
    var groupNoun: String { Grouping.noun(groupBy) }
    /// The run's colours of `groups` (from the palette over these groups when none were set).
    func colours(for groups: [String]) -> [String: String] {
        let run = colours ?? Palette.colours(for: groups)
        return Dictionary(uniqueKeysWithValues: groups.map { ($0, run[$0] ?? Palette.fallback) })
    }
}

/// Why a figure could not be drawn.
public enum FigureError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownFigure(String, known: [String])
    /// The figure needs this CSV output and it was not given.
    case missingInput(figure: String, file: String)
    /// The CSV lacks columns the figure needs (or is not CSV).
    case unreadableTable(file: String, missingColumns: [String])
    /// A row of a CSV input is not what its columns hold: the file, line and column, in words.
    case badTable(String)

    public var description: String {
        switch self {
        case let .unknownFigure(name, known): "unknown figure '\(name)' (known: \(known.joined(separator: ", ")))"
        case let .missingInput(figure, file): "figure \(figure) is drawn from \(file), which was not given"
        case let .unreadableTable(file, missing):
            missing.isEmpty ? "\(file) is empty or not CSV" : "\(file) has no column \(missing.joined(separator: ", ")) (contract v1 columns expected)"
        case let .badTable(detail): detail
        }
    }
}

/// Every figure polframe draws, by name.
public enum Figures {
    /// The figure names a pipeline may list, in drawing order.
    public static let names: [String] = ["contrast", "frame_rates", "category_heatmap", "corpus_coverage"]

    /// Renders one figure as SVG files: [(file name, SVG text)]; one file per country for
    /// `category_heatmap` ("category_heatmap_US.svg"), else a single "NAME.svg".
    public static func render(_ name: String, _ inputs: FigureInputs, _ options: FigureOptions) throws(FigureError) -> [(String, String)] {
        var options = options
        if options.colours == nil { options.colours = Palette.colours(for: Grouping.groups(inputs, groupBy: options.groupBy)) }
        let languages = Grouping.languages(inputs)
        switch name {
        case "contrast":
            guard let text = inputs.contrast else { throw .missingInput(figure: name, file: "contrast.csv") }
            let rows = try Tables.contrast(text)
            return [("contrast.svg", ContrastFigure.render(rows, options: options))]
        case "frame_rates":
            guard let text = inputs.series else { throw .missingInput(figure: name, file: "series.csv") }
            return [("frame_rates.svg", FrameRatesFigure.render(try Tables.series(text), options: options, languages: languages))]
        case "category_heatmap":
            // categories.csv carries each cell's documents and tokens; scores.csv needs documents.csv for them.
            if let cats = inputs.categories {
                return CategoryHeatmapFigure.render(try Tables.categoryCells(cats), options: options, languages: languages)
            }
            guard let d = inputs.documents else { throw .missingInput(figure: name, file: "documents.csv") }
            guard let s = inputs.scores else { throw .missingInput(figure: name, file: "scores.csv") }
            let cells = HeatmapCells(scores: try Tables.scores(s), documents: try Tables.documents(d, groupBy: options.groupBy))
            return CategoryHeatmapFigure.render(cells, options: options, languages: languages)
        case "corpus_coverage":
            guard let d = inputs.documents else { throw .missingInput(figure: name, file: "documents.csv") }
            return [("corpus_coverage.svg", CorpusCoverageFigure.render(try Tables.documents(d, groupBy: options.groupBy), options: options))]
        default:
            throw .unknownFigure(name, known: names)
        }
    }
}
