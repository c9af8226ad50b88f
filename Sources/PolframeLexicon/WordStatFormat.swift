import Foundation

extension Lexicon {
    /// WordStat `.cat`: categories and words in a hierarchy by indentation (tabs, or spaces).
    /// A line ending in a number in parentheses, `WORD (1)`, is a word with its weight; every
    /// other line is a category, so an empty category may stand anywhere. A trailing `*` is a
    /// glob; `_` joins the words of a phrase. A one-level file becomes one frame named after the
    /// file's stem; otherwise the top level becomes frames and deeper levels categories (joined
    /// with "/"); words directly under a top-level category make a category of its name.
    public static func parseWordStat(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var problems: [Problem] = []
        struct Level { var name: String; var depth: Int }
        var stack: [Level] = []
        // Categories in file order, by path; each path's words.
        var paths: [[String]] = []
        var entries: [[String]: [Entry]] = [:]
        for (n, raw) in LexiconText.lines(text) {
            let line = String(raw)
            let body = line.trimmingCharacters(in: .whitespaces)
            if body.isEmpty { continue }
            // A tab is one level; spaces count as levels of any width, compared with the stack.
            let indent = line.prefix { $0 == "\t" || $0 == " " }
            let depth = indent.reduce(0) { $0 + ($1 == "\t" ? 8 : 1) }
            while let last = stack.last, last.depth >= depth { stack.removeLast() }
            if let m = body.range(of: "\\(\\s*[^()]*\\)$", options: .regularExpression) {
                let w = body[m].dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                let word = body[..<m.lowerBound].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: " ")
                guard let weight = Double(w) else {
                    problems.append(Problem(file: path, line: n, column: indent.count + 1, "weight '\(w)' of '\(word)' is not a number"))
                    continue
                }
                if let why = WeightRule.problem(weight) {
                    problems.append(Problem(file: path, line: n, column: indent.count + 1, "weight of '\(word)': \(why)"))
                    continue
                }
                guard !stack.isEmpty else {
                    problems.append(Problem(file: path, line: n, column: indent.count + 1, "'\(word)' is not inside a category"))
                    continue
                }
                guard !word.isEmpty else {
                    problems.append(Problem(file: path, line: n, column: indent.count + 1, "a weight without a word"))
                    continue
                }
                entries[stack.map(\.name), default: []].append(importedEntry(word, line: n, column: indent.count + 1, weight: weight))
            } else {
                stack.append(Level(name: body, depth: depth))
                paths.append(stack.map(\.name))
            }
        }
        if paths.isEmpty && problems.isEmpty { problems.append(Problem(file: path, "no categories (a category is a line without a '(n)' weight)")) }
        guard problems.isEmpty else { throw LexiconError(problems) }
        let deepest = paths.map(\.count).max() ?? 1
        if deepest == 1 {
            return imported(path: path, categories: paths.map { Category(id: $0[0], label: $0[0], entries: entries[$0] ?? []) }, warnings: [])
        }
        var frames: [Frame] = []
        for p in paths {
            if p.count == 1 {
                frames.append(Frame(id: p[0], label: p[0], categories: []))
                if let words = entries[p] { frames[frames.count - 1].categories.append(Category(id: p[0], label: p[0], entries: words)) }
            } else if let f = frames.firstIndex(where: { $0.id == p[0] }) {
                // A category holds the words of its own line; its sub-categories are categories of their own.
                let id = p.dropFirst().joined(separator: "/")
                frames[f].categories.append(Category(id: id, label: id, entries: entries[p] ?? []))
            }
        }
        for k in frames.indices where frames[k].categories.isEmpty {
            frames[k].categories = [Category(id: frames[k].id, label: frames[k].id, entries: [])]
        }
        return Lexicon(name: baseName(path), version: "imported", path: path, frames: frames, negation: noNegation)
    }
}
