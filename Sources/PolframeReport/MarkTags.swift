/// The parts of a mark's opening tag that depend only on its matches.csv row's frame, category,
/// entry, negated and excluded flags: built once per distinct row kind, not once per mark (a
/// 10,000-document report draws hundreds of thousands of marks from a few hundred kinds).
struct MarkTag: Sendable {
    /// Colour class index of the row's "frame/category".
    var colour: Int
    /// "frame/category" as it is (the key of the category's colour and counts).
    var key: String
    /// "frame/category", escaped for an attribute value.
    var category: String
    /// The category's label and the entry, escaped (a passage's caption).
    var categoryLabel: String
    var entry: String
    /// The category's legend item up to its count: swatch, labels of category and frame.
    var legendItem: String
    /// "Category (Frame): entry[, negated][, excluded]", escaped for an attribute value.
    var title: String
}

/// Every distinct row kind's `MarkTag`, and each row's index into them (`MatchRow.tag`).
struct MarkTags: Sendable {
    private(set) var tags: [MarkTag] = []
    private var index: [Kind: Int] = [:]

    /// A row's kind as a key: its strings hashed in place, with no joined copy made per row.
    private struct Kind: Hashable {
        var frame, category, entry: String
        var negated, excluded: Bool
    }

    subscript(_ i: Int) -> MarkTag { tags[i] }

    /// The index of `row`'s kind, adding it on first sight. `colour` is its category's class.
    mutating func tag(for row: MatchRow, colour: Int, label: (String) -> String) -> Int {
        let kind = Kind(frame: row.frame, category: row.category, entry: row.entry, negated: row.negated, excluded: row.excluded)
        if let i = index[kind] { return i }
        let title = "\(label(row.category)) (\(label(row.frame))): \(row.entry)" + (row.negated ? ", negated" : "") + (row.excluded ? ", excluded" : "")
        let key = row.frame + "/" + row.category
        tags.append(MarkTag(colour: colour, key: key, category: HTML.escape(key),
                            categoryLabel: HTML.escape(label(row.category)), entry: HTML.escape(row.entry),
                            legendItem: Self.legendItem(key, colour: colour, label: label), title: HTML.escape(title)))
        index[kind] = tags.count - 1
        return tags.count - 1
    }

    /// Labels found by splitting the key at its first "/", as the legend always has.
    static func legendItem(_ key: String, colour: Int, label: (String) -> String) -> String {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        return "<li><span class=\"swatch c\(colour)\"></span>\(HTML.escape(label(parts.last ?? key))) (\(HTML.escape(label(parts.first ?? "")))): "
    }
}
