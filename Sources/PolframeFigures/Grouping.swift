import PolframeScore

/// How the series of a run are grouped, in words, and which groups a run has.
enum Grouping {
    /// The noun for one group of `field` ("country", "language", "administration").
    static func noun(_ field: String) -> String {
        switch field {
        case "translation_of": "original or translation"
        case "format": "source format"
        default: String(field.map { $0 == "_" ? " " : $0 })
        }
    }

    /// A plural for subtitles ("countries", "languages"); other nouns get "groups".
    static func plural(_ noun: String) -> String {
        switch noun {
        case "country": "countries"
        case "language": "languages"
        case "issuer": "issuers"
        default: "groups"
        }
    }

    /// Every group named in any table of the run, sorted: the same list for every figure, so a
    /// group keeps its colour from one figure to the next.
    static func groups(_ inputs: FigureInputs, groupBy: String) -> [String] {
        var out = Set<String>()
        if let text = inputs.series, let rows = try? Tables.series(text) { out.formUnion(rows.map(\.row.country)) }
        if let text = inputs.contrast, let rows = try? Tables.contrast(text) { out.formUnion(rows.map(\.row.country)) }
        if let text = inputs.categories, let cells = try? Tables.categoryCells(text) { out.formUnion(cells.documents.keys.map(\.group)) }
        if let d = inputs.documents, let docs = try? Tables.documents(d, groupBy: groupBy) { out.formUnion(docs.map(\.country)) }
        return out.sorted()
    }

    /// The languages of the scored documents, read from documents.csv.
    static func languages(_ inputs: FigureInputs) -> Languages {
        guard let d = inputs.documents, let docs = try? Tables.documents(d) else { return Languages(codes: [], filtered: false) }
        let ok = docs.filter(\.isScored)
        return Languages(codes: Set(ok.map(\.language).filter { !$0.isEmpty }).sorted(),
                         filtered: ok.contains { $0.scoredTokens != $0.tokens })
    }
}

/// The languages whose rates a figure draws, and whether a passage filter scored only part of
/// the documents.
struct Languages {
    var codes: [String]
    var filtered: Bool

    static let names = ["en": "English", "zh": "Chinese"]

    /// The warning printed wherever rates of several languages share an axis or a colour scale.
    var note: String? {
        guard codes.count > 1 else { return nil }
        let named = codes.map { Self.names[$0] ?? $0 }
        let list = named.count == 2 ? "\(named[0]) and \(named[1])" : named.dropLast().joined(separator: ", ") + " and " + named.last!
        return "Rates of \(list) documents share this scale but are not comparable across languages: tokens and lexicon forms differ by language (see docs/METHOD.md, threats to validity)."
    }
}
