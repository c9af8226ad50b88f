/// What a mark shows of its matches.csv row that depends only on the row's frame, category,
/// entry, negated and excluded flags (its kind): built once per kind, not once per mark (a
/// 10,000-document report draws hundreds of thousands of marks from a few hundred kinds). A class:
/// a mark takes its kind's tag with one retain, not one per string and array in it.
final class MarkTag: Sendable {
    let frame: String
    let category: String
    let entry: String
    let negated: Bool
    let excluded: Bool
    /// Index of the frame among the frames seen, in order of first sight.
    let frameIndex: Int
    /// Colour class index of the row's "frame/category".
    let colour: Int
    /// "frame/category" as it is (the key of the category's colour and counts).
    let key: String
    /// "frame/category", escaped for an attribute value.
    let categoryAttribute: [UInt8]
    /// "Category (Frame): entry[, negated][, excluded]", escaped for an attribute value.
    let titleAttribute: [UInt8]
    /// The category's legend item up to its count: swatch, labels of category and frame.
    let legendItem: String
    /// A mark of this row alone: its opening tag from ` class` to the start offset's value, and
    /// from after the end offset's value to the tag's end.
    let openClass: [UInt8]
    let openTail: [UInt8]
    /// A passage's list item up to its link's target: category label, entry.
    let passageHead: [UInt8]

    init(frame: String, category: String, entry: String, negated: Bool, excluded: Bool, frameIndex: Int, colour: Int, key: String,
         categoryAttribute: [UInt8], titleAttribute: [UInt8], legendItem: String, openClass: [UInt8], openTail: [UInt8], passageHead: [UInt8]) {
        self.frame = frame; self.category = category; self.entry = entry; self.negated = negated; self.excluded = excluded
        self.frameIndex = frameIndex; self.colour = colour; self.key = key; self.categoryAttribute = categoryAttribute
        self.titleAttribute = titleAttribute; self.legendItem = legendItem; self.openClass = openClass; self.openTail = openTail
        self.passageHead = passageHead
    }
}

/// Every distinct row kind's `MarkTag`, and each row's index into them (`Match.kind`).
struct MarkTags: Sendable {
    private(set) var tags: [MarkTag] = []
    private(set) var frames: [String] = []
    /// Each kind's frame index and excluded flag, read per match without touching its tag.
    private(set) var frameOf: [Int] = []
    private(set) var excludedOf: [Bool] = []
    private var index: [Kind: Int] = [:]

    /// A row's kind as a key: its strings hashed in place, with no joined copy made per row.
    private struct Kind: Hashable {
        var frame, category, entry: String
        var negated, excluded: Bool
    }

    subscript(_ i: Int) -> MarkTag { tags[i] }
    subscript(_ i: Int32) -> MarkTag { tags[Int(i)] }

    /// The index of a row's kind, adding it on first sight. `colour` is its category's class.
    mutating func kind(frame: String, category: String, entry: String, negated: Bool, excluded: Bool,
                       colour: (String) -> Int, label: (String) -> String) -> Int {
        let kind = Kind(frame: frame, category: category, entry: entry, negated: negated, excluded: excluded)
        if let i = index[kind] { return i }
        let title = "\(label(category)) (\(label(frame))): \(entry)" + (negated ? ", negated" : "") + (excluded ? ", excluded" : "")
        let key = frame + "/" + category
        let c = colour(key)
        let frameIndex: Int
        if let f = frames.firstIndex(of: frame) { frameIndex = f } else { frames.append(frame); frameIndex = frames.count - 1 }
        var openClass = HTMLBytes(), openTail = HTMLBytes(), head = HTMLBytes()
        openClass.append(" class=\"m c"); openClass.append(c)
        if negated { openClass.append(" negated") }
        if excluded { openClass.append(" excluded") }
        openClass.append("\" data-start=\"")
        let categoryAttribute = Array(HTML.escape(key).utf8), titleAttribute = Array(HTML.escape(title).utf8)
        openTail.append("\" data-categories=\""); openTail.append(categoryAttribute)
        openTail.append("\" title=\""); openTail.append(titleAttribute); openTail.append("\">")
        head.append("<li><span class=\"meta\">"); head.appendEscaped(label(category)); head.append(" · ")
        head.appendEscaped(entry); head.append(" · <a href=\"../")
        tags.append(MarkTag(frame: frame, category: category, entry: entry, negated: negated, excluded: excluded, frameIndex: frameIndex,
                            colour: c, key: key, categoryAttribute: categoryAttribute, titleAttribute: titleAttribute,
                            legendItem: Self.legendItem(key, colour: c, label: label),
                            openClass: openClass.bytes, openTail: openTail.bytes, passageHead: head.bytes))
        frameOf.append(frameIndex)
        excludedOf.append(excluded)
        index[kind] = tags.count - 1
        return tags.count - 1
    }

    /// Labels found by splitting the key at its first "/", as the legend always has.
    static func legendItem(_ key: String, colour: Int, label: (String) -> String) -> String {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        return "<li><span class=\"swatch c\(colour)\"></span>\(HTML.escape(label(parts.last ?? key))) (\(HTML.escape(label(parts.first ?? "")))): "
    }
}
