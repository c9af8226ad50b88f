/// What the category heatmaps draw: per group × year cell its scored documents and tokens, and
/// per cell × frame × category the weighted hits, in the lexicon's order, with its labels.
struct HeatmapCells {
    struct Cell: Hashable { var group: String; var year: Int }
    struct Key: Hashable { var cell: Cell; var frame: String; var category: String }

    /// Scored documents per cell (a cell absent here had none).
    var documents: [Cell: Int] = [:]
    /// Tokens scored per cell; 0 where documents exist but no passage was scored.
    var tokens: [Cell: Int] = [:]
    var translated: [Cell: Int] = [:]
    var weighted: [Key: Double] = [:]
    /// Raw hits, when the table carries them.
    var hits: [Key: Int] = [:]
    /// Frames in first-seen order and each frame's categories in first-seen (lexicon) order.
    private(set) var frameOrder: [String] = []
    private(set) var categories: [String: [String]] = [:]
    /// Lexicon labels by frame id and "frame/category".
    var labels: [String: String] = [:]

    init() {}

    /// Cell totals from per-document scores.csv lines and documents.csv (older outputs).
    init(scores: [ScoreLine], documents lines: [DocumentLine]) {
        var scored = Set<String>()
        for d in lines where d.isScored {
            guard let year = d.year else { continue }
            let cell = Cell(group: d.country, year: year)
            documents[cell, default: 0] += 1
            tokens[cell, default: 0] += max(0, d.scoredTokens ?? 0)
            if d.translated { translated[cell, default: 0] += 1 }
            scored.insert(d.docID)
        }
        // Lines without a document id are cell totals over scored documents.
        for s in scores where s.docID.isEmpty || scored.contains(s.docID) {
            guard let year = s.year else { continue }
            add(Cell(group: s.country, year: year), frame: s.frame, category: s.category, weighted: s.weighted, hits: nil)
        }
    }

    mutating func addCell(_ cell: Cell, documents n: Int, tokens t: Int, translated tr: Int) {
        documents[cell] = n; tokens[cell] = t; translated[cell] = tr
    }

    mutating func add(_ cell: Cell, frame: String, category: String, weighted w: Double, hits h: Int?) {
        if categories[frame] == nil { categories[frame] = []; frameOrder.append(frame) }
        if !categories[frame]!.contains(category) { categories[frame]!.append(category) }
        let key = Key(cell: cell, frame: frame, category: category)
        weighted[key, default: 0] += w
        if let h { hits[key, default: 0] += h }
    }

    /// The contrast's frames first, then the others as first seen.
    func frames(plus: String, minus: String) -> [String] {
        var out: [String] = []
        for f in [plus, minus] + frameOrder where categories[f] != nil && !out.contains(f) { out.append(f) }
        return out
    }

    func categories(of frame: String) -> [String] { categories[frame] ?? [] }

    /// Weighted hits per 10,000 scored tokens; nil where the cell has no scored token.
    func rate(_ key: Key) -> Double? {
        guard let t = tokens[key.cell], t > 0 else { return nil }
        return (weighted[key] ?? 0) / Double(t) * 10_000
    }

    /// The label shown for a frame or a "frame/category" (the id, spaced, when the lexicon gives none).
    func label(frame: String, category: String? = nil) -> String {
        let id = category.map { frame + "/" + $0 } ?? frame
        return labels[id] ?? String((category ?? frame).map { $0 == "_" ? " " : $0 })
    }

    var groups: [String] { Array(Set(documents.keys.map(\.group) + weighted.keys.map(\.cell.group))).sorted() }
    var years: [Int] { documents.keys.map(\.year) + weighted.keys.map(\.cell.year) }
}
