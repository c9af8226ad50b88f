extension Lexicon {
    /// WordStat `.cat`: one category per line, its words below it one tab deeper as `WORD (weight)`.
    /// A lexicon of one frame named like the file is written as one level, as the reader makes
    /// it; otherwise frames are the top level and a category id's `/` parts are deeper levels,
    /// which the reader joins back.
    func wordStatCat(stem: String, _ out: inout LossLog) -> String {
        var lines: [String] = []
        let oneLevel = frames.count == 1 && frames[0].id == stem
        var written: Set<[String]> = []
        func line(_ depth: Int, _ text: String) { lines.append(String(repeating: "\t", count: depth) + text) }
        func categoryLine(_ path: [String], at: Form?) {
            guard written.insert(path).inserted else { return }
            line(path.count - 1, Self.wordStatName(path.last!, at: at, &out))
        }
        for f in frames {
            if !oneLevel { categoryLine([f.id], at: nil) }
            // The reader counts a category of the frame's own name first: keep that order.
            let ownFirst = f.categories.firstIndex { $0.id == f.id }.map { $0 == 0 } ?? true
            if !oneLevel && !ownFirst {
                out.add(nil, "category \(f.id)/\(f.id) reads back as the frame's first category (its words stand directly under the frame's line)")
            }
            for c in f.categories {
                let path = oneLevel ? [c.id] : (c.id == f.id ? [f.id] : [f.id] + c.id.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
                let at = c.entries.first?.forms.first
                for k in stride(from: oneLevel ? 1 : 2, to: path.count, by: 1) where !written.contains(Array(path.prefix(k))) {
                    let parent = path.prefix(k).dropFirst().joined(separator: "/")
                    if !f.categories.contains(where: { $0.id == parent }) {
                        out.add(at, "category \(f.id)/\(c.id) is written under a line '\(path[k - 1])', which reads back as an empty category \(f.id)/\(parent)")
                    }
                    categoryLine(Array(path.prefix(k)), at: at)
                }
                categoryLine(path, at: at)
                for e in c.entries {
                    for form in e.forms {
                        let text = FormText.trimmed(form.text)
                        if text.contains(where: \.isNewline) { out.dropped(form, in: "\(f.id)/\(c.id)", because: "a WordStat word is one line"); continue }
                        if text.contains("_") {
                            out.add(form, "'\(text)' in \(f.id)/\(c.id) reads back with spaces for its '_' (WordStat joins a phrase's words with '_')")
                        }
                        line(path.count, "\(text) (\(NumberText.weight(e.weight)))")
                    }
                }
            }
        }
        if !oneLevel && !written.contains(where: { $0.count > 1 }) {
            out.add(nil, "every category is named like its frame, so the file has one level and reads back as categories of one frame '\(stem)'")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A category line: a name that ends in `(…)` would read back as a word, so its parentheses
    /// are changed to brackets (and said so).
    static func wordStatName(_ name: String, at: Form?, _ out: inout LossLog) -> String {
        var n = name.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined().trimmingCharacters(in: .whitespaces)
        if n.range(of: "\\(\\s*[^()]*\\)$", options: .regularExpression) != nil {
            n = String(n.dropLast()) + "]"
            if let open = n.lastIndex(of: "(") { n.replaceSubrange(open...open, with: "[") }
        }
        if n != name { out.add(at, "category '\(name)' is written as '\(n)' (a WordStat category is one line not ending in '(…)')") }
        return n
    }
}
