import PolframeScore

/// What figures need to know about each group × year cell beyond its rates, so they can be
/// drawn from the CSVs alone: how many of its documents are translations (a rate measured on a
/// translation is not the original's), and the raw hits behind its contrast index.
struct CellFacts {
    struct Cell: Hashable { var group: String; var year: Int }
    private var translated: [Cell: Int] = [:]
    private var contrastHits: [Cell: Int] = [:]

    /// `translations`: the ids of documents whose manifest row names a `translation_of`.
    init(_ docs: [ScoredDocument], translations: Set<String>, plus: String, minus: String) {
        for d in docs {
            let cell = Cell(group: d.country, year: d.year)
            if translations.contains(d.id) { translated[cell, default: 0] += 1 }
            let hits = d.score.categories.reduce(0) { $0 + ($1.frame == plus || $1.frame == minus ? $1.hits : 0) }
            contrastHits[cell, default: 0] += hits
        }
    }

    func translated(_ group: String, _ year: Int) -> Int { translated[Cell(group: group, year: year)] ?? 0 }
    func contrastHits(_ group: String, _ year: Int) -> Int { contrastHits[Cell(group: group, year: year)] ?? 0 }
}
