import Yams

extension Lexicon {
    /// quanteda's YAML dictionaries: nested keys down to lists of words. A one-level dictionary
    /// (every key holds words) becomes one frame named after the file's stem; otherwise the
    /// first level becomes frames and the second categories, deeper keys joining the category id
    /// with "/", and a first-level key holding words directly becomes a frame with one category
    /// of the same name.
    public static func parseQuanteda(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var y = YAMLFile(path: path, text: text)
        guard y.problems.isEmpty else { throw LexiconError(y.problems) }
        var skipped: [Problem] = []
        var frames: [Frame] = []
        func entries(_ node: Node?) -> [Entry] {
            if case .mapping? = node { return [] }
            return y.strings(node, "a word").compactMap { w, n in
                guard !FormText.trimmed(w).isEmpty else {
                    // Published lists carry the odd `- ''` (cntext's HowNet): nothing to match, so skipped.
                    skipped.append(Problem(file: path, line: n.mark?.line ?? 0, column: n.mark?.column ?? 0, "an empty word: skipped", warning: true))
                    return nil
                }
                return importedEntry(w, line: n.mark?.line ?? 0, column: n.mark?.column ?? 0)
            }
        }
        func categories(_ node: Node, prefix: String) -> [Category] {
            var out: [Category] = []
            if case .mapping = node {
                for pair in y.mapping(node, "a dictionary level") {
                    let id = prefix.isEmpty ? pair.key : prefix + "/" + pair.key
                    if case .mapping = pair.value { out += categories(pair.value, prefix: id) } else {
                        out.append(Category(id: id, label: id, weight: 1, entries: entries(pair.value)))
                    }
                }
            } else {
                out.append(Category(id: prefix, label: prefix, weight: 1, entries: entries(node)))
            }
            return out
        }
        let top = y.mapping(y.root, "the dictionary")
        let oneLevel = !top.isEmpty && top.allSatisfy { if case .mapping = $0.value { return false } else { return true } }
        if oneLevel {
            let cats = top.map { Category(id: $0.key, label: $0.key, weight: 1, entries: entries($0.value)) }
            guard y.problems.isEmpty else { throw LexiconError(y.problems) }
            return imported(path: path, categories: cats, warnings: skipped)
        }
        for pair in top {
            if case .mapping = pair.value {
                frames.append(Frame(id: pair.key, label: pair.key, categories: categories(pair.value, prefix: "")))
            } else {
                frames.append(Frame(id: pair.key, label: pair.key, categories: [Category(id: pair.key, label: pair.key, weight: 1, entries: entries(pair.value))]))
            }
        }
        if frames.isEmpty { y.report(y.root, "no dictionary keys") }
        guard y.problems.isEmpty else { throw LexiconError(y.problems) }
        return Lexicon(name: baseName(path), version: "imported", path: path, frames: frames, negation: noNegation, warnings: skipped)
    }
}
