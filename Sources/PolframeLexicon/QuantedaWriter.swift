extension Lexicon {
    /// quanteda's YAML dictionary: keys down to lists of words. A lexicon of one frame named like
    /// the file is written as one level, as the reader makes it; otherwise frames are the first
    /// level and a category id's `/` parts are nested keys, which the reader joins back.
    func quantedaYAML(stem: String, _ out: inout LossLog) -> String {
        var lines: [String] = []
        if frames.count == 1 && frames[0].id == stem {
            for c in frames[0].categories {
                let forms = c.entries.flatMap(\.forms)
                lines.append("\(Self.quoted(c.id)):" + (forms.isEmpty ? " []" : ""))
                lines += forms.map { "  - " + Self.quoted(FormText.trimmed($0.text)) }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        for f in frames {
            lines.append("\(Self.quoted(f.id)):")
            // A nested key holds either words or keys: a category whose id is a prefix of
            // another's (`a` beside `a/b`) cannot keep its words.
            var tree = KeyTree()
            for c in f.categories { tree.insert(c.id.split(separator: "/", omittingEmptySubsequences: false).map(String.init), c) }
            tree.write(depth: 1, into: &lines, frame: f.id, &out)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Categories by the `/` parts of their ids, in the order first seen, for nested YAML keys.
struct KeyTree {
    var keys: [String] = []
    var children: [String: KeyTree] = [:]
    var category: Category?

    mutating func insert(_ path: [String], _ c: Category) {
        guard let first = path.first else { category = c; return }
        if children[first] == nil { keys.append(first); children[first] = KeyTree() }
        children[first]!.insert(Array(path.dropFirst()), c)
    }

    func write(depth: Int, into lines: inout [String], frame: String, _ out: inout LossLog) {
        let pad = String(repeating: "  ", count: depth)
        for k in keys {
            let node = children[k]!
            if node.keys.isEmpty {
                let forms = node.category?.entries.flatMap(\.forms) ?? []
                lines.append(pad + Lexicon.quoted(k) + ":" + (forms.isEmpty ? " []" : ""))
                lines += forms.map { pad + "  - " + Lexicon.quoted(FormText.trimmed($0.text)) }
            } else {
                if let c = node.category {
                    let forms = c.entries.flatMap(\.forms)
                    for form in forms { out.dropped(form, in: "\(frame)/\(c.id)", because: "a quanteda key holds words or keys, and \(frame)/\(c.id) has categories below it") }
                    if forms.isEmpty { out.add(nil, "the empty category \(frame)/\(c.id) is not kept (categories below it take its key)") }
                }
                lines.append(pad + Lexicon.quoted(k) + ":")
                node.write(depth: depth + 1, into: &lines, frame: frame, &out)
            }
        }
    }
}
